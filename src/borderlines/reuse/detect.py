"""Reuse between passages of different sources: signatures, candidates, alignments, with caches.

A build computes a signature only for a text it has not seen (keyed by a digest of the text) and
aligns only a candidate pair of texts it has not aligned, so an incremental build costs a digest per
passage, the band join, and the work for what changed. Everything is sorted: the same passages give
the same pairs, in the same order, however they were read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .align import MIN_SHARED_WORDS, Alignment, align
from .lsh import band_keys, candidate_pairs
from .tokens import shingles, text_digest, word_keys

#: Texts signed at once: their shingles are held as Python bytes until signed, about 3 kB a text, so
#: signing every passage of 10,000 sources at once held 1 GB more than the rest of the build.
SIGN_BATCH = 5_000


class Passage(NamedTuple):
    """A passage to compare: its ID, its group (the source; passages of one source are never paired)
    and its words."""

    id: str
    group: str
    text: str


class ReusePair(NamedTuple):
    """Two passages of different sources sharing text; ``first`` sorts before ``second`` by ID, and the
    alignment is seen from ``first``."""

    first: str
    second: str
    alignment: Alignment


@dataclass(frozen=True)
class Caches:
    """What one detection keeps for the next: band keys by text digest, and alignments (None where a
    candidate proved not to be reuse) by the pair of digests."""

    signatures: Mapping[bytes, bytes] = field(default_factory=dict)
    alignments: Mapping[tuple[bytes, bytes], Alignment | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Detection:
    """The pairs found, the caches for the next detection, and how much was computed afresh."""

    pairs: tuple[ReusePair, ...]
    caches: Caches
    signed: int  # texts whose signature was computed
    aligned: int  # candidate pairs aligned
    candidates: int  # candidate pairs in all


def detect(passages: Iterable[Passage], previous: Caches | None = None) -> Detection:
    """Every pair of passages of different groups whose texts align as reuse, sorted."""
    previous = previous or Caches()
    texts: dict[str, str] = {}
    groups: dict[str, str] = {}
    digests: dict[str, bytes] = {}
    for passage in passages:
        if len(passage.text.split()) >= MIN_SHARED_WORDS:
            texts[passage.id], groups[passage.id] = passage.text, passage.group
            digests[passage.id] = text_digest(passage.text)
    signatures = {
        digest: previous.signatures[digest] for digest in digests.values() if digest in previous.signatures
    }
    unsigned = sorted({digest: name for name, digest in digests.items() if digest not in signatures}.items())
    for start in range(0, len(unsigned), SIGN_BATCH):
        batch = unsigned[start : start + SIGN_BATCH]
        computed = band_keys([shingles(word_keys(texts[name])) for _, name in batch])
        signatures.update((digest, keys) for (digest, _), keys in zip(batch, computed, strict=True))
    candidates = candidate_pairs({name: signatures[digest] for name, digest in digests.items()}, groups)
    alignments: dict[tuple[bytes, bytes], Alignment | None] = {}
    pairs: list[ReusePair] = []
    aligned = 0
    keys: dict[str, list[str]] = {}

    def keys_of(name: str) -> list[str]:
        if name not in keys:
            keys[name] = word_keys(texts[name])
        return keys[name]

    for first, second in candidates:
        key = (digests[first], digests[second])
        if key not in alignments:
            if key in previous.alignments:
                alignments[key] = previous.alignments[key]
            else:
                alignments[key] = align(keys_of(first), keys_of(second))
                aligned += 1
        found = alignments[key]
        if found is not None:
            pairs.append(ReusePair(first, second, found))
    return Detection(tuple(pairs), Caches(signatures, alignments), len(unsigned), aligned, len(candidates))
