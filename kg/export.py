"""Writing exports: all files of a build appear together or not at all."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

Writer = Callable[[Path], object]


def write_files(outdir: Path, writers: Mapping[str, Writer]) -> list[Path]:
    """Run each writer into a temporary folder, then move every file into ``outdir``.

    A writer that fails leaves ``outdir`` exactly as it was.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=outdir))
    try:
        for name, write in writers.items():
            write(staging / name)
        moved = []
        for name in writers:
            os.replace(staging / name, outdir / name)
            moved.append(outdir / name)
        return moved
    finally:
        shutil.rmtree(staging, ignore_errors=True)
