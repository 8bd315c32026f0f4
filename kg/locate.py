"""Where a project lies: the district a document ties it to.

Evidence is read from the most telling to the least: the place of a section in the
project's name (某铁路某省段), "位于X" before it or "在X开工" after it, a district named in full
inside the name, a district's short form inside it, the nearest district before it in its
sentence or the first one after it in its clause (unless a level word of the sentence, 全镇 or
镇里, speaks for a district that does not hold it), the nearest before it in its paragraph, then
the district its article is about (in its title, in its signed author's post, or named by most of
its mentions), and last the document's city. A project named in a headline is placed by its
mention in the body.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from kg.document import Article, Document, Mention, Spans
from kg.lexicon.divisions import short_form
from kg.places import Place, PlaceIndex


@dataclass
class Scope:
    """One document once its districts have keys: its places, and the mentions that place posts
    and projects, in text order (looked up by offset, not by reading every mention)."""

    doc: Document
    places: PlaceIndex
    keyed: Spans  # district mentions with a key
    named: Spans  # those written in full or zones, not estates (see _districts_named)
    projects: Spans
    subjects: dict[tuple[int, int], Mention | None] = field(default_factory=dict)  # see _article_district

    @classmethod
    def of(cls, doc: Document, places: PlaceIndex) -> Scope:
        keyed = [m for m in doc.mentions if m.kind == "district" and m.key]
        named = [m for m in keyed if (m.text == m.name or m.attrs.get("level") == "zone") and not _is_estate(m)]
        return cls(doc, places, Spans(keyed), Spans(named), Spans(m for m in doc.mentions if m.kind == "project"))




_CLAUSE_STOP = re.compile("[，,；;：:。！？\n]")
_LEVEL_WORD = re.compile(r"(?:自治县|县|新区|区|市|旗)$")
_SHORT_FORM_LEVELS = ("province", "city", "county")
# Levels too small to be an article's subject by being named most: an example, not the subject.
_LOCAL_LEVELS = ("township", "village")
_JOINS = ("和", "与", "及", "、")  # what joins two items of a list
# A section of a line named by its place (某铁路某省段): the place of the section.
_SECTION = re.compile(r"(\w{2,4}?)段")
# Words before a place in a name that say the work goes around or along it (环某湖, 沿某江).
_AROUND = "环沿跨"
# An explicit statement of where a project lies, right before it: 位于某街道的.
_LOCATED_AT = re.compile(r"(?:位于|地处|坐落于|落户)$")
# Where a project is built, right after its name (and a phase the name leaves out): 某项目在某镇
# 开工, 某产业园三期项目在某镇开工, 某工程已在某区动工.
_BUILT_AT = re.compile(r"(?:[一二三四五六七八九十\d]+期(?:项目|工程)?)?(?:将|已|也|正式|同步|率先)?在")
_BUILDING_VERB = re.compile(r"[^，,；;。\n]{0,6}?(?:开工|动工|奠基|开建|建设|落地|落户|投产|竣工|完工|试产)")
# A level word that speaks for a district in a sentence: 全镇, 本县, 该乡, 我市, 镇里, 村里.
_LEVEL_REFERENCE = re.compile(r"(?:全|本|该|我)([镇乡村县区市])(?![场民长委政])|([镇乡村县市])里")
# A newspaper's name (某某日报, 某某晚报), as a masthead puts it before an article's title.
_NEWSPAPER = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:日报|晚报|早报|时报|报)(?=[\s\d]|$)")
# The author line of a signed article, whose post says which district it speaks for.
_AUTHOR_LINE = re.compile(r"作者(?:系|为|是)[^）)\n]*")


def _clause_end(text: str, end: int) -> int:
    """Where the clause that goes on after ``end`` stops (at ，；。 or a line end)."""
    stop = _CLAUSE_STOP.search(text, end)
    return stop.start() if stop else len(text)


def _is_estate(mention: Mention) -> bool:
    """Whether a village-level district is more likely a housing estate (某某新村 in a town)."""
    return mention.attrs.get("level") == "village" and mention.name.endswith("新村")


def _districts_named(scope: Scope, lo: int, hi: int) -> list[Mention]:
    """District mentions written in full in ``doc.text[lo:hi]`` (touching it, for an overlap);
    a zone counts when resolution knows it, however short it is written (某某经开区)."""
    return scope.named.overlapping(lo, hi)


def _qualifies_another(scope: Scope, mention: Mention, district: Mention) -> bool:
    """Whether ``district`` is inside another project's name, or starts an item of a list right
    before another project (、某某经开区|某某产业园): it places that project, not the others."""
    around = scope.projects.overlapping(district.start, district.start + 1)  # m.start <= district.start < m.end
    if scope.doc.text[district.start - 1:district.start] in _JOINS:
        around += scope.projects.starting_in(district.end, district.end + 1)
    return any(m is not mention for m in around)


def _paired(scope: Scope, district: Mention) -> bool:
    """Whether ``district`` is named with another one joined to it (甲区和乙区, 甲区、乙区):
    such a pair places nothing in particular."""
    text, reach = scope.doc.text, max(map(len, _JOINS))
    near = scope.keyed.starting_in(district.start - scope.keyed.longest - reach, district.end + reach + 1)
    return any(m.key != district.key
               and (text[m.end:district.start] in _JOINS or text[district.end:m.start] in _JOINS)
               for m in near)


def _nearest_district(scope: Scope, mention: Mention, lo: int, hi: int,
                      after: bool = False) -> Mention | None:
    """The district named in full in [lo, hi) nearest to ``mention`` and not another project's
    (see ``_qualifies_another``): the last one before it or, with ``after``, the first after it."""
    found = [m for m in _districts_named(scope, lo, hi) if lo <= m.start and m.end <= hi]
    if after:
        found = [m for m in found if m.start >= mention.end]
    else:
        found = [m for m in reversed(found) if m.end <= mention.start]
    return next((m for m in found if not _qualifies_another(scope, mention, m) and not _paired(scope, m)), None)


def _located_at(scope: Scope, mention: Mention) -> Mention | None:
    """The district a clause says the project lies in, right before it (位于某街道的…)."""
    doc = scope.doc
    lo = doc.sentence_at(mention.start)[0]
    return next((m for m in reversed(_districts_named(scope, lo, mention.start)) if m.end <= mention.start
                 and doc.text[m.end:mention.start] in ("", "的") and _LOCATED_AT.search(doc.text, lo, m.start)),
                None)


def _built_at(scope: Scope, mention: Mention) -> Mention | None:
    """The district a clause says the project is built in, right after it (某项目在某市某镇开工):
    the last of the districts written one after another there."""
    text = scope.doc.text
    lead = _BUILT_AT.match(text, mention.end)
    found, pos = None, lead.end() if lead else -1
    while lead and (adjacent := scope.named.starting_in(pos, pos + 1)):
        found = max(adjacent, key=lambda m: m.end)
        pos = found.end
    return found if found and _BUILDING_VERB.match(text, found.end) else None


@lru_cache(maxsize=4096)
def _stem(name: str) -> str:
    """A district's name without its level word: 临江市 → 临江, 东河县 → 东河."""
    stem = short_form(name)
    return _LEVEL_WORD.sub("", stem) if stem == name else stem


def _short_form_inside(scope: Scope, mention: Mention) -> Mention | None:
    """A district the document names in full elsewhere whose name is written inside the
    project's name (石桥村游客中心 → 石桥村), or a province, city or county whose stem is
    (临江现代物流园 → 临江市); the first in the name wins. A stem that two districts share
    (临江市, 临江县) says neither; one after 环 or 沿 says what the work goes around."""
    hits: dict[str, list[tuple[int, Mention]]] = {}
    for m in _districts_named(scope, 0, len(scope.doc.text)):
        if m.name == mention.name:  # the project is named as a district (某某新城): not its place
            continue
        stem = m.name if m.name in mention.name else _stem(m.name)
        at = mention.name.find(stem)
        if at != -1 and len(stem) >= 2 and (stem == m.name or m.attrs.get("level") in _SHORT_FORM_LEVELS) \
                and not _goes_around(scope.doc, mention, at):
            hits.setdefault(stem, []).append((at, m))
    single = [pairs[0] for pairs in hits.values() if len({m.key for _, m in pairs}) == 1]
    return min(single, key=lambda pair: pair[0])[1] if single else None


def _goes_around(doc: Document, mention: Mention, at: int) -> bool:
    """Whether the place written at ``at`` in a project's name follows 环 or 沿 (环某湖…工程)."""
    before = mention.name[at - 1] if at else doc.text[mention.start - 1:mention.start]
    return before != "" and before in _AROUND


def _section_place(mention: Mention, places: PlaceIndex) -> Place | None:
    """The place of a section written in a project's name (某铁路某省段 → that province, 某高速
    某县段 → the county of that stem the document names), when the document or the division
    table knows it."""
    for section in _SECTION.finditer(mention.name):
        stem = section.group(1)
        for start in range(len(stem) - 1):
            place = places.find(stem[start:], mention.start) or _place_by_stem(places, stem[start:])
            if place is not None:
                return place
    return None


def _place_by_stem(places: PlaceIndex, stem: str) -> Place | None:
    """The one place of the document written short as ``stem`` (江油 for 江油市), if one is."""
    found = {p.key: p for p in places.places.values() if _stem(p.name) == stem}
    return found.popitem()[1] if len(found) == 1 else None


def _within(scope: Scope, mention: Mention, place: Mention) -> Mention:
    """The one district named before ``mention`` in its sentence that lies inside ``place``
    (临江经济区 … 临江大道 → the zone, not 临江市), else ``place`` itself: two such say neither."""
    lo = scope.doc.sentence_at(mention.start)[0]
    inner = [m for m in _districts_named(scope, lo, mention.start) if m.end <= mention.start
             and m.key != place.key and place.key in {p.key for p in scope.places.chain(m.key)}]
    return inner[-1] if len({m.key for m in inner}) == 1 else place


def _article_district(scope: Scope, mention: Mention) -> Mention | None:
    """The district an article is about: the most specific named in its title, in full or short
    (陵川 for 陵川县; 临江高新区 rather than 临江); else the one in the post of its signed author
    (作者系中共某某县委书记); else the most specific one whose area holds more than half of the
    article's district mentions; else the one it names more often than any other (a tie says
    nothing; a township or a village named most is an example, not the subject).
    Found once per article, and again only when the document's places have grown since."""
    article = scope.doc.article_at(mention.start)
    if article is None:
        return None
    known = (id(article), len(scope.places.places))
    if known not in scope.subjects:
        scope.subjects[known] = _subject(scope.doc, article, scope.keyed, scope.places)
    return scope.subjects[known]


def _subject(doc: Document, article: Article, keyed: Spans, places: PlaceIndex) -> Mention | None:
    """The district ``article`` is about (see ``_article_district``)."""
    named = keyed.starting_in(article.start, article.end)
    title = _NEWSPAPER.sub("", article.title)  # a masthead in the title says who prints, not what about
    in_title = [m for m in named if _title_match(m, title)]
    if in_title:
        return max(in_title, key=lambda m: (_title_match(m, title), len(places.chain(m.key))))
    author = _AUTHOR_LINE.search(doc.text, article.start, article.end)
    by_author = [m for m in named if author and author.start() <= m.start < author.end()]
    return (by_author[-1] if by_author else None) or _deepest_majority(named, places) or _most_named(named)


def _title_match(district: Mention, title: str) -> int:
    """How much of ``title`` names ``district``: its surface or its stem, else 0."""
    stem = district.text if district.text in title else _stem(district.name)
    return len(stem) if len(stem) >= 2 and stem in title else 0


def _most_named(named: list[Mention]) -> Mention | None:
    """The district above township level named more often than any other among ``named``, if one is."""
    named = [m for m in named if m.attrs.get("level") not in _LOCAL_LEVELS]
    ranked = Counter(m.key for m in named).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return next(m for m in named if m.key == ranked[0][0])


def _deepest_majority(named: list[Mention], places: PlaceIndex) -> Mention | None:
    """The most specific of the districts ``named`` whose area holds more than half of them:
    a county named twice and its towns once each. A province, which holds every place in a
    local paper, is no article's subject."""
    areas = [{p.key for p in places.chain(m.key)} for m in named]
    majority = [m for m in named if 2 * sum(m.key in area for area in areas) > len(named)
                and m.attrs.get("level") != "province"]
    return max(majority, key=lambda m: len(places.chain(m.key)), default=None)


def _paragraph_district(scope: Scope, mention: Mention) -> Mention | None:
    """The district named last before ``mention`` in its paragraph, or, when that one encloses
    the district the article is about (a province named in passing), the latter."""
    start = scope.doc.text.rfind("\n", 0, mention.start) + 1
    found = _nearest_district(scope, mention, start, mention.start)
    subject = _article_district(scope, mention) if found else None
    if subject is not None and subject.key != found.key \
            and found.key in {p.key for p in scope.places.chain(subject.key)}:
        return subject
    return found


def _stated_district(scope: Scope, mention: Mention) -> str | None:
    """The key of the district the text ties a project to, most telling evidence first: where the
    clause says it lies (位于某街道的) or is built (某项目在某镇开工); named in full inside or
    overlapping its name, or right before it (某区某镇|年产10万吨某项目); written inside it
    elsewhere (see ``_short_form_inside``); named before it in its sentence or after it in its
    clause, unless the sentence speaks for a district by its level word (全镇, 镇里) that does not
    hold that one; before it in its paragraph (see ``_paragraph_district``)."""
    inside = [m for m in _districts_named(scope, mention.start - 1, mention.end)  # touching it too
              if (m.start, m.end) != (mention.start, mention.end)]
    located = _located_at(scope, mention) or _built_at(scope, mention)
    if located is not None or inside:
        return (located or inside[-1]).key
    short = _short_form_inside(scope, mention)
    if short is not None:
        return _within(scope, mention, short).key
    sentence_start = scope.doc.sentence_at(mention.start)[0]
    clause_end = _clause_end(scope.doc.text, mention.end)
    near = (_nearest_district(scope, mention, sentence_start, mention.start)
            or _nearest_district(scope, mention, mention.end, clause_end, after=True))
    referred = _referred_place(scope, sentence_start, mention.start)
    if referred is not None and not _holds(scope, referred, near):
        return referred.key
    found = near or _paragraph_district(scope, mention)
    return found.key if found else None


def _holds(scope: Scope, place: Place, district: Mention | None) -> bool:
    """Whether ``district`` lies in ``place`` (or is it)."""
    return district is not None and place.key in {p.key for p in scope.places.chain(district.key)}


def _in_body(scope: Scope, mention: Mention) -> Mention:
    """The first mention of the same project in the body of its article when ``mention`` is in
    the headline (a headline says what, the body where), else ``mention``."""
    article = scope.doc.article_at(mention.start)
    if article is None or not article.title or scope.doc.sentence_text(mention) not in article.title:
        return mention
    again = (m for m in scope.projects.starting_in(mention.end, article.end) if m.name == mention.name)
    return next(again, mention)


def _referred_place(scope: Scope, lo: int, hi: int) -> Place | None:
    """The place the last level word of ``doc.text[lo:hi]`` stands for (全镇, 该县, 镇里, 我市)."""
    words = list(_LEVEL_REFERENCE.finditer(scope.doc.text, lo, hi))
    if not words:
        return None
    level = words[-1].group(1) or words[-1].group(2)
    return scope.places.find(level, words[-1].start())


def project_district(doc: Document, mention: Mention, places: PlaceIndex,
                     scope: Scope | None = None) -> str | None:
    """The key of the district that places a project: the place of a section in its name (某铁路
    某省段), else the one the text ties to it (see ``_stated_district``), else the district its
    article is about, else the document's city; a project named in a headline is placed where its
    article's body names it again. ``scope``: the document's, when already made."""
    scope = scope or Scope.of(doc, places)
    mention = _in_body(scope, mention)
    section = _section_place(mention, places)
    if section is not None:
        return section.key
    stated = _stated_district(scope, mention)
    if stated is not None:
        return stated
    subject = _article_district(scope, mention)
    if subject is not None:
        return subject.key
    home = places.home("city")
    return home.key if home else None
