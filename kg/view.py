"""What an HTML view draws: entity nodes and relation edges, each with the evidence sentences,
documents and dates it came from, read from the graph store.

:func:`view_rows` runs one SPARQL SELECT per thing read and keeps the rows as plain values in a
:class:`ViewRows`, which goes to and from JSON; :func:`view_from_rows` makes the :class:`View`.
A build can so read each document's graph apart, where it extracts, keep its rows in the cache
and :func:`merge_rows` them: the view of merged parts is the view of their union as long as no
query's match spans two parts, which holds for kg.graph's split (what a document says in its
own graph, what holds regardless of documents in the shared one). Rows may come in any order
and may repeat: a post or an organisation two documents state is in the rows of both.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import XSD

from kg.store import Store
from kg.vocab import GK

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Kind:
    cls: URIRef
    colour: str
    shape: str
    name_zh: str


KINDS = {
    "official": Kind(GK.Official, "#d62728", "dot", "官员"),
    "person": Kind(GK.Person, "#ff9896", "dot", "人物"),
    "district": Kind(GK.District, "#1f77b4", "box", "行政区划"),
    "organisation": Kind(GK.Organisation, "#7f7f7f", "square", "机构"),
    "project": Kind(GK.Project, "#2ca02c", "diamond", "项目"),
    "programme": Kind(GK.Programme, "#9467bd", "triangle", "政策举措"),
    "policy": Kind(GK.PolicyDocument, "#c49c94", "triangleDown", "政策文件"),
}
RELATIONS = {"post": "holds post in", "located": "located in", "part": "part of",
             "co": "co-mentioned"}


class Evidence(NamedTuple):
    """A sentence that states a node or an edge; one object serves every edge a sentence co-mentions."""
    text: str
    doc: str
    date: str
    note: str = ""


@dataclass
class Node:
    id: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Edge:
    source: str
    target: str
    relation: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class View:
    nodes: dict[str, Node]
    edges: list[Edge]

    def neighbours(self) -> defaultdict[str, set[str]]:
        """The nodes one edge away from each node, either way (a loop makes a node its own)."""
        found: defaultdict[str, set[str]] = defaultdict(set)
        for edge in self.edges:
            found[edge.source].add(edge.target)
            found[edge.target].add(edge.source)
        return found

    def nx_graph(self) -> nx.Graph:
        import networkx as nx  # 0.1 s to import; only large views, laid out here, need it

        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        graph.add_edges_from((e.source, e.target) for e in self.edges)
        return graph

    def subview(self, keep: Iterable[str]) -> View:
        keep = set(keep)
        return View({k: n for k, n in self.nodes.items() if k in keep},
                    [e for e in self.edges if e.source in keep and e.target in keep])


# ---------------------------------------------------------------- reading the store

_KIND_OF_CLASS = {str(style.cls): kind for kind, style in KINDS.items()}
_RELATION_OF = {str(GK.partOf): RELATIONS["part"], str(GK.locatedIn): RELATIONS["located"],
                str(GK.inDistrict): RELATIONS["located"]}

ENTITIES = """SELECT ?entity ?type ?label ?alias WHERE {
  VALUES ?type { %s }
  ?entity a ?type .
  OPTIONAL { ?entity rdfs:label ?label } OPTIONAL { ?entity skos:altLabel ?alias }
}""" % " ".join(f"<{cls}>" for cls in _KIND_OF_CLASS)

MENTIONS = """SELECT ?mention ?entity ?source ?start ?sentence WHERE {
  ?mention gk:mentions ?entity ; dcterms:source ?source .  # gk:mentions implies a gk:Mention
  OPTIONAL { ?mention gk:startOffset ?start } OPTIONAL { ?mention gk:evidence ?sentence }
}"""

SOURCES = """SELECT ?source ?doc ?title ?identifier ?date ?docDate WHERE {
  { SELECT DISTINCT ?source WHERE { ?mention dcterms:source ?source } }
  OPTIONAL { ?source dcterms:isPartOf ?whole } BIND (COALESCE(?whole, ?source) AS ?doc)
  OPTIONAL { ?source dcterms:date ?date } OPTIONAL { ?doc dcterms:date ?docDate }
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:identifier ?identifier }
}"""

# DISTINCT: in a TriG file a post stated by several documents is in several named graphs
# (the rows of several stores repeat it all the same: view_from_rows drops repeated rows)
POSTS = """SELECT DISTINCT ?official ?post ?target ?label ?title ?mention WHERE {
  ?official org:holds ?post .
  OPTIONAL { ?post gk:inDistrict ?district } OPTIONAL { ?post org:postIn ?organisation }
  BIND (COALESCE(?district, ?organisation) AS ?target)
  OPTIONAL { ?post rdfs:label ?label } OPTIONAL { ?post gk:title ?title }
  OPTIONAL { ?post prov:wasDerivedFrom ?mention }
}"""

STRUCTURE = """SELECT ?predicate ?source ?target WHERE {
  VALUES ?predicate { %s } ?source ?predicate ?target .
}""" % " ".join(f"<{predicate}>" for predicate in _RELATION_OF)

CITIES = "SELECT ?city WHERE { ?city a gk:District ; gk:level gk:City }"

Row = tuple[str | int | None, ...]
_INTEGER = ox.NamedNode(str(XSD.integer))


@dataclass
class ViewRows:
    """The rows of the view's SELECTs, one list per query, columns in the query's order: IRIs and
    literals as strings, xsd:integer literals as ints, None where an OPTIONAL matched nothing.
    :meth:`from_json` makes rows tuples again; :func:`view_from_rows` takes lists as well."""
    entities: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    posts: list[Row] = field(default_factory=list)
    structure: list[Row] = field(default_factory=list)
    cities: list[Row] = field(default_factory=list)

    def to_json(self) -> dict[str, list[Row]]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: Mapping[str, list[list]]) -> ViewRows:
        return cls(**{f.name: [tuple(row) for row in data[f.name]] for f in fields(cls)})


_QUERIES = {"entities": ENTITIES, "mentions": MENTIONS, "sources": SOURCES, "posts": POSTS,
            "structure": STRUCTURE, "cities": CITIES}


def _value(term: ox.NamedNode | ox.Literal | None) -> str | int | None:
    if isinstance(term, ox.Literal) and term.datatype == _INTEGER:
        return int(term.value)
    return None if term is None else term.value


def view_rows(store: Store) -> ViewRows:
    """What the view needs from ``store``, as plain values."""
    return ViewRows(**{name: [tuple(map(_value, solution)) for solution in store.query(sparql)]
                       for name, sparql in _QUERIES.items()})


def merge_rows(parts: Iterable[ViewRows]) -> ViewRows:
    """The rows of several stores as the rows of one."""
    merged = ViewRows()
    for part in parts:
        for f in fields(ViewRows):
            getattr(merged, f.name).extend(getattr(part, f.name))
    return merged


# ---------------------------------------------------------------- rows to a view
# Each step sorts, or keeps the least of several values, so that row order never shows.


def _entity_nodes(rows: Iterable[Row]) -> dict[str, Node]:
    """Nodes by IRI, grouped by kind in KINDS order; an entity of several classes takes the last
    kind, of several labels the least."""
    kinds, labels, aliases = defaultdict(set), defaultdict(set), defaultdict(set)
    for entity, cls, label, alias in rows:
        kinds[entity].add(_KIND_OF_CLASS[cls])
        if label:
            labels[entity].add(label)
        if alias is not None:
            aliases[entity].add(alias)
    rank = list(KINDS).index
    nodes = [Node(entity, min(labels[entity], default=entity.rsplit("/", 1)[-1]), max(found, key=rank),
                  sorted(aliases[entity])) for entity, found in kinds.items()]
    return {node.id: node for node in sorted(nodes, key=lambda n: (rank(n.kind), n.id))}


class _Mention(NamedTuple):
    """A mention and its evidence; the field order makes mentions sort by source, offset, IRI."""
    source: str
    start: int
    iri: str
    entity: str
    evidence: Evidence  # of its node, and of the edges its sentence co-mentions


def _source_info(rows: Iterable[Row]) -> dict[str, tuple[str, str]]:
    """(document label, date) of each mention source: an article's own date, else its document's."""
    info: dict[str, tuple[str, str]] = {}
    for source, doc, title, identifier, date, doc_date in rows:
        found = (title or identifier or doc, date or doc_date or "")
        info[source] = min(info.get(source, found), found)
    return info


def _mentions(rows: Iterable[Row], sources: dict[str, tuple[str, str]],
              nodes: dict[str, Node]) -> dict[str, _Mention]:
    """The mentions of ``nodes`` by IRI, in order of source, offset and IRI."""
    found = [_Mention(source, int(start or 0), mention, entity, Evidence(sentence or "", *sources[source]))
             for mention, entity, source, start, sentence in rows if entity in nodes]
    return {m.iri: m for m in sorted(found)}


def _together(mentions: Iterable[_Mention], unit: str) -> list[list[_Mention]]:
    """Mentions grouped by sentence (same source and sentence, offsets within one sentence) or article."""
    groups: dict[tuple, list[list[_Mention]]] = defaultdict(list)
    for m in mentions:
        clusters = groups[(m.source,) if unit == "article" else (m.source, m.evidence.text)]
        if clusters and (unit == "article" or m.start - clusters[-1][0].start <= len(m.evidence.text)):
            clusters[-1].append(m)
        else:
            clusters.append([m])
    return [cluster for clusters in groups.values() for cluster in clusters]


def _post_edges(rows: Iterable[Row], nodes: dict[str, Node], mentions: dict[str, _Mention]) -> list[Edge]:
    """Official → district (or organisation) of their posts, with the sentences that state them."""
    stated: dict[tuple[str, str], list[tuple[_Mention, str]]] = {}
    for official, _, target, label, title, mention in set(map(tuple, rows)):
        if official in nodes and target in nodes:
            found = stated.setdefault((official, target), [])
            if mention in mentions:
                found.append((mentions[mention], label or title or ""))
    return [Edge(official, target, RELATIONS["post"], [m.evidence._replace(note=note) for m, note in sorted(found)])
            for (official, target), found in sorted(stated.items())]


def _structural_edges(rows: Iterable[Row], nodes: dict[str, Node]) -> list[Edge]:
    """Part-of and located-in edges between nodes, each once, by predicate, then source and target."""
    order = list(_RELATION_OF)
    found = sorted((order.index(p), s, o) for p, s, o in rows)
    edges = dict.fromkeys((s, o, _RELATION_OF[order[p]]) for p, s, o in found if s in nodes and o in nodes)
    return [Edge(*edge) for edge in edges]


def _add_comentions(edges: list[Edge], clusters: list[list[_Mention]]) -> list[Edge]:
    """Co-mention sentences as evidence of existing edges, and co-mentioned edges for the rest."""
    by_pair = {(min(e.source, e.target), max(e.source, e.target)): e for e in edges}
    for cluster in clusters:
        evidence = cluster[0].evidence
        for pair in combinations(sorted({m.entity for m in cluster}), 2):
            edge = by_pair.get(pair)
            if edge is None:
                edge = by_pair[pair] = Edge(*pair, RELATIONS["co"])
                edges.append(edge)
            edge.evidence.append(evidence)
    return edges


def view_from_rows(rows: ViewRows, comention: str = "sentence") -> View:
    """Every entity of the rows and the relations between them, with their evidence.

    ``comention`` is ``"sentence"`` or ``"article"``: how close two mentions must be for
    their entities to count as co-mentioned. Nodes come in KINDS order, then by IRI; edges
    part-of, located-in, posts (by official and place), then co-mentions.
    """
    nodes = _entity_nodes(rows.entities)
    mentions = _mentions(rows.mentions, _source_info(rows.sources), nodes)
    for m in mentions.values():
        nodes[m.entity].evidence.append(m.evidence)
    edges = _structural_edges(rows.structure, nodes) + _post_edges(rows.posts, nodes, mentions)
    return View(nodes, _add_comentions(edges, _together(mentions.values(), comention)))


def view_of(store: Store, comention: str = "sentence") -> View:
    """The view of everything in ``store`` (see :func:`view_from_rows`)."""
    return view_from_rows(view_rows(store), comention)


__all__ = ["KINDS", "RELATIONS", "Kind", "Evidence", "Node", "Edge", "View", "ViewRows",
           "view_rows", "merge_rows", "view_from_rows", "view_of"]
