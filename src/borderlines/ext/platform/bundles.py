"""Search bundles: the Pagefind index in bounded parts, each indexed again only when its pages change.

Pagefind has no incremental mode and holds every page it indexes in memory: one bundle for the whole
site was re-indexed whole on any edit (about 19 s of a 23 s topic-edit rebuild at 3,000 sources) and
its process was the build's largest (1.3 GB at 3,000 sources). Here each run of
``borderlines_search_topic_bundle_size`` topic pages, and of ``borderlines_search_bundle_size``
source pages in corpus order, has its own bundle under
``pagefind/<name>/`` with a manifest of what it was made from: Pagefind's version and options, and
each page with a digest of what Pagefind reads of it (``search.SEARCHED_DIGEST``, written into the
page). After a build, a bundle is indexed again only if its manifest differs: other pages, another
Pagefind or other options, or a page whose searched text or filters changed. A page rewritten for
what is not searched (its "Cited in" boxes after a topic edit) leaves its bundle alone. The search
page merges the bundles (Pagefind's ``mergeIndex``).

Each bundle is indexed from a staging folder of hard links to its pages, so no page name passes
through a glob pattern or a command line, into a fresh folder that replaces the bundle only once
Pagefind has succeeded: a failed run leaves the previous bundle in place.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ...contract.names import PageKind
from ..corpus.domain import corpus_of
from ..corpus.warnings import CorpusWarning, warn
from .search import NOT_SEARCHED, SEARCH_TEMPLATE, SEARCHED_DIGEST, pagefind_on

#: The folder of the site that holds the bundles.
BUNDLES = "pagefind"
#: The names of the bundles of topic pages (``topics-001`` and on) and of source pages.
TOPICS_BUNDLE, SOURCES_BUNDLE = "topics", "sources"
ENTRY = "pagefind-entry.json"
#: What a bundle was made from: Pagefind's version and options, then one page's output path a line.
MANIFEST = "borderlines-pages.txt"
#: Work folders inside ``pagefind/`` while a bundle is indexed; removed afterwards.
STAGING = ".staging-"
_DIGEST = re.compile(rf'{SEARCHED_DIGEST}="([0-9a-f]+)"'.encode())


@dataclass(frozen=True)
class Bundle:
    """One Pagefind bundle: its folder under ``pagefind/`` and the pages it indexes, by docname."""

    name: str
    pages: tuple[str, ...]


def setup_bundles(app: Sphinx) -> None:
    """The search page's bundles, indexed after the build."""
    app.connect("html-page-context", add_bundles)
    app.connect("build-finished", index_bundles)


def search_bundles(env: BuildEnvironment, config: Config) -> list[Bundle]:
    """The bundles of a site: the topic pages, then the source pages in corpus order, each in runs of
    their bundle size."""
    corpus = corpus_of(env)
    topics = corpus.pages_of_kind(PageKind.TOPIC)
    return [
        *_runs(TOPICS_BUNDLE, topics, config.borderlines_search_topic_bundle_size),
        *_runs(SOURCES_BUNDLE, sorted(corpus.sources), config.borderlines_search_bundle_size),
    ]


def _runs(name: str, pages: list[str], size: int) -> list[Bundle]:
    return [
        Bundle(f"{name}-{number:03d}", tuple(pages[start : start + size]))
        for number, start in enumerate(range(0, len(pages), size), start=1)
    ]


def add_bundles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give the search page the address of each bundle; the first holds the interface (html-page-context)."""
    if templatename == SEARCH_TEMPLATE and pagefind_on(app):
        bundles = search_bundles(app.env, app.config)
        context["search_bundles"] = [context["pathto"](f"{BUNDLES}/{each.name}/", 1) for each in bundles]


def index_bundles(app: Sphinx, exception: BaseException | None) -> None:
    """Index with Pagefind each bundle that is missing or out of date (build-finished), as many at
    once as the build's ``-j`` allows: Pagefind indexes a bundle on one core, so on two a topic edit's
    two bundles (the topics' and a cited source's) take the time of the larger one. Each run's memory
    is one bundle's."""
    if exception is not None or not pagefind_on(app):
        return
    site = Path(app.outdir)
    builder = cast("StandaloneHTMLBuilder", app.builder)  # as pagefind_on checked
    bundles = search_bundles(app.env, app.config)
    _remove_all_but(site / BUNDLES, {each.name for each in bundles})
    options = pagefind_options(app)
    header = f"pagefind {version('pagefind')} {' '.join(options)}\n"
    stale: list[tuple[str, list[Path], str]] = []
    for bundle in bundles:
        files = [Path(builder.get_outfilename(page)) for page in bundle.pages]
        manifest = header + "".join(
            f"{name}\t{digest}\n" for name, digest in _digests(site, site / BUNDLES / bundle.name, files)
        )
        if _stale(site / BUNDLES / bundle.name, manifest):
            stale.append((bundle.name, files, manifest))
    with ThreadPoolExecutor(max(1, min(len(stale), app.parallel))) as runs:
        failed = runs.map(lambda each: _index(site, each[0], each[1], options, each[2]), stale)
        for (name, _files, _manifest), reason in zip(stale, list(failed), strict=True):
            if reason is not None:
                warn(f"Pagefind could not index the search bundle {name!r}: {reason}", CorpusWarning.SEARCH)


def pagefind_options(app: Sphinx) -> list[str]:
    """Pagefind's options for every bundle: the language, and the parts of pages not searched."""
    return ["--force-language", app.config.language or "en", "--exclude-selectors", ", ".join(NOT_SEARCHED)]


def _remove_all_but(folder: Path, bundles: set[str]) -> None:
    """Remove from ``folder`` what is not one of ``bundles`` (bundles no longer made, work folders, an
    older layout), but never an HTML page, which Sphinx wrote there."""
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name in bundles or path.suffix == ".html" or any(path.rglob("*.html")):
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _stale(bundle: Path, manifest: str) -> bool:
    """Whether a bundle must be indexed again: missing, or made from something else."""
    entry, made_from = bundle / ENTRY, bundle / MANIFEST
    return not entry.is_file() or not made_from.is_file() or made_from.read_text(encoding="utf-8") != manifest


def _digests(site: Path, bundle: Path, files: list[Path]) -> list[tuple[str, str]]:
    """Each page of a bundle, named from the site's root, with the digest of what Pagefind reads of
    it: as the bundle's manifest recorded it if the page is older than the bundle, else read from
    the page (or its modification time, for a page without one)."""
    entry, made_from = bundle / ENTRY, bundle / MANIFEST
    since = entry.stat().st_mtime_ns if entry.is_file() and made_from.is_file() else None
    recorded = dict(
        line.split("\t", 1)
        for line in (made_from.read_text(encoding="utf-8").splitlines()[1:] if since is not None else ())
        if "\t" in line
    )
    found = []
    for file in files:
        name = file.relative_to(site).as_posix()
        try:
            written = file.stat().st_mtime_ns
        except OSError:
            found.append((name, "missing"))
            continue
        digest = recorded.get(name) if since is not None and written <= since else None
        if digest is None:
            match = _DIGEST.search(file.read_bytes())
            digest = match.group(1).decode() if match else f"written {written}"
        found.append((name, digest))
    return found


def _index(site: Path, name: str, files: list[Path], options: list[str], manifest: str) -> str | None:
    """Index ``files`` into the bundle ``name`` afresh; None, or why Pagefind failed (the old one stays)."""
    folder = site / BUNDLES
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
    try:
        pages, output = work / "site", work / "bundle"
        for file in files:
            _stage(file, pages / file.relative_to(site))
        command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output)]
        result = subprocess.run([*command, *options, "--silent"], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()[-1]
        (output / MANIFEST).write_text(manifest, encoding="utf-8")
        shutil.rmtree(folder / name, ignore_errors=True)
        output.rename(folder / name)
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _stage(page: Path, staged: Path) -> None:
    """Put ``page`` at ``staged``: a hard link, or a copy where the file system has none."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(page, staged)
    except OSError:
        shutil.copyfile(page, staged)
