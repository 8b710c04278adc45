"""Convert speed: seeds a second on the synthetic corpus, cold, on one process and on every CPU, and
the cost of a run in which nothing changed (a hash a seed).

    python benchmarks/convert_speed.py [--runs R] [N]      (default: 3 runs of N = 1000)

Each cell is the median of the runs, each run on a corpus generated afresh in a temporary folder
(where ``TMPDIR`` says: ``TMPDIR=/dev/shm`` leaves the disk out, whose file creation is slow on some
machines); the target is 400 seeds a second cold (README: Performance).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from synthetic import generate_seeds

from borderlines.convert.cli import main as convert

TARGET = 400


def _timed(root: Path, *options: str) -> float:
    start = time.perf_counter()
    status = convert(["--root", str(root), *options], out=io.StringIO(), err=io.StringIO())
    elapsed = time.perf_counter() - start
    assert status == 0, status
    return elapsed


def measure(count: int, runs: int) -> dict[str, list[float]]:
    """Seconds per step over ``runs`` runs."""
    times: dict[str, list[float]] = {
        "cold, 1 process": [],
        f"cold, {os.cpu_count()} processes": [],
        "unchanged": [],
    }
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="borderlines-convert-") as folder:
            root = Path(folder)
            generate_seeds(root / "seeds", count)
            times["cold, 1 process"].append(_timed(root, "--jobs", "1"))
            shutil.rmtree(root / "docs")
            times[f"cold, {os.cpu_count()} processes"].append(_timed(root))
            times["unchanged"].append(_timed(root))
    return times


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"| step (N = {args.count}, median of {args.runs}) | seconds | seeds/s |")
    print("| :-- | --: | --: |")
    for step, seconds in measure(args.count, args.runs).items():
        median = statistics.median(seconds)
        print(f"| {step} | {median:.2f} | {args.count / median:.0f} |")
    print(f"\ntarget: {TARGET} seeds/s cold; {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
