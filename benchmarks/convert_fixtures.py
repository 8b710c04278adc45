"""How long converting each hostile seed fixture (tests/hostile.py) takes on its own.

Each fixture is converted (or refused) alone, with the default limits, 5 times; the table gives the
median, slowest first. The target is under a second for every fixture. Two rows beyond the fixtures
show the costs at the edges of the limits: the 5,000-deep seed converted with --max-depth 5001, and a
plain-text seed of sentences just under the 2,000,000-byte size limit.

Then the real saved pages of the development set (``../shared/extraction-dev/readability``, when it is
there), each converted alone as an uncatalogued ``html-page`` seed, the slowest first, with their
size and seconds a megabyte: the issue's "a 1 MB page in well under a second" is judged on them. They
are reported, not held to the exit status, so that ``tox -e bench`` goes on to the benchmarks after it.

    python benchmarks/convert_fixtures.py [--runs N] [--dev DIR] [--pages K]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import FIXTURES, SECRET

from borderlines.convert.catalog import Entry, uncatalogued
from borderlines.convert.pipeline import Limits, convert_seed
from borderlines.convert.seedfile import SeedError

TARGET_SECONDS = 1.0
DEV = Path(__file__).resolve().parents[2] / "shared" / "extraction-dev" / "readability"
MEGABYTE = 1_000_000


@dataclass(frozen=True)
class Case:
    """One seed to time: its file name, bytes, catalog entry and limits."""

    label: str
    name: str
    data: bytes
    entry: Entry
    limits: Limits


def cases() -> list[Case]:
    """Every hostile fixture with its catalog entry, then the two edge-of-limit seeds."""
    found = [
        Case(
            fixture.name,
            fixture.name,
            fixture.data,
            Entry(fixture.name, fixture.slug, fixture.encoding, fixture.form or None),
            Limits(),
        )
        for fixture in FIXTURES
    ]
    deep = next(fixture for fixture in FIXTURES if fixture.name == "nesting-5000.html")
    found.append(
        Case(
            "nesting-5000.html at --max-depth 5001",
            deep.name,
            deep.data,
            Entry(deep.name, "deep"),
            Limits(max_depth=5001),
        )
    )
    sentence = b"The patrol reported new incidents near the border on Monday. "
    at_limit = sentence * (Limits().max_bytes // len(sentence))
    found.append(
        Case(
            f"{len(at_limit):,} bytes of sentences (not a fixture)",
            "limit.txt",
            at_limit,
            Entry("limit.txt", "limit"),
            Limits(),
        )
    )
    return found


def saved_pages(dev: Path) -> list[Case]:
    """Every saved page of the development set, as a seed of its own with no catalog entry (as the
    development set's test converts them: read as ``html-page`` by their doctype or ``<html>``)."""
    return [
        Case(
            folder.name,
            f"{folder.name}.html",
            gzip.decompress((folder / "source.html.gz").read_bytes()),
            uncatalogued(f"{folder.name}.html"),
            Limits(),
        )
        for folder in sorted(dev.iterdir())
        if (folder / "source.html.gz").is_file()
    ]


def time_case(case: Case, folder: Path, runs: int) -> tuple[float, str]:
    """Median seconds to convert ``case``, and its outcome (passages, or the refusal)."""
    path = folder / case.name
    path.write_bytes(case.data.replace(SECRET.encode(), b"/nonexistent"))
    timings, outcome = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            page = convert_seed(path, folder, case.entry, case.limits)
            outcome = f"converted: {page.text.count(':sentences:')} paragraphs"
        except SeedError as error:
            outcome = f"refused: {str(error)[:48]}"
        timings.append(time.perf_counter() - start)
    path.unlink()
    return statistics.median(timings), outcome


def main() -> int:
    """Time every case and print the table; exit 1 if a fixture misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dev", type=Path, default=DEV, help="the development set's folder")
    parser.add_argument("--pages", type=int, default=15, help="how many of its slowest pages to list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [(case, *time_case(case, Path(folder), args.runs)) for case in cases()]
        pages = saved_pages(args.dev) if args.dev.is_dir() else []
        timed = [(case, *time_case(case, Path(folder), args.runs)) for case in pages]
    fixtures = results[: len(FIXTURES)]
    print(f"{'seed':<50} {'median':>9}  outcome")
    for case, seconds, outcome in sorted(fixtures, key=lambda row: -row[1]) + results[len(FIXTURES) :]:
        print(f"{case.label:<50} {seconds * 1000:>7.1f}ms  {outcome}")
    slowest = max(seconds for _, seconds, _ in fixtures)
    verdict = "met" if slowest < TARGET_SECONDS else "MISSED"
    print(f"\n{len(fixtures)} fixtures; slowest {slowest * 1000:.1f} ms; target under 1 s: {verdict}")
    if timed:
        _report_pages(timed, args.pages)
    return 0 if slowest < TARGET_SECONDS else 1


def _report_pages(timed: list[tuple[Case, float, str]], shown: int) -> None:
    """The slowest saved pages of the development set, and how the pages of a megabyte or more fare."""
    print(f"\n{'saved page (development set)':<36} {'kB':>6} {'median':>9} {'s/MB':>6}  outcome")
    for case, seconds, outcome in sorted(timed, key=lambda row: -row[1])[:shown]:
        size, per_megabyte = len(case.data), seconds * MEGABYTE / len(case.data)
        print(
            f"{case.label:<36} {size / 1000:>6.0f} {seconds * 1000:>7.1f}ms {per_megabyte:>6.2f}  {outcome}"
        )
    large = [(case, seconds) for case, seconds, _ in timed if len(case.data) >= MEGABYTE]
    over = [case.label for case, seconds in large if seconds >= TARGET_SECONDS]
    total = sum(seconds for _, seconds, _ in timed)
    print(
        f"\n{len(timed)} saved pages, {sum(len(case.data) for case, _, _ in timed) / MEGABYTE:.1f} MB, "
        f"{total:.1f} s in all; {len(large)} of 1 MB or more, slowest "
        f"{max((seconds for _, seconds in large), default=0.0) * 1000:.0f} ms; "
        f"target a 1 MB page under 1 s: {'met' if not over else 'MISSED by ' + ', '.join(over)}"
    )


if __name__ == "__main__":
    sys.exit(main())
