"""MinHash signatures banded for locality-sensitive hashing, and the candidate pairs they give.

Each passage's shingles get a MinHash of ``PERMUTATIONS`` values (datasketch, fixed seed), cut into
``BANDS`` bands of ``ROWS``; two passages are candidates when any band is equal, which happens with
probability ``1 - (1 - J**ROWS)**BANDS`` for Jaccard similarity ``J`` (0.88 at J = 0.5, 0.98 at 0.6,
0.07 at 0.2). Only the bands' digests are kept (four bytes each), so a passage costs ``4 * BANDS``
bytes of cache, and joining the bands costs time linear in the passages: no pair is compared unless
it shares a band.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from datasketch import MinHash

PERMUTATIONS = 60
BANDS = 20
ROWS = 3
SEED = 20241219
_KEY_BYTES = 4
#: A band shared by more passages than this (boilerplate, or one wire story in many outlets) pairs each
#: passage with its next ``NEIGHBOURS`` in the band only: they still join one cluster, at linear cost.
BUCKET_LIMIT = 24
NEIGHBOURS = 4


def band_keys(shingle_lists: Sequence[Sequence[bytes]]) -> list[bytes]:
    """For each list of shingles, its ``BANDS`` band digests, ``_KEY_BYTES`` each, concatenated."""
    if not shingle_lists:
        return []
    signatures = MinHash.bulk(shingle_lists, num_perm=PERMUTATIONS, seed=SEED)
    keys = []
    for signature in signatures:
        values = signature.hashvalues
        keys.append(
            b"".join(
                hashlib.blake2b(
                    values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=_KEY_BYTES
                ).digest()
                for band in range(BANDS)
            )
        )
    return keys


def candidate_pairs(keys: Mapping[str, bytes], group: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs of passages (sorted, each pair in name order) sharing a band, from different ``group``s."""
    buckets: dict[bytes, list[str]] = {}
    for name in sorted(keys):
        blob = keys[name]
        for band in range(BANDS):
            key = bytes((band,)) + blob[band * _KEY_BYTES : (band + 1) * _KEY_BYTES]
            buckets.setdefault(key, []).append(name)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(_pairs_in(members, group))
    return sorted(pairs)


def _pairs_in(members: list[str], group: Mapping[str, str]) -> Iterable[tuple[str, str]]:
    reach = len(members) if len(members) <= BUCKET_LIMIT else NEIGHBOURS + 1
    for index, first in enumerate(members):
        for second in members[index + 1 : index + reach]:
            if group[first] != group[second]:
                yield first, second
