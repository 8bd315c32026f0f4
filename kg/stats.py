"""Counts per class and per property of a built graph."""
from __future__ import annotations

from rdflib import Graph

from kg.vocab import bind_prefixes

_CLASSES = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) ?class"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p"


def _short(graph: Graph, iri) -> str:
    return graph.namespace_manager.normalizeUri(iri)


def counts(graph: Graph) -> dict[str, list[tuple[str, int]]]:
    """{"classes": [(class, instances)], "properties": [(property, triples)], "triples": [("all", n)]}."""
    bind_prefixes(graph)
    return {
        "classes": [(_short(graph, r[0]), int(r[1])) for r in graph.query(_CLASSES)],
        "properties": [(_short(graph, r[0]), int(r[1])) for r in graph.query(_PROPERTIES)],
        "triples": [("all", len(graph))],
    }


def format_counts(table: dict[str, list[tuple[str, int]]]) -> str:
    lines = []
    for section, rows in table.items():
        lines.append(f"{section}:")
        lines += [f"  {name:<28}{n:>8}" for name, n in rows]
    return "\n".join(lines) + "\n"
