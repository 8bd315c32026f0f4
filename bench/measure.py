"""Running a command as a whole process and measuring its wall time and peak memory."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest sum of RSS over the process and its children, sampled
    stdout: str


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run(command: list[str], interval: float = 0.05) -> Run:
    """Run ``command`` to completion (failing loudly), sampling its process tree's memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, watched = [0], psutil.Process(proc.pid)

    def sample() -> None:
        while proc.poll() is None:
            try:
                peak[0] = max(peak[0], _tree_rss(watched))
            except psutil.Error:
                return
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({proc.returncode}):\n{err}")
    return Run(seconds, peak[0] / 2**20, out)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
