"""One N-Triples file per document, for bulk loading into any triple store.

A build carries each document's statements as N-Triples (:class:`kg.export.GraphText`),
made from the document alone; they go to ``<document id>.nt``, and the statements that
hold regardless of any document (an entity's type, label, district code) to
``_shared.nt``. Loading every file of the folder gives the same graph as ``graph.ttl``;
reloading one file replaces what one document says.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from kg.export import GraphText, write_files

SHARED = "_shared.nt"


def shard_name(doc_id: str | None) -> str:
    """The file a document's statements go to (document ids end in .txt or .md, never clash with SHARED)."""
    return SHARED if doc_id is None else quote(doc_id, safe="") + ".nt"


def write_shards(doc_ids: Sequence[str | None], graphs: Sequence[GraphText], folder: Path) -> Path:
    """Write each document's statements (``None``: the shared ones) into ``folder`` and remove
    ``.nt`` files of documents no longer built."""
    names = [shard_name(doc_id) for doc_id in doc_ids]
    write_files(folder, {name: (lambda path, g=graph: path.write_text(g.ntriples, encoding="utf-8"))
                         for name, graph in zip(names, graphs, strict=True)})
    for stale in set(p.name for p in folder.glob("*.nt")) - set(names):
        (folder / stale).unlink()
    return folder
