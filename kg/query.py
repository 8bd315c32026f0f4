"""SPARQL over a built graph, with the ontology's prefixes predeclared."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.errors import GraphError, QueryError
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")


def load_graph(path: Path) -> Graph:
    """Parse a Turtle (or N-Triples) graph file."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file; run `kg build` first or pass --graph")
    graph = Graph()
    try:
        graph.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    except Exception as exc:
        raise GraphError(f"{path}: not a valid graph file ({exc})") from exc
    return graph


def query_text(query: str) -> str:
    """The SPARQL text of QUERY: inline, a ``.rq`` file, or ``-`` for stdin."""
    if query == "-":
        return sys.stdin.read()
    if query.endswith(".rq"):
        return Path(query).read_text(encoding="utf-8")
    return query


def run_query(graph: Graph, sparql: str) -> Result:
    try:
        return graph.query(sparql, initNs=PREFIXES)
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from exc


def _table(result: Result) -> str:
    header = [str(v) for v in result.vars]
    rows = [["" if v is None else str(v) for v in row] for row in result]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in rows]
    return "\n".join(lines) + "\n"


def _tsv(result: Result) -> str:
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join("" if v is None else v.n3() for v in row) for row in result]
    return "\n".join(lines) + "\n"


def format_result(result: Result, fmt: str = "table") -> str:
    """A result in one of FORMATS (json and csv as in the SPARQL 1.1 results formats)."""
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n" if fmt in ("table",) else \
            result.serialize(format="json" if fmt == "json" else "csv").decode("utf-8")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    if fmt == "table":
        return _table(result)
    if fmt == "tsv":
        return _tsv(result)
    buffer = io.BytesIO()
    result.serialize(buffer, format=fmt)
    return buffer.getvalue().decode("utf-8")
