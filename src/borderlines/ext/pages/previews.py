"""A preview beside each citation: the cited passage (quoted words marked), its source, outlet and date.

It is plain, hidden markup next to the link; ``static/borderlines.js`` shows it on hover, focus or
tap. Without JavaScript the link still opens the passage, and its ``title`` carries the text.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx.application import Sphinx

from ..corpus.display import CitationView, citation_view
from ..corpus.domain import corpus_of
from ..corpus.roles import CITATION_CLASS
from .fill import CORPUS_FILL, PageNodes

PREVIEW_CLASS = "corpus-preview"


def setup_previews(app: Sphinx) -> None:
    """Previews on every page that cites."""
    app.connect(CORPUS_FILL, add_previews)


def add_previews(app: Sphinx, page: PageNodes) -> None:
    """Put a hidden preview after every resolved citation on the page (corpus-fill)."""
    corpus = corpus_of(app.env)
    resolutions = corpus.derived.resolutions.get(page.docname)
    if not resolutions:
        return
    for wrapper in page.with_class(CITATION_CLASS):
        resolved = resolutions.get(wrapper["ids"][0]) if wrapper["ids"] else None
        if resolved is not None:
            wrapper.append(preview(citation_view(corpus, resolved)))


def preview(view: CitationView) -> nodes.inline:
    """The preview of one citation."""
    about = nodes.inline(
        "",
        "",
        nodes.emphasis(view.source_title, view.source_title),
        nodes.Text(f" — {view.source_byline}"),
        classes=["corpus-preview-source"],
    )
    parts: list[nodes.Node] = [about]
    if view.text:
        parts.append(nodes.inline("", "", *_marked(view), classes=["corpus-preview-text"]))
    return nodes.inline("", "", *parts, classes=[PREVIEW_CLASS])


def _marked(view: CitationView) -> list[nodes.Node]:
    text, quoted, start = view.text, view.quoted, view.quoted_at
    if quoted and text[start : start + len(quoted)] != quoted:  # not at its anchor: find it in NFC
        text = unicodedata.normalize("NFC", text)
        start = text.find(quoted)
    if not quoted or start == -1:
        return [nodes.Text(text)]
    end = start + len(quoted)
    mark = nodes.inline(quoted, quoted, classes=["corpus-mark"])
    return [nodes.Text(text[:start]), mark, nodes.Text(text[end:])]
