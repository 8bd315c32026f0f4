"""Extraction as a dask.bag map gives the same graph as local processes (needs the dask extra)."""
from __future__ import annotations

import pytest

from kg import pipeline

pytest.importorskip("dask.bag")


def test_dask_local_scheduler_gives_the_same_graph(small_corpus, tmp_path):
    local = pipeline.build([small_corpus], tmp_path / "local", jobs=2, use_cache=False)
    dask = pipeline.build([small_corpus], tmp_path / "dask", jobs=2, use_cache=False, executor="dask")
    assert dask.triples == local.triples > 0
    for name in ("graph.ttl", "entities.jsonl"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_dask_skip_bad_works_the_same(small_corpus, tmp_path):
    (small_corpus / "empty.txt").write_bytes(b"")
    summary = pipeline.build([small_corpus], tmp_path / "out", jobs=2, use_cache=False,
                             executor="dask", skip_bad=True)
    assert summary.documents == 3 and "empty.txt" in summary.skipped[0]
