"""The views in a real browser: Debian's chromium, headless, driven by playwright, offline.

Every request that is not for a file: URL is blocked and recorded. Skipped only when chromium
is missing outside CI; in CI (CI=true) .ci/run installs it and these tests must run.
"""
from __future__ import annotations

import os
import shutil
from importlib.util import find_spec

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg import viz
from kg.store import Store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

if os.environ.get("CI") != "true" and not (os.path.exists(CHROMIUM) and find_spec("playwright")):
    pytest.skip("needs chromium and playwright: apt-get install chromium fonts-noto-cjk; "
                "pip install -e '.[test]'", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402  (after the skip)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Page:
    """A page of one view, with what it logged and what it tried to fetch."""

    def __init__(self, browser, path, shot):
        self.errors, self.blocked, self.shot = [], [], shot
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append("dialog: " + d.message), d.dismiss()))
        self.page.route("**/*", self._only_files)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-stable='1']", timeout=60_000)

    def _only_files(self, route):
        if route.request.url.startswith("file:"):
            return route.continue_()
        self.blocked.append(route.request.url)
        return route.abort()

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def click_node(self, node_id: str) -> None:
        box = self.page.locator("#kg-network").bounding_box()
        where = self.js("id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", node_id)
        self.page.mouse.move(box["x"] + where["x"], box["y"] + where["y"])
        self.page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])

    def close(self) -> None:
        self.page.screenshot(path=str(self.shot))
        self.page.close()


@pytest.fixture
def open_view(browser, tmp_path):
    pages = []

    def open_(store, **kwargs) -> Page:
        path = viz.render_view(store, tmp_path / "view.html", **kwargs)
        pages.append(Page(browser, path, tmp_path / "screenshot.png"))
        return pages[-1]
    yield open_
    for page in pages:
        page.close()
        assert page.shot.stat().st_size > 0


def _node_id(store: Store, label: str) -> str:
    (node_id,) = viz.find_nodes(viz.view_of(store), label)
    return node_id


def test_viz_browser_page_loads_offline_without_errors(open_view, small_store):
    page = open_view(small_store)
    view = viz.view_of(small_store)
    assert page.js("kgView.network.body.data.nodes.length") == len(view.nodes) == 17
    assert page.js("kgView.network.body.data.edges.length") == len(view.edges)
    assert page.errors == [] and page.blocked == []


def test_viz_browser_search_focuses_node_by_name_and_alias(open_view, small_graph):
    target = _node_id(Store.from_graph(small_graph), "河西大桥项目")
    small_graph.add((URIRef(target), SKOS.altLabel, Literal("河西桥", lang="zh")))
    page = open_view(Store.from_graph(small_graph))
    for query in ("河西大桥项目", "河西桥"):
        page.js("kgView.reset()")
        page.page.fill("#kg-search", query)
        page.page.press("#kg-search", "Enter")
        assert page.js("kgView.network.getSelectedNodes()") == [target]
        centre = page.js("kgView.network.getViewPosition()")
        node = page.js("id => kgView.network.getPositions([id])[id]", target)
        assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
        assert "河西大桥项目" in page.page.text_content("#kg-panel")
    assert page.errors == []


def test_viz_browser_unticking_a_kind_hides_its_nodes(open_view, small_store):
    page = open_view(small_store)
    page.page.uncheck("input[data-kind='official']")
    hidden = page.js("kgView.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden == ["official"] * 3
    page.page.click("#kg-reset")
    assert page.js("kgView.nodes.get().filter(n => n.hidden).length") == 0
    assert page.page.is_checked("input[data-kind='official']") and page.errors == []


def test_viz_browser_clicking_shows_evidence_with_document_and_date(open_view, small_store):
    page = open_view(small_store)
    page.click_node(_node_id(small_store, "周敏"))
    panel = page.page.text_content("#kg-panel")
    assert "副区长周敏" in panel and "临江区召开会议" in panel and "2024-03-01" in panel


def test_viz_browser_hostile_markup_never_runs(open_view, hostile_store):
    page = open_view(hostile_store)
    page.click_node(_node_id(hostile_store, "王恶意"))
    page.page.wait_for_timeout(500)  # let the hover tooltip show too
    assert "<script>window.__pwned" in page.page.text_content("#kg-panel")
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.querySelectorAll('img, #kg-panel script').length") == 0
    assert page.errors == [] and page.blocked == []
