"""Rebuild after changing one document of 100, against a full build (target: < 10 %).

Each round: a cold build with an empty cache, then one document edited and a rebuild;
both are whole `kg build` processes.

    python bench/bench_incremental.py
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from corpus import make_corpus
from measure import KG, median, run


def one_round(corpus: Path, out: Path, number: int) -> tuple[float, float, str]:
    shutil.rmtree(out, ignore_errors=True)
    build = KG + ["build", str(corpus), "-o", str(out), "--quiet"]
    full = run(build)
    changed = sorted(corpus.glob("*.txt"))[number]
    with changed.open("a", encoding="utf-8") as file:
        file.write(f"\n第{number}次修改：县委书记李明到乡镇调研。\n")
    rebuild = run(build)
    if "(99 from cache)" not in rebuild.stdout:
        raise SystemExit(f"expected 99 documents from the cache:\n{rebuild.stdout}")
    stages = next(line for line in rebuild.stdout.splitlines() if line.startswith("seconds:"))
    return full.seconds, rebuild.seconds, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = make_corpus(20, work / "corpus")
        results = [one_round(corpus, work / "out", n) for n in range(args.rounds)]
        ratio = median([r / f for f, r, _ in results])
        print("| documents | full build s | rebuild after 1 change s | ratio |\n|---|---|---|---|")
        print(f"| 100 | {median([f for f, _, _ in results]):.1f} | {median([r for _, r, _ in results]):.2f} | "
              f"{ratio:.1%} |")
        print(f"\nrounds: {args.rounds}; ratios {', '.join(f'{r / f:.1%}' for f, r, _ in results)}")
        print(f"last rebuild, inside the process: {results[-1][2]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
