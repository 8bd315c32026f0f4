"""Personal names next to a known cue (a title, a role word, a byline mark).

A name is a surname from the surname list plus one or two given-name characters
(``王 震`` with a space counts too). jieba's person tag alone is not reliable on
this kind of text, so it only decides between candidates the cue already licenses:
how long the given name is, and whether two characters are a name or a word.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from kg.lexicon.surnames import surname_at
from kg.segment import tag

#: Characters that end a place name, never a person's: 高平市, 平阳路.
PLACE_TAIL = frozenset("省市州盟县区旗镇乡村路街巷")
#: Characters that are not part of a given name.
NOT_GIVEN = frozenset("的了在是和与及等说也都而又就把被对从向为以于之其这那个们着过将已或该此每各年月日")
#: Tags of words that cannot be a given name after a surname.
FUNCTION_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "t", "f", "x", "y", "e", "o")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_GAP = " \u3000"
#: How far past a cue a name may start, and how many characters to tag for it.
WINDOW = 8


class NameSpan(NamedTuple):
    start: int
    end: int
    name: str  # without spaces


def is_cjk(char: str) -> bool:
    return bool(_CJK.fullmatch(char))


def plausible_name(name: str) -> bool:
    """Whether a string (no spaces) has the shape of a Chinese personal name."""
    surname = surname_at(name, 0) if name else None
    if surname is None or not all(is_cjk(c) for c in name):
        return False
    given = name[len(surname):]
    return (1 <= len(given) <= 2 and not any(c in NOT_GIVEN for c in given)
            and name[-1] not in PLACE_TAIL)


def _spaced_name(text: str, pos: int) -> NameSpan | None:
    """``王 震``: a surname, one space, one given character, then a break."""
    if pos + 3 > len(text) or text[pos + 1] not in _GAP:
        return None
    name = text[pos] + text[pos + 2]
    after = text[pos + 3:pos + 4]
    if surname_at(text, pos) and plausible_name(name) and (not after or not is_cjk(after)):
        return NameSpan(pos, pos + 3, name)
    return None


def _candidate_length(words: list[tuple[str, str]]) -> int:
    """How many characters of the tagged words make a name, 0 when none."""
    first, first_tag = words[0]
    if len(first) in (2, 3, 4) and (first_tag.startswith("nr") or len(first) == 3):
        return len(first) if plausible_name(first) else 0
    if len(first) == 1 and len(words) > 1 and first_tag in ("nr", "n", "ng", "nrfg", "nrt", "nz"):
        second, second_tag = words[1]
        if len(second) <= 2 and not second_tag.startswith(FUNCTION_TAGS):
            return 1 + len(second) if plausible_name(first + second) else 0
    return 0


def name_at(text: str, pos: int) -> NameSpan | None:
    """The name starting exactly at ``pos`` (after a cue), or None."""
    if pos >= len(text) or surname_at(text, pos) is None:
        return None
    spaced = _spaced_name(text, pos)
    if spaced:
        return spaced
    words = [(t.word, t.tag) for t in tag(text[pos:pos + WINDOW])]
    length = _candidate_length(words)
    if not length or text[pos + length:pos + length + 1] in PLACE_TAIL:
        return None
    return NameSpan(pos, pos + length, text[pos:pos + length])


def name_after(text: str, pos: int) -> NameSpan | None:
    """The name that follows a cue ending at ``pos``, allowing one space or colon between."""
    if text[pos:pos + 1] in _GAP or text[pos:pos + 1] in ":：":
        pos += 1
    return name_at(text, pos)


def name_before(text: str, pos: int) -> NameSpan | None:
    """The person-tagged name that ends right before ``pos`` (``崔玉民`` in 崔玉民组长)."""
    words = tag(text[max(0, pos - WINDOW):pos])
    if text[pos:pos + 1] in PLACE_TAIL or not words or not words[-1].tag.startswith("nr"):
        return None
    last = words[-1].word
    if plausible_name(last):
        return NameSpan(pos - len(last), pos, last)
    if len(words) > 1 and len(words[-2].word) == 1 and plausible_name(words[-2].word + last):
        return NameSpan(pos - len(last) - 1, pos, words[-2].word + last)
    return None


def names_in_list(text: str, start: int, end: int, separators: str = "、 ") -> list[NameSpan]:
    """The names of a list such as ``李明、赵东`` or ``李明 赵东`` between two offsets.

    Returns nothing unless every item is a plausible name: a list is all names or none.
    """
    spans, pos = [], start
    for item in re.split(f"[{re.escape(separators)}]", text[start:end]):
        if item and not plausible_name(item):
            return []
        if item:
            spans.append(NameSpan(pos, pos + len(item), item))
        pos += len(item) + 1
    return spans


def names_run(text: str, pos: int) -> list[NameSpan]:
    """Names one after another from ``pos``, separated by a space or 、 (``张三 李四``)."""
    spans: list[NameSpan] = []
    span = name_after(text, pos)
    while span:
        spans.append(span)
        gap = text[span.end:span.end + 1]
        if not gap or gap not in _GAP + "、":
            break
        span = name_at(text, span.end + 1)
    return spans


_BYLINE = re.compile(r"^[ \u3000]*(?:◎|文[/／]|作者[:：])[ \u3000]*(\S[ \u3000]?\S{1,3})[ \u3000]*$", re.M)


def author_bylines(text: str) -> list[NameSpan]:
    """Authors named alone on a byline line: ``◎ 王 震``, ``文/李明``, ``作者：赵东``."""
    spans = []
    for match in _BYLINE.finditer(text):
        name = re.sub(r"[ \u3000]", "", match.group(1))
        if plausible_name(name):
            spans.append(NameSpan(match.start(1), match.end(1), name))
    return spans
