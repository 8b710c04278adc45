"""Which sentence of a page holds each citation, so that what one sentence cites can be weighed together."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes
from sphinx.addnodes import pending_xref

#: The end of a sentence in a topic page's prose: a full stop, question or exclamation mark (and any
#: closing quote or bracket), white space, then what may begin a sentence.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentence_keys(citations: Sequence[pending_xref]) -> list[str]:
    """For each citation, ``"<paragraph>.<sentence>"``: its paragraph's place among the paragraphs
    holding citations, and the sentence of that paragraph it stands in, both counted from 1."""
    paragraphs: dict[int, tuple[int, nodes.Element]] = {}
    keys = []
    for citation in citations:
        paragraph = _paragraph_of(citation)
        if paragraph is None:
            keys.append("")
            continue
        number, _ = paragraphs.setdefault(id(paragraph), (len(paragraphs) + 1, paragraph))
        before = _text_before(paragraph, citation)
        keys.append(f"{number}.{len(_SENTENCE_END.findall(before)) + 1}")
    return keys


def _paragraph_of(node: nodes.Node) -> nodes.Element | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.paragraph):
        parent = parent.parent
    return parent


def _text_before(paragraph: nodes.Element, citation: pending_xref) -> str:
    """The paragraph's prose before ``citation``, leaving out the text of citations themselves."""
    pieces: list[str] = []
    for node in paragraph.findall(lambda n: isinstance(n, (nodes.Text, pending_xref))):
        if node is citation:
            break
        if isinstance(node, nodes.Text) and not _inside_citation(node, paragraph):
            pieces.append(node.astext())
        elif isinstance(node, pending_xref):
            pieces.append(" ")
    return "".join(pieces)


def _inside_citation(node: nodes.Node, paragraph: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None and parent is not paragraph:
        if isinstance(parent, pending_xref):
            return True
        parent = parent.parent
    return False
