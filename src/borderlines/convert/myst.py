"""Render a converted seed as a MyST page in which seed text can only ever be text."""

from __future__ import annotations

from collections.abc import Sequence

from ..contract.metadata import FrontMatter
from ..contract.names import SENTENCES_OPTION, Directive, qualified
from .extract import escape_markdown
from .flatyaml import dump_flat
from .model import Span
from .passages import Heading, Paragraph

PASSAGE_DIRECTIVE = qualified(Directive.PASSAGE)
SOURCE_DIRECTIVE = qualified(Directive.SOURCE)


def render_front_matter(metadata: FrontMatter) -> str:
    """YAML front matter of flat scalars, quoted as PyYAML quotes them so no value can break out of it."""
    return f"---\n{dump_flat(metadata)}---\n"


def render_inline(spans: tuple[Span, ...] | list[Span]) -> str:
    """Seed text escaped character by character; links only to URLs already vetted."""
    out = []
    for span in spans:
        text = escape_markdown(span.text)
        out.append(f"[{text}]({span.href})" if span.href else text)
    return "".join(out)


def render_body(title: str, body: Sequence[Paragraph | Heading]) -> str:
    """The page below its front matter: title, source panel, then headings and passages."""
    parts = [f"# {escape_markdown(' '.join(title.split()))}", f"```{{{SOURCE_DIRECTIVE}}}\n```"]
    for item in body:
        if isinstance(item, Heading):
            parts.append(f"## {escape_markdown(item.text)}")
            continue
        ids = " ".join(sentence.id for sentence in item.sentences)
        sentences = "\n\n".join(render_inline(sentence.spans) for sentence in item.sentences)
        parts.append(f"```{{{PASSAGE_DIRECTIVE}}} {item.id}\n:{SENTENCES_OPTION}: {ids}\n\n{sentences}\n```")
    return "\n\n".join(parts) + "\n"
