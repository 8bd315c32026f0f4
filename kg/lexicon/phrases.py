"""Where a project or programme name begins: its left edge in the clause before its head.

A name's right edge is its head word (项目, 工程, 行动, ...); its left edge is found by
walking back over the words of the clause until a word that introduces an object
(加快, 推进, 实施, 的, a count like 101个) or a clause delimiter. The lists are verbs,
function words and counts, so they carry over to any province and year.
"""
from __future__ import annotations

import re

from kg.lexicon.divisions import county_stems
from kg.lexicon.projects import NUMERAL, PROJECT_GENERIC_MODIFIERS
from kg.segment import tag

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
我县 全市 全省 全区 全县 全镇 重点 一批 首批 新一批 首家 首个 完善 坚持 整合 参与 征集 明确 提高 好 到 经 连同 部分 全国 附近 周边 推进会 现场 作为 成为 称为
通报 签订 让 使 以上 以下
""".split())

# Verbs that also occur inside names (中心建设项目): they end a name only at its left edge.
SOFT_LEAD_INS = frozenset({"建设", "新建", "改建", "扩建", "续建", "在建", "服务", "投资", "融资",
                           "升级", "改造", "提升", "整治", "规划", "试点"})

# Verbs that occur inside names (供水工程, 能力提升专项行动, 抓党建促治理): they do not end a name.
NAME_VERBS = frozenset("""
建设 改造 改扩建 扩容 提升 提标 提质 增效 整治 治理 运行 驱动 供水 供热 供电 供气 引水 调水 输水 排水 灌溉 抽水 蓄能 升级 配套 研学 传承
起步 转移 防洪 防控 倍增 减负 振兴 抓 促 帮扶 纾困 就业 创业 培训 援助 带动 保护 修复 开发 利用 服务
示范 发展 创新 引领 融合 孵化 培养 转型 改革 攻坚 提高 巩固 脱贫 助力 管 惠企 护航 赋能
招聘 育人 富民 强村 兴业 返乡 下乡 入乡 进村 入户 聚才 引才 冷轧 热轧 智控 制造 生产 储能 清洁 节能 减排 净化 美化 亮化
扶贫 搬迁 安置 迁建 复建 重建 创意 封装 测试 封测 加工 组装 装配 冶炼 制备 研发 检测 仓储 扩产 扩能 技改 整修 修缮 再生
绿化 硬化 扩建 新建 改建 续建 在建 投资 融资 建 改 扩 升 造 通 联 保 稳 增 强 优 育 兴 治 护
""".split())
_FUNCTION_TAGS = ("p", "c", "r", "d", "u", "y", "e", "o")
# A verb with its result, which takes an object and is never part of it: 做优, 建强, 擦亮, 打响.
_RESULT_VERB = re.compile(r"^[做抓建育培擦打提搞办][优强大实精细深好亮响新特美活]$")

CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "暨"})

_LONG_LEAD_INS = tuple(word for word in LEAD_INS if len(word) >= 2)
_COUNT = re.compile(
    rf"^[{NUMERAL}.]+[多余万亿]*(?:[个项条批家座所处宗笔元亩吨]|万元|亿元|千瓦)$|^[{NUMERAL}]+是$|^第[{NUMERAL}]+[个部座家批]$")
_QUANTIFIER = frozenset({*"个项条批家座所处宗笔年元亩吨", "万元", "亿元", "千瓦", "万千瓦", "平方米"})
_NUMBER = re.compile(rf"^[{NUMERAL}.]+[多余万亿]*$")
_DIVISION_SUFFIXES = frozenset("省市区县镇乡村城")
_PLACE_WORDS = frozenset({*"省市区县镇乡村", "街道"})
_PLACE_ENDS = (*"省市县镇乡村", "街道")
_PHASE = re.compile(rf"^[{NUMERAL}]+期$")
_ENDS_WITH_PHASE = re.compile(rf"[{NUMERAL}]+期$")
# A capacity inside a name (某地50万千瓦光伏发电项目, 30万吨级码头): a unit after a number.
_CAPACITY_UNIT = re.compile(r"^[万千百亿]*(?:千瓦|兆瓦|千伏|吨级?|立方米|标箱)$|^\d+(?:\.\d+)?(?:GWh|MWh|GW|MW|kV)$")
# A yearly or daily output that opens a project's name (年产10万吨|某某材料项目, 日处理3000吨|污水
# 处理厂): the product after it is the rest of the name, whatever the tagger makes of its words.
_OUTPUT = re.compile(
    rf"[年日](?:产|处理|加工|屠宰|出栏|存栏|吞吐|生产|发电|供水)(?:能力)?[{NUMERAL}.]+[万千百亿]*"
    r"(?:吨级?|件|套|台|头|只|羽|锭|辆|片|块|枚|支|张|双|瓶|箱|标箱|袋|平方米|立方米|千瓦时|千瓦|兆瓦|米|公里|千克|公斤|升)")
_PROPER_TAGS = ("ns", "nr", "nz", "nt")
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^\d{2,4}年?$")
_PERIOD = re.compile(rf"^(?:第?[{NUMERAL}]季度|[上下]半年|全年|年内|年初|年底|年度)$")
_QUOTED = re.compile(r"(“[^“”]*”|‘[^‘’]*’|「[^「」]*」|『[^『』]*』|《[^《》]*》)")
QUOTE_PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "》": "《"}
HARD_STOPS = set("—，,。；;：:！!？?\n\r（）()[]【】|/ 　\t“‘「『《●○■□▲△◆◇★☆")
MAX_NAME = 40


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


def tagged_words(text: str) -> list[tuple[str, str]]:
    """(word, POS tag) pairs of ``text``; a quoted or 《》 span is one word tagged "q",
    and a conjunction glued to a word by the segmenter (线及) is split off."""
    words: list[tuple[str, str]] = []
    for chunk in _QUOTED.split(text):
        if _QUOTED.fullmatch(chunk):
            words.append((chunk, "q"))
            continue
        for word, flag, _, _ in tag(chunk) if chunk else ():
            if len(word) > 1 and word[-1] in CONJUNCTIONS and flag == "c":
                words.extend([(word[:-1], "n"), (word[-1], "c")])
            else:
                words.append((word, flag))
    return words


def is_breaker(word: str, flag: str, previous: str | None, counts: bool) -> bool:
    """Whether a name cannot extend left over ``word`` (``previous`` is the word before it)."""
    if _PHASE.match(word):
        return False
    if word in LEAD_INS or (len(word) > 2 and word.endswith(_LONG_LEAD_INS)) \
            or _RESULT_VERB.match(word) or _RESULT_VERB.match((previous or "") + word):
        return True
    if flag == "q":
        return len(word) > 18 or bool(re.search("[，,]", word))
    if flag.startswith(_FUNCTION_TAGS) or (flag.startswith("v") and flag != "vn"
                                           and len(word) > 1 and word not in NAME_VERBS):
        return True
    if counts and (_COUNT.match(word) or _YEAR.match(word) or _PERIOD.match(word)):
        return True
    return counts and word in _QUANTIFIER and previous is not None \
        and bool(_NUMBER.match(previous))


def name_start(text: str, head_start: int, end: int, heads: tuple[str, ...],
               counts: bool = True) -> int:
    """The left edge of the name whose head begins at ``head_start`` and which ends at ``end``.

    A conjunction (和, 及, 暨) is part of the name only when the words before it do
    not already end in a head or a phase and no place opens the words after it: 道路建设及配套管网项目
    is one name, 会展中心及配套项目 and 某镇安置点和某县某镇特色小镇项目 two.
    With ``counts`` a count (101个, 2022年) ends the name too.
    A route keeps its ends (甲城至乙城高速公路), a section its place (某河某地段治理工程), and a
    capacity after a proper name stays (某地50万千瓦光伏项目; at the left edge it is dropped,
    as is a bare number);
    a place before a building verb is where the work is done, not part of its name
    (在某某镇建设培训基地 → 培训基地).
    """
    left = clause_start(text, end)
    words = tagged_words(text[left:head_start])
    output = output_start(text, left, head_start)
    kept: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        (word, flag), previous = words[i], words[i - 1][0] if i else None
        pos = head_start - sum(map(len, kept)) - len(word)
        if pos >= output and not is_function_word(word, flag):
            kept.append(word)  # the output and the product after it (年产10万吨|水泥粉磨站)
            continue
        if word in CONJUNCTIONS:
            if ends_with_head(text[left:pos], heads) or _ENDS_WITH_PHASE.search(text, left, pos) or not kept \
                    or is_place_word(*words[i + 1]):
                break
        elif builds_at_a_place(words, i):
            break
        elif not inside_a_name(words, i) and not word.endswith(heads) \
                and is_breaker(word, flag, previous, counts):
            break
        kept.append(word)
    while kept and (kept[-1] in SOFT_LEAD_INS or kept[-1] in CONJUNCTIONS
                    or kept[-1] in _DIVISION_SUFFIXES or _DIGITS.match(kept[-1])
                    or is_cut_capacity(text, head_start - sum(map(len, kept)), kept[-1])):
        kept.pop()
    return head_start - sum(map(len, kept))


def output_start(text: str, left: int, head_start: int) -> int:
    """Where the last yearly or daily output in ``text[left:head_start]`` starts (see ``_OUTPUT``),
    else ``head_start``."""
    found = list(_OUTPUT.finditer(text, left, head_start))
    return found[-1].start() if found else head_start


def opens_with_output(text: str, pos: int) -> bool:
    """Whether a yearly or daily output starts at ``pos`` (年产10万吨…)."""
    return bool(_OUTPUT.match(text, pos))


def is_function_word(word: str, flag: str) -> bool:
    """Whether a word ends a name wherever it stands: a lead-in (实施, 的) or a function word."""
    return word in LEAD_INS or flag.startswith(_FUNCTION_TAGS)


def is_cut_capacity(text: str, start: int, word: str) -> bool:
    """Whether ``word`` at ``start`` is a capacity unit whose number the name left out (9|万千瓦)."""
    return bool(_CAPACITY_UNIT.match(word)) and text[start - 1:start].isdigit()


def is_place_word(word: str, flag: str) -> bool:
    """Whether a word names a place (石桥镇, a word tagged as a place) or is a division's
    level word split off by the segmenter."""
    return word in _PLACE_WORDS or (len(word) >= 3 and word.endswith(_PLACE_ENDS)) \
        or (flag == "ns" and word not in PROJECT_GENERIC_MODIFIERS)


def inside_a_name(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` is held inside a name whatever its tag: a route's 至, a section's
    place (某地|段), a capacity after a proper name."""
    return joins_places(words, i) or names_a_section(words, i) or in_a_capacity(words, i) \
        or names_after_a_verb(words, i)


def names_after_a_verb(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]``, tagged a verb, is a name's first word: right after a lead-in verb,
    before a noun (确保|某来|中国总部项目), where no second verb would stand."""
    return 0 < i < len(words) - 1 and words[i][1] == "v" and words[i][0] not in LEAD_INS \
        and words[i - 1][0] in LEAD_INS and words[i - 1][1] == "v" and words[i + 1][1].startswith("n")


def names_a_section(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` is the place of a section: the word before 段 (某河|某地|段)."""
    return i + 1 < len(words) and words[i + 1][0] == "段" and len(words[i][0]) >= 2 \
        and words[i][0] not in LEAD_INS


def in_a_capacity(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` is part of a capacity (50|万千瓦, 20GWh) after a proper name; the
    unit after its number is kept until the number decides."""
    word = words[i][0]
    after = words[i + 1][0] if i + 1 < len(words) else ""
    if _CAPACITY_UNIT.match(word) and i > 0 and _NUMBER.match(words[i - 1][0]):
        return True
    starts = (_NUMBER.match(word) and _CAPACITY_UNIT.match(after)) or (_CAPACITY_UNIT.match(word) and word[0].isdigit())
    return bool(starts) and i > 0 and words[i - 1][1].startswith(_PROPER_TAGS)


def joins_places(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` is 至 or 到 between two places, proper names or counties written short
    (甲城至乙县|高速公路), as in a route's name."""
    ends = (words[i - 1], words[i + 1]) if 0 < i < len(words) - 1 else ()
    return words[i][0] in ("至", "到") and bool(ends) \
        and all(is_place_word(*w) or w[1] in ("nr", "nz") or w[0] in county_stems() for w in ends)


def builds_at_a_place(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` is a building verb (建设, 新建) right after a place."""
    return words[i][0] in SOFT_LEAD_INS and i > 0 and is_place_word(*words[i - 1])
