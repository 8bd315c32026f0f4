"""One N-Triples file per document, for bulk loading into any triple store.

:func:`kg.graph.statements` gives each document's statements in the document's named
graph and those that hold regardless of any document (an entity's type, label, district
code) in the default graph; a document's go to ``<document id>.nt``, the rest to
``_shared.nt``. Loading every file of the folder gives the same graph as ``graph.ttl``;
reloading one file replaces what one document says.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kg.export import write_files
from kg.graph import DEFAULT, node, statements
from kg.resolve import Resolution

SHARED = "_shared.nt"


def shard_name(doc_id: str | None) -> str:
    """The file a document's statements go to (document ids end in .txt or .md, never clash with SHARED)."""
    return SHARED if doc_id is None else quote(doc_id, safe="") + ".nt"


def shard_triples(result: Resolution) -> dict[str, list[ox.Triple]]:
    """The triples of each shard file, by file name, in the order of :func:`kg.graph.statements`."""
    names = {node("doc", doc.id): shard_name(doc.id) for doc in result.documents}
    names[DEFAULT] = SHARED
    shards: dict[str, list[ox.Triple]] = defaultdict(list)
    for s, p, o, graph in statements(result):
        shards[names[graph]].append(ox.Triple(s, p, o))
    return shards


def write_shards(result: Resolution, folder: Path) -> Path:
    """Write the shard files into ``folder`` and remove ``.nt`` files of documents no longer built."""
    shards = shard_triples(result)
    write_files(folder, {name: (lambda path, t=triples: ox.serialize(t, str(path), format=ox.RdfFormat.N_TRIPLES))
                         for name, triples in shards.items()})
    for stale in set(p.name for p in folder.glob("*.nt")) - set(shards):
        (folder / stale).unlink()
    return folder
