"""How convert and the Sphinx build grow with the corpus, against plain Sphinx + MyST on the same pages.

For each N it generates N seeds and N/20 topic pages with every feature on (benchmarks/synthetic.py:
saved pages among the seeds, the 1,000-entity registry, planted reuse, a claim and events on each
topic page, the claims, timeline and exports pages), then times, as a reader of the README would run
them: convert (cold, then with nothing changed), and at -j 1 and at -j auto the full build, a rebuild
with no change, a rebuild after one word is added to one sentence of one source page, and a rebuild
after one citation of one topic page is changed to another source's passage.

Each build step also runs on the plain baseline (benchmarks/plain.py: the same pages with passages as
labels, citations as ``{ref}`` links, claims and events as labelled paragraphs, the same theme and
navigation, Sphinx's defaults otherwise), at the same -j, interleaved with ours (who goes first
alternates), the same edits made to both. It prints per step our median of --runs runs, plain's
median, our time over plain, and the exponent of N fitted over the sizes given; with the peak memory
of any step.

    python benchmarks/scale.py [--quick] [--runs R] [--plain-up-to N] [--work FOLDER] [--markdown FILE]
        [N ...]
        (default N: 1000 3000 10000; --quick: 100 300 1000; N >= 20, so there is a topic page)
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plain import passages, plain_docs, plain_page, write_conf
from synthetic import SOURCES_PER_TOPIC, generate_docs, generate_seeds

ROOT = Path(__file__).resolve().parent.parent

VARIANTS = ("ours", "plain")
JOBS = ("1", "auto")
CONVERT_STEPS = ("convert cold", "convert unchanged")
REBUILDS = {"no change": None, "one source edited": "source", "one topic edited": "topic"}
BUILD_STEPS = tuple(
    step
    for jobs in JOBS
    for step in (f"build -j {jobs}", *(f"rebuild -j {jobs}, {what}" for what in REBUILDS))
)
STEPS = (*CONVERT_STEPS, *BUILD_STEPS)
TOPIC = "topics/topic-0000.md"
_CITE = re.compile(r"\{corpus:cite\}`([^`<>]+)`")


class Edit(NamedTuple):
    """One replacement of text in one page, named relative to the docs folder."""

    page: str
    old: str
    new: str


@dataclass(frozen=True)
class Tree:
    """One variant's docs folder, the folder of the conf.py it builds with, and its build folders."""

    docs: Path
    conf: Path
    build: Path

    def command(self, jobs: str) -> tuple[str, ...]:
        """The site build as tox -e docs runs it, at ``-j jobs``, into this tree's build folder."""
        sphinx = (sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b", "html")
        return (*sphinx, "-j", jobs, "-c", str(self.conf), str(self.docs), str(self.build / f"j{jobs}"))


@dataclass
class Measurements:
    """Seconds per variant and step over the runs, each variant's peak memory in kB and the step that
    reached it, and its largest page."""

    seconds: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    peak_kb: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VARIANTS, 0))
    peak_step: dict[str, str] = field(default_factory=lambda: dict.fromkeys(VARIANTS, "-"))
    largest_page_kb: dict[str, float] = field(default_factory=lambda: dict.fromkeys(VARIANTS, 0.0))
    largest_page: dict[str, str] = field(default_factory=lambda: dict.fromkeys(VARIANTS, "-"))

    def note_pages(self, variant: str, site: Path) -> None:
        """Record the size and name of the largest HTML page of ``variant``'s built ``site``."""
        size, page = max((page.stat().st_size, page) for page in site.rglob("*.html"))
        if size / 1024 > self.largest_page_kb[variant]:
            self.largest_page_kb[variant] = size / 1024
            self.largest_page[variant] = page.relative_to(site).as_posix()

    def time(self, variant: str, step: str, command: tuple[str, ...]) -> None:
        """Run ``command`` once and record it as one run of ``step`` for ``variant``."""
        seconds, peak_kb = run(command)
        self.seconds[variant, step].append(seconds)
        if peak_kb > self.peak_kb[variant]:
            self.peak_kb[variant], self.peak_step[variant] = peak_kb, step

    def median(self, variant: str, step: str) -> float | None:
        """The median seconds of ``step`` for ``variant``; None if it was never run."""
        values = self.seconds.get((variant, step))
        return statistics.median(values) if values else None


def run(command: tuple[str, ...]) -> tuple[float, int]:
    """Seconds one command takes and the peak memory of its largest process in kB; it must succeed."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            output.seek(0)
            log = output.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{log}")
    return seconds, usage.ru_maxrss


def source_edit(docs: Path, count: int) -> Edit:
    """One word added inside the first sentence of the middle source page."""
    page = f"sources/synthetic-{count // 2:05d}.md"
    sentence = passages((docs / page).read_text(encoding="utf-8"))[0].sentences[0]
    first, _, rest = sentence.partition(" ")
    return Edit(page, sentence, f"{first} reportedly {rest}")


def topic_edit(docs: Path, count: int) -> Edit:
    """The first passage-ID citation of the first topic page, moved to a passage of the last source."""
    cited = _CITE.search((docs / TOPIC).read_text(encoding="utf-8"))
    other = f"synthetic-{count - 1:05d}"
    if cited is None or cited[1].startswith(f"{other}-"):
        raise ValueError(f"{TOPIC}: no citation by passage ID of a source other than {other}")
    passage = passages((docs / "sources" / f"{other}.md").read_text(encoding="utf-8"))[-1]
    return Edit(TOPIC, cited[0], f"{{corpus:cite}}`{passage.sentence_ids[-1]}`")


def edits(docs: Path, count: int) -> dict[str, dict[str, Edit]]:
    """The source edit and the topic edit for each variant: plain's as plain_page spells them."""
    ours = {"source": source_edit(docs, count), "topic": topic_edit(docs, count)}
    plain = {
        kind: Edit(page, plain_page(old, docs / "sources"), plain_page(new, docs / "sources"))
        for kind, (page, old, new) in ours.items()
    }
    return {"ours": ours, "plain": plain}


def apply(docs: Path, edit: Edit) -> None:
    """Make ``edit`` in the docs folder ``docs``: its text must be there."""
    page, old, new = edit
    path = docs / page
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: {old!r} is not there to edit")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextmanager
def restored(pages: list[Path]) -> Iterator[None]:
    """Put ``pages`` back as they were on leaving, so each -j starts from the same pages."""
    saved = {page: page.read_bytes() for page in pages}
    try:
        yield
    finally:
        for page, data in saved.items():
            page.write_bytes(data)


def build_phase(
    measured: Measurements,
    trees: dict[str, Tree],
    jobs: str,
    order: tuple[str, ...],
    edit: dict[str, dict[str, Edit]],
) -> None:
    """The full build and the three rebuilds at ``-j jobs``, each step for every variant in ``order``."""
    for variant in order:
        measured.time(variant, f"build -j {jobs}", trees[variant].command(jobs))
    for what, kind in REBUILDS.items():
        for variant in order:
            if kind:
                apply(trees[variant].docs, edit[variant][kind])
            measured.time(variant, f"rebuild -j {jobs}, {what}", trees[variant].command(jobs))


def measure_run(
    measured: Measurements, count: int, run_number: int, root: Path, variants: tuple[str, ...] = VARIANTS
) -> None:
    """One run for a corpus of ``count`` seeds, in the empty folder ``root``, of ``variants``."""
    made = generate_seeds(root / "seeds", count)
    convert = (sys.executable, str(ROOT / "scripts" / "convert.py"), "--root", str(root))
    for step in CONVERT_STEPS:
        measured.time("ours", step, convert)
    generate_docs(root / "docs", made, registry=True)
    plain_docs(root / "docs", root / "plain" / "docs")
    trees = {
        "ours": Tree(root / "docs", ROOT, root / "_build-ours"),
        "plain": Tree(root / "plain" / "docs", write_conf(root / "plain" / "conf"), root / "_build-plain"),
    }
    edit = edits(root / "docs", count)
    edited = [trees[variant].docs / each.page for variant in VARIANTS for each in edit[variant].values()]
    for phase, jobs in enumerate(JOBS):
        order = variants if (run_number + phase) % 2 == 0 else variants[::-1]
        with restored(edited):
            build_phase(measured, trees, jobs, order, edit)
    for variant in variants:
        measured.note_pages(variant, trees[variant].build / "j1")


def measure(count: int, runs: int, folder: Path, variants: tuple[str, ...] = VARIANTS) -> Measurements:
    """Every step, ``runs`` times, for a corpus of ``count`` seeds generated afresh in ``folder``."""
    measured = Measurements()
    for run_number in range(runs):
        root = folder / f"n{count}"
        shutil.rmtree(root, ignore_errors=True)
        measure_run(measured, count, run_number, root, variants)
    return measured


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(time) over log(N)."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(s, 1e-9)) for s in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def _cells(ours: float | None, plain: float | None, unit: str, digits: int) -> list[str]:
    ratio = f"{ours / plain:.2f}" if ours is not None and plain else "-"
    return [f"{value:.{digits}f}{unit}" if value is not None else "-" for value in (ours, plain)] + [ratio]


def _exponents(sizes: list[int], results: dict[int, Measurements], step: str) -> list[str]:
    if len(sizes) < 2:
        return []
    cells = []
    for variant in VARIANTS:
        seconds = [s for s in (results[n].median(variant, step) for n in sizes) if s is not None]
        cells.append(f"{exponent(sizes, seconds):.2f}" if len(seconds) == len(sizes) else "-")
    return cells


def table(
    sizes: list[int], results: dict[int, Measurements]
) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """The columns, as (group, name), and the rows of the results table."""
    columns = [("", "step")] + [(f"N={n}", name) for n in sizes for name in ("ours", "plain", "ours/plain")]
    if len(sizes) > 1:
        columns += [("exponent", variant) for variant in VARIANTS]
    rows = []
    for step in STEPS:
        cells = [
            cell
            for n in sizes
            for cell in _cells(results[n].median("ours", step), results[n].median("plain", step), "s", 2)
        ]
        rows.append([step, *cells, *_exponents(sizes, results, step)])
    seeds_per_second = [n / statistics.median(results[n].seconds["ours", "convert cold"]) for n in sizes]
    rows.append(
        ["seeds/s, convert cold", *(c for rate in seeds_per_second for c in _cells(rate, None, "", 0))]
    )
    peaks = [
        _cells(results[n].peak_kb["ours"] / 1024 or None, results[n].peak_kb["plain"] / 1024 or None, "", 0)
        for n in sizes
    ]
    rows.append(["peak MB, any step", *(cell for cells in peaks for cell in cells)])
    rows.append(["step of the peak", *(c for n in sizes for c in (*results[n].peak_step.values(), ""))])
    largest = [
        _cells(results[n].largest_page_kb["ours"] or None, results[n].largest_page_kb["plain"] or None, "", 0)
        for n in sizes
    ]
    rows.append(["largest page, kB", *(cell for cells in largest for cell in cells)])
    rows.append(["largest page", *(c for n in sizes for c in (*results[n].largest_page.values(), ""))])
    return columns, [row + [""] * (len(columns) - len(row)) for row in rows]


def text_table(columns: list[tuple[str, str]], rows: list[list[str]]) -> str:
    """The table for a terminal: each N over its three columns, numbers right-aligned."""
    widths = [max(len(name), *(len(row[i]) for row in rows)) for i, (_, name) in enumerate(columns)]
    groups, start = [], 0
    for group, members in itertools.groupby(group for group, _ in columns):
        span = len(list(members))
        groups.append(group.center(sum(widths[start : start + span]) + 2 * (span - 1)))
        start += span
    names = [name for _, name in columns]
    lines = ["  ".join(groups)] + [
        "  ".join(map(_aligned, cells, widths, range(len(cells)))) for cells in [names, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)


def _aligned(cell: str, width: int, index: int) -> str:
    return cell.ljust(width) if index == 0 else cell.rjust(width)


def markdown_table(columns: list[tuple[str, str]], rows: list[list[str]]) -> str:
    """The table as GitHub Markdown, for the README."""
    header = [f"{group} {name}".strip() for group, name in columns]
    lines = [header, [":--", *("--:" for _ in header[1:])], *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


@contextmanager
def _work_folder(kept: Path | None) -> Iterator[str]:
    if kept is not None:
        kept.mkdir(parents=True, exist_ok=True)
        yield str(kept)
        return
    with tempfile.TemporaryDirectory(prefix="borderlines-scale-") as folder:
        yield folder


def main() -> int:
    """Measure every size; print the table, and write it as Markdown if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--quick", action="store_true", help="N = 100, 300, 1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--plain-up-to",
        type=int,
        metavar="N",
        help="build plain Sphinx only for sizes up to N (its sidebar makes it quadratic)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        metavar="FOLDER",
        help="generate and build in FOLDER and keep it (each N in FOLDER/nN), to profile a step afterwards",
    )
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="also write the table to FILE as Markdown"
    )
    args = parser.parse_args()
    sizes = args.sizes or ([100, 300, 1000] if args.quick else [1000, 3000, 10000])
    if min(sizes) < SOURCES_PER_TOPIC:
        parser.error(f"every N must be at least {SOURCES_PER_TOPIC}, so there is a topic page to edit")
    results = {}
    with _work_folder(args.work) as folder:
        for count in sizes:
            plain = args.plain_up_to is None or count <= args.plain_up_to
            results[count] = measure(count, args.runs, Path(folder), VARIANTS if plain else ("ours",))
            print(f"N = {count} done", file=sys.stderr)
    columns, rows = table(sizes, results)
    note = (
        f"median of {args.runs} runs, ours and plain interleaved; ours/plain is the ratio of the medians; "
        f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}"
    )
    print(f"{text_table(columns, rows)}\n\n{note}")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(f"{markdown_table(columns, rows)}\n\n{note}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
