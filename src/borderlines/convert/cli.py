"""The ``convert`` command line: every seed in, every generated page out, or a list of what is wrong."""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import pipeline
from .add import add_seeds
from .catalog import CatalogError, Entry, load_catalog, uncatalogued
from .inputs import Limits, input_digest
from .listings import LISTING_SIZE, listing_pages, listings_dir
from .nesting import MAX_NESTING_DEPTH
from .pages import (
    PageState,
    commit_staged,
    page_path,
    read_page,
    recorded_input,
    seal,
    state_of,
    write_atomic,
    write_staged,
)
from .seedfile import MAX_PAGE_BYTES, MAX_SEED_BYTES, SeedError, read_seed_bytes, reason

CATALOG = "catalog.toml"
EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_SEED = 0, 1, 2
#: Fewer seeds to convert than this are converted in this process: starting workers costs more.
PARALLEL_FROM = 16


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="convert", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 listing every page missing, stale or hand-edited",
    )
    parser.add_argument("--force", action="store_true", help="overwrite generated pages edited by hand")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_SEED_BYTES,
        help=f"refuse seeds larger than this (default {MAX_SEED_BYTES})",
    )
    parser.add_argument(
        "--max-page-bytes",
        type=int,
        default=MAX_PAGE_BYTES,
        help=f"refuse saved web pages (html-page) larger than this (default {MAX_PAGE_BYTES})",
    )
    parser.add_argument(
        "--max-depth",
        type=int,
        default=MAX_NESTING_DEPTH,
        help=f"refuse HTML seeds nesting elements deeper than this (default {MAX_NESTING_DEPTH})",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that convert seeds at once (default: one per CPU)",
    )
    parser.add_argument(
        "--per-listing",
        type=int,
        default=LISTING_SIZE,
        help=f"sources on each listing page in docs/listings/ (default {LISTING_SIZE})",
    )
    commands = parser.add_subparsers(dest="command", metavar="add")
    add = commands.add_parser("add", help="copy files into seeds/, draft their catalog entries, convert")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a saved page or any seed file")
    return parser.parse_args(argv)


def seed_files(seeds_dir: Path) -> list[Path]:
    """The seeds: every file in the folder but the catalog and hidden files, in name order."""
    return sorted(
        path
        for path in seeds_dir.iterdir()
        if path.name != CATALOG and not path.name.startswith(".") and not path.is_dir()
    )


def seed_label(name: str) -> str:
    """``seeds/NAME`` for messages, with any line break or control character in the name escaped so
    that each report stays one line."""
    decoded = os.fsencode(name).decode("utf-8", "backslashreplace")
    shown = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode() for char in decoded
    )
    return f"seeds/{shown}"


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Convert (or with --check, verify) every seed, after adding any that ``add`` names; return the
    exit status."""
    args = _arguments(sys.argv[1:] if argv is None else argv)
    seeds_dir, pages_dir = args.root / "seeds", args.root / "docs" / "sources"
    limits = Limits(args.max_bytes, args.max_depth, args.max_page_bytes)
    refused = 0
    if args.command == "add":
        if args.check:
            print("convert: add writes seeds; it does not go with --check", file=err)
            return EXIT_BAD_SEED
        refused = add_seeds(args.paths, seeds_dir, seeds_dir / CATALOG, limits, err)
    try:
        catalog = load_catalog(seeds_dir / CATALOG)
    except CatalogError as error:
        print(f"seeds/{error}", file=err)
        return EXIT_BAD_SEED
    return max(
        _convert(args, seeds_dir, pages_dir, catalog, limits, out, err), EXIT_BAD_SEED if refused else 0
    )


def _convert(
    args: argparse.Namespace,
    seeds_dir: Path,
    pages_dir: Path,
    catalog: dict[str, Entry],
    limits: Limits,
    out: TextIO,
    err: TextIO,
) -> int:
    """Bring every page up to date with the seeds (or, with --check, report); return the exit status."""
    status, expected, failed = EXIT_OK, set(), set()
    listed: dict[str, None] = {}  # the slugs of the source pages there will be, in seed order
    plan, slugs = _plan(seeds_dir, pages_dir, catalog, limits)
    _convert_stale(plan, seeds_dir, limits, _Settling(args.check, args.force, args.root), args.jobs)
    for seed in plan:
        for note in seed.notes:
            print(note, file=err)
        entry = seed.entry
        if seed.error or seed.target is None:
            print(f"{seed_label(seed.path.name)}: {seed.error}", file=err)
            failed.add(seed.path.name)
            status = EXIT_BAD_SEED
            if slugs.get(entry.slug) == seed.path.name and (pages_dir / f"{entry.slug}.md").is_file():
                listed[entry.slug] = None  # its page from an earlier run is kept, so still listed
            continue
        expected.add(seed.target)
        listed[entry.slug] = None
        if seed.settled is not None:
            status = max(status, _report(seed.settled, out))
    for path in sorted(set(pages_dir.glob("*.md")) - expected):
        status = max(status, _remove_orphan(path, failed, args, out))
    status = max(status, _settle_listings(list(listed), args, out))
    for name in sorted(set(catalog) - {path.name for path in seed_files(seeds_dir)}):
        print(f"seeds/{CATALOG}: warning: {seed_label(name)} is catalogued but does not exist", file=err)
    return status


def _plan(
    seeds_dir: Path, pages_dir: Path, catalog: dict[str, Entry], limits: Limits
) -> tuple[list[_Seed], dict[str, str]]:
    """Every seed with its entry and page, whether its page is stale, and which seed each slug names."""
    slugs: dict[str, str] = {}
    plan: list[_Seed] = []
    for path in seed_files(seeds_dir):
        entry = catalog.get(path.name) or uncatalogued(path.name)
        seed = _Seed(path, entry)
        plan.append(seed)
        if not entry.catalogued:
            seed.notes.append(
                f"{seed_label(path.name)}: warning: no entry in seeds/{CATALOG}; metadata inferred "
                "from the text or marked unknown"
            )
        try:
            if entry.slug in slugs:
                raise SeedError(f"its slug {entry.slug!r} is already used by {seed_label(slugs[entry.slug])}")
            slugs[entry.slug] = path.name
            seed.target = page_path(pages_dir, entry.slug)  # the catalog vetted the slug; a second layer
            seed.stale = not _unchanged(path, seeds_dir, entry, limits, seed.target)
        except Exception as error:  # a bad seed, or a bug it met: either way the other seeds go on
            seed.error = reason(error)
    return plan, slugs


@dataclass
class _Seed:
    """One seed's way through a run: its entry, its page, or why it failed; what to say about it."""

    path: Path
    entry: Entry
    target: Path | None = None
    stale: bool = False
    settled: tuple[int, str] | None = None  # once converted: the exit status its page earned, and what to say
    error: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Settling:
    """How a converted page is brought up to date: written (over a hand edit only with ``force``) or,
    with ``check``, only reported; and the folder its path is shown from."""

    check: bool
    force: bool
    root: Path


def _convert_stale(
    plan: list[_Seed], seeds_dir: Path, limits: Limits, settling: _Settling, jobs: int
) -> None:
    """Convert every seed whose page is out of date and settle its page, on ``jobs`` processes when
    there are enough: each writes the pages it converts beside their places, and then all are synced
    to disk at once and put in place (``pages.commit_staged``)."""
    stale: list[_Seed] = []
    work: list[tuple[Path, Path, Entry, Limits, Path, _Settling]] = []
    for seed in plan:
        if seed.stale and not seed.error and seed.target is not None:  # a stale seed has its target
            stale.append(seed)
            work.append((seed.path, seeds_dir, seed.entry, limits, seed.target, settling))
    if jobs > 1 and len(work) >= PARALLEL_FROM:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_convert_one, work, chunksize=max(1, len(work) // (jobs * 8))))
    else:
        results = [_convert_one(job) for job in work]
    staged: list[tuple[Path, Path]] = []
    for seed, (settled, error, temporary) in zip(stale, results, strict=True):
        seed.settled, seed.error = settled, error
        if temporary is not None and seed.target is not None:
            staged.append((temporary, seed.target))
    failed = commit_staged(staged)
    for seed in stale:
        if seed.target in failed:
            seed.settled, seed.error = None, _unwritten(seed.target, failed[seed.target], settling.root)


def _convert_one(
    job: tuple[Path, Path, Entry, Limits, Path, _Settling],
) -> tuple[tuple[int, str] | None, str, Path | None]:
    """Convert one seed and stage its page: the status and message, or the one-line reason it failed
    (never an exception), and the staged file that is to become the page, if any."""
    path, seeds_dir, entry, limits, target, settling = job
    try:
        page = pipeline.convert_seed(path, seeds_dir, entry, limits)
    except Exception as error:  # a bad seed, or a bug it met: either way the other seeds go on
        return None, reason(error), None
    staged: list[Path] = []
    try:
        settled = _settle(
            target, seal(page.text), settling, lambda at, text: staged.append(write_staged(at, text))
        )
    except OSError as error:  # a full disk, say: the other pages are still written
        return None, _unwritten(target, error, settling.root), None
    return settled, "", staged[0] if staged else None


def _unwritten(target: Path, error: OSError, root: Path) -> str:
    return f"its page {_shown(target, root)} could not be written: {error.strerror or error}"


def _unchanged(path: Path, seeds_dir: Path, entry: Entry, limits: Limits, target: Path) -> bool:
    """Whether ``target`` is a page convert wrote from exactly these inputs, untouched since: then
    converting the seed again would give the same page, and is skipped."""
    recorded = recorded_input(target)
    if recorded is None:  # no page convert wrote: the seed need not even be read here
        return False
    seed_sha256 = hashlib.sha256(read_seed_bytes(path, seeds_dir, limits.largest)).hexdigest()
    return recorded == input_digest(seed_sha256, entry, limits)


def _settle(
    target: Path, sealed: str, settling: _Settling, write: Callable[[Path, str], None] | None = None
) -> tuple[int, str]:
    """Bring one page up to date (or, with --check, report it) with ``write`` (by default at once,
    with ``write_atomic``): the exit status it earns, and the line to print about it (empty when it
    was already current)."""
    state = state_of(target, sealed)
    shown = _shown(target, settling.root)
    if state is PageState.CURRENT:
        return EXIT_OK, ""
    if state is PageState.NOT_GENERATED or (state is PageState.HAND_EDITED and not settling.force):
        note = "" if state is PageState.NOT_GENERATED else " (rerun with --force to overwrite)"
        return EXIT_PROBLEMS, f"{shown}: {state.value}; not overwritten{note}"
    if settling.check:
        return EXIT_PROBLEMS, f"{shown}: {state.value}"
    (write or write_atomic)(target, sealed)
    return EXIT_OK, f"{shown}: written ({state.value})"


def _report(settled: tuple[int, str], out: TextIO) -> int:
    """Print what settling a page did, if anything; return the exit status it earned."""
    status, message = settled
    if message:
        print(message, file=out)
    return status


def _settle_listings(slugs: list[str], args: argparse.Namespace, out: TextIO) -> int:
    """Bring the listing pages up to date with the source pages; remove listing pages no longer needed."""
    folder, status = listings_dir(args.root), EXIT_OK
    pages = listing_pages(slugs, max(args.per_listing, 1))
    settling = _Settling(args.check, args.force, args.root)
    for name, text in pages.items():
        status = max(status, _report(_settle(folder / name, seal(text), settling), out))
    wanted = {folder / name for name in pages}
    for path in sorted(set(folder.glob("*.md")) - wanted):
        status = max(status, _remove_orphan(path, set(), args, out, "its sources fit on fewer pages"))
    return status


def _remove_orphan(
    path: Path, failed: set[str], args: argparse.Namespace, out: TextIO, why: str = "its seed is gone"
) -> int:
    """Delete a generated page no longer wanted (its seed is gone); keep pages of seeds that failed."""
    page = read_page(path)
    shown = _shown(path, args.root)
    if not page.generated or page.seed_file in failed:
        return EXIT_OK
    if not page.intact and not args.force:
        print(f"{shown}: {why} but the page was edited by hand; not deleted", file=out)
        return EXIT_PROBLEMS
    if args.check:
        print(f"{shown}: orphaned ({why})", file=out)
        return EXIT_PROBLEMS
    path.unlink()
    print(f"{shown}: deleted ({why})", file=out)
    return EXIT_OK


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
