"""Placeholder nodes: left where a page shows something only known later, then filled in.

``source_header`` is filled as soon as its page is read (``pages.provenance``); the others once every
citation is resolved, when their page is written (``pages.fill``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

Visitor = Callable[[Any, Any], None]


class Placeholder(nodes.General, nodes.Element):
    """A node that a feature replaces before the page is written; it never reaches a writer."""


class source_header(Placeholder):  # noqa: N801 (docutils names nodes in lowercase)
    """A source page's byline and provenance panel, built from the page's metadata."""


class sources_table(Placeholder):  # noqa: N801
    """The table of sources (``docnames``: those listed; else all), once every document is read."""


class coverage_report(Placeholder):  # noqa: N801
    """The coverage report (``docnames``: of those sources; else of all), once citations are resolved."""


class cited_by(Placeholder):  # noqa: N801
    """A source page's "Cited by" summary, once citations are resolved."""


class reuse_summary(Placeholder):  # noqa: N801
    """A source page's "N passages shared with …" line, once reuse between sources is found."""


class reuse_report(Placeholder):  # noqa: N801
    """The reuse clusters (``docnames``: those touching these sources; else all, or one row per listing)."""


class entity_ref(Placeholder):  # noqa: N801
    """A topic page's link to an entity (``entity``: its id; its text: the author's, or ""), once the
    registry is read."""


class entity_index(Placeholder):  # noqa: N801
    """The summary of the entity index: per type, its entities, mentions and listing pages."""


class source_claims(Placeholder):  # noqa: N801
    """A source page's list of the disputed claims that cite it, once citations are resolved."""


class source_events(Placeholder):  # noqa: N801
    """A source page's list of the events that cite it, once citations are resolved."""


class claim_sources(Placeholder):  # noqa: N801
    """A claim answer's sources and dates (``citations``: the answer's citation IDs), once resolved."""


class claims_index(Placeholder):  # noqa: N801
    """Every claim of every topic page, once every document is read."""


class timeline_index(Placeholder):  # noqa: N801
    """Every event in date order, once every document is read and citations are resolved."""


PLACEHOLDERS = (
    source_header,
    sources_table,
    coverage_report,
    cited_by,
    entity_ref,
    entity_index,
    source_claims,
    source_events,
    claim_sources,
    claims_index,
    timeline_index,
    reuse_summary,
    reuse_report,
)


class event_item(nodes.General, nodes.Element):  # noqa: N801
    """An event where it is written: an element of class ``corpus-event`` with its EDTF ``data-date``."""


def visit_event_item(translator: HTML5Translator, node: event_item) -> None:
    """Open ``<div class="corpus-event" data-date="…">``."""
    attributes = {"data-date": node["date"]}
    for name in ("topics", "entities"):
        if node.get(name):
            attributes[f"data-{name}"] = node[name]
    translator.body.append(translator.starttag(node, "div", **attributes))


def depart_event_item(translator: HTML5Translator, node: event_item) -> None:
    """Close the event's ``<div>``."""
    translator.body.append("</div>\n")


def visit_plain(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Other writers show an event as its contents."""


def depart_plain(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Nothing to close."""


def add_html_node(app: Sphinx, node: type[nodes.Element], visit: Visitor, depart: Visitor) -> None:
    """Register a node that HTML writes with ``visit`` and ``depart``, and every other writer as its
    contents."""
    plain = (visit_plain, depart_plain)
    app.add_node(node, html=(visit, depart), text=plain, latex=plain, man=plain, texinfo=plain)
