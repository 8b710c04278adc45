"""Split paragraphs into sentences with sentencex, repairing the few boundaries it gets wrong."""

from __future__ import annotations

import re

from sentencex import segment

_TRAILING_OPENER = re.compile(r"\s([\"“‘])\s*$")
_ONLY_CLOSERS = re.compile(r"[\s\"”’'.)\]]+")


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text``, each trimmed, in order; each is a slice of ``text``, so joined with
    what stood between them they give ``text`` back, whatever the segmenter returned."""
    try:
        pieces = list(segment(language, text))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # sentencex is Rust: its panics are BaseExceptions; keep the text whole
        return [text.strip()]
    if "".join(pieces) != text:  # never trust a segmenter to keep every character
        return [text.strip()]
    spans: list[list[int]] = []  # [start, end) of each sentence in ``text``
    start, carried = 0, None  # carried: where an opener left at a piece's end begins the next one
    for piece in pieces:
        first, end = start if carried is None else carried, start + len(piece)
        start, carried = end, None
        opener = _TRAILING_OPENER.search(text, first, end)
        if opener:
            carried, end = opener.start(1), opener.start() + 1
        if spans and _ONLY_CLOSERS.fullmatch(text, first, end):
            spans[-1][1] = end  # closing quotes or dots left alone belong to the sentence before
        elif text[first:end].strip():
            spans.append([first, end])
    if carried is not None:
        spans = [*spans[:-1], [spans[-1][0], carried + 1]] if spans else [[carried, carried + 1]]
    return [text[first:end].strip() for first, end in spans]
