"""Words as reuse detection compares them: the passage's own words, and a key for each."""

from __future__ import annotations

import hashlib

from ..text import normalise

#: Words per shingle: three-word runs tell a copied sentence from one that merely shares phrases.
SHINGLE_WORDS = 3
_EDGES = "\"'()[]{},.;:!?…"


def words(text: str) -> list[str]:
    """The passage's words as a reader sees them: runs separated by white space."""
    return text.split()


def word_keys(text: str) -> list[str]:
    """One key per word of ``words(text)``: normalised, in lower case, without punctuation at its edges."""
    return [word.strip(_EDGES) or word for word in normalise(text).casefold().split()]


def shingles(keys: list[str]) -> list[bytes]:
    """The distinct runs of ``SHINGLE_WORDS`` keys, in order of first appearance, UTF-8 encoded."""
    if len(keys) < SHINGLE_WORDS:
        return [" ".join(keys).encode("utf-8")]
    runs = zip(*(keys[offset:] for offset in range(SHINGLE_WORDS)), strict=False)
    return list(dict.fromkeys(" ".join(run).encode("utf-8") for run in runs))


def text_digest(text: str) -> bytes:
    """A digest of a passage's text: what the caches of signatures and alignments are keyed by."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()
