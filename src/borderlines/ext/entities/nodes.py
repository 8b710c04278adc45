"""The nodes entity marks are written as, and their HTML: attributes docutils' own nodes cannot carry.

A mark is ``<a class="corpus-entity" data-entity="<id>" href="…">the words</a>``: the words
themselves, nothing added, so a passage's text is the same with or without marks. The previews
(``corpus-entity-cards``) and the search terms (``corpus-entity-terms``) stand once at the end of the
page, outside every passage.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

MARK_CLASS = "corpus-entity"


class entity_mark(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lowercase)
    """A mention, or an entity link: ``entity`` (the id), ``refuri`` (its page), ``reftitle``."""


class entity_cards(nodes.General, nodes.Element):  # noqa: N801
    """The previews of the page's entities (``cards``: id, name, type label, description), hidden."""


class entity_terms(nodes.General, nodes.Element):  # noqa: N801
    """Every name of the page's entities, for the search index only (``terms``: one line per entity)."""


def visit_mark(translator: HTML5Translator, node: entity_mark) -> None:
    """Open the mark's link."""
    title = f' title="{escape(node["reftitle"])}"' if node.get("reftitle") else ""
    entity, uri = escape(node["entity"]), escape(node["refuri"])
    translator.body.append(f'<a class="{MARK_CLASS}" data-entity="{entity}" href="{uri}"{title}>')


def depart_mark(translator: HTML5Translator, node: entity_mark) -> None:
    """Close the mark's link."""
    translator.body.append("</a>")


def visit_cards(translator: HTML5Translator, node: entity_cards) -> None:
    """Write the hidden previews, one per entity; never indexed for search."""
    cards = "".join(
        f'<span class="corpus-preview corpus-entity-card" data-entity="{escape(entity_id)}">'
        f'<span class="corpus-preview-source"><strong>{escape(name)}</strong> · {escape(kind)}</span>'
        f'<span class="corpus-preview-text">{escape(description)}</span></span>'
        for entity_id, name, kind, description in node["cards"]
    )
    opening = '<div class="corpus-entity-cards" hidden data-pagefind-ignore="all">'
    translator.body.append(f"{opening}{cards}</div>")
    raise nodes.SkipNode


def visit_terms(translator: HTML5Translator, node: entity_terms) -> None:
    """Write the names searchers may use, hidden from readers and screen readers, indexed by Pagefind
    (weighted below the page's own words)."""
    lines = "".join(f"<span>{escape(line)}</span> " for line in node["terms"])
    opening = '<div class="corpus-entity-terms" hidden aria-hidden="true" data-pagefind-weight="0.5">'
    translator.body.append(f"{opening}{lines}</div>")
    raise nodes.SkipNode


def _skip(translator: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _pass(translator: object, node: nodes.Node) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    """The nodes, written in HTML; other builders see a mark's words and nothing of the rest."""
    words, none = (_pass, _pass), (_skip, None)
    app.add_node(
        entity_mark, html=(visit_mark, depart_mark), latex=words, text=words, man=words, texinfo=words
    )
    for node, visit in ((entity_cards, visit_cards), (entity_terms, visit_terms)):
        app.add_node(node, html=(visit, None), latex=none, text=none, man=none, texinfo=none)
