"""The exceptions govkg raises. Each message says what went wrong and where.

    GovkgError
    ├── InputError          a document cannot be read (missing, binary, empty, bad encoding)
    ├── ExtractionError     an extractor misbehaved on a document
    ├── GraphError          a graph file is missing or does not parse
    └── QueryError          a SPARQL query is malformed or cannot run

The CLI prints ``Error: <message>`` for any of them and exits with ``exit_code``.
"""
from __future__ import annotations


class GovkgError(Exception):
    exit_code = 1


class InputError(GovkgError):
    exit_code = 2


class ExtractionError(GovkgError):
    exit_code = 3


class GraphError(GovkgError):
    exit_code = 4


class QueryError(GovkgError):
    exit_code = 5
