"""Rebuild after changing one document of 100, against a full build (target: < 10 %).

Each round: a cold build with an empty cache (a whole `kg build` process), then one
document edited and rebuilt two ways:

- a new `kg build` process, which reads the cache;
- a running `kg build --watch`, timed from the moment the edited file is closed to the
  moment the watcher prints that every output is written (so the wait for the file
  system's report and for writes to settle counts too); edits come a second apart.

    python bench/bench_incremental.py [--rounds 3] [--edits 5]
"""
from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from corpus import make_corpus
from measure import KG, median, run

PAUSE = 1.0  # seconds between edits to the watched corpus, as a person editing and saving leaves


def edit(path: Path, number: int) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n第{number}次修改：县委书记李明到乡镇调研。\n")


def process_rebuild(corpus: Path, out: Path, number: int) -> tuple[float, float, str]:
    """(full build s, rebuild s in a new process, the rebuild's stage times)."""
    shutil.rmtree(out, ignore_errors=True)
    build = KG + ["build", str(corpus), "-o", str(out), "--quiet"]
    full = run(build)
    edit(sorted(corpus.glob("*.txt"))[number], number)
    rebuild = run(build)
    if "(99 from cache)" not in rebuild.stdout:
        raise SystemExit(f"expected 99 documents from the cache:\n{rebuild.stdout}")
    stages = next(line for line in rebuild.stdout.splitlines() if line.startswith("seconds:"))
    return full.seconds, rebuild.seconds, stages


def watched_rebuilds(corpus: Path, out: Path, edits: int) -> list[tuple[float, float]]:
    """(edit to outputs written s, the build's own s) for ``edits`` edits of one document each,
    made to a running `kg build --watch`."""
    command = KG + ["build", str(corpus), "-o", str(out), "--quiet", "--watch"]
    timings = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as watcher:
        lines = iter(watcher.stdout.readline, "")
        next(line for line in lines if "watching" in line)
        for number in range(edits):
            time.sleep(PAUSE)
            edit(sorted(corpus.glob("*.txt"))[10 + number], 100 + number)
            edited = time.perf_counter()
            line = next(lines)
            written = time.perf_counter()
            found = re.search(r"\((\d+) from cache\).* in ([\d.]+) s", line)
            if not found or found[1] != "99":
                raise SystemExit(f"expected a rebuild with 99 documents from the cache, got: {line}")
            timings.append((written - edited, float(found[2])))
        watcher.send_signal(signal.SIGINT)
        watcher.communicate()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="edits timed in the watching build")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = make_corpus(20, work / "corpus")
        results = [process_rebuild(corpus, work / "out", n) for n in range(args.rounds)]
        watched = watched_rebuilds(corpus, work / "out", args.edits)
        full = median([f for f, _, _ in results])
        process = median([r for _, r, _ in results])
        latency, own = median([w for w, _ in watched]), median([s for _, s in watched])
        print("| documents | full build s | rebuild after 1 change | s | ratio |\n|---|---|---|---|---|")
        print(f"| 100 | {full:.1f} | new `kg build` process | {process:.2f} | {process / full:.1%} |")
        print(f"| 100 | {full:.1f} | running `kg build --watch`, edit to outputs written | {latency:.2f} | "
              f"{latency / full:.1%} |")
        print(f"\nrounds: {args.rounds}; new-process ratios {', '.join(f'{r / f:.1%}' for f, r, _ in results)}")
        print(f"watching: {args.edits} edits, edit to written {', '.join(f'{w:.2f}' for w, _ in watched)} s; "
              f"the build itself {own:.2f} s (median)")
        print(f"last new-process rebuild, inside the process: {results[-1][2]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
