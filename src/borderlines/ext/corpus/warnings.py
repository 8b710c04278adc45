"""The one way the corpus extension warns: typed ``corpus.<subtype>`` so it can be asserted or muted."""

from __future__ import annotations

from enum import StrEnum

from docutils.nodes import Node
from sphinx.util import logging

from ...contract.names import DOMAIN

Location = str | tuple[str | None, int | None] | Node | None

logger = logging.getLogger("borderlines")


class CorpusWarning(StrEnum):
    """Subtypes of the ``corpus`` warning type."""

    PASSAGE = "passage"
    """A passage directive whose sentence IDs and sentences do not match, or whose ID is malformed."""
    DUPLICATE_ID = "duplicate-id"
    """A passage ID used twice in the corpus."""
    SOURCE = "source"
    """A source directive on a page without generated provenance front matter."""
    CONFIG = "config"
    """A configuration that would let seed text become markup."""
    UNKNOWN_PASSAGE = "unknown-passage"
    """A citation of a passage ID that no source page has."""
    UNKNOWN_SOURCE = "unknown-source"
    """A citation naming a source slug that no source page has."""
    QUOTE_NOT_FOUND = "quote-not-found"
    """A quote citation whose words stand nowhere in the named source."""
    QUOTE_AMBIGUOUS = "quote-ambiguous"
    """A quote citation whose words stand in more than one place in the named source."""
    CITATION_SYNTAX = "citation-syntax"
    """A citation that cannot be read (for example ``[[`` without ``]]``)."""
    ENTITY_REGISTRY = "entity-registry"
    """The entity registry cannot be read: the message names the file, the line and the entry."""
    UNKNOWN_ENTITY = "unknown-entity"
    """An entity link naming an id the registry does not have."""
    REUSED_SUPPORT = "reused-support"
    """A sentence offering as separate support two passages that are one text (a reuse cluster)."""
    SEARCH = "search"
    """Pagefind could not build the search index."""
    CLAIM = "claim"
    """A claim without two attributed answers, or an answer that cites nothing."""
    EVENT = "event"
    """An event whose date is not EDTF, that has no title, or that cites nothing."""


def warn(message: str, subtype: CorpusWarning, location: Location = None) -> None:
    """Emit a ``corpus.<subtype>`` warning at ``location`` (a node, or a (docname, line) pair)."""
    logger.warning(message, type=DOMAIN, subtype=subtype.value, location=location)
