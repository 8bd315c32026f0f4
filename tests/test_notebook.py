"""The Jupyter helper, checked through the IFrame it returns (no Jupyter needed)."""
from __future__ import annotations

import pytest
from IPython.display import IFrame

from kg.errors import GraphError
from kg.notebook import show


def test_notebook_show_returns_an_iframe_on_a_written_view(small_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    frame = show(small_store, focus="临江区", hops=1, height=500)
    assert isinstance(frame, IFrame) and frame.src == "kg-views/临江区_1hops.html"
    assert (tmp_path / frame.src).read_text(encoding="utf-8").count("vis.Network") == 1
    assert 'src="kg-views/临江区_1hops.html"' in frame._repr_html_() and 'height="500"' in frame._repr_html_()


def test_notebook_show_reads_a_graph_file(small_graph_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    frame = show(small_graph_file, path="views/all.html")
    assert frame.src == "views/all.html" and (tmp_path / "views/all.html").is_file()


def test_notebook_show_refuses_a_page_jupyter_cannot_serve(small_graph, tmp_path, monkeypatch):
    (tmp_path / "nb").mkdir()
    monkeypatch.chdir(tmp_path / "nb")
    with pytest.raises(GraphError, match="outside the notebook's folder"):
        show(small_graph, path=tmp_path / "elsewhere.html")
