"""Projects: named concrete undertakings (建设项目, 改扩建工程, 产业园, 会展中心, ...).

Two rules propose spans, and the longest valid span wins where they overlap:

- a head word (项目, 工程, 新城, 水厂, ...) and the noun phrase before it, whose left
  edge ``name_start`` finds by walking back to a verb such as 推进 or 中标;
- the members of an enumeration closed by 等…项目/工程 (X、Y、Z等项目), which
  may lack a head word of their own;
- a housing estate named where it is handed over or built (——某某佳园日前交付使用).

A yearly output opens a name (年产10万吨某某项目), a phase after it is left out (某某项目一期).
A span is kept only when its modifier says which undertaking it is (not 重点项目,
民生工程, 该项目, 口袋公园, 中试基地, nor a district alone: 某某市一季度重大项目), its
工程 has a physical object (景区提升工程, 某某河综合治理工程, not 倍增工程, a programme),
and it is not a numbered set (两项工程), the name of a team (项目部, 项目党支部), a kind
(一批…项目) or a place where something is (某大道沿线项目, 沿某大道布局, 某工业园区).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.document import Document, Mention
from kg.lexicon.phrases import (
    HARD_STOPS, clause_start, is_function_word, name_start, opens_with_output, tagged_words,
)
from kg.lexicon.projects import (
    ORG_FOLLOWERS, PROGRAMME_HEADS, PROGRAMME_WEAK_HEADS, PROJECT_GENERIC_MODIFIERS, PROJECT_HEADS,
    bare_name, head_spans, is_numbered_set, is_physical_works, longest_first, section_end, strip_generic,
)
from kg.segment import tag

Span = tuple[int, int]

_LIST_END = re.compile(
    r"等(?:一批|首批)?(?:重点|重大|精品|标志性|示范|基础设施|产业|续建|新建|在建|招商|建设)*"
    r"(?:项目|工程|楼宇)")
_LIST_CONJUNCTION = re.compile(r"以及|及")
_NOUN_TAGS = ("n", "eng")
_PHASE = re.compile(r"[一二三四五六七八九十\d]+期(?:工程|项目)$")
_PHASE_AFTER_NAME = re.compile(r"[一二三四五六七八九十\d]+期(?=[、，,。；;：:！？\n和及与等]|$)")
_FACILITY_ENDINGS = frozenset("园城港谷苑楼厦馆场站")
_UNDERTAKINGS = ("项目", "工程")
# What makes the name before it a location: 某某大道沿线, 某某公园周边, 某某大道1001号.
_LOCATION_AFTER = re.compile(r"沿线|沿岸|两侧|两旁|周边|附近|一带|[东南西北]侧|以[东南西北]|\d+号")
# ... and, ending a modifier, make a kind of undertaking by where it is (某某干线沿线项目).
_LOCATION_END = re.compile(r"(?:沿线|沿岸|两侧|两旁|周边|附近|一带)$")
# Words that make the name after them a kind of undertaking: 一批…项目, 多个…工程.
_COLLECTIVE_BEFORE = re.compile(r"(?:一批|一系列|一些|多个|若干|各类|各种)$")
# A new town inside a new area is a zone (某某新区某某新城), not a project.
_SUBZONE = re.compile(r"(?:新区|开发区|高新区|经开区|示范区)\w{1,4}新城$")
_DISTRICT_PREFIX = re.compile(r"^\w{2,10}?(?:省|自治区|市|新区|示范区|经济区|开发区|区|县|镇|乡|街道)")
# A district at the start of a modifier; 区 after 园, 景, 片, 小, 游 … ends an area word (旅游区,
# 度假区, 保护区), not a district.
_PLACE_PREFIX = re.compile(r"^\w{2,10}?(?:省|市|县|镇|乡|街道|(?<![园景片小街厂校矿城社营库辖游假护])区)")
_GENERIC_WORDS = tuple(word for word in PROJECT_GENERIC_MODIFIERS if len(word) > 1)
_PROPER_TAGS = ("ns", "nr", "nz", "nt", "eng")
_OTHER_NAME_AFTER = tuple(h for h in PROGRAMME_HEADS if h != "工程")
# Words that start like a team (项目组, 项目部) but go on as a thing or a verb (项目组件, 工程部署).
_NOT_FOLLOWERS = ("组件", "组织", "组成", "组合", "部署", "部件", "部分", "部位")
# A housing estate named right after a stop where it is handed over or built:
# ——某某佳园日前交付使用, 、某某花园竣工.
_ESTATE = re.compile(r"(?<=[—，,、：:\n])\w{2,5}(?:佳园|家园|花园|嘉园|雅苑|新苑|公寓)"
                     r"(?=\w{0,4}?(?:交付|入住|交房|封顶|竣工|开盘))")


def extract_projects(doc: Document) -> Iterator[Mention]:
    """Mentions of named projects in ``doc``, longest span first where candidates overlap."""
    text = doc.text
    candidates = [*head_candidates(text), *phase_candidates(text), *list_candidates(text),
                  *estate_candidates(text)]
    for start, end in longest_first(candidates):
        yield Mention(start, end, "project", text[start:end], bare_name(text[start:end]),
                      "projects", {})


def head_candidates(text: str) -> Iterator[Span]:
    """Valid spans that end in a project head word, with the section written after it
    (某铁路某省段); a road or a park followed by 沿线 or 周边 is only where something is."""
    for head_start, head_end, head in head_spans(text, PROJECT_HEADS):
        end = section_end(text, head_end)
        facility = head not in _UNDERTAKINGS
        if followed_by_other_name(text, end) or (facility and is_a_location(text, head_end, end)):
            continue
        start = name_start(text, head_start, head_end, PROJECT_HEADS)
        span = trimmed(text, start, head_end)
        if span and not is_project_name(text, *span, head_known=True, sectioned=end > head_end):
            span = with_phase(text, span, head_end)  # 某某产业园|二期项目: the kind alone names none
        if span and is_project_name(text, *span, head_known=True, sectioned=end > head_end) \
                and not names_no_one(text, span[0], facility):
            yield span if span[1] < head_end else (span[0], end)


def with_phase(text: str, span: Span, head_end: int) -> Span | None:
    """The span with the phase and head that :func:`trimmed` left out (某某产业园二期项目), or None
    when it left none out."""
    return (span[0], head_end) if span[1] < head_end and _PHASE.match(text, span[1], head_end) else None


def is_a_location(text: str, head_end: int, end: int) -> bool:
    """Whether a road or a park ending at ``head_end`` is only where something is: followed by 沿线
    or 周边, or a park that goes on as a zone's name (某某工业园|区)."""
    return bool(_LOCATION_AFTER.match(text, end)) or (text[head_end - 1] == "园" and text[end:end + 1] == "区")


def names_no_one(text: str, start: int, facility: bool) -> bool:
    """Whether what comes before a name makes it a kind (一批|农产品加工项目) or, for a road or a
    park, a place along which something is done (沿|某某大道、某某大道布局…)."""
    if _COLLECTIVE_BEFORE.search(text, max(0, start - 3), start):
        return True
    clause = re.split(r"[，,。；;：:！!？?\n]", text[max(0, start - 40):start + 1])[-1]
    return facility and clause.startswith("沿")


def phase_candidates(text: str) -> Iterator[Span]:
    """A phase written after a facility's name and ending it (某某科创基地二期、某某智园三期)."""
    for phase in _PHASE_AFTER_NAME.finditer(text):
        start = name_start(text, phase.start(), phase.start(), PROJECT_HEADS)
        span = trimmed(text, start, phase.start())
        if span and names_a_facility(text, *span):
            yield span[0], phase.end()


def names_a_facility(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a facility: a project name, or a noun phrase that ends
    like a park, a town or a building (某某智园)."""
    name = bare_name(text[start:end])
    if name.endswith(PROJECT_HEADS):
        return is_project_name(text, start, end, head_known=True)
    return name[-1] in _FACILITY_ENDINGS and is_list_member_name(name)


def list_candidates(text: str) -> Iterator[Span]:
    """Valid members of enumerations closed by 等…项目 / 等…工程."""
    for closing in _LIST_END.finditer(text):
        for _, end in list_members(text, closing.start()):
            start = name_start(text, end, end, PROJECT_HEADS, counts=False)
            span = trimmed(text, start, end)
            if span and is_project_name(text, *span, head_known=False):
                yield span


def estate_candidates(text: str) -> Iterator[Span]:
    """Housing estates named where they are handed over or built (see ``_ESTATE``)."""
    for estate in _ESTATE.finditer(text):
        if len(strip_generic(estate.group()[:-2], PROJECT_GENERIC_MODIFIERS)) >= 2:
            yield estate.span()


def list_members(text: str, end: int) -> list[Span]:
    """The items separated by 、 (or 以及, 及) ending at ``end``, last item first."""
    members = []
    while end > 0:
        start = clause_start(text, end)
        for conjunction in _LIST_CONJUNCTION.finditer(text, start, end):
            members.append((start, conjunction.start()))
            start = conjunction.end()
        if start < end:
            members.append((start, end))
        if start == 0 or text[start - 1] != "、":
            break
        end = start - 1
    return members


def followed_by_other_name(text: str, end: int) -> bool:
    """Whether the head at ``end`` only modifies what follows (项目部, 项目创业大赛) or another head
    ends the name after a phase (项目一期工程)."""
    rest = text[end:end + 8]
    stop = next((i for i, ch in enumerate(rest) if ch in HARD_STOPS or ch == "、"), len(rest))
    rest = rest[:stop]
    phase = re.match(r"[一二三四五六七八九十\d]+期", rest)
    if phase:  # 某项目一期完成安装 names 某项目; 某项目一期工程 and 某机场三期改扩建 name more
        return not predicate_follows(text, end + phase.end())
    # a weak head ends another name only at the end of the clause (项目管理模式), not when
    # it goes on as a verb (项目计划年内落地)
    return (rest.startswith(ORG_FOLLOWERS) and not rest.startswith(_NOT_FOLLOWERS)) \
        or any(h in rest for h in _OTHER_NAME_AFTER) or rest.endswith(PROGRAMME_WEAK_HEADS)


def predicate_follows(text: str, pos: int) -> bool:
    """Whether what follows ``pos`` says something of the name before it: a break, a lead-in verb
    (完成, 建成) or a function word (已, 将), not more of a name (工程, 改扩建工作)."""
    if pos >= len(text) or text[pos] in HARD_STOPS or text[pos] in "、":
        return True
    word, flag = tagged_words(text[pos:pos + 6])[0]
    return is_function_word(word, flag)


def trimmed(text: str, start: int, end: int) -> Span | None:
    """The span without a trailing phase (项目一期工程 → 项目) or the districts that lead it when a
    proper name (某某示范区青湖新城 → 青湖新城) or an output (某区某镇年产10万吨某某项目) follows them."""
    phase = _PHASE.search(text, start, end)
    if phase and text[start:phase.start()].endswith(PROJECT_HEADS):
        end = phase.start()
    rest, after_districts = start, []
    while (prefix := _DISTRICT_PREFIX.match(text[rest:end])) and end - rest - prefix.end() >= 4:
        rest += prefix.end()  # districts one after another (某区某镇年产…)
        after_districts.append(rest)
    start = next((pos for pos in reversed(after_districts)
                  if opens_with_output(text, pos) or opens_with_proper_name(text[pos:end])), start)
    return (start, end) if end - start >= 3 else None


def opens_with_proper_name(name: str) -> bool:
    """Whether ``name`` opens with a proper word (李白故里…) or a lake's, a hill's or a river's
    name that the tagger cut before its last character (连环|湖温泉小镇)."""
    words = tag(name)
    if words and words[0].tag.startswith(_PROPER_TAGS) and len(words[0].word) >= 2:
        return True
    return len(words) > 1 and len(words[0].word) <= 3 and len(words[1].word) == 1 and words[1].tag == "ns"


def is_project_name(text: str, start: int, end: int, head_known: bool, sectioned: bool = False) -> bool:
    """Whether ``text[start:end]`` names one concrete undertaking; a 工程 with a section written
    after it (``sectioned``) is physical works."""
    surface = text[start:end]
    name = bare_name(surface)
    if len(name) < 3 or is_quoted_term(text, start, end) or is_numbered_set(name, PROJECT_HEADS) \
            or _SUBZONE.search(name):
        return False
    head = next((h for h in sorted(PROJECT_HEADS, key=len, reverse=True) if name.endswith(h)), "")
    if head == "工程" and not sectioned and not is_physical_works(name[:-2]):
        return False
    modifier = name[: len(name) - len(head)]
    if not head_known and name == head:
        return True
    if _LOCATION_END.search(modifier) or (head not in _UNDERTAKINGS and goes_on_after_works(modifier)):
        return False
    if head in _UNDERTAKINGS:
        return len(strip_generic(modifier, PROJECT_GENERIC_MODIFIERS)) >= 3 \
            and not is_only_a_district(modifier) and not is_an_industry(modifier)
    if head or any(h in name for h in PROJECT_HEADS):
        return len(strip_generic(modifier, PROJECT_GENERIC_MODIFIERS)) >= 2 \
            and not is_only_a_district(modifier) and not is_a_kind(modifier)
    return not head_known and is_list_member_name(name)


def goes_on_after_works(modifier: str) -> bool:
    """Whether an undertaking and a verb stand inside a modifier (某管网改造工程|改造|管网): the
    undertaking is the name, and what follows it says what it does."""
    words = tag(modifier)
    return any(w.word in _UNDERTAKINGS and after.tag == "v" for w, after in zip(words, words[1:]))


def is_only_a_district(modifier: str) -> bool:
    """Whether a modifier is a district and generic words only (某某市重大, 某某区一季度重点):
    a place says where the undertakings are, not which one."""
    prefix = _PLACE_PREFIX.match(modifier)
    return bool(prefix) and not strip_generic(modifier[prefix.end():], _GENERIC_WORDS)


def is_a_kind(modifier: str) -> bool:
    """Whether a modifier is one common word, which makes a kind of facility (中试基地,
    制种基地, 研发中心), not a name (a proper word does: 某某大桥)."""
    words = tag(modifier)
    return len(words) == 1 and not words[0].tag.startswith(_PROPER_TAGS)


def is_an_industry(modifier: str) -> bool:
    """Whether a modifier is common words naming an industry (生物医药产业项目): a kind of
    project, where a proper word would name one (某某集团产业项目)."""
    return modifier.endswith(("产业", "行业")) and not any(w.tag.startswith(_PROPER_TAGS) for w in tag(modifier))


def is_quoted_term(text: str, start: int, end: int) -> bool:
    """Whether the span is a quoted term (“某某工程”, “某某”项目) or a formula (总部+基地):
    these read as slogans and campaigns, not as things built."""
    surface = text[start:end]
    if "+" in surface or re.search(r"”(?:项目|工程)$", surface):
        return True
    return text[start - 1:start] == "“" and text[end:end + 1] == "”"


def is_list_member_name(name: str) -> bool:
    """Whether a head-less member of a project list reads as a name: a noun phrase
    (not 机务维修, 供电) that is more than generic words."""
    words = tag(name)
    return len(strip_generic(name, PROJECT_GENERIC_MODIFIERS)) >= 2 and words[-1].tag.startswith(_NOUN_TAGS) \
        and words[-1].tag != "nrfg" and not all(len(w.word) == 1 for w in words)
