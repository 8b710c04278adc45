"""Text normalisation shared by the converter and quote matching, so both see the same text."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, one space for any run of white space, straight quotes and apostrophes, ASCII hyphens."""
    if not text.isascii():  # ASCII text is its own NFC and has nothing to fold
        text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return " ".join(text.split())  # str.split's white space is the regex \s, and it is faster


def word_count(text: str) -> int:
    """Words as a reader counts them: runs separated by white space."""
    return len(text.split())


def normalise_with_offsets(text: str) -> tuple[str, str, list[int]]:
    """``normalise(text)``, the NFC text, and for each normalised character its index in the NFC text."""
    nfc = unicodedata.normalize("NFC", text)
    folded = nfc.translate(_FOLD)
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for space in _SPACE.finditer(folded):
        pieces.append(folded[position : space.start()])
        offsets.extend(range(position, space.start()))
        pieces.append(" ")
        offsets.append(space.start())
        position = space.end()
    pieces.append(folded[position:])
    offsets.extend(range(position, len(folded)))
    joined = "".join(pieces)
    start = len(joined) - len(joined.lstrip(" "))
    end = len(joined.rstrip(" "))
    return joined[start:end], nfc, offsets[start:end]


def original_offset(text: str, nfc_offset: int) -> int:
    """The index in ``text`` at which the first ``nfc_offset`` characters of its NFC form end."""
    if unicodedata.is_normalized("NFC", text):
        return nfc_offset
    for index in range(len(text) + 1):  # rare (seed text is almost always NFC), so kept simple
        if len(unicodedata.normalize("NFC", text[:index])) >= nfc_offset:
            return index
    return len(text)


#: The English month names, January first: for reading dates the seeds write out and writing references.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
