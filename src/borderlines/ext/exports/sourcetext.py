"""The text of a source, as the annotations' ``TextPositionSelector`` counts it.

A source's text is its paragraphs' words, in page order, joined by one blank line (``"\\n\\n"``): the
words the source page shows, without headings, permalinks, the byline or the provenance panel.
Offsets count Unicode code points (Python ``str`` indices), as the Web Annotation model asks.
"""

from __future__ import annotations

from typing import NamedTuple

from ..corpus.domain import CorpusDomain

SEPARATOR = "\n\n"


class SourceText(NamedTuple):
    """A source's text, and where each of its passages begins in it."""

    text: str
    starts: dict[str, int]  # by passage ID
    paragraphs: dict[str, tuple[int, int]]  # by passage ID: the span of the paragraph holding it


def source_text(corpus: CorpusDomain, docname: str) -> SourceText:
    """The text of the source page ``docname``, and where each passage stands in it."""
    pieces: list[str] = []
    starts: dict[str, int] = {}
    paragraphs: dict[str, tuple[int, int]] = {}
    offset = 0
    for passage_id in corpus.doc_passages.get(docname, ()):
        record = corpus.passages.get(passage_id)
        if record is None or record.docname != docname:
            continue
        if record.parent:
            if record.parent in starts:
                starts[passage_id] = starts[record.parent] + record.start
                paragraphs[passage_id] = paragraphs[record.parent]
            continue
        if pieces:
            offset += len(SEPARATOR)
        starts[passage_id] = offset
        paragraphs[passage_id] = (offset, offset + len(record.text))
        pieces.append(record.text)
        offset += len(record.text)
    return SourceText(SEPARATOR.join(pieces), starts, paragraphs)


def source_texts(corpus: CorpusDomain) -> dict[str, SourceText]:
    """The text of every source page, by docname."""
    return {docname: source_text(corpus, docname) for docname in sorted(corpus.sources)}
