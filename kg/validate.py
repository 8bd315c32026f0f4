"""SHACL validation of a built graph against ontology/shapes.ttl (``kg validate``).

The ontology is mixed into the data before validating, so subclasses meet their
superclasses' shapes (an official is a person) and the district levels are checked too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.query import load_graph
from kg.vocab import bind_prefixes

ONTOLOGY_DIR = Path(__file__).parent / "ontology"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"


@dataclass
class Violation:
    focus: str  # the node that fails, shortened with the ontology's prefixes where one fits
    path: str
    message: str
    severity: str = "Violation"

    def line(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        head = "conforms" if self.conforms else f"does not conform: {len(self.violations)} results"
        return "\n".join([head] + [v.line() for v in self.violations]) + "\n"


def _short(graph: Graph, node: object) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return graph.namespace_manager.normalizeUri(node)
    return str(node)


def _violations(results: Graph) -> list[Violation]:
    bind_prefixes(results)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        found.append(Violation(
            focus=_short(results, results.value(result, SH.focusNode)),
            path=_short(results, results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            severity=severity.split("#")[-1] if severity else "Violation"))
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))


def validate(graph: Graph, shapes: Path = SHAPES) -> Report:
    """Validate a graph with pySHACL: conforms, and one Violation per failing node and path."""
    import pyshacl  # here, not at the top: importing it costs every kg command a tenth of a second

    ontology = Graph().parse(ONTOLOGY_DIR / "govkg.ttl", format="turtle")
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=Graph().parse(shapes, format="turtle"), ont_graph=ontology,
        inference="none", allow_warnings=True)
    return Report(bool(conforms), _violations(results))


def validate_file(path: Path, shapes: Path = SHAPES) -> Report:
    return validate(load_graph(path), shapes)


__all__ = ["Report", "Violation", "validate", "validate_file", "SHAPES"]
