"""One N-Triples file per document, for bulk loading into any triple store.

A build carries each document's statements as a :class:`kg.export.Serialized`, made from
the document alone; they go to ``<document id>.nt``, and the statements that hold
regardless of any document (an entity's type, label, district code) to ``_shared.nt``.
Loading every file of the folder gives the same graph as ``graph.ttl``; reloading one
file replaces what one document says.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.export import Serialized, write_files
from kg.vocab import ENTITY_BASE

SHARED = "_shared.nt"
_DOCUMENTS = ENTITY_BASE + "doc/"


def shard_name(graph: str | None) -> str:
    """The file a graph's statements go to: the document's id as its IRI writes it (so ids
    with ``/`` stay one file name), or SHARED for the default graph."""
    return SHARED if graph is None else graph.removeprefix(_DOCUMENTS) + ".nt"


def write_shards(graphs: Sequence[Serialized], folder: Path) -> Path:
    """Write each graph into its file in ``folder`` and remove ``.nt`` files of documents no longer built."""
    names = [shard_name(graph.graph) for graph in graphs]
    write_files(folder, {name: (lambda path, g=graph: path.write_bytes(g.ntriples()))
                         for name, graph in zip(names, graphs, strict=True)})
    for stale in set(p.name for p in folder.glob("*.nt")) - set(names):
        (folder / stale).unlink()
    return folder
