"""Names without a Han surname, read only next to a strong cue (a post title, a role word, a
byline, a credit, a closing bracket).

Two shapes: a Mongolian or Tibetan name written as one word (敖其尔, 次仁多吉), and a
transcribed name whose parts are joined by a middle dot (Uyghur, Kazakh and other names:
买买提·艾力; the dot may be ·, •, ・, ‧ or a full stop between Chinese characters). A name is
as written, dots included. Neither shape has a surname to anchor it, so the checks are on the
characters (no function word or numeral), the dictionary (no common word inside) and the
lexicons (not a division, not a title).
"""
from __future__ import annotations

import re
from kg.lexicon.divisions import find_names
from kg.lexicon.name_words import (PLACE_NAME_TAIL, PLACE_TAIL, SAYING, NameSpan, dictionary_cut,
                                   is_form_of_address, known_word)
from kg.lexicon.posts import find_titles
from kg.segment import tag

#: Middle dots that join the parts of a transcribed name (买买提·艾力).
MIDDLE_DOTS = "·•・‧"
#: ... and the full stop OCR reads them as (买买提.艾力).
NAME_DOTS = MIDDLE_DOTS + "."
_DOT = f"[{re.escape(NAME_DOTS)}]"
_DOT_SPLIT = re.compile(_DOT)
_DOTTED_RUN = re.compile(rf"[\u4e00-\u9fff]+(?:{_DOT}[\u4e00-\u9fff]+)*")
#: A dotted name ending where the searched text ends (before a credit: 买买提·艾力 摄).
_DOTTED_AT_END = re.compile(rf"(?<![\u4e00-\u9fff{re.escape(NAME_DOTS)}])"
                            rf"[\u4e00-\u9fff]{{2,6}}(?:{_DOT}[\u4e00-\u9fff]{{2,6}}){{1,2}}$")
#: Characters that are never part of a transcribed name: function words and numerals
#: (其, 和, 日, 都, 那 are: 其木格, 苏和, 格日勒, 阿不都, 那顺).
_FUNCTION_CHARS = frozenset("的了在是与及等说也而又就把被对从向为以于之这那们着过将已或该此每各年")
_NOT_TRANSCRIBED = (_FUNCTION_CHARS - {"那"}) | frozenset("一二三四五六七八九十百千万零两")
#: Characters that open the words after a name: function characters, and 一 (一边, 一起).
_AFTER_NAME_OPENERS = _FUNCTION_CHARS | frozenset("一")
#: Conjunctions that may follow a name, though a transcribed name may end in one (苏和).
_JOINING = frozenset("和跟同并")
#: What may follow a name in running text: a verb of saying or a credit (敖其尔说).
AFTER_NAME = SAYING + ("摄",)
#: An adverb of manner and a verb of saying after a name (高兴地说, 笑着说).
_MANNER_OF_SAYING = re.compile(rf"([\u4e00-\u9fff]{{1,2}})[地着](?:{'|'.join(SAYING)})")
#: Lengths of a name written as one word (敖其尔 to 巴特格日勒), and of each part of a dotted name.
_WORD_LENGTHS, _PART_LENGTHS = range(2, 6), range(2, 7)
_MAX_PARTS = 3


def transcribed_name_at(text: str, pos: int) -> NameSpan | None:
    """A Mongolian, Tibetan, Uyghur or Kazakh name at ``pos`` (敖其尔, 次仁多吉, 买买提·艾力)."""
    run = _DOTTED_RUN.match(text, pos)
    if run is None:
        return None
    parts = _DOT_SPLIT.split(run.group())
    return _dotted_name_at(text, pos, parts) if len(parts) > 1 else _word_name_at(text, pos, run.end())


def _word_name_at(text: str, pos: int, end: int) -> NameSpan | None:
    """A name written as one word: the whole run of characters up to a break, or two to five
    characters before a verb of saying or a credit, else three to five before other words (see
    :func:`_ends_a_name`; two would read the start of a phrase as a name: 给记者|算收|入账; nor one
    ending like a village's: 镇长|王家庄|调研)."""
    lengths = [end - pos] + [n for n in reversed(_WORD_LENGTHS) if text.startswith(AFTER_NAME, pos + n)]
    lengths += [n for n in reversed(_WORD_LENGTHS)
                if 2 < n < end - pos and text[pos + n - 1] not in PLACE_NAME_TAIL and _ends_a_name(text[pos + n:end])]
    for length in lengths:
        if length <= end - pos and reads_as_transcribed_name(text[pos:pos + length]):
            return NameSpan(pos, pos + length, text[pos:pos + length])
    return None


def _ends_a_name(rest: str) -> bool:
    """Whether ``rest``, the characters of a run after a name written as one word, opens as running
    text after a name does: a verb of saying after an adverb of manner, a two-character verb, or an
    adverb (格桑多布|笑着说, 拉巴次旦|带领); not a function character, which may
    end a Han name read one character too long (周海涛算|过, 何子平陪|同)."""
    if not rest:
        return False
    return _manner_of_saying(rest) or _opens_with_a_verb(rest) or tag(rest[:4])[0].tag == "d"


def _dotted_name_at(text: str, pos: int, parts: list[str]) -> NameSpan | None:
    """A dotted name of two or three parts; its last part ends where :func:`_last_part_length` says."""
    if len(parts) > _MAX_PARTS:
        return None
    *first, last = parts
    length = _last_part_length(last)
    end = pos + sum(len(part) + 1 for part in first) + length
    if length and reads_as_transcribed_name(text[pos:end]):
        return NameSpan(pos, end, text[pos:end])
    return None


def _last_part_length(part: str) -> int:
    """How much of the characters after a name's last dot is the name (0 if none fits): up to
    what plainly follows a name (a verb of saying or a credit, a function character or 一,
    a conjunction before more words: 吐拉克|说, 沙比尔|一边, 沙比尔|和老伴), else up to a verb
    (吐尔洪|主持会议), else up to a word that is no name (沙比尔|家门口种了葡萄), else all of it
    when short enough (阿不都热合曼)."""
    lengths = [n for n in _PART_LENGTHS if n <= len(part)]
    for follows in (_plainly_follows_a_name, _opens_with_a_verb, _opens_with_a_word):
        length = next((n for n in lengths if follows(part[n:])), 0)
        if length:
            return length
    return len(part) if len(part) in _PART_LENGTHS else 0


def _plainly_follows_a_name(rest: str) -> bool:
    """Whether ``rest`` opens with a verb of saying (after an adverb of manner: 高兴地说), a credit,
    a function character or 一, or a conjunction before more words (说, 摄, 向记者, 一边, 和老伴)."""
    opener = rest[:1]
    return rest.startswith(AFTER_NAME) or opener in _AFTER_NAME_OPENERS \
        or (opener in _JOINING and len(rest) > 2) or _manner_of_saying(rest)


def _manner_of_saying(rest: str) -> bool:
    """Whether ``rest`` opens with an adverb of manner, a word, and a verb of saying (高兴地说)."""
    manner = _MANNER_OF_SAYING.match(rest)
    return bool(manner) and known_word(manner.group(1))


def _opens_with_a_verb(rest: str) -> bool:
    """Whether ``rest`` opens with a two-character verb that ends it or is followed by a word or
    a function character (主持会议, 出席; not 热合|曼, the end of a name, nor 热合|曼|出席)."""
    verb, after = rest[:2], rest[2:]
    if len(verb) < 2 or not known_word(verb) or not tag(verb)[0].tag.startswith("v"):
        return False
    return not after or _plainly_follows_a_name(after) or len(dictionary_cut(after)[0]) > 1


def _opens_with_a_word(rest: str) -> bool:
    """Whether ``rest`` opens with a word of two or more characters that is no name and has two
    or more characters after it (家门口|种了葡萄; a name's own end, 热合|曼 or 买买提, has not)."""
    first = dictionary_cut(rest)[0] if rest else ""
    return len(first) > 1 and len(rest) - len(first) > 1 and not tag(first)[0].tag.startswith("nr")


def dotted_name_before(text: str, end: int) -> NameSpan | None:
    """The dotted name that ends right before ``end`` (买买提·艾力 摄)."""
    match = _DOTTED_AT_END.search(text, max(0, end - 24), end)
    if match and reads_as_transcribed_name(match.group()):
        return NameSpan(match.start(), end, match.group())
    return None


def reads_as_transcribed_name(name: str) -> bool:
    """Whether a word next to a strong cue is a name without a Han surname: one word of two to
    five characters, or two or three parts of two to six joined by dots; no function character or
    numeral, not a form of address, a division or a title, and no common word inside (see
    :func:`_only_name_words` and :func:`_common_words_part`)."""
    parts = _DOT_SPLIT.split(name)
    if len(parts) > _MAX_PARTS or set(name) & _NOT_TRANSCRIBED or is_form_of_address(name):
        return False
    if name[-1] in PLACE_TAIL or find_titles(name) or any(find_names(name)):
        return False
    if len(parts) == 1:
        return len(name) in _WORD_LENGTHS and _only_name_words(name)
    return all(len(part) in _PART_LENGTHS and not _common_words_part(part) for part in parts)


def _only_name_words(word: str) -> bool:
    """Whether a name written as one word holds no dictionary word but a person's or a place's
    (次仁|多吉; not 采访|时)."""
    if known_word(word) and not tag(word)[0].tag.startswith("nr"):
        return False
    return all(len(w) == 1 or tag(w)[0].tag.startswith(("nr", "ns")) for w in dictionary_cut(word))


def _common_words_part(part: str) -> bool:
    """Whether a part between dots is made of common words: two or more longer words that are
    not names (美丽|乡村), or one two-character word that is not a name (会议). The dot already
    marks a transcribed name, and the dictionary knows some longer names as nouns (so a
    three-character known noun is let through)."""
    words = [w for w in dictionary_cut(part) if len(w) > 1 and not tag(w)[0].tag.startswith(("nr", "ns"))]
    return len(words) > 1 or (len(part) == 2 and words == [part])
