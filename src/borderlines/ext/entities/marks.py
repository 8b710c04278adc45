"""Marking mentions on the page being written: source passages, topic prose, and ``{corpus:entity}``.

A mention is marked where its words stand inside one text node outside any link (a seed's own link
keeps its words unmarked; the entity page still lists the mention). Splitting a text node keeps
every character, so the page's text is what it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from ...entities import Entity, Registry
from ..corpus.directives import PARAGRAPH_CLASS
from ..corpus.domain import corpus_of
from ..corpus.nodes import entity_ref
from ..corpus.prose import SEPARATOR, prose_runs
from ..pages.fill import PageNodes
from .model import TYPE_LABELS, all_names, entity_page
from .nodes import MARK_CLASS, entity_cards, entity_mark, entity_terms
from .records import EntityMentions, MentionRecord


def mark_page(app: Sphinx, page: PageNodes) -> None:
    """Mark the page's mentions, fill its entity links, and add the previews (corpus-fill)."""
    corpus = corpus_of(app.env)
    record = corpus.feature(EntityMentions)
    registry = record.registry if record else None
    html = app.builder.format == "html"
    shown: set[str] = set()
    for ref in page.of(entity_ref):
        entity = registry.get(str(ref["entity"])) if registry else None
        label = str(ref["label"]) or (entity.name if entity else str(ref["entity"]))
        if entity is None or not html:
            ref.replace_self(nodes.inline(label, label, classes=["corpus-entity-unresolved"] if html else []))
            continue
        ref.replace_self(_mark(app, page.docname, entity, label))
        shown.add(entity.id)
    mentions = record.by_page.get(page.docname, ()) if record and html else ()
    if mentions and registry is not None:
        if page.docname in corpus.sources:
            shown |= _mark_passages(app, page, registry, mentions)
        else:
            shown |= _mark_prose(app, page, registry, mentions)
    if shown and registry is not None:
        _add_cards(page.doctree, registry, sorted(shown))


def _mark(
    app: Sphinx, docname: str, entity: Entity, words: str, uris: dict[str, str] | None = None
) -> nodes.Node:
    uris = {} if uris is None else uris  # the page's links to entity pages, made once per entity
    uri = uris.get(entity.id)
    if uri is None:
        uri = ""
        with suppress(NoUri):
            uri = app.builder.get_relative_uri(docname, entity_page(entity.id))
        uris[entity.id] = uri
    if not uri:
        return nodes.Text(words)
    kind = TYPE_LABELS[entity.type][0]
    title = f"{entity.name} ({kind}): {entity.description.value}"
    return entity_mark(words, words, entity=entity.id, refuri=uri, reftitle=title, classes=[MARK_CLASS])


def _mark_passages(
    app: Sphinx, page: PageNodes, registry: Registry, mentions: Sequence[MentionRecord]
) -> set[str]:
    uris: dict[str, str] = {}
    by_paragraph: dict[str, list[MentionRecord]] = {}
    for mention in mentions:
        by_paragraph.setdefault(mention.passage, []).append(mention)
    shown: set[str] = set()
    for paragraph in page.with_class(PARAGRAPH_CLASS):
        found = by_paragraph.get(str(paragraph["ids"][0])) if paragraph["ids"] else None
        if found:
            texts = list(paragraph.findall(nodes.Text))
            shown |= _mark_texts(app, page.docname, registry, texts, found, 0, uris)
    return shown


def _mark_prose(
    app: Sphinx, page: PageNodes, registry: Registry, mentions: Sequence[MentionRecord]
) -> set[str]:
    uris: dict[str, str] = {}
    by_run: dict[str, list[MentionRecord]] = {}
    for mention in mentions:
        by_run.setdefault(mention.passage, []).append(mention)
    shown: set[str] = set()
    for number, run in enumerate(prose_runs(page.doctree), start=1):
        found = by_run.get(str(number))
        if found:
            shown |= _mark_texts(app, page.docname, registry, run, found, len(SEPARATOR), uris)
    return shown


def _mark_texts(
    app: Sphinx,
    docname: str,
    registry: Registry,
    texts: list[nodes.Text],
    mentions: list[MentionRecord],
    gap: int,
    uris: dict[str, str],
) -> set[str]:
    """Split the text nodes (standing ``gap`` characters apart in the text searched) at each mention
    wholly inside one of them and outside links; the entities marked."""
    shown: set[str] = set()
    position = 0
    pending = sorted(mentions, key=lambda mention: mention.start)
    for text in texts:
        words = text.astext()
        start, end = position, position + len(words)
        position = end + gap
        inside = [m for m in pending if start <= m.start and m.end <= end]
        if not inside or str(text) != words or _in_link(text):
            continue
        parts: list[nodes.Node] = []
        cursor = 0
        for mention in inside:
            entity = registry.get(mention.entity)
            first, last = mention.start - start, mention.end - start
            if entity is None or first < cursor or words[first:last] != mention.exact:
                continue
            if first > cursor:
                parts.append(nodes.Text(words[cursor:first]))
            parts.append(_mark(app, docname, entity, words[first:last], uris))
            shown.add(entity.id)
            cursor = last
        if cursor < len(words):
            parts.append(nodes.Text(words[cursor:]))
        text.parent.replace(text, parts)
    return shown


def _in_link(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.reference | entity_mark):
            return True
        parent = parent.parent
    return False


def _add_cards(doctree: nodes.document, registry: Registry, shown: list[str]) -> None:
    """The previews and search terms of the entities shown, once, at the end of the page."""
    entities = [entity for entity in (registry.get(each) for each in shown) if entity is not None]
    cards = [(e.id, e.name, TYPE_LABELS[e.type][0], e.description.value) for e in entities]
    terms = [" · ".join(all_names(entity)) for entity in entities]
    doctree += entity_cards(cards=cards)
    doctree += entity_terms(terms=terms)
