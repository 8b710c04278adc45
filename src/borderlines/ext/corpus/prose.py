"""The prose of a hand-written page where entity mentions are looked for: its paragraphs' own words.

A run is one paragraph's text nodes outside citations, links, code, titles and placeholders. The page
is read the same way when it is read (the domain records the runs' text) and when it is written
(``ext.entities.marks`` marks the mentions found in that text), so offsets agree.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from .nodes import Placeholder
from .roles import CITATION_CLASS

#: Between two text nodes of a run: no alias holds it, so no mention straddles two nodes.
SEPARATOR = " | "
_SKIPPED = (
    nodes.reference,
    addnodes.pending_xref,
    nodes.literal,
    nodes.FixedTextElement,
    nodes.raw,
    nodes.title,
    nodes.comment,
    Placeholder,
)
_SKIPPED_CLASSES = frozenset({CITATION_CLASS, "corpus-preview", "corpus-entity"})


def _skipped(node: nodes.Node | None) -> bool:
    while node is not None:
        if isinstance(node, _SKIPPED):
            return True
        if isinstance(node, nodes.Element) and _SKIPPED_CLASSES.intersection(node["classes"]):
            return True
        node = node.parent
    return False


def prose_runs(document: nodes.Node) -> list[list[nodes.Text]]:
    """Each paragraph's text nodes where mentions may be marked, in page order (empty runs left out)."""
    runs: list[list[nodes.Text]] = []
    for paragraph in document.findall(nodes.paragraph):
        if _skipped(paragraph):
            continue
        texts = [text for text in paragraph.findall(nodes.Text) if not _skipped(text.parent)]
        if texts:
            runs.append(texts)
    return runs


def run_text(run: list[nodes.Text]) -> str:
    """The words of a run, its text nodes joined by ``SEPARATOR``."""
    return SEPARATOR.join(text.astext() for text in run)
