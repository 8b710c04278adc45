"""Recognise a seed's form, and the shapes of lines inside it (prose, subheading)."""

from __future__ import annotations

import re
from itertools import pairwise

from .model import Form

_TAG = re.compile(
    r"</?(?:a|p|b|i|em|strong|div|span|br|h[1-6]|ul|ol|li|blockquote|table|img)\b[^>]*>", re.IGNORECASE
)
#: A complete HTML document: it opens (after white space, an XML declaration and comments) with a doctype,
#: <html> or <head>.
_DOCUMENT = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
    re.IGNORECASE | re.DOTALL,
)
_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$|[\"”’]$")
PROSE_MIN_WORDS = 8
SUBHEADING_MAX_WORDS = 10


def detect_form(text: str) -> Form:
    """Guess the form of a decoded seed from its markup and the shape of its lines."""
    if _DOCUMENT.match(text):
        return Form.HTML_PAGE
    if _TAG.search(text):
        return Form.HTML_FRAGMENT
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    short = [line for line in lines if len(line.split()) <= 3]
    if len(short) >= 6 and len(short) >= 0.3 * len(lines):
        return Form.WEB_PAGE
    if any(is_subheading(line, following) for line, following in pairwise(lines[1:])):
        return Form.PLAIN_SECTIONS
    return Form.PLAIN_PARAGRAPHS


def ends_sentence(text: str) -> bool:
    """Whether a line ends the way a sentence does."""
    return _TERMINAL.search(text.strip()) is not None


def is_prose(text: str) -> bool:
    """Whether a line reads as running text: several words ending in sentence punctuation."""
    return len(text.split()) >= PROSE_MIN_WORDS and ends_sentence(text)


def is_subheading(text: str, following: str) -> bool:
    """Whether a line is a subheading: short, capitalised, unpunctuated, and followed by prose."""
    words = text.split()
    return (
        0 < len(words) <= SUBHEADING_MAX_WORDS
        and text[:1].isupper()
        and not ends_sentence(text)
        and is_prose(following)
    )
