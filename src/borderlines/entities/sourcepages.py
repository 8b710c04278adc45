"""The paragraphs of the generated source pages, read back with MyST's parser, for reports outside a
build: a paragraph's text is its sentences' words joined by single spaces, as the build sees it."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..contract.names import DOMAIN, Directive

_PASSAGE = re.compile(rf"\{{{DOMAIN}:{Directive.PASSAGE}\}} (\S+)")


def page_paragraphs(text: str) -> list[tuple[str, str]]:
    """``(paragraph ID, words)`` for each passage directive of one generated page, in page order."""
    parser = create_md_parser(MdParserConfig(), RendererHTML)
    found: list[tuple[str, str]] = []
    for token in parser.parse(text):
        match = _PASSAGE.fullmatch(token.info) if token.type == "fence" else None
        if match is None:
            continue
        _options, _, body = token.content.partition("\n\n")
        sentences = [
            "".join(child.content for child in inline.children or [] if child.type == "text")
            for inline in parser.parse(body)
            if inline.type == "inline"
        ]
        found.append((match.group(1), " ".join(sentences)))
    return found


def corpus_paragraphs(sources: Path) -> list[tuple[str, str]]:
    """Every paragraph of every page in ``sources`` (``docs/sources``), pages in name order."""
    found: list[tuple[str, str]] = []
    for page in sorted(sources.glob("*.md")):
        found += page_paragraphs(page.read_text(encoding="utf-8"))
    return found
