"""The table of sources, and the link helper the corpus-wide summaries share."""

from __future__ import annotations

from contextlib import suppress

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from ...contract.names import kind_label
from ..corpus.domain import corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from ..corpus.nodes import sources_table
from ..corpus.records import SummaryKind
from .fill import CORPUS_FILL, PageNodes
from .markup import make_table
from .summaries import summaries_to_rewrite

_COLUMNS = (("Title", 5), ("Outlet", 2), ("Date", 2), ("Kind", 2), ("Passages", 1))


def setup_tables(app: Sphinx) -> None:
    """Tables of sources, on the index and the listing pages."""
    app.connect(CORPUS_RESOLVED, sources_tables_to_rewrite)
    app.connect(CORPUS_FILL, fill_sources_tables)


def sources_tables_to_rewrite(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> list[str]:
    """The pages with a table of every source, when a source's row changed (corpus-resolved); a
    listing page's table changes only with a source it lists, which is then read again."""
    corpus = corpus_of(env)
    return summaries_to_rewrite(corpus, SummaryKind.SOURCES, lambda: sorted(corpus.sources.items()))


def fill_sources_tables(app: Sphinx, page: PageNodes) -> None:
    """Replace each sources-table placeholder on the page with the table itself (corpus-fill)."""
    for placeholder in page.of(sources_table):
        placeholder.replace_self(_sources(app, page.docname, placeholder.get("docnames")))


def page_link(app: Sphinx, fromdoc: str, todoc: str, anchor: str, text: str, title: str = "") -> nodes.Node:
    """A link from ``fromdoc`` to ``todoc#anchor`` (with a hover ``title``), or plain text without pages."""
    with suppress(NoUri):
        return make_refnode(app.builder, fromdoc, todoc, anchor, nodes.Text(text), title or None)
    return nodes.Text(text)


def _sources(app: Sphinx, docname: str, listed: list[str] | None) -> nodes.table:
    known = corpus_of(app.env).sources
    if listed:
        sources = [known[name] for name in listed if name in known]
    else:
        sources = sorted(known.values(), key=lambda s: (s.date, s.title))
    rows = [
        [
            page_link(app, docname, source.docname, "", source.title),
            nodes.Text(source.outlet),
            nodes.Text(source.date or "unknown"),
            nodes.Text(kind_label(source.kind)),
            nodes.Text(str(source.passages)),
        ]
        for source in sources
    ]
    return make_table(_COLUMNS, rows, "corpus-sources")
