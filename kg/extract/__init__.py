"""Extractors: pure functions from a Document to the Mentions of one kind.

An extractor reads ``doc.text`` (and, if it needs them, ``doc.articles``) and yields
Mentions; it never reads files, the network, or other extractors' output.
Add one by writing a module with a function and one line in ``EXTRACTORS``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.document import Document, Mention
from kg.errors import ExtractionError
from kg.extract.districts import extract_districts
from kg.extract.officials import extract_officials
from kg.extract.persons import extract_persons
from kg.extract.programmes import extract_programmes
from kg.extract.projects import extract_projects

Extractor = Callable[[Document], Iterable[Mention]]

EXTRACTORS: dict[str, Extractor] = {
    "districts": extract_districts,
    "officials": extract_officials,
    "persons": extract_persons,
    "projects": extract_projects,
    "programmes": extract_programmes,
}


def run_extractors(doc: Document, names: Iterable[str] | None = None) -> Document:
    """Run the named extractors (all by default) and store their mentions, sorted, on the document."""
    mentions: list[Mention] = []
    for name in names or EXTRACTORS:
        try:
            found = list(EXTRACTORS[name](doc))
        except Exception as exc:  # name the component that misbehaved, as spaCy does
            raise ExtractionError(f"extractor {name!r} failed on {doc.id}: {exc}") from exc
        for mention in found:
            if doc.text[mention.start:mention.end] != mention.text:
                raise ExtractionError(
                    f"extractor {name!r} gave a mention whose offsets do not match its text "
                    f"in {doc.id}: {mention.text!r} at {mention.start}:{mention.end}")
        mentions.extend(found)
    doc.mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.kind, m.name))
    return doc
