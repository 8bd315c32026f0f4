"""Administrative divisions named in a document: provinces to villages, and development zones.

Provinces, cities and counties come from the national table (kg.lexicon.divisions),
matched by full name or by the safe short form of a province or prefecture city.
Townships (乡, 镇, 街道), villages and communities (村, 社区) and zones (经济开发区,
示范区, 新区 ...) are not in the table: they are found by their suffix, and the
name's start is read off the words before it (在刘家堡乡 → 刘家堡乡, not 在刘家堡乡).
A division named inside an organisation (小店区委, 西蒲村党支部) is a mention of it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.document import Document, Mention
from kg.lexicon.divisions import (NameHit, divisions_named, find_names, generic_place_stems,
                                  is_generic_county, short_forms)
from kg.segment import Tagged, tag, tokenize

EXTRACTOR = "districts"

# Suffix → level. Zone suffixes are the last words of zone names; qualifiers before them
# (经济技术, 转型综合改革, 一体化 ...) are read as part of the stem.
SUFFIX_LEVELS = {
    "街道": "township", "镇": "township", "乡": "township",
    "社区": "village", "村": "village",
    "开发区": "zone", "示范区": "zone", "经济区": "zone", "新区": "zone", "高新区": "zone",
    "保税区": "zone", "自贸区": "zone", "试验区": "zone", "实验区": "zone", "合作区": "zone",
}
_SUFFIX_RE = re.compile("|".join(sorted(SUFFIX_LEVELS, key=len, reverse=True)))

# A suffix character followed by these makes another word (乡村, 镇压, 村庄), not a name's end.
_FOLLOWERS_REJECTED = {"乡": set("村镇亲土愁贤下间情音野思里"), "镇": set("压定静守痛"), "村": set("庄落寨")}

# Two characters across a full name's end that make a word (合作市|场, 城区|域).
_BAD_ENDINGS = frozenset({"市场", "市值", "区域", "区别", "区分", "区间", "区块"})

# Tags of words that cannot be part of a place name: verbs, prepositions, conjunctions,
# particles, pronouns, adverbs, measure words, time words, distinguishers (省级), punctuation.
_BREAK_TAGS = frozenset("v vn vd vi p c u uj ul uz ud ug uv r d ad q t b x".split())
_ADJACENT_BREAK_TAGS = _BREAK_TAGS - {"b"}
_MAX_STEM = {"township": 4, "village": 5, "zone": 12}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def extract_districts(doc: Document) -> Iterator[Mention]:
    """Mentions of administrative divisions and zones in ``doc``, in text order."""
    named = list(_division_mentions(doc.text))
    yield from sorted(named + _suffix_mentions(doc.text, named), key=lambda m: (m.start, m.end))


def _division_mentions(text: str) -> Iterator[Mention]:
    """Mentions of table divisions: leftmost-longest among the names that pass the boundary checks."""
    starts, ends = _token_bounds(text)
    hits = [h for h in find_names(text) if _acceptable(h, text, starts, ends)]
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= last_end:
            last_end = hit.end
            yield _table_mention(hit)


def _token_bounds(text: str) -> tuple[set[int], set[int]]:
    tokens = tokenize(text)
    return {t.start for t in tokens}, {t.end for t in tokens}


def _acceptable(hit: NameHit, text: str, starts: set[int], ends: set[int]) -> bool:
    """Short forms must be whole words; full names must not run into the next word; generic
    county names (城区, 郊区) need their city or province just before them."""
    if hit.short:
        return hit.start in starts and hit.end in ends
    if text[hit.end - 1:hit.end + 1] in _BAD_ENDINGS:
        return False
    return not is_generic_county(hit.name) or _parent_named_before(hit, text)


def _parent_named_before(hit: NameHit, text: str) -> bool:
    before = text[max(0, hit.start - 12):hit.start]
    short_of = {name: stem for stem, name in short_forms().items()}
    for division in divisions_named(hit.name):
        for parent in _parent_names(division.parent):
            if before.endswith(parent) or before.endswith(short_of.get(parent, parent)):
                return True
    return False


def _parent_names(code: str | None) -> list[str]:
    from kg.lexicon.divisions import ancestors

    return [d.name for d in ancestors(code)] if code else []


def _table_mention(hit: NameHit) -> Mention:
    divisions = divisions_named(hit.name)
    return Mention(hit.start, hit.end, "district", hit.surface, hit.name, EXTRACTOR,
                   {"level": divisions[0].level, "codes": [d.code for d in divisions]})


def _suffix_mentions(text: str, named: list[Mention]) -> list[Mention]:
    """Townships, villages and zones, found left to right so that each name stops at the previous one."""
    found: list[Mention] = []
    for match in _SUFFIX_RE.finditer(text):
        if _inside_any(match.start(), named + found) or _rejected_follower(text, match):
            continue
        level = SUFFIX_LEVELS[match.group()]
        floor = max((m.end for m in found + named if m.end <= match.start() and m.attrs["level"] != "zone"),
                    default=0)
        start = _name_start(text, match.start(), match.end(), floor, level, named)
        if start is not None:
            name = text[start:match.end()]
            found.append(Mention(start, match.end(), "district", name, name, EXTRACTOR,
                                 {"level": level, "codes": []}))
    return found


def _inside_any(offset: int, mentions: list[Mention]) -> bool:
    return any(m.start <= offset < m.end for m in mentions)


def _rejected_follower(text: str, match: re.Match[str]) -> bool:
    following = text[match.end():match.end() + 1]
    return following in _FOLLOWERS_REJECTED.get(match.group(), set())


def _name_start(text: str, suffix_start: int, suffix_end: int, floor: int, level: str,
                named: list[Mention]) -> int | None:
    """Where the name ending in the suffix at ``suffix_start`` begins, or None if it has no proper stem."""
    run_start = _run_start(text, suffix_start, floor, _MAX_STEM[level] + 4)
    if level == "zone":
        anchor = min((m.start for m in named if run_start <= m.start and m.end <= suffix_start), default=None)
        if anchor is not None:
            return anchor
    tagged = tag(text[run_start:suffix_end])
    start = _stem_start(tagged, run_start, suffix_start)
    if start is None or not _proper_stem(text[start:suffix_start], level):
        return None
    return start


def _run_start(text: str, end: int, floor: int, limit: int) -> int:
    """The start of the run of Chinese characters ending at ``end``, at most ``limit`` long."""
    start = end
    while start > max(floor, end - limit) and _CJK.match(text[start - 1]):
        start -= 1
    return start


def _stem_start(tagged: list[Tagged], run_start: int, suffix_start: int) -> int | None:
    """The stem starts after the last word that cannot be part of a name; the word just before
    the suffix must itself be a possible name part (not 完善|社区, 该|村)."""
    before = [t for t in tagged if run_start + t.start < suffix_start]
    if not before or _breaks(before[-1], _ADJACENT_BREAK_TAGS):
        return None
    start = run_start
    for word in before[:-1]:
        if _breaks(word, _BREAK_TAGS):
            start = run_start + word.end
    return start


def _breaks(word: Tagged, tags: frozenset[str]) -> bool:
    # jieba often tags a single character of an unknown name as an adverb (太/d): keep those.
    return word.tag in tags and not (word.tag == "d" and len(word.word) == 1)


def _proper_stem(stem: str, level: str) -> bool:
    if len(stem) < 2 or len(stem) > _MAX_STEM[level]:
        return False
    generic = generic_place_stems()
    return stem not in generic and not any(stem.endswith(g) for g in generic if len(g) >= 2)
