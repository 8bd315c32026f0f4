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
- a project's district from the evidence :mod:`kg.locate` reads, most telling first.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.document import Document, Mention
from kg.locate import Scope, project_district
from kg.places import Place, PlaceIndex, resolve_places

_MARKS = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]")
_VARIANTS = str.maketrans({"屆": "届", "屬": "属", "區": "区", "縣": "县", "鎮": "镇", "鄉": "乡"})


@dataclass
class Entity:
    key: str
    kind: str  # official, person, district, project, programme
    name: str
    surfaces: set[str] = field(default_factory=set)  # the texts of its mentions, as written
    attrs: dict = field(default_factory=dict)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (document id, mention)
    # mentions counted but not kept: those of documents a build takes from its cache
    counted: int = 0

    @property
    def aliases(self) -> set[str]:
        """The other names it goes by: its mentions' texts other than its name, without spaces."""
        return {s.replace(" ", "").replace("\u3000", "") for s in self.surfaces if s != self.name} - {self.name}

    @property
    def mention_count(self) -> int:
        return len(self.mentions) + self.counted

    def summary(self) -> Entity:
        """The entity without its Mention objects (counted instead): what a build caches."""
        return Entity(self.key, self.kind, self.name, set(self.surfaces), dict(self.attrs),
                      counted=self.mention_count)

    def absorb(self, other: Entity) -> None:
        """Take in what another document says of the same entity; name and attributes stay first-come."""
        self.surfaces |= other.surfaces
        self.mentions += other.mentions
        self.counted += other.counted


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
    return merge(resolve_document(doc) for doc in documents)


def resolve_document(doc: Document) -> Resolution:
    """One document's entities and facts. Keys depend on the document alone, so documents
    resolve apart (in parallel, or once and cached) and :func:`merge` joins them."""
    result = Resolution(documents=[doc])
    places = resolve_places(doc)
    _resolve_districts(result, doc, places)
    scope = Scope.of(doc, places)
    _resolve_people(result, scope)
    _resolve_named(result, scope)
    return result


def merge(parts: Iterable[Resolution]) -> Resolution:
    """Resolutions of separate documents as one: mentions of the same key are one entity, whose
    name and attributes are those of its first document. Parts may hold entity summaries
    (:meth:`Entity.summary`) instead of whole entities."""
    result = Resolution(documents=[])
    for part in parts:
        result.documents += part.documents
        for entity in part.entities.values():
            if entity.key in result.entities:
                result.entities[entity.key].absorb(entity)
            else:
                result.entities[entity.key] = replace(entity, surfaces=set(entity.surfaces),
                                                      attrs=dict(entity.attrs), mentions=list(entity.mentions))
        result.posts += part.posts
        result.locations += part.locations
    return result


def _add(result: Resolution, key: str, kind: str, name: str, doc: Document | None,
         mention: Mention | None, **attrs) -> Entity:
    entity = result.entities.get(key)
    if entity is None:
        entity = result.entities[key] = Entity(key, kind, name, attrs=dict(attrs))
    if mention is not None and doc is not None:
        mention.key = key
        entity.mentions.append((doc.id, mention))
        entity.surfaces.add(mention.text)
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


def _post_place(scope: Scope, post: dict, mention: Mention) -> Place | None:
    """The district a post belongs to: the last one named in or overlapping its organisation
    (临江区委, 临江|县委), else the one its level word stands for (市委 → own city, 州长 → own
    prefecture, 村党支部 → the village named last before it), else a named division whose short
    form opens the organisation (临江|轴承集团 → 临江市)."""
    start, end = post.get("org_start"), post.get("org_end")
    if start is not None and end is not None:
        inside = scope.keyed.overlapping(start, end)
        if inside:
            return scope.places.places.get(inside[-1].key)
    head = post.get("org") or post.get("title") or ""
    return scope.places.find_relative(head, post.get("relative"), mention.start) or scope.places.opening(head)


def _official_key(name: str, districts: list[str], orgs: list[str], doc: Document) -> str:
    if districts:
        return f"{name}@{districts[0]}"
    if orgs:
        return f"{name}@{canonical_name(orgs[0])}"
    return f"{name}@{doc.id}"


def _resolve_people(result: Resolution, scope: Scope) -> None:
    doc, places = scope.doc, scope.places
    officials = [m for m in doc.mentions if m.kind == "official"]
    posts_by_name: dict[str, list[tuple[Mention, dict, Place | None]]] = {}
    for m in officials:
        for post in m.attrs.get("posts", []):
            posts_by_name.setdefault(m.name, []).append((m, post, _post_place(scope, post, m)))
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


def _resolve_named(result: Resolution, scope: Scope) -> None:
    doc, places = scope.doc, scope.places
    for m in doc.mentions:
        if m.kind not in ("project", "programme"):
            continue
        name = canonical_name(m.name)
        if not name:
            continue
        key = f"{m.kind}:{name}"
        _add(result, key, m.kind, _MARKS.sub("", m.name), doc, m, document=bool(m.attrs.get("document")))
        if m.kind == "project":
            district = project_district(doc, m, places, scope)
            if district is not None:
                _add_place(result, places.places[district], places)
                result.locations.append(LocationFact(key, district, doc.id, m))
