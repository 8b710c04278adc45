"""The exact alignment of two passages' words: what they share, how much is identical, what differs.

MinHash candidates are only likely matches (datasketch #105): every candidate is aligned word by word
(``difflib.SequenceMatcher``, no junk heuristic) and kept only if the alignment shows reuse.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

#: Reuse is at least this many identical words,
MIN_SHARED_WORDS = 8
#: in a run of at least this many (with runs of four, stock phrases such as "near Tal Afar on Friday,"
#: made every one of the 8 false pairs among 3,000 synthetic sources),
MIN_RUN = 6
#: making at least this share of the shorter passage,
MIN_OF_SHORTER = 0.5
#: and of the aligned span of each passage.
MIN_IDENTICAL = 0.7

Opcode = tuple[str, int, int, int, int]


class Alignment(NamedTuple):
    """Two passages aligned: the span of each that they share, and the edits within it."""

    identical: float  # identical words / words of the longer of the two aligned spans
    shared: int  # identical words
    span: tuple[int, int, int, int]  # first and past-last word of the shared span in each passage
    opcodes: tuple[Opcode, ...]  # ``SequenceMatcher`` opcodes over the span (indexes into each passage)

    def flipped(self) -> Alignment:
        """The same alignment seen from the other passage."""
        swap = {"delete": "insert", "insert": "delete"}
        return Alignment(
            self.identical,
            self.shared,
            (self.span[2], self.span[3], self.span[0], self.span[1]),
            tuple((swap.get(tag, tag), j1, j2, i1, i2) for tag, i1, i2, j1, j2 in self.opcodes),
        )


def share_a_run(first: list[str], second: list[str]) -> bool:
    """Whether the two share a run of ``MIN_RUN`` words: exactly when their longest common run, the
    first block ``SequenceMatcher`` finds, is long enough (``MIN_RUN`` words or more)."""
    runs = {tuple(first[start : start + MIN_RUN]) for start in range(len(first) - MIN_RUN + 1)}
    return any(tuple(second[start : start + MIN_RUN]) in runs for start in range(len(second) - MIN_RUN + 1))


def align(first: list[str], second: list[str]) -> Alignment | None:
    """The alignment of two passages' word keys, or None if they do not share enough to be reuse."""
    if not share_a_run(first, second):
        return None  # a tenth of the matcher's time: most MinHash candidates share only stock phrases
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    shared = sum(block.size for block in blocks)
    if shared < MIN_SHARED_WORDS or max(block.size for block in blocks) < MIN_RUN:
        return None
    if shared < MIN_OF_SHORTER * min(len(first), len(second)):
        return None
    i1, j1 = blocks[0].a, blocks[0].b
    i2, j2 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    identical = shared / max(i2 - i1, j2 - j1)
    if identical < MIN_IDENTICAL:
        return None
    inside = SequenceMatcher(None, first[i1:i2], second[j1:j2], autojunk=False).get_opcodes()
    opcodes = tuple((tag, a1 + i1, a2 + i1, b1 + j1, b2 + j1) for tag, a1, a2, b1, b2 in inside)
    return Alignment(round(identical, 4), shared, (i1, i2, j1, j2), opcodes)
