"""Entities at build time: the registry's mentions marked on source and topic pages, a page per entity,
and the entity listings.

The library (``borderlines.entities``) finds the mentions; this feature runs it after every document
is read (``derive``, on ``corpus-resolved``), marks the pages being written (``marks``, on
``corpus-fill``), writes the entity pages and listings (``pages``, on ``html-collect-pages``), and
fills the index's summary (``summary``). Nothing reaches the converter: an edit of the registry never
regenerates a source page or changes a passage ID.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..corpus.events import CORPUS_RESOLVED
from ..pages.fill import CORPUS_FILL
from .derive import DEFAULT_REGISTRY, derive_entities
from .marks import mark_page
from .nodes import setup_nodes
from .pages import collect_pages
from .summary import fill_entity_index


def setup_entities(app: Sphinx) -> None:
    """The registry's path, the nodes, and the feature's handlers."""
    app.add_config_value("borderlines_entities", DEFAULT_REGISTRY, "env", types=[str])
    setup_nodes(app)
    app.add_js_file("borderlines-entities.js", loading_method="defer")
    app.connect(CORPUS_RESOLVED, derive_entities)
    app.connect(CORPUS_FILL, mark_page)
    app.connect(CORPUS_FILL, fill_entity_index)
    app.connect("html-collect-pages", collect_pages)
