"""General resources, loaded once per process and never tied to particular documents.

- ``divisions``: China's administrative divisions (province → county) with codes,
  parents, short forms and a matcher for their names in text.
- ``posts``: post titles and organisation suffixes.
- ``surnames`` and ``names``: surname lists and person-name helpers.
"""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_lines(name: str) -> list[str]:
    """The non-blank, non-comment lines of a file in ``kg/lexicon/data``."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
