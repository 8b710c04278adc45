"""Seed text is only ever text: properties over arbitrary and hostile strings."""

from __future__ import annotations

import html as htmllib
import re
import shutil
import string
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builds import ROOT
from hostile import TEXT
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.testing.util import SphinxTestApp

from borderlines.contract.metadata import GENERATOR
from borderlines.convert import myst
from borderlines.convert.extract import _tidy, escape_markdown, html_blocks
from borderlines.convert.model import Block, Span
from borderlines.convert.myst import render_body, render_front_matter
from borderlines.convert.passages import Paragraph, Sentence
from borderlines.convert.verify import verify_page

from conftest import Project


def _clean(text: str) -> str:
    """What a passage holds: white space runs become one space, ends trimmed (as extraction does)."""
    return " ".join(text.split())


def _page(texts: list[str]) -> tuple[str, dict[str, str | int], list[Paragraph]]:
    body = [Paragraph(f"p{n}", (Sentence(f"p{n}-s1", (Span(text),)),)) for n, text in enumerate(texts)]
    meta: dict[str, str | int] = {
        "borderlines_generator": GENERATOR,
        "source_title": "T",
        "passages": len(texts),
    }
    return render_front_matter(meta) + "\n" + render_body("T", body), meta, body


def _read_back(page: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each passage of ``page`` as MyST's parser reads it: its fence's info, and each block of its
    body with the type and content of the block's inline children (every token type but inline)."""
    parser = create_md_parser(MdParserConfig(), RendererHTML)
    passages = []
    for fence in parser.parse(page):
        if fence.type == "fence" and fence.info.startswith("{corpus:passage}"):
            _, _, body = fence.content.partition("\n\n")
            children = [
                (child.type, child.content)
                for token in parser.parse(body)
                for child in (token.children or [] if token.type == "inline" else [token])
            ]
            passages.append((fence.info, children))
    return passages


_BLOCK = [("paragraph_open", ""), ("paragraph_close", "")]


@given(st.one_of(TEXT, st.text(string.punctuation + "\\ ab")))
def test_escaping_puts_one_backslash_before_each_punctuation_character(text: str) -> None:
    expected = "".join("\\" + char if char in string.punctuation else char for char in text)
    assert escape_markdown(text) == expected


@settings(max_examples=300, deadline=None)
@given(TEXT.map(_clean).filter(bool))
def test_rendered_text_reads_back_exactly(text: str) -> None:
    """MyST's own parser reads every rendered passage back as exactly its text, and nothing else."""
    page, meta, body = _page([text])
    verify_page(page, meta, "T", body)  # raises on any other token or any text difference
    [(info, tokens)] = _read_back(page)
    assert info == "{corpus:passage} p0"
    assert [token for token in tokens if token[0] != "text"] == _BLOCK  # one paragraph, text alone
    assert "".join(content for kind, content in tokens if kind == "text") == text


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_html_extraction_is_lossless(text: str) -> None:
    """html2text, as configured, turns an escaped HTML paragraph back into exactly its text."""
    blocks, _ = html_blocks(f"<p>{htmllib.escape(text)}</p>")
    assert " ".join(block.text for block in blocks) == _clean(text)


class _Passages(HTMLParser):
    """Collect sentence passage texts and every tag and attribute inside the page body."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.current: str | None = None
        self.depth = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.current is not None:
            self.depth += tag == "span"
            self.tags.append((tag, attributes))
        elif tag == "span" and "corpus-sentence" in (attributes.get("class") or ""):
            self.current, self.depth = str(attributes["id"]), 0
            self.texts[self.current] = ""

    def handle_endtag(self, tag: str) -> None:
        if self.current is not None and tag == "span":
            if self.depth == 0:
                self.current = None
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.texts[self.current] += data


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(st.lists(TEXT.map(_clean).filter(bool), min_size=1, max_size=8))
def test_built_passage_is_exactly_the_text(texts: list[str]) -> None:
    """Through a real Sphinx build with the real conf.py, each passage's text is its input, with no tag
    but its own permalink."""
    src = Path(tempfile.mkdtemp(prefix="borderlines-escaping-"))
    (src / "conf.py").write_text((ROOT / "conf.py").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "index.md").write_text("# Index\n\n```{toctree}\npage\n```\n", encoding="utf-8")
    page, _, _ = _page(texts)
    (src / "page.md").write_text(page, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, confoverrides={"extensions": ["myst_parser", "borderlines.ext"]})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        parsed = _Passages()
        parsed.feed((Path(app.outdir) / "page.html").read_text(encoding="utf-8"))
        assert list(parsed.texts.values()) == texts
        # The only tag inside a sentence is its own empty permalink.
        assert parsed.tags == [
            (
                "a",
                {
                    "class": "corpus-permalink reference internal",
                    "href": f"#{passage_id}",
                    "title": f"Link to this sentence: {passage_id}",
                },
            )
            for passage_id in parsed.texts
        ]
        assert not list(Path(app.outdir).glob("_downloads/*")) and not list(
            Path(app.outdir).glob("_images/*")
        )
    finally:
        app.cleanup()
        shutil.rmtree(src)


def test_verifier_catches_what_escaping_would_miss(
    project: Project, make_seed: Callable[[str, bytes], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With escaping switched off, the MyST check refuses the page: the second layer is real."""
    monkeypatch.setattr(myst, "escape_markdown", lambda text: text)
    make_seed("hostile.txt", b"Read this {download}`/etc/passwd` now, the attacker said in a statement.\n")
    make_seed("fine.txt", b"An ordinary sentence of news text, as the agency reported on Monday.\n")
    run = project.convert()
    assert run.status == 2
    assert run.err.splitlines()[-1] == (
        "seeds/hostile.txt: its page failed verification: seed text would become 'myst_role'"
    )
    assert sorted(path.name for path in project.pages.iterdir()) == ["fine.md"]


@given(
    st.lists(
        st.tuples(
            st.one_of(TEXT, st.text(" \t\n\x0b\x1c\xa0ab")), st.sampled_from([None, "https://a.example/"])
        )
    )
)
def test_tidying_collapses_white_space_as_the_regular_expression_does(
    spans: list[tuple[str, str | None]],
) -> None:
    """The fast path for plain ASCII gives what collapsing every run of ``\\s`` would."""
    tidied = _tidy(Block("paragraph", [Span(text, href) for text, href in spans], "p"))
    collapsed = [Span(re.sub(r"\s+", " ", text), href) for text, href in spans]
    expected = _tidy(Block("paragraph", collapsed, "p")).spans
    assert tidied.spans == expected
