"""The build: read → extract → resolve → graph → write (RDF, HTML pages, JSON Lines).

Each step is a function the CLI and the tests call directly. Extraction is a pure
function of one file (:func:`extract_document`), and so is everything the outputs say
about that document alone: its entities, its record, its statements in every export
syntax and its rows of the page view (:func:`process_document`). That runs in parallel
processes, on a Dask cluster, or not at all when the document cache already holds it.
Resolution across documents (mentions of one key in several documents are one entity,
named by its first document, with the aliases of all) always runs again over the whole
set, as do the statements it gives; each output is then the documents' parts laid end
to end with those, so a rebuild copies what did not change.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from tqdm import tqdm

from kg.cache import DocumentCache, Processed
from kg.document import Document
from kg.errors import GovkgError, InputError
from kg.export import RdfExport, Serialized, Writer, serialized, write_files
from kg.extract import run_extractors
from kg.graph import Statement, document_statements, shared_statements
from kg.ingest import find_documents, read_document
from kg.records import keyed_record, named_record
from kg.resolve import Resolution, merge, resolve, resolve_document
from kg.segment import clear_cache
from kg.shards import write_shards
from kg.store import Store
from kg.view import ViewRows, merge_rows, view_rows
from kg.viz import page_writers

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTDIR = Path("exports")
CACHE_DIR = ".cache"  # inside the output folder
EXECUTORS = ("processes", "dask")
#: From this many documents a build shows a progress bar even when stderr is not a terminal.
MANY_DOCUMENTS = 100


@dataclass
class BuildSummary:
    documents: int
    mentions: int
    entities: Counter
    triples: int
    seconds: float
    outputs: list[Path] = field(default_factory=list)
    cached: int = 0  # documents taken from the cache instead of extracted
    skipped: list[str] = field(default_factory=list)  # why each unreadable file was skipped
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.entities.items()))
        stages = ", ".join(f"{stage} {s:.1f}" for stage, s in self.timings.items())
        return ([f"documents: {self.documents} ({self.cached} from cache)", f"mentions: {self.mentions}",
                 f"entities: {kinds}", f"triples: {self.triples}",
                 f"seconds: {self.seconds:.1f} ({stages})" if stages else f"seconds: {self.seconds:.1f}"]
                + [f"skipped {reason}" for reason in self.skipped]
                + [f"wrote {p}" for p in self.outputs])


@dataclass
class Extraction:
    """The files a build processed (in input order) and what it could not read."""

    processed: list[Processed]
    skipped: list[InputError] = field(default_factory=list)
    cached: int = 0


def extract_document(path: Path) -> Document:
    """Read one file and run every extractor on it: a pure function of the file's content."""
    clear_cache()
    return run_extractors(read_document(path))


def _view_rows(statements: list[Statement]) -> ViewRows:
    """The page view's rows of some statements."""
    store = ox.Store()
    store.extend(ox.Quad(s, p, o) for s, p, o, _ in statements)
    return view_rows(Store(store))


def process_document(path: Path) -> Processed:
    """Extract one file and make everything the build's outputs say of it alone (entity keys
    depend on the document alone), so this runs wherever extraction runs and is cached."""
    doc = extract_document(path)
    result = resolve_document(doc)
    statements = list(document_statements(result))
    [rdf] = serialized(statements)
    return Processed(doc.id, len(doc.mentions), [e.summary() for e in result.entities.values()],
                     keyed_record(result, doc), _view_rows(statements).to_json(), rdf)


def _process_or_error(path: Path) -> Processed | InputError:
    """The processed document, or the InputError saying why the file cannot be read."""
    try:
        return process_document(path)
    except InputError as exc:
        return exc


def default_jobs() -> int:
    """The number of cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def show_progress(documents: int) -> bool:
    """Whether extracting this many documents earns a progress bar: on a terminal, or when there are many."""
    return documents > 1 and (sys.stderr.isatty() or documents >= MANY_DOCUMENTS)


def _map_processes(paths: Sequence[Path], jobs: int) -> Iterator[Processed | InputError]:
    if jobs <= 1 or len(paths) <= 1:
        yield from map(_process_or_error, paths)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        yield from pool.map(_process_or_error, paths)


def _map_dask(paths: Sequence[Path], jobs: int) -> Iterator[Processed | InputError]:
    """Extraction as a dask.bag map, on the default scheduler (a distributed Client if one is set up)."""
    try:
        import dask
        import dask.bag
    except ImportError:
        raise GovkgError("the dask executor needs Dask; pip install 'govkg[dask]'") from None
    bag = dask.bag.from_sequence(paths, npartitions=max(1, min(len(paths), 4 * jobs)))
    scheduler = None if dask.config.get("scheduler", None) else "processes"
    yield from bag.map(_process_or_error).compute(scheduler=scheduler, num_workers=jobs)


_MAPPERS = {"processes": _map_processes, "dask": _map_dask}


def _processed(paths: Sequence[Path], jobs: int, executor: str, progress: bool) -> list[Processed | InputError]:
    if executor not in _MAPPERS:
        raise GovkgError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    mapper = _MAPPERS[executor]
    with tqdm(total=len(paths), unit="doc", disable=not progress, file=sys.stderr) as bar:
        out = []
        for result in mapper(paths, jobs):
            out.append(result)
            bar.update()
        return out


def _cached(paths: Sequence[Path], cache: DocumentCache) -> tuple[list[str | None], dict[int, Processed]]:
    """Each file's cache key, and the entries the cache holds, by position."""
    keys = [cache.key(p) for p in paths]
    found = {}
    for i, key in enumerate(keys):
        if key and (item := cache.get(key)) is not None:
            found[i] = item
    return keys, found


def extract_all(paths: Sequence[Path], cache: DocumentCache, *, jobs: int = 1, skip_bad: bool = False,
                executor: str = "processes", progress: bool = False) -> Extraction:
    """Process every file (:func:`process_document`), taking unchanged ones from ``cache`` and the
    rest in ``jobs`` processes; what the build goes on with is what the cache then holds, so that
    a document's statements are read from disk when written, not kept in memory.

    An unreadable file raises its InputError unless ``skip_bad``, which records it and goes on.
    """
    keys, results = _cached(paths, cache)
    cached = len(results)
    missing = [i for i in range(len(paths)) if i not in results]
    results.update(zip(missing, _processed([paths[i] for i in missing], jobs, executor, progress)))
    skipped = [r for r in results.values() if isinstance(r, InputError)]
    if skipped and not skip_bad:
        raise InputError(f"{skipped[0]} (or pass --skip-bad to build from the other documents)")
    for i in missing:
        if keys[i] and isinstance(results[i], Processed):
            results[i] = cache.put(keys[i], results[i])
    cache.prune({k for k in keys if k})
    processed = [results[i] for i in range(len(paths)) if isinstance(results[i], Processed)]
    return Extraction(processed, skipped, cached=cached)


def extract_documents(inputs: Sequence[str | Path]) -> list[Document]:
    return [extract_document(path) for path in find_documents(inputs)]


def analyse(inputs: Sequence[str | Path]) -> Resolution:
    """Documents read, extracted and resolved into entities and facts."""
    return resolve(extract_documents(inputs))


def jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def output_cache(outdir: Path) -> DocumentCache:
    """The document cache a build into ``outdir`` keeps."""
    return DocumentCache(Path(outdir) / CACHE_DIR)


@contextmanager
def _document_cache(outdir: Path, use_cache: bool, cache: DocumentCache | None) -> Iterator[DocumentCache]:
    """``cache`` if given, else the one inside ``outdir``; without ``use_cache``, one that is
    gone after the build."""
    if cache is not None:
        yield cache
    elif use_cache:
        yield output_cache(outdir)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-build-") as folder:
            yield DocumentCache(folder)


def _shared(result: Resolution) -> tuple[list[Serialized], ViewRows]:
    """The statements that hold regardless of documents (no graph when there are none), and
    their rows of the page view."""
    statements = list(shared_statements(result))
    return serialized(statements), _view_rows(statements)


def _outputs(rdf: RdfExport, rows: ViewRows, records: list[dict],
             timings: dict[str, float]) -> Iterator[tuple[str, Writer]]:
    """Each output file's writer, timed by stage. The RDF files come first, so that they are
    being written while the pages' view is drawn here from ``rows``."""
    def timed(stage: str, write: Writer) -> Writer:
        def run(path: Path) -> None:
            with _timed(timings, stage):
                write(path)
        return run
    for name, write in rdf.writers().items():
        yield name, timed(name.removeprefix("graph."), write)
    with _timed(timings, "html"):
        pages = page_writers(rows)
    for name, write in pages.items():
        yield name, timed("html", write)
    yield "entities.jsonl", timed("jsonl", lambda path: path.write_text(jsonl(records), encoding="utf-8"))


def build(inputs: Sequence[str | Path] = (DEFAULT_INPUT,), outdir: Path = DEFAULT_OUTDIR, *,
          jobs: int | None = None, use_cache: bool = True, skip_bad: bool = False,
          executor: str = "processes", progress: bool = False, shards: Path | None = None,
          cache: DocumentCache | None = None) -> BuildSummary:
    """Build the graph from documents and write it (graph.ttl, .nt, .jsonld, .trig), its HTML pages
    (graph.html and one per city) and entities.jsonl, all or nothing.

    ``jobs`` processes extract (default: one per core); documents unchanged since the last
    build into ``outdir`` come from its cache unless ``use_cache`` is False; ``progress``
    allows a progress bar on stderr (shown by :func:`show_progress`); ``shards`` names a
    folder for one N-Triples file per document; ``cache``, one kept from an earlier build in
    this process (see :mod:`kg.watch`).
    """
    started, timings, jobs, outdir = time.perf_counter(), {}, jobs or default_jobs(), Path(outdir)
    with _document_cache(outdir, use_cache, cache) as cache:
        with _timed(timings, "documents"):
            paths = find_documents(inputs)
            extraction = extract_all(paths, cache, jobs=jobs, skip_bad=skip_bad, executor=executor,
                                     progress=progress and show_progress(len(paths)))
            processed = extraction.processed
        with _timed(timings, "resolve"):
            result = merge(item.resolution() for item in processed)
            records = [named_record(item.record, result.entities) for item in processed]
        with _timed(timings, "graph"):
            shared, shared_rows = _shared(result)
            graphs = [item.rdf for item in processed] + shared
        rdf, rows = RdfExport(graphs), merge_rows([shared_rows] + [ViewRows.from_json(item.view) for item in processed])
        # the writers run side by side, so stage times overlap
        outputs = write_files(outdir, _outputs(rdf, rows, records, timings), threads=jobs)
        if shards is not None:
            with _timed(timings, "shards"):
                outputs.append(write_shards(graphs, Path(shards)))
    return BuildSummary(
        documents=len(processed),
        mentions=sum(item.mentions for item in processed),
        entities=Counter(e.kind for e in result.entities.values()),
        triples=rdf.triples,
        seconds=time.perf_counter() - started,
        outputs=outputs,
        cached=extraction.cached,
        skipped=[str(exc) for exc in extraction.skipped],
        timings=timings,
    )
