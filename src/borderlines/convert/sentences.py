"""Split paragraphs into sentences with sentencex, repairing the few boundaries it gets wrong."""

from __future__ import annotations

import re

from sentencex import segment

_TRAILING_OPENER = re.compile(r"\s([\"“‘])\s*$")
_ONLY_CLOSERS = re.compile(r"[\s\"”’'.)\]]+")


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text``, each trimmed; joined with single spaces they give ``text`` back."""
    pieces = list(segment(language, text))
    if "".join(pieces) != text:  # never trust a segmenter to keep every character
        return [text.strip()]
    sentences: list[str] = []
    carry = ""
    for segmented in pieces:
        piece, carry = carry + segmented, ""
        opener = _TRAILING_OPENER.search(piece)
        if opener:
            carry, piece = opener.group(1), piece[: opener.start() + 1]
        if sentences and _ONLY_CLOSERS.fullmatch(piece):
            sentences[-1] = sentences[-1].rstrip() + piece.rstrip()
        elif piece.strip():
            sentences.append(piece.strip())
    if carry:
        sentences = [*sentences[:-1], f"{sentences[-1]} {carry}"] if sentences else [carry]
    return sentences
