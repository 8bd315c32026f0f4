"""Development zones: their kinds, and the short names newspapers give them.

A zone's name is a head (the division it is named after, then its own stem) and an
ending that says its kind (高新技术产业开发区, 经济技术开发区, 生态城 ...). Newspapers
shorten the ending (江城高新技术产业开发区 → 江城高新区) and drop the head (高新区党工委).
Within one document a short name stands for the fullest name of the same zone written
there: same kind, same stem (or none), same division (or none). A short name written
alone (高新区) needs exactly one such zone. A zone that the document names only in short
gets its standard full name, the short one staying an alias: the abbreviated ending is
written out (江城高新区 → 江城高新技术产业开发区, 江城经开区 → 江城经济技术开发区,
综改示范区 → 综合改革示范区).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from kg.lexicon.divisions import find_names

#: Kind → the endings it is written with, the standard full ending first.
ZONE_KINDS: dict[str, tuple[str, ...]] = {
    "高新": ("高新技术产业开发区", "高新技术开发区", "新技术产业开发区", "新技术开发区", "高新区"),
    "经开": ("经济技术开发区", "经济开发区", "经开区"),
    "综改": ("综合改革示范区", "综合改革试验区", "综改示范区", "综改试验区", "综改区"),
    "自贸": ("自由贸易试验区", "自由贸易区", "自贸试验区", "自贸区"),
    "综保": ("综合保税区", "综保区"),
    "农高": ("农业高新技术产业示范区", "农高区"),
    "新区": ("新区",),
    "生态城": ("生态城",),
}
#: Last words of zone names, as the district extractor finds them; qualifiers before them
#: (经济技术, 转型综合改革, 一体化 ...) are read as part of the stem.
ZONE_SUFFIXES = ("开发区", "示范区", "经济区", "新区", "高新区", "保税区", "自贸区", "试验区", "实验区",
                 "合作区", "经开区", "综改区", "综保区", "农高区", "生态城", "基地", "新城", "工业园区", "度假区",
                 "投资区", "先行区", "工业城")
#: Suffixes of names that are zones only in context: a 基地 is usually a project, a 新城 a
#: housing estate, a 先行区 a policy, unless listed with a zone, run by a zone's organs or set in a 新区.
CONTEXT_ONLY = frozenset({"基地", "新城", "先行区"})
_ZONE_SUFFIX_RE = re.compile("|".join(sorted(ZONE_SUFFIXES, key=len, reverse=True)))
_LIST_JOINERS = "、和与及"
_ZONE_ORGANS = ("管委会", "党工委")
#: Characters before a zone abbreviation written alone that make it a kind, not one zone (各高新区).
_COLLECTIVE_CHARS = frozenset("各级家国个批等全类些多几")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: How far after a zone named in a list the next zone's suffix may end.
_LIST_REACH = 21
#: Short endings that are written alone for the one zone of their kind (高新区管委会).
BARE_ABBREVIATIONS = frozenset(("高新区", "经开区", "综改区", "综保区", "自贸区", "农高区", "生态城"))
#: Short endings and the standard full ending they are written out to in a zone's full name.
_WRITTEN_OUT = {"综改示范区": "综合改革示范区", "综改试验区": "综合改革试验区", "高新区": "高新技术产业开发区",
                "经开区": "经济技术开发区", "综保区": "综合保税区", "农高区": "农业高新技术产业示范区"}
_ENDINGS = sorted(((ending, kind) for kind, endings in ZONE_KINDS.items() for ending in endings),
                  key=lambda pair: len(pair[0]), reverse=True)


class ZoneName(NamedTuple):
    name: str
    division: str | None  # full name of the division written at its start
    head: str  # the division as written (江城 of 江城高新区), '' when none
    stem: str  # the zone's own words between the division and the ending
    kind: str | None
    ending: str


def parse_zone(name: str) -> ZoneName:
    """A zone name split into division, stem and kind ending (kind None for other endings)."""
    ending, kind = next(((e, k) for e, k in _ENDINGS if name.endswith(e)), ("", None))
    head = name[:len(name) - len(ending)]
    at_start = [hit for hit in find_names(head) if hit.start == 0]
    division = max(at_start, key=lambda hit: hit.end, default=None)
    if division is None:
        return ZoneName(name, None, "", head, kind, ending)
    return ZoneName(name, division.name, division.surface, head[division.end:], kind, ending)


def _same_zone(short: ZoneName, full: ZoneName) -> bool:
    """Whether ``short`` can be a shorter way of writing ``full``."""
    return (short.kind is not None and short.kind == full.kind and short.stem in ("", full.stem)
            and (short.division is None or full.division is None or short.division == full.division))


def _fullness(zone: ZoneName) -> tuple[bool, int]:
    return zone.ending == ZONE_KINDS[zone.kind][0] if zone.kind else False, len(zone.name)


def _fullest(zone: ZoneName, zones: list[ZoneName]) -> str:
    """The fullest name among the zones ``zone`` can stand for, itself included."""
    fuller = [other for other in zones if _same_zone(zone, other) and _fullness(other) > _fullness(zone)]
    return max(fuller, key=_fullness).name if fuller else zone.name


def _written_out(zone: ZoneName) -> str:
    """The name with its abbreviated ending written out (江城高新区 → 江城高新技术产业开发区); an
    ending written alone stays as it is."""
    if zone.ending in _WRITTEN_OUT and zone.name != zone.ending:
        return zone.name[:-len(zone.ending)] + _WRITTEN_OUT[zone.ending]
    return zone.name


def zone_full_names(names: Iterable[str]) -> dict[str, str]:
    """Zone names of one document → the full name each stands for; a short name written alone
    maps only when every zone it can stand for has one full name."""
    zones = [parse_zone(name) for name in dict.fromkeys(names)]
    named = [zone for zone in zones if zone.name not in BARE_ABBREVIATIONS]
    out = {zone.name: _written_out(parse_zone(_fullest(zone, named))) for zone in named}
    for bare in (zone for zone in zones if zone.name in BARE_ABBREVIATIONS):
        targets = {out[zone.name] for zone in named if _same_zone(bare, zone)}
        if len(targets) == 1:
            out[bare.name] = targets.pop()
    return out


def bare_abbreviation(text: str, start: int, suffix: str) -> bool:
    """A zone abbreviation written without a name (高新区管委会), not as a kind (各高新区)."""
    return suffix in BARE_ABBREVIATIONS and text[start - 1:start] not in _COLLECTIVE_CHARS


def in_zone_context(text: str, start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    """Whether a name that is a zone only in context (宁安能源基地, 甲新区|乙新城) is set right
    after a zone or listed next to one (甲开发区、宁安能源基地; 宁安能源基地和甲新区), or followed
    by a zone's organ (管委会); ``zones`` are the spans of the zones named before it."""
    if text.startswith(_ZONE_ORGANS, end):
        return True
    joined_before = start > 0 and text[start - 1] in _LIST_JOINERS
    if any(zone_end == start or (joined_before and zone_end == start - 1) for _, zone_end in zones):
        return True
    after = _ZONE_SUFFIX_RE.search(text, end + 1, end + 1 + _LIST_REACH)
    return (text[end:end + 1] in _LIST_JOINERS and after is not None and after.group() not in CONTEXT_ONLY
            and all(_CJK.match(c) for c in text[end + 1:after.start()]))
