"""The segmenter switch: offsets, caching, and both backends giving the same records."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import segment
from kg.errors import GovkgError
from kg.extract import run_extractors
from kg.ingest import find_documents, read_document
from kg.records import records
from kg.resolve import resolve

chinese = st.text(st.sampled_from("合肥市庐阳区委书记王勇在会上讲话推进项目。，“” \n12ab"), max_size=40)


@pytest.fixture
def backend_restored():
    previous = os.environ.get(segment.BACKEND_VARIABLE)
    yield
    segment.select_backend(previous)


@settings(deadline=None)
@given(chinese)
def test_segment_tokens_cover_the_text(text):
    tokens = segment.tokenize(text)
    assert "".join(t.word for t in tokens) == text == "".join(segment.cut(text))
    assert all(text[t.start:t.end] == t.word for t in tokens)
    tagged = segment.tag(text)
    assert all(text[t.start:t.end] == t.word for t in tagged) and "".join(t.word for t in tagged) == text


def test_segment_cached_results_cannot_be_changed_by_callers():
    words = segment.cut("庐阳区委书记王勇")
    words.append("改")
    assert segment.cut("庐阳区委书记王勇")[-1] != "改"


def test_segment_unknown_backend_is_an_error(backend_restored):
    segment.select_backend("thulac")
    with pytest.raises(GovkgError, match="KG_SEGMENTER"):
        segment.cut("合肥")


def test_segment_select_backend_switches(backend_restored):
    segment.select_backend("jieba")
    assert segment.backend() == "jieba"
    assert segment.cut("合肥市庐阳区") == ["合肥市", "庐阳区"]


def _seed_records(backend: str, seeds_dir) -> list[dict]:
    segment.select_backend(backend)
    return records(resolve(run_extractors(read_document(p)) for p in find_documents([seeds_dir])))


@pytest.mark.xfail(strict=True, reason="rjieba tags words its HMM finds by guessing, jieba.posseg by "
                   "its own HMM: on the seeds 9 records differ (project and village names)")
def test_segment_backends_give_the_same_records(backend_restored, seeds_dir):
    pytest.importorskip("rjieba")
    assert _seed_records("jieba", seeds_dir) == _seed_records("rjieba", seeds_dir)
