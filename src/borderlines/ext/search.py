"""Search with Pagefind: a static index that readers load in small fragments, filtered by outlet, kind,
date and topic.

Sphinx's own index is one file every reader loads whole (about 2.3 MB per 1,000 articles) and costs
about a third of a build. With Furo, Sphinx's indexer is switched off; after the build, Pagefind (a
compiled binary shipped on PyPI) indexes the source and topic pages into ``_build/html/pagefind/``,
and ``search.html`` runs Pagefind's interface.
"""

from __future__ import annotations

import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

from .domain import corpus_of
from .provenance import kind_label
from .warnings import CorpusWarning, warn

BUNDLE = "pagefind"
TOPIC_KIND = "Topic page"
#: The folders of the pages searched (see ``search_filters``): source pages and topic pages.
SEARCHED = ("sources", "topics")
#: Parts of a page that are about the page, not its text: not searched.
NOT_SEARCHED = (".corpus-provenance", ".corpus-backlinks", ".corpus-cited-by", ".headerlink")


def pagefind_on(app: Sphinx) -> bool:
    """Whether this build searches with Pagefind: an HTML build with Furo (the search page is Furo's)."""
    return isinstance(app.builder, StandaloneHTMLBuilder) and app.config.html_theme == "furo"


def add_search_page(app: Sphinx, config: Config) -> None:
    """Serve Pagefind's interface as ``search.html`` (config-inited)."""
    if config.html_theme == "furo":
        config.html_additional_pages = {"search": "corpus-search.html", **config.html_additional_pages}


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
    if pagename.startswith("topics/"):
        return {"kind": [TOPIC_KIND], "topic": [title]}
    return None


def index_site(app: Sphinx, exception: BaseException | None) -> None:
    """Run Pagefind over the built site when a searched page changed since it last ran (build-finished)."""
    if exception is not None or not pagefind_on(app):
        return
    site = Path(app.outdir)
    entry = site / BUNDLE / "pagefind-entry.json"
    if entry.exists() and not _changed_since(site, entry.stat().st_mtime_ns):
        return
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--force-language",
        app.config.language or "en",
        "--exclude-selectors",
        ", ".join(NOT_SEARCHED),
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()[-1]
        warn(f"Pagefind could not index the site: {reason}", CorpusWarning.SEARCH)


def _changed_since(site: Path, mtime_ns: int) -> bool:
    """Whether a source or topic page was written after ``mtime_ns`` (Sphinx rewrites its own search
    and index pages on every build, so they cannot tell)."""
    return any(
        path.stat().st_mtime_ns > mtime_ns for folder in SEARCHED for path in (site / folder).glob("*.html")
    )
