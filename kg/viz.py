"""pyvis views of the graph: self-contained HTML files that open from disk, offline.

A :class:`View` is what one page draws: entity nodes and relation edges, each carrying the
evidence sentences, documents and dates it came from. :func:`view_of` reads it from the
Oxigraph store (:class:`kg.store.Store`), one SPARQL SELECT per thing read; :func:`neighbourhood`
and :func:`only_kinds` narrow it; :func:`write_view` renders it through pyvis with vis-network
in line and the page's own search, kind filters and evidence panel (kg/templates/view.html).
Document text only ever reaches the page as JSON data that the page puts into the DOM with
``textContent``, so markup in a document never runs.
"""
from __future__ import annotations

import math
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from pyvis.network import Network
from rdflib import URIRef

from kg.errors import GraphError
from kg.store import Store
from kg.vocab import GK

TEMPLATES = Path(__file__).parent / "templates"
LARGE = 1000  # above this many nodes the layout is computed here and physics stays off
MAX_EVIDENCE = 12  # sentences kept per node or edge; the count of all is kept too


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


@dataclass
class Evidence:
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

    def nx_graph(self) -> nx.Graph:
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


def _text(term: ox.NamedNode | ox.Literal | None) -> str:
    """The IRI or lexical form of a term; "" for an unbound OPTIONAL."""
    return "" if term is None else term.value


def _entity_nodes(store: Store) -> dict[str, Node]:
    """Nodes by IRI, grouped by kind in KINDS order; an entity of several classes takes the last kind."""
    kinds, labels, aliases = defaultdict(set), {}, defaultdict(set)
    for entity, cls, label, alias in store.query(ENTITIES):
        kinds[entity.value].add(_KIND_OF_CLASS[cls.value])
        labels.setdefault(entity.value, _text(label))
        if alias is not None:
            aliases[entity.value].add(alias.value)
    rank = list(KINDS).index
    nodes = [Node(entity, labels[entity] or entity.rsplit("/", 1)[-1], max(found, key=rank),
                  sorted(aliases[entity])) for entity, found in kinds.items()]
    return {node.id: node for node in sorted(nodes, key=lambda n: (rank(n.kind), n.id))}


class _Mention(NamedTuple):
    """A mention and its evidence; the field order makes mentions sort by source, offset, IRI."""
    source: str
    start: int
    iri: str
    entity: str
    sentence: str
    doc: str
    date: str

    def evidence(self, note: str = "") -> Evidence:
        return Evidence(self.sentence, self.doc, self.date, note)


def _source_info(store: Store) -> dict[str, tuple[str, str]]:
    """(document label, date) of each mention source: an article's own date, else its document's."""
    return {source.value: (_text(title) or _text(identifier) or doc.value,
                           _text(date) or _text(doc_date))
            for source, doc, title, identifier, date, doc_date in store.query(SOURCES)}


def _mentions(store: Store, nodes: dict[str, Node]) -> dict[str, _Mention]:
    """The mentions of ``nodes`` by IRI, in order of source, offset and IRI."""
    sources, found = _source_info(store), []
    for mention, entity, source, start, sentence in store.query(MENTIONS):
        if entity.value in nodes:
            found.append(_Mention(source.value, int(start.value) if start else 0, mention.value,
                                  entity.value, _text(sentence), *sources[source.value]))
    return {m.iri: m for m in sorted(found)}


def _together(mentions: Iterable[_Mention], unit: str) -> list[list[_Mention]]:
    """Mentions grouped by sentence (same source and sentence, offsets within one sentence) or article."""
    groups: dict[tuple, list[list[_Mention]]] = defaultdict(list)
    for m in mentions:
        clusters = groups[(m.source,) if unit == "article" else (m.source, m.sentence)]
        if clusters and (unit == "article" or m.start - clusters[-1][0].start <= len(m.sentence)):
            clusters[-1].append(m)
        else:
            clusters.append([m])
    return [cluster for clusters in groups.values() for cluster in clusters]


def _post_edges(store: Store, nodes: dict[str, Node], mentions: dict[str, _Mention]) -> list[Edge]:
    """Official → district (or organisation) of their posts, with the sentences that state them."""
    stated: dict[tuple[str, str], list[tuple[_Mention, str]]] = {}
    for official, _, target, label, title, mention in store.query(POSTS):
        if official.value in nodes and _text(target) in nodes:
            found = stated.setdefault((official.value, target.value), [])
            if _text(mention) in mentions:
                found.append((mentions[mention.value], _text(label) or _text(title)))
    return [Edge(official, target, RELATIONS["post"], [m.evidence(note) for m, note in sorted(found)])
            for (official, target), found in sorted(stated.items())]


def _structural_edges(store: Store, nodes: dict[str, Node]) -> list[Edge]:
    """Part-of and located-in edges between nodes, each once, by predicate, then source and target."""
    order = list(_RELATION_OF)
    rows = sorted((order.index(p.value), s.value, o.value) for p, s, o in store.query(STRUCTURE))
    edges = dict.fromkeys((s, o, _RELATION_OF[order[p]]) for p, s, o in rows if s in nodes and o in nodes)
    return [Edge(*edge) for edge in edges]


def _add_comentions(edges: list[Edge], clusters: list[list[_Mention]]) -> list[Edge]:
    """Co-mention sentences as evidence of existing edges, and co-mentioned edges for the rest."""
    by_pair = {frozenset((e.source, e.target)): e for e in edges}
    for cluster in clusters:
        for a, b in combinations(sorted({m.entity for m in cluster}), 2):
            edge = by_pair.get(frozenset((a, b)))
            if edge is None:
                edge = by_pair[frozenset((a, b))] = Edge(a, b, RELATIONS["co"])
                edges.append(edge)
            edge.evidence.append(cluster[0].evidence())
    return edges


def view_of(store: Store, comention: str = "sentence") -> View:
    """Every entity of the store and the relations between them, with their evidence.

    ``comention`` is ``"sentence"`` or ``"article"``: how close two mentions must be for
    their entities to count as co-mentioned. Nodes come in KINDS order, then by IRI; edges
    part-of, located-in, posts (by official and place), then co-mentions.
    """
    nodes = _entity_nodes(store)
    mentions = _mentions(store, nodes)
    for m in mentions.values():
        nodes[m.entity].evidence.append(m.evidence())
    edges = _structural_edges(store, nodes) + _post_edges(store, nodes, mentions)
    return View(nodes, _add_comentions(edges, _together(mentions.values(), comention)))


# ---------------------------------------------------------------- narrowing a view


def find_nodes(view: View, name: str) -> list[str]:
    """Ids of the nodes named ``name`` (label or alias); a GraphError if there are none."""
    found = [k for k, n in view.nodes.items() if name == n.label or name in n.aliases]
    if found:
        return found
    near = sorted({n.label for n in view.nodes.values() if name in n.label})[:10]
    hint = f"; did you mean {', '.join(near)}?" if near else "; `kg query` lists entity labels"
    raise GraphError(f"no entity named {name!r} in the graph{hint}")


def neighbourhood(view: View, centres: Iterable[str], hops: int = 2) -> View:
    """The nodes within ``hops`` edges of any centre, and the edges among them."""
    graph = view.nx_graph()
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(graph, centre, cutoff=hops))
    return view.subview(keep)


def only_kinds(view: View, kinds: Iterable[str], keep: Iterable[str] = ()) -> View:
    """The nodes of the given kinds (plus ``keep``); a GraphError names an unknown kind."""
    kinds = set(kinds)
    unknown = kinds - set(KINDS)
    if unknown:
        raise GraphError(f"unknown kind(s) {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(KINDS)}")
    keep = set(keep)
    return view.subview(k for k, n in view.nodes.items() if n.kind in kinds or k in keep)


def focused(view: View, focus: str | None = None, hops: int = 2,
            kinds: Iterable[str] | None = None) -> View:
    """The view ``kg viz`` draws: a neighbourhood of ``focus`` and/or only some kinds."""
    centres = find_nodes(view, focus) if focus else []
    if centres:
        view = neighbourhood(view, centres, hops)
    return only_kinds(view, kinds, centres) if kinds else view


def city_view(view: View, city: str) -> View:
    """A city, every district below it, and what is one edge away from any of them."""
    children: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges:
        if edge.relation == RELATIONS["part"]:
            children[edge.target].append(edge.source)
    members, todo = {city}, [city]
    while todo:
        for child in children[todo.pop()]:
            if child not in members:
                members.add(child)
                todo.append(child)
    return neighbourhood(view, members, hops=1)


# ---------------------------------------------------------------- layout and rendering


def _sfdp_positions(graph: nx.Graph, sfdp: str) -> dict[str, tuple[float, float]]:
    """Graphviz's multilevel force layout: seconds for 5,000 nodes where spring_layout takes a minute."""
    ids = list(graph)
    index = {node: i for i, node in enumerate(ids)}
    dot = "graph G {\n" + "".join(f"{i};\n" for i in range(len(ids)))
    dot += "".join(f"{index[u]} -- {index[v]};\n" for u, v in graph.edges) + "}\n"
    out = subprocess.run([sfdp, "-Tplain"], input=dot, capture_output=True, text=True, check=True)
    rows = (line.split() for line in out.stdout.splitlines() if line.startswith("node "))
    return {ids[int(r[1])]: (float(r[2]) * 90, -float(r[3]) * 90) for r in rows}


def _spring_positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    scale = 60 * math.sqrt(max(len(graph), 1))
    return {n: (float(x), float(y)) for n, (x, y) in
            nx.spring_layout(graph, seed=1, scale=scale).items()}


def positions(view: View, engine: str = "auto") -> dict[str, tuple[float, float]]:
    """Node positions in screen units: Graphviz sfdp when installed ("auto"), else networkx's spring."""
    sfdp = shutil.which("sfdp") if engine in ("auto", "sfdp") else None
    if engine == "sfdp" and sfdp is None:
        raise GraphError("the sfdp layout needs Graphviz: apt-get install graphviz")
    graph = view.nx_graph()
    return _sfdp_positions(graph, sfdp) if sfdp else _spring_positions(graph)


def _tooltip(head: str, evidence: list[Evidence]) -> str:
    lines = [head] + [f"「{e.text[:120]}」 {e.note} — {e.doc} {e.date}".replace("  ", " ")
                      for e in evidence[:3]]
    return "\n".join(lines + ([f"… {len(evidence) - 3} more"] if len(evidence) > 3 else []))


def _evidence_json(evidence: list[Evidence]) -> list[dict]:
    unique: dict[tuple[str, str, str], Evidence] = {}
    for e in evidence:  # the same sentence as a post's source and as a co-mention: keep the first
        unique.setdefault((e.text, e.doc, e.date), e)
    return [asdict(e) for e in list(unique.values())[:MAX_EVIDENCE]]


def _node_dicts(view: View, degree: dict[str, int]) -> list[dict]:
    dicts = []
    for node in view.nodes.values():
        style, weight = KINDS[node.kind], len(node.evidence) or degree.get(node.id, 0)
        head = f"{node.label} · {style.name_zh} {node.kind} · {len(node.evidence)} mentions"
        dicts.append({"id": node.id, "label": node.label, "kind": node.kind, "color": style.colour,
                      "shape": style.shape, "size": min(12 + 4 * math.sqrt(weight), 48),
                      "title": _tooltip(head, node.evidence), "aliases": node.aliases,
                      "mentions": len(node.evidence), "evidence": _evidence_json(node.evidence)})
    return dicts


def _edge_dicts(view: View) -> list[dict]:
    dicts = []
    for i, edge in enumerate(view.edges):
        co = edge.relation == RELATIONS["co"]
        head = f"{view.nodes[edge.source].label} — {edge.relation} — {view.nodes[edge.target].label}"
        dicts.append({"id": i, "from": edge.source, "to": edge.target, "label": edge.relation,
                      "relation": edge.relation, "arrows": "" if co else "to", "dashes": co,
                      "color": {"color": "#bbbbbb" if co else "#666666"},
                      "title": _tooltip(head, edge.evidence), "count": len(edge.evidence),
                      "evidence": _evidence_json(edge.evidence)})
    return dicts


def _options(large: bool) -> dict:
    physics = ({"enabled": False} if large else
               {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300, "fit": True}})
    return {"physics": physics, "layout": {"improvedLayout": False},
            "nodes": {"font": {"face": "Noto Sans CJK SC, Noto Sans CJK, sans-serif"}},
            "edges": {"font": {"size": 10, "align": "middle", "color": "#555555"},
                      "smooth": False if large else {"type": "continuous"}},
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large}}


def network(view: View, large: int = LARGE) -> Network:
    """The pyvis Network of a view; positions are computed here when it has more than ``large`` nodes."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = _node_dicts(view, dict(view.nx_graph().degree))
    net.edges = _edge_dicts(view)  # lists built here: pyvis add_edge is quadratic
    big = len(view.nodes) > large
    if big:
        where = positions(view)
        for node in net.nodes:
            node["x"], node["y"] = where[node["id"]]
    net.options = _options(big)
    return net


def _legend(view: View) -> list[dict]:
    counts = Counter(node.kind for node in view.nodes.values())
    return [{"kind": kind, "name_zh": style.name_zh, "colour": style.colour,
             "shape": style.shape, "count": counts[kind]} for kind, style in KINDS.items() if counts[kind]]


@lru_cache(maxsize=None)
def _template(pyvis_templates: str) -> Template:
    """The view template, compiled once: it takes in all of vis-network, which is slow to lex."""
    env = Environment(loader=FileSystemLoader([str(TEMPLATES), pyvis_templates]),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("view.html")


def html_page(net: Network, view: View, title: str) -> str:
    """The page: pyvis's data and vis-network in line, in the view template (no remote reference)."""
    return _template(net.template_dir).render(
        title=title, data={"nodes": net.nodes, "edges": net.edges, "options": net.options},
        legend=_legend(view),
        relations=list(RELATIONS.values()))


def write_view(view: View, path: Path, title: str = "govkg") -> Path:
    """Write one view as a self-contained HTML file."""
    path = Path(path)
    path.write_text(html_page(network(view), view, title), encoding="utf-8")
    return path


def render_view(store: Store, path: Path, focus: str | None = None, hops: int = 2,
                kinds: Iterable[str] | None = None, comention: str = "sentence") -> Path:
    """Write the view ``kg viz`` draws: the whole graph, or the neighbourhood of ``focus``."""
    view = focused(view_of(store, comention), focus, hops, kinds)
    title = f"{focus} · {hops} hops" if focus else "govkg"
    return write_view(view, path, title)


def render_html(store: Store, path: Path) -> Path:
    """The whole graph as one HTML file (what ``kg build`` writes as graph.html)."""
    return render_view(store, path)


def page_writers(store: Store) -> dict[str, Callable[[Path], Path]]:
    """For kg.export.write_files: ``graph.html`` (the whole graph) and ``city-<code>.html`` per city."""
    view = view_of(store)
    cities = sorted({row["city"].value for row in store.query(CITIES)} & set(view.nodes))
    writers = {"graph.html": lambda path: write_view(view, path)}
    for city in cities:
        writers[f"city-{city.rsplit('/', 1)[-1]}.html"] = \
            lambda path, city=city: write_view(city_view(view, city), path, view.nodes[city].label)
    return writers


def city_views(store: Store, outdir: Path) -> list[Path]:
    """Write the whole graph and one view per city into ``outdir``; the paths written."""
    Path(outdir).mkdir(parents=True, exist_ok=True)
    return [write(Path(outdir) / name) for name, write in page_writers(store).items()]
