"""The HTML views: what they draw from the graph store, narrowing, layout, and the page itself."""
from __future__ import annotations

import json
import os
import random
import re
import shutil
from collections import defaultdict
from dataclasses import asdict, replace

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg import viz
from kg.cli import main
from kg.errors import GraphError
from kg.graph import build_dataset, build_graph, document_statements, shared_statements
from kg.pipeline import analyse
from kg.store import Store
from kg.vocab import GK, ID
from tests.conftest import small_resolution

_REPEATED_SENTENCE = """
@prefix gk: <https://w3id.org/govkg/ns#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix id: <https://w3id.org/govkg/id/> .
id:doc-d a gk:Document ; dcterms:identifier "d.txt" ; dcterms:date "2024-01-02" .
id:p-a a gk:Official ; rdfs:label "甲" .  id:p-b a gk:Official ; rdfs:label "乙" .
id:m-1 a gk:Mention ; gk:mentions id:p-a ; dcterms:source id:doc-d ; gk:startOffset 0 ; gk:evidence "甲乙开会。" .
id:m-2 a gk:Mention ; gk:mentions id:p-a ; dcterms:source id:doc-d ; gk:startOffset 100 ; gk:evidence "甲乙开会。" .
id:m-3 a gk:Mention ; gk:mentions id:p-b ; dcterms:source id:doc-d ; gk:startOffset 101 ; gk:evidence "甲乙开会。" .
"""

# 王建国's post (and its organisation, 绍兴市越城区委) is stated by a.txt and by b.txt
_SPLIT_DOCUMENTS = {
    "a.txt": "越城区召开会议\n3月1日，绍兴市越城区委书记王建国主持会议，研究推进石门村乡村振兴示范基地建设。\n",
    "b.txt": "越城区调研\n4月2日，绍兴市越城区委书记王建国到东浦街道调研。会议要求加快滨江科创园项目建设，推进乡村振兴战略。\n",
    "c.txt": "湖州市新闻\n5月3日，湖州市吴兴区区长李红主持会议，推进乡村振兴战略。\n",
}


@pytest.fixture(scope="module")
def split_stores(tmp_path_factory) -> tuple[list[Store], Store]:
    """Each document's statements in a store of its own and the shared ones in another; and the union."""
    folder = tmp_path_factory.mktemp("split")
    for name, text in _SPLIT_DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = analyse([folder])
    by_document = defaultdict(list)
    for s, p, o, graph in document_statements(result):
        by_document[graph].append(ox.Quad(s, p, o))
    shared = [ox.Quad(s, p, o) for s, p, o, _ in shared_statements(result)]
    parts, union = [], ox.Store()
    for quads in [*by_document.values(), shared]:
        part = ox.Store()
        part.extend(quads)
        union.extend(quads)
        parts.append(Store(part))
    return parts, Store(union)


def _in_order(view: viz.View) -> tuple[list, list]:
    """What a page shows, in the order it shows it (View equality ignores the order of nodes)."""
    return list(view.nodes.items()), view.edges


def _labels(view: viz.View) -> set[str]:
    return {n.label for n in view.nodes.values()}


def _edges_between(view: viz.View, a: str, b: str) -> list[viz.Edge]:
    return [e for e in view.edges if {view.nodes[e.source].label, view.nodes[e.target].label} == {a, b}]


def _page_data(html: str) -> dict:
    return json.loads(re.search(r"var KG_DATA = (\{.*?\});\n", html).group(1))


def test_viz_view_has_one_node_per_entity_with_its_kind(small_store):
    view = viz.view_of(small_store)
    kinds = {kind: sum(n.kind == kind for n in view.nodes.values()) for kind in viz.KINDS}
    assert kinds == {"official": 3, "person": 1, "district": 7, "organisation": 1,
                     "project": 3, "programme": 2, "policy": 0}
    assert [n.label for n in view.nodes.values()].count("陈立新") == 2  # namesakes stay apart


def test_viz_edges_are_labelled_by_relation(small_store):
    view = viz.view_of(small_store)
    assert {e.relation for e in view.edges} == set(viz.RELATIONS.values())
    assert [e.relation for e in _edges_between(view, "临江区", "江城市")] == ["part of"]
    assert [e.relation for e in _edges_between(view, "河西大桥项目", "河西区")] == ["located in"]
    assert [e.relation for e in _edges_between(view, "周敏", "临江区")] == ["holds post in"]


def test_viz_post_edge_carries_sentence_document_and_date(small_store):
    view = viz.view_of(small_store)
    (edge,) = _edges_between(view, "周敏", "临江区")
    first = edge.evidence[0]
    assert "副区长周敏" in first.text and first.note == "副区长"
    assert (first.doc, first.date) == ("临江区召开会议", "2024-03-01")


def test_viz_comention_is_same_sentence_unless_article_asked(small_store):
    sentence, article = viz.view_of(small_store), viz.view_of(small_store, comention="article")
    assert _edges_between(sentence, "周敏", "张明") == []  # the byline is its own sentence
    (edge,) = _edges_between(article, "周敏", "张明")
    assert edge.relation == "co-mentioned"


def test_viz_comention_uses_offsets_to_tell_repeated_sentences_apart():
    view = viz.view_of(Store.from_graph(Graph().parse(data=_REPEATED_SENTENCE, format="turtle")))
    (edge,) = _edges_between(view, "甲", "乙")  # m-2 and m-3 share a sentence; m-1 is an earlier copy
    assert len(edge.evidence) == 1 and edge.evidence[0].date == "2024-01-02"


def test_viz_reads_a_trig_file_as_one_graph(tmp_path):
    result = small_resolution()
    result.posts.append(replace(result.posts[1], doc="b.txt"))  # 周敏's post, now in two named graphs
    build_dataset(result).serialize(tmp_path / "graph.trig", format="trig")
    trig = viz.view_of(Store.from_file(tmp_path / "graph.trig"))
    assert asdict(trig) == asdict(viz.view_of(Store.from_graph(build_graph(result))))
    (edge,) = _edges_between(trig, "周敏", "临江区")
    assert [e.note for e in edge.evidence] == ["副区长", ""]  # the post's sentence once, and as a co-mention


@pytest.mark.parametrize("comention", ["sentence", "article"])
def test_viz_view_of_merged_rows_is_the_view_of_the_union(split_stores, comention):
    parts, union = split_stores
    merged = viz.view_from_rows(viz.merge_rows(viz.view_rows(part) for part in parts), comention)
    assert _in_order(merged) == _in_order(viz.view_of(union, comention))
    (post,) = [e for e in _edges_between(merged, "王建国", "越城区") if e.relation == "holds post in"]
    assert [(e.note, e.doc) for e in post.evidence][:2] == [("绍兴市越城区委书记", "越城区召开会议"),
                                                          ("绍兴市越城区委书记", "越城区调研")]
    assert [n.kind for n in merged.nodes.values() if n.label == "绍兴市越城区委"] == ["organisation"]


def test_viz_view_from_rows_ignores_row_order_and_repeated_rows(split_stores):
    rows = viz.merge_rows(viz.view_rows(part) for part in split_stores[0])
    shuffled = viz.ViewRows(**{name: random.Random(name).sample(found * 2, len(found) * 2)
                               for name, found in rows.to_json().items()})
    assert _in_order(viz.view_from_rows(shuffled)) == _in_order(viz.view_from_rows(rows))


def test_viz_view_from_rows_picks_the_same_label_and_source_in_any_order():
    official, source = str(GK.Official), f"{ID}doc/d"
    rows = viz.ViewRows(entities=[(f"{ID}p", official, "乙", None), (f"{ID}p", official, "甲", None)],
                        mentions=[(f"{ID}m", f"{ID}p", source, 0, "甲乙开会。")],
                        sources=[(source, source, "题二", None, None, "2024-01-02"),
                                 (source, source, "题一", None, None, "2024-01-01")])
    backwards = viz.ViewRows(**{name: found[::-1] for name, found in rows.to_json().items()})
    for view in viz.view_from_rows(rows), viz.view_from_rows(backwards):
        (node,) = view.nodes.values()
        assert (node.label, node.evidence) == ("乙", [viz.Evidence("甲乙开会。", "题一", "2024-01-01")])  # the least


def test_viz_view_rows_round_trip_through_json(split_stores):
    rows = viz.view_rows(split_stores[1])
    data = json.loads(json.dumps(rows.to_json()))
    assert viz.ViewRows.from_json(data) == rows
    assert _in_order(viz.view_from_rows(viz.ViewRows(**data))) == _in_order(viz.view_from_rows(rows))


def test_viz_find_nodes_by_label_and_alias(small_store):
    view = viz.view_of(small_store)
    assert len(viz.find_nodes(view, "陈立新")) == 2
    node = next(iter(view.nodes.values()))
    node.aliases.append("别名甲")
    assert viz.find_nodes(view, "别名甲") == [node.id]


def test_viz_find_nodes_suggests_names_when_none_match(small_store):
    with pytest.raises(GraphError, match="did you mean .*临江区"):
        viz.find_nodes(viz.view_of(small_store), "临江")


def test_viz_neighbourhood_grows_with_hops(small_store):
    view = viz.view_of(small_store)
    centre = viz.find_nodes(view, "北山工业园项目")
    one, two = viz.neighbourhood(view, centre, 1), viz.neighbourhood(view, centre, 2)
    assert "山阳市" not in _labels(one) and "山阳市" in _labels(two)
    assert _labels(one) < _labels(two)
    assert all(e.source in one.nodes and e.target in one.nodes for e in one.edges)


def test_viz_focused_filters_kinds_but_keeps_the_focus(small_store):
    view = viz.focused(viz.view_of(small_store), "临江区", hops=1, kinds=["official"])
    assert _labels(view) == {"临江区", "陈立新", "周敏"}


def test_viz_only_kinds_rejects_an_unknown_kind(small_store):
    with pytest.raises(GraphError, match="unknown kind.*choose from official"):
        viz.only_kinds(viz.view_of(small_store), ["officials"])


def test_viz_city_view_holds_its_districts_and_their_neighbours(small_store):
    view = viz.view_of(small_store)
    (city,) = viz.find_nodes(view, "江城市")
    labels = _labels(viz.city_view(view, city))
    assert {"江城市", "临江区", "河西区", "滨湖街道", "周敏", "滨湖路改造工程"} <= labels
    assert "山阳市" not in labels


def test_viz_page_is_self_contained(small_store, tmp_path):
    html = viz.render_html(small_store, tmp_path / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search("bootstrap|jsdelivr|cdnjs|unpkg", html)
    assert "vis.Network" in html and len(_page_data(html)["nodes"]) == 17


def test_viz_page_keeps_document_markup_as_data(hostile_store, tmp_path):
    html = viz.render_html(hostile_store, tmp_path / "evil.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "<b>通报</b>" not in html
    (official,) = [n for n in _page_data(html)["nodes"] if n["kind"] == "official"]
    assert "<img src=x onerror" in official["evidence"][0]["text"]


def test_viz_tooltips_are_plain_text_with_evidence(small_store):
    nodes = {n["label"]: n for n in viz.network(viz.view_of(small_store)).nodes}
    assert nodes["周敏"]["title"].startswith("周敏 · 官员 official · 1 mentions\n「")
    assert "临江区召开会议 2024-03-01" in nodes["周敏"]["title"]


def test_viz_large_view_has_positions_and_no_physics(small_store):
    view = viz.view_of(small_store)
    small, large = viz.network(view), viz.network(view, large=5)
    assert small.options["physics"]["stabilization"] and "x" not in small.nodes[0]
    assert large.options["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in large.nodes)


@pytest.mark.parametrize("engine", ["spring", "sfdp"])
def test_viz_positions_are_spread_out(small_store, engine):
    if engine == "sfdp" and not shutil.which("sfdp") and os.environ.get("CI") != "true":
        pytest.skip("Graphviz is not installed (CI installs it)")
    view = viz.view_of(small_store)
    where = viz.positions(view, engine)
    assert set(where) == set(view.nodes)
    assert len({(round(x), round(y)) for x, y in where.values()}) == len(view.nodes)


def test_viz_city_views_writes_the_graph_and_one_page_per_city(small_store, tmp_path):
    paths = viz.city_views(small_store, tmp_path)
    assert [p.name for p in paths] == ["graph.html", "city-990100.html", "city-990200.html"]
    assert "<title>江城市</title>" in paths[1].read_text(encoding="utf-8")
    assert len(_page_data(paths[0].read_text(encoding="utf-8"))["nodes"]) == 17


def test_viz_page_holds_its_page_data_as_json_safe_in_a_script(small_store, hostile_store, tmp_path):
    for store in small_store, hostile_store:
        view = viz.view_of(store)
        html = viz.write_view(view, tmp_path / "view.html").read_text(encoding="utf-8")
        written = re.search(r"var KG_DATA = (\{.*?\});\n", html).group(1)
        assert json.loads(written) == viz.page_data(view)
        assert not set("<>&'") & set(written)


def test_viz_page_writers_draw_each_page_as_write_view_alone_does(small_store, tmp_path):
    view = viz.view_of(small_store)
    (jiangcheng,), (shanyang,) = viz.find_nodes(view, "江城市"), viz.find_nodes(view, "山阳市")
    (tmp_path / "alone").mkdir()
    alone = [viz.write_view(view, tmp_path / "alone" / "graph.html"),
             viz.write_view(viz.city_view(view, jiangcheng), tmp_path / "alone" / "city-990100.html", "江城市"),
             viz.write_view(viz.city_view(view, shanyang), tmp_path / "alone" / "city-990200.html", "山阳市")]
    writers = viz.page_writers(viz.view_rows(small_store))
    assert list(writers) == [path.name for path in alone]
    for path in alone:
        assert writers[path.name](tmp_path / path.name).read_bytes() == path.read_bytes()


def test_viz_cli_writes_a_focused_view(small_graph_file, tmp_path, capsys):
    out = tmp_path / "focus.html"
    code = main(["viz", "--graph", str(small_graph_file), "--focus", "临江区", "--hops", "1",
                 "--kinds", "official,district", "-o", str(out)])
    assert code == 0 and f"wrote {out}" in capsys.readouterr().out
    labels = {n["label"] for n in _page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert labels == {"临江区", "陈立新", "周敏", "江城市", "滨湖街道", "河西区", "北山区"}


def test_viz_cli_unknown_focus_is_a_plain_error(small_graph_file, tmp_path, capsys):
    code = main(["viz", "--graph", str(small_graph_file), "--focus", "无此地", "-o", str(tmp_path / "x.html")])
    assert code == GraphError.exit_code
    assert capsys.readouterr().err.startswith("Error: no entity named '无此地'")
