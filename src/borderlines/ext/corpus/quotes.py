"""Quote citations: parse ``slug: before [[words]] after`` and find the words in one source's passages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import quote

from ...text import normalise, normalise_with_offsets

_CONTEXT = re.compile(r"(?P<before>.*?)\[\[(?P<words>.*?)\]\](?P<after>.*)", re.DOTALL)


class QuoteSyntaxError(ValueError):
    """A quote citation that cannot be read."""


@dataclass(frozen=True)
class QuoteSpec:
    """What a quote citation asks for: words in one source, with optional adjacent context."""

    slug: str
    words: str
    before: str = ""
    after: str = ""

    @property
    def needle(self) -> str:
        """The normalised text searched for: context and words as they stand in the source."""
        return normalise(" ".join(part for part in (self.before, self.words, self.after) if part))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph passage with its sentence passages, as read from the source page."""

    id: str
    text: str
    sentences: tuple[tuple[str, str], ...]  # (sentence ID, sentence text), in order


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote was found: the smallest passage holding it, and the source's own words."""

    passage_id: str
    words: str
    before: str
    after: str
    paragraph_id: str = ""  # the paragraph the words stand in (the passage itself, or its parent)
    start: int = 0  # where the words begin in the paragraph's text, in its NFC form
    end: int = 0  # just after where they end


def parse_quote(raw: str) -> QuoteSpec:
    """Read ``slug: words`` or ``slug: before [[words]] after``."""
    slug, colon, rest = raw.partition(":")
    slug = slug.strip()
    if not colon or not slug or " " in slug:
        raise QuoteSyntaxError(f"expected 'source-slug: quoted words', got {raw!r}")
    match = _CONTEXT.fullmatch(rest.strip())
    if match:
        before, words, after = (match.group(name).strip() for name in ("before", "words", "after"))
    elif "[[" in rest or "]]" in rest:
        raise QuoteSyntaxError(f"unbalanced [[ ]] in {raw!r}")
    else:
        before, words, after = "", rest.strip(), ""
    if "[[" in after or "]]" in after or not normalise(words):
        raise QuoteSyntaxError(f"expected one non-empty [[quoted words]] in {raw!r}")
    return QuoteSpec(slug, words, before, after)


def find_quote(spec: QuoteSpec, paragraphs: Sequence[Paragraph]) -> list[QuoteMatch]:
    """Every place in ``paragraphs`` where the quote stands, context included, on word boundaries."""
    needle = spec.needle
    lead = len(normalise(spec.before)) + (1 if spec.before else 0)
    length = len(normalise(spec.words))
    found: list[QuoteMatch] = []
    for paragraph in paragraphs:
        text, nfc, offsets = normalise_with_offsets(paragraph.text)
        start = text.find(needle)
        while start != -1:
            end = start + len(needle)
            if _on_word_boundaries(text, start, end):
                first, last = start + lead, start + lead + length
                found.append(
                    QuoteMatch(
                        _smallest_passage(paragraph, text, first, last),
                        nfc[offsets[first] : offsets[last - 1] + 1],
                        nfc[offsets[start] : offsets[first]].strip() if lead else "",
                        nfc[offsets[last] : offsets[end - 1] + 1].strip() if end > last else "",
                        paragraph.id,
                        offsets[first],
                        offsets[last - 1] + 1,
                    )
                )
            start = text.find(needle, start + 1)
    return found


def closest_text(spec: QuoteSpec, paragraphs: Sequence[Paragraph]) -> tuple[str, str] | None:
    """The sentence sharing most characters with the quote, as (passage ID, text); None if none does."""
    needle = spec.needle
    best: tuple[int, str, str] | None = None
    for paragraph in paragraphs:
        for sentence_id, sentence in paragraph.sentences or ((paragraph.id, paragraph.text),):
            matcher = SequenceMatcher(None, needle, normalise(sentence), autojunk=False)
            score = sum(block.size for block in matcher.get_matching_blocks())
            if score and (best is None or score > best[0]):
                best = (score, sentence_id, sentence)
    return None if best is None else (best[1], best[2])


def text_fragment(words: str, before: str = "", after: str = "") -> str:
    """A URL text directive (``:~:text=``) that makes browsers highlight the quoted words."""
    parts = [_fragment_part(words)]
    if before:
        parts.insert(0, _fragment_part(before) + "-")
    if after:
        parts.append("-" + _fragment_part(after))
    return ":~:text=" + ",".join(parts)


def _fragment_part(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    before_ok = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    after_ok = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before_ok and after_ok


def _smallest_passage(paragraph: Paragraph, text: str, first: int, last: int) -> str:
    cursor = 0
    for sentence_id, sentence in paragraph.sentences:
        piece = normalise(sentence)
        begin = text.find(piece, cursor)
        if begin == -1:
            break
        cursor = begin + len(piece)
        if begin <= first and last <= cursor:
            return sentence_id
    return paragraph.id
