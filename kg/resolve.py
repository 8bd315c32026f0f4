"""Entity resolution: one entity per real thing across documents.

Takes documents whose mentions the extractors found, gives every mention an entity
key, and links mentions into facts:

- a district by its national code (or parent key + name below county level), from
  :func:`kg.places.resolve_places`;
- an official by name plus the district of a post (two 王勇 in different places stay
  apart), a person by name plus role;
- a project or programme by its canonical name, so that quoting and character
  variants of one name become one entity;
- a post's district from the district named inside its organisation (临江区委 → 临江区)
  or, for 市委/省委, from the document's own city or province;
- a project's district from a district named in full inside it, else the nearest in
  its sentence or paragraph, else the district its article is about, else the city.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.document import Document, Mention
from kg.lexicon.divisions import short_form
from kg.places import Place, PlaceIndex, resolve_places

_MARKS = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]")
_VARIANTS = str.maketrans({"屆": "届", "屬": "属", "區": "区", "縣": "县", "鎮": "镇", "鄉": "乡"})


@dataclass
class Entity:
    key: str
    kind: str  # official, person, district, project, programme
    name: str
    aliases: set[str] = field(default_factory=set)
    attrs: dict = field(default_factory=dict)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (document id, mention)


@dataclass(frozen=True)
class PostFact:
    """One document's statement that an official holds a post."""

    official: str  # entity key
    title: str
    org: str | None
    district: str | None  # district entity key
    doc: str
    mention: Mention


@dataclass(frozen=True)
class LocationFact:
    """One document's statement that a project lies in a district."""

    project: str
    district: str
    doc: str
    mention: Mention


@dataclass
class Resolution:
    documents: list[Document]
    entities: dict[str, Entity] = field(default_factory=dict)
    posts: list[PostFact] = field(default_factory=list)
    locations: list[LocationFact] = field(default_factory=list)

    def entities_of(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]


def canonical_name(name: str) -> str:
    """A name without spaces, quotes or title marks, with variant characters unified."""
    return _MARKS.sub("", name).translate(_VARIANTS)


def resolve(documents: Iterable[Document]) -> Resolution:
    """Key every mention of every document and collect entities and facts."""
    result = Resolution(documents=list(documents))
    for doc in result.documents:
        places = resolve_places(doc)
        _resolve_districts(result, doc, places)
        _resolve_people(result, doc, places)
        _resolve_named(result, doc, places)
    return result


def _add(result: Resolution, key: str, kind: str, name: str, doc: Document | None,
         mention: Mention | None, **attrs) -> Entity:
    entity = result.entities.get(key)
    if entity is None:
        entity = result.entities[key] = Entity(key, kind, name, attrs=dict(attrs))
    if mention is not None and doc is not None:
        mention.key = key
        entity.mentions.append((doc.id, mention))
        if mention.text != entity.name:
            entity.aliases.add(mention.text.replace(" ", "").replace("\u3000", ""))
    entity.aliases.discard(entity.name)
    return entity


def _add_place(result: Resolution, place: Place, places: PlaceIndex) -> None:
    for p in places.chain(place.key):
        _add(result, p.key, "district", p.name, None, None,
             level=p.level, code=p.code, parent=p.parent)


def _resolve_districts(result: Resolution, doc: Document, places: PlaceIndex) -> None:
    for m in doc.mentions:
        if m.kind != "district":
            continue
        place = places.place_of(m)
        if place is None:
            continue
        _add_place(result, place, places)
        _add(result, place.key, "district", place.name, doc, m)


# ---------------------------------------------------------------- people


def _post_place(doc: Document, post: dict, mention: Mention, places: PlaceIndex) -> Place | None:
    """The district a post belongs to: the last one named in or overlapping its organisation
    (临江区委, 临江|县委), else the one its level word stands for (市委 → own city, 州长 → own
    prefecture, 村党支部 → the village named last before it)."""
    start, end = post.get("org_start"), post.get("org_end")
    if start is not None and end is not None:
        inside = [m for m in doc.mentions
                  if m.kind == "district" and m.key and m.start < end and start < m.end]
        if inside:
            return places.places.get(inside[-1].key)
    head = post.get("org") or post.get("title") or ""
    return places.find_relative(head, post.get("relative"), mention.start)


def _official_key(name: str, districts: list[str], orgs: list[str], doc: Document) -> str:
    if districts:
        return f"{name}@{districts[0]}"
    if orgs:
        return f"{name}@{canonical_name(orgs[0])}"
    return f"{name}@{doc.id}"


def _resolve_people(result: Resolution, doc: Document, places: PlaceIndex) -> None:
    officials = [m for m in doc.mentions if m.kind == "official"]
    posts_by_name: dict[str, list[tuple[Mention, dict, Place | None]]] = {}
    for m in officials:
        for post in m.attrs.get("posts", []):
            posts_by_name.setdefault(m.name, []).append((m, post, _post_place(doc, post, m, places)))
    keys: dict[str, str] = {}
    for name, posts in posts_by_name.items():
        districts = [p.key for _, _, p in posts if p is not None]
        orgs = [post["org"] for _, post, _ in posts if post.get("org")]
        keys[name] = _official_key(name, districts, orgs, doc)
        for m, post, place in posts:
            if place is not None:
                _add_place(result, place, places)
            result.posts.append(PostFact(keys[name], post["title"], post.get("org"),
                                         place.key if place else None, doc.id, m))
    for m in officials:
        if m.name in keys:
            _add(result, keys[m.name], "official", m.name, doc, m)
    for m in doc.mentions:
        if m.kind == "person" and m.name not in keys:
            role = m.attrs.get("role") or ""
            _add(result, f"{m.name}|{role}", "person", m.name, doc, m, role=role or None)


# ---------------------------------------------------------------- projects and programmes


_CLAUSE_STOPS = "，,；;：:。！？\n"
_LEVEL_WORD = re.compile(r"(?:自治县|县|新区|区|市|旗)$")
_SHORT_FORM_LEVELS = ("province", "city", "county")


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph (the line) holding ``text[start:end]``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def _clause_end(text: str, end: int) -> int:
    """Where the clause that goes on after ``end`` stops (at ，；。 or a line end)."""
    stops = [i for i in (text.find(ch, end) for ch in _CLAUSE_STOPS) if i != -1]
    return min(stops, default=len(text))


def _is_estate(mention: Mention) -> bool:
    """Whether a village-level district is more likely a housing estate (某某新村 in a town)."""
    return mention.attrs.get("level") == "village" and mention.name.endswith("新村")


def _districts_named(doc: Document, lo: int, hi: int) -> list[Mention]:
    """District mentions written in full in ``doc.text[lo:hi]`` (touching it, for an overlap)."""
    return [m for m in doc.mentions if m.kind == "district" and m.key and m.text == m.name
            and m.start < hi and m.end > lo and not _is_estate(m)]


def _nearest_district(doc: Document, mention: Mention, lo: int, hi: int,
                      after: bool = False) -> Mention | None:
    """The district named in full in [lo, hi) nearest to ``mention``: the last one before it or,
    with ``after``, the first one after it."""
    found = [m for m in _districts_named(doc, lo, hi) if lo <= m.start and m.end <= hi]
    if after:
        return next((m for m in found if m.start >= mention.end), None)
    before = [m for m in found if m.end <= mention.start]
    return before[-1] if before else None


@lru_cache(maxsize=4096)
def _stem(name: str) -> str:
    """A district's name without its level word: 临江市 → 临江, 东河县 → 东河."""
    stem = short_form(name)
    return _LEVEL_WORD.sub("", stem) if stem == name else stem


def _short_form_inside(doc: Document, mention: Mention) -> Mention | None:
    """A province, city or county the document names in full whose stem is written inside
    the project's name (临江现代物流园 → 临江市); the first such stem in the name wins."""
    found = []
    for m in _districts_named(doc, 0, len(doc.text)):
        stem = _stem(m.name)
        at = mention.name.find(stem)
        if len(stem) >= 2 and at != -1 and m.attrs.get("level") in _SHORT_FORM_LEVELS:
            found.append((at, m))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _within(doc: Document, mention: Mention, place: Mention, places: PlaceIndex) -> Mention:
    """The district named last before ``mention`` in its sentence that lies inside ``place``
    (临江经济区 … 临江大道 → the zone, not 临江市), else ``place`` itself."""
    lo = doc.sentence_at(mention.start)[0]
    inner = [m for m in _districts_named(doc, lo, mention.start) if m.end <= mention.start
             and m.key != place.key and place.key in {p.key for p in places.chain(m.key)}]
    return inner[-1] if inner else place


def _article_district(doc: Document, mention: Mention, places: PlaceIndex) -> Mention | None:
    """The district an article is about: named in its title, in full or short (陵川 for
    陵川县); else the most specific one whose area holds more than half of the article's
    district mentions; else the one it names more often than any other (a tie says nothing)."""
    article = doc.article_at(mention.start)
    if article is None:
        return None
    named = [m for m in doc.mentions
             if m.kind == "district" and m.key and article.start <= m.start < article.end]
    in_title = [m for m in named
                if m.text in article.title or (len(_stem(m.name)) >= 2 and _stem(m.name) in article.title)]
    if in_title:
        return in_title[-1]
    return _deepest_majority(named, places) or _most_named(named)


def _most_named(named: list[Mention]) -> Mention | None:
    """The district named more often than any other among ``named``, if one is."""
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


def _paragraph_district(doc: Document, mention: Mention, places: PlaceIndex) -> Mention | None:
    """The district named last before ``mention`` in its paragraph, or, when that one encloses
    the district the article is about (a province named in passing), the latter."""
    start = _paragraph_bounds(doc.text, mention.start, mention.end)[0]
    found = _nearest_district(doc, mention, start, mention.start)
    subject = _article_district(doc, mention, places) if found else None
    if subject is not None and subject.key != found.key \
            and found.key in {p.key for p in places.chain(subject.key)}:
        return subject
    return found


def _stated_district(doc: Document, mention: Mention, places: PlaceIndex) -> Mention | None:
    """The district the text ties a project to, most telling evidence first: named in full
    inside or overlapping its name; written short inside it; named before it in its sentence;
    after it in its clause; before it in its paragraph (see ``_paragraph_district``)."""
    inside = _districts_named(doc, mention.start, mention.end)
    if inside:
        return inside[-1]
    short = _short_form_inside(doc, mention)
    if short is not None:
        return _within(doc, mention, short, places)
    sentence_start = doc.sentence_at(mention.start)[0]
    return (_nearest_district(doc, mention, sentence_start, mention.start)
            or _nearest_district(doc, mention, mention.end, _clause_end(doc.text, mention.end), after=True)
            or _paragraph_district(doc, mention, places))


def project_district(doc: Document, mention: Mention, places: PlaceIndex) -> str | None:
    """The key of the district that places a project: the one the text ties to it (see
    ``_stated_district``), else the district its article is about, else the document's city."""
    stated = _stated_district(doc, mention, places) or _article_district(doc, mention, places)
    if stated is not None:
        return stated.key
    home = places.home("city")
    return home.key if home else None


def _resolve_named(result: Resolution, doc: Document, places: PlaceIndex) -> None:
    for m in doc.mentions:
        if m.kind not in ("project", "programme"):
            continue
        name = canonical_name(m.name)
        if not name:
            continue
        key = f"{m.kind}:{name}"
        _add(result, key, m.kind, _MARKS.sub("", m.name), doc, m, document=bool(m.attrs.get("document")))
        if m.kind == "project":
            district = project_district(doc, m, places)
            if district is not None:
                result.locations.append(LocationFact(key, district, doc.id, m))
