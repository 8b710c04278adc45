"""The text of a source, as the annotations' ``TextPositionSelector`` counts it.

A source's text is its paragraphs' words, in page order, joined by one blank line (``"\\n\\n"``): the
words the source page shows, without headings, permalinks, the byline or the provenance panel.
Offsets count Unicode code points (Python ``str`` indices), as the Web Annotation model asks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


class SourceTexts(Mapping[str, SourceText]):
    """The text of every source page, by docname in name order, each made when first asked for: a
    table or an annotation page that needs only the cited sources' texts makes only those."""

    def __init__(self, corpus: CorpusDomain) -> None:
        self._corpus = corpus
        self._made: dict[str, SourceText] = {}

    def __getitem__(self, docname: str) -> SourceText:
        made = self._made.get(docname)
        if made is None:
            if docname not in self._corpus.sources:
                raise KeyError(docname)
            made = self._made[docname] = source_text(self._corpus, docname)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._corpus.sources))

    def __len__(self) -> int:
        return len(self._corpus.sources)
