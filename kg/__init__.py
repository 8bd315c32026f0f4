"""govkg: knowledge graphs of officials, districts, projects and programmes from Chinese
local-government documents.

The public API is small; everything else lives in modules named for their stage:
read (``kg.ingest``) → extract (``kg.extract``) → resolve (``kg.resolve``) → graph
(``kg.graph``) → export, query, render (``kg.export``, ``kg.query``, ``kg.viz``).
"""
from kg.document import Article, Document, Mention
from kg.errors import ExtractionError, GovkgError, GraphError, InputError, QueryError

__version__ = "0.1.0"

__all__ = [
    "Article", "Document", "Mention",
    "GovkgError", "InputError", "ExtractionError", "GraphError", "QueryError",
    "__version__",
]
