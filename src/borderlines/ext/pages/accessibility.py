"""Small repairs to theme markup that accessibility audits flag."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_CAPTION = 'class="caption" role="heading"'


def setup_accessibility(app: Sphinx) -> None:
    """Repairs to the theme's markup, after the theme's own handler."""
    app.connect("html-page-context", label_toctree_captions, priority=900)


def label_toctree_captions(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give toctree captions (role="heading") the heading level ARIA requires: 2 in the sidebar, where
    they head its sections, and 3 in a page, where a toctree sits in a section of the page."""
    for key, level in (("furo_navigation_tree", 2), ("body", 3)):
        markup = context.get(key)
        if isinstance(markup, str):
            context[key] = markup.replace(_CAPTION, f'{_CAPTION} aria-level="{level}"')
