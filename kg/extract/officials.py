"""Officials: named people the text ties to a post.

Patterns, all anchored on a post title from the lexicon:

- org + title(s) + name: ``临江区委书记张三``, ``市委书记、市长李四``, ``主编：王五 赵六``,
  ``嘎查党支部书记敖其尔`` (a name without a Han surname), ``主任聂 彬`` (a spaced name);
  a bare organ in the list shares the list's place (``临江高新区党工委书记、管委会主任`` →
  临江高新区管委会)
- name + title: ``省委督导组王立群组长``, ``某某总书记`` (not after a level title: 江山|市长)
- author bylines: ``◎ 张 军`` or a name alone under the headline ... ``(作者系中共某县委书记、县长)``
- profiles (任前公示, 简历): ``张三，男，1975年3月生，…现任某县委副书记、县长，拟任某县委书记。``
  and the dated lines after it (``2010年5月至2016年1月，任某镇党委书记；``)

Only occurrences with a post are emitted; later bare mentions of the same name are
left to the resolver. ``某某同志`` alone is not a post.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any, NamedTuple

from kg.document import Document, Mention
from kg.lexicon.divisions import find_names
from kg.lexicon.names import (NameSpan, authors_with_notes, cued_name_after, known_word, listed_names_after, name_before,
                              names_run)
from kg.lexicon.posts import BARE_ORGANS, LEVEL_CHARS, TitleMatch, ends_with_org_suffix, find_titles, is_title, level_of
from kg.segment import tag

EXTRACTOR = "officials"
#: How far left of a title its organisation may reach.
ORG_WINDOW = 24
#: How long the titles between two listed officials may be (、市委副书记、代市长).
_LISTED_GAP = 16
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
_APPOINTMENT_CUE = re.compile(r"(?:任命|免去|选举|任|免)[:：]?[ \u3000]*|^[ \u3000]*", re.M)
#: Where an appointment clause goes on with the next appointee (选举张三为主任，李四为副主任).
_NEXT_APPOINTEE = frozenset("，,；;")
#: Verbs after an official's name that lead into another post (张三担任东河村第一书记).
_TAKES_POST = re.compile(r"担任|兼任|出任")
#: Titles that are also collective nouns (党员干部, 干部任前公示): a name after one must not open
#: with a word the tagger reads as a verb, an adverb, a time or place word ... (see _NOT_NAME_TAGS).
WEAK_TITLES = frozenset(("干部",))
_NOT_NAME_TAGS = ("v", "f", "p", "d", "c", "u", "t", "m", "a", "r")
#: "Former", written between an organisation and a title (镇原党委书记 of 某镇原党委书记).
_FORMER = "原"
#: How a clause of an appointment ends: 任命张三为市教育局局长； 免去李四的市教育局局长职务。
_APPOINTMENT_END = re.compile(r"职务|[；;。，,\n（(]")
#: The opening of a profile paragraph: a name, then the person's sex (张三，男，1975年3月生).
_PROFILE_OPENING = re.compile(r"^[ \u3000]*(?=[^\s，,]{2,12}[，,][男女][，,（(])", re.M)
#: Words in a profile that lead into a post: 现任, 拟任, 历任, 任 (after a date or a comma), 提名为.
_PROFILE_POST_CUE = re.compile(r"(?:现任|拟任|历任|曾任|兼任|先后任|(?:拟)?(?:提名|推荐)为|(?<=[，,；;：:\s起月])任)")
#: A paragraph of a profile's career that opens with a date (1996年3月至2003年8月，任…).
_DATED_PARAGRAPH = re.compile(r"\n[ \u3000]*(?:\n[ \u3000]*)*(?=\d{4}[年.\-—])")


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
    """The level character of an organisation given without a place name (市委, 市人社局; 省 for
    厅党组, a province's department)."""
    head = level_of(org) if org else level
    return head if head in _RELATIVE_LEVELS else None


def _org_end(text: str, match: TitleMatch, start: int) -> int:
    """Where the organisation of a title ends: after the organ inside it (区委 of 区委书记)."""
    title = match.title
    if title.organ is None and title.text[0] in LEVEL_CHARS and start < match.start:
        if text[match.start - 1] != title.text[0]:
            return match.start + 1  # 江山市长: the organisation is 江山市
    return match.start + len(title.organ or "")


def _former_mark_at(text: str, pos: int, start: int) -> bool:
    """Whether ``text[pos]``, between an organisation starting at ``start`` and a title, is 原
    ("former": 某镇原党委书记), not part of a division's name (镇原县, 太原市)."""
    if not start <= pos or text[pos] != _FORMER:
        return False
    window = max(0, pos - 3)
    return not any(h.start <= pos - window < h.end for h in find_names(text[window:pos + 4]))


def post_at(text: str, match: TitleMatch, floor: int = 0) -> Post:
    """The post a title match states, with the organisation written before it (without a 原,
    "former", between them: 某镇原党委书记 → 某镇党委)."""
    title, start = match.title, org_start_before(text, match.start, floor)
    former = _former_mark_at(text, match.start - 1, start)
    end = match.start + len(title.organ or "") if former else _org_end(text, match, start)
    org = text[start:end]
    if former:
        org = org[:match.start - 1 - start] + org[match.start - start:]
    if not org:
        return Post(title.text, None, None, None, _relative(None, title.level))
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


def _named_after(text: str, match: TitleMatch, span: NameSpan) -> bool:
    """Whether a name read after a title is one: after a weak title not one that opens with a word
    the tagger reads as a verb, a place-time word ... (干部|林思远, not 干部|任前 nor 干部|知敬畏)."""
    if match.title.text not in WEAK_TITLES:
        return True
    return not tag(text[span.start:span.end + 2])[0].tag.startswith(_NOT_NAME_TAGS)


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
        spans = [s for s in [cued_name_after(text, last.end)] if s and _named_after(text, last, s)]
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


def _appointees_at(text: str, pos: int) -> list[NameSpan]:
    """The names that open an appointment clause at ``pos`` (张三为, 张三、李四为, 李四的), or none."""
    spans: list[NameSpan] = []
    span = cued_name_after(text, pos)
    while span is not None:
        spans.append(span)
        if text[span.end:span.end + 1] != "、":
            break
        span = cued_name_after(text, span.end + 1)
    return spans if spans and text[spans[-1].end:spans[-1].end + 1] in ("为", "的") else []


def appointment_mentions(text: str, titles: list[TitleMatch]) -> Iterator[Mention]:
    """People appointed, elected or relieved: ``任命张三为市教育局局长``, ``免去李四的市教育局局长职务``,
    ``选举王五、赵六为副主席``, the lines of a 任免名单 (``王五为市民政局局长；``), and the next
    appointees of the same sentence (``选举张三为主任，李四为副主任``)."""
    for cue in _APPOINTMENT_CUE.finditer(text):
        pos = cue.end()
        while spans := _appointees_at(text, pos):
            posts = _appointee_posts(text, titles, spans[-1].end + 1)
            if not posts:
                break
            yield from (_mention(text, span, posts) for span in spans)
            end = _APPOINTMENT_END.search(text, spans[-1].end + 1)
            if end is None or end.group() not in _NEXT_APPOINTEE:
                break
            pos = end.end()


def taken_post_mentions(text: str, titles: list[TitleMatch], found: list[Mention]) -> Iterator[Mention]:
    """Officials whose name is followed by the post they take up: ``干部张三担任东河村第一书记``."""
    for mention in found:
        verb = _TAKES_POST.match(text, mention.end)
        posts = _appointee_posts(text, titles, verb.end()) if verb else []
        if posts:
            yield _mention(text, NameSpan(mention.start, mention.end, mention.name), posts)


def byline_mentions(text: str, titles: list[TitleMatch]) -> Iterator[Mention]:
    """Authors whose note ``(作者系…)`` gives their posts, at their byline ``◎ 张 军``."""
    for author, note in authors_with_notes(text):
        inside = [t for t in titles if note and note[0] <= t.start and t.end <= note[1]]
        if inside:
            posts = [p for group in title_chains(text, inside) for p in chain_posts(text, group)]
            yield _mention(text, author, posts)


def _profile_end(text: str, start: int) -> int:
    """Where a profile starting at ``start`` ends: its paragraph and the dated paragraphs after it."""
    end = text.find("\n", start)
    while end != -1 and (dated := _DATED_PARAGRAPH.match(text, end)):
        end = text.find("\n", dated.end())
    return len(text) if end == -1 else end


def profile_mentions(text: str, titles: list[TitleMatch]) -> Iterator[Mention]:
    """People in a profile (``张三，男，汉族，…现任某县委副书记、县长，拟任某县委书记。``): every
    post after 现任, 拟任, 历任 or 任 in the profile's paragraph and the dated lines of its career."""
    for opening in _PROFILE_OPENING.finditer(text):
        span = cued_name_after(text, opening.end())
        if span is None or text[span.end:span.end + 1] not in "，,":
            continue
        end = _profile_end(text, span.end)
        posts = [p for cue in _PROFILE_POST_CUE.finditer(text, span.end, end)
                 for p in _appointee_posts(text, titles, cue.end())]
        if posts:
            yield _mention(text, span, posts)


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


def _with_listed_places(text: str, found: list[Mention]) -> list[Mention]:
    """Officials listed right after one whose organisation names its place take that place for
    posts of the same level written without one (江城市委书记张三、市长李四 → 李四 is 江城市's)."""
    for previous, mention in zip(found, found[1:]):
        gap = text[previous.end:mention.start]
        if gap[:1] in "、，," and len(gap) <= _LISTED_GAP and "。" not in gap:
            places = [p for p in previous.attrs["posts"] if p["org"]]
            mention.attrs["posts"] = [_placed(post, places) for post in mention.attrs["posts"]]
    return found


def _placed(post: dict[str, Any], places: list[dict[str, Any]]) -> dict[str, Any]:
    """A post whose organisation is only a level word (市长, 州委副书记) placed in the division that
    opens one of ``places``' organisations at that level (江城市委 → 江城市)."""
    level = post["relative"] or level_of(post["org"] or post["title"])
    if level is None or (post["org"] and not post["org"].startswith(level)):
        return post
    for head in places:
        opening = 2 if head["org"].startswith("中共") else 0
        cut = head["org"].find(level, opening + 2)
        if cut != -1 and head["org_start"] is not None:
            place = head["org"][opening:cut + 1]
            return post | {"org": place + (post["org"] or "")[1:], "org_start": head["org_start"] + opening,
                           "org_end": head["org_start"] + cut + 1}
    return post


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
    found = _with_listed_places(doc.text, _with_deputy_orgs(doc.text, found))
    yield from _merged(chain(found, appointment_mentions(doc.text, titles), byline_mentions(doc.text, titles),
                             profile_mentions(doc.text, titles), taken_post_mentions(doc.text, titles, found)))
