"""Read a generated page back: its front matter and its passages, as MyST parses them."""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

_PASSAGE = re.compile(r"\{corpus:passage\} (\S+)")


def front_matter(page: str) -> dict[str, Any]:
    """The page's front matter as a dict."""
    data = yaml.safe_load(page.split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def passages(page: str) -> dict[str, str]:
    """Passage ID to text, for paragraphs and sentences, in page order."""
    parser = create_md_parser(MdParserConfig(), RendererHTML)
    found: dict[str, str] = {}
    for token in parser.parse(page):
        match = _PASSAGE.fullmatch(token.info) if token.type == "fence" else None
        if not match:
            continue
        options, _, body = token.content.partition("\n\n")
        ids = options.removeprefix(":sentences: ").split()
        texts = [
            "".join(child.content for child in t.children or [] if child.type == "text")
            for t in parser.parse(body)
            if t.type == "inline"
        ]
        found[match.group(1)] = " ".join(texts)
        found.update(zip(ids, texts, strict=True))
    return found


def sentences(page: str) -> list[str]:
    """The text of every sentence passage, in order."""
    return [text for pid, text in passages(page).items() if re.search(r"-s\d+-[0-9a-f]{4}$", pid)]
