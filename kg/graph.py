"""Resolved entities and facts → RDF statements, as Oxigraph quads.

Every statement is produced once, by :func:`statements`, in the graph it belongs to: the
named graph of the document that said it, or the default graph for what holds regardless
of any document (an entity's type and label, a district's code). They come document by
document, so each document's statements are serialised where it is extracted
(:func:`kg.export.serialized`) and a build's files are those laid end to end. The
statements never become rdflib objects on the way (at a million triples rdflib takes most
of a build's time and memory); :func:`build_graph` and :func:`build_dataset` give rdflib
views for callers that want them, such as pySHACL. :func:`iri` is the one place IRIs are minted.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.document import Article, Document, Mention
from kg.resolve import Entity, LocationFact, PostFact, Resolution
from kg.vocab import GK, ID, LEVELS, bind_prefixes

Term = ox.NamedNode | ox.Literal
Statement = tuple[ox.NamedNode, ox.NamedNode, Term, ox.NamedNode | ox.DefaultGraph]
# Terms repeat across statements (an entity in every statement about it, a surface or an offset
# in many mentions): each is made once and the same object reused, up to this many of a kind.
_TERMS = 1 << 16
DEFAULT = ox.DefaultGraph()

CLASSES = {"official": GK.Official, "person": GK.Person, "district": GK.District,
           "project": GK.Project, "programme": GK.Programme}


@lru_cache(maxsize=_TERMS)
def iri(kind: str, key: str) -> URIRef:
    """The stable IRI of a thing: districts by national code, others by a hash of their key."""
    if kind == "district" and key.isdigit():
        return ID[f"district/{key}"]
    if kind in ("doc", "article", "mention"):
        return ID[f"{kind}/{quote(key, safe='')}"]
    return ID[f"{kind}/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


@lru_cache(maxsize=_TERMS)
def node(kind: str, key: str) -> ox.NamedNode:
    """:func:`iri` as an Oxigraph term."""
    return ox.NamedNode(iri(kind, key))


@lru_cache(maxsize=None)
def term(uri: URIRef) -> ox.NamedNode:
    """A vocabulary term (``GK.Official``, ``RDFS.label``) as an Oxigraph term."""
    return ox.NamedNode(uri)


# Vocabulary terms, made once: reading them off rdflib's namespaces costs more than all else here.
A = term(RDF.type)
ALT_LABEL = term(SKOS.altLabel)
ARTICLE = term(GK.Article)
CODE = term(GK.code)
DC_DATE = term(DCTERMS.date)
DC_IDENTIFIER = term(DCTERMS.identifier)
DC_IS_PART_OF = term(DCTERMS.isPartOf)
DC_SOURCE = term(DCTERMS.source)
DC_TITLE = term(DCTERMS.title)
DOCUMENT = term(GK.Document)
END_OFFSET = term(GK.endOffset)
EVIDENCE = term(GK.evidence)
EXTRACTOR = term(GK.extractor)
HELD_BY = term(ORG.heldBy)
HOLDS = term(ORG.holds)
INTEGER = term(XSD.integer)
IN_DISTRICT = term(GK.inDistrict)
LABEL = term(RDFS.label)
LEVEL = term(GK.level)
LOCATED_IN = term(GK.locatedIn)
MENTION = term(GK.Mention)
MENTIONED_IN = term(GK.mentionedIn)
MENTION_COUNT = term(GK.mentionCount)
MENTIONS = term(GK.mentions)
ORGANISATION = term(GK.Organisation)
PART_OF = term(GK.partOf)
POST = term(GK.Post)
POST_IN = term(ORG.postIn)
ROLE = term(GK.role)
START_OFFSET = term(GK.startOffset)
SURFACE = term(GK.surface)
TITLE = term(GK.title)
WAS_DERIVED_FROM = term(PROV.wasDerivedFrom)


@lru_cache(maxsize=_TERMS)
def zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


@lru_cache(maxsize=_TERMS)
def _plain(value: str) -> ox.Literal:
    return ox.Literal(value)


@lru_cache(maxsize=_TERMS)
def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=INTEGER)


def _article_key(doc: Document, article: Article) -> str:
    return f"{doc.id}#{doc.articles.index(article)}"


def mention_iri(doc_id: str, mention: Mention) -> URIRef:
    return iri("mention", f"{doc_id}#{mention.start}-{mention.end}-{mention.kind}")


def post_label(org: str | None, title: str) -> str:
    """The post as one would write it: 小店区委 + 区委书记 → 小店区委书记, not 小店区委区委书记."""
    org = org or ""
    # a shared word of two or more characters is written once; 局 + 局长 stays 局局长
    overlap = next((n for n in range(min(len(org), len(title)), 1, -1) if org.endswith(title[:n])), 0)
    return org + title[overlap:]


# ---------------------------------------------------------------- what one document says

Triple = tuple[ox.NamedNode, ox.NamedNode, Term]


class _Document:
    """The statements of one document, each once, in its named graph."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.node = node("doc", doc.id)
        self.articles = {id(a): node("article", _article_key(doc, a)) for a in doc.articles}

    def source_of(self, offset: int) -> ox.NamedNode:
        """The article holding ``offset``, else the document."""
        article = self.doc.article_at(offset)
        return self.node if article is None else self.articles[id(article)]

    def triples(self, mentions: list[tuple[Mention, ox.NamedNode]], posts: list[PostFact],
                locations: list[LocationFact]) -> Iterator[Triple]:
        """Each statement once: mentions are unique by construction; an entity mentioned twice
        in one source, or a post stated twice, would repeat without the checks."""
        yield from self._document()
        mentioned: dict[tuple[ox.NamedNode, ox.NamedNode], None] = {}
        for mention, entity in mentions:
            source = self.source_of(mention.start)
            yield from self._mention(mention, entity, source)
            mentioned[entity, source] = None
        yield from ((entity, MENTIONED_IN, source) for entity, source in mentioned)
        yield from _unique(self._facts(posts, locations))

    def _facts(self, posts: list[PostFact], locations: list[LocationFact]) -> Iterator[Triple]:
        for fact in posts:
            yield from _post(fact, ox.NamedNode(mention_iri(self.doc.id, fact.mention)))
        for fact in locations:
            yield node("project", fact.project), LOCATED_IN, node("district", fact.district)

    def _document(self) -> Iterator[Triple]:
        doc = self.doc
        yield self.node, A, DOCUMENT
        yield self.node, DC_IDENTIFIER, _plain(doc.id)
        if doc.title:
            yield self.node, DC_TITLE, zh(doc.title)
        if doc.date:
            yield self.node, DC_DATE, _plain(doc.date)
        for article in doc.articles:
            a = self.articles[id(article)]
            yield a, A, ARTICLE
            yield a, DC_IS_PART_OF, self.node
            if article.title:
                yield a, DC_TITLE, zh(article.title)
            if article.date:
                yield a, DC_DATE, _plain(article.date)

    def _mention(self, mention: Mention, entity: ox.NamedNode, source: ox.NamedNode) -> Iterator[Triple]:
        m = ox.NamedNode(mention_iri(self.doc.id, mention))
        yield m, A, MENTION
        yield m, MENTIONS, entity
        yield m, DC_SOURCE, source
        yield m, SURFACE, zh(mention.text)
        yield m, START_OFFSET, _integer(mention.start)
        yield m, END_OFFSET, _integer(mention.end)
        yield m, EVIDENCE, zh(self.doc.sentence_text(mention))
        yield m, EXTRACTOR, _plain(mention.extractor)


def _post(fact: PostFact, mention: ox.NamedNode) -> Iterator[Triple]:
    official = node("official", fact.official)
    place = fact.district or ""
    post = node("post", f"{fact.official}|{fact.title}|{fact.org or ''}|{place}")
    yield official, HOLDS, post
    yield post, A, POST
    yield post, HELD_BY, official
    yield post, LABEL, zh(post_label(fact.org, fact.title))
    yield post, TITLE, zh(fact.title)
    yield post, WAS_DERIVED_FROM, mention
    if fact.district:
        yield post, IN_DISTRICT, node("district", fact.district)
    if fact.org:
        organisation = node("organisation", f"{place}|{fact.org}")
        yield post, POST_IN, organisation
        yield organisation, A, ORGANISATION
        yield organisation, LABEL, zh(fact.org)
        if fact.district:
            yield organisation, IN_DISTRICT, node("district", fact.district)


# ---------------------------------------------------------------- what holds regardless of documents


def _entity(entity: Entity) -> Iterator[Triple]:
    subject = node(entity.kind, entity.key)
    cls = GK.PolicyDocument if entity.attrs.get("document") else CLASSES[entity.kind]
    yield subject, A, term(cls)
    yield subject, LABEL, zh(entity.name)
    yield subject, MENTION_COUNT, _integer(entity.mention_count)
    for alias in sorted(entity.aliases):
        yield subject, ALT_LABEL, zh(alias)
    if entity.kind == "district":
        yield subject, LEVEL, term(LEVELS[entity.attrs["level"]])
        if entity.attrs.get("code"):
            yield subject, CODE, _plain(entity.attrs["code"])
        if entity.attrs.get("parent"):
            yield subject, PART_OF, node("district", entity.attrs["parent"])
    if entity.kind == "person" and entity.attrs.get("role"):
        yield subject, ROLE, zh(entity.attrs["role"])


# ---------------------------------------------------------------- the whole graph


def _by_document(result: Resolution) -> dict[str, tuple[list, list, list]]:
    """Per document id: its (mention, entity node) pairs in text order, its posts, its locations."""
    parts: dict[str, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
    for entity in result.entities.values():
        subject = node(entity.kind, entity.key)
        for doc_id, mention in entity.mentions:
            parts[doc_id][0].append((mention, subject))
    for fact in result.posts:
        parts[fact.doc][1].append(fact)
    for fact in result.locations:
        parts[fact.doc][2].append(fact)
    for mentions, _, _ in parts.values():
        mentions.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[0].kind))
    return parts


def _unique(triples: Iterable[Triple]) -> Iterator[Triple]:
    seen: set[Triple] = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def document_statements(result: Resolution) -> Iterator[Statement]:
    """What each document says, in input order, each in the document's named graph. A document's
    statements depend on that document alone, so a build can make them where it extracts."""
    parts = _by_document(result)
    for doc in result.documents:
        mentions, posts, locations = parts.get(doc.id, ([], [], []))
        document = _Document(doc)
        yield from ((s, p, o, document.node) for s, p, o in document.triples(mentions, posts, locations))


def shared_statements(result: Resolution) -> Iterator[Statement]:
    """What holds regardless of any document (types, labels, aliases, codes), in the default graph."""
    return ((s, p, o, DEFAULT) for entity in result.entities.values() for s, p, o in _entity(entity))


def statements(result: Resolution) -> Iterator[Statement]:
    """Every statement as (subject, predicate, object, graph): the documents' then the shared
    ones. No statement repeats within a graph."""
    yield from document_statements(result)
    yield from shared_statements(result)


def build_graph(result: Resolution) -> Graph:
    """The whole knowledge graph as one rdflib Graph (a statement two documents make is one triple)."""
    data = ox.serialize((ox.Triple(s, p, o) for s, p, o, _ in statements(result)), format=ox.RdfFormat.N_TRIPLES)
    return bind_prefixes(Graph()).parse(data=data, format="nt")


def build_dataset(result: Resolution) -> Dataset:
    """The graph as an rdflib Dataset: one named graph per document, plus the default graph."""
    data = ox.serialize((ox.Quad(*statement) for statement in statements(result)), format=ox.RdfFormat.N_QUADS)
    dataset = bind_prefixes(Dataset())
    dataset.parse(data=data, format="nquads")
    return dataset
