"""Benchmark (not a test): render a synthetic 5,000-node view and time it in headless Chromium.

    python bench/bench_viz.py [--nodes 5000] [--edges-per-node 2] [--out /tmp/bench_viz]

Prints the seconds spent in Python (layout and HTML) and the seconds from opening the page
until the network is stable and drawn (body[data-stable]), with every non-file request blocked.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg import viz

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def synthetic_view(n: int, m: int, seed: int = 1) -> viz.View:
    """A scale-free graph of n entities of every kind, each with one evidence sentence."""
    rng = random.Random(seed)
    kinds = list(viz.KINDS)
    nodes = {}
    for i in range(n):
        evidence = [viz.Evidence(f"第{i}句：实体{i}出现在这里。", f"doc{i % 50}.txt", "2024-01-01")]
        nodes[str(i)] = viz.Node(str(i), f"实体{i}", rng.choice(kinds), [], evidence)
    edges = [viz.Edge(str(u), str(v), rng.choice(list(viz.RELATIONS.values())))
             for u, v in nx.barabasi_albert_graph(n, m, seed=seed).edges]
    return viz.View(nodes, edges)


def seconds_until_stable(path: Path, screenshot: Path) -> float:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-stable='1']", timeout=300_000)
        seconds = time.perf_counter() - started
        page.screenshot(path=str(screenshot))
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges-per-node", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="bench_viz-")))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    view = synthetic_view(args.nodes, args.edges_per_node)
    started = time.perf_counter()
    path = viz.write_view(view, args.out / "large.html", "bench")
    python = time.perf_counter() - started
    browser = seconds_until_stable(path, args.out / "large.png")
    print(f"nodes: {len(view.nodes)}  edges: {len(view.edges)}  html: {path.stat().st_size / 1e6:.1f} MB")
    print(f"python (layout + html): {python:.2f} s  browser until stable: {browser:.2f} s")
    print(f"wrote {path} and {args.out / 'large.png'}")


if __name__ == "__main__":
    main()
