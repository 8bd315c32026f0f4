"""Personal names next to a known cue (a title, a role word, a byline mark).

A name is a surname from the surname list plus one or two given-name characters. Typesetters
and OCR put spaces inside names: one after the surname (``聂 彬``, ``蒋 怀远说``), or one between
every character (``蒋 怀 远``, and ``聂  彬``, a two-character name padded to three columns);
such a run of characters set apart one by one is read as names only when it spells them one
way (see :func:`spaced_names`), and the space between two names is never read through
(``聂彬 蒋怀远``). After a strong cue (a post title, a byline role) a name without a Han surname
counts too (see :mod:`kg.lexicon.transliterated`). jieba's person tag alone is not reliable on
this kind of text, so the cue licenses a name and the dictionary decides its length: cut
without the HMM, an unknown name falls apart into characters, a reading must end where a
dictionary word ends, and the reading followed by the longest word wins (王震|强调, 孙立新|出席).
The tagger only vetoes readings it takes for words (和|居民).
"""
from __future__ import annotations

import re

from kg.lexicon.name_words import (PLACE_NAME_TAIL, PLACE_TAIL, SAYING, NameSpan, dictionary_cut, is_cjk,
                                   is_form_of_address, known_word)
from kg.lexicon.posts import find_titles
from kg.lexicon.surnames import surname_at
from kg.lexicon.transliterated import (AFTER_NAME, MIDDLE_DOTS, NAME_DOTS, reads_as_transcribed_name,
                                       transcribed_name_at)
from kg.segment import tag

#: Characters that are not part of a given name.
NOT_GIVEN = frozenset("的了在是和与及等说也都而又就把被对从向为以于之其这那个们着过将已或该此每各年日")
#: Characters that make X月 a month or a span of months, not a given name: 本月, 正月, 三月.
_COUNTING_MONTHS = frozenset("本上下当每次同全正元腊岁数半近逐按累个一二两三四五六七八九十")
_GAP = " \u3000"
#: Gaps a typesetter puts between the characters of a name: a space, a full-width space, or two
#: spaces padding a two-character name to the width of three (``聂  彬``).
_INNER_GAP = re.compile(r"\u3000| {1,2}")
_INNER_GAP_AT_END = re.compile(r"(?:\u3000| {1,2})$")
#: Characters that, set apart, end a run of spaced characters: a verb of saying, a credit (蒋 怀 远 摄).
_RUN_ENDS = frozenset(word for word in AFTER_NAME if len(word) == 1)
#: Tags of a surname character that is really a function word or verb: 和, 从, 谈.
FUNCTION_TAGS = ("c", "p", "u", "d", "v", "r")
#: Characters that close a name in a list of names (张三、李四等).
_LIST_ITEM_ENDS = frozenset("、，,。；;：:）)等 \u3000\n")
#: Verbs after the last name of a list of attending officials (副主任张三、李四出席).
_ATTENDING = ("出席", "参加", "列席", "主持", "陪同", "参会", "到会")
#: How many characters from a name's start are cut or tagged to read it.
WINDOW = 8


def plausible_name(name: str) -> bool:
    """Whether a string (no spaces) has the shape of a Chinese personal name."""
    surname = surname_at(name, 0) if name else None
    if surname is None or not all(is_cjk(c) for c in name):
        return False
    given = name[len(surname):]
    if not 1 <= len(given) <= 2 or any(c in NOT_GIVEN for c in given) or name[-1] in PLACE_TAIL:
        return False
    if given[-1] == "月" and (len(given) == 1 or given[0] in _COUNTING_MONTHS):
        return False  # 李秋月 is a name; 本月, 每月, 正月 are months
    return given != surname and not is_form_of_address(name) and not find_titles(name)  # not 殷殷, 王老师, 王主任


def reads_as_name(word: str) -> bool:
    """Whether a word standing alone is a name: name-shaped, and not a dictionary word
    the tagger reads as something else (南京, 门票, 黄河; but 高峰 tagged as a name)."""
    return plausible_name(word) and (not known_word(word) or tag(word)[0].tag.startswith("nr"))


def _spaced_name(text: str, pos: int) -> NameSpan | None:
    """A name with one space after its surname and the given name glued to what follows
    (``蒋 怀远说``, ``聂 彬强调``): read as if the space were not there."""
    surname = surname_at(text, pos) or ""
    gap = pos + len(surname)
    if not surname or text[gap:gap + 1] not in _GAP or not is_cjk(text[gap + 1:gap + 2]):
        return None
    joined = _unspaced_name(surname + text[gap + 1:gap + 1 + WINDOW], 0)
    if joined is None or len(joined.name) <= len(surname):
        return None
    return NameSpan(pos, pos + len(joined.name) + 1, joined.name)


def _alone(text: str, pos: int, glued_before: bool = True) -> bool:
    """Whether ``text[pos]`` is a Chinese character with no Chinese character right after it
    (nor right before it, unless ``glued_before``)."""
    if not 0 <= pos < len(text) or not is_cjk(text[pos]) or is_cjk(text[pos + 1:pos + 2]):
        return False
    return glued_before or pos == 0 or not is_cjk(text[pos - 1])


def spaced_run(text: str, pos: int) -> list[int]:
    """The offsets of the characters set apart one by one from ``pos`` on, each alone and the
    same gap between them, up to a verb of saying or a credit set apart too (``蒋 怀 远 主持``
    and ``蒋 怀 远 摄`` → 蒋, 怀, 远), and a third glued to the words after it when it makes no
    word with them (``蒋 怀 远主持``); empty unless there are two or more."""
    offsets = [pos] if _alone(text, pos) else []
    gap = None
    while offsets:
        match = _INNER_GAP.match(text, offsets[-1] + 1)
        if match is None or gap not in (None, match.group()) or text[match.end():match.end() + 1] in _RUN_ENDS:
            break
        if not _alone(text, match.end()):
            if len(offsets) == 2 and _glued_last_character(text, match.end()):
                offsets.append(match.end())
            break
        gap = match.group()
        offsets.append(match.end())
    return offsets if len(offsets) > 1 else []


def _glued_last_character(text: str, pos: int) -> bool:
    """Whether the character at ``pos``, set apart after two others but glued to the words after
    it, ends their name (``侯 军 强在``, ``周 海 林表示``): it makes no word with what follows."""
    return is_cjk(text[pos]) and len(dictionary_cut(text[pos:pos + WINDOW])[0]) == 1


def spaced_run_before(text: str, end: int) -> list[int]:
    """The run of characters set apart one by one (see :func:`spaced_run`) whose last character
    ends right before ``end``, its first character after a break (``记者 祁 岩 摄``); or empty."""
    head, pos, starts = text[:end], end - 1, []
    while _alone(head, pos, glued_before=False):
        starts.append(pos)
        gap = _INNER_GAP_AT_END.search(head, max(0, pos - 2), pos)
        pos -= len(gap.group()) + 1 if gap else 1
    for start in reversed(starts):
        run = spaced_run(head, start)
        if run and run[-1] == end - 1:
            return run
    return []


def spaced_names(text: str, run: list[int]) -> list[NameSpan]:
    """The names a run of characters set apart one by one spells: one name (``蒋 怀 远``,
    ``聂  彬``, ``欧 阳 明 远``), two two-character names that are no common words (``聂 彬 祁 岩``;
    not ``高 度 重 视``), or a name and a
    character that cannot go on a name (``蒋 怀 远 说``). Nothing when the run spells no name or
    several readings (``蒋 怀 远 聂 彬``: 蒋怀远|聂彬 or 蒋怀|远聂彬)."""
    chars = "".join(text[offset] for offset in run)
    if _spaced_reading(chars):
        return [_run_span(run, chars, 0, len(chars))]
    if len(chars) == 4 and reads_as_name(chars[:2]) and reads_as_name(chars[2:]):
        return [_run_span(run, chars, 0, 2), _run_span(run, chars, 2, 4)]
    for length in (3, 2):
        if length < len(chars) and chars[length] in NOT_GIVEN and _spaced_reading(chars[:length]):
            return [_run_span(run, chars, 0, length)]
    return []


def _spaced_reading(name: str) -> bool:
    """Whether spaced characters spell ``name``: a surname and one character (the space marks
    the surname), or a longer name that is not a common word (蒋怀远; not 高度重视)."""
    return plausible_name(name) and (len(name) == 2 or reads_as_name(name))


def _run_span(run: list[int], chars: str, first: int, stop: int) -> NameSpan:
    return NameSpan(run[first], run[stop - 1] + 1, chars[first:stop])


def _boundaries(text: str) -> set[int]:
    ends, pos = set(), 0
    for word in dictionary_cut(text):
        pos += len(word)
        ends.add(pos)
    return ends


def _candidates(text: str, pos: int) -> list[tuple[int, tuple[bool, int]]]:
    """(length, rank) for each surname + 1–2 character reading at ``pos``.

    A reading must end where a dictionary word ends or a verb of saying starts (陈家明|说,
    which the dictionary cuts 陈家|明说), and its surname must stand alone in the
    dictionary cut (孙|立新, not 年纪|大) unless the first word is the name or all of it
    but its last character (王震, 欧阳明|远). The rank prefers a reading followed by a
    verb of saying, then by a longer word (王震|强调).
    """
    surname = surname_at(text, pos) or ""
    window = text[pos:pos + WINDOW]
    words = dictionary_cut(window)
    ends, found = _boundaries(window), []
    for length in (len(surname) + 1, len(surname) + 2):
        name, cue = window[:length], window.startswith(SAYING, length)
        if (length not in ends and not cue) or not (len(surname) in ends or 0 <= length - len(words[0]) <= 1):
            continue
        if plausible_name(name) and window[length:length + 1] not in PLACE_TAIL:
            after = dictionary_cut(window[length:])
            found.append((length, (cue, len(after[0]) if after else 0)))
    return found


def _opens_with_person_word(text: str, pos: int) -> bool:
    """Whether the three-character name at ``pos`` opens with a person word, not a common word
    (幸福感) nor a family's place (王家庄, 周家口): two characters tagged as a person (林家豪,
    刘家辉), or a surname and 家 (the dictionary's "the X family") when a verb or a break
    follows the name (孔家骥|表示; not 国家队|员)."""
    name = text[pos:pos + 3]
    if name[-1] in PLACE_NAME_TAIL:
        return False
    if tag(name[:2])[0].tag == "nrfg":
        return True
    return name[1] == "家" and surname_at(name, 0) == name[0] and _verb_or_break_at(text, pos + 3)


def _verb_or_break_at(text: str, pos: int) -> bool:
    """Whether ``text`` at ``pos`` ends the phrase before it: no Chinese character, or a verb,
    preposition, particle, conjunction or adverb (表示, 出席, 在, 等, 就)."""
    if pos >= len(text) or not is_cjk(text[pos]):
        return True
    return tag(text[pos:pos + WINDOW])[0].tag.startswith(("v", "p", "u", "c", "d"))


def _verb_opens_name_before_verb(text: str, pos: int) -> bool:
    """Whether the three-character name at ``pos`` opens with what the tagger takes for a verb
    (贺立|新) and a verb or a break follows it (贺立新|涉嫌): no common noun phrase reads so."""
    return tag(text[pos:pos + 2])[0].tag.startswith("v") and _verb_or_break_at(text, pos + 3)


def _tags_refuse(text: str, pos: int, length: int) -> bool:
    """Whether the tagger reads the span as words: 和|居民 (a conjunction), 高度 (an adverb)."""
    first = tag(text[pos:pos + WINDOW])[0]
    if first.word == surname_at(text, pos) and first.tag.startswith(FUNCTION_TAGS):
        return not _given_name_after_function_word(text, pos, length)
    name = text[pos:pos + length]
    if length == 3 and len(first.word) >= 2 and known_word(name[:2]) and not _opens_with_person_word(text, pos) \
            and not _verb_opens_name_before_verb(text, pos):
        return True  # 幸福感 and 王家庄 open with a common word; 李建伟 does not
    return known_word(name) and not first.tag.startswith("nr")


def _given_name_after_function_word(text: str, pos: int, length: int) -> bool:
    """Whether a surname the tagger reads as a function word (何, 于, 符) opens a name all the same:
    two given-name characters tagged as a name (何|志远), or closed by a verb of saying or of
    attending (何立平|表示, 符建新|出席)."""
    given = text[pos + 1:pos + length]
    closed = text.startswith(SAYING + _ATTENDING, pos + length)
    return len(given) == 2 and (tag(given)[0].tag.startswith("nr") or closed)


def _name_length(text: str, pos: int) -> int:
    """The length of the name at ``pos``: the reading whose next word is longest (王震|强调)."""
    candidates = _candidates(text, pos)
    if not candidates:
        return 0
    length = max(candidates, key=lambda c: (c[1], c[0]))[0]
    return 0 if _tags_refuse(text, pos, length) else length


def _standalone_name(text: str, pos: int) -> NameSpan | None:
    """A name that fills the whole run of Chinese characters from ``pos``: 书记靳永刚\n."""
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
    run = spaced_run(text, pos)
    if run:
        names = spaced_names(text, run)
        return names[0] if names else None
    span = _spaced_name(text, pos) or _unspaced_name(text, pos)
    return None if span and _dot_follows(text, span.end) else span


def _dot_follows(text: str, end: int) -> bool:
    """Whether a middle dot and a character follow ``end``: the first part of a transcribed
    name, not a Han name (麦尔旦|·吐拉克)."""
    return is_cjk(text[end + 1:end + 2]) and text[end] in MIDDLE_DOTS


def _unspaced_name(text: str, pos: int) -> NameSpan | None:
    """The name at ``pos`` written without a space: filling its run, or cut by the dictionary."""
    alone = _standalone_name(text, pos)
    if alone:
        return alone
    length = _name_length(text, pos)
    return NameSpan(pos, pos + length, text[pos:pos + length]) if length else None


def name_after(text: str, pos: int) -> NameSpan | None:
    """The name that follows a cue ending at ``pos``, allowing one space or colon between."""
    if text[pos:pos + 1] in _GAP or text[pos:pos + 1] in ":：":
        pos += 1
    return name_at(text, pos)


def name_before(text: str, pos: int) -> NameSpan | None:
    """The person-tagged name that ends right before ``pos`` (``王立群`` in 王立群组长)."""
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
    """Names one after another from ``pos``, separated by a space or 、 (``张三 李四``); a strong
    cue, so names without a Han surname count too (``记者 其木格``)."""
    spans: list[NameSpan] = []
    span = cued_name_after(text, pos)
    while span:
        spans.append(span)
        gap = text[span.end:span.end + 1]
        if not gap or gap not in _GAP + "、":
            break
        span = cued_name_after(text, span.end + 1)
    return spans


def cued_name_after(text: str, pos: int) -> NameSpan | None:
    """The name after a strong cue (a post title, a byline role): a Han name, else a name
    without a Han surname (see :mod:`kg.lexicon.transliterated`), which also wins over a Han
    reading of its first characters not followed by a verb of saying (巴图孟|和 is 巴图孟和)."""
    span = name_after(text, pos)
    if span is None or not text.startswith(AFTER_NAME, span.end):
        pos += 1 if text[pos:pos + 1] in _GAP + ":：" else 0
        other = transcribed_name_at(text, pos)
        span = other if other and (span is None or other.end > span.end) else span
    return span


def listed_names_after(text: str, first: NameSpan) -> list[NameSpan]:
    """The names that follow ``first`` in a list after one title (副主任张三、李四、王五出席):
    each after a 、 and ending where a list item ends, the list stopping at anything else."""
    spans: list[NameSpan] = []
    span = first
    while text[span.end:span.end + 1] == "、":
        span = cued_name_after(text, span.end + 1)
        if span is None or not _ends_list_item(text, span.end):
            break
        spans.append(span)
    return spans


def _ends_list_item(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` closes an item of a list: punctuation, a space, the
    end of the text, 等, or a verb of saying or attending."""
    return end >= len(text) or text[end] in _LIST_ITEM_ENDS or text.startswith(AFTER_NAME + _ATTENDING, end)


#: A short name on a line of its own: ``聂 彬``, ``钱立群``, ``蒋 怀 远``, ``聂  彬``.
_LINE_NAME = r"\S[ \u3000]?\S{1,3}|\S(?:[ \u3000]{1,2}\S){1,3}"
#: A byline mark and the name after it: ``◎ 聂 彬``, ``文/李明``, ``作者：赵东``, ``□ 买买提·艾力``.
_BYLINE = re.compile(rf"^[ \u3000]*(?:[◎□■●◆]|文[/／|｜]|作者[:：])[ \u3000]*"
                     rf"({_LINE_NAME}|[\u4e00-\u9fff]+(?:[{re.escape(NAME_DOTS)}][\u4e00-\u9fff]+)+)[ \u3000]*$", re.M)
#: A line holding one short word and nothing else (a name alone under a headline or a piece).
_SHORT_LINE = re.compile(rf"^[ \u3000]*({_LINE_NAME})[ \u3000]*$", re.M)
_NON_SPACE = re.compile(r"\S")


def _marked_bylines(text: str) -> list[NameSpan]:
    """Names after a byline mark: ``◎ 聂 彬``, ``文/李明``, ``◎ 买买提·艾力``."""
    spans = []
    for match in _BYLINE.finditer(text):
        name = re.sub(r"[ \u3000]", "", match.group(1))
        if plausible_name(name) or reads_as_transcribed_name(name):
            spans.append(NameSpan(match.start(1), match.end(1), name))
    return spans


def _line_name(match: re.Match[str]) -> NameSpan | None:
    """The name a short line holds, when the whole line reads as a name and not a word."""
    name = re.sub(r"[ \u3000]", "", match.group(1))
    if plausible_name(name) and not known_word(name) and _tagged_as_name(name):
        return NameSpan(match.start(1), match.end(1), name)
    return None


def _next_line_start(text: str, pos: int) -> int:
    """The start of the first non-blank line after the line holding ``pos``."""
    newline = text.find("\n", pos)
    if newline == -1:
        return len(text)
    rest = _NON_SPACE.search(text, newline)
    return text.rfind("\n", 0, rest.start()) + 1 if rest else len(text)


def bare_name_lines(text: str) -> list[NameSpan]:
    """Names alone on their line (under a headline, after a piece), except in a run of
    such lines: a list of names is not a byline."""
    found = [(match.start(), span) for match in _SHORT_LINE.finditer(text)
             if (span := _line_name(match)) is not None]
    starts = {start for start, _ in found}
    line_before = {_next_line_start(text, start): start for start in starts}
    return [span for start, span in found
            if start not in line_before and _next_line_start(text, start) not in starts]


def author_bylines(text: str) -> list[NameSpan]:
    """Authors on a byline line: ``◎ 聂 彬``, ``文/李明``, ``作者：赵东``, or a name alone on its line."""
    spans = {span.start: span for span in bare_name_lines(text)}
    spans.update((span.start, span) for span in _marked_bylines(text))
    return sorted(spans.values())


_AUTHOR_NOTE = re.compile(r"[（(]作者(?:系|为|是)([^()（）\n]{2,80})[)）]")


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
