"""Extract a seed's body as blocks of text and links, from HTML (via html2text) or plain text."""

from __future__ import annotations

import re
import string
from functools import cache
from html.parser import HTMLParser

import html2text
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..contract.metadata import Removal
from ..contract.urls import safe_url
from .model import Block, Span
from .nesting import BLOCKS, MAX_NESTING_DEPTH, NestingTracker
from .plainline import plain_spans
from .seedfile import SeedError

#: ASCII punctuation, the backslash first so that the backslashes escaping the others stay single.
_PUNCTUATION = "\\" + string.punctuation.replace("\\", "")
_SPACE = re.compile(r"\s+")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_HEADING = re.compile(r"#{1,6} ")
#: Elements whose content is code, not text: dropped with it, and recorded.
_RAW_TEXT_ELEMENTS = {"script", "style"}
#: Elements that are dropped and recorded, their text (fallback content) kept as paragraphs.
_DROPPED_ELEMENTS = {"iframe", "object", "embed", "template", "noscript", "frame", "frameset", "applet"}
#: Document-level tags a fragment may carry: ignored, so none of them can hide the text after them.
_IGNORED_TAGS = {"html", "head", "body", "meta", "link", "base"}
# Block elements read as plain paragraphs: the page is a flat run of paragraphs, so nesting (lists
# in lists, quotes in quotes) never reaches Markdown, whose parser drops text nested too deep.
_PARAGRAPH_ELEMENTS = (
    (BLOCKS - {"h1", "h2", "h3", "h4", "h5", "h6"}) | _DROPPED_ELEMENTS | {"title", "datalist"}
)
_PLAIN_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "mark",
    "del",
    "s",
    "strike",
    "small",
    "big",
    "code",
    "tt",
    "kbd",
    "samp",
    "var",
    "sup",
    "sub",
    "abbr",
    "font",
    "span",
    "q",  # html2text would add quotation marks the seed does not have
}


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation character (CommonMark reads each back as itself)."""
    # One str.replace a character present: five to twelve times faster than str.translate with a
    # table of two-character strings, which looks up every character of the text in Python.
    for char in _PUNCTUATION:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


class _SeedHTML2Text(html2text.HTML2Text):
    """html2text, made lossless for our purpose: all text escaped, URLs vetted, drops recorded."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(bodywidth=0)
        self.unicode_snob = True  # keep the source's characters, never ASCII stand-ins
        self.ignore_images = True
        self.ignore_emphasis = True
        self.skip_internal_links = False
        self.use_automatic_links = False
        self.dropped: list[tuple[str, str]] = []
        self.nesting = NestingTracker(max_depth)
        self.raw_text: tuple[str, int] | None = None  # the open <script> or <style>, and its line
        self.text_seen: list[str] = []
        self.link_open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.nesting.start(tag, line)
        if tag in _PLAIN_TAGS or tag in _IGNORED_TAGS:
            return
        if tag in _RAW_TEXT_ELEMENTS:
            self.raw_text = (tag, line)
            self.dropped.append(("dropped-element", f"<{tag}> element and its content"))
        elif tag in _DROPPED_ELEMENTS:
            self.dropped.append(("dropped-element", f"<{tag}> element (any text inside it kept)"))
        elif tag == "img":
            src = dict(attrs).get("src") or ""
            self.dropped.append(("image-dropped", f"image {src}".strip()))
            return
        elif tag == "a":
            if self.link_open:
                super().handle_endtag("a")  # as a browser does: a link never holds another
            self.link_open = True
            attrs = self._vet_link(attrs)
        super().handle_starttag("p" if tag in _PARAGRAPH_ELEMENTS else tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.nesting.end(tag)
        if tag in _PLAIN_TAGS or tag in _IGNORED_TAGS:
            return
        if tag in _RAW_TEXT_ELEMENTS:
            if self.raw_text is None or self.raw_text[0] != tag:
                return  # a stray end tag: html2text would go quiet for the rest of the seed
            self.raw_text = None
        elif tag == "a":
            if not self.link_open:
                return
            self.link_open = False
        super().handle_endtag("p" if tag in _PARAGRAPH_ELEMENTS else tag)

    def handle_entityref(self, c: str) -> None:
        if c == "nbsp":
            self.handle_data("\u00a0")  # html2text's own placeholder would be escaped as text
        else:
            super().handle_entityref(c)

    def close(self) -> str:  # type: ignore[override]  # html2text's close returns the text
        """Finish the text, closing a link left open at the end (html2text would leave its ``[``)."""
        HTMLParser.close(self)
        if self.link_open:
            self.handle_endtag("a")
        return str(super().close())

    def check_complete(self) -> None:
        """Refuse a seed whose <script> or <style> never closes: a browser would hide all that follows."""
        if self.raw_text is not None:
            tag, line = self.raw_text
            raise SeedError(
                f"has a <{tag}> element at line {line} that is never closed, so everything after it"
                " would be hidden"
            )

    def _vet_link(self, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        href = dict(attrs).get("href")
        if href is None:
            return []
        url = safe_url(href)
        if url is None:
            self.dropped.append(("unsafe-url", f"link to {href!r} dropped, its text kept"))
            return []
        return [("href", url)]

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        if self.raw_text is None:
            self.text_seen.append(data)
        super().handle_data(escape_markdown(data), entity_char=True)


def html_blocks(html: str, max_depth: int = MAX_NESTING_DEPTH) -> tuple[list[Block], list[Removal]]:
    """Convert an HTML fragment into blocks, with a record of what html2text's pass dropped."""
    converter = _SeedHTML2Text(max_depth)
    markdown = converter.handle(html)
    converter.check_complete()
    blocks = markdown_blocks(markdown)
    _check_nothing_lost(converter.text_seen, blocks)
    removals = [Removal(rule, "HTML", text) for rule, text in converter.dropped]
    return blocks, removals


def _check_nothing_lost(seen: list[str], blocks: list[Block]) -> None:
    """Refuse the seed unless its blocks hold every character of text the HTML parser saw."""
    expected = "".join("".join(seen).split())
    kept = "".join("".join(block.text for block in blocks).split())
    if kept != expected:
        at = next((i for i, (a, b) in enumerate(zip(kept, expected, strict=False)) if a != b), len(kept))
        raise SeedError(f"lost text while reading its HTML, near {expected[max(0, at - 20) : at + 20]!r}")


@cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_blocks(markdown: str) -> list[Block]:
    """Read html2text's Markdown back into blocks of text spans and links.

    A paragraph or heading line between blank lines that is plain (plainline.py) is read without
    markdown-it's inline parse: the block parse sees a one-letter stand-in for it, which leaves the
    blocks as they were (so where no other line needs it, there is no parse at all). Fenced code is
    the one block whose content a blank line does not end, so a text holding a fence is parsed whole;
    so is one holding a carriage return, which markdown-it reads as a line break of its own.
    """
    parser = _commonmark()
    lines = markdown.split("\n")
    known: dict[int, tuple[str, list[Span]]] = {}
    if "\r" not in markdown and not _FENCE.search(markdown):
        for index, line in enumerate(lines):
            if (index and lines[index - 1].strip(" \t")) or (
                index + 1 < len(lines) and lines[index + 1].strip(" \t")
            ):
                continue
            heading = _HEADING.match(line)
            spans = plain_spans(parser, line[heading.end() :] if heading else line)
            if spans is not None:
                known[index] = ("heading" if heading else "paragraph", spans)
                lines[index] = f"{heading.group()}x" if heading else "x"
    if len(known) == sum(1 for line in lines if line.strip(" \t")):
        found = [(kind, spans) for _, (kind, spans) in sorted(known.items())]
    else:
        found = _parsed_blocks(parser.parse("\n".join(lines)), known)
    blocks: list[Block] = []
    for kind, spans in found:
        if "".join(span.text for span in spans).strip():
            blocks.append(Block(kind, spans, f"paragraph {len(blocks) + 1}"))
    return [_tidy(block) for block in blocks]


def _parsed_blocks(
    tokens: list[Token], known: dict[int, tuple[str, list[Span]]]
) -> list[tuple[str, list[Span]]]:
    """Each block's kind and spans, from markdown-it's tokens (or, for a stand-in, from ``known``)."""
    found: list[tuple[str, list[Span]]] = []
    kind = "paragraph"
    for token in tokens:
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "paragraph_open":
            kind = "paragraph"
        elif token.type == "inline":
            line = token.map[0] if token.map else -1
            found.append((kind, known[line][1] if line in known else _inline_spans(token.children or [])))
        elif token.type in ("code_block", "fence") and token.content.strip():
            found.append(("paragraph", [Span(token.content)]))
    return found


def _inline_spans(children: list[Token]) -> list[Span]:
    spans: list[Span] = []
    href: str | None = None
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", "")) or None
        elif child.type == "link_close":
            href = None
        elif child.type in ("text", "code_inline"):
            spans.append(Span(child.content, href))
        elif child.type in ("softbreak", "hardbreak"):
            spans.append(Span(" ", href))
    return spans


def text_blocks(text: str) -> list[Block]:
    """Split plain text into blocks, one per non-empty line (its paragraphs)."""
    return [
        _tidy(Block("paragraph", [Span(line)], f"line {number}"))
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]


def _tidy(block: Block) -> Block:
    """Collapse white space inside a block and trim its ends, merging adjacent equal-link spans."""
    merged: list[Span] = []
    for span in block.spans:
        text = span.text
        # Printable ASCII has no white space but the space, so without two in a row there is nothing
        # to collapse (a tenth of the regular expression's cost, on most spans).
        if "  " in text or not text.isascii() or not text.isprintable():
            text = _SPACE.sub(" ", text)
        if merged and merged[-1].href == span.href:
            merged[-1] = Span(merged[-1].text + text, span.href)
        elif text:
            merged.append(Span(text, span.href))
    if merged:
        merged[0] = Span(merged[0].text.lstrip(), merged[0].href)
        merged[-1] = Span(merged[-1].text.rstrip(), merged[-1].href)
    block.spans = [span for span in merged if span.text]
    return block
