"""Post titles and organisation suffixes, and a matcher that finds titles in text.

Bare titles and organisation suffixes are data (``data/post_titles.txt``,
``data/org_suffixes.txt``); this module adds the modifiers (副, 常务副, 代 ...) and the
party-organ compounds (区委书记, 党支部书记 ...) and builds one Aho–Corasick
automaton over all of them, once per process.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from kg.lexicon import data_lines
from kg.lexicon.name_words import is_cjk

#: Characters that name an administrative level when they open a title or an organisation.
LEVEL_CHARS = frozenset("省市州盟县区旗镇乡村")

MODIFIERS = ("", "副", "常务副", "代", "代理", "第一", "执行", "名誉", "专职副",
             "一级", "二级", "三级", "四级")

#: Party organs that form one title with the post they hold: 区委 + 书记 = 区委书记.
PARTY_ORGANS = ("省委", "市委", "州委", "地委", "盟委", "县委", "区委", "旗委", "镇党委",
                "乡党委", "党工委", "工委", "党委", "党组", "党支部", "党总支", "总支", "支部",
                "纪委", "纪工委", "村委会", "居委会")
ORGAN_POSTS = ("书记", "副书记", "第一书记", "常委", "副主任", "主任", "委员")


#: Organs that are named without their place when a list of titles shares it (临江区委书记、
#: 管委会主任 → 临江区管委会): an organisation standing for one of these alone belongs to the list's.
BARE_ORGANS = frozenset(("管委会", "管理委员会", "党工委", "工委", "党委", "党组", "纪委", "纪工委",
                         "政府", "人民政府", "人大常委会", "政协", "办事处"))

#: A character right after a title that makes it another word: 常委会, 书记处, 主席台.
TITLE_BREAKERS = frozenset("会处团台")


class Title(NamedTuple):
    """A post title; ``organ`` is the organisation inside it (区委 in 区委书记)."""

    text: str
    organ: str | None
    level: str | None  # 市 for 市长 and 市委书记: the level whose post it is


class TitleMatch(NamedTuple):
    start: int
    end: int
    title: Title


@lru_cache(maxsize=1)
def base_titles() -> tuple[str, ...]:
    """The bare titles of the data file: 书记, 市长, 局长, 组长 ..."""
    return tuple(data_lines("post_titles.txt"))


@lru_cache(maxsize=1)
def org_suffixes() -> tuple[str, ...]:
    """Words that end an organisation's name (市委, 党支部, 公司, 小学 ...), longest first."""
    return tuple(sorted(data_lines("org_suffixes.txt"), key=len, reverse=True))


def ends_with_org_suffix(text: str) -> bool:
    """Whether ``text`` ends like the name of an organisation."""
    return any(text.endswith(suffix) for suffix in org_suffixes())


#: Heads of organisations and titles that name no level but belong to one: a 厅 is a province's
#: department (厅长, 厅党组).
_IMPLIED_LEVELS = {"厅": "省"}


def level_of(text: str) -> str | None:
    """The level an organisation or a title written without a place name belongs to (市 for 市长 and
    市人社局, 省 for 厅长), or None; a village's organs are read from the village named before them."""
    head = text[:1]
    if head in LEVEL_CHARS:
        return head if head != "村" else None
    return _IMPLIED_LEVELS.get(head)


def all_titles() -> dict[str, Title]:
    """Every title the matcher knows, by its text."""
    titles = {}
    for base in base_titles():
        for modifier in MODIFIERS:
            text = modifier + base
            titles[text] = Title(text, None, level_of(base))
    for organ in PARTY_ORGANS:
        for post in ORGAN_POSTS:
            titles[organ + post] = Title(organ + post, organ, level_of(organ))
    return titles


def is_title(word: str) -> bool:
    """Whether ``word`` is a post title the matcher knows (书记, 干部, 区委书记)."""
    return word in _title_texts()


@lru_cache(maxsize=1)
def _title_texts() -> frozenset[str]:
    return frozenset(all_titles())


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for text, title in all_titles().items():
        automaton.add_word(text, title)
    automaton.make_automaton()
    return automaton


def find_titles(text: str) -> list[TitleMatch]:
    """Post titles in ``text``, longest first where they overlap, in text order."""
    found = sorted(((end + 1 - len(t.text), end + 1, t) for end, t in _automaton().iter(text)),
                   key=lambda m: (m[0], -(m[1] - m[0])))
    matches: list[TitleMatch] = []
    for start, end, title in found:
        if (matches and start < matches[-1].end) or text[end:end + 1] in TITLE_BREAKERS:
            continue
        matches.append(TitleMatch(start, end, title))
    return [m for m, after in zip(matches, matches[1:] + [None]) if not _opens_place_name(text, m, after)]


#: How many characters a place's name may have between a level title's 长 and its suffix (郊区|长青|乡).
_PLACE_REST = 3


def _opens_place_name(text: str, match: TitleMatch, after: TitleMatch | None) -> bool:
    """Whether a level title ending in 长 is the end of a division and the start of the next
    division's name, that next title's level character ending it (郊区|长林乡|党委书记 is no 区长)."""
    if after is None or match.title.level is None or not match.title.text.endswith("长"):
        return False
    between = text[match.end:after.start]
    return 0 < len(between) < _PLACE_REST and after.title.text[0] in LEVEL_CHARS \
        and all(map(is_cjk, between))
