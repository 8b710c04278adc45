"""The sentence of a page that holds a citation, as a reader sees it, for the annotations export.

Topic pages are the project's own prose, so a plain rule splits them: a sentence ends at ``.``, ``!``
or ``?`` (and any closing quotes or brackets) before white space and a capital, a digit or an opening
quote, except after an initial or a common abbreviation. The extension never loads the converter's
segmenter (sentencex), whose boundaries name passages: a topic page's sentences name nothing.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.addnodes import pending_xref

from ...contract.names import DOMAIN, Role
from .display import LATER_MARK
from .nodes import entity_ref
from .quotes import QuoteSyntaxError, parse_quote

_SPACE = re.compile(r"\s+")
_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")
_BOUNDARY = re.compile(r"([.!?][\"”’)\]]*)\s+(?=[A-Z0-9“\"‘(\x00])")
_NOT_AN_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|No|vs|etc|e\.g|i\.e|U\.S))\.$")


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
    shown_at: list[tuple[int, int]] = []  # what each citation shows: a quotation is never split

    def walk(element: nodes.Element) -> None:
        """Gather the words of ``element``, noting where each citation stands."""
        for child in element.children:
            if isinstance(child, pending_xref) and child.get("refdomain") == DOMAIN:
                shown, start = _shown(child), sum(map(len, parts))
                shown_at.append((start, start + len(shown)))
                if child is citation:
                    where[:] = [start, start + len(shown)]
                parts.append(shown)
            elif isinstance(child, entity_ref):
                parts.append(str(child["label"]) or f"{LATER_MARK}entity:{child['entity']}{LATER_MARK}")
            elif isinstance(child, nodes.Text):
                parts.append(child.astext())
            elif isinstance(child, nodes.Element):
                walk(child)

    walk(block)
    text = "".join(parts)
    return _tidy(_sentence_at(text, where[0], where[1], shown_at))


def _shown(citation: pending_xref) -> str:
    """What a citation adds to its sentence's words: a quote's words, an author's label, the place of
    a source's title (known once it resolves: ``display.shown_sentence``), or nothing."""
    if citation.get("reftype") == Role.QUOTE:
        try:
            return f"“{parse_quote(str(citation['reftarget'])).words}”"
        except QuoteSyntaxError:
            return ""
    if citation.get("refexplicit"):
        return citation.astext()
    if citation.get("reftype") == Role.SOURCE:
        return f"{LATER_MARK}source:{citation['reftarget']}{LATER_MARK}"
    return ""


def _sentence_at(text: str, start: int, end: int, unbroken: list[tuple[int, int]]) -> str:
    """The sentence of ``text`` holding ``[start, end)`` (or, for an empty span, the one ``start`` is in),
    never ending one inside an ``unbroken`` span."""
    spans, first = [], 0
    for boundary in _BOUNDARY.finditer(text):
        inside = any(low < boundary.start(1) < high for low, high in unbroken)
        if not inside and not _NOT_AN_END.search(text, 0, boundary.start(1) + 1):
            spans.append((first, boundary.end(1)))
            first = boundary.end()
    spans.append((first, len(text)))
    for first, last in spans:
        if (first < end and start < last) if end > start else first <= start <= last:
            return text[first:last]
    return text


def _tidy(text: str) -> str:
    return _BEFORE_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", text)).strip()
