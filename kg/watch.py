"""Building again whenever a document changes (``kg build --watch``).

One process builds, then waits for the file system to report changes under the inputs
(through watchfiles, which uses inotify, FSEvents or ReadDirectoryChangesW) and builds
again. What a new ``kg build`` process would load again stays loaded: the lexicons and
the segmenter's dictionary, the cache entries' heads and the keys of unchanged files. A
rebuild therefore costs the changed documents, the resolution over the whole set and the
writing of the outputs.
"""
from __future__ import annotations

import gc
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path

from kg.cache import DocumentCache
from kg.errors import GovkgError
from kg.ingest import SUFFIXES, find_documents
from kg.pipeline import BuildSummary, build, output_cache, process_document

#: Milliseconds without further changes before a batch of changes starts a rebuild.
SETTLE_MS = 20
#: A sentence with a post, a township and a programme: processing it loads every resource.
WARM_UP_TEXT = "3月1日，县委书记王明到城关镇调研乡村振兴工作。\n"
#: Milliseconds the watcher waits for a first change before it lets the first build start.
IDLE_MS = 100


class DocumentFilter:
    """Which changed paths can change a build: documents a folder input gives (by suffix, not
    hidden), files named as inputs, and nothing inside the output folder."""

    def __init__(self, inputs: Sequence[str | Path], outdir: Path):
        self.folders = [Path(p).resolve() for p in inputs if Path(p).is_dir()]
        self.files = {Path(p).resolve() for p in inputs if not Path(p).is_dir()}
        self.outdir = Path(outdir).resolve()

    def __call__(self, change: object, path: str) -> bool:
        path = Path(path).resolve()
        if path in self.files:
            return True
        if path.is_relative_to(self.outdir) or path.suffix.lower() not in SUFFIXES:
            return False
        return any(path.is_relative_to(folder) and not _hidden(path.relative_to(folder))
                   for folder in self.folders)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def watched_folders(inputs: Sequence[str | Path]) -> list[Path]:
    """The folders to watch: folder inputs, and the folders holding file inputs (an editor
    that saves by renaming a new file over the old one replaces the file itself)."""
    folders = {Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in inputs}
    return sorted(f for f in folders if not any(f.is_relative_to(other) and f != other for other in folders))


def changes(inputs: Sequence[str | Path], outdir: Path,
            stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """The documents changed, added or removed, a batch at a time, until ``stop`` is set (Ctrl-C
    raises KeyboardInterrupt). The first batch is empty and comes once watching has begun, so
    that a change made while the build it starts runs is not missed."""
    import watchfiles  # only a watching build needs it

    begun = False
    for batch in watchfiles.watch(*watched_folders(inputs), watch_filter=DocumentFilter(inputs, outdir),
                                  step=SETTLE_MS, rust_timeout=IDLE_MS, yield_on_timeout=True,
                                  stop_event=stop):
        if batch or not begun:
            yield {Path(path) for _, path in batch}
        begun = True


def watch(inputs: Sequence[str | Path], outdir: Path, report: Callable[[BuildSummary | GovkgError], None], *,
          stop: threading.Event | None = None, use_cache: bool = True, **options) -> None:
    """Build, then build again after each batch of changed documents, until ``stop`` is set (or
    KeyboardInterrupt, which leaves the outputs of the last whole build). ``report`` gets each
    build's summary, or the error that stopped it: watching goes on, so that the file at fault
    can be mended. ``options`` are :func:`kg.pipeline.build`'s.
    """
    find_documents(inputs)  # inputs that do not exist cannot be watched: say so at once
    with ExitStack() as stack:
        cache = output_cache(outdir) if use_cache else DocumentCache(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-watch-")))
        for number, changed in enumerate(changes(inputs, outdir, stop)):
            cache.forget(changed)
            try:
                report(build(inputs, outdir, cache=cache, **options))
            except GovkgError as exc:
                report(exc)
            if number == 0:
                _load_extraction_resources()
            _spare_the_collector()


def _load_extraction_resources() -> None:
    """Process a sentence, so that the segmenter's dictionary and the lexicons are loaded in this
    process before the first edit (a first build from the cache or in worker processes loads none)."""
    with tempfile.TemporaryDirectory(prefix="kg-watch-") as folder:
        sample = Path(folder) / "sample.txt"
        sample.write_text(WARM_UP_TEXT, encoding="utf-8")
        process_document(sample)


def _spare_the_collector() -> None:
    """Collect the garbage of the build just done, then exempt what lives on (the lexicons, the
    cache's entries) from later collections, which would otherwise go through all of it again
    and again during the next build (about a tenth of a rebuild at 100 documents)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
