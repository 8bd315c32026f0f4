"""pyvis views of the graph: self-contained HTML files that open from disk, offline.

A :class:`View` is what one page draws: entity nodes and relation edges, each carrying the
evidence sentences, documents and dates it came from. :func:`view_of` reads it from the RDF
graph; :func:`neighbourhood` and :func:`only_kinds` narrow it; :func:`write_view` renders it
through pyvis with vis-network in line and the page's own search, kind filters and evidence
panel (kg/templates/view.html). Document text only ever reaches the page as JSON data that
the page puts into the DOM with ``textContent``, so markup in a document never runs.
"""
from __future__ import annotations

import math
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from kg.errors import GraphError
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


# ---------------------------------------------------------------- reading the RDF graph


def _kind_of(graph: Graph, node: URIRef) -> str | None:
    types = set(graph.objects(node, RDF.type))
    return next((kind for kind in reversed(KINDS) if KINDS[kind].cls in types), None)


def _entity_nodes(graph: Graph) -> dict[str, Node]:
    nodes = {}
    for kind, style in KINDS.items():
        for subject in graph.subjects(RDF.type, style.cls):
            if _kind_of(graph, subject) == kind:
                aliases = sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))
                label = str(graph.value(subject, RDFS.label) or subject.rsplit("/", 1)[-1])
                nodes[str(subject)] = Node(str(subject), label, kind, aliases)
    return nodes


def _source_info(graph: Graph, source: URIRef) -> tuple[str, str]:
    """(document label, date) of an article or document: its own date, else its document's."""
    doc = graph.value(source, DCTERMS.isPartOf) or source
    date = graph.value(source, DCTERMS.date) or graph.value(doc, DCTERMS.date) or ""
    name = graph.value(doc, DCTERMS.title) or graph.value(doc, DCTERMS.identifier) or doc
    return str(name), str(date)


@dataclass(frozen=True)
class _Mention:
    iri: URIRef
    entity: str
    source: URIRef
    start: int
    sentence: str


def _mentions(graph: Graph) -> list[_Mention]:
    found = []
    for mention in graph.subjects(RDF.type, GK.Mention):
        entity, source = graph.value(mention, GK.mentions), graph.value(mention, DCTERMS.source)
        if entity is None or source is None:
            continue
        start = graph.value(mention, GK.startOffset)
        found.append(_Mention(mention, str(entity), source, int(start or 0),
                              str(graph.value(mention, GK.evidence) or "")))
    return sorted(found, key=lambda m: (str(m.source), m.start))


class _Sources:
    """Evidence for mentions: the sentence, and the document and date of its source."""

    def __init__(self, graph: Graph, mentions: list[_Mention]):
        self.graph = graph
        self.mentions = {m.iri: m for m in mentions}
        self._info: dict[URIRef, tuple[str, str]] = {}

    def evidence(self, mention: URIRef, note: str = "") -> Evidence:
        m = self.mentions[mention]
        if m.source not in self._info:
            self._info[m.source] = _source_info(self.graph, m.source)
        return Evidence(m.sentence, *self._info[m.source], note)


def _together(mentions: list[_Mention], unit: str) -> list[list[_Mention]]:
    """Mentions grouped by sentence (same source and sentence, offsets within one sentence) or article."""
    groups: dict[tuple, list[list[_Mention]]] = defaultdict(list)
    for m in mentions:
        clusters = groups[(m.source,) if unit == "article" else (m.source, m.sentence)]
        if clusters and (unit == "article" or m.start - clusters[-1][0].start <= len(m.sentence)):
            clusters[-1].append(m)
        else:
            clusters.append([m])
    return [cluster for clusters in groups.values() for cluster in clusters]


def _post_edges(graph: Graph, nodes: dict[str, Node], sources: _Sources) -> list[Edge]:
    """Official → district (or organisation) of each post, with the sentence that states it."""
    edges = []
    for official, post in graph.subject_objects(ORG.holds):
        target = graph.value(post, GK.inDistrict) or graph.value(post, ORG.postIn)
        if str(official) not in nodes or str(target) not in nodes:
            continue
        note = str(graph.value(post, RDFS.label) or graph.value(post, GK.title) or "")
        found = [sources.evidence(m, note) for m in graph.objects(post, PROV.wasDerivedFrom)
                 if m in sources.mentions]
        edges.append(Edge(str(official), str(target), RELATIONS["post"], found))
    return edges


def _structural_edges(graph: Graph, nodes: dict[str, Node]) -> list[Edge]:
    pairs = [(GK.partOf, RELATIONS["part"]), (GK.locatedIn, RELATIONS["located"]),
             (GK.inDistrict, RELATIONS["located"])]
    return [Edge(str(s), str(o), relation) for predicate, relation in pairs
            for s, o in graph.subject_objects(predicate)
            if str(s) in nodes and str(o) in nodes]


def _merge(edges: Iterable[Edge]) -> list[Edge]:
    merged: dict[tuple[str, str, str], Edge] = {}
    for edge in edges:
        key = (edge.source, edge.target, edge.relation)
        if key in merged:
            merged[key].evidence.extend(edge.evidence)
        else:
            merged[key] = Edge(edge.source, edge.target, edge.relation, list(edge.evidence))
    return list(merged.values())


def _add_comentions(edges: list[Edge], clusters: list[list[_Mention]], sources: _Sources) -> list[Edge]:
    """Co-mention sentences as evidence of existing edges, and co-mentioned edges for the rest."""
    by_pair = {frozenset((e.source, e.target)): e for e in edges}
    for cluster in clusters:
        for a, b in combinations(sorted({m.entity for m in cluster}), 2):
            edge = by_pair.get(frozenset((a, b)))
            if edge is None:
                edge = by_pair[frozenset((a, b))] = Edge(a, b, RELATIONS["co"])
                edges.append(edge)
            edge.evidence.append(sources.evidence(cluster[0].iri))
    return edges


def view_of(graph: Graph, comention: str = "sentence") -> View:
    """Every entity of the graph and the relations between them, with their evidence.

    ``comention`` is ``"sentence"`` or ``"article"``: how close two mentions must be for
    their entities to count as co-mentioned.
    """
    nodes = _entity_nodes(graph)
    sources = _Sources(graph, [m for m in _mentions(graph) if m.entity in nodes])
    for m in sources.mentions.values():
        nodes[m.entity].evidence.append(sources.evidence(m.iri))
    edges = _merge(_structural_edges(graph, nodes) + _post_edges(graph, nodes, sources))
    clusters = _together(list(sources.mentions.values()), comention)
    return View(nodes, _add_comentions(edges, clusters, sources))


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


def html_page(net: Network, view: View, title: str) -> str:
    """The page: pyvis's data and vis-network in line, in the view template (no remote reference)."""
    env = Environment(loader=FileSystemLoader([str(TEMPLATES), net.template_dir]),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("view.html").render(
        title=title, data={"nodes": net.nodes, "edges": net.edges, "options": net.options},
        legend=_legend(view),
        relations=list(RELATIONS.values()))


def write_view(view: View, path: Path, title: str = "govkg") -> Path:
    """Write one view as a self-contained HTML file."""
    path = Path(path)
    path.write_text(html_page(network(view), view, title), encoding="utf-8")
    return path


def render_view(graph: Graph, path: Path, focus: str | None = None, hops: int = 2,
                kinds: Iterable[str] | None = None, comention: str = "sentence") -> Path:
    """Write the view ``kg viz`` draws: the whole graph, or the neighbourhood of ``focus``."""
    view = focused(view_of(graph, comention), focus, hops, kinds)
    title = f"{focus} · {hops} hops" if focus else "govkg"
    return write_view(view, path, title)


def render_html(graph: Graph, path: Path) -> Path:
    """The whole graph as one HTML file (what ``kg build`` writes as graph.html)."""
    return render_view(graph, path)


def page_writers(graph: Graph) -> dict[str, Callable[[Path], Path]]:
    """For kg.export.write_files: ``graph.html`` (the whole graph) and ``city-<code>.html`` per city."""
    view = view_of(graph)
    cities = sorted(str(c) for c in graph.subjects(GK.level, GK.City) if str(c) in view.nodes)
    writers = {"graph.html": lambda path: write_view(view, path)}
    for city in cities:
        writers[f"city-{city.rsplit('/', 1)[-1]}.html"] = \
            lambda path, city=city: write_view(city_view(view, city), path, view.nodes[city].label)
    return writers


def city_views(graph: Graph, outdir: Path) -> list[Path]:
    """Write the whole graph and one view per city into ``outdir``; the paths written."""
    Path(outdir).mkdir(parents=True, exist_ok=True)
    return [write(Path(outdir) / name) for name, write in page_writers(graph).items()]
