"""pyvis views of the graph: one self-contained HTML file that opens offline."""
from __future__ import annotations

import re
from pathlib import Path

from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, RDFS

from kg.vocab import GK

STYLE = {  # kind: (class, colour, shape)
    "official": (GK.Official, "#d62728", "dot"),
    "person": (GK.Person, "#ff9896", "dot"),
    "district": (GK.District, "#1f77b4", "box"),
    "project": (GK.Project, "#2ca02c", "diamond"),
    "programme": (GK.Programme, "#9467bd", "triangle"),
    "policy": (GK.PolicyDocument, "#c5b0d5", "triangle"),
}
# pyvis links bootstrap from a CDN even with in-line resources (pyvis issues 228, 229)
_REMOTE_TAG = re.compile(r"<(link|script)\b[^>]*https?://[^>]*>(\s*</script>)?", re.S)


def _nodes(graph: Graph) -> dict[URIRef, tuple[str, str]]:
    """Entity IRI → (label, kind) for every entity of a drawn kind."""
    nodes = {}
    for kind, (cls, _, _) in STYLE.items():
        for node in graph.subjects(RDF.type, cls):
            nodes[node] = (str(graph.value(node, RDFS.label) or node), kind)
    return nodes


def _edges(graph: Graph, nodes: dict) -> set[tuple[URIRef, URIRef, str]]:
    edges = {(s, o, "part of") for s, o in graph.subject_objects(GK.partOf)}
    edges |= {(s, o, "located in") for s, o in graph.subject_objects(GK.locatedIn)}
    for official, post in graph.subject_objects(ORG.holds):
        for district in graph.objects(post, GK.inDistrict):
            edges.add((official, district, str(graph.value(post, GK.title) or "post")))
    return {e for e in edges if e[0] in nodes and e[1] in nodes}


def network(graph: Graph) -> Network:
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    nodes = _nodes(graph)
    mentions = {n: len(set(graph.objects(n, GK.mentionedIn))) for n in nodes}
    for node, (label, kind) in nodes.items():
        _, colour, shape = STYLE[kind]
        net.add_node(str(node), label=label, title=f"{label} ({kind})", color=colour,
                     shape=shape, size=10 + min(mentions[node], 20))
    for source, target, label in _edges(graph, nodes):
        net.add_edge(str(source), str(target), label=label)
    return net


def render_html(graph: Graph, path: Path) -> Path:
    """Write the graph as one HTML file with vis-network in line and no remote references."""
    html = network(graph).generate_html()
    Path(path).write_text(_REMOTE_TAG.sub("", html), encoding="utf-8")
    return Path(path)
