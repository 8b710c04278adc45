"""A preview beside each citation: the cited passage (quoted words marked), its source, outlet and date.

It is plain, hidden markup next to the link; ``static/borderlines.js`` shows it on hover, focus or
tap. Without JavaScript the link still opens the passage, and its ``title`` carries the text.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx.application import Sphinx

from .domain import corpus_of
from .records import Resolution
from .roles import CITATION_CLASS

PREVIEW_CLASS = "corpus-preview"


def add_previews(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a hidden preview after every resolved citation on the page (doctree-resolved)."""
    corpus = corpus_of(app.env)
    if docname not in corpus.citations:
        return
    resolutions = corpus.derived["resolutions"].get(docname, {})
    for wrapper in list(doctree.findall(nodes.inline)):
        if CITATION_CLASS not in wrapper["classes"] or not wrapper["ids"]:
            continue
        resolved = resolutions.get(wrapper["ids"][0])
        if isinstance(resolved, Resolution):
            wrapper.append(preview(resolved))


def preview(resolved: Resolution) -> nodes.inline:
    """The preview of one citation."""
    about = nodes.inline(
        "",
        "",
        nodes.emphasis(resolved.source_title, resolved.source_title),
        nodes.Text(f" — {resolved.source_byline}"),
        classes=["corpus-preview-source"],
    )
    parts: list[nodes.Node] = [about]
    if resolved.text:
        parts.append(
            nodes.inline("", "", *_marked(resolved.text, resolved.quoted), classes=["corpus-preview-text"])
        )
    return nodes.inline("", "", *parts, classes=[PREVIEW_CLASS])


def _marked(text: str, quoted: str) -> list[nodes.Node]:
    text = unicodedata.normalize("NFC", text)
    start = text.find(quoted) if quoted else -1
    if start == -1:
        return [nodes.Text(text)]
    end = start + len(quoted)
    mark = nodes.inline(quoted, quoted, classes=["corpus-mark"])
    return [nodes.Text(text[:start]), mark, nodes.Text(text[end:])]
