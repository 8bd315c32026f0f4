"""Chinese surnames (the 百家姓 plus common modern ones), loaded once per process.

The list lives in ``data/surnames.txt``; its header says where it comes from.
"""
from __future__ import annotations

from functools import lru_cache

from kg.lexicon import data_lines


@lru_cache(maxsize=1)
def _all_surnames() -> frozenset[str]:
    return frozenset(w for line in data_lines("surnames.txt") for w in line.split())


@lru_cache(maxsize=1)
def single_surnames() -> frozenset[str]:
    """One-character surnames."""
    return frozenset(s for s in _all_surnames() if len(s) == 1)


@lru_cache(maxsize=1)
def compound_surnames() -> frozenset[str]:
    """Two-character surnames such as 欧阳 or 司马."""
    return frozenset(s for s in _all_surnames() if len(s) == 2)


def surname_at(text: str, index: int) -> str | None:
    """The surname starting at ``text[index]``, preferring a compound one, or None."""
    if text[index:index + 2] in compound_surnames():
        return text[index:index + 2]
    if text[index:index + 1] in single_surnames():
        return text[index]
    return None

