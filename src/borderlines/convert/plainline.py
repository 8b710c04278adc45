"""Read a line of escaped text and inline links as CommonMark does, without a parse, when it is plain.

A plain line is made only of ASCII letters, digits and spaces, backslash-escaped ASCII punctuation,
characters beyond ASCII that are letters, marks, numbers, punctuation or symbols, and links
``[text](destination)`` whose text is such characters and whose destination is URL characters
only, with no space at either end of the line or of a link's text. No block starts with any of
these (a ``[`` begins a reference definition only when ``]:`` follows its label, which escaped text
cannot give), and no inline rule but the escape and the link starts on one; so markdown-it reads
such a line, alone or between blank lines, as one paragraph of these texts and links exactly.
tests/test_plainline.py holds this against markdown-it's CommonMark parser and MyST's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll

from .model import Span

_PUNCTUATION = r"[!-/:-@\[-`{-~]"
_CHARACTER = rf"(?:[A-Za-z0-9\x80-\U0010ffff]|\\{_PUNCTUATION})"
#: The characters urls.safe_url leaves in a URL: never a space, parenthesis, backslash or ``<``,
#: so a destination made of them ends exactly at its ``)``.
_DESTINATION = r"[A-Za-z0-9/:?#\[\]@!$&'*+,;=%\-._~]+"
_LINK = re.compile(rf"\[(?P<text>{_CHARACTER}(?: *{_CHARACTER})*)\]\((?P<destination>{_DESTINATION})\)")
_ESCAPED = re.compile(rf"\\({_PUNCTUATION})")
#: What is left of plain text once its escapes are taken out is only these.
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9 \x80-\U0010ffff]")
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
#: A link mdurl (markdown-it's URL normaliser) leaves as it is, seen by its shape alone: http(s), a
#: host of ASCII labels as mdurl reads a host (each 1 to 63 letters, digits or hyphens), then only
#: characters mdurl never encodes, ``%`` aside; held against markdown-it by tests/test_plainline.py.
PLAIN_LINK = re.compile(
    r"https?://(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}(?:/[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*)?"
)
#: mdurl's longest host name: a longer one is dropped.
_HOST_MAX = 255
#: Letters, marks, numbers, punctuation and symbols: never space, line break, control or format
#: character, to which markdown-it (or Python's str.strip, which it uses) gives a meaning.
_TEXT_CATEGORIES = frozenset("LMNPS")


def plain_spans(parser: MarkdownIt, line: str) -> list[Span] | None:
    """The text and link spans ``parser`` reads from ``line``, or None when the line is not plain."""
    if not line or line[0] == " " or line[-1] == " ":
        return None
    if not line.isascii() and any(
        unicodedata.category(char)[0] not in _TEXT_CATEGORIES for char in _BEYOND_ASCII.findall(line)
    ):
        return None
    spans: list[Span] = []
    at = 0
    for link in _LINK.finditer(line):
        if link.start() > at:
            text = _plain_text(line[at : link.start()])
            if text is None:
                return None
            spans.append(Span(text))
        destination = link["destination"]
        if not _reads_as_itself(parser, destination):
            return None
        spans.append(Span(_unescaped(link["text"]), destination))
        at = link.end()
    if at < len(line):
        if (text := _plain_text(line[at:])) is None:
            return None
        spans.append(Span(text))
    return spans


def _plain_text(run: str) -> str | None:
    """The text of a run between links, or None unless it is only plain characters and escapes.

    Each backslash can only start an escape, so taking escapes out from the left is the one reading.
    """
    if _NOT_PLAIN.search(_ESCAPED.sub("", run)):
        return None
    return _unescaped(run)


def _unescaped(run: str) -> str:
    """The text of a run of plain characters and escapes: each escape read as its character.

    Backslashes pair from the left as escapes do; a NUL, never in plain text, holds each escaped one.
    """
    return run.replace("\\\\", "\0").replace("\\", "").replace("\0", "\\")


@lru_cache(maxsize=65536)
def _reads_as_itself(parser: MarkdownIt, destination: str) -> bool:
    """Whether ``parser`` links ``destination`` to exactly itself (no entity, escape or encoding)."""
    return (
        unescapeAll(destination) == destination
        and (is_plain_link(destination) or parser.normalizeLink(destination) == destination)
        and parser.validateLink(destination)
    )


def is_plain_link(destination: str) -> bool:
    """Whether markdown-it's normaliser leaves ``destination`` as it is, by its shape alone (most
    links are: its parse costs some 40 us a link)."""
    return PLAIN_LINK.fullmatch(destination) is not None and len(destination.split("/", 3)[2]) <= _HOST_MAX
