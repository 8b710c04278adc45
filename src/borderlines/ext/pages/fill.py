"""One walk of each page before it is written, handing what it finds to the features that fill it.

Every feature that shows derived data on a page connects to ``corpus-fill`` and takes from
``PageNodes`` the nodes it fills: placeholders by type, corpus elements by CSS class, links. The page
is walked once, however many features there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx

from ..corpus.nodes import Placeholder

CORPUS_FILL = "corpus-fill"
#: Elements with a class of this prefix are handed to the features by that class.
_CLASS_PREFIX = "corpus-"


@dataclass
class PageNodes:
    """What a feature may fill on one page, found in one walk, each in document order."""

    docname: str
    doctree: nodes.document
    placeholders: dict[type[Placeholder], list[Placeholder]] = field(default_factory=dict)
    by_class: dict[str, list[nodes.Element]] = field(default_factory=dict)
    references: list[nodes.reference] = field(default_factory=list)

    def of(self, kind: type[Placeholder]) -> list[Placeholder]:
        """The page's placeholders of ``kind``."""
        return self.placeholders.get(kind, [])

    def with_class(self, name: str) -> list[nodes.Element]:
        """The page's elements with the CSS class ``name`` (one of the corpus's, ``corpus-…``)."""
        return self.by_class.get(name, [])


def setup_fill(app: Sphinx) -> None:
    """Declare ``corpus-fill`` and walk each page once before it is written."""
    app.add_event(CORPUS_FILL)
    app.connect("doctree-resolved", fill_page)


def fill_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Find what the features fill, then let each fill its part (doctree-resolved)."""
    page = PageNodes(docname, doctree)
    for node in doctree.findall(nodes.Element):
        if isinstance(node, Placeholder):
            page.placeholders.setdefault(type(node), []).append(node)
        elif isinstance(node, nodes.reference):
            page.references.append(node)
        for name in node["classes"]:
            if name.startswith(_CLASS_PREFIX):
                page.by_class.setdefault(name, []).append(node)
    app.emit(CORPUS_FILL, page)
