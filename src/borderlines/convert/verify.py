"""Check a rendered page with MyST's own parser: only the tokens we meant, and the exact text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..contract.metadata import FrontMatter
from ..contract.names import SENTENCES_OPTION
from ..contract.urls import safe_url
from .flatyaml import reads_back
from .model import Span
from .myst import PASSAGE_DIRECTIVE, SOURCE_DIRECTIVE
from .passages import Heading, Paragraph, Sentence
from .plainline import plain_spans

_PASSAGE_INFO = re.compile(r"\{" + re.escape(PASSAGE_DIRECTIVE) + r"\} ([a-z0-9-]+)")
_OPTION = re.compile(rf":{SENTENCES_OPTION}: ([a-z0-9 -]+)\n\n")
_PARAGRAPH_TOKENS = {"paragraph_open", "paragraph_close", "inline"}


class UnsafePageError(Exception):
    """A rendered page holds something other than what the converter meant to write."""


@cache
def _parser() -> MarkdownIt:
    return create_md_parser(MdParserConfig(), RendererHTML)


def verify_page(page: str, metadata: FrontMatter, title: str, body: Sequence[Paragraph | Heading]) -> None:
    """Raise UnsafePageError unless ``page`` parses back into exactly ``metadata``, title and body."""
    parser = _parser()
    tokens = parser.parse(page)
    if not page.startswith("---\n") or not tokens or tokens[0].type != "front_matter":
        raise UnsafePageError("the page does not begin with its front matter")
    if not reads_back(tokens[0].content, metadata):
        raise UnsafePageError("the front matter does not read back as written")
    expected: list[tuple[str, object]] = [("h1", " ".join(title.split())), ("source", None)]
    expected += [("h2", item.text) if isinstance(item, Heading) else ("passage", item) for item in body]
    found = _blocks(tokens[1:])
    if len(found) != len(expected):
        raise UnsafePageError(f"{len(found)} blocks parsed where {len(expected)} were written")
    passages: list[tuple[Paragraph, str]] = []
    for (kind, value), token_group in zip(expected, found, strict=True):
        if isinstance(value, Paragraph):
            passages.append((value, _passage_content(value, token_group[0])))
        else:
            _check_block(kind, value, token_group)
    _check_passages(parser, passages)


def _blocks(tokens: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            groups.append(tokens[index : index + 3])
            index += 3
        else:
            groups.append([token])
            index += 1
    return groups


def _check_block(kind: str, value: object, group: list[Token]) -> None:
    first = group[0]
    if kind in ("h1", "h2"):
        if first.type != "heading_open" or first.tag != kind or len(group) != 3:
            raise UnsafePageError(f"expected a {kind} heading, found {first.type}")
        _check_inline(group[1], [Span(str(value))])
    elif first.type != "fence" or first.info != "{" + SOURCE_DIRECTIVE + "}" or first.content:
        raise UnsafePageError(f"expected the source directive, found {first.type}")


def _passage_content(paragraph: Paragraph, fence: Token) -> str:
    """The text MyST parses as the body of a passage directive, once its ID and options are checked."""
    match = _PASSAGE_INFO.fullmatch(fence.info) if fence.type == "fence" else None
    if not match or match.group(1) != paragraph.id:
        raise UnsafePageError(f"expected passage {paragraph.id}, found {fence.type} {fence.info!r}")
    option = _OPTION.match(fence.content)
    if not option or option.group(1).split() != [s.id for s in paragraph.sentences]:
        raise UnsafePageError(f"passage {paragraph.id}: its sentence IDs do not read back")
    return fence.content[option.end() :]


def _check_passages(parser: MarkdownIt, passages: list[tuple[Paragraph, str]]) -> None:
    """Check each passage body reads back as its sentences only, parsing only what needs a parse.

    A sentence whose line is plain by its characters alone (``_reads_as_itself``) is proved
    without a parse; every other line (or a whole body whose lines do not match its sentences) is
    parsed by MyST, all of them at once.
    """
    pieces: list[tuple[str, tuple[Sentence, ...], str]] = []
    for paragraph, content in passages:
        lines = content.removesuffix("\n").split("\n\n")
        if len(lines) != len(paragraph.sentences):
            pieces.append((paragraph.id, paragraph.sentences, content))
            continue
        pieces += [
            (paragraph.id, (sentence,), line)
            for line, sentence in zip(lines, paragraph.sentences, strict=True)
            if not _reads_as_itself(line, sentence)
        ]
    _check_pieces(parser, pieces)


def _reads_as_itself(line: str, sentence: Sentence) -> bool:
    """Whether MyST, parsing ``line`` alone, reads exactly the sentence's text and links as one
    paragraph, each link to a URL we would write (plainline.py says why no parse is needed)."""
    spans = plain_spans(_parser(), line)
    if spans is None or any(span.href and safe_url(span.href) != span.href for span in spans):
        return False
    if len(spans) == 1 and len(sentence.spans) == 1:  # most sentences: one run of text, no link
        return spans[0] == sentence.spans[0]
    return _merge(spans) == _merge(list(sentence.spans))


def _check_pieces(parser: MarkdownIt, pieces: list[tuple[str, tuple[Sentence, ...], str]]) -> None:
    """Parse pieces of passage bodies at once and check each reads back as its sentences only.

    Blank lines separate the pieces, and a blank line closes every block CommonMark has but those
    that show up here as tokens outside the allowlist; so a piece made only of paragraphs here is
    made only of the same paragraphs when MyST parses it alone, or within its passage.
    """
    if not pieces:
        return
    starts: list[int] = []
    chunks: list[str] = []
    line = 0
    for _, _, text in pieces:
        starts.append(line)
        chunks.append(text.removesuffix("\n") + "\n\n")
        line += chunks[-1].count("\n")
    ends = [*starts[1:], line]
    inlines: list[list[Token]] = [[] for _ in pieces]
    others: list[set[str]] = [set() for _ in pieces]
    for token in parser.parse("".join(chunks)):
        # Each token belongs to the piece whose lines it starts in (tokens without lines, to the last).
        index = bisect_right(starts, token.map[0]) - 1 if token.map else len(pieces) - 1
        if token.type == "inline":
            inlines[index].append(token)
        if token.type not in _PARAGRAPH_TOKENS or (token.map and token.map[1] > ends[index]):
            others[index].add(token.type)
    for (passage, sentences, _), found, unexpected in zip(pieces, inlines, others, strict=True):
        if unexpected or len(found) != len(sentences):
            raise UnsafePageError(f"passage {passage}: unexpected structure {sorted(unexpected)}")
        for token, sentence in zip(found, sentences, strict=True):
            _check_inline(token, list(sentence.spans))


def _check_inline(token: Token, spans: list[Span]) -> None:
    found: list[Span] = []
    href: str | None = None
    for child in token.children or []:
        if child.type == "text":
            found.append(Span(child.content, href))
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if safe_url(href) != href:
                raise UnsafePageError(f"a link to {href!r} would be written")
        elif child.type == "link_close":
            href = None
        else:
            raise UnsafePageError(f"seed text would become {child.type!r}")
    if _merge(found) != _merge(spans):
        raise UnsafePageError(f"text does not read back: {''.join(s.text for s in spans)[:60]!r}")


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].href == span.href:
            merged[-1] = Span(merged[-1].text + span.text, span.href)
        elif span.text:
            merged.append(span)
    return merged
