"""Reuse detection as a library: tokens, candidates by MinHash bands, exact alignment, clusters, caches."""

from __future__ import annotations

import random
import zlib
from difflib import SequenceMatcher

import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from borderlines.reuse import detect as detect_module
from borderlines.reuse.align import MIN_RUN, align, share_a_run
from borderlines.reuse.clusters import clusters
from borderlines.reuse.detect import Caches, Passage, detect
from borderlines.reuse.lsh import (
    BANDS,
    BUCKET_LIMIT,
    PERMUTATIONS,
    SCHEME,
    SEED,
    candidate_pairs,
    minhash_values,
)
from borderlines.reuse.tokens import shingles, word_keys, words

SIX = (
    "Mr Al Assad fled to Moscow, where he was granted asylum along with his family on humanitarian "
    "grounds, ending nearly six decades of his family's iron-fisted rule."
)
FIVE = (
    "The former president fled to Moscow on December 8, where he was granted asylum along with his family "
    "on humanitarian grounds, ending more than five decades of his family’s iron-fisted rule."
)


def _filler(rng: random.Random, count: int) -> str:
    return " ".join(f"w{rng.randrange(100_000)}" for _ in range(count))


def test_keys_fold_case_quotes_and_edge_punctuation_but_keep_one_key_per_word() -> None:
    """Curly and straight apostrophes, capitals and commas do not make words differ."""
    assert word_keys("Family’s RULE, “ending”") == ["family's", "rule", "ending"]
    assert len(word_keys(FIVE)) == len(words(FIVE))


def test_alignment_finds_the_changed_figure_and_the_shared_span() -> None:
    """ "nearly six" against "more than five", inside a span of identical words."""
    found = align(word_keys(SIX), word_keys(FIVE))
    assert found is not None
    changed = [
        (" ".join(words(SIX)[i1:i2]), " ".join(words(FIVE)[j1:j2]))
        for tag, i1, i2, j1, j2 in found.opcodes
        if tag != "equal"
    ]
    assert ("nearly six", "more than five") in changed
    assert ("", "on December 8,") in changed
    assert words(SIX)[found.span[0]] == "fled" and found.span[1] == len(words(SIX))
    assert found.shared == 22 and 0.75 < found.identical < 0.8
    assert found.flipped().flipped() == found


_FEW_WORDS = st.lists(st.sampled_from(["near", "tal", "afar", "on", "friday", "said", "the"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_FEW_WORDS, _FEW_WORDS)
def test_sharing_a_run_is_what_the_matchers_longest_block_says(first: list[str], second: list[str]) -> None:
    """The cheap check before alignment turns away exactly the pairs whose longest common run is short."""
    longest = SequenceMatcher(None, first, second, autojunk=False).find_longest_match()
    assert share_a_run(first, second) == (longest.size >= MIN_RUN)


def test_unrelated_sentences_sharing_common_words_are_not_reuse() -> None:
    """Scattered common words never make an alignment."""
    first = "The army said on Monday that the border with Syria was secure and that patrols would go on."
    second = "On Monday the ministry said that the prison in the north was full and that the guards were few."
    assert align(word_keys(first), word_keys(second)) is None


def test_detection_pairs_copied_edited_and_partly_copied_passages_of_other_sources_only() -> None:
    """Planted reuse is found among filler; a passage repeated within one source is not paired."""
    rng = random.Random(5)
    original = _filler(rng, 30)
    edited = original.split()
    edited[10], edited[20] = "changed", "altered"
    passages = [
        Passage("a-1", "a", original),
        Passage("b-1", "b", original),
        Passage("c-1", "c", " ".join(edited)),
        Passage("d-1", "d", _filler(rng, 6) + " " + " ".join(original.split()[:16])),
        Passage("a-2", "a", original),
        *(Passage(f"z-{n}", f"z{n}", _filler(rng, 25)) for n in range(300)),
    ]
    found = detect(passages)
    pairs = {(pair.first, pair.second) for pair in found.pairs}
    assert {("a-1", "b-1"), ("a-1", "c-1"), ("b-1", "c-1"), ("a-1", "d-1")} <= pairs
    assert not any(name.startswith("z") for pair in pairs for name in pair)
    assert ("a-1", "a-2") not in pairs
    assert found.candidates < 30  # no comparison of every pair


def test_detection_is_deterministic_and_reuses_its_caches() -> None:
    """The same passages in any order give the same pairs; a second run signs and aligns nothing."""
    rng = random.Random(9)
    text = _filler(rng, 20)
    passages = [Passage(f"p-{n}", f"s{n % 7}", text if n % 10 == 0 else _filler(rng, 20)) for n in range(200)]
    first = detect(passages)
    shuffled = list(passages)
    random.Random(1).shuffle(shuffled)
    again = detect(shuffled, first.caches)
    assert again.pairs == first.pairs == detect(shuffled).pairs
    assert (again.signed, again.aligned) == (0, 0)
    edited = [*passages[:-1], Passage(passages[-1].id, passages[-1].group, text + " too")]
    third = detect(edited, again.caches)
    assert third.signed == 1 and third.aligned >= 1
    assert ("p-0", passages[-1].id) in {(pair.first, pair.second) for pair in third.pairs}
    known = detect([*passages[:-1], Passage(passages[-1].id, passages[-1].group, text)], third.caches)
    assert (known.signed, known.aligned) == (0, 0)  # a text seen before, under any ID, costs nothing
    assert isinstance(third.caches, Caches)


def test_a_crowded_band_pairs_each_passage_with_its_neighbours_only() -> None:
    """One text in many sources costs pairs linear in their number, and still forms one cluster."""
    many = {f"p{n:03d}": b"\0" * 4 * BANDS for n in range(3 * BUCKET_LIMIT)}
    pairs = candidate_pairs(many, {name: name for name in many})
    assert len(pairs) < 3 * BUCKET_LIMIT * 5
    assert clusters(pairs, str) == [tuple(sorted(many))]


def test_candidates_are_exactly_the_pairs_of_other_groups_sharing_a_band() -> None:
    """Band by band, the join gives every pair that one band joins, and no other."""
    rng = random.Random(11)
    keys = {
        f"p{n:03d}": b"".join(rng.randrange(6).to_bytes(4, "little") for _ in range(BANDS)) for n in range(40)
    }
    group = {name: f"s{int(name[1:]) % 9}" for name in keys}

    def band(name: str, index: int) -> bytes:
        return keys[name][4 * index : 4 * index + 4]

    shared = {
        (first, second)
        for first in keys
        for second in keys
        if first < second
        and group[first] != group[second]
        and any(band(first, index) == band(second, index) for index in range(BANDS))
    }
    crowded = max(
        sum(1 for other in keys if band(other, index) == band(name, index))
        for name in keys
        for index in range(BANDS)
    )
    assert crowded <= BUCKET_LIMIT  # so no bucket is cut to neighbours here
    assert candidate_pairs(keys, group) == sorted(shared)


def test_signing_in_batches_gives_what_signing_at_once_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts are signed a batch at a time, to bound memory, with the same signatures and pairs."""
    rng = random.Random(4)
    text = _filler(rng, 20)
    passages = [Passage(f"p-{n}", f"s{n % 5}", text if n % 9 == 0 else _filler(rng, 20)) for n in range(100)]
    at_once = detect(passages)
    monkeypatch.setattr(detect_module, "SIGN_BATCH", 7)
    batched = detect(passages)
    assert batched.caches.signatures == at_once.caches.signatures
    assert batched.pairs == at_once.pairs and len(batched.pairs) >= 55


def test_clusters_join_pairs_and_sort_by_the_given_order() -> None:
    """Connected components, each in order, in the order of their first member."""
    found = clusters(
        [("b", "c"), ("x", "y"), ("a", "c")], {"a": 3, "b": 1, "c": 2, "x": 0, "y": 5}.__getitem__
    )
    assert found == [("x", "y"), ("b", "c", "a")]


def test_the_vectorised_minhash_is_datasketchs_value_for_value() -> None:
    """``lsh.minhash_values`` computes what ``datasketch.MinHash.bulk`` does, for many passages at once."""
    rng = random.Random(3)
    lists = [shingles(word_keys(_filler(rng, rng.randint(1, 40)))) for _ in range(50)]
    expected = MinHash.bulk(lists, num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)
    assert (minhash_values(lists) == [minhash.hashvalues for minhash in expected]).all()
