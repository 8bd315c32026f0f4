"""The build: read → extract → resolve → graph → write (Turtle, HTML, JSON Lines).

Each step is a function the CLI and the tests call directly.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.document import Document
from kg.export import write_files
from kg.extract import run_extractors
from kg.graph import build_graph
from kg.ingest import find_documents, read_document
from kg.records import records
from kg.resolve import Resolution, resolve
from kg.viz import render_html

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTDIR = Path("exports")


@dataclass
class BuildSummary:
    documents: int
    mentions: int
    entities: Counter
    triples: int
    seconds: float
    outputs: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.entities.items()))
        return [f"documents: {self.documents}", f"mentions: {self.mentions}",
                f"entities: {kinds}", f"triples: {self.triples}",
                f"seconds: {self.seconds:.1f}"] + [f"wrote {p}" for p in self.outputs]


def extract_document(path: Path) -> Document:
    """Read one file and run every extractor on it: a pure function of the file's content."""
    return run_extractors(read_document(path))


def extract_documents(inputs: Sequence[str | Path]) -> list[Document]:
    return [extract_document(path) for path in find_documents(inputs)]


def analyse(inputs: Sequence[str | Path]) -> Resolution:
    """Documents read, extracted and resolved into entities and facts."""
    return resolve(extract_documents(inputs))


def jsonl(result: Resolution) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(result))


def build(inputs: Sequence[str | Path] = (DEFAULT_INPUT,), outdir: Path = DEFAULT_OUTDIR) -> BuildSummary:
    """Build the graph from documents and write graph.ttl, graph.html and entities.jsonl."""
    started = time.perf_counter()
    result = analyse(inputs)
    graph: Graph = build_graph(result)
    outputs = write_files(Path(outdir), {
        "graph.ttl": lambda path: graph.serialize(path, format="turtle"),
        "graph.html": lambda path: render_html(graph, path),
        "entities.jsonl": lambda path: path.write_text(jsonl(result), encoding="utf-8"),
    })
    return BuildSummary(
        documents=len(result.documents),
        mentions=sum(len(d.mentions) for d in result.documents),
        entities=Counter(e.kind for e in result.entities.values()),
        triples=len(graph),
        seconds=time.perf_counter() - started,
        outputs=outputs,
    )
