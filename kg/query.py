"""SPARQL over a built graph: query text, saved queries, bound values, result formats.

Queries run on :class:`kg.store.Store` (Oxigraph) with the ontology's prefixes
predeclared. User values enter as bindings (``--bind name=value``), never by editing
the query text. Results print in the SPARQL 1.1 results formats (JSON, XML, CSV,
TSV) or as a table; CONSTRUCT and DESCRIBE print Turtle.

The saved queries (kg/queries) are written for Oxigraph, whose substitutions pre-bind a
variable but whose plans are made without knowing it. A bound name reaches the graph
through ``STRLANG(?name, "zh")`` (labels are ``@zh``), and ``LATERAL`` (SPARQL 1.2 draft,
SEP-0006; also in Jena) makes the rest start from what it found. Names of many entities
are joined from one pass over ``rdfs:label``: the in-memory store looks a pattern up along
the shorter of its subject's and its predicate's statements, and a much-mentioned entity
has thousands (its ``gk:mentionedIn``).
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import NamespaceManager
from rdflib.term import Node
from rdflib.util import from_n3

from kg.errors import GraphError, QueryError
from kg.store import Result, Store
from kg.vocab import PREFIXES, bind_prefixes

FORMATS = ("table", "csv", "tsv", "json", "xml")
BIND_HELP = ("NAME=VALUE fixes ?NAME (a variable the SELECT lists) to VALUE: plain text is a "
             "string literal (小店区); \"text\"@zh or \"5\"^^xsd:integer a typed literal; <IRI> or "
             "prefix:name (gk:City, id:district/140105) an IRI. Repeat for several.")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):[^\s<>\"]*$")
QUERIES_DIR = Path(__file__).parent / "queries"
_SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
Row = Sequence[ox.NamedNode | ox.BlankNode | ox.Literal | None]


def load_graph(path: Path, graph: Graph | None = None) -> Graph:
    """Parse a graph file (Turtle, N-Triples, TriG, N-Quads, JSON-LD by suffix) into ``graph`` or a new Graph."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file; run `kg build` first or pass --graph")
    formats = {".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".nq": "nquads"}
    graph = Graph() if graph is None else graph
    try:
        graph.parse(path, format=formats.get(path.suffix, "turtle"))
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise GraphError(f"{path}: not a valid graph file ({exc})") from exc
    return graph


# ---------------------------------------------------------------- query text and saved queries


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[str, ...]
    text: str


def _saved_query(name: str, text: str) -> SavedQuery:
    lines = text.splitlines()
    description = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
    params = tuple(line.split(":", 1)[0].removeprefix("# param").strip()
                   for line in lines if line.startswith("# param "))
    return SavedQuery(name, description, params, text)


def saved_queries(folder: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """The queries of a folder (those shipped in kg/queries by default), by name (the file name without .rq)."""
    return {f.stem: _saved_query(f.stem, f.read_text(encoding="utf-8"))
            for f in sorted(Path(folder).glob("*.rq"))}


def format_saved(queries: dict[str, SavedQuery]) -> str:
    width = max(len(name) for name in queries)
    lines = []
    for q in queries.values():
        params = " ".join(f"--bind {p}=…" for p in q.params)
        lines.append(f"{q.name:<{width}}  {q.description}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines) + "\n"


def query_text(query: str) -> str:
    """The SPARQL of QUERY: a saved query's name, a ``.rq`` file, ``-`` for stdin, or inline text."""
    if query == "-":
        return sys.stdin.read()
    saved = saved_queries()
    if query in saved:
        return saved[query].text
    if query.endswith(".rq"):
        if not Path(query).is_file():
            raise QueryError(f"{query}: no such query file; `kg query --list` shows the saved queries")
        return Path(query).read_text(encoding="utf-8")
    return query


# ---------------------------------------------------------------- bindings


def _namespaces() -> NamespaceManager:
    return bind_prefixes(Graph(bind_namespaces="none")).namespace_manager


def parse_value(text: str) -> Node:
    """An RDF term from ``--bind`` syntax (see BIND_HELP); anything else is a plain string."""
    prefixed = _PREFIXED.match(text)
    if text.startswith("<") and text.endswith(">") or (prefixed and prefixed[1] in PREFIXES):
        return from_n3(text, nsm=_namespaces())
    if text.startswith('"'):
        try:
            term = from_n3(text, nsm=_namespaces())
        except Exception as exc:  # from_n3 raises several types on a bad literal
            raise QueryError(f"cannot read the literal {text}: write \"text\"@zh or \"5\"^^xsd:integer") from exc
        if isinstance(term, Literal):
            return term
    return Literal(text)


def parse_bindings(pairs: Iterable[str]) -> dict[str, Node]:
    """``["district=小店区", ...]`` → {"district": Literal("小店区"), ...}."""
    bindings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"--bind {pair}: write NAME=VALUE, e.g. --bind district=小店区")
        bindings[name] = parse_value(value)
    return bindings


def run_query(store: Store, sparql: str, bindings: dict[str, Node] | None = None) -> Result:
    return store.query(sparql, bindings)


def answer(query: str, graph: Path, bind: Sequence[str] = (), fmt: str = "table") -> str:
    """The formatted result of QUERY (see :func:`query_text`) on a graph file, with ``--bind`` pairs."""
    bindings = parse_bindings(bind)
    sparql = query_text(query)
    return format_result(run_query(Store.from_file(graph), sparql, bindings), fmt)


# ---------------------------------------------------------------- result formats


def _short(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace) and prefix != "id":
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return term.value if isinstance(term, ox.Literal) else str(term)


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(names: list[str], rows: list[Row]) -> str:
    cells = [[_short(term).replace("\n", " ") for term in row] for row in rows]
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(_pad(n, w) for n, w in zip(names, widths)).rstrip()]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    result = {"type": "literal", "value": term.value}
    if term.language:
        result["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        result["datatype"] = term.datatype.value
    return result


def _json(names: list[str], rows: list[Row]) -> str:
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"


def _xml_term(parent: ET.Element, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
    kind = _json_term(term)
    element = ET.SubElement(parent, {"uri": "uri", "bnode": "bnode", "literal": "literal"}[kind["type"]])
    element.text = kind["value"]
    if "xml:lang" in kind:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", kind["xml:lang"])
    if "datatype" in kind:
        element.set("datatype", kind["datatype"])


def _xml_root(names: list[str]) -> ET.Element:
    ET.register_namespace("", _SPARQL_RESULTS)
    root = ET.Element(f"{{{_SPARQL_RESULTS}}}sparql")
    head = ET.SubElement(root, f"{{{_SPARQL_RESULTS}}}head")
    for name in names:
        ET.SubElement(head, f"{{{_SPARQL_RESULTS}}}variable", name=name)
    return root


def _xml(names: list[str], rows: list[Row]) -> str:
    root = _xml_root(names)
    results = ET.SubElement(root, f"{{{_SPARQL_RESULTS}}}results")
    for row in rows:
        result = ET.SubElement(results, f"{{{_SPARQL_RESULTS}}}result")
        for name, term in zip(names, row):
            if term is not None:
                _xml_term(ET.SubElement(result, f"{{{_SPARQL_RESULTS}}}binding", name=name), term)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _xml_boolean(answer: bool) -> str:
    root = _xml_root([])
    ET.SubElement(root, f"{{{_SPARQL_RESULTS}}}boolean").text = "true" if answer else "false"
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _csv(names: list[str], rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([["" if t is None else str(t) if isinstance(t, ox.BlankNode) else t.value
                       for t in row] for row in rows])
    return buffer.getvalue()


def _tsv(names: list[str], rows: list[Row]) -> str:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def _boolean(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt == "xml":
        return _xml_boolean(answer)
    return ("true" if answer else "false") + "\n"


_SOLUTION_FORMATS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}


def solution_rows(result: ox.QuerySolutions, max_rows: int | None = None) -> tuple[list[str], list[Row]]:
    """The variable names and the rows of a SELECT result (at most ``max_rows``)."""
    names = [v.value for v in result.variables]
    rows = [tuple(solution[n] for n in names) for solution in itertools.islice(result, max_rows)]
    return names, rows


def format_result(result: Result, fmt: str = "table", max_rows: int | None = None) -> str:
    """A result as text: FORMATS for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(result, ox.QueryBoolean):
        return _boolean(bool(result), fmt)
    if isinstance(result, ox.QueryTriples):
        return turtle(itertools.islice(result, max_rows))
    return format_rows(*solution_rows(result, max_rows), fmt)


def format_rows(names: list[str], rows: list[Row], fmt: str = "table") -> str:
    """SELECT rows (from :func:`solution_rows`) in one of FORMATS."""
    return _SOLUTION_FORMATS[fmt](names, rows)


def turtle(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")


__all__ = ["FORMATS", "BIND_HELP", "SavedQuery", "load_graph", "saved_queries", "format_saved",
           "query_text", "parse_value", "parse_bindings", "run_query", "answer", "solution_rows", "format_rows",
           "format_result", "turtle"]
