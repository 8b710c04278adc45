"""The page check parses all passage bodies at once, and still refuses what MyST would read otherwise."""

from __future__ import annotations

import pytest

from borderlines.contract.metadata import GENERATOR
from borderlines.convert import myst
from borderlines.convert.model import Span
from borderlines.convert.myst import render_body, render_front_matter
from borderlines.convert.passages import Paragraph, Sentence
from borderlines.convert.verify import UnsafePageError, verify_page

ORDINARY = "An ordinary sentence of news text, as the agency reported on Monday."


def _body(passages: list[list[str]]) -> list[Paragraph]:
    return [
        Paragraph(
            f"p{number}",
            tuple(Sentence(f"p{number}-s{index}", (Span(text),)) for index, text in enumerate(texts, 1)),
        )
        for number, texts in enumerate(passages, 1)
    ]


def _check(passages: list[list[str]], page_edit: tuple[str, str] | None = None) -> None:
    meta: dict[str, str | int] = {"borderlines_generator": GENERATOR, "source_title": "T"}
    body = _body(passages)
    page = render_front_matter(meta) + "\n" + render_body("T", body)
    if page_edit is not None:
        assert page_edit[0] in page
        page = page.replace(*page_edit)
    verify_page(page, meta, "T", body)


def test_ordinary_passages_pass() -> None:
    """Several passages of several sentences, links included, read back as written."""
    _check([[ORDINARY, "Another one, said officials."], ["A third, in a passage of its own."], [ORDINARY]])


# Seed text that would be markup if it were not escaped: alone in a passage, or opened in one passage
# and closed (or defined, or used) in the next, where a check parsing the bodies together might see
# something harmless.
UNESCAPED = {
    "fence-across-passages": [["```"], ["{include} ../secret.txt"], ["```"]],
    "indented-code": [[ORDINARY], ["    code"]],
    "reference-definition-in-next-passage": [["See [here]."], ["[here]: https://example.org"]],
    "reference-definition-in-earlier-passage": [["[here]: https://example.org"], ["See [here]."]],
    "footnote": [["A claim.[^1]"], ["[^1]: A note."]],
    "list": [[ORDINARY], ["- an item"]],
    "list-continued-in-next-passage": [["- an item"], ["  more of it"]],
    "quote": [["> quoted"]],
    "heading": [["# heading"]],
    "html-block": [["<div>"], ["text"], ["</div>"]],
    "target": [["(label)="]],
    "comment": [["% a comment"]],
    "block-break": [["+++"]],
    "role": [["{download}`/etc/passwd`"]],
    "setext-heading": [["Title\n==="]],
}


@pytest.mark.parametrize("passages", UNESCAPED.values(), ids=UNESCAPED.keys())
def test_unescaped_markup_is_refused(passages: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """With escaping switched off, every such page is refused, wherever the markup sits."""
    monkeypatch.setattr(myst, "escape_markdown", lambda text: text)
    with pytest.raises(UnsafePageError):
        _check(passages)


def test_sentences_must_sit_in_their_own_passage() -> None:
    """The same sentences in the same order, but one moved into the next passage, are refused."""
    moved = (
        "First sentence\\.\n\nSecond sentence\\.\n```\n\n```{corpus:passage} p2\n:sentences: p2-s1\n\n",
        "First sentence\\.\n```\n\n```{corpus:passage} p2\n:sentences: p2-s1\n\nSecond sentence\\.\n\n",
    )
    _check([["First sentence.", "Second sentence."], ["Third sentence."]])
    with pytest.raises(UnsafePageError, match="passage p1: unexpected structure"):
        _check([["First sentence.", "Second sentence."], ["Third sentence."]], moved)


def test_a_passage_body_that_reads_differently_is_refused() -> None:
    """One changed word in one sentence is found, in whichever passage it is."""
    with pytest.raises(UnsafePageError, match="text does not read back"):
        _check([[ORDINARY], ["Officials said nothing."]], ("Officials said", "Officials told"))
