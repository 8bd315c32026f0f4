"""Writing exports: all files of a build appear together or not at all."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
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
from kg.graph import Statement
from kg.query import load_graph
from kg.vocab import ENTITY_BASE, PREFIXES, bind_prefixes

Writer = Callable[[Path], object]


def _write_to_disk(write: Writer, path: Path) -> None:
    """Run ``write``, then have the kernel start putting the file on disk, here in the writer's
    thread. Otherwise ext4 does it when the file is renamed over the one it replaces, one file
    after another: at 100 documents that was a sixth of a rebuild."""
    write(path)
    if hasattr(os, "posix_fadvise"):  # not on macOS or Windows
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)  # we will not read it back
        finally:
            os.close(descriptor)


def write_files(outdir: Path, writers: Mapping[str, Writer] | Iterable[tuple[str, Writer]],
                threads: int = 1) -> list[Path]:
    """Run each writer into a temporary folder, then move every file into ``outdir``.

    A writer that fails leaves ``outdir`` exactly as it was. With ``threads`` > 1 the writers
    run side by side, each started as it is taken from ``writers`` (which may be a generator
    that does other work between them): Oxigraph releases the GIL while it writes, and so does
    the writing of bytes, so their files cost little beside the ones Python makes.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=outdir))
    try:
        names, running = [], []
        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            for name, write in (writers.items() if isinstance(writers, Mapping) else writers):
                names.append(name)
                running.append(pool.submit(_write_to_disk, write, staging / name))
            for started in running:
                started.result()
        moved = []
        for name in names:
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


#: The syntaxes each graph of a build is serialised in, once, where it is made: Turtle without
#: ``@prefix`` lines (graph.ttl, and graph.trig in braces); N-Triples (graph.nt, shards) in two
#: parts, the statements about a document, its articles and its mentions, which no other
#: document makes ("nt"), and the rest, which another may make too ("nt-shareable"); and
#: JSON-LD node objects without the enclosing brackets (graph.jsonld).
SYNTAXES = ("ttl", "nt", "nt-shareable", "jsonld")
_DOCUMENT_OWN = tuple(f"{ENTITY_BASE}{kind}/" for kind in ("doc", "article", "mention"))


@dataclass(frozen=True)
class Serialized:
    """The statements of one graph in each of SYNTAXES, and the graph's IRI (None for the
    default graph): the form in which a build carries, caches and writes each document's
    statements. Every output file is these laid end to end, so a rebuild copies what did
    not change instead of serialising it again."""

    graph: str | None
    syntaxes: Mapping[str, bytes]

    def ntriples(self) -> bytes:
        return self.syntaxes["nt"] + self.syntaxes["nt-shareable"]


def turtle_prefixes() -> str:
    """The ``@prefix`` lines Oxigraph writes above Turtle or TriG, one per prefix it is given."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())


def _syntaxes(triples: list[ox.Triple]) -> dict[str, bytes]:
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    own = [t.subject.value.startswith(_DOCUMENT_OWN) for t in triples]
    return {"ttl": turtle.split(b"\n", len(PREFIXES))[-1],
            "nt": ox.serialize([t for t, mine in zip(triples, own) if mine], format=ox.RdfFormat.N_TRIPLES),
            "nt-shareable": ox.serialize([t for t, mine in zip(triples, own) if not mine],
                                         format=ox.RdfFormat.N_TRIPLES),
            "jsonld": jsonld.removeprefix(b"[").removesuffix(b"]")}


def serialized(statements: Iterable[Statement]) -> list[Serialized]:
    """Statements as one :class:`Serialized` per run of statements in the same graph."""
    return [Serialized(graph.value if isinstance(graph, ox.NamedNode) else None,
                       _syntaxes([ox.Triple(s, p, o) for s, p, o, _ in run]))
            for graph, run in groupby(statements, key=lambda statement: statement[3])]


def union_store(graphs: Iterable[Serialized]) -> ox.Store:
    """An in-memory Oxigraph store whose default graph holds the union of ``graphs``."""
    store = ox.Store()
    store.bulk_load(input=b"".join(g.ntriples() for g in graphs), format=ox.RdfFormat.N_TRIPLES)
    return store


def _write_turtle(graphs: Iterable[Serialized], path: Path) -> None:
    """One Turtle file: each graph's statements under a comment naming the document that makes
    them. A statement two documents make appears twice, and is one triple to a reader."""
    with open(path, "wb") as out:
        out.write(turtle_prefixes().encode())
        for g in graphs:
            out.write(b"\n# " + (g.graph or "shared").encode() + b"\n" + g.syntaxes["ttl"])


def _write_trig(graphs: Iterable[Serialized], path: Path) -> None:
    """Each graph's block under one set of prefixes: one named graph per document, and the default graph."""
    with open(path, "wb") as out:
        out.write(turtle_prefixes().encode())
        for g in graphs:
            body = g.syntaxes["ttl"]
            out.write(body if g.graph is None else b"<" + g.graph.encode() + b"> {\n" + body + b"}\n")


def _write_ntriples(graphs: Iterable[Serialized], path: Path) -> int:
    """Each triple once, in document order; the number of triples."""
    seen: set[bytes] = set()
    written = 0
    with open(path, "wb") as out:
        for g in graphs:
            own = g.syntaxes["nt"]
            out.write(own)
            written += own.count(b"\n")
            for line in g.syntaxes["nt-shareable"].splitlines(keepends=True):
                if line not in seen:
                    seen.add(line)
                    out.write(line)
                    written += 1
    return written


def _write_jsonld(graphs: Iterable[Serialized], path: Path) -> None:
    """JSON-LD: the node objects of every graph (one subject may have several, which a JSON-LD
    processor merges), under the ontology's prefixes as ``@context`` so it can compact them."""
    with open(path, "wb") as out:
        out.write(b'{"@context": ' + json.dumps(jsonld_context()).encode() + b', "@graph": [')
        separator = b""
        for g in graphs:
            if part := g.syntaxes["jsonld"]:
                out.write(separator + part)
                separator = b",\n"
        out.write(b"]}\n")


class RdfExport:
    """Writers of a build's graph.ttl, graph.nt, graph.jsonld (with the ontology's prefixes as its
    context) and graph.trig (one named graph per document) for :func:`write_files`, from the
    build's graphs in order; the same input gives the same bytes. Writing graph.nt counts the
    distinct triples."""

    def __init__(self, graphs: Sequence[Serialized]):
        self.graphs = graphs
        self.triples = 0

    def _count_ntriples(self, path: Path) -> None:
        self.triples = _write_ntriples(self.graphs, path)

    def writers(self) -> dict[str, Writer]:
        return {"graph.ttl": lambda path: _write_turtle(self.graphs, path),
                "graph.nt": self._count_ntriples,
                "graph.jsonld": lambda path: _write_jsonld(self.graphs, path),
                "graph.trig": lambda path: _write_trig(self.graphs, path)}


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
