"""Personal names next to a known cue (a title, a role word, a byline mark).

A name is a surname from the surname list plus one or two given-name characters
(``王 震`` with a space counts too). jieba's person tag alone is not reliable on
this kind of text, so it only decides between candidates the cue already licenses:
how long the given name is, and whether two characters are a name or a word.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from kg.lexicon.posts import find_titles
from kg.lexicon.surnames import surname_at
from kg.segment import backend, tag

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
    if not 1 <= len(given) <= 2 or any(c in NOT_GIVEN for c in given) or name[-1] in PLACE_TAIL:
        return False
    return given != surname and not find_titles(name)  # not 殷殷, not 王主任


def _spaced_name(text: str, pos: int) -> NameSpan | None:
    """``王 震``: a surname, one space, one given character, then a break."""
    if pos + 3 > len(text) or text[pos + 1] not in _GAP:
        return None
    name = text[pos] + text[pos + 2]
    after = text[pos + 3:pos + 4]
    if surname_at(text, pos) and plausible_name(name) and (not after or not is_cjk(after)):
        return NameSpan(pos, pos + 3, name)
    return None


def known_word(word: str) -> bool:
    """Whether ``word`` is in the segmenter's dictionary: cut without the HMM, it stays whole.

    Names the tagger makes up (那利强) are not; common words that open with a
    surname character (幸福, 高质量) are.
    """
    if backend() == "rjieba":
        import rjieba

        return len(rjieba.cut(word, False)) == 1
    import jieba

    return len(jieba.lcut(word, HMM=False)) == 1


def _merged_length(first: tuple[str, str], second: tuple[str, str]) -> int:
    """A surname the tagger split off its given name: 田/志军."""
    if first[1] not in ("nr", "n", "ng", "nrfg", "nrt", "nz") or second[1].startswith(FUNCTION_TAGS):
        return 0
    return 1 + len(second[0]) if len(second[0]) <= 2 and plausible_name(first[0] + second[0]) else 0


def _split_last_char(words: list[tuple[str, str]]) -> bool:
    """Whether the tagger cut the last given-name character off: 钱立/群/在, 李靖/芳."""
    second = words[1] if len(words) > 1 else ("", "x")
    third = words[2] if len(words) > 2 else ("", "x")
    if len(second[0]) != 1 or second[0] in NOT_GIVEN or not is_cjk(second[0]):
        return False
    if second[1].startswith("nr"):
        return True
    return not second[1].startswith(FUNCTION_TAGS) and third[1].startswith(FUNCTION_TAGS)


def _candidate_length(words: list[tuple[str, str]]) -> int:
    """How many characters of the tagged words make a name, 0 when none."""
    first, second = words[0], words[1] if len(words) > 1 else ("", "x")
    if len(first[0]) == 1:
        return _merged_length(first, second)
    if len(first[0]) == 3 and len(surname_at(first[0], 0) or "") == 1 and known_word(first[0][:2]):
        return 0  # 幸福感 opens with a common word; 张新伟 does not
    if first[1].startswith("nr"):
        if _split_last_char(words) and plausible_name(first[0] + second[0]):
            return len(first[0]) + 1
        return len(first[0]) if plausible_name(first[0]) else 0
    if len(first[0]) == 3 and not known_word(first[0]):  # a word jieba does not know: 那利强
        return 3 if plausible_name(first[0]) else 0
    return 0


def _standalone_name(text: str, pos: int) -> NameSpan | None:
    """A name that fills the whole run of Chinese characters from ``pos``: 书记那利强\n."""
    end = pos
    while end < len(text) and end - pos <= 4 and is_cjk(text[end]):
        end += 1
    run = text[pos:end]
    if plausible_name(run) and not known_word(run) and _tagged_as_name(run):
        return NameSpan(pos, end, run)
    return None


def _tagged_as_name(run: str) -> bool:
    """Whether the tagger's cut of ``run`` allows a name: whole, person-tagged, or 那/利强.

    It does not when a word straddles surname and given name (常态/化) or the given
    name is a known verb (谈/治理).
    """
    words = tag(run)
    if len(words) == 1 or words[0].tag.startswith("nr"):
        return True
    given = words[1]
    return (len(words) == 2 and words[0].end == len(surname_at(run, 0) or "")
            and not (known_word(given.word) and given.tag.startswith("v")))


def name_at(text: str, pos: int) -> NameSpan | None:
    """The name starting exactly at ``pos`` (after a cue), or None."""
    if pos >= len(text) or surname_at(text, pos) is None:
        return None
    alone = _spaced_name(text, pos) or _standalone_name(text, pos)
    if alone:
        return alone
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


_AUTHOR_NOTE = re.compile(r"[（(]作者系([^()（）\n]{2,80})[)）]")


def authors_with_notes(text: str) -> list[tuple[NameSpan, tuple[int, int] | None]]:
    """Each byline author with the bounds of the ``(作者系…)`` note that follows, if any.

    A note belongs to the last byline before it; a byline without a note before the
    next byline gets None.
    """
    bylines = author_bylines(text)
    notes = [(m.start(1), m.end(1)) for m in _AUTHOR_NOTE.finditer(text)]
    paired = []
    for i, byline in enumerate(bylines):
        limit = bylines[i + 1].start if i + 1 < len(bylines) else len(text)
        note = next((n for n in notes if byline.end <= n[0] < limit), None)
        paired.append((byline, note))
    return paired
