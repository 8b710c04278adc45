"""The table of sources, built after reading so it always lists every source page."""

from __future__ import annotations

from collections.abc import Set
from contextlib import suppress
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .directives import sources_table
from .provenance import kind_label

if TYPE_CHECKING:
    from .domain import CorpusDomain

_COLUMNS = (("Title", 5), ("Outlet", 2), ("Date", 2), ("Kind", 2), ("Passages", 1))


def corpus_of(env: BuildEnvironment) -> CorpusDomain:
    """The corpus domain of ``env``."""
    return cast("CorpusDomain", env.domains["corpus"])


def fill_sources_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each sources-table placeholder in ``doctree`` with the table itself."""
    for placeholder in list(doctree.findall(sources_table)):
        placeholder.replace_self(_table(app, docname))


def tables_to_reread(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """When any document comes or goes or changes, pages showing the sources table are rebuilt."""
    if not (added or changed or removed):
        return []
    return sorted(set(corpus_of(env).tables) - set(removed) - set(changed))


def _table(app: Sphinx, docname: str) -> nodes.table:
    sources = sorted(corpus_of(app.env).sources.values(), key=lambda s: (s.date, s.title))
    group = nodes.tgroup(cols=len(_COLUMNS))
    group += [nodes.colspec(colwidth=width) for _, width in _COLUMNS]
    group += nodes.thead("", _row([nodes.Text(label) for label, _ in _COLUMNS]))
    body = nodes.tbody()
    for source in sources:
        title: nodes.Node = nodes.Text(source.title)
        with suppress(NoUri):
            title = make_refnode(app.builder, docname, source.docname, "", nodes.Text(source.title))
        body += _row(
            [
                title,
                nodes.Text(source.outlet),
                nodes.Text(source.date or "unknown"),
                nodes.Text(kind_label(source.kind)),
                nodes.Text(str(source.passages)),
            ]
        )
    group += body
    return nodes.table("", group, classes=["corpus-sources"])


def _row(cells: list[nodes.Node]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))
