"""How one passage's words differ from another's: struck (``<del>``) where only this passage has them,
underlined (``<ins>``) where only the other has, the identical words between, long runs shortened."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ...reuse.align import Alignment
from ...reuse.tokens import words

#: Identical words kept on each side of a difference; a longer run is shortened with an ellipsis.
CONTEXT_WORDS = 6
ELLIPSIS = "…"


class reuse_deleted(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lowercase)
    """Words only the passage on this page has: ``<del>``."""


class reuse_inserted(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Words only the other passage has: ``<ins>``."""


def setup_reuse_diff(app: Sphinx) -> None:
    """``<del>`` and ``<ins>`` in HTML; plain words in other formats."""
    plain = (_plain, _plain)
    app.add_node(reuse_deleted, html=(_visit("del"), _depart("del")), text=plain, latex=plain)
    app.add_node(reuse_inserted, html=(_visit("ins"), _depart("ins")), text=plain, latex=plain)


def difference(here: str, there: str, alignment: Alignment) -> list[nodes.Node]:
    """The other passage's words over the shared span, with what differs from ``here`` marked."""
    mine, theirs = words(here), words(there)
    if alignment.span[1] > len(mine) or alignment.span[3] > len(theirs):
        return [nodes.Text(" ".join(theirs))]  # an alignment of other text (never within one build)
    shown: list[nodes.Node] = []
    last = len(alignment.opcodes) - 1
    for index, (tag, i1, i2, j1, j2) in enumerate(alignment.opcodes):
        if tag == "equal":
            shown.append(nodes.Text(_shortened(theirs[j1:j2], index == 0, index == last) + " "))
            continue
        if i2 > i1:
            shown += [reuse_deleted("", " ".join(mine[i1:i2])), nodes.Text(" ")]
        if j2 > j1:
            shown += [reuse_inserted("", " ".join(theirs[j1:j2])), nodes.Text(" ")]
    if shown and isinstance(shown[-1], nodes.Text):
        shown[-1] = nodes.Text(shown[-1].astext().rstrip())
    if alignment.span[2] > 0 and not shown[0].astext().startswith(ELLIPSIS):
        shown.insert(0, nodes.Text(ELLIPSIS + " "))
    if alignment.span[3] < len(theirs) and not shown[-1].astext().endswith(ELLIPSIS):
        shown.append(nodes.Text(" " + ELLIPSIS))
    return shown


def _shortened(run: list[str], first: bool, last: bool) -> str:
    keep_start = 0 if first else CONTEXT_WORDS
    keep_end = 0 if last else CONTEXT_WORDS
    if (first and last) or len(run) <= keep_start + keep_end + 1:
        return " ".join(run)
    head = run[:keep_start]
    tail = run[len(run) - keep_end :] if keep_end else []
    return " ".join([*head, ELLIPSIS, *tail])


def _visit(tag: str) -> Any:
    def visit(translator: Any, node: nodes.Element) -> None:
        translator.body.append(translator.starttag(node, tag, ""))

    return visit


def _depart(tag: str) -> Any:
    def depart(translator: Any, node: nodes.Element) -> None:
        translator.body.append(f"</{tag}>")

    return depart


def _plain(translator: Any, node: nodes.Element) -> None:
    """Other writers show the words as they are."""
