"""Other named persons: reporters, photographers, authors, people quoted with a role.

Patterns:

- a role word, then one or more names: ``记者 张三 李四``, ``通讯员王五``, ``居民赵六说``,
  ``居民代表钱七``; not when the role's last character and the name read as words (村民宿迎来)
- names in brackets closing a short news item: ``(张三、李四)``, ``(聂 彬)`` → 记者
- a name before a credit: ``张三 摄`` → 摄影, ``(图片由 聂 彬 摄)``, ``由 张三 采写`` → 记者; everyone on a byline
  that ends in a credit takes its role (``记者 张三 通讯员 李四 摄`` → 摄影, 摄影)
- an author alone on a byline: ``◎ 王 五``, or a name alone on its line under a headline
  → 作者, unless a note ``(作者系…)`` gives a post
- ``某某同志`` → 同志; ``市领导A、B出席`` → 市领导 (a list of leaders states no post, so
  they are persons, not officials: the guideline wants the post next to the name)
- no role word, role None: an age before the name (``68岁的张三``), a verb of saying after
  it right after a quote (``”张三笑着说``) or after a clause describing the speaker
  (``”在这里住了十年的张三说``), or before a quote (``张三说：“…”``); a name the
  document gives a role elsewhere takes that role

After a byline role, before a credit and in closing brackets a name may lack a Han surname
(``记者 其木格``, ``次仁多吉 摄``, ``(买买提·艾力)``; see :mod:`kg.lexicon.transliterated`); after
the role word of a quoted person only when dotted or before a verb of saying (``牧民敖其尔说``).
Names set apart character by character (``记者 蒋 怀 远``, ``祁 岩 摄``) are read as
:func:`kg.lexicon.names.spaced_names` says; a surname and a form of address (``孙阿婆``) is no name.

Officials are not filtered here: the resolver drops a person whose name is an
official of the same document.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain

import ahocorasick

from kg.document import Document, Mention
from kg.lexicon.names import (NameSpan, authors_with_notes, cued_name_after, known_word, name_after, name_at,
                              name_before, names_run, plausible_name, reads_as_name, spaced_names, spaced_run,
                              spaced_run_before)
from kg.lexicon.posts import find_titles
from kg.lexicon.surnames import surname_at
from kg.lexicon.transliterated import AFTER_NAME, NAME_DOTS, dotted_name_before, reads_as_transcribed_name

EXTRACTOR = "persons"

#: Role words that a list of names may follow (bylines, mastheads).
BYLINE_ROLES = {"记者": "记者", "本报记者": "记者", "特约记者": "记者", "见习记者": "记者",
                "实习记者": "记者", "通讯员": "通讯员", "本报通讯员": "通讯员", "实习生": "实习生",
                "责任编辑": "责任编辑", "编辑": "编辑", "责任校对": "责任校对", "校对": "校对",
                "美编": "美编", "摄影": "摄影", "摄像": "摄像", "市领导": "市领导", "省领导": "省领导",
                "县领导": "县领导", "区领导": "区领导"}
#: Role words that one quoted or cited person follows.
QUOTED_ROLES = ("居民", "村民", "市民", "群众", "游客", "律师", "学生", "大学生", "研究生", "教师",
                "老师", "医生", "护士", "志愿者", "党员", "工人", "职工", "农民", "网格员", "快递员",
                "外卖员", "创业者", "老人", "患者", "家长", "业主", "店主", "摊主", "户主", "司机",
                "消费者", "专家", "教授", "博士", "选手", "运动员", "演员", "作家", "画家",
                "贫困户", "脱贫户", "低保户", "农户", "种植户", "养殖户", "大户", "果农", "菜农", "茶农",
                "渔民", "牧民", "农民工", "员工", "技术员", "村医", "退役军人", "带头人", "传承人",
                "主播", "残疾人", "返乡青年")
#: Credits that follow a name: ``张三 摄``.
CREDITS = {"摄影": "摄影", "摄": "摄影", "采写": "记者"}
_CREDIT = re.compile(r"[ \u3000]?(摄影|摄|采写)[ \u3000]*(?=[)）]?[ \u3000]*(?:\n|$))")
#: A name right before a credit, one space allowed after a one-character surname (蒋 怀远 摄;
#: characters set apart one by one, 聂 彬 摄, are read by :func:`kg.lexicon.names.spaced_names`).
_CREDITED_NAME = re.compile(r"(?:^|[^\u4e00-\u9fff])([\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]{2}|[\u4e00-\u9fff]{1,3}))$")
_DOTS = re.escape(NAME_DOTS)
_CLOSING_BRACKETS = re.compile(rf"[（(]([\u4e00-\u9fff、 \u3000{_DOTS}]{{2,60}})[)）][ \u3000]*(?=\n|$)")
#: An item of a closing bracket: two to four characters, or transcribed parts joined by dots.
_BRACKET_ITEM = re.compile(rf"[\u4e00-\u9fff]{{2,4}}"
                           rf"|[\u4e00-\u9fff]{{2,6}}(?:[{_DOTS}][\u4e00-\u9fff]{{2,6}})+")
_COMRADE = re.compile(r"同志(?!们)")
#: An age that introduces a person: ``68岁的``, ``七十岁的``, ``年过六旬的``.
_AGE = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁的|年[过近逾][四五六七八九]旬的")
#: Verbs of saying after a quoted speaker, a few words of manner allowed (张三笑着说).
_SAYING = r"[^，,。！？!?“”\n]{0,6}?(?:说|表示|介绍|告诉|坦言|感慨|感叹|笑道)"
#: Verbs of saying that open a quote (张三表示：“…”).
_SAYING_QUOTE = r"(?:说|表示|介绍)[:：，,]?[“「]"
#: Where a speaker's name starts: after a closing quote, or opening a sentence before a quote.
_AFTER_QUOTE = re.compile(rf"[”」』](?=[\u4e00-\u9fff]{{2,4}}{_SAYING})")
_BEFORE_QUOTE = re.compile(rf"(?:^|(?<=[。！？!?”\n]))(?=[\u4e00-\u9fff]{{2,4}}{_SAYING_QUOTE})", re.M)
#: ... or ends a clause after the quote that describes the speaker (”在这里住了十年的张三说).
_AFTER_QUOTE_CLAUSE = re.compile(rf"[”」』][^，,。！？!?“”\n]{{1,30}}?的(?=[\u4e00-\u9fff]{{2,4}}{_SAYING})")
_SAYING_AFTER_NAME, _SAYING_QUOTE_AFTER_NAME = re.compile(_SAYING), re.compile(_SAYING_QUOTE)


def _person(text: str, span: NameSpan, role: str | None) -> Mention:
    return Mention(span.start, span.end, "person", text[span.start:span.end], span.name,
                   EXTRACTOR, {"role": role})


@lru_cache(maxsize=1)
def _role_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, role in BYLINE_ROLES.items():
        automaton.add_word(word, (word, role, True))
    for word in QUOTED_ROLES:
        automaton.add_word(word, (word, word, False))
        automaton.add_word(word + "代表", (word + "代表", word + "代表", False))  # 居民代表
    automaton.make_automaton()
    return automaton


def role_mentions(text: str) -> Iterator[Mention]:
    """Names after a role word: ``记者 张三 李四``, ``居民王五``, ``村民买买提·艾力``."""
    for end, (word, role, many) in _role_automaton().iter(text):
        after = end + 1
        spans = names_run(text, after) if many else [s for s in [_quoted_name_after(text, after)] if s]
        yield from (_person(text, span, role) for span in spans if not _reads_across_role(text, span))


def _quoted_name_after(text: str, pos: int) -> NameSpan | None:
    """The name after a role word of one quoted person (村民, 居民), a weaker cue than a byline's:
    the Han name, unless a name without a Han surname reads longer and is dotted or right before
    a verb of saying (村民买买提·艾力, 牧民敖其尔说; not 群众|幸福感)."""
    han, span = name_after(text, pos), cued_name_after(text, pos)
    if span is None or span == han or text.startswith(AFTER_NAME, span.end) or set(span.name) & set(NAME_DOTS):
        return span
    return han


def _reads_across_role(text: str, span: NameSpan) -> bool:
    """Whether the text right after a role word reads as two words, not a name: the role's last
    character and the surname make a word, and the two-character given name is a word too
    (山里村民|宿迎来 is 山里村|民宿|迎来; but 律师|范明, a one-character given name)."""
    given = span.name[len(surname_at(span.name, 0) or ""):]
    return len(given) == 2 and known_word(text[span.start - 1:span.start + 1]) and known_word(given)


def _name_ending_at(text: str, pos: int) -> NameSpan | None:
    """The name right before a credit: spaced characters (``祁 岩``, ``聂 彬 祁 岩``), a dotted
    name, the whole word after a break, else a person-tagged word."""
    run = spaced_run_before(text, pos)
    if run:
        names = spaced_names(text, run)
        return names[-1] if names and names[-1].end == pos else None
    dotted = dotted_name_before(text, pos)
    if dotted:
        return dotted
    word = _CREDITED_NAME.search(text, max(0, pos - 8), pos)
    if word:
        surface = word.group(1)
        name = _unspaced(surface)
        if name == surface and reads_as_transcribed_name(name):
            return NameSpan(pos - len(surface), pos, name)
        if reads_as_name(name) and (name == surface or surname_at(surface, 0) == surface[0]):
            return NameSpan(pos - len(surface), pos, name)
    return name_before(text, pos)


def _unspaced(surface: str) -> str:
    return re.sub(r"[ \u3000]", "", surface)


def credit_mentions(text: str) -> Iterator[Mention]:
    """``张三 摄`` at the end of a line (a photographer), ``由 王五 采写`` (a reporter)."""
    for match in _CREDIT.finditer(text):
        span = _name_ending_at(text, match.start())
        if span:
            yield _person(text, span, CREDITS[match.group(1)])


def closing_bracket_mentions(text: str) -> Iterator[Mention]:
    """Reporters named in brackets that close a news item: ``(张三、李四)``.

    Every item must be two to four characters (or transcribed parts joined by ·, ``阿不都·艾力``);
    most must read as names (Han names, spaced ``聂 彬``, names without a Han surname), and only
    those are kept.
    """
    for match in _CLOSING_BRACKETS.finditer(text):
        items = _bracket_items(match.group(1))
        named = [(start, surface) for start, surface in items if _bracketed_name(surface)]
        if all(_BRACKET_ITEM.fullmatch(_unspaced(item)) for _, item in items) and 2 * len(named) >= len(items):
            for start, surface in named:
                offset = match.start(1) + start
                yield _person(text, NameSpan(offset, offset + len(surface), _unspaced(surface)), "记者")


def _bracketed_name(surface: str) -> bool:
    """A name in brackets: one that reads as a name (a Han name, or one without a Han surname),
    or a surname and given name set apart by the typesetter's space (``聂 彬``)."""
    name = _unspaced(surface)
    if name == surface:
        return reads_as_name(name) or reads_as_transcribed_name(name)
    return plausible_name(name)


def _bracket_items(inside: str) -> list[tuple[int, str]]:
    """(offset, surface) of the items of a bracket, split at 、 and spaces, except the spaces
    inside a name: characters set apart one by one (``聂 彬``, ``蒋 怀 远``; see
    :func:`kg.lexicon.names.spaced_names`) and one space after a one-character surname
    (``蒋 怀远``; not ``聂彬 蒋怀远``)."""
    items: list[tuple[int, str]] = []
    for part in re.finditer(r"[^、 \u3000]+", inside):
        start, surface = part.start(), part.group()
        if items and start < items[-1][0] + len(items[-1][1]):
            continue  # inside spaced characters already read
        spaced = _spaced_items(inside, start)
        if spaced:
            items += spaced
        elif items and _spaced_surname(inside, items[-1], start) and len(surface) <= 2:
            first = items.pop()
            items.append((first[0], inside[first[0]:start + len(surface)]))
        else:
            items.append((start, surface))
    return items


def _spaced_items(inside: str, start: int) -> list[tuple[int, str]]:
    """(offset, surface) of the names that characters set apart one by one from ``start`` spell,
    or of each character when they spell none or several readings (so the bracket is no list of
    names); empty when no such characters start there."""
    run = spaced_run(inside, start)
    names = spaced_names(inside, run) if run else []
    if run and not names:
        return [(offset, inside[offset]) for offset in run]
    return [(span.start, inside[span.start:span.end]) for span in names]


def _spaced_surname(inside: str, item: tuple[int, str], next_start: int) -> bool:
    """Whether ``item`` is a lone one-character surname followed by one space before ``next_start``."""
    start, part = item
    return (len(part) == 1 and surname_at(part, 0) == part and next_start == start + 2
            and inside[start + 1] in " \u3000")


def comrade_mentions(text: str) -> Iterator[Mention]:
    """``某某同志``: a name before 同志 (not a post)."""
    for match in _COMRADE.finditer(text):
        span = name_before(text, match.start())
        if span:
            yield _person(text, span, "同志")


def age_mentions(text: str) -> Iterator[Mention]:
    """``68岁的张三``: a name introduced by an age (no role word; role None)."""
    for match in _AGE.finditer(text):
        span = name_at(text, match.end())
        if span:
            yield _person(text, span, None)


def speaker_mentions(text: str) -> Iterator[Mention]:
    """People quoted without a role word: ``”张三笑着说``, ``”住在村东的张三说``, ``张三表示：“…”``
    (role None)."""
    for start, saying in ((_AFTER_QUOTE, _SAYING_AFTER_NAME), (_AFTER_QUOTE_CLAUSE, _SAYING_AFTER_NAME),
                          (_BEFORE_QUOTE, _SAYING_QUOTE_AFTER_NAME)):
        for match in start.finditer(text):
            span = name_at(text, match.end())
            if span and saying.match(text, span.end):
                yield _person(text, span, None)


def _first_per_span(mentions: Iterable[Mention]) -> list[Mention]:
    by_span: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        by_span.setdefault((mention.start, mention.end), mention)
    return sorted(by_span.values(), key=lambda m: m.start)


def _with_known_roles(mentions: list[Mention]) -> list[Mention]:
    """Mentions found without a role word take the role the document gives the name elsewhere."""
    roles = {m.name: m.attrs["role"] for m in mentions if m.attrs["role"]}
    for mention in mentions:
        if mention.attrs["role"] is None:
            mention.attrs["role"] = roles.get(mention.name)
    return mentions


def _credited_lines(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names on a byline ending in a credit take the credit's role: everyone named on
    ``记者 张三 通讯员 李四 摄`` took the photograph."""
    for match in _CREDIT.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        for mention in mentions:
            if line_start <= mention.start < match.start() and mention.attrs["role"] in BYLINE_ROLES:
                mention.attrs["role"] = CREDITS[match.group(1)]
    return mentions


def extract_persons(doc: Document) -> Iterator[Mention]:
    """Named people found through a role word, a credit, a byline, a closing bracket, an age or a quote."""
    text = doc.text
    authors = (_person(text, span, "作者") for span, note in authors_with_notes(text)
               if note is None or not find_titles(text[note[0]:note[1]]))
    found = chain(role_mentions(text), credit_mentions(text), authors, closing_bracket_mentions(text),
                  comrade_mentions(text), age_mentions(text), speaker_mentions(text))
    yield from _with_known_roles(_credited_lines(text, _first_per_span(found)))
