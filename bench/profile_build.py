"""Where a build's time goes: stage timings and a cProfile of the whole build in one process.

    python bench/profile_build.py --copies 20 [--top 25]

Extraction runs in this process (--jobs 1) so the profile sees it; time is summed by
module (own time) and the costliest functions are listed.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from corpus import make_corpus

from kg import pipeline


def by_module(stats: pstats.Stats) -> Counter:
    """Own time per source file, with site-packages and the kg package shortened."""
    totals: Counter = Counter()
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        name = filename.split("site-packages/")[-1].split("/main/")[-1]
        totals[name.split("/")[0] if "site-packages/" in filename else name] += own
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-profile-"))
    try:
        corpus = make_corpus(args.copies, work / "corpus")
        profile = cProfile.Profile()
        summary = profile.runcall(pipeline.build, [corpus], work / "out", jobs=1, use_cache=False)
        print("\n".join(summary.lines()[:5]))
        stats = pstats.Stats(profile)
        print("\nown time by module (s):")
        for module, seconds in by_module(stats).most_common(args.top):
            print(f"  {seconds:7.2f}  {module}")
        print()
        stats.sort_stats("tottime").print_stats(args.top)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
