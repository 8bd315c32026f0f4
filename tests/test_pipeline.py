"""The build: parallel extraction, the document cache, unreadable files, shards."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import cli, pipeline
from kg.errors import InputError
from kg.records import records
from kg.shards import SHARED


def load(path: Path) -> Graph:
    graph = Graph()
    for file in ([path] if path.is_file() else sorted(path.glob("*.nt"))):
        graph.parse(file, format="nt" if file.suffix == ".nt" else "turtle")
    return graph


def assert_same_graph(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail("graphs differ\nonly in first:\n" + "\n".join(sorted(t.n3() for t in only_a))[:3000]
                    + "\nonly in second:\n" + "\n".join(sorted(t.n3() for t in only_b))[:3000])


def build(corpus: Path, out: Path, **options) -> pipeline.BuildSummary:
    return pipeline.build([corpus], out, **{"jobs": 1, "use_cache": False, **options})


def test_pipeline_jobs_give_identical_turtle(small_corpus, tmp_path):
    one = build(small_corpus, tmp_path / "one", jobs=1)
    two = build(small_corpus, tmp_path / "two", jobs=2)
    assert one.triples == two.triples > 0
    assert_same_graph(load(tmp_path / "one" / "graph.ttl"), load(tmp_path / "two" / "graph.ttl"))
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()
    assert (tmp_path / "one" / "entities.jsonl").read_bytes() == (tmp_path / "two" / "entities.jsonl").read_bytes()


def test_pipeline_graph_matches_kg_graph(small_corpus, tmp_path):
    """The graph.ttl of a build holds exactly what kg.graph.build_graph makes."""
    from kg.graph import build_graph

    summary = build(small_corpus, tmp_path / "out")
    result = pipeline.analyse([small_corpus])
    expected = build_graph(result)
    assert_same_graph(load(tmp_path / "out" / "graph.ttl"), expected)
    assert summary.triples == len(expected) == len((tmp_path / "out" / "graph.nt").read_text().splitlines())
    assert (tmp_path / "out" / "entities.jsonl").read_text(encoding="utf-8") == pipeline.jsonl(records(result))


def test_pipeline_incremental_build_matches_full_build(small_corpus, tmp_path):
    out = tmp_path / "incremental"
    first = build(small_corpus, out, use_cache=True)
    assert first.cached == 0
    with (small_corpus / "b.txt").open("a", encoding="utf-8") as file:
        file.write("副县长刘强到婺源县江湾镇检查工作。\n")
    again = build(small_corpus, out, use_cache=True, jobs=2)
    assert again.cached == 2 and again.documents == 3
    build(small_corpus, tmp_path / "full")
    assert_same_graph(load(out / "graph.ttl"), load(tmp_path / "full" / "graph.ttl"))
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.html", "entities.jsonl"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


def test_pipeline_no_cache_leaves_no_cache(small_corpus, tmp_path):
    build(small_corpus, tmp_path / "out", use_cache=False)
    assert not (tmp_path / "out" / pipeline.CACHE_DIR).exists()


def test_pipeline_unreadable_file_stops_before_writing(small_corpus, tmp_path):
    (small_corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    with pytest.raises(InputError, match="broken.txt.*--skip-bad"):
        build(small_corpus, tmp_path / "out", jobs=2)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_pipeline_skip_bad_builds_the_rest(small_corpus, tmp_path):
    (small_corpus / "broken.txt").write_bytes(b"")
    summary = build(small_corpus, tmp_path / "out", skip_bad=True, use_cache=True)
    assert summary.documents == 3
    assert len(summary.skipped) == 1 and "broken.txt" in summary.skipped[0]
    assert any(line.startswith("skipped") and "broken.txt" in line for line in summary.lines())


def test_pipeline_shards_hold_the_whole_graph(small_corpus, tmp_path):
    shards = tmp_path / "shards"
    (shards).mkdir()
    (shards / "gone.txt.nt").write_text("", encoding="utf-8")  # a document of an earlier build
    build(small_corpus, tmp_path / "out", shards=shards)
    assert sorted(p.name for p in shards.glob("*.nt")) == [SHARED, "a.txt.nt", "b.txt.nt", "c.txt.nt"]
    assert_same_graph(load(shards), load(tmp_path / "out" / "graph.ttl"))
    assert "a.txt" not in (shards / "b.txt.nt").read_text(encoding="utf-8")


def test_pipeline_show_progress_only_for_many_documents_off_a_terminal():
    assert not pipeline.show_progress(1)
    assert pipeline.show_progress(pipeline.MANY_DOCUMENTS)


def test_pipeline_summary_times_each_stage(small_corpus, tmp_path):
    summary = build(small_corpus, tmp_path / "out")
    assert {"documents", "resolve", "graph", "ttl", "nt", "trig", "jsonld", "html", "jsonl"} <= set(summary.timings)
    assert sum(summary.timings.values()) <= summary.seconds


def test_pipeline_turtle_bytes_do_not_depend_on_hash_seed(small_corpus, tmp_path):
    """Separate processes iterate sets in different orders; graph.ttl must not show it."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(small_corpus), "-o", str(out),
                        "--no-cache", "--quiet", "--jobs", "1"],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append((out / "graph.ttl").read_bytes())
    assert outputs[0] == outputs[1]


_PRIVATE = ("13912345678", "110105199003071234", "wangjg@example.com", "(0551)2345678")
_NOTICE_TEXT = (
    "东湖区召开环境整治推进会\n\n本报讯 3月5日，东湖区委书记韩立军主持召开会议，部署东湖区环境整治工作。\n\n"
    "寻人启事\n\n王建国，男，68岁，于3月1日走失。请知情者联系王小红 13912345678，"
    "身份证号110105199003071234，邮箱wangjg@example.com，电话(0551)2345678。\n")


def _messy_corpus(folder: Path) -> Path:
    """A GB18030 file, a UTF-8 file with a BOM, and one with a notice holding private data."""
    folder.mkdir()
    (folder / "gb.txt").write_bytes("南湖县召开会议\n\n县委书记赵卫东出席会议并讲话。\n".encode("gb18030"))
    (folder / "bom.txt").write_bytes("\ufeff西山镇新闻\n\n镇长孙明调研西山镇敬老院建设项目。\n".encode("utf-8"))
    (folder / "notice.txt").write_text(_NOTICE_TEXT, encoding="utf-8")
    return folder


def test_pipeline_bad_file_leaves_previous_exports_byte_identical(tmp_path, capsys):
    corpus, out = _messy_corpus(tmp_path / "corpus"), tmp_path / "out"
    assert cli.main(["build", str(corpus), "-o", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (corpus / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    capsys.readouterr()
    assert cli.main(["build", str(corpus), "-o", str(out), "--quiet"]) == InputError.exit_code
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "scan.txt" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_pipeline_reads_other_encodings_and_publishes_no_private_data(tmp_path):
    corpus, out = _messy_corpus(tmp_path / "corpus"), tmp_path / "out"
    pipeline.build([corpus], out, progress=False)
    names = {r["doc"]: {o["name"] for o in r["officials"]}
             for r in map(json.loads, (out / "entities.jsonl").read_text(encoding="utf-8").splitlines())}
    assert names == {"bom.txt": {"孙明"}, "gb.txt": {"赵卫东"}, "notice.txt": {"韩立军"}}  # nobody from the notice
    exported = [p for p in out.iterdir() if p.is_file()]
    assert {"graph.ttl", "graph.nt", "graph.trig", "graph.jsonld", "graph.html", "entities.jsonl"} <= {p.name for p in exported}
    for path in exported:
        text = path.read_text(encoding="utf-8")
        assert not [secret for secret in _PRIVATE if secret in text], path.name


def test_pipeline_document_naming_nothing_still_builds(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("今天天气很好。\n", encoding="utf-8")
    summary = build(tmp_path / "in", tmp_path / "out")
    assert summary.entities == {} and summary.triples == len(load(tmp_path / "out" / "graph.ttl")) > 0
