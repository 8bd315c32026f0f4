"""Show a view in Jupyter.

pyvis's own ``Network.show`` in a notebook often leaves a blank output cell (pyvis issue
203): it writes the page and returns an IFrame whose path the notebook server cannot
serve. Here the page is written under the notebook's working folder and the IFrame points
to it by a relative path, which Jupyter serves; the page itself needs nothing remote.

    from kg.notebook import show
    show("exports/graph.ttl", focus="小店区", hops=2)
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from IPython.display import IFrame
from rdflib import Graph

from kg.errors import GraphError
from kg.store import Store
from kg.viz import render_view

VIEWS = Path("kg-views")


def _served_path(path: Path) -> str:
    """``path`` relative to the working folder, as the notebook server serves it."""
    try:
        relative = Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        raise GraphError(f"{path} is outside the notebook's folder {Path.cwd()}, so Jupyter cannot "
                         "serve it; pass a path under that folder") from None
    return relative.as_posix()


def _page_name(focus: str | None, hops: int, kinds: Iterable[str] | None) -> str:
    parts = [focus or "graph", f"{hops}hops" if focus else "", "-".join(kinds or ())]
    return "_".join(p for p in parts if p).replace(os.sep, "_") + ".html"


def _store(graph: Store | Graph | str | Path) -> Store:
    if isinstance(graph, Store):
        return graph
    return Store.from_graph(graph) if isinstance(graph, Graph) else Store.from_file(Path(graph))


def show(graph: Store | Graph | str | Path, focus: str | None = None, hops: int = 2,
         kinds: Iterable[str] | None = None, path: str | Path | None = None,
         height: int = 640) -> IFrame:
    """Write a view of ``graph`` (a Store, a Graph or a graph file) and return an IFrame showing it.

    The page goes to ``path``, by default ``kg-views/<focus>.html`` under the working folder.
    """
    store = _store(graph)
    kinds = list(kinds) if kinds else None
    target = Path(path) if path else VIEWS / _page_name(focus, hops, kinds)
    src = _served_path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    render_view(store, target, focus, hops, kinds)
    return IFrame(src=src, width="100%", height=height)
