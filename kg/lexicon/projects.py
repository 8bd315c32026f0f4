"""General vocabulary for project and programme names: heads, generic modifiers, markers.

Project and programme names are noun phrases that end in a head word (项目, 工程,
产业园, 行动, 大赛, ...); :mod:`kg.lexicon.phrases` finds where they begin. Nothing
here names a particular project, place or programme: the lists are head words and
generic modifiers, so they carry over to any province and year.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

from kg.lexicon.divisions import county_stems, find_names
from kg.segment import tag


# Heads of concrete undertakings: buildings, works, parks, lines, facilities.
PROJECT_HEADS = (
    "项目", "工程", "改扩建工程", "高速", "高速公路", "快速路", "产业园", "产业园区", "科技园",
    "工业园", "物流园", "创业园", "农业园区", "新城", "基地", "纪念馆", "博物馆", "展览馆",
    "图书馆", "体育馆", "体育场", "美术馆", "医院", "水厂", "污水处理厂", "管线", "管网", "大道",
    "大街", "总部", "生产线", "航站楼", "机场", "大桥", "隧道", "铁路", "高铁", "枢纽",
    "电站", "电厂", "水库", "综合体", "步行街", "会展中心", "会议中心", "展览中心", "文化中心",
    "活动中心", "体育中心", "数据中心", "物流中心", "科创中心", "创新中心", "研发中心",
    "博览中心", "演艺中心", "购物中心", "康养中心", "产业基地", "示范园区", "小镇", "公园",
    "种质资源库", "种质库", "基因库", "冷库", "粮库", "游客服务中心", "游客中心",
    "安置点", "安置区", "安置小区", "延长线", "延伸线", "东延线", "西延线", "南延线", "北延线",
    "客运专线", "城际铁路", "轻轨",
)

# Heads of policy undertakings; weak ones name a programme only when quoted or numbered.
# Named recurring events (festivals, fairs, races) count as programmes.
PROGRAMME_HEADS = (
    "专项行动", "行动计划", "行动", "专项治理", "专项整治", "战略", "大赛", "竞赛", "选拔赛", "工程",
    "文化旅游节", "旅游节", "文化节", "艺术节", "音乐节", "美食节", "冰雪节", "博览会", "交易会",
    "马拉松", "运动会", "攻坚战", "保卫战", "会战",
)
PROGRAMME_WEAK_HEADS = (
    "计划", "活动", "改革", "模式", "工作法", "机制", "品牌", "工作室", "服务圈", "联盟", "体系",
    "革命", "制度",
)

# What a title in 《》 ends with when it is a policy document.
DOCUMENT_SUFFIXES = (
    "规划", "方案", "意见", "办法", "条例", "规定", "通知", "决定", "纲要", "措施", "计划",
    "指南", "细则", "规则", "标准", "清单", "准则", "制度", "法", "实施意见", "行动", "工程",
    "战略", "公约", "要点", "守则", "指引", "导则",
)


# Modifiers that do not make a phrase a name: 重点项目, 专项行动, 该项目 are not names.
GENERIC_MODIFIERS = (
    "标志性", "高质量", "国家级", "省级", "市级", "县级", "区级", "重点", "重大", "重要", "相关",
    "各类", "各项", "一批", "专项", "集中", "攻坚", "联合", "系列", "主题", "全市", "全省",
    "全区", "全县", "本次", "此次", "这个", "有关", "其他", "上述", "这些", "有效", "各种",
    "多个", "特色", "专题", "部分", "定点", "甲等", "二级", "三级", "实际", "具体", "自觉", "共同", "统一", "工作", "发展", "主体", "大", "小", "新", "好",
    "控制性", "关键性", "基础性", "引领性", "战略性", "先导性", "全局性", "支撑性",
    "该", "本", "此", "各", "等", "的",
)
# Words that make no project a name of its own: 民生工程, 就业项目, 基础设施项目.
PROJECT_GENERIC_MODIFIERS = GENERIC_MODIFIERS + (
    "基础设施", "招商引资", "民生", "惠民", "建设", "投资", "就业", "服务", "参赛", "精品",
    "示范", "配套", "产业", "产业化", "在建", "续建", "新建", "储备", "签约", "设施", "开工",
    "竣工", "优质", "龙头", "大型", "小型", "新型", "综合", "提升", "改造", "整治", "治理",
    "系统", "工业", "农业", "招聘", "帮扶", "国家", "我国", "中国", "城市", "农村", "乡村", "党员", "党群", "类",
    "标准化", "季度", "年度", "上半年", "下半年", "全年", "实事", "为民",
    # kinds of park or base that name none in particular (口袋公园, 湿地公园)
    "口袋", "街心", "社区", "郊野", "森林", "湿地", "生态", "体育", "休闲", "滨河", "滨水", "遗址", "河道",
)

# Words in a 工程 name that show a physical object or building works.
PHYSICAL_MARKERS = (
    "机场", "航站", "道路", "路网", "公路", "高速", "铁路", "轨道", "地铁", "桥", "隧道", "管线", "管网",
    "管道", "水厂", "供水", "供热", "供气", "供电", "排水", "污水", "电站", "电厂",
    "馆", "厂房", "园区", "中心", "基地", "楼", "站", "港", "码头", "堤", "防洪", "水利", "河道",
    "水库", "渠", "改扩建", "扩建", "新建", "改建", "一期", "二期", "三期", "四期", "安装",
    "装修", "绿化", "供油", "油气", "燃气", "空管", "通信", "信号", "泵", "线路", "变电", "光伏", "风电", "场馆", "广场", "医院", "学校",
    "景区", "景点", "旅游区", "度假区", "饮水", "湿地", "公园", "航运", "航道", "小区", "片区", "街区", "农田", "矿山", "岸线",
    "河湖", "水系", "安置", "厂区", "校区", "产业园", "科技园", "工业园", "大道", "整修", "修缮", "设施",
    "复建", "重建", "修复",
)
# Last characters of nouns for a physical object: a river, a street, a line, a plant, a store,
# a shoal, a belt of trees.
_PHYSICAL_ENDINGS = frozenset("河湖路街巷线段厂库园地坝闸塘湾岛滩林")
# A water diversion: 引甲济乙, 引甲入乙, 南水北调.
_DIVERSION = re.compile(r"引\w{1,2}[济入进]\w|水[南北东西]调|调水|引水|输水")
# A section of a line or a river after its name (某铁路某省段, 某工程某市段, 某高速西南段):
# a place or a direction before 段.
_SECTION = re.compile(r"([^\W\d段]{1,4}?)段")
_DIRECTIONS = frozenset({*"东南西北中", "东南", "东北", "西南", "西北"})
# Nouns with such an ending that name no physical object (一线人才, 思路, 家园, 阵地).
_ABSTRACT_NOUNS = frozenset("""
乡村 农村 路线 战线 一线 底线 红线 热线 主线 在线 防线 生命线 思路 出路 新路 门路 家园 校园 乐园 田园
阵地 高地 洼地 腹地 天地 园地 福地 各地 本地 当地 外地 实地 落地 属地 大地 手段 阶段 智库 人才库
""".split())
_NON_NOUN_TAGS = ("v", "m", "d", "a", "p", "c", "u", "r", "q")

ORG_FOLLOWERS = (
    "部", "党支部", "团支部", "党委", "党总支", "党员", "突击队", "办公室", "指挥部", "负责人",
    "经理", "组", "公司", "集团", "团队", "建设者", "人员", "工作者", "专班",
    "管委会", "管委", "党工委", "工委",  # an area run by a committee is a zone (某新城管委会)
    "增长", "发展", "运转", "运行", "推进",  # 高速增长: the head is an adverb here
)

NUMERAL = "一二三四五六七八九十百千两0123456789"
# A village: 村 after a name, not after a numeral or in 乡村, 强村, 各村, 千村万村.
_VILLAGE = re.compile(rf"[^\W{NUMERAL}万乡农强富兴美各全本每]村")
_NUMBERED_SET = re.compile(r"^[一二三四五六七八九十百千两]+[大项](\w{0,2})$")
_QUOTED_NUMBERED_SET = re.compile(r"^[一二三四五六七八九十百千两]{1,2}([^\W一]{1,2})$")


@lru_cache(maxsize=None)
def head_automaton(heads: tuple[str, ...]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton over ``heads``; each value is the head itself."""
    automaton = ahocorasick.Automaton()
    for head in heads:
        automaton.add_word(head, head)
    automaton.make_automaton()
    return automaton


def head_spans(text: str, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every occurrence of a head as (start, end, head), the longest head at each end."""
    best: dict[int, tuple[int, int, str]] = {}
    for last, head in head_automaton(heads).iter(text):
        end = last + 1
        if end not in best or len(head) > len(best[end][2]):
            best[end] = (end - len(head), end, head)
    return sorted(best.values())


def strip_generic(modifier: str, generic: tuple[str, ...] = GENERIC_MODIFIERS) -> str:
    """``modifier`` without ``generic`` words, numerals and punctuation: what makes it a name."""
    for word in generic:
        modifier = modifier.replace(word, "")
    return re.sub(rf"[{NUMERAL}\W_]", "", modifier)


def is_numbered_set(name: str, heads: tuple[str, ...], quoted: bool = False) -> bool:
    """Whether ``name`` is a numbered set such as 九大行动 or 两项工程 (when ``quoted``,
    as in “五城”战略 or “双桥工程”, any one or two characters may follow the numeral)."""
    pattern = _QUOTED_NUMBERED_SET if quoted else _NUMBERED_SET
    for head in heads:
        numbered = pattern.match(name[: -len(head)]) if name.endswith(head) else None
        if numbered and not numbered.group(1).startswith("期") and \
                strip_generic(numbered.group(1)) == numbered.group(1):
            return True
    return False


def is_physical_works(name: str) -> bool:
    """Whether a 工程/项目 name shows a physical object (改扩建工程, 河综合治理工程) rather than a
    policy (倍增工程)."""
    return any(marker in name for marker in PHYSICAL_MARKERS) or bool(_DIVERSION.search(name)) \
        or names_a_physical_object(name)


def names_a_physical_object(name: str) -> bool:
    """Whether ``name`` holds a noun for a physical object: one ending like 河, 街, 线, 厂, 地
    (安泰河, 商业街, 环线, 盐碱地) that is not abstract (一线, 家园, 阵地), or a village."""
    words = tag(name)
    for i, (word, flag, _, _) in enumerate(words):
        if word[-1] in _PHYSICAL_ENDINGS and word not in _ABSTRACT_NOUNS \
                and not flag.startswith(_NON_NOUN_TAGS) and (len(word) > 1 or i > 0):
            return True
    return bool(_VILLAGE.search(name))


def section_end(text: str, end: int) -> int:
    """Where a section written right after a name at ``end`` ends (某工程|某市段), else ``end``."""
    section = _SECTION.match(text, end)
    if section is None:
        return end
    stem = section.group(1)
    is_place = stem in _DIRECTIONS or stem in county_stems() \
        or any(hit.start == 0 and hit.end == len(stem) for hit in find_names(stem))
    return section.end() if is_place else end


def bare_name(surface: str) -> str:
    """A surface form without quotes, book-title marks and spaces."""
    return re.sub(r"[\s“”\"'‘’「」『』《》〈〉]", "", surface)


def longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that no longer accepted span overlaps, in text order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in kept):
            kept.append((start, end))
    return sorted(kept)
