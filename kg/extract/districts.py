"""Administrative divisions named in a document: provinces to villages, and development zones.

Provinces, cities and counties come from the national table (kg.lexicon.divisions),
matched by full name or by the safe short form of a province or prefecture city; a county's
short form only where the document makes it safe (kg.lexicon.divisions.county_short_names).
Townships (乡, 镇, 街道, 苏木), villages (村, 社区, 嘎查, 居民区) and zones (经济开发区,
示范区, 新区 ...) are not in the table: they are found by their suffix, and the
name's start is read off the words before it (在石桥乡 → 石桥乡, not 在石桥乡).
A division named inside an organisation (临江区委, 东河村党支部) is a mention of it; a
short form inside a road's, a street office's or a company's name (江城西路, 江城道, 江城街道,
江城化纤集团) or at an end of a route's name (江城至海州铁路) is not. A zone abbreviation
written alone (高新区管委会) is a mention that resolution gives the zone the document names
(kg.zones); a 基地 or a 新城 is a zone only in a zone's context, and a goal (建设…示范区) is none.
A short name written right after the division that encloses it (临江区|石所|镇) is taken
whole, since the tagger often misreads an unknown name; an ethnic township keeps its
ethnic group in its name (石桥彝族乡).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.document import Document, Mention
from kg.lexicon.divisions import (NameHit, ancestors, county_short_names, divisions_named, ethnic_groups,
                                  find_names, generic_place_stems, is_generic_county, short_forms)
from kg.lexicon.names import PLACE_NAME_TAIL, known_word
from kg.lexicon.posts import find_titles
from kg.segment import Tagged, tag, tokenize
from kg.zones import CONTEXT_ONLY, ZONE_SUFFIXES, bare_abbreviation, in_zone_context

EXTRACTOR = "districts"

# Suffix → level; 苏木 and 嘎查 are Inner Mongolia's townships and villages, 居民区 a Shanghai
# village-level area; zone suffixes come from kg.zones.
SUFFIX_LEVELS = {
    "街道": "township", "镇": "township", "乡": "township",
    "社区": "village", "村": "village",
    "苏木": "township", "嘎查": "village", "居民区": "village",
} | {suffix: "zone" for suffix in ZONE_SUFFIXES}
_SUFFIX_RE = re.compile("|".join(sorted(SUFFIX_LEVELS, key=len, reverse=True)))
_TOWNSHIP_SUFFIXES = tuple(suffix for suffix, level in SUFFIX_LEVELS.items() if level == "township")

# A suffix followed by these makes another word (乡村, 镇压, 村庄, 生态城市), not a name's end.
_FOLLOWERS_REJECTED = {"乡": set("村镇亲土愁贤下间情音野思里级"), "镇": set("压定静守痛级"), "村": set("庄落寨级"),
                       "生态城": set("市镇乡")}
# ... and preceded by these, a generic word (乡镇, 农村, 城乡, 全村, 千村), not a name's end.
_PRECEDERS_REJECTED = {"乡": set("城下回返故家老全本该各每"), "镇": set("乡城集村小强全本该各每古"),
                       "村": set("乡农山渔邻本该各全每驻进包回穷强富古百千万")}
# Function characters that open a stem only by accident of segmentation (—访|东河村, 赴|李庄镇).
_LEADING_FUNCTION_CHARS = frozenset("访赴到在驻至抵往经于从向对把将被让给和与及或而以为由自")

# Prepositions a place name follows: 在某某镇, 到某某村, 赴某某乡.
_PLACE_PREPOSITIONS = frozenset("在到赴")
# Two characters across a full name's end that make a word (合作市|场, 城区|域).
_BAD_ENDINGS = frozenset({"市场", "市值", "区域", "区别", "区分", "区间", "区块"})
# After a short form, these make it part of a road's or a street office's name (江城|西路, 江城|街道).
_NAMED_AFTER = re.compile(r"[东西南北中]?(?:路(?![过上线径演])|大道|大街)|街道")
# A route named by its two ends (江城至海州铁路): a short form at either end is part of its name.
_ROUTE_WORDS = r"(?:铁路|高铁|城际|高速公路|高速|公路|客运专线|航线|输电线路)"
_ROUTE_AFTER_FIRST_END = re.compile(rf"[至到—-][\u4e00-\u9fff]{{2,8}}?{_ROUTE_WORDS}")
_ROUTE_AFTER_SECOND_END = re.compile(_ROUTE_WORDS)
# Words that end a company's or a college's name; a short form just before them names it, not the place.
_ENTERPRISE_WORDS = ("集团", "公司", "股份", "控股", "大学", "学院")

# Tags of words that cannot be part of a place name: verbs, prepositions, conjunctions,
# particles, pronouns, adverbs, measure words, time words, distinguishers (省级), punctuation.
_BREAK_TAGS = frozenset("v vn vd vi p c u uj ul uz ud ug uv r d ad q t b x m".split())
_ADJACENT_BREAK_TAGS = _BREAK_TAGS - {"b"}
_VERB_TAGS = frozenset("v vd vi p c u uj ul uz ud ug uv r".split())
_COMMON_TAGS = frozenset("n vn v a an l".split())
_LEVEL_CHARS = frozenset("省市县区乡镇村")
# Longest stems: a transcribed township name may take five characters (乌兰布拉格|镇).
_MAX_STEM = {"township": 5, "village": 5, "zone": 12}
# Levels of the divisions that directly enclose a township or a village.
_ENCLOSING = {"township": frozenset({"county"}), "village": frozenset({"county", "township"})}
# Tags of a single character that cannot be part of a short name written after its division.
_FUNCTION_TAGS = frozenset("p u uj ul uz ud ug uv r q m x y e".split())
# Measure words and approximations that make a numeral a count (三个, 十多, 几批), not part of a name.
_COUNTING_CHARS = frozenset("个些批座家所名位项条多余几户次第")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Verbs of building inside a zone-like name make it a goal, not a zone (建设…先行示范区).
_GOAL_VERBS = frozenset(("建设", "打造", "创建", "争创", "建成", "争当"))
_LISTED = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,4})等([\u4e00-\u9fff]{0,6})$")


def extract_districts(doc: Document) -> Iterator[Mention]:
    """Mentions of administrative divisions and zones in ``doc``, in text order."""
    named = list(_division_mentions(doc.text))
    yield from sorted(named + _suffix_mentions(doc.text, named), key=lambda m: (m.start, m.end))


def _division_mentions(text: str) -> Iterator[Mention]:
    """Mentions of table divisions: leftmost-longest among the names that pass the boundary checks."""
    starts, ends = _token_bounds(text)
    starts -= _inside_titles(text)
    hits = [h for h in find_names(text) if _acceptable(h, text, starts, ends)]
    hits += [h for h in county_short_names(text, hits) if _acceptable(h, text, starts, ends)]
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= last_end:
            last_end = hit.end
            yield _table_mention(hit)


def _inside_titles(text: str) -> set[int]:
    """The offsets inside a post title, where no short form may start (市|长沙 of 市长沙某)."""
    return {offset for match in find_titles(text) for offset in range(match.start + 1, match.end)}


def _token_bounds(text: str) -> tuple[set[int], set[int]]:
    tokens = tokenize(text)
    return {t.start for t in tokens}, {t.end for t in tokens}


def _acceptable(hit: NameHit, text: str, starts: set[int], ends: set[int]) -> bool:
    """Short forms must be whole words; full names must not run into the next word; generic
    county names (城区, 郊区) need their city or province just before them."""
    if hit.short:
        return (hit.start in starts and hit.end in ends and not _NAMED_AFTER.match(text, hit.end)
                and not _road_after(text, hit.end) and not _company_after(text, hit.end)
                and not _route_end(text, hit))
    if text[hit.end - 1:hit.end + 1] in _BAD_ENDINGS:
        return False
    return (not is_generic_county(hit.name) or _parent_named_before(hit, text)
            or _county_word(hit, starts, ends))


def _county_word(hit: NameHit, starts: set[int], ends: set[int]) -> bool:
    """Whether a two-character county name (房县, 容县) stands as a place-name word of its own
    here: a whole token the dictionary tags as a place, not part of 示范县, nor opening with a
    conjunction (市和县两级)."""
    return (len(hit.name) == 2 and hit.name.endswith("县") and hit.start in starts and hit.end in ends
            and tag(hit.name)[0].tag == "ns" and tag(hit.name[0])[0].tag != "c")


def _road_after(text: str, end: int) -> bool:
    """Whether 道 or 街 after a short form makes it a road's name (江城道、), not a word (道路, 街头)."""
    return text[end:end + 1] in ("道", "街") and not known_word(text[end:end + 2])


def _route_end(text: str, hit: NameHit) -> bool:
    """Whether a short form is one end of a route's name (江城|至海州铁路, 江城至|海州|铁路)."""
    if _ROUTE_AFTER_FIRST_END.match(text, hit.end):
        return True
    return hit.start > 0 and text[hit.start - 1] in "至到—-" and bool(_ROUTE_AFTER_SECOND_END.match(text, hit.end))


def _company_after(text: str, end: int) -> bool:
    """Whether a short form opens a company's name: an enterprise word right after it, or a
    two-character trade noun and then one (江城|化纤|集团)."""
    if text.startswith(_ENTERPRISE_WORDS, end):
        return True
    trade = tag(text[end:end + 2])
    return (len(trade) == 1 and len(trade[0].word) == 2 and trade[0].tag.startswith("n")
            and text.startswith(_ENTERPRISE_WORDS, end + 2))


def _parent_named_before(hit: NameHit, text: str) -> bool:
    before = text[max(0, hit.start - 12):hit.start]
    short_of = {name: stem for stem, name in short_forms().items()}
    for division in divisions_named(hit.name):
        for parent in _parent_names(division.parent):
            if before.endswith(parent) or before.endswith(short_of.get(parent, parent)):
                return True
    return False


def _parent_names(code: str | None) -> list[str]:
    return [d.name for d in ancestors(code)] if code else []


def _table_mention(hit: NameHit) -> Mention:
    divisions = divisions_named(hit.name)
    return Mention(hit.start, hit.end, "district", hit.surface, hit.name, EXTRACTOR,
                   {"level": divisions[0].level, "codes": [d.code for d in divisions]})


def _suffix_mentions(text: str, named: list[Mention]) -> list[Mention]:
    """Townships, villages and zones, found left to right so that each name stops at the previous one."""
    found: list[Mention] = []
    covered = _Covered(len(text), named)
    for match in _SUFFIX_RE.finditer(text):
        if match.start() in covered or _word_with_next(text, match) or _names_a_township(text, match):
            continue
        level = SUFFIX_LEVELS[match.group()]
        floor = _floor(match.start(), found if level == "zone" else found + named)
        start = _start_of_name(text, match, floor, level, named, found)
        if start is None and bare_abbreviation(text, match.start(), match.group()):
            start = match.start()
        if start is not None and (match.group() not in CONTEXT_ONLY or _zone_context(text, start, match, found)):
            name = text[start:match.end()]
            found.append(Mention(start, match.end(), "district", name, name, EXTRACTOR,
                                 {"level": level, "codes": []}))
            covered.add(found[-1:])
        elif start is None and level in ("township", "village"):
            listed = _listed_names(text, match, floor, level)
            found.extend(listed)
            covered.add(listed)
    return found


def _zone_context(text: str, start: int, match: re.Match[str], found: list[Mention]) -> bool:
    zones = [(m.start, m.end) for m in found if m.attrs["level"] == "zone"]
    return in_zone_context(text, start, match.end(), zones)


def _listed_names(text: str, match: re.Match[str], floor: int, level: str) -> list[Mention]:
    """Names listed before a generic place word: 甲庄、乙庄等示范村 → 甲庄村, 乙庄村."""
    listed = _LISTED.search(text, max(floor, match.start() - 40), match.start())
    middle = listed.group(2) if listed else ""
    if not listed or (not _generic_tail(middle) and any(t.tag in _VERB_TAGS for t in tag(middle))):
        return []
    items, offset = listed.group(1).split("、"), listed.start(1)
    first_tags = [t._replace(start=t.start + offset, end=t.end + offset) for t in tag(items[0])]
    first_start = _stem_start(first_tags, offset, _ADJACENT_BREAK_TAGS)
    if first_start is None:
        return []
    out, start = [], _without_leading_function_char(text, first_start, offset + len(items[0]))
    for item in items:
        end = offset + len(item)
        stem = text[start:end]
        if _proper_stem(stem, level):
            out.append(Mention(start, end, "district", stem, stem + match.group(), EXTRACTOR,
                               {"level": level, "codes": []}))
        offset = start = end + 1
    return out


def _floor(offset: int, mentions: list[Mention]) -> int:
    """The end of the last mention before ``offset``: a name cannot reach back past it."""
    return max((m.end for m in mentions if m.end <= offset), default=0)


class _Covered:
    """The offsets of a text that mentions cover, so that whether one lies inside any mention
    takes one lookup however many there are (reading them all made a long text quadratic)."""

    def __init__(self, length: int, mentions: list[Mention]) -> None:
        self._flags = bytearray(length)
        self.add(mentions)

    def add(self, mentions: list[Mention]) -> None:
        for m in mentions:
            self._flags[m.start:m.end] = b"\1" * len(self._flags[m.start:m.end])

    def __contains__(self, offset: int) -> bool:
        return 0 <= offset < len(self._flags) and self._flags[offset] == 1


def _word_with_next(text: str, match: re.Match[str]) -> bool:
    """True when the suffix makes a common word with the character after it (乡|村, 村|庄)."""
    return text[match.end():match.end() + 1] in _FOLLOWERS_REJECTED.get(match.group(), set())


def _word_with_previous(text: str, match: re.Match[str]) -> bool:
    """True when the suffix makes a common word with the character before it (农|村, 城|镇)."""
    return text[match.start() - 1:match.start()] in _PRECEDERS_REJECTED.get(match.group(), set())


def _names_a_township(text: str, match: re.Match[str]) -> bool:
    """Whether a village's suffix goes on as a township's (太阳村|镇, 东风新村|街道): the township
    is named after the village."""
    if match.group() != "村":
        return False
    suffix = next((s for s in _TOWNSHIP_SUFFIXES if text.startswith(s, match.end())), "")
    after = text[match.end() + len(suffix):match.end() + len(suffix) + 1]
    return bool(suffix) and after not in _FOLLOWERS_REJECTED.get(suffix, set())  # not 某村|乡村振兴


def _start_of_name(text: str, match: re.Match[str], floor: int, level: str, named: list[Mention],
                   found: list[Mention]) -> int | None:
    """Where the name ending in the suffix ``match`` begins, or None if it has no proper stem;
    a township named after a village starts where the village's name would (太阳村|镇)."""
    if level == "township" and text[match.start() - 1:match.start()] == "村":
        return _name_start(text, match.start() - 1, floor, "village", named)
    if not _word_with_previous(text, match):
        start = _name_start(text, match.start(), floor, level, named)
        if start is not None:
            return start
    return _start_after_division(text, match.start(), floor, level, named + found) \
        or _start_after_preposition(text, match.start(), floor, level)


def _name_start(text: str, suffix_start: int, floor: int, level: str, named: list[Mention]) -> int | None:
    """Where the name ending at ``suffix_start`` begins, read off the tags of the words before it."""
    stem_end = suffix_start - len(_ethnic_group_before(text, suffix_start, level))
    run_start = _run_start(text, stem_end, floor, _MAX_STEM[level] + 4)
    tagged = [t._replace(start=t.start + run_start, end=t.end + run_start)
              for t in tag(text[run_start:stem_end])]
    if level == "zone":
        return _zone_start(text, tagged, suffix_start, named)
    start = _stem_start(tagged, run_start, _ADJACENT_BREAK_TAGS | {"l", "f"})
    if start is None:
        return None
    start = _without_leading_function_char(text, start, stem_end)
    return start if _proper_stem(text[start:stem_end], level) else None


def _ethnic_group_before(text: str, suffix_start: int, level: str) -> str:
    """The ethnic group an ethnic township names before its suffix (石桥|彝族|乡), else ''."""
    if level != "township":
        return ""
    before = text[max(0, suffix_start - 5):suffix_start]
    return next((group for group in ethnic_groups() if before.endswith(group)), "")


def _start_after_division(text: str, suffix_start: int, floor: int, level: str,
                          mentions: list[Mention]) -> int | None:
    """``floor`` when the two or three characters between it and the suffix are a name written
    right after the division enclosing it (临江区|石所|镇, 东湖镇|侨乡|村): an unknown name
    the tagger cut into odd words, or one ending in a level character."""
    stem = text[floor:suffix_start]
    if level not in _ENCLOSING or not 2 <= len(stem) <= 3:
        return None
    before = next((m for m in mentions if m.end == floor), None)
    if before is None or before.attrs["level"] not in _ENCLOSING[level]:
        return None
    return floor if _plausible_short_name(stem, text[suffix_start]) else None


def _start_after_preposition(text: str, suffix_start: int, floor: int, level: str) -> int | None:
    """Where a short name starts that is written right after 在, 到 or 赴 (在|站敏|乡, 在|大像山|镇):
    an unknown name the tagger cut into odd words, as after its division."""
    for length in (2, 3):
        start = suffix_start - length
        if start - 1 >= floor and text[start - 1] in _PLACE_PREPOSITIONS \
                and _plausible_short_name(text[start:suffix_start], text[suffix_start]):
            return start
    return None


def _plausible_short_name(stem: str, suffix_char: str) -> bool:
    """Whether ``stem`` can be a whole place name: no function word, no generic place word, and
    with the suffix not a dictionary word (小城|镇, 美丽乡|村)."""
    if not all(_CJK.match(c) for c in stem) or stem[0] in _LEADING_FUNCTION_CHARS:
        return False
    if set(stem) <= _LEVEL_CHARS or stem[-1] in "省市县区" or stem in ethnic_groups():
        return False
    if known_word(stem + suffix_char):
        return False
    if _generic_tail(stem) or _generic_tail(stem[:-1]):
        return False
    return not any(_misfits(word) for word in tag(stem))


def _misfits(word: Tagged) -> bool:
    """A word that cannot be part of a short name: a function character, a known verb or adverb,
    a count (三个); a number or a measure word that counts nothing can open one (五里|王村, 道|图嘎查),
    and so can a character the dictionary does not know (娜|姑镇)."""
    if _unknown_character(word):
        return False
    if len(word.word) == 1:
        return word.tag in _FUNCTION_TAGS and (word.tag != "q" or word.word in _COUNTING_CHARS)
    if word.tag == "m" and not set(word.word) & _COUNTING_CHARS:
        return False
    return known_word(word.word) and word.tag in _BREAK_TAGS


def _without_leading_function_char(text: str, start: int, end: int) -> int:
    """Skip a function character that segmentation glued to a stem of three or more characters."""
    return start + 1 if end - start >= 3 and text[start] in _LEADING_FUNCTION_CHARS else start


def _zone_start(text: str, tagged: list[Tagged], suffix_start: int, named: list[Mention]) -> int | None:
    """Where a zone's name starts (see :func:`_zone_name_start`); None for a goal that names what
    a place is to build (深圳|建设|…先行示范区), not an area."""
    start = _zone_name_start(text, tagged, suffix_start, named)
    if start is None or any(t.word in _GOAL_VERBS for t in tagged if t.start >= start):
        return None
    return start


def _zone_name_start(text: str, tagged: list[Tagged], suffix_start: int, named: list[Mention]) -> int | None:
    """A zone's name starts at the division it is named after when no verb separates them (see
    :func:`_start_by_division`), else at a stem of up to four characters that is not a common noun."""
    if not tagged:
        return None
    anchors = [m for m in named if tagged[0].start <= m.start and m.end <= suffix_start]
    for anchor in sorted(anchors, key=lambda m: m.start):
        if not any(t.tag in _VERB_TAGS for t in tagged if t.start >= anchor.start):
            start = _start_by_division(text, anchor, suffix_start)
            short = start == anchor.start and anchor.text != anchor.name
            return _with_prefix_characters(tagged, start) if short else start
    return _zone_stem_start(tagged)


def _with_prefix_characters(tagged: list[Tagged], start: int) -> int:
    """A zone named after a division's short form may open with one or two single characters
    before it (中新|天津生态城: China and Singapore's)."""
    prefix = 0
    for word in reversed([t for t in tagged if t.end <= start]):
        if len(word.word) != 1 or word.tag in _BREAK_TAGS or prefix == 2:
            break
        prefix += 1
    return start - prefix


def _start_by_division(text: str, anchor: Mention, suffix_start: int) -> int:
    """A zone named after a division starts at its short form (浙江|舟山群岛新区); after its full
    name when a proper stem follows (临江区|临江高新区, 江城市|东湖新区: two mentions)."""
    if anchor.text != anchor.name or anchor.end == suffix_start:
        return anchor.start
    tagged = [t._replace(start=t.start + anchor.end, end=t.end + anchor.end)
              for t in tag(text[anchor.end:suffix_start])]
    start = _zone_stem_start(tagged)
    return anchor.start if start is None else start


def _zone_stem_start(tagged: list[Tagged]) -> int | None:
    """The start of a zone's own stem among the words before its suffix: not a common noun."""
    start = _stem_start(tagged, tagged[0].start, _ADJACENT_BREAK_TAGS) if tagged else None
    first = next((t for t in tagged if start is not None and t.start >= start), None)
    if first is None or (len(first.word) >= 2 and first.tag in _COMMON_TAGS):
        return None
    return start if _proper_stem("".join(t.word for t in tagged if t.start >= start), "zone") else None


def _run_start(text: str, end: int, floor: int, limit: int) -> int:
    """The start of the run of Chinese characters ending at ``end``, at most ``limit`` long."""
    start = end
    while start > max(floor, end - limit) and _CJK.match(text[start - 1]):
        start -= 1
    return start


def _stem_start(tagged: list[Tagged], run_start: int, adjacent_breaks: frozenset[str]) -> int | None:
    """The stem starts after the last word that cannot be part of a name; the word just before
    the suffix must itself be a possible name part (not 完善|社区, 该|村)."""
    if not tagged or _breaks(tagged[-1], adjacent_breaks):
        return None
    start = run_start
    for word in tagged[:-1]:
        if _breaks(word, _BREAK_TAGS):
            start = word.end
    return start


def _breaks(word: Tagged, tags: frozenset[str]) -> bool:
    # jieba often tags one character of an unknown name as an adverb or numeral (太/d, 东三/m),
    # or a place-name ending as a measure word (孙家|集/q 街道).
    lone = len(word.word) == 1 and word.word not in _LEADING_FUNCTION_CHARS
    return word.tag in tags and not (lone and (word.tag in ("d", "m") or word.word in PLACE_NAME_TAIL)) \
        and not _unknown_character(word)


def _unknown_character(word: Tagged) -> bool:
    """A Chinese character the tagger does not know, which it tags as it tags punctuation (娜/x)."""
    return word.tag == "x" and len(word.word) == 1 and bool(_CJK.match(word.word))


def _proper_stem(stem: str, level: str) -> bool:
    if not 2 <= len(stem) <= _MAX_STEM[level] or set(stem) <= _LEVEL_CHARS or _ranks_a_place(stem):
        return False
    if level != "zone" and (stem[-1] in _LEVEL_CHARS - {"村"} or stem.endswith("化")):
        return _doubled_suffix(stem, level) or _market_town(stem, level)
    return not _generic_tail(stem)


def _market_town(stem: str, level: str) -> bool:
    """A township named after its market (某市|镇, as 草市镇): a two-character stem ending in
    市 that is no dictionary word (not 城市, 全市, 本市)."""
    return level == "township" and len(stem) == 2 and stem[-1] == "市" and stem[0] not in _LEVEL_CHARS \
        and not known_word(stem)


def _ranks_a_place(stem: str) -> bool:
    """Whether a stem says what a place is big in (农业|大镇, 工业|大县): a common noun and 大."""
    kind = stem[:-1]
    return stem.endswith("大") and len(kind) >= 2 and known_word(kind) and tag(kind)[0].tag == "n"


def _doubled_suffix(stem: str, level: str) -> bool:
    """A township whose one-character stem already ends in 镇 or 乡 (石镇|镇): the level
    character is written twice."""
    return level == "township" and len(stem) == 2 and stem[-1] in "镇乡" and stem[0] not in _LEVEL_CHARS


def _generic_tail(words: str) -> bool:
    """True when ``words`` is, or ends in, a word describing a kind of place (示范, 省级标杆)."""
    generic = generic_place_stems()
    return words in generic or any(words.endswith(g) for g in generic if len(g) >= 2)
