"""Search with Pagefind: a static index that readers load in small fragments, filtered by outlet, kind,
date and topic.

Sphinx's own index is one file every reader loads whole (about 2.3 MB per 1,000 articles) and costs
about a third of a build. With Furo, Sphinx's indexer is switched off; after the build, Pagefind (a
compiled binary shipped on PyPI) indexes the source and topic pages into ``_build/html/pagefind/``,
and ``search.html`` runs Pagefind's interface.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .domain import corpus_of
from .provenance import kind_label
from .warnings import CorpusWarning, warn

#: The folder of the site that holds the bundles.
BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"
#: The pages a bundle was made from, one output path a line: a bundle that lost or gained a page is stale.
MANIFEST = "borderlines-pages.txt"
#: Pages a bundle holds at most. Pagefind takes about 6.5 ms and 0.3 MB a page (1,000 synthetic source
#: pages: 6.5 s, 306 MB), so a topic edit, which re-indexes up to three bundles, costs seconds, not a
#: re-index of the corpus; a reader's first search loads each bundle's entry files (about 75 kB each).
BUNDLE_SIZE = 500
SEARCH_TEMPLATE = "corpus-search.html"
_GLOB_SPECIAL = re.compile(r"[\\*?\[\]{},!]")
TOPIC_KIND = "Topic page"
#: The folder of the topic pages, searched with the source pages (see ``search_filters``).
TOPICS = "topics"
#: Parts of a page that are about the page, not its text: not searched.
NOT_SEARCHED = (".corpus-provenance", ".corpus-backlinks", ".corpus-cited-by", ".headerlink")


def pagefind_on(app: Sphinx) -> bool:
    """Whether this build searches with Pagefind: an HTML build with Furo (the search page is Furo's)."""
    return isinstance(app.builder, StandaloneHTMLBuilder) and app.config.html_theme == "furo"


def add_search_page(app: Sphinx, config: Config) -> None:
    """Serve Pagefind's interface as ``search.html``; refuse an empty bundle size (config-inited)."""
    if config.borderlines_search_bundle_size < 1:
        size = config.borderlines_search_bundle_size
        warn(
            f"borderlines_search_bundle_size must be at least 1, not {size}; using {BUNDLE_SIZE}",
            CorpusWarning.CONFIG,
        )
        config.borderlines_search_bundle_size = BUNDLE_SIZE
    if config.html_theme == "furo":
        config.html_additional_pages = {"search": SEARCH_TEMPLATE, **config.html_additional_pages}


def switch_off_sphinx_index(app: Sphinx) -> None:
    """Sphinx builds no ``searchindex.js`` and no search page of its own (builder-inited)."""
    if pagefind_on(app):
        app.builder.search = False  # type: ignore[attr-defined]


def mark_for_search(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Wrap the text of source and topic pages for Pagefind, with their filters (html-page-context)."""
    if not pagefind_on(app) or not isinstance(context.get("body"), str):
        return
    filters = search_filters(app, pagename, str(context.get("title", "")))
    if filters is None:
        return
    marks = "".join(
        f'<span hidden data-pagefind-filter="{name}[data-value]" data-value="{escape(value)}"></span>'
        for name, values in filters.items()
        for value in values
    )
    context["body"] = f"<div data-pagefind-body>{marks}{context['body']}</div>"


def search_filters(app: Sphinx, pagename: str, title: str) -> dict[str, list[str]] | None:
    """A page's filter values, or None for pages that are not searched (indexes, about pages)."""
    corpus = corpus_of(app.env)
    source = corpus.sources.get(pagename)
    if source is not None:
        citing = {link.doc_title for link in corpus.derived["backlinks"].get(pagename, ())}
        return {
            "outlet": [source.outlet or "Unknown"],
            "kind": [kind_label(source.kind)],
            "date": [source.date[:7] if source.date else "Unknown"],
            "topic": sorted(citing),
        }
    if pagename.startswith(f"{TOPICS}/"):
        return {"kind": [TOPIC_KIND], "topic": [title]}
    return None


@dataclass(frozen=True)
class Bundle:
    """One Pagefind bundle: its folder under ``pagefind/`` and the pages it indexes, by docname."""

    name: str
    pages: tuple[str, ...]


def search_bundles(env: BuildEnvironment, size: int) -> list[Bundle]:
    """The bundles of a site: the topic pages, then the source pages in corpus order, ``size`` a bundle.

    Pagefind has no incremental mode and holds every page it indexes in memory, so one bundle for the
    whole site is re-indexed whole on any change and grows with the corpus; bounded bundles are
    re-indexed only when one of their pages changed, and the search page merges them.
    """
    topics = tuple(sorted(doc for doc in env.found_docs if doc.startswith(f"{TOPICS}/")))
    sources = sorted(corpus_of(env).sources)
    bundles = [Bundle(TOPICS, topics)] if topics else []
    for number, start in enumerate(range(0, len(sources), size), start=1):
        bundles.append(Bundle(f"sources-{number:03d}", tuple(sources[start : start + size])))
    return bundles


def add_bundles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give the search page the address of each bundle; the first holds the interface (html-page-context)."""
    if templatename == SEARCH_TEMPLATE and pagefind_on(app):
        bundles = search_bundles(app.env, app.config.borderlines_search_bundle_size)
        context["search_bundles"] = [context["pathto"](f"{BUNDLE}/{each.name}/", 1) for each in bundles]


def index_site(app: Sphinx, exception: BaseException | None) -> None:
    """Index with Pagefind each bundle one of whose pages changed since it was indexed (build-finished)."""
    if exception is not None or not pagefind_on(app):
        return
    site = Path(app.outdir)
    bundles = search_bundles(app.env, app.config.borderlines_search_bundle_size)
    _remove_all_but(site / BUNDLE, {each.name for each in bundles})
    builder = cast("StandaloneHTMLBuilder", app.builder)  # as pagefind_on checked
    files = {each.name: [Path(builder.get_outfilename(page)) for page in each.pages] for each in bundles}
    stale = [each for each in bundles if _stale(site, each.name, files[each.name])]
    with ThreadPoolExecutor(max(1, app.parallel)) as pool:
        failures = list(pool.map(lambda each: _index(app, site, each.name, files[each.name]), stale))
    for reason in filter(None, failures):
        warn(f"Pagefind could not index the site: {reason}", CorpusWarning.SEARCH)


def _remove_all_but(folder: Path, bundles: set[str]) -> None:
    """Remove from ``folder`` what is not one of ``bundles``: bundles no longer made, older layouts."""
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_dir() and path.name not in bundles:
            shutil.rmtree(path)
        elif not path.is_dir():
            path.unlink()


def _stale(site: Path, name: str, files: list[Path]) -> bool:
    """Whether a bundle must be indexed again: it is missing, holds other pages, or one was rewritten."""
    entry, manifest = site / BUNDLE / name / ENTRY, site / BUNDLE / name / MANIFEST
    if not entry.exists() or not manifest.exists():
        return True
    if manifest.read_text(encoding="utf-8") != _manifest(site, files):
        return True
    since = entry.stat().st_mtime_ns
    return any(not file.exists() or file.stat().st_mtime_ns > since for file in files)


def _manifest(site: Path, files: list[Path]) -> str:
    return "".join(f"{file.relative_to(site).as_posix()}\n" for file in files)


def _index(app: Sphinx, site: Path, name: str, files: list[Path]) -> str | None:
    """Index ``files`` into the bundle ``name``, from scratch; the reason if Pagefind failed."""
    folder = site / BUNDLE / name
    shutil.rmtree(folder, ignore_errors=True)
    pages = ",".join(_GLOB_SPECIAL.sub(r"\\\g<0>", file.relative_to(site).as_posix()) for file in files)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        f"{{{pages}}}",
        "--output-path",
        str(folder),
        "--force-language",
        app.config.language or "en",
        "--exclude-selectors",
        ", ".join(NOT_SEARCHED),
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()[-1]
    (folder / MANIFEST).write_text(_manifest(site, files), encoding="utf-8")
    return None
