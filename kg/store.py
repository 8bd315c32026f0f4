"""The graph store: an in-memory Oxigraph store behind a small interface.

Load a graph file (or an rdflib graph), run SPARQL with the ontology's prefixes
predeclared and values bound through substitutions, count triples. rdflib stays the
API for building and serialising graphs; Oxigraph answers the queries (GROUP BY and
regex FILTER on 1 M triples: 0.09 s here, 6.8 s in rdflib's own engine).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError, QueryError
from kg.vocab import PREFIXES

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
           ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def oxigraph_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term equal to an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    raise QueryError(f"cannot bind {term!r}: give an IRI, a prefixed name or a literal")


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its suffix."""
    try:
        return FORMATS[Path(path).suffix.lower()]
    except KeyError:
        raise GraphError(f"{path}: unknown graph format; use one of {', '.join(FORMATS)}") from None


def syntax_message(exc: SyntaxError, sparql: str) -> str:
    """Oxigraph's parse error as 'line L, column C: ...' with the offending line and a caret."""
    match = _POSITION.match(str(exc))
    if match is None:
        return f"syntax error: {exc}"
    line, column, detail = int(match[1]), int(match[2]), match[3].split("\n")[0]
    lines = sparql.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return (f"syntax error at line {line}, column {column}: {detail}\n"
            f"  {text}\n  {' ' * max(column - 1, 0)}^")


class Store:
    """An in-memory Oxigraph store. Named graphs (from TriG) are queried as one default graph."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self._store = ox.Store() if store is None else store

    @classmethod
    def from_file(cls, path: str | Path) -> Store:
        path = Path(path)
        if not path.is_file():
            raise GraphError(f"{path}: no such graph file; run `kg build` first or pass --graph")
        store = cls()
        try:
            store._store.bulk_load(path=str(path), format=rdf_format(path))
        except (SyntaxError, ValueError) as exc:
            raise GraphError(f"{path}: not a valid graph file ({exc})") from exc
        return store

    @classmethod
    def from_graph(cls, graph: Graph) -> Store:
        store = cls()
        data = graph.serialize(format="nt", encoding="utf-8")
        store._store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return store

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run SPARQL; ``bindings`` (SELECT only) fix projected variables to values."""
        substitutions = {ox.Variable(name): oxigraph_term(value) for name, value in (bindings or {}).items()}
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                     substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(syntax_message(exc, sparql)) from exc
        except (RuntimeError, OSError, ValueError) as exc:
            raise QueryError(_runtime_message(exc, bindings)) from exc


def _runtime_message(exc: Exception, bindings: Mapping[str, Node] | None) -> str:
    if bindings and "projection" in str(exc):
        return (f"{exc}: --bind only fixes variables a SELECT query lists after SELECT; "
                "add them to the projection")
    return f"query failed: {exc}"


__all__ = ["Store", "Result", "FORMATS", "oxigraph_term", "rdf_format", "syntax_message"]
