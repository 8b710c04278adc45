"""The one way the corpus extension warns: typed ``corpus.<subtype>`` so it can be asserted or muted."""

from __future__ import annotations

from enum import StrEnum

from docutils.nodes import Node
from sphinx.util import logging

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


def warn(message: str, subtype: CorpusWarning, location: Location = None) -> None:
    """Emit a ``corpus.<subtype>`` warning at ``location`` (a node, or a (docname, line) pair)."""
    logger.warning(message, type="corpus", subtype=subtype.value, location=location)
