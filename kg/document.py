"""The central record: a document, its articles, and the mentions found in it.

Every stage after reading adds to or reads from these records; nothing else
carries text between stages. Offsets always refer to ``Document.text`` (the
normalised text), so ``doc.text[m.start:m.end] == m.text`` holds for every mention.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("official", "person", "district", "project", "programme")


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

    - official: ``posts``, a list of ``{"title", "org", "org_start", "org_end"}``
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
        left = max(self.text.rfind(ch, 0, start) for ch in "。！？\n") + 1
        stops = [i for i in (self.text.find(ch, end) for ch in "。！？\n") if i != -1]
        right = min(stops) + 1 if stops else len(self.text)
        return left, right

    def sentence_text(self, mention: Mention) -> str:
        start, end = self.sentence_at(mention.start, mention.end)
        return self.text[start:end].strip()
