"""Placeholder nodes: left where a page shows something only known later, then filled in.

``source_header`` is filled as soon as its page is read (``pages.provenance``); the others once every
citation is resolved, when their page is written (``pages.fill``).
"""

from __future__ import annotations

from docutils import nodes


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


PLACEHOLDERS = (source_header, sources_table, coverage_report, cited_by, reuse_summary, reuse_report)
