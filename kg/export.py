"""Writing exports: all files of a build appear together or not at all."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import GraphError
from kg.query import load_graph
from kg.vocab import PREFIXES

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


def export_writers(graph: Graph, dataset: Dataset) -> dict[str, Writer]:
    """Writers for graph.ttl, graph.nt, graph.jsonld and graph.trig, for :func:`write_files`."""
    def writer(source: Graph | Dataset, fmt: str) -> Writer:
        return lambda path: Path(path).write_bytes(serialize(source, fmt))
    return {f"graph.{fmt}": writer(dataset if fmt == "trig" else graph, fmt) for fmt in EXPORT_FORMATS}


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
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
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
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
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
