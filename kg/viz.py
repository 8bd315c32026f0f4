"""pyvis views of the graph: self-contained HTML files that open from disk, offline.

A :class:`~kg.view.View` is what one page draws (kg/view.py reads it from the store);
:func:`neighbourhood`, :func:`only_kinds` and :func:`city_view` narrow it; :func:`write_view`
renders it through pyvis with vis-network in line and the page's own search, kind filters and
evidence panel (kg/templates/view.html); :func:`page_writers` writes the whole graph and a page
per city, drawing each node and edge once for all of them (a :class:`Drawing`).
Document text only ever reaches the page as JSON data that the page puts into the DOM with
``textContent``, so markup in a document never runs.
"""
from __future__ import annotations

import importlib.util
import json
import math
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.utils import htmlsafe_json_dumps

from kg.errors import GraphError
from kg.store import Store
from kg.view import (KINDS, RELATIONS, Edge, Evidence, Kind, Node, View, ViewRows, merge_rows,
                     view_from_rows, view_of, view_rows)

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

TEMPLATES = Path(__file__).parent / "templates"
LARGE = 1000  # above this many nodes the layout is computed here and physics stays off
MAX_EVIDENCE = 12  # sentences kept per node or edge; the count of all is kept too


# ---------------------------------------------------------------- narrowing a view


def find_nodes(view: View, name: str) -> list[str]:
    """Ids of the nodes named ``name`` (label or alias); a GraphError if there are none."""
    found = [k for k, n in view.nodes.items() if name == n.label or name in n.aliases]
    if found:
        return found
    near = sorted({n.label for n in view.nodes.values() if name in n.label})[:10]
    hint = f"; did you mean {', '.join(near)}?" if near else "; `kg query` lists entity labels"
    raise GraphError(f"no entity named {name!r} in the graph{hint}")


def _within(neighbours: Mapping[str, set[str]], centres: Iterable[str], hops: int) -> set[str]:
    """The nodes within ``hops`` edges of any centre (``neighbours`` as :meth:`View.neighbours`)."""
    keep = frontier = set(centres)
    for _ in range(hops):
        frontier = {other for node in frontier for other in neighbours.get(node, ())} - keep
        keep = keep | frontier
    return keep


def neighbourhood(view: View, centres: Iterable[str], hops: int = 2) -> View:
    """The nodes within ``hops`` edges of any centre, and the edges among them."""
    return view.subview(_within(view.neighbours(), centres, hops))


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
    return _city_views(view, [city])[city]


def _city_views(view: View, cities: Iterable[str]) -> dict[str, View]:
    """The :func:`city_view` of each city, the view's edges gone through once for all."""
    children: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges:
        if edge.relation == RELATIONS["part"]:
            children[edge.target].append(edge.source)
    neighbours = view.neighbours()
    return {city: view.subview(_within(neighbours, _below(children, city), hops=1)) for city in cities}


def _below(children: Mapping[str, list[str]], city: str) -> set[str]:
    """The city and every district below it."""
    members, todo = {city}, [city]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in members:
                members.add(child)
                todo.append(child)
    return members


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
    import networkx as nx  # see View.nx_graph

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
    for e in dict.fromkeys(evidence):  # the same sentence as a post's source and as a co-mention: keep the first
        unique.setdefault((e.text, e.doc, e.date), e)
        if len(unique) == MAX_EVIDENCE:
            break
    return [e._asdict() for e in unique.values()]


def _node_part(node: Node) -> dict:
    """A node's page dict but for its size."""
    style = KINDS[node.kind]
    head = f"{node.label} · {style.name_zh} {node.kind} · {len(node.evidence)} mentions"
    return {"id": node.id, "label": node.label, "kind": node.kind, "color": style.colour,
            "shape": style.shape, "title": _tooltip(head, node.evidence), "aliases": node.aliases,
            "mentions": len(node.evidence), "evidence": _evidence_json(node.evidence)}


def _edge_part(edge: Edge, nodes: dict[str, Node]) -> dict:
    """An edge's page dict but for its id."""
    co = edge.relation == RELATIONS["co"]
    head = f"{nodes[edge.source].label} — {edge.relation} — {nodes[edge.target].label}"
    return {"from": edge.source, "to": edge.target, "label": edge.relation,
            "relation": edge.relation, "arrows": "" if co else "to", "dashes": co,
            "color": {"color": "#bbbbbb" if co else "#666666"},
            "title": _tooltip(head, edge.evidence), "count": len(edge.evidence),
            "evidence": _evidence_json(edge.evidence)}


def _json(value: object) -> str:
    """``value`` as JSON text that is safe inside a <script> element (as jinja2's tojson writes it)."""
    return str(htmlsafe_json_dumps(value))


def _open_json(part: dict) -> str:
    """The JSON text of a node's or edge's page dict without its closing brace: each page adds
    the member that depends on it (a node's size, an edge's id) and closes it."""
    return _json(part)[:-1]


class Drawing:
    """The page dicts of a view's nodes and edges, and their JSON text, made once for the pages of
    the view and of the views narrowed from it (which hold the same Node and Edge objects). What
    depends on the page is added per page: an edge's id (its index there), a node's size (from its
    degree there when it has no evidence)."""

    def __init__(self, view: View):
        self._view = view  # keeps its edges alive, whose ids key their dicts
        self.nodes = {node.id: _node_part(node) for node in view.nodes.values()}
        self.edges = {id(edge): _edge_part(edge, view.nodes) for edge in view.edges}
        self._node_json = {key: _open_json(part) for key, part in self.nodes.items()}
        self._edge_json = {key: _open_json(part) for key, part in self.edges.items()}

    def node_dicts(self, view: View) -> list[dict]:
        return [{**self.nodes[key], "size": size} for key, size in _sizes(view).items()]

    def edge_dicts(self, view: View) -> list[dict]:
        return [{**self.edges[id(edge)], "id": i} for i, edge in enumerate(view.edges)]

    def nodes_json(self, view: View) -> str:
        """The JSON text of :meth:`node_dicts`."""
        return _json_array(f'{self._node_json[key]}, "size": {json.dumps(size)}}}'
                           for key, size in _sizes(view).items())

    def edges_json(self, view: View) -> str:
        """The JSON text of :meth:`edge_dicts`."""
        return _json_array(f'{self._edge_json[id(edge)]}, "id": {i}}}' for i, edge in enumerate(view.edges))


def _json_array(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _sizes(view: View) -> dict[str, float]:
    """Each node's size on the page of ``view``: from its mentions, or its degree there if none."""
    degree = _degrees(view)
    return {key: min(12 + 4 * math.sqrt(len(node.evidence) or degree[key]), 48) for key, node in view.nodes.items()}


def _degrees(view: View) -> Counter[str]:
    """How many neighbours each node has, a loop counting twice (networkx's degree of a Graph)."""
    return Counter({key: len(others) + (key in others) for key, others in view.neighbours().items()})


def _options(large: bool) -> dict:
    physics = ({"enabled": False} if large else
               {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300, "fit": True}})
    return {"physics": physics, "layout": {"improvedLayout": False},
            "nodes": {"font": {"face": "Noto Sans CJK SC, Noto Sans CJK, sans-serif"}},
            "edges": {"font": {"size": 10, "align": "middle", "color": "#555555"},
                      "smooth": False if large else {"type": "continuous"}},
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large}}


def page_data(view: View, large: int = LARGE, drawing: Drawing | None = None) -> dict:
    """What a page hands vis-network: nodes, edges and options; positions are computed here when
    the view has more than ``large`` nodes. ``drawing`` is of this view or of one it was narrowed
    from (by default, one is made)."""
    drawing = drawing or Drawing(view)
    nodes, big = drawing.node_dicts(view), len(view.nodes) > large
    if big:
        where = positions(view)
        for node in nodes:
            node["x"], node["y"] = where[node["id"]]
    return {"nodes": nodes, "edges": drawing.edge_dicts(view), "options": _options(big)}


def _page_data_json(view: View, drawing: Drawing) -> str:
    """The JSON text of :func:`page_data`, from the drawing's JSON text of nodes and edges."""
    if len(view.nodes) > LARGE:  # positions take seconds: no need to spare the JSON of dicts
        return _json(page_data(view, drawing=drawing))
    return (f'{{"edges": {drawing.edges_json(view)}, "nodes": {drawing.nodes_json(view)}, '
            f'"options": {_json(_options(False))}}}')


def network(view: View, large: int = LARGE, drawing: Drawing | None = None) -> Network:
    """The pyvis Network of a view, for notebooks and other pyvis users (see :func:`page_data`)."""
    from pyvis.network import Network  # with what it imports (networkx, IPython), 0.15 s: pages need none of it

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    data = page_data(view, large, drawing)
    net.nodes, net.edges, net.options = data["nodes"], data["edges"], data["options"]  # pyvis add_edge is quadratic
    return net


def _legend(view: View) -> list[dict]:
    counts = Counter(node.kind for node in view.nodes.values())
    return [{"kind": kind, "name_zh": style.name_zh, "colour": style.colour,
             "shape": style.shape, "count": counts[kind]} for kind, style in KINDS.items() if counts[kind]]


def _pyvis_templates() -> Path:
    """pyvis's template folder, with the vis-network it bundles, found without importing pyvis."""
    return Path(importlib.util.find_spec("pyvis").submodule_search_locations[0]) / "templates"


@lru_cache(maxsize=1)
def _template() -> Template:
    """The view template, compiled once: it takes in all of vis-network, which is slow to lex."""
    env = Environment(loader=FileSystemLoader([str(TEMPLATES), str(_pyvis_templates())]),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("view.html")


def _page_text(data_json: str, view: View, title: str) -> Iterator[str]:
    """The page in pieces: ``data_json``, the JSON text of the view's :func:`page_data`, and
    vis-network in line, in the view template (no remote reference)."""
    return _template().generate(title=title, data_json=data_json, legend=_legend(view),
                                relations=list(RELATIONS.values()))


def html_page(data: dict, view: View, title: str) -> str:
    """The page: the view's :func:`page_data` and vis-network in line, in the view template (no
    remote reference)."""
    return "".join(_page_text(_json(data), view, title))


def write_view(view: View, path: Path, title: str = "govkg", drawing: Drawing | None = None) -> Path:
    """Write one view as a self-contained HTML file (``drawing`` as for :func:`network`)."""
    path = Path(path)
    pieces = _page_text(_page_data_json(view, drawing or Drawing(view)), view, title)
    path.write_bytes(b"".join(piece.encode() for piece in pieces))  # the JSON, most of the page, stays ASCII
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


def page_writers(rows: ViewRows) -> dict[str, Callable[[Path], Path]]:
    """For kg.export.write_files: ``graph.html`` (the whole graph) and ``city-<code>.html`` per city.
    Nodes and edges are drawn here, once for all pages; the writers may run in threads."""
    view = view_from_rows(rows)
    drawing = Drawing(view)
    cities = sorted({city for city, in rows.cities} & set(view.nodes))
    writers = {"graph.html": lambda path: write_view(view, path, drawing=drawing)}
    for city, narrowed in _city_views(view, cities).items():
        title = view.nodes[city].label
        writers[f"city-{city.rsplit('/', 1)[-1]}.html"] = (
            lambda path, narrowed=narrowed, title=title: write_view(narrowed, path, title, drawing))
    return writers


def city_views(store: Store, outdir: Path) -> list[Path]:
    """Write the whole graph and one view per city into ``outdir``; the paths written."""
    Path(outdir).mkdir(parents=True, exist_ok=True)
    return [write(Path(outdir) / name) for name, write in page_writers(view_rows(store)).items()]


__all__ = ["KINDS", "RELATIONS", "LARGE", "MAX_EVIDENCE", "Kind", "Evidence", "Node", "Edge", "View",
           "ViewRows", "Drawing", "view_rows", "merge_rows", "view_from_rows", "view_of", "find_nodes",
           "neighbourhood", "only_kinds", "focused", "city_view", "positions", "page_data", "network", "html_page",
           "write_view", "render_view", "render_html", "page_writers", "city_views"]
