"""Building again on changes: which paths count, rebuilds equal to full builds, errors, Ctrl-C."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg import pipeline
from kg.errors import GovkgError
from kg.watch import DocumentFilter, watch, watched_folders

OUTPUTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.html", "entities.jsonl")


def test_watch_filter_passes_documents_of_the_inputs_only(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "corpus" / "exports"
    (corpus / "sub").mkdir(parents=True)
    named = tmp_path / "notes.text"
    accepts = DocumentFilter([corpus, named], out)
    assert accepts(None, str(corpus / "a.txt")) and accepts(None, str(corpus / "sub" / "b.MD"))
    assert accepts(None, str(named))  # named as an input, whatever its suffix
    assert not accepts(None, str(corpus / "a.docx"))
    assert not accepts(None, str(corpus / ".git" / "c.txt")) and not accepts(None, str(corpus / ".d.txt"))
    assert not accepts(None, str(out / "entities.txt"))  # the build's own writing starts nothing
    assert not accepts(None, str(tmp_path / "elsewhere.txt"))


def test_watch_folders_hold_file_inputs_and_no_folder_twice(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    file = tmp_path / "c" / "one.txt"
    file.write_text("x", encoding="utf-8")
    assert watched_folders([tmp_path / "a", tmp_path / "a" / "b", file]) == [
        (tmp_path / "a").resolve(), (tmp_path / "c").resolve()]


class Watching:
    """:func:`kg.watch.watch` in a thread, its reports on a queue."""

    def __init__(self, corpus: Path, out: Path):
        self.reports: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=([corpus], out, self.reports.put),
                                       kwargs={"stop": self.stop, "jobs": 1}, daemon=True)

    def __enter__(self) -> Watching:
        self.thread.start()
        return self

    def next(self) -> pipeline.BuildSummary | GovkgError:
        return self.reports.get(timeout=60)

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()


def test_watch_rebuilds_changed_documents_into_what_a_full_build_writes(small_corpus, tmp_path):
    out = tmp_path / "out"
    with Watching(small_corpus, out) as watching:
        assert watching.next().cached == 0
        with (small_corpus / "b.txt").open("a", encoding="utf-8") as file:
            file.write("副县长刘强到婺源县江湾镇检查工作。\n")
        (small_corpus / "d.txt").write_text("县长王刚到安平县调研。\n", encoding="utf-8")
        rebuilt = watching.next()
        while rebuilt.documents < 4:  # the two files may come as two batches
            rebuilt = watching.next()
        assert rebuilt.cached >= 2
    pipeline.build([small_corpus], tmp_path / "full", jobs=1, use_cache=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


def test_watch_reports_a_bad_document_and_goes_on(small_corpus, tmp_path):
    out = tmp_path / "out"
    with Watching(small_corpus, out) as watching:
        watching.next()
        before = {name: (out / name).read_bytes() for name in OUTPUTS}
        (small_corpus / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
        error = watching.next()
        assert isinstance(error, GovkgError) and "scan.txt" in str(error)
        assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
        (small_corpus / "scan.txt").unlink()
        assert watching.next().cached == 3
        # nothing a build holds for the next one (entries, keys) adds up across builds
        assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_watch_inputs_that_do_not_exist_fail_at_once(tmp_path):
    with pytest.raises(GovkgError, match="no such file"):
        watch([tmp_path / "missing"], tmp_path / "out", lambda outcome: None)


def test_cli_watch_prints_each_rebuild_and_stops_cleanly_on_ctrl_c(small_corpus, tmp_path):
    command = [sys.executable, "-m", "kg.cli", "build", str(small_corpus), "-o", str(tmp_path / "out"),
               "--watch", "--quiet", "--jobs", "1"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}) as kg:
        lines = iter(kg.stdout.readline, "")
        assert any("watching" in line for line in lines)
        (small_corpus / "a.txt").write_text("县长王刚到安平县调研。\n", encoding="utf-8")
        rebuilt = next(line for line in lines if line.strip())
        assert "rebuilt: 3 documents (2 from cache)" in rebuilt
        kg.send_signal(signal.SIGINT)
        assert kg.wait(timeout=30) == 0
        assert "Traceback" not in kg.stderr.read()
