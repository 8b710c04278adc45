"""The table of sources, and the link helper the corpus-wide summaries share."""

from __future__ import annotations

from collections.abc import Set
from contextlib import suppress

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .directives import sources_table
from .domain import corpus_of
from .markup import make_table
from .provenance import kind_label

_COLUMNS = (("Title", 5), ("Outlet", 2), ("Date", 2), ("Kind", 2), ("Passages", 1))


def fill_sources_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each sources-table placeholder in ``doctree`` with the table itself (doctree-resolved)."""
    for placeholder in list(doctree.findall(sources_table)):
        placeholder.replace_self(_sources(app, docname, placeholder.get("docnames")))


def summaries_to_reread(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """When any document comes or goes or changes, pages showing corpus-wide summaries are rebuilt."""
    if not (added or changed or removed):
        return []
    return sorted(set(corpus_of(env).summaries) - set(removed) - set(changed))


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
