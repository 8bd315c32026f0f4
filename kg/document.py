"""The central record: a document, its articles, and the mentions found in it.

Every stage after reading adds to or reads from these records; nothing else
carries text between stages. Offsets always refer to ``Document.text`` (the
normalised text), so ``doc.text[m.start:m.end] == m.text`` holds for every mention.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

KINDS = ("official", "person", "district", "project", "programme")
_SENTENCE_BREAK = re.compile("[。！？\n]")


@dataclass
class Article:
    """A stretch of a document that reads as one piece: a news item, a speech."""

    start: int
    end: int
    title: str = ""
    date: str | None = None  # ISO date (YYYY-MM-DD) when the text states one


@dataclass
class Mention:
    """A span of a document's text that names an entity of one kind.

    ``name`` is the normalised name (a full district name, a name without spaces).
    ``attrs`` holds what the extractor read around the name, by kind:

    - official: ``posts``, a list of ``{"title", "org", "org_start", "org_end", "relative"}``
      (``relative``: the level character of an organisation named relative to the document,
      市 of 市委, which resolution reads as the document's own city)
    - person: ``role`` (记者, 摄影, 作者, ...)
    - district: ``level`` and ``codes`` (candidate national codes, may be empty)
    - project, programme: nothing required

    ``key`` is the entity key that resolution gives the mention; extractors leave it None.
    """

    start: int
    end: int
    kind: str
    text: str
    name: str
    extractor: str
    attrs: dict[str, Any] = field(default_factory=dict)
    key: str | None = None


@dataclass
class Document:
    """One input file: its normalised text, where it came from, and what was found in it."""

    id: str  # the file's base name, e.g. ``004_717968dfa11fc193.txt``
    text: str
    source: str = ""  # the path it was read from
    title: str = ""
    date: str | None = None
    articles: list[Article] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def article_at(self, offset: int) -> Article | None:
        """The article holding a character offset, if the document was split into any."""
        for article in self.articles:
            if article.start <= offset < article.end:
                return article
        return None

    def sentence_at(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The bounds of the sentence around ``start`` (to ``end``), for evidence."""
        end = start if end is None else end
        breaks = self._sentence_breaks()
        before, after = bisect_left(breaks, start), bisect_left(breaks, end)
        left = breaks[before - 1] + 1 if before else 0
        right = breaks[after] + 1 if after < len(breaks) else len(self.text)
        return left, right

    def _sentence_breaks(self) -> list[int]:
        """The offsets of the characters that end a sentence, computed once per text. Kept in the
        instance's ``__dict__``, not a field: neither serialised (kg.cache) nor compared."""
        cached = self.__dict__.get("_breaks")
        if cached is None or cached[0] is not self.text:
            breaks = [match.start() for match in _SENTENCE_BREAK.finditer(self.text)]
            cached = self.__dict__["_breaks"] = (self.text, breaks)
        return cached[1]

    def sentence_text(self, mention: Mention) -> str:
        start, end = self.sentence_at(mention.start, mention.end)
        return self.text[start:end].strip()


class Spans:
    """Mentions in text order, found by offset: a bisect over their starts, so that a lookup
    reads the few mentions near an offset rather than all of a document's. Lists come back
    in the order the mentions were given; given out of order, every lookup reads them all."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions = list(mentions)
        self._starts = [m.start for m in self.mentions]
        self._ordered = all(a <= b for a, b in zip(self._starts, self._starts[1:]))
        self.longest = max((m.end - m.start for m in self.mentions), default=0)

    def overlapping(self, lo: int, hi: int) -> list[Mention]:
        """The mentions touching ``[lo, hi)``: starting before ``hi`` and ending after ``lo``."""
        return [m for m in self._window(lo - self.longest + 1, hi) if m.start < hi and m.end > lo]

    def starting_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start in ``[lo, hi)``."""
        return [m for m in self._window(lo, hi) if lo <= m.start < hi]

    def _window(self, lo: int, hi: int) -> list[Mention]:
        if not self._ordered:
            return self.mentions
        return self.mentions[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]
