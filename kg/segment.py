"""Word segmentation behind one small interface.

jieba is the segmenter the project names; rjieba (jieba's dictionary and model in
Rust, the ``fast`` extra) is used instead when it is installed, because it cuts the
same words many times faster. Both are loaded once per process.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class Token(NamedTuple):
    word: str
    start: int
    end: int


class Tagged(NamedTuple):
    word: str
    tag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def backend() -> str:
    """'rjieba' when the accelerated backend is installed, else 'jieba'."""
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def cut(text: str) -> list[str]:
    """The words of ``text``, in order; joined they give ``text`` back."""
    if backend() == "rjieba":
        import rjieba

        return rjieba.cut(text)
    return _jieba().lcut(text)


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their character offsets."""
    tokens, pos = [], 0
    for word in cut(text):
        tokens.append(Token(word, pos, pos + len(word)))
        pos += len(word)
    return tokens


def tag(text: str) -> list[Tagged]:
    """Words with part-of-speech tags (jieba's tag set) and offsets.

    Tagging is several times slower than cutting: call it on short spans only.
    """
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
    return out
