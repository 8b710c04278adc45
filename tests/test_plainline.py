"""A line read as plain without a parse is exactly what markdown-it reads, with MyST's parser too."""

from __future__ import annotations

from contextlib import AbstractContextManager
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from borderlines.convert import extract
from borderlines.convert.extract import escape_markdown
from borderlines.convert.model import Span
from borderlines.convert.plainline import PLAIN_LINK, is_plain_link, plain_spans
from borderlines.convert.seedfile import SeedError

PARSERS = {
    "commonmark": MarkdownIt("commonmark", {"html": False}),
    "myst": create_md_parser(MdParserConfig(), RendererHTML),
}

_HAZARDS = "\\ \t\n\r\x00\x0b\x0c\xa0\xad\u2028\u2029\u200b\u200d\u3000\ufeff\u0301é—“”«»[]()!&;#%<>*_`"
_CHARACTERS = st.one_of(st.sampled_from("abz 09"), st.sampled_from(_HAZARDS), st.characters())
_URL_CHARACTERS = st.sampled_from("abz09/:.?#&;=%()[]\\ <>\"'@!$*+,-_~éü\t")
_DESTINATIONS = st.one_of(
    st.sampled_from(
        [
            "https://example.org/",
            "https://example.org/a?b=1&c=2#d",
            "https://example.org/a?b=1&amp;c=2",
            "https://example.org/%20x",
            "https://example.org/%zz",
            "https://example.org/%e2%80%94",
            "https://EXAMPLE.org/",
            "HTTPS://example.org/",
            "https://xn--bcher-kva.example/",
            "https://bücher.example/",
            "javascript:alert(1)",
            "mailto:desk@example.org",
            "//example.org/",
            "https://example.org/a(b)",
            "https://example.org/[x]",
            "https://user:pw@example.org:8080/",
            "https://[::1]/",
            "data:text/html,x",
            "",
        ]
    ),
    st.text(_URL_CHARACTERS),
    st.text(_URL_CHARACTERS).map(lambda rest: "https://example.org/" + rest),
)
_TEXTS = st.one_of(st.text(_CHARACTERS), st.text(_CHARACTERS).map(escape_markdown))
_PIECES = st.one_of(
    _TEXTS,
    st.sampled_from(["&amp;", "&#42;", "&copy;", "&nbsp;", "\\", " ", "  ", "*", "_", "`", "<a>", "![", "]"]),
    st.tuples(_TEXTS, _DESTINATIONS).map(lambda link: f"[{link[0]}]({link[1]})"),
    st.tuples(_TEXTS.map(escape_markdown), _DESTINATIONS).map(lambda link: f"[{link[0]}]({link[1]})"),
)
_LINES = st.lists(_PIECES, max_size=5).map("".join)


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].href == span.href:
            merged[-1] = Span(merged[-1].text + span.text, span.href)
        else:
            merged.append(span)
    return merged


def _read(children: list[Token]) -> list[Span]:
    spans: list[Span] = []
    href: str | None = None
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs["href"])
        elif child.type == "link_close":
            href = None
        else:
            assert child.type == "text", child.type
            spans.append(Span(child.content, href))
    return _merged(spans)


@pytest.mark.parametrize("name", PARSERS)
@settings(max_examples=1500, deadline=None)
@given(line=_LINES)
@example(line="[report](https://example.org/)")
@example(line="see [the report](https://example.org/a?b=1&c=2) \\(in full\\)")
@example(line="[a](https://example.org/a?b=1&amp;c=2)")
@example(line="[a](https://bücher.example/)")
@example(line="[a](javascript:alert\\(1\\))")
@example(line="[a](https://example.org/%zz)")
@example(line="\\[a\\]\\(https://example.org/\\)")
@example(line="1\\. [a](https://example.org/)")
def test_a_plain_line_reads_as_markdown_it_reads_it(name: str, line: str) -> None:
    """Alone, and between blank lines under other blocks, a plain line is one paragraph of its spans."""
    spans = plain_spans(PARSERS[name], line)
    if spans is None:
        return
    for document, at in ((line, 0), (f"- an item\n\n{line}\n\n> a quote\n", 2)):
        tokens = [token for token in PARSERS[name].parse(document) if token.map and token.map[0] == at]
        assert [token.type for token in tokens] == ["paragraph_open", "inline"]
        assert tokens[0].map == [at, at + 1]
        assert _read(tokens[1].children or []) == _merged(spans)


@pytest.mark.parametrize(
    "line",
    [
        "ordinary text, unescaped",
        " leading space",
        "trailing space ",
        "[a ](https://example.org/)",
        '[a](https://example.org/ "title")',
        "[a](<https://example.org/>)",
        "[a](https://example.org/a(b))",
        "[a](https://example.org/a?b=1&amp;c=2)",
        "[a](https://bücher.example/)",
        "[a](https://example.org/%zz)",
        "no\u00a0break",
        "",
    ],
)
def test_lines_that_need_a_parse_are_not_read_as_plain(line: str) -> None:
    """Unescaped punctuation, space at an end, a title, an entity or a URL markdown-it would change."""
    assert plain_spans(PARSERS["commonmark"], line) is None


def test_news_prose_with_links_is_plain() -> None:
    """Escaped prose with ordinary links is read without a parse."""
    line = (
        escape_markdown("Officials said (on Monday) that ") + "[the camp](https://example.org/al-hol?x=1&y=2)"
    )
    assert plain_spans(PARSERS["commonmark"], line + escape_markdown(" is full.")) == [
        Span("Officials said (on Monday) that "),
        Span("the camp", "https://example.org/al-hol?x=1&y=2"),
        Span(" is full."),
    ]


def _parsed_whole() -> AbstractContextManager[object]:
    """Every line left to markdown-it's parse, as before the shortcut."""
    return mock.patch.object(extract, "plain_spans", lambda parser, line: None)


_BLOCK_LINES = st.one_of(
    _LINES,
    _LINES.map(lambda line: "## " + line),
    st.sampled_from(["", " ", "\t", "- an item", "  continued", "    code", "> quoted", "1. first", "***"]),
    st.sampled_from(["```", "~~~", "Title", "===", "[ref]: https://example.org/"]),
    st.sampled_from(["\r", "x\r\ny", "x\ry", "\r\r"]),
)


@settings(max_examples=1500, deadline=None)
@given(markdown=st.lists(_BLOCK_LINES, max_size=12).map("\n".join))
@example(markdown="a\n\n```\n\nplain\n\n```")
@example(markdown="- an item\n\nplain [a](https://example.org/)\n\n  continued")
@example(markdown="## plain\n\n[a](https://example.org/)")
def test_markdown_read_with_plain_lines_is_markdown_read_whole(markdown: str) -> None:
    """Reading html2text's Markdown with plain lines taken as they are gives the blocks of a whole parse."""
    shortcut = extract.markdown_blocks(markdown)
    with _parsed_whole():
        assert extract.markdown_blocks(markdown) == shortcut


_HTML = st.lists(
    st.one_of(
        _TEXTS,
        st.sampled_from(
            ["<p>", "</p>", "<br>", "<h2>", "</h2>", "<ul><li>", "</li></ul>", "<pre>", "</pre>"]
        ),
        st.sampled_from(
            ["<blockquote>", "</blockquote>", "<a href='https://example.org/?a=1&amp;b=2'>", "</a>"]
        ),
        st.sampled_from(["<a href='https://example.org/x(y)'>", "<a href='javascript:x'>", "&nbsp;", "\n\n"]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(html=_HTML)
def test_html_read_with_plain_lines_is_html_read_whole(html: str) -> None:
    """Whatever html2text writes for a fragment, the shortcut gives the blocks of a whole parse."""
    try:
        shortcut = extract.html_blocks(html)
    except SeedError as error:
        shortcut_error: str | None = str(error)
    else:
        shortcut_error = None
    with _parsed_whole():
        try:
            whole = extract.html_blocks(html)
        except SeedError as error:
            assert str(error) == shortcut_error
        else:
            assert shortcut_error is None
            assert whole == shortcut


@settings(max_examples=500, deadline=None)
@example("https://example.org")
@example("http://a.b/c@d?e=f#g?h")
@example("https://" + "a" * 63 + ".org/")
@example("https://" + "a" * 64 + ".org/")
@example("https://" + ".".join(["a" * 63] * 4) + "/x")
@example("https://" + ".".join(["a" * 63] * 5) + "/x")
@example("https://" + ".".join(["a" * 63] * 3) + "." + "b" * 63 + "/x")
@given(
    st.one_of(
        st.from_regex(PLAIN_LINK, fullmatch=True), st.text(_URL_CHARACTERS).map("https://x.org/".__add__)
    )
)
def test_a_link_plain_by_its_shape_is_one_markdown_it_leaves_as_it_is(destination: str) -> None:
    """Whatever link the shape admits, markdown-it's normaliser (MyST's too) returns it unchanged."""
    if is_plain_link(destination):
        for parser in PARSERS.values():
            assert parser.normalizeLink(destination) == destination
