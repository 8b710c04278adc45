"""The small data types every conversion step passes along."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..contract.metadata import Authors, Removal, Value


class Form(StrEnum):
    """The shape a seed arrives in."""

    HTML_FRAGMENT = "html-fragment"
    HTML_PAGE = "html-page"
    PLAIN_PARAGRAPHS = "plain-paragraphs"
    WEB_PAGE = "web-page"
    PLAIN_SECTIONS = "plain-sections"


@dataclass(frozen=True)
class Span:
    """A run of seed text, optionally a link to ``href``."""

    text: str
    href: str | None = None


@dataclass
class Block:
    """A paragraph or heading of the body, with where it came from in the seed."""

    kind: str  # "paragraph" or "heading"
    spans: list[Span]
    where: str

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(span.text for span in self.spans)


@dataclass
class Extracted:
    """The body of a seed, what was removed from it, and metadata found in its text."""

    blocks: list[Block]
    removals: list[Removal] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: What a saved page states about itself (its JSON-LD, Open Graph, head), with the element as basis.
    stated: dict[str, Value] = field(default_factory=dict)
    authors: Authors | None = None
    #: What located a saved page's article, and with which settings ("" for other forms).
    extractor: str = ""
    extractor_settings: str = ""
