"""Divide blocks into passages (paragraphs and their sentences) and give each a stable ID."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..contract.ids import passage_id
from ..text import word_count
from .model import Block, Span
from .sentences import split_sentences

#: A paragraph longer than this, in words, is a wall of text that gets divided.
WALL_OF_TEXT_WORDS = 150
TARGET_PARAGRAPH_WORDS = 45
_OPENER = re.compile(r"(?:^|(?<=[\s(\[—–-]))[\"“]|“")
_CLOSER = re.compile(r"”|(?<=\S)\"")


@dataclass(frozen=True)
class Sentence:
    """A sentence passage."""

    id: str
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The sentence's plain text."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph passage and the sentence passages inside it."""

    id: str
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return " ".join(sentence.text for sentence in self.sentences)


@dataclass(frozen=True)
class Heading:
    """A subheading of the body."""

    text: str


def build_passages(
    blocks: list[Block], slug: str, language: str = "en"
) -> tuple[list[Paragraph | Heading], list[str]]:
    """Turn body blocks into headings and identified passages; also say which walls were divided."""
    body: list[Paragraph | Heading] = []
    notes: list[str] = []
    number = 0
    for block in blocks:
        if block.kind == "heading":
            body.append(Heading(block.text))
            continue
        sentences = [
            _slice(block.spans, start, end)
            for start, end in _offsets(block.text, split_sentences(block.text, language))
        ]
        groups = _divide(sentences) if word_count(block.text) > WALL_OF_TEXT_WORDS else [sentences]
        if len(groups) > 1:
            notes.append(
                f"{block.where} ({word_count(block.text)} words in one paragraph) divided into "
                f"{len(groups)} paragraphs at sentence boundaries, never inside a quotation; "
                "no word changed"
            )
        for group in groups:
            number += 1
            para_text = " ".join("".join(span.text for span in spans) for spans in group)
            body.append(
                Paragraph(
                    passage_id(slug, number, None, para_text),
                    tuple(
                        Sentence(
                            passage_id(slug, number, index, "".join(s.text for s in spans)),
                            tuple(spans),
                        )
                        for index, spans in enumerate(group, start=1)
                    ),
                )
            )
    return body, notes


def _offsets(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    offsets, position = [], 0
    for sentence in sentences:
        start = text.index(sentence, position)
        offsets.append((start, start + len(sentence)))
        position = start + len(sentence)
    return offsets


def _slice(spans: list[Span], start: int, end: int) -> list[Span]:
    """The part of ``spans`` between two character offsets of their joined text."""
    result, offset = [], 0
    for span in spans:
        low, high = max(start, offset), min(end, offset + len(span.text))
        if low < high:
            result.append(Span(span.text[low - offset : high - offset], span.href))
        offset += len(span.text)
    return result


def _divide(sentences: list[list[Span]]) -> list[list[list[Span]]]:
    """Group a wall of sentences into paragraphs of news length, never splitting a quotation."""
    texts = ["".join(span.text for span in spans) for spans in sentences]
    groups: list[list[list[Span]]] = [[]]
    words, open_quote = 0, False
    for index, spans in enumerate(sentences):
        groups[-1].append(spans)
        words += word_count(texts[index])
        open_quote = _quote_open_after(texts[index], open_quote)
        following = texts[index + 1] if index + 1 < len(texts) else None
        if following is None:
            break
        starts_quote = _OPENER.match(following) is not None
        continues_quote = open_quote and starts_quote
        may_break = not open_quote or continues_quote
        if may_break and (
            continues_quote
            or words >= TARGET_PARAGRAPH_WORDS
            or (starts_quote and words >= TARGET_PARAGRAPH_WORDS // 3)
        ):
            groups.append([])
            words, open_quote = 0, False
    return groups


def _quote_open_after(text: str, open_quote: bool) -> bool:
    """Whether a quotation is still open after ``text``, given whether one was open before it."""
    events = sorted(
        [(m.start(), True) for m in _OPENER.finditer(text)]
        + [(m.start(), False) for m in _CLOSER.finditer(text)]
    )
    for _, opens in events:
        open_quote = opens
    return open_quote
