"""Writing exports: all files of a build appear together or not at all."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.errors import GraphError
from kg.graph import Quad, iri, new_graph
from kg.query import load_graph
from kg.store import oxigraph_term
from kg.vocab import PREFIXES, bind_prefixes

Writer = Callable[[Path], object]


def write_files(outdir: Path, writers: Mapping[str, Writer]) -> list[Path]:
    """Run each writer into a temporary folder, then move every file into ``outdir``.

    A writer that fails leaves ``outdir`` exactly as it was.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=outdir))
    try:
        for name, write in writers.items():
            write(staging / name)
        moved = []
        for name in writers:
            os.replace(staging / name, outdir / name)
            moved.append(outdir / name)
        return moved
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ---------------------------------------------------------------- formats: graph.ttl, .nt, .jsonld, .trig

EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context of the exports: the ontology's prefixes."""
    return dict(PREFIXES)


def serialize(graph: Graph | Dataset, fmt: str) -> bytes:
    """A graph in one of EXPORT_FORMATS; TriG needs a Dataset (named graphs), the others a Graph."""
    if fmt not in EXPORT_FORMATS:
        raise GraphError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if (fmt == "trig") != isinstance(graph, Dataset):
        raise GraphError("TriG needs the build's dataset (one named graph per document), "
                         "the other formats a plain graph")
    options = {"context": jsonld_context(), "auto_compact": True} if fmt == "jsonld" else {}
    return graph.serialize(format=EXPORT_FORMATS[fmt], encoding="utf-8", **options)


class _Terms(dict):
    """rdflib terms → Oxigraph terms, each converted once (terms repeat a lot)."""

    def __missing__(self, node: Node):
        self[node] = converted = oxigraph_term(node)
        return converted


def _sorted_triples(graph: Graph, terms: _Terms) -> Iterator[ox.Triple]:
    """The graph's triples as Oxigraph terms, in N-Triples text order, one subject at a time.

    A fixed order makes the same graph give the same bytes whatever order rdflib holds it in;
    going subject by subject keeps only one subject's triples in memory.
    """
    for subject in sorted(set(graph.subjects()), key=lambda node: str(terms[node])):
        pairs = [(terms[p], terms[o]) for p, o in graph.predicate_objects(subject)]
        for p, o in sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1]))):
            yield ox.Triple(terms[subject], p, o)


def _write_trig(quads: Iterable[Quad], path: Path) -> Path:
    """Each document's statements in the document's named graph, the rest in the default graph.

    An in-memory Oxigraph store drops repeated statements and writes them in its own fixed
    order, holding the quads in Rust rather than as Python objects.
    """
    terms, store = _Terms(), ox.Store()
    store.bulk_extend(ox.Quad(terms[s], terms[p], terms[o], terms[iri("doc", doc)] if doc else ox.DefaultGraph())
                      for s, p, o, doc in quads)
    store.dump(str(path), format=ox.RdfFormat.TRIG,
               prefixes=PREFIXES)
    return Path(path)


def _write_oxigraph(statements: Iterable, path: Path, fmt: ox.RdfFormat) -> Path:
    ox.serialize(statements, str(path), format=fmt,
                 prefixes=PREFIXES)
    return Path(path)


def _from_turtle(turtle: Path, path: Path, fmt: ox.RdfFormat, head: bytes = b"", tail: bytes = b"") -> Path:
    """Convert a Turtle file written by :func:`write_turtle` to another syntax, streaming in
    Oxigraph, so the triples keep its order and are never all in memory at once."""
    with open(path, "wb") as out:
        out.write(head)
        ox.serialize(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE), out, format=fmt)
        out.write(tail)
    return Path(path)


def _jsonld_from_turtle(turtle: Path, path: Path) -> Path:
    """JSON-LD: Oxigraph writes expanded nodes; they go under the ontology's prefixes as
    ``@context`` so a JSON-LD processor can compact them."""
    head = b'{"@context": ' + json.dumps(jsonld_context()).encode() + b', "@graph": '
    return _from_turtle(turtle, path, ox.RdfFormat.JSON_LD, head, b"}\n")


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write ``graph`` as Turtle through Oxigraph: tens of times faster than rdflib's serializer."""
    return _write_oxigraph(_sorted_triples(graph, _Terms()), path, ox.RdfFormat.TURTLE)


def rdf_writers(graph: Graph, quads: Iterable[Quad]) -> dict[str, Writer]:
    """Writers of a build's graph.ttl, graph.nt, graph.jsonld (with the ontology's prefixes as
    its context) and graph.trig (one named graph per document), for :func:`write_files`.

    All go through Oxigraph in a fixed order, so the same graph gives the same bytes; N-Triples
    and JSON-LD are converted from the Turtle file, which is written first beside them.
    """
    def beside(name: str, path: Path) -> Path:
        return Path(path).with_name(name)
    return {
        "graph.ttl": lambda path: write_turtle(graph, path),
        "graph.nt": lambda path: _from_turtle(beside("graph.ttl", path), path, ox.RdfFormat.N_TRIPLES),
        "graph.jsonld": lambda path: _jsonld_from_turtle(beside("graph.ttl", path), path),
        "graph.trig": lambda path: _write_trig(quads, path),
    }


def load_dataset(path: Path) -> Dataset:
    """A graph file as a Dataset: TriG and N-Quads keep their named graphs, the rest land in the default graph."""
    if Path(path).suffix in (".trig", ".nq"):
        return load_graph(path, Dataset())
    dataset = Dataset()
    for triple in load_graph(path):
        dataset.default_graph.add(triple)
    return dataset


def flatten(dataset: Dataset) -> Graph:
    """Every triple of every graph of a dataset, as one graph with the ontology's prefixes."""
    graph = new_graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def convert(source: Path, fmt: str) -> bytes:
    """A graph file in another export format. TriG only from TriG/N-Quads: a Turtle graph has
    lost which document said what, so `kg build` writes graph.trig itself."""
    dataset = load_dataset(source)
    if fmt != "trig":
        return serialize(flatten(dataset), fmt)
    if not any(g.identifier != DATASET_DEFAULT_GRAPH_ID for g in dataset.graphs() if len(g)):
        raise GraphError(f"{source} has no per-document graphs to write as TriG; use the graph.trig "
                         "that `kg build` writes beside graph.ttl")
    bind_prefixes(dataset)
    return serialize(dataset, "trig")


# ---------------------------------------------------------------- push to a SPARQL 1.1 Graph Store


_PUSH_MEDIA = {".ttl": "text/turtle", ".nt": "application/n-triples"}


def graph_store_url(endpoint: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol URL of a graph: ``?graph=IRI``, or ``?default`` without one."""
    target = urlencode({"graph": graph_iri}) if graph_iri else "default"
    return endpoint + ("&" if "?" in endpoint else "?") + target


def push(path: Path, endpoint: str, graph_iri: str | None = None, replace: bool = True,
         timeout: float = 60.0) -> int:
    """Send a graph file to a Graph Store endpoint (PUT replaces the graph, POST adds to it); the HTTP status."""
    path = Path(path)
    media = _PUSH_MEDIA.get(path.suffix)
    if media is None or not path.is_file():  # other formats, and the missing-file message, go through rdflib
        body, media = serialize(flatten(load_dataset(path)), "nt"), "application/n-triples"
    else:
        body = path.read_bytes()
    request = Request(graph_store_url(endpoint, graph_iri), data=body, method="PUT" if replace else "POST",
                      headers={"Content-Type": media})
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.status
    except HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:300]
        raise GraphError(f"{endpoint} refused the graph ({exc.code}: {detail.strip()}); check that it is "
                         "a Graph Store endpoint (Oxigraph: http://HOST:7878/store) and writable") from exc
    except (URLError, OSError) as exc:
        raise GraphError(f"cannot reach {endpoint} ({exc}); is the store running?") from exc
