"""Word segmentation behind one small interface.

jieba is the segmenter the project names; rjieba (jieba's dictionary and model in
Rust, the ``fast`` extra) is used instead when it is installed, because it cuts the
same words many times faster. ``KG_SEGMENTER=jieba`` (or :func:`select_backend`)
forces one; both are loaded once per process.

Several extractors segment the same stretches of a document, so results are cached
by text. The pipeline calls :func:`clear_cache` before each document: the cache is
per document, which keeps memory bounded and saves nothing across documents that
happen to repeat each other.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from kg.errors import GovkgError

BACKENDS = ("jieba", "rjieba")
BACKEND_VARIABLE = "KG_SEGMENTER"
_CACHE_SIZE = 8192


class Token(NamedTuple):
    word: str
    start: int
    end: int


class Tagged(NamedTuple):
    word: str
    tag: str
    start: int
    end: int


def _installed(name: str) -> bool:
    """Whether a module can be imported, without importing it (rjieba loads its dictionary then)."""
    return importlib.util.find_spec(name) is not None


@lru_cache(maxsize=1)
def backend() -> str:
    """The backend in use: ``KG_SEGMENTER`` if set, else 'rjieba' when installed, else 'jieba'."""
    chosen = os.environ.get(BACKEND_VARIABLE) or ("rjieba" if _installed("rjieba") else "jieba")
    if chosen not in BACKENDS:
        raise GovkgError(f"{BACKEND_VARIABLE}={chosen!r}: choose one of {', '.join(BACKENDS)}")
    if not _installed(chosen):
        raise GovkgError(f"segmenter {chosen!r} is not installed; pip install 'govkg[fast]' "
                         f"or unset {BACKEND_VARIABLE}")
    return chosen


def select_backend(name: str | None) -> None:
    """Use backend ``name`` from now on, in this process and the worker processes it starts."""
    if name is None:
        os.environ.pop(BACKEND_VARIABLE, None)
    else:
        os.environ[BACKEND_VARIABLE] = name
    backend.cache_clear()
    clear_cache()


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=_CACHE_SIZE)
def _words(text: str, hmm: bool = True) -> tuple[str, ...]:
    if backend() == "rjieba":
        import rjieba

        return tuple(rjieba.cut(text, hmm))
    return tuple(_jieba().lcut(text, HMM=hmm))


@lru_cache(maxsize=_CACHE_SIZE)
def _tagged(text: str) -> tuple[Tagged, ...]:
    if backend() == "rjieba":
        import rjieba

        pairs = rjieba.tag(text)
    else:
        import jieba.posseg

        _jieba()
        pairs = [(p.word, p.flag) for p in jieba.posseg.lcut(text)]
    out, pos = [], 0
    for word, flag in pairs:
        out.append(Tagged(word, flag, pos, pos + len(word)))
        pos += len(word)
    return tuple(out)


def clear_cache() -> None:
    """Forget cached segmentations (the pipeline does this before each document)."""
    _words.cache_clear()
    _tagged.cache_clear()


def cut(text: str, hmm: bool = True) -> list[str]:
    """The words of ``text``, in order; joined they give ``text`` back.

    ``hmm=False`` cuts with the dictionary alone, so words it does not know (most
    personal names) fall apart into characters.
    """
    return list(_words(text, hmm))


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their character offsets."""
    words = _words(text)
    ends = list(accumulate(map(len, words)))
    return list(map(Token._make, zip(words, [0] + ends[:-1], ends)))


def tag(text: str) -> list[Tagged]:
    """Words with part-of-speech tags (jieba's tag set) and offsets.

    Tagging is several times slower than cutting: call it on short spans only.
    """
    return list(_tagged(text))
