"""The page check parses passage bodies at once (all but lines plain by their characters), and
still refuses what MyST would read otherwise."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from borderlines.contract.metadata import GENERATOR
from borderlines.convert import myst, verify
from borderlines.convert.extract import escape_markdown
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


_LINE_CHARACTERS = st.one_of(
    st.characters(),
    st.sampled_from("\\ \t\n\r\x00\x0b\x0c\xa0\xad\u2028\u2029\u200b\u200d\u3000\ufeff\u0301é—“”«»"),
    st.characters(max_codepoint=0x7F),
)
_LINES = st.one_of(st.text(_LINE_CHARACTERS), st.text(_LINE_CHARACTERS).map(escape_markdown))


def _sentence(text: str) -> Sentence:
    return Sentence("s", (Span(text),))


def _unescaped(line: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line)


@settings(max_examples=2000, deadline=None)
@given(_LINES)
@example("Officials said\\. ")
@example("\\\\\\*not emphasis\\*")
@example("1\\. Not a list")
@example("\xa0Leading no-break space")
@example("\ufeffByte order mark")
def test_a_line_proved_plain_is_what_myst_reads(line: str) -> None:
    """Whenever a line is taken as plain text without a parse, MyST parsing it alone reads one
    paragraph of exactly the text the check compared; the check is only ever a shortcut."""
    text = _unescaped(line)
    if not verify._reads_as_itself(line, _sentence(text)):
        return
    tokens = create_md_parser(MdParserConfig(), RendererHTML).parse(line)
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {child.type for child in children} <= {"text"}
    assert "".join(child.content for child in children) == text


PROSE = [
    ORDINARY,
    "“We will not allow it,” the minister said — twice — in Baghdad’s parliament (on 3 March).",
    "Al-Hol holds about 40,000 people; 60% are children, the UN says.",
    "Les forces kurdes ont déclaré : « la situation reste tendue ».",
    "قال مسؤولون إن الوضع مستقر",
]


@pytest.mark.parametrize("text", PROSE)
def test_ordinary_prose_is_proved_plain_without_a_parse(text: str) -> None:
    """News prose, punctuation and scripts beyond Latin included, needs no second parse."""
    assert verify._reads_as_itself(escape_markdown(text), _sentence(text))


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("*emphasis*", "*emphasis*"),
        ("trailing space ", "trailing space "),
        ("  indented", "  indented"),
        ("no\u00a0break", "no\u00a0break"),
        ("said\\. Then", "said. then"),
    ],
)
def test_lines_not_plain_or_not_the_sentence_are_left_to_the_parse(line: str, text: str) -> None:
    """Unescaped punctuation, space at an end, a character outside the plain ones, or other text."""
    assert not verify._reads_as_itself(line, _sentence(text))


def test_a_link_is_proved_only_to_its_own_url() -> None:
    """A sentence with a link is proved by its characters only when the line links its text to its
    URL, and to a URL the converter would write."""
    sentence = Sentence("s", (Span("the "), Span("report", "https://example.org/a?b=1&c=2")))
    assert verify._reads_as_itself("the [report](https://example.org/a?b=1&c=2)", sentence)
    assert not verify._reads_as_itself("the report", sentence)
    assert not verify._reads_as_itself("the [report](https://example.org/a?b=1)", sentence)
    assert not verify._reads_as_itself("the [report](https://example.org/a?b=1&amp;c=2)", sentence)
    ftp = Sentence("s", (Span("the "), Span("report", "ftp://example.org/")))
    assert not verify._reads_as_itself("the [report](ftp://example.org/)", ftp)
