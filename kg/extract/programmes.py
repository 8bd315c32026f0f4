"""Programmes: named policy programmes, campaigns, plans, strategies and competitions.

Three rules propose spans, and the longest wins where they overlap:

- a head word (专项行动, 专项治理, 行动, 战略, 大赛, a policy 工程, a festival or fair)
  and the noun phrase before it, quotes included (“五城”战略 → 五城战略); weak heads
  (模式, 工作法, 活动, 计划, 改革, 革命) need a quoted or numbered name, since 招聘活动 or
  管理模式 name nothing; a quoted modifier is a name however generic (“263”专项行动);
- a quoted term used as a name: the object of 实施, 开展, 推行, 实现 … (实现“某某通办”),
  alone or in a list of quoted terms, but never an emphasised phrase with 、 in it; a
  campaign being created or an event starting (“某某”创建, “某某课堂”开课); or a
  numbered slogan made the means of something (把“两清三改”作为…抓手, 以“一查二改”为载体);
- a title in 《》 that ends like a policy document (方案, 意见, 条例, …): attrs
  ``{"document": True}``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.document import Document, Mention
from kg.lexicon.phrases import name_start
from kg.lexicon.projects import (
    DOCUMENT_SUFFIXES, PROGRAMME_HEADS, PROGRAMME_WEAK_HEADS, PROJECT_HEADS, bare_name, head_spans,
    is_numbered_set, is_physical_works, longest_first, section_end, strip_generic,
)

Span = tuple[int, int]
HEADS = PROGRAMME_HEADS + PROGRAMME_WEAK_HEADS

# Verbs whose quoted object is the name of a programme or method.
NAME_INTROS = (
    "实施", "开展", "推进", "推行", "推广", "实行", "打造", "创建", "实现", "探索", "深化", "启动",
    "落实", "践行", "形成", "建立", "创新", "执行", "开启", "争创", "推动", "部署", "组织",
)
_QUOTE = re.compile(r"“([^“”、，,。；;！？\n]{4,15})”")
_QUOTED_TERM = re.compile(r"“[^“”]{2,}”|‘[^‘’]{2,}’")
_DOCUMENT = re.compile(r"《([^《》\n]{2,60})》")
_AFTER_NAME = re.compile(r"[、，,。；;：:！!？?）)\n]|等|为|项目|$")
#: How far before a weak head the opening quote of its quoted modifier may stand.
_QUOTED_MODIFIER_REACH = 16
_PERIOD_EVENT = re.compile(r"[月周节季年]活动$")
# A slogan of two or more numbered parts: 两清两拆三整治, 两查四改.
_NUMBERED_SLOGAN = re.compile(r"(?:[一二三四五六七八九十两双百千万]+[^\W一二三四五六七八九十两双百千万]{1,3}){2,}")
# What follows the quoted name of a campaign or an event: its creation or its start
# (“某某乡村”创建为载体, “某某课堂”日前开课).
_CAMPAIGN_AFTER = re.compile(r"创建|建设|(?:日前|近日|正式|今日)?(?:开课|开讲|开班|开幕|开赛|开营|启动)")
# A quoted name that says it is a campaign: a campaign year (“某某提速年”, not “之年”) or
# a building campaign (“某某美丽乡村建设”).
_CAMPAIGN_NAME = re.compile(r"(?:[^\W\d之]年|建设)$")
# What a means is made into: 把“X”作为…抓手, 以“X”为…载体.
_MEANS_ROLES = ("抓手", "载体", "突破口", "切入点", "先手棋", "着力点", "牛鼻子")


def extract_programmes(doc: Document) -> Iterator[Mention]:
    """Mentions of named programmes in ``doc``; policy documents carry ``document: True``."""
    text = doc.text
    documents = set(document_spans(text))
    spans = [*head_candidates(text), *quoted_names(text), *documents]
    for start, end in longest_first(spans):
        attrs = {"document": True} if (start, end) in documents else {}
        yield Mention(start, end, "programme", text[start:end], bare_name(text[start:end]),
                      "programmes", attrs)


def head_candidates(text: str) -> Iterator[Span]:
    """Valid spans that end in a programme head word."""
    for head_start, head_end, head in head_spans(text, HEADS):
        start = quoted_modifier_start(text, head_start, head) or name_start(text, head_start, head_end, HEADS)
        if head == "工程" and is_works(text, head_start, head_end):
            continue
        if is_programme_name(text[start:head_end], head, in_quotes(text, start, head_end)):
            yield start, head_end


def quoted_modifier_start(text: str, head_start: int, head: str) -> int | None:
    """Where a weak head's name starts when a quoted term right before it names it: at the quote
    (深化交通领域“放管服”改革 → “放管服”改革), else None."""
    if head not in PROGRAMME_WEAK_HEADS or text[head_start - 1:head_start] != "”":
        return None
    opening = text.rfind("“", max(0, head_start - _QUOTED_MODIFIER_REACH), head_start - 1)
    return opening if opening != -1 else None


def is_works(text: str, head_start: int, head_end: int) -> bool:
    """Whether the 工程 at ``head_start`` is physical works as the project rules read it: with
    a section after it (某工程某市段) or a physical object in the name they give it, which may
    start before the programme name does (某高速西南段扩容工程)."""
    start = name_start(text, head_start, head_end, PROJECT_HEADS)
    return section_end(text, head_end) > head_end or is_physical_works(text[start:head_start])


def in_quotes(text: str, start: int, end: int) -> bool:
    """Whether the span is quoted as a whole (“执法革命”)."""
    return text[start - 1:start] == "“" and text[end:end + 1] == "”"


def is_programme_name(surface: str, head: str, quoted: bool) -> bool:
    """Whether a span ending in ``head`` names one programme; a weak head needs a quote in
    the span (“某某”工作法) or, quoted as a whole, a name before it (“某某革命”, not “一活动”)."""
    name = bare_name(surface)
    if len(name) < 3:
        return False
    if is_numbered_set(name, HEADS, quoted="“" in surface):
        return True
    modifier = name[: -len(head)]
    if head == "工程" and is_physical_works(modifier):
        return False
    if head in PROGRAMME_WEAK_HEADS:
        return has_quote(surface) or (quoted and len(strip_generic(modifier)) >= 2) \
            or bool(_PERIOD_EVENT.search(name))
    return len(strip_generic(modifier)) >= 2 or quoted or has_quote(surface)


def has_quote(surface: str) -> bool:
    """Whether a name holds a quoted term, which the writer marks as a name (“263”专项行动,
    ‘某某一家亲’活动)."""
    return bool(_QUOTED_TERM.search(surface))


def quoted_names(text: str) -> Iterator[Span]:
    """Quoted terms that are the object of a verb such as 实施 or 实现 (alone or before 项目),
    a campaign being created or built or an event starting, or a campaign by its name (a
    campaign year, a building campaign), inside the quotes."""
    for quote in _QUOTE.finditer(text):
        if made_the_means(text, quote) or _CAMPAIGN_AFTER.match(text, quote.end()) \
                or _CAMPAIGN_NAME.search(quote.group(1)) \
                or (_AFTER_NAME.match(text, quote.end()) and introduced(text, list_start(text, quote.start()))):
            yield quote.start(1), quote.end(1)


def made_the_means(text: str, quote: re.Match[str]) -> bool:
    """Whether a quoted numbered slogan is the means of the clause: 把“X”作为…抓手, 以“X”为…载体."""
    if not _NUMBERED_SLOGAN.fullmatch(quote.group(1)) or text[quote.start() - 1:quote.start()] not in "把以":
        return False
    rest = re.split(r"[，,。；;！!？?\n]", text[quote.end():quote.end() + 20])[0]
    return rest.startswith(("作为", "为")) and any(role in rest for role in _MEANS_ROLES)


def list_start(text: str, start: int) -> int:
    """Where a list of quoted terms (“甲”、“乙”、“丙”) that ends at ``start`` begins."""
    while start > 0 and text[start - 1] == "、":
        opening = text.rfind("“", 0, start - 1)
        if opening == -1 or text[start - 2] != "”" or start - opening > 20:
            break
        start = opening
    return start


def introduced(text: str, start: int) -> bool:
    """Whether a verb from ``NAME_INTROS`` stands at most 8 characters before ``start``,
    in the same clause, with no function word after it (推进就业服务“某某通办”, but
    not 形成以党委为“核心”)."""
    before = re.split(r"[，,。；;：:！!？?\n“”]", text[max(0, start - 12):start])[-1]
    verbs = [before.rfind(verb) + len(verb) for verb in NAME_INTROS if verb in before]
    gap = before[max(verbs):] if verbs else ""
    return bool(verbs) and len(gap) <= 8 and not re.search("[的为以把对将被在与和]", gap)


def document_spans(text: str) -> Iterator[Span]:
    """Titles in 《》 that end like a policy document (方案, 意见, 条例, …), inside the marks; not
    the bare word, which stands for a document named before (《方案》)."""
    for title in _DOCUMENT.finditer(text):
        if title.group(1).endswith(DOCUMENT_SUFFIXES) and title.group(1) not in DOCUMENT_SUFFIXES:
            yield title.start(1), title.end(1)
