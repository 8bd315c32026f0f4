"""Shared fixtures: small documents written in the tests, and paths to the seeds and the gold."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import Document, Mention

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "gold"


def mention(doc: Document, surface: str, kind: str, name: str | None = None, nth: int = 0, **attrs) -> Mention:
    """A mention of the ``nth`` occurrence of ``surface`` in ``doc``, with correct offsets."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(surface, start + 1)
    return Mention(start, start + len(surface), kind, surface, name or surface, "test", dict(attrs))


@pytest.fixture
def make_doc():
    """Build a Document from text written in the test."""
    def make(text: str, doc_id: str = "test.txt") -> Document:
        return Document(id=doc_id, text=text, source=doc_id)
    return make


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/eval/gold is not beside the checkout")
    return GOLD
