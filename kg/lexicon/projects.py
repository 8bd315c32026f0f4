"""General vocabulary for project and programme names, and how their left edge is found.

Project and programme names are noun phrases that end in a head word (项目, 工程,
产业园, 行动, 大赛, ...). Their right edge is the head; their left edge is found by
walking back over the words of the clause until a word that introduces an object
(加快, 推进, 实施, 的, a count like 101个) or a clause delimiter. Nothing here names a
particular project, place or programme: the lists are head words, verbs and
generic modifiers, so they carry over to any province and year.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from kg.segment import cut

# Heads of concrete undertakings: buildings, works, parks, lines, facilities.
PROJECT_HEADS = (
    "项目", "工程", "改扩建工程", "高速", "高速公路", "快速路", "产业园", "产业园区", "科技园",
    "工业园", "物流园", "创业园", "农业园区", "新城", "基地", "纪念馆", "博物馆", "展览馆",
    "图书馆", "体育馆", "体育场", "美术馆", "医院", "水厂", "污水处理厂", "管线", "管网", "大道",
    "大街", "能源岛", "总部", "生产线", "航站楼", "机场", "大桥", "隧道", "铁路", "高铁", "枢纽",
    "电站", "电厂", "水库", "综合体", "步行街", "会展中心", "会议中心", "展览中心", "文化中心",
    "活动中心", "体育中心", "数据中心", "物流中心", "科创中心", "创新中心", "研发中心",
    "博览中心", "演艺中心", "购物中心", "康养中心", "产业基地", "示范村", "小镇", "公园",
)

# Heads of policy undertakings; weak ones name a programme only when quoted or numbered.
PROGRAMME_HEADS = ("专项行动", "行动计划", "行动", "战略", "大赛", "竞赛", "选拔赛", "工程")
PROGRAMME_WEAK_HEADS = (
    "计划", "活动", "改革", "模式", "工作法", "机制", "品牌", "工作室", "服务圈", "联盟", "体系",
)

# What a title in 《》 ends with when it is a policy document.
DOCUMENT_SUFFIXES = (
    "规划", "方案", "意见", "办法", "条例", "规定", "通知", "决定", "纲要", "措施", "计划",
    "指南", "细则", "规则", "标准", "清单", "准则", "制度", "法", "实施意见", "行动", "工程",
    "战略", "公约", "要点", "守则", "指引", "导则",
)

# Words after which a name starts: verbs that take a project or programme as object,
# adverbs, prepositions, conjunctions of clauses, pronouns, time words.
LEAD_INS = frozenset("""
加快 推进 推动 加速 加紧 全力 大力 积极 着力 力争 全面 持续 扎实 稳步 深入 切实 努力 强力 合力
开工 开工建设 复工 竣工 建成 投产 投用 落地 签约 启动 完成 实施 开展 组织 组织开展 举办 举行 承办
打造 新开工 谋划 储备 争取 引进 招引 中标 承建 参建
支持 发挥 依托 结合 围绕 聚焦 优化 实现 包括 助力 保障 确保 加强 做好 抓好 抓实 办好
举办好 开展好 制定 出台 印发 发布 编制 落实 执行 实行 推行 推广 深化 参加 参与 获得 荣获
通过 批复 获批 核准 审批 是 即 为 有 了 着 过 的 地 得 在 于 对 向 从 由 以 把 将 被 给 和 与
及 以及 并 并且 同时 而 或 暨 等 其中 目前 今年 明年 去年 年内 当前 近日 日前 已 已经 正在
还 也 都 又 再 就 才 更 均 该 本 此 这 那 这个 这些 那些 其 各 各类 各项 各地 我市 我省 我区
我县 全市 全省 全区 全县 全镇 重点 一批 首批 新一批 市 省 区 县 推进会 现场 作为 成为 称为
""".split())

# Verbs that also occur inside names (中心建设项目): they end a name only at its left edge.
SOFT_LEAD_INS = frozenset({"建设", "新建", "改建", "扩建", "续建", "在建", "服务", "投资", "融资"})

CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "暨"})

# Modifiers that do not make a phrase a name: 重点项目, 民生工程, 该项目 are not names.
GENERIC_MODIFIERS = (
    "基础设施", "标志性", "招商引资", "高质量", "国家级", "省级", "市级", "县级", "区级",
    "重点", "重大", "重要", "民生", "惠民", "建设", "投资", "就业", "服务", "参赛", "精品",
    "示范", "配套", "相关", "各类", "各项", "一批", "产业", "产业化", "在建", "续建", "新建",
    "储备", "签约", "开工", "竣工", "优质", "龙头", "专项", "集中", "攻坚", "联合", "系列",
    "主题", "发展", "工作", "全市", "全省", "全区", "全县", "本次", "此次", "这个", "大型",
    "小型", "新型", "综合", "提升", "改造", "整治", "治理", "系统", "工业", "农业", "招聘",
    "帮扶", "国家", "我国", "中国", "有关", "其他", "上述", "这些", "有效", "各种", "多个",
    "城市", "农村", "乡村", "大", "小", "新", "好", "该", "本", "此", "各", "等", "的",
)

# Words in a 工程 name that show a physical object or building works.
PHYSICAL_MARKERS = (
    "机场", "航站", "道路", "公路", "高速", "铁路", "轨道", "地铁", "桥", "隧道", "管线", "管网",
    "管道", "水厂", "供水", "供热", "供气", "供电", "排水", "污水", "电站", "电厂", "能源岛",
    "馆", "厂房", "园区", "中心", "基地", "楼", "站", "港", "码头", "堤", "防洪", "水利", "河道",
    "水库", "渠", "改扩建", "扩建", "新建", "改建", "一期", "二期", "三期", "四期", "安装",
    "装修", "绿化", "泵", "线路", "变电", "光伏", "风电", "场馆", "广场", "医院", "学校",
)

ORG_FOLLOWERS = (
    "部", "党支部", "团支部", "党委", "党总支", "党员", "突击队", "办公室", "指挥部", "负责人",
    "经理", "组", "公司", "集团", "团队", "建设者", "人员", "工作者", "专班",
)

NUMERAL = "一二三四五六七八九十百千两0123456789"
_COUNT = re.compile(rf"^[{NUMERAL}.]+[个项条批家座所处宗笔多余万亿]*$|^[{NUMERAL}]+是$")
_QUANTIFIER = frozenset("个项条批家座所处宗笔")
_YEAR = re.compile(r"^\d{2,4}年?$")
_NUMBERED_SET = re.compile(rf"^[{NUMERAL}]+[大项个条张]?[\w+]{{0,2}}$")
_QUOTED = re.compile(r"(“[^“”]*”|‘[^‘’]*’|「[^「」]*」|『[^『』]*』|《[^《》]*》)")
QUOTE_PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "》": "《"}
HARD_STOPS = set("，,。；;：:！!？?\n\r（）()[]【】|/ 　\t“‘「『《")
MAX_NAME = 40


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


def ends_with_head(text: str, heads: tuple[str, ...]) -> bool:
    """Whether ``text`` ends in one of ``heads``."""
    return text.endswith(heads)


def clause_start(text: str, end: int) -> int:
    """Where the clause holding ``text[end-1]`` begins; quoted and 《》 spans count as words."""
    i = end - 1
    while i >= 0 and end - i <= MAX_NAME:
        ch = text[i]
        if ch in QUOTE_PAIRS:
            opening = text.rfind(QUOTE_PAIRS[ch], max(0, i - MAX_NAME), i)
            if opening == -1 or any(c in "。\n" for c in text[opening:i]):
                return i + 1
            i = opening - 1
        elif ch in HARD_STOPS or ch == "、":
            return i + 1
        else:
            i -= 1
    return i + 1


def is_breaker(word: str, previous: str | None) -> bool:
    """Whether a name cannot extend left over ``word`` (``previous`` is the word before it)."""
    if word in LEAD_INS or _COUNT.match(word) or _YEAR.match(word):
        return True
    return word in _QUANTIFIER and previous is not None and bool(_COUNT.match(previous))


def words_of(text: str) -> list[str]:
    """The words of ``text``, each quoted or 《》 span kept whole as one word."""
    words: list[str] = []
    for chunk in _QUOTED.split(text):
        if chunk:
            words.extend([chunk] if _QUOTED.fullmatch(chunk) else cut(chunk))
    return words


def name_start(text: str, head_start: int, end: int, heads: tuple[str, ...]) -> int:
    """The left edge of the name whose head begins at ``head_start`` and which ends at ``end``.

    A conjunction (和, 及, 暨) is part of the name only when the words before it do
    not already end in a head: 基础设施建设及厂房配套项目 is one name,
    会展中心及配套项目 two.
    """
    left = clause_start(text, end)
    words = words_of(text[left:head_start])
    kept: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word, previous = words[i], words[i - 1] if i else None
        pos = head_start - sum(map(len, kept))
        if word in CONJUNCTIONS:
            if ends_with_head(text[left:pos - len(word)], heads):
                break
        elif is_breaker(word, previous):
            break
        kept.append(word)
    while kept and kept[-1] in SOFT_LEAD_INS:
        kept.pop()
    return head_start - sum(map(len, kept))


def strip_generic(modifier: str) -> str:
    """``modifier`` without generic words, numerals and punctuation: what makes it a name."""
    for word in GENERIC_MODIFIERS:
        modifier = modifier.replace(word, "")
    return re.sub(rf"[{NUMERAL}\W_]", "", modifier)


def is_numbered_set(name: str, heads: tuple[str, ...]) -> bool:
    """Whether ``name`` is a numbered set such as 八大行动 or 三项工程."""
    for head in heads:
        if name.endswith(head) and _NUMBERED_SET.match(name[: -len(head)] or "x"):
            return name[0] in NUMERAL
    return False


def is_physical_works(name: str) -> bool:
    """Whether a 工程/项目 name shows a physical object (改扩建工程) rather than a policy (倍增工程)."""
    return any(marker in name for marker in PHYSICAL_MARKERS)


def bare_name(surface: str) -> str:
    """A surface form without quotes, book-title marks and spaces."""
    return re.sub(r"[\s“”\"'‘’「」『』《》〈〉]", "", surface)
