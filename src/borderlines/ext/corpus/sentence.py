"""The sentence of a page that holds a citation, as a reader sees it, for the annotations export."""

from __future__ import annotations

import re

from docutils import nodes
from sentencex import segment
from sphinx.addnodes import pending_xref

from ...contract.names import DOMAIN, Role
from .quotes import QuoteSyntaxError, parse_quote

_SPACE = re.compile(r"\s+")
_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")


def citing_sentence(citation: pending_xref) -> str:
    """The sentence around ``citation`` in its paragraph: quotes shown as quoted words, bare citation
    markers left out, white space collapsed; the whole paragraph if it cannot be split."""
    block = citation.parent
    while block is not None and not (
        isinstance(block, nodes.TextElement) and not isinstance(block, nodes.Inline)
    ):
        block = block.parent
    if block is None:
        return ""
    parts: list[str] = []
    where = [0, 0]

    def walk(element: nodes.Element) -> None:
        for child in element.children:
            if isinstance(child, pending_xref) and child.get("refdomain") == DOMAIN:
                shown = _shown(child)
                if child is citation:
                    start = sum(map(len, parts))
                    where[:] = [start, start + len(shown)]
                parts.append(shown)
            elif isinstance(child, nodes.Text):
                parts.append(child.astext())
            elif isinstance(child, nodes.Element):
                walk(child)

    walk(block)
    text = "".join(parts)
    return _tidy(_sentence_at(text, where[0], where[1]))


def _shown(citation: pending_xref) -> str:
    """What a citation adds to its sentence's words: a quote's words, an author's label, or nothing."""
    if citation.get("reftype") == Role.QUOTE:
        try:
            return f"“{parse_quote(str(citation['reftarget'])).words}”"
        except QuoteSyntaxError:
            return ""
    return citation.astext() if citation.get("refexplicit") else ""


def _sentence_at(text: str, start: int, end: int) -> str:
    try:
        pieces = [str(piece) for piece in segment("en", text)]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # sentencex is Rust: its panics are BaseExceptions
        return text
    if "".join(pieces) != text:
        return text
    offset = 0
    for piece in pieces:
        first, last = offset, offset + len(piece)
        offset = last
        inside = first < end and start < last if end > start else first < start <= last
        if inside or (start == end == 0 and first == 0):
            return piece
    return text


def _tidy(text: str) -> str:
    return _BEFORE_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", text)).strip()
