"""Benchmark corpora: the seeds copied N times (20 copies ≈ 4.4 MB, 200 ≈ 44 MB).

    python bench/corpus.py 20 /tmp/kg-corpus-20
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_corpus(copies: int, dest: Path, seeds: Path = SEEDS) -> Path:
    """``dest`` filled with ``copies`` copies of every seed, named ``<copy>_<seed name>``."""
    dest.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for seed in sorted(seeds.glob("*.txt")):
            shutil.copyfile(seed, dest / f"{copy:04d}_{seed.name}")
    return dest


def corpus_size(folder: Path) -> tuple[int, int]:
    """(bytes, characters) of the .txt files of a folder."""
    files = sorted(folder.glob("*.txt"))
    return sum(f.stat().st_size for f in files), sum(len(f.read_text(encoding="utf-8")) for f in files)


if __name__ == "__main__":
    folder = make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    size, chars = corpus_size(folder)
    print(f"{folder}: {size / 1e6:.2f} MB, {chars:,} characters")
