"""Officials: named people the text ties to a post.

Patterns, all anchored on a post title from the lexicon:

- org + title(s) + name: ``临江区委书记张三``, ``市委书记、市长李四``, ``主编：王五 赵六``,
  ``嘎查党支部书记敖其尔`` (a name without a Han surname), ``主任聂 彬`` (a spaced name);
  a bare organ in the list shares the list's place (``临江高新区党工委书记、管委会主任`` →
  临江高新区管委会)
- name + title: ``省委督导组王立群组长``, ``某某总书记`` (not after a level title: 江山|市长)
- author bylines: ``◎ 张 军`` or a name alone under the headline ... ``(作者系中共某县委书记、县长)``

Only occurrences with a post are emitted; later bare mentions of the same name are
left to the resolver. ``某某同志`` alone is not a post.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any, NamedTuple

from kg.document import Document, Mention
from kg.lexicon.names import (NameSpan, authors_with_notes, cued_name_after, known_word, listed_names_after, name_before,
                              names_run)
from kg.lexicon.posts import BARE_ORGANS, LEVEL_CHARS, TitleMatch, ends_with_org_suffix, find_titles, is_title
from kg.segment import tag

EXTRACTOR = "officials"
#: How far left of a title its organisation may reach.
ORG_WINDOW = 24
_CLAUSE_BREAK = re.compile(r"[\s，,。；;：:！!？?、“”‘’\"'「」『』《》（）()【】\[\]—…·◎●■□★☆-]")
#: Words that lead into a title in a sentence but are not part of its organisation.
LEAD_WORDS = frozenset(("担任", "出任", "兼任", "陪同", "会见", "看望", "慰问", "听取", "邀请",
                        "率领", "带领", "会同", "通过", "接受", "作为", "包括", "深入", "贯彻"))
#: Heading and byline lead-ins the tagger glues to the next word (—访东河村, 作者系市委).
_LEAD = re.compile(r"专访|访|作者系|系")
_STOP_TAGS = ("p", "d", "r", "t", "u", "y", "e", "x", "f", "c")
_KEEP_INSIDE = frozenset("和与及")
_PREPOSITIONS = frozenset("由在对向据经将把被从为以于给让")
_RELATIVE_LEVELS = frozenset("省市区县镇乡")
#: Where a name in an appointment list may start: after 任命 or 免去 (and their short forms),
#: or at the start of a line of a 任免名单.
_APPOINTMENT_CUE = re.compile(r"(?:任命|免去|任|免)[:：]?[ \u3000]*|^[ \u3000]*", re.M)
#: How a clause of an appointment ends: 任命张三为市教育局局长； 免去李四的市教育局局长职务。
_APPOINTMENT_END = re.compile(r"职务|[；;。，,\n（(]")


class Post(NamedTuple):
    title: str
    org: str | None
    org_start: int | None
    org_end: int | None
    relative: str | None

    def as_attr(self) -> dict[str, Any]:
        return self._asdict()


def _is_stop(word: str, tag_: str) -> bool:
    if word in _KEEP_INSIDE:
        return False
    return tag_.startswith(_STOP_TAGS) or (tag_.startswith("v") and len(word) == 1) or word in LEAD_WORDS


def org_start_before(text: str, pos: int, floor: int = 0) -> int:
    """Where the organisation written right before ``pos`` starts (``pos`` when none)."""
    left = max(floor, pos - ORG_WINDOW)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, left, pos)]
    left = breaks[-1] if breaks else left
    lead = _LEAD.match(text, left, pos)
    left = lead.end() if lead else left
    start = pos
    for word in reversed(tag(text[left:pos])):
        if _is_stop(word.word, word.tag) or is_title(word.word):  # not past another post (干部|和村)
            break
        start = left + word.start
        if word.word[0] in _PREPOSITIONS and word.tag != "ns" and not known_word(word.word):
            start += 1  # the tagger glued a preposition to the organisation: 由|市 (not 经开区)
            break
    while start < pos and text[start] in _KEEP_INSIDE:
        start += 1
    return start


def _relative(org: str | None, level: str | None) -> str | None:
    """The level character of an organisation given without a place name (市委, 市人社局)."""
    head = org[:1] if org else level
    return head if head in _RELATIVE_LEVELS else None


def _org_end(text: str, match: TitleMatch, start: int) -> int:
    """Where the organisation of a title ends: after the organ inside it (区委 of 区委书记)."""
    title = match.title
    if title.organ is None and title.text[0] in LEVEL_CHARS and start < match.start:
        if text[match.start - 1] != title.text[0]:
            return match.start + 1  # 江山市长: the organisation is 江山市
    return match.start + len(title.organ or "")


def post_at(text: str, match: TitleMatch, floor: int = 0) -> Post:
    """The post a title match states, with the organisation written before it."""
    title, start = match.title, org_start_before(text, match.start, floor)
    end = _org_end(text, match, start)
    if end <= start:
        return Post(title.text, None, None, None, _relative(None, title.level))
    org = text[start:end]
    return Post(title.text, org, start, end, _relative(org, title.level))


def _base_org(text: str, post: Post, match: TitleMatch) -> Post | None:
    """The organisation a following title in the same list shares (宏达乳业 of 宏达乳业党支部)."""
    if post.org_start is None or post.org_start >= match.start:
        return None
    start = post.org_start + 2 if text.startswith("中共", post.org_start) else post.org_start
    return Post("", text[start:match.start], start, match.start, _relative(text[start:match.start], None))


def _joined(text: str, prev: TitleMatch, match: TitleMatch) -> bool:
    """Whether ``match`` continues a list of titles ending with ``prev`` (市委书记、市长)."""
    gap_start = prev.end + 1 if text[prev.end:prev.end + 1] == "、" else prev.end
    if match.start == gap_start:
        return True
    return gap_start > prev.end and org_start_before(text, match.start, gap_start) == gap_start


def title_chains(text: str, titles: list[TitleMatch]) -> list[list[TitleMatch]]:
    """Titles grouped into lists that one name follows: [市委书记, 市长] in 市委书记、市长张三."""
    chains: list[list[TitleMatch]] = []
    for match in titles:
        if chains and _joined(text, chains[-1][-1], match):
            chains[-1].append(match)
        else:
            chains.append([match])
    return chains


def chain_posts(text: str, group: list[TitleMatch], floor: int = 0) -> list[Post]:
    """The posts of a list of titles; a title with no organisation of its own shares the list's.
    No organisation reaches back past ``floor`` (the end of the official named before)."""
    posts: list[Post] = []
    base: Post | None = None
    for i, match in enumerate(group):
        post = post_at(text, match, group[i - 1].end if i else floor)
        if base is not None and (post.org is None or post.org_start == match.start):
            post = base._replace(title=post.title)
        elif base is not None and post.org in BARE_ORGANS:
            post = _organ_of(base, post)
        base = base or _base_org(text, post, match)
        posts.append(post)
    return posts


def _organ_of(base: Post, post: Post) -> Post:
    """A bare organ in a list of titles belongs to the list's organisation (临江高新区|管委会): the
    organisation joins the two, and its span runs from the list's organisation to the organ."""
    return post._replace(org=f"{base.org}{post.org}", org_start=base.org_start,
                         relative=base.relative)


def _mention(text: str, span: NameSpan, posts: list[Post]) -> Mention:
    return Mention(span.start, span.end, "official", text[span.start:span.end], span.name,
                   EXTRACTOR, {"posts": [p.as_attr() for p in posts]})


def _named_before(text: str, match: TitleMatch) -> tuple[NameSpan, Post] | None:
    """``督导组王立群组长``: a name right before a title, the organisation before the name."""
    span = name_before(text, match.start)
    if span is None:
        return None
    start = org_start_before(text, span.start)
    org = text[start:span.start] if ends_with_org_suffix(text[start:span.start]) else None
    post = Post(match.title.text, org, start if org else None, span.start if org else None,
                _relative(org, None) if org else None)
    return span, post


def chain_mentions(text: str, group: list[TitleMatch], floor: int = 0) -> Iterator[Mention]:
    """The officials a list of titles names: after it (one name, or names after a colon) or before it;
    ``floor``: the end of the official named before, where no organisation reaches back past."""
    last = group[-1]
    if text[last.end:last.end + 1] in (":", "："):
        spans = names_run(text, last.end + 1)
    else:
        spans = [s for s in [cued_name_after(text, last.end)] if s]
    if spans:
        spans += listed_names_after(text, spans[-1])
        posts = chain_posts(text, group, floor)
        yield from (_mention(text, span, posts) for span in spans)
    elif len(group) == 1 and (found := _named_before(text, last)):
        yield _mention(text, found[0], [found[1]])


def _appointee_posts(text: str, titles: list[TitleMatch], start: int) -> list[Post]:
    """The posts of an appointment clause starting at ``start`` (the organisation after 为 or 的)."""
    end = _APPOINTMENT_END.search(text, start)
    inside = [t for t in titles if start <= t.start and t.end <= (end.start() if end else len(text))]
    groups = title_chains(text, inside)
    return [p for i, g in enumerate(groups) for p in chain_posts(text, g, groups[i - 1][-1].end if i else start)]


def appointment_mentions(text: str, titles: list[TitleMatch]) -> Iterator[Mention]:
    """People appointed or relieved: ``任命张三为市教育局局长``, ``免去李四的市教育局局长职务``,
    and the lines of a 任免名单 (``王五为市民政局局长；``)."""
    for cue in _APPOINTMENT_CUE.finditer(text):
        span = cued_name_after(text, cue.end())
        if span is None or text[span.end:span.end + 1] not in ("为", "的"):
            continue
        posts = _appointee_posts(text, titles, span.end + 1)
        if posts:
            yield _mention(text, span, posts)


def byline_mentions(text: str, titles: list[TitleMatch]) -> Iterator[Mention]:
    """Authors whose note ``(作者系…)`` gives their posts, at their byline ``◎ 张 军``."""
    for author, note in authors_with_notes(text):
        inside = [t for t in titles if note and note[0] <= t.start and t.end <= note[1]]
        if inside:
            posts = [p for group in title_chains(text, inside) for p in chain_posts(text, group)]
            yield _mention(text, author, posts)


def _deputy_org(text: str, previous: Mention, mention: Mention) -> list[dict[str, Any]]:
    """The posts of a deputy named without an organisation right after the head of one in the same
    sentence (市人大常委会主任张三主持会议，副主任李四出席): the deputy shares the head's organisation."""
    posts = mention.attrs["posts"]
    if "。" in text[previous.end:mention.start]:
        return posts
    heads = [p for p in previous.attrs["posts"] if p["org"]]
    return [_shared_org(post, heads) for post in posts]


def _shared_org(post: dict[str, Any], heads: list[dict[str, Any]]) -> dict[str, Any]:
    """A deputy's post (副主任) with the organisation of the head post it is the deputy of (主任)."""
    if post["org"] or not post["title"].startswith("副") or len(post["title"]) < 3:
        return post
    head = next((h for h in heads if h["title"].endswith(post["title"][1:])), None)
    return head | {"title": post["title"]} if head else post


def _with_deputy_orgs(text: str, found: list[Mention]) -> list[Mention]:
    for previous, mention in zip(found, found[1:]):
        mention.attrs["posts"] = _deputy_org(text, previous, mention)
    return found


def _merged(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per span, with the posts of every pattern that found it."""
    by_span: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        kept = by_span.setdefault((mention.start, mention.end), mention)
        if kept is not mention:
            kept.attrs["posts"] += [p for p in mention.attrs["posts"] if p not in kept.attrs["posts"]]
    return sorted(by_span.values(), key=lambda m: m.start)


def extract_officials(doc: Document) -> Iterator[Mention]:
    """Named people with a post stated next to the name or in an author note."""
    titles = find_titles(doc.text)
    found: list[Mention] = []
    for group in title_chains(doc.text, titles):  # 干部刘某和|村党支部书记: an organisation starts after a name
        found += chain_mentions(doc.text, group, found[-1].end if found else 0)
    found = _with_deputy_orgs(doc.text, found)
    yield from _merged(chain(found, appointment_mentions(doc.text, titles), byline_mentions(doc.text, titles)))
