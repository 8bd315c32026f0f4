"""Resolved entities and facts → RDF.

Every statement is produced once, by :func:`quads`, tagged with the document it came
from (or None for what holds regardless of any document, such as a district's code).
:func:`build_graph` collects them into one graph, :func:`build_dataset` into one named
graph per document (for TriG). :func:`iri` is the one place IRIs are minted.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.document import Article, Document, Mention
from kg.resolve import Entity, Resolution
from kg.vocab import GK, ID, LEVELS, bind_prefixes

Quad = tuple[URIRef, URIRef, URIRef | Literal, str | None]
# Terms repeat across quads (an entity in every statement about it, a surface or an offset in
# many mentions): each is made once and the same object reused, up to this many of a kind.
_TERMS = 1 << 16

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
def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


@lru_cache(maxsize=_TERMS, typed=True)
def _plain(value: str) -> Literal:
    """A plain literal; ``zh``, ``_plain`` and ``_integer`` give one object per value."""
    return Literal(value)


@lru_cache(maxsize=_TERMS, typed=True)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _article_key(doc: Document, article: Article) -> str:
    return f"{doc.id}#{doc.articles.index(article)}"


def _article_iris(doc: Document) -> dict[int, URIRef]:
    """The IRI of each article of a document, by the article's id()."""
    return {id(article): iri("article", _article_key(doc, article)) for article in doc.articles}


def _source_of(doc: Document, offset: int, articles: dict[int, URIRef] | None = None) -> URIRef:
    """The IRI of the article holding ``offset``, else of the document (``articles``: the
    document's article IRIs, when already minted)."""
    article = doc.article_at(offset)
    if article is None:
        return iri("doc", doc.id)
    return articles[id(article)] if articles is not None else iri("article", _article_key(doc, article))


def mention_iri(doc_id: str, mention: Mention) -> URIRef:
    return iri("mention", f"{doc_id}#{mention.start}-{mention.end}-{mention.kind}")


def _document_quads(doc: Document) -> Iterator[Quad]:
    node = iri("doc", doc.id)
    yield node, RDF.type, GK.Document, doc.id
    yield node, DCTERMS.identifier, _plain(doc.id), doc.id
    if doc.title:
        yield node, DCTERMS.title, zh(doc.title), doc.id
    if doc.date:
        yield node, DCTERMS.date, _plain(doc.date), doc.id
    for article in doc.articles:
        a = iri("article", _article_key(doc, article))
        yield a, RDF.type, GK.Article, doc.id
        yield a, DCTERMS.isPartOf, node, doc.id
        if article.title:
            yield a, DCTERMS.title, zh(article.title), doc.id
        if article.date:
            yield a, DCTERMS.date, _plain(article.date), doc.id


def _mention_quads(doc: Document, mention: Mention, entity: URIRef,
                   articles: dict[int, URIRef] | None = None) -> Iterator[Quad]:
    node, source = mention_iri(doc.id, mention), _source_of(doc, mention.start, articles)
    yield node, RDF.type, GK.Mention, doc.id
    yield node, GK.mentions, entity, doc.id
    yield node, DCTERMS.source, source, doc.id
    yield node, GK.surface, zh(mention.text), doc.id
    yield node, GK.startOffset, _integer(mention.start), doc.id
    yield node, GK.endOffset, _integer(mention.end), doc.id
    yield node, GK.evidence, zh(doc.sentence_text(mention)), doc.id
    yield node, GK.extractor, _plain(mention.extractor), doc.id
    yield entity, GK.mentionedIn, source, doc.id


def _entity_quads(entity: Entity, node: URIRef | None = None) -> Iterator[Quad]:
    node = iri(entity.kind, entity.key) if node is None else node
    cls = GK.PolicyDocument if entity.attrs.get("document") else CLASSES[entity.kind]
    yield node, RDF.type, cls, None
    yield node, RDFS.label, zh(entity.name), None
    for alias in sorted(entity.aliases):
        yield node, SKOS.altLabel, zh(alias), None
    if entity.kind == "district":
        yield node, GK.level, LEVELS[entity.attrs["level"]], None
        if entity.attrs.get("code"):
            yield node, GK.code, _plain(entity.attrs["code"]), None
        if entity.attrs.get("parent"):
            yield node, GK.partOf, iri("district", entity.attrs["parent"]), None
    if entity.kind == "person" and entity.attrs.get("role"):
        yield node, GK.role, Literal(entity.attrs["role"], lang="zh"), None


def post_label(org: str | None, title: str) -> str:
    """The post as one would write it: 小店区委 + 区委书记 → 小店区委书记, not 小店区委区委书记."""
    org = org or ""
    # a shared word of two or more characters is written once; 局 + 局长 stays 局局长
    overlap = next((n for n in range(min(len(org), len(title)), 1, -1) if org.endswith(title[:n])), 0)
    return org + title[overlap:]


def _post_quads(result: Resolution) -> Iterator[Quad]:
    for fact in result.posts:
        official = iri("official", fact.official)
        place = fact.district or ""
        post = iri("post", f"{fact.official}|{fact.title}|{fact.org or ''}|{place}")
        yield official, ORG.holds, post, fact.doc
        yield post, RDF.type, GK.Post, fact.doc
        yield post, ORG.heldBy, official, fact.doc
        yield post, RDFS.label, zh(post_label(fact.org, fact.title)), fact.doc
        yield post, GK.title, zh(fact.title), fact.doc
        yield post, PROV.wasDerivedFrom, mention_iri(fact.doc, fact.mention), fact.doc
        if fact.district:
            yield post, GK.inDistrict, iri("district", fact.district), fact.doc
        if fact.org:
            organisation = iri("organisation", f"{place}|{fact.org}")
            yield post, ORG.postIn, organisation, fact.doc
            yield organisation, RDF.type, GK.Organisation, fact.doc
            yield organisation, RDFS.label, zh(fact.org), fact.doc
            if fact.district:
                yield organisation, GK.inDistrict, iri("district", fact.district), fact.doc


def quads(result: Resolution) -> Iterator[Quad]:
    """Every statement of the graph, with the id of the document that gave it (or None)."""
    docs = {doc.id: doc for doc in result.documents}
    articles = {doc_id: _article_iris(doc) for doc_id, doc in docs.items()}
    for doc in result.documents:
        yield from _document_quads(doc)
    for entity in result.entities.values():
        node = iri(entity.kind, entity.key)
        yield from _entity_quads(entity, node)
        for doc_id, mention in entity.mentions:
            yield from _mention_quads(docs[doc_id], mention, node, articles[doc_id])
    yield from _post_quads(result)
    for fact in result.locations:
        yield iri("project", fact.project), GK.locatedIn, iri("district", fact.district), fact.doc


def new_graph(store: str = "default") -> Graph:
    return bind_prefixes(Graph(store=store))


def build_graph(result: Resolution, store: str = "default") -> Graph:
    """The whole knowledge graph as one rdflib Graph.

    A build, which keeps no per-document contexts in memory (TriG and shards come from
    :func:`quads`), passes ``store="SimpleMemory"``: it fills about a quarter faster.
    """
    graph = new_graph(store)
    graph.addN((s, p, o, graph) for s, p, o, _ in quads(result))
    return graph


def build_dataset(result: Resolution) -> Dataset:
    """The graph split into one named graph per document, plus the default graph."""
    dataset = bind_prefixes(Dataset())
    for s, p, o, doc_id in quads(result):
        context = dataset.graph(iri("doc", doc_id)) if doc_id else dataset.default_graph
        context.add((s, p, o))
    return dataset
