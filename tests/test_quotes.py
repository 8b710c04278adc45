"""Quote matching on its own: parsing, normalisation, word boundaries, context, text fragments, URLs."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderlines.contract.urls import canonical_url
from borderlines.ext.corpus.quotes import (
    Paragraph,
    QuoteSpec,
    QuoteSyntaxError,
    closest_text,
    find_quote,
    parse_quote,
    text_fragment,
)
from borderlines.text import _FOLD, normalise, normalise_with_offsets

PARAGRAPHS = [
    Paragraph(
        "s-p1-aaaa",
        "Iraq’s  border — 600km — is “secure”. He said so.",
        (("s-p1-s1-aaa1", "Iraq’s  border — 600km — is “secure”."), ("s-p1-s2-aaa2", "He said so.")),
    ),
    Paragraph("s-p2-bbbb", "He said so again.", (("s-p2-s1-bbb1", "He said so again."),)),
]


def test_parse_plain_and_with_context() -> None:
    """``slug: words`` and ``slug: before [[words]] after``; anything else is refused."""
    assert parse_quote("s: a b") == QuoteSpec("s", "a b")
    assert parse_quote(" s :  x [[a b]] y ") == QuoteSpec("s", "a b", "x", "y")
    for bad in ["no colon here", "two words: text", "s: [[a", "s: a]]", "s: [[ ]]", "s: [[a]] [[b]]", "s:  "]:
        with pytest.raises(QuoteSyntaxError):
            parse_quote(bad)


def test_typed_quotes_and_dashes_match_the_sources_and_show_its_own_words() -> None:
    """Typed straight quotes and hyphens find curly quotes and dashes; the match shows the source's."""
    [match] = find_quote(parse_quote('s: Iraq\'s border - 600km - is "secure"'), PARAGRAPHS)
    assert match.passage_id == "s-p1-s1-aaa1"
    assert match.words == "Iraq’s  border — 600km — is “secure”"


def test_words_match_only_on_word_boundaries() -> None:
    """Part of a word is not a match."""
    assert find_quote(parse_quote("s: raq"), PARAGRAPHS) == []
    assert find_quote(parse_quote("s: said s"), PARAGRAPHS) == []


def test_every_occurrence_is_reported_and_context_picks_one() -> None:
    """Two places match without context; adjacent words pick one and travel in the fragment."""
    assert [m.passage_id for m in find_quote(parse_quote("s: He said so"), PARAGRAPHS)] == [
        "s-p1-s2-aaa2",
        "s-p2-s1-bbb1",
    ]
    [match] = find_quote(parse_quote("s: [[He said so]] again"), PARAGRAPHS)
    assert (match.passage_id, match.words, match.before, match.after) == (
        "s-p2-s1-bbb1",
        "He said so",
        "",
        "again",
    )
    assert text_fragment(match.words, match.before, match.after) == ":~:text=He%20said%20so,-again"


def test_a_quote_across_sentences_cites_the_paragraph() -> None:
    """The smallest passage holding the words is the paragraph."""
    [match] = find_quote(parse_quote("s: secure”. He said"), PARAGRAPHS)
    assert match.passage_id == "s-p1-aaaa"


def test_fragment_escapes_what_the_fragment_syntax_uses() -> None:
    """Commas, dashes and ampersands are percent-encoded so the browser reads the words back whole."""
    [match] = find_quote(QuoteSpec("s", "600km — is"), PARAGRAPHS)
    assert text_fragment(match.words, match.before, match.after) == ":~:text=600km%20%E2%80%94%20is"
    paragraphs = [Paragraph("t-p1-cccc", "a-b, c & d", ())]
    [match] = find_quote(QuoteSpec("t", "a-b, c & d"), paragraphs)
    assert text_fragment(match.words, match.before, match.after) == ":~:text=a%2Db%2C%20c%20%26%20d"


def test_closest_text_is_the_sentence_sharing_most() -> None:
    """A failed quote points at the sentence that shares most of its characters."""
    assert closest_text(QuoteSpec("s", "Iraqs border is safe"), PARAGRAPHS) == (
        "s-p1-s1-aaa1",
        "Iraq’s  border — 600km — is “secure”.",
    )


_WHITE_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"


@given(st.text(st.one_of(st.characters(), st.sampled_from(_WHITE_SPACE))))
def test_normalise_folds_every_run_of_white_space_the_regex_finds(text: str) -> None:
    """One space for each run of what the regex ``\\s`` calls white space, and none at either end."""
    folded = unicodedata.normalize("NFC", text).translate(_FOLD)
    assert normalise(text) == re.sub(r"\s+", " ", folded).strip()


@given(st.text(alphabet=st.sampled_from(list("ab ’“”—-\t\n\u00a0e\u0301" + _WHITE_SPACE))))
def test_offsets_map_normalised_text_back_to_the_source(text: str) -> None:
    """The normalised text is normalise()'s, and each character maps to one that folds to it."""
    folded, nfc, offsets = normalise_with_offsets(text)
    assert folded == normalise(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(set(offsets))
    for char, offset in zip(folded, offsets, strict=True):
        assert normalise(nfc[offset]) in {char, ""}


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("https://www.example.com/news/a/", "http://example.com/news/a", True),
        ("https://EXAMPLE.com/news/a#top", "https://example.com/news/a", True),
        ("https://example.com/news/a?id=1", "https://example.com/news/a?id=2", False),
        ("https://example.com/news/a", "https://example.org/news/a", False),
    ],
)
def test_canonical_urls(first: str, second: str, same: bool) -> None:
    """Scheme, www., host case, trailing slash and fragment do not make another article."""
    assert (canonical_url(first) == canonical_url(second)) is same
