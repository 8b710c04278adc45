"""Sentences and passages stay verbatim whatever the sentence splitter does."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from borderlines.convert import sentences
from borderlines.convert.model import Block, Span
from borderlines.convert.passages import Paragraph, build_passages
from borderlines.convert.sentences import split_sentences

_PIECES = [
    "Word",
    "x",
    " ",
    "  ",
    ".",
    "...",
    "…",
    "!",
    "?",
    '"',
    "“",
    "”",
    "’",
    ")",
    "Mr.",
    "Formnext",
    "\n",
]
_PUNCTUATED = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PUNCTUATED)
@example("The fair opens at Formnext. ...")  # sentencex once made this "Formnext....", and convert crashed
@example('He said: "')
def test_sentences_are_the_texts_own_words_in_order(text: str) -> None:
    """Over runs of punctuation, ellipses and spaces, each sentence is a run of the text itself, in
    order, and nothing but white space stands outside them."""
    position = 0
    for sentence in split_sentences(text):
        found = text.index(sentence, position)  # raises if a sentence is not the text's own
        assert sentence and not text[position:found].strip()
        position = found + len(sentence)
    assert not text[position:].strip()


@settings(max_examples=200, deadline=None)
@given(_PUNCTUATED.map(lambda text: " ".join(text.split())).filter(bool))
@example("The fair opens at Formnext. ...")
def test_passages_keep_every_word(text: str) -> None:
    """A paragraph becomes passages holding every character of it in order (sentences are joined by one
    space, so only white space may differ), and no call raises."""
    body, _ = build_passages([Block("paragraph", [Span(text)], "line 1")], "slug")
    paragraphs = [item for item in body if isinstance(item, Paragraph)]
    joined = " ".join(paragraph.text for paragraph in paragraphs)
    assert "".join(joined.split()) == "".join(text.split())
    assert all(sentence.text for paragraph in paragraphs for sentence in paragraph.sentences)


def test_a_panic_in_the_segmenter_keeps_the_text_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """sentencex is Rust: a panic reaches Python as a BaseException, and must not end the run."""

    class Panic(BaseException):
        pass

    def panicking(language: str, text: str) -> list[str]:
        raise Panic("index out of bounds")

    monkeypatch.setattr(sentences, "segment", panicking)
    assert split_sentences("He said A\u00a0. then left.") == ["He said A\u00a0. then left."]
