"""Writing exports: all files of a build appear together or not at all."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import GraphError
from kg.graph import DEFAULT, Statement
from kg.query import load_graph
from kg.vocab import PREFIXES, bind_prefixes

Writer = Callable[[Path], object]


def write_files(outdir: Path, writers: Mapping[str, Writer], threads: int = 1) -> list[Path]:
    """Run each writer into a temporary folder, then move every file into ``outdir``.

    A writer that fails leaves ``outdir`` exactly as it was. With ``threads`` > 1 the writers
    run side by side: Oxigraph releases the GIL while it writes, so its files cost little
    beside the ones Python writes.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=outdir))
    try:
        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            for running in [pool.submit(write, staging / name) for name, write in writers.items()]:
                running.result()
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


@dataclass(frozen=True)
class GraphText:
    """The statements of one graph as Turtle without its ``@prefix`` lines, and the graph's IRI
    (None for the default graph): the form in which a build carries and caches each document's
    statements. Under :func:`turtle_prefixes` it parses as Turtle; in braces after its IRI it
    is a TriG block."""

    graph: str | None
    turtle: str


def turtle_prefixes() -> str:
    """The ``@prefix`` lines Oxigraph writes above Turtle or TriG, one per prefix it is given."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())


def graph_texts(statements: Iterable[Statement]) -> list[GraphText]:
    """Statements as one :class:`GraphText` per run of statements in the same graph."""
    texts = []
    for graph, run in groupby(statements, key=lambda statement: statement[3]):
        turtle = ox.serialize((ox.Triple(s, p, o) for s, p, o, _ in run), format=ox.RdfFormat.TURTLE,
                              prefixes=PREFIXES).decode("utf-8")
        name = graph.value if isinstance(graph, ox.NamedNode) else None
        texts.append(GraphText(name, turtle.split("\n", len(PREFIXES))[-1]))
    return texts


def union_store(graphs: Iterable[GraphText]) -> ox.Store:
    """An in-memory Oxigraph store whose default graph holds the union of ``graphs``."""
    store = ox.Store()
    text = turtle_prefixes() + "".join(g.turtle for g in graphs)
    store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def _trig_block(graph: GraphText) -> str:
    return graph.turtle if graph.graph is None else f"<{graph.graph}> {{\n{graph.turtle}}}\n"


def _write_trig(graphs: Iterable[GraphText], path: Path) -> Path:
    """Each graph's block under one set of prefixes: one named graph per document, and the default graph."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(turtle_prefixes())
        out.writelines(_trig_block(g) for g in graphs)
    return Path(path)


def _dump(store: ox.Store, path: Path, fmt: ox.RdfFormat, head: bytes = b"", tail: bytes = b"") -> Path:
    """The store's default graph (the union of the build's statements) in one syntax."""
    with open(path, "wb") as out:
        out.write(head)
        store.dump(out, format=fmt, from_graph=DEFAULT, prefixes=PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
        out.write(tail)
    return Path(path)


def _write_jsonld(store: ox.Store, path: Path) -> Path:
    """JSON-LD: Oxigraph writes expanded nodes; they go under the ontology's prefixes as
    ``@context`` so a JSON-LD processor can compact them."""
    head = b'{"@context": ' + json.dumps(jsonld_context()).encode() + b', "@graph": '
    return _dump(store, path, ox.RdfFormat.JSON_LD, head, b"}\n")


def rdf_writers(store: ox.Store, graphs: Iterable[GraphText]) -> dict[str, Writer]:
    """Writers of a build's graph.ttl, graph.nt, graph.jsonld (with the ontology's prefixes as
    its context) from ``store`` (:func:`union_store`), and of graph.trig (one named graph per
    document) from ``graphs``, for :func:`write_files`. The same input gives the same bytes.
    """
    return {
        "graph.ttl": lambda path: _dump(store, path, ox.RdfFormat.TURTLE),
        "graph.nt": lambda path: _dump(store, path, ox.RdfFormat.N_TRIPLES),
        "graph.jsonld": lambda path: _write_jsonld(store, path),
        "graph.trig": lambda path: _write_trig(graphs, path),
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
    graph = bind_prefixes(Graph())
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
