"""One N-Triples file per document, for bulk loading into any triple store.

:func:`kg.graph.quads` tags every statement with its document; a document's statements
go to ``<document id>.nt``, statements that hold regardless of any document (an
entity's type, label, district code) to ``_shared.nt``. Loading every file of the
folder gives the same graph as ``graph.ttl``; reloading one file replaces what one
document says.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.term import Node

from kg.export import write_files
from kg.graph import Quad, quads
from kg.resolve import Resolution
from kg.store import oxigraph_term

SHARED = "_shared.nt"


def shard_name(doc_id: str | None) -> str:
    """The file a document's statements go to (document ids end in .txt or .md, never clash with SHARED)."""
    return SHARED if doc_id is None else quote(doc_id, safe="") + ".nt"


def ntriples(triples: set[tuple[Node, Node, Node]]) -> str:
    """N-Triples text of a set of triples, lines sorted so that equal sets give equal bytes."""
    lines = (f"{ox.Triple(*map(oxigraph_term, triple))} .\n" for triple in triples)
    return "".join(sorted(lines))


def shard_triples(statements: Iterable[Quad]) -> dict[str, set[tuple[Node, Node, Node]]]:
    """The triples of each shard file, by file name."""
    shards: dict[str, set[tuple[Node, Node, Node]]] = defaultdict(set)
    for s, p, o, doc_id in statements:
        shards[shard_name(doc_id)].add((s, p, o))
    return shards


def write_shards(result: Resolution, folder: Path) -> Path:
    """Write the shard files into ``folder`` and remove ``.nt`` files of documents no longer built."""
    shards = shard_triples(quads(result))
    write_files(folder, {name: (lambda path, t=triples: path.write_text(ntriples(t), encoding="utf-8"))
                         for name, triples in shards.items()})
    for stale in set(p.name for p in folder.glob("*.nt")) - set(shards):
        (folder / stale).unlink()
    return folder
