"""The keys names are compared by: one for exact matching (length-preserving) and one for similarity.

``match_key`` keeps one character for each character of normalised text, so that an offset into the
key is an offset into the normalised text; ``fold_key`` is lossy and only ranks suggestions.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import normalise

_HYPHENS = str.maketrans({"-": " "})
_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|ez|an)[- ]", re.IGNORECASE)
_VOWELS = re.compile(r"[aeiouy]")
_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLES = re.compile(r"(.)\1+")


def lower_char(char: str) -> str:
    """``char`` lowercased when that keeps it one character, else unchanged."""
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def exact_key(normalised: str) -> str:
    """Normalised text with hyphens read as spaces ('Al-Hol' is 'Al Hol'), one character per character."""
    return normalised.translate(_HYPHENS)


def caseless_key(normalised: str) -> str:
    """``exact_key`` lowercased character by character, so that it stays the same length."""
    key = exact_key(normalised)
    lowered = key.lower()
    return lowered if len(lowered) == len(key) else "".join(lower_char(char) for char in key)


def alias_keys(name: str) -> tuple[str, str]:
    """The exact and the caseless key of an alias as the registry spells it."""
    key = exact_key(normalise(name))
    return key, caseless_key(key)


def fold_key(name: str) -> str:
    """A transliteration-folding key: no accents, articles ('al-', 'Al '), hyphens, vowels, double letters."""
    text = unicodedata.normalize("NFKD", normalise(name))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = _ARTICLE.sub("", text)
    text = _NOT_LETTER.sub("", text)
    consonants = _VOWELS.sub("", text[1:])
    return _DOUBLES.sub(r"\1", text[:1] + consonants)
