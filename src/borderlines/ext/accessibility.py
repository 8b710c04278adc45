"""Small repairs to theme markup that accessibility audits flag."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_CAPTION = 'class="caption" role="heading"'


def label_sidebar_captions(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give the sidebar's toctree captions (role="heading") the heading level ARIA requires."""
    tree = context.get("furo_navigation_tree")
    if isinstance(tree, str):
        context["furo_navigation_tree"] = tree.replace(_CAPTION, f'{_CAPTION} aria-level="2"')
