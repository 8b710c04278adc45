"""The corpus model: the domain and its records, the roles and directives, resolving citations and
matching quotes, and the ``corpus-resolved`` event that features plug into."""

from __future__ import annotations

from sphinx.application import Sphinx

from .domain import CorpusDomain
from .events import setup_events
from .nodes import PLACEHOLDERS, add_html_node, depart_event_item, event_item, visit_event_item
from .resolve import refresh
from .roles import MarkUnresolved


def setup_corpus(app: Sphinx) -> None:
    """The domain, its placeholders and event; resolve every citation once all documents are read."""
    app.add_domain(CorpusDomain)
    setup_events(app)
    for placeholder in PLACEHOLDERS:
        app.add_node(placeholder)
    add_html_node(app, event_item, visit_event_item, depart_event_item)
    app.add_post_transform(MarkUnresolved)
    app.connect("env-get-updated", refresh)
