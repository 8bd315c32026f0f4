"""Whole `kg build` against bare `jieba.lcut` on the same files, alternated, median ratio.

Targets (issue 7): ratio ≤ 1.5 at 4.4 MB (moonshot 0.2); peak RSS < 2 GB at 44 MB.

    python bench/bench_build.py --copies 20            # 4.4 MB, 100 documents
    python bench/bench_build.py --copies 200 --rounds 1  # 44 MB, 1,000 documents
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from corpus import corpus_size, make_corpus
from measure import KG, ROOT, median, run


def rounds(corpus: Path, out: Path, count: int, jobs: str | None) -> list[tuple]:
    """(jieba run, build run) pairs, alternated so that both see the same machine load."""
    pairs = []
    build = KG + ["build", str(corpus), "-o", str(out), "--no-cache", "--quiet"]
    build += ["--jobs", jobs] if jobs else []
    for _ in range(count):
        baseline = run([sys.executable, str(ROOT / "bench" / "jieba_baseline.py"), str(corpus)])
        pairs.append((baseline, run(build)))
    return pairs


def report(copies: int, chars: int, size: int, pairs: list[tuple]) -> str:
    ratio = median([b.seconds / j.seconds for j, b in pairs])
    build_s, jieba_s = median([b.seconds for _, b in pairs]), median([j.seconds for j, _ in pairs])
    stages = [line for line in pairs[-1][1].stdout.splitlines() if line.startswith(("seconds", "triples"))]
    return "\n".join([
        "| corpus | chars | jieba.lcut s | kg build s | ratio | build chars/s | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
        f"| {size / 1e6:.1f} MB ({copies}× seeds) | {chars:,} | {jieba_s:.1f} | {build_s:.1f} | "
        f"{ratio:.2f} | {chars / build_s:,.0f} | {max(b.peak_mb for _, b in pairs):,.0f} |",
        "", f"rounds: {len(pairs)}; ratios " + ", ".join(f"{b.seconds / j.seconds:.2f}" for j, b in pairs),
        "last build: " + "; ".join(stages)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", help="passed to kg build --jobs (default: its own)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = make_corpus(args.copies, work / "corpus")
        size, chars = corpus_size(corpus)
        print(report(args.copies, chars, size, rounds(corpus, work / "out", args.rounds, args.jobs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
