"""How convert and the Sphinx build grow with the corpus, on synthetic corpora (benchmarks/synthetic.py).

For each N it generates N seeds and N/20 topic pages, then times, as a reader of the README would run
them: convert (cold, then with nothing changed), the full build at -j 1 and -j auto, and a no-change
rebuild, each the median of --runs runs, with the peak memory of the -j 1 build. It fits the exponent
of N for each step over the sizes given.

    python benchmarks/scale.py [--quick] [--runs R] [N ...]     (default N: 1000 3000 10000;
                                                                  --quick: 100 300 1000)
"""

from __future__ import annotations

import argparse
import math
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_docs, generate_seeds

ROOT = Path(__file__).resolve().parent.parent

STEPS = ("convert cold", "convert unchanged", "build -j 1", "build -j auto", "rebuild, no change")


def _run(*command: str) -> float:
    """Seconds one command takes; it must succeed."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def build_command(docs: Path, out: Path, jobs: str) -> tuple[str, ...]:
    """The site build as tox -e docs runs it, with the project's conf.py, at ``-j jobs``."""
    sphinx = (sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b", "html")
    return (*sphinx, "-j", jobs, "-c", str(ROOT), str(docs), str(out))


def measure(count: int, runs: int, folder: Path) -> tuple[dict[str, float], int]:
    """Median seconds per step for a corpus of ``count`` seeds, and the peak memory of any step in kB."""
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    peak = 0
    for _ in range(runs):
        root = folder / f"n{count}"
        shutil.rmtree(root, ignore_errors=True)
        made = generate_seeds(root / "seeds", count)
        convert = (sys.executable, str(ROOT / "scripts" / "convert.py"), "--root", str(root))
        times["convert cold"].append(_run(*convert))
        times["convert unchanged"].append(_run(*convert))
        generate_docs(root / "docs", made)
        for jobs, step in (("1", "build -j 1"), ("auto", "build -j auto")):
            out = root / f"_build-{jobs}"
            command = build_command(root / "docs", out, jobs)
            times[step].append(_run(*command))
            if jobs == "1":
                peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
                times["rebuild, no change"].append(_run(*command))
    return {step: statistics.median(values) for step, values in times.items()}, peak


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(time) over log(N)."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(s, 1e-9)) for s in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def main() -> int:
    """Measure every size and print the table and the fitted exponents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--quick", action="store_true", help="N = 100, 300, 1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = args.sizes or ([100, 300, 1000] if args.quick else [1000, 3000, 10000])
    results = {}
    with tempfile.TemporaryDirectory(prefix="borderlines-scale-") as folder:
        for count in sizes:
            results[count] = measure(count, args.runs, Path(folder))
            print(f"N = {count} done", file=sys.stderr)
    print(f"{'step':<22}" + "".join(f"{f'N={n}':>12}" for n in sizes) + f"{'exponent':>10}")
    for step in STEPS:
        seconds = [results[n][0][step] for n in sizes]
        fitted = f"{exponent(sizes, seconds):>10.2f}" if len(sizes) > 1 else ""
        print(f"{step:<22}" + "".join(f"{s:>11.2f}s" for s in seconds) + fitted)
    print(
        f"{'seeds/s, convert cold':<22}"
        + "".join(f"{n / results[n][0]['convert cold']:>12.0f}" for n in sizes)
    )
    print(f"{'peak MB, any step':<22}" + "".join(f"{results[n][1] / 1024:>12.0f}" for n in sizes))
    print(f"\nmedian of {args.runs} runs; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
