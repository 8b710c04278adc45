"""The entity index's summary, where ``{corpus:entities}`` stands: per type, its entities and mentions,
and the listing pages that hold them, so the page does not grow with the corpus."""

from __future__ import annotations

from contextlib import suppress

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from ..corpus.domain import corpus_of
from ..corpus.nodes import entity_index
from ..pages.fill import PageNodes
from ..pages.markup import make_table
from .model import TYPE_LABELS, listings
from .records import EntityMentions

_COLUMNS = (("Type", 3), ("Entities", 1), ("Mentions", 1), ("Listed on", 3))


def fill_entity_index(app: Sphinx, page: PageNodes) -> None:
    """Replace each entity-index placeholder with the summary table (corpus-fill)."""
    placeholders = page.of(entity_index)
    if not placeholders:
        return
    corpus = corpus_of(app.env)
    record = corpus.feature(EntityMentions)
    pages = listings(corpus, record) if record else []
    tally: dict[str, list[int]] = {}
    where: dict[str, list[int]] = {}
    for number, (_name, rows) in enumerate(pages, start=1):
        for row in rows:
            counts = tally.setdefault(row.type, [0, 0])
            counts[0] += 1
            counts[1] += row.mentions
            if number not in where.setdefault(row.type, []):
                where[row.type].append(number)
    table_rows: list[list[nodes.Node]] = []
    for kind, (entities, mentions) in tally.items():
        listed = nodes.inline()
        for index, number in enumerate(where[kind]):
            if index:
                listed += nodes.Text(", ")
            listed += _link(app, page.docname, pages[number - 1][0], kind, f"listing {number}")
        table_rows.append(
            [nodes.Text(TYPE_LABELS[kind][1]), nodes.Text(str(entities)), nodes.Text(str(mentions)), listed]
        )
    for placeholder in placeholders:
        if not table_rows:
            placeholder.replace_self(nodes.paragraph("", "No entities are registered."))
        else:
            placeholder.replace_self(make_table(_COLUMNS, table_rows, "corpus-entity-index"))


def _link(app: Sphinx, here: str, there: str, fragment: str, text: str) -> nodes.Node:
    with suppress(NoUri):
        uri = app.builder.get_relative_uri(here, there) + f"#{fragment}"
        return nodes.reference(text, text, refuri=uri, internal=True)
    return nodes.Text(text)
