"""What the generated entity pages show, derived from the registry and the mentions, with no markup.

Each entity has a page (``entities/<id>``, then ``entities/<id>-page-2`` and on when it is named in
more than ``SOURCES_PER_PAGE`` sources), and the entities are listed ``PER_LISTING`` to a listing page
(``entities/listing-001`` and on), by type then name: no page grows with the corpus. The digest of
what each shows decides whether it is written again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ...contract.names import ENTITIES_FOLDER
from ...entities import Entity, Registry
from ...entities.records import ENTITY_TYPES
from ..corpus.display import view_digest
from ..corpus.domain import CorpusDomain
from ..corpus.records import PassageRecord, SourceRecord
from .records import EntityMentions, MentionRecord

SOURCES_PER_PAGE = 100
PER_LISTING = 200
LISTING_PREFIX = f"{ENTITIES_FOLDER}/listing-"
TYPE_LABELS: Mapping[str, tuple[str, str]] = {
    "person": ("Person", "People"),
    "place": ("Place", "Places"),
    "organisation": ("Organisation", "Organisations"),
    "armed-group": ("Armed group", "Armed groups"),
    "facility": ("Facility", "Facilities"),
    "event": ("Event", "Events"),
}


def entity_page(entity_id: str, number: int = 1) -> str:
    """The page name of an entity's page ``number`` (the first is ``entities/<id>``)."""
    return f"{ENTITIES_FOLDER}/{entity_id}" + (f"-page-{number}" if number > 1 else "")


def listing_page(number: int) -> str:
    """The page name of entity listing ``number`` (from 1)."""
    return f"{LISTING_PREFIX}{number:03d}"


def entity_summary(registry: Registry, entity_id: str) -> tuple[str, ...]:
    """What a mark's preview and a page's search terms show of an entity: id, names, type, description."""
    entity = registry.get(entity_id)
    if entity is None:
        return (entity_id,)
    return (entity.id, entity.name, entity.type, entity.description.value, *all_names(entity))


def all_names(entity: Entity) -> list[str]:
    """The preferred name and every alias, each once, in registry order."""
    return list(dict.fromkeys([entity.name, *(alias.name for alias in entity.aliases)]))


class Sighting(NamedTuple):
    """One mention as an entity page shows it: the sentence (or paragraph) holding it, the words' place."""

    passage_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityPage:
    """One page of an entity: the entity, its mentions by source (publication order), page numbers."""

    entity: Entity
    number: int
    pages: int
    sources: tuple[tuple[SourceRecord, tuple[Sighting, ...]], ...]
    alias_sources: tuple[tuple[str, tuple[SourceRecord, ...]], ...]
    relations: tuple[tuple[str, str, str, str, str], ...]  # relation, target id, its name, since, until
    inverse: tuple[tuple[str, str, str], ...]  # source entity id, its name, relation
    mentions: int
    source_count: int


@dataclass(frozen=True)
class ListingRow:
    """One entity on a listing page, with how often the corpus names it."""

    entity_id: str
    name: str
    type: str
    mentions: int
    sources: int


def by_entity(corpus: CorpusDomain, record: EntityMentions) -> dict[str, list[tuple[str, MentionRecord]]]:
    """Each entity's mentions in source pages, with the page, in page order."""
    found: dict[str, list[tuple[str, MentionRecord]]] = {}
    for docname, mentions in record.by_page.items():
        if docname in corpus.sources:
            for mention in mentions:
                found.setdefault(mention.entity, []).append((docname, mention))
    return found


def entity_pages(
    corpus: CorpusDomain, record: EntityMentions, only: set[str] | None = None
) -> Iterator[tuple[str, EntityPage]]:
    """Every entity page (or those of the entities ``only``), by page name."""
    registry = record.registry
    if registry is None:
        return
    mentioned = by_entity(corpus, record)
    sentences = _Sentences(corpus)
    inverse: dict[str, list[tuple[str, str, str]]] = {}
    for entity in registry:
        for relation in entity.relations:
            inverse.setdefault(relation.target, []).append((entity.id, entity.name, relation.relation))
    for entity in registry:
        if only is not None and entity.id not in only:
            continue
        grouped: dict[str, list[MentionRecord]] = {}
        for docname, mention in mentioned.get(entity.id, []):
            grouped.setdefault(docname, []).append(mention)
        order = sorted(grouped, key=lambda name: _publication(corpus.sources[name]))
        alias_sources: dict[str, list[SourceRecord]] = {name: [] for name in all_names(entity)[1:]}
        for docname in order:
            for alias in dict.fromkeys(mention.alias for mention in grouped[docname]):
                alias_sources.setdefault(alias, []).append(corpus.sources[docname])
        relations = tuple(
            (r.relation, r.target, _name(registry, r.target), r.since, r.until) for r in entity.relations
        )
        pages = max(1, -(-len(order) // SOURCES_PER_PAGE))
        total = len(mentioned.get(entity.id, []))
        for number in range(1, pages + 1):
            chunk = order[(number - 1) * SOURCES_PER_PAGE : number * SOURCES_PER_PAGE]
            sources = tuple(
                (corpus.sources[name], tuple(sentences.sighting(m) for m in grouped[name])) for name in chunk
            )
            yield (
                entity_page(entity.id, number),
                EntityPage(
                    entity,
                    number,
                    pages,
                    sources,
                    tuple((alias, tuple(used)) for alias, used in alias_sources.items()),
                    relations,
                    tuple(sorted(inverse.get(entity.id, []))),
                    total,
                    len(order),
                ),
            )


def listings(corpus: CorpusDomain, record: EntityMentions) -> list[tuple[str, tuple[ListingRow, ...]]]:
    """The listing pages, each with its rows: every entity by type, then name."""
    registry = record.registry
    if registry is None or not len(registry):
        return []
    mentioned = by_entity(corpus, record)
    rows = sorted(
        (
            ListingRow(
                entity.id,
                entity.name,
                entity.type,
                len(mentioned.get(entity.id, [])),
                len({docname for docname, _ in mentioned.get(entity.id, [])}),
            )
            for entity in registry
        ),
        key=lambda row: (ENTITY_TYPES.index(row.type), row.name.casefold(), row.entity_id),
    )
    return [
        (listing_page(number), tuple(rows[start : start + PER_LISTING]))
        for number, start in enumerate(range(0, len(rows), PER_LISTING), start=1)
    ]


def generated_digests(corpus: CorpusDomain, record: EntityMentions) -> dict[str, str]:
    """A digest of what every generated page shows, by page name: from the entity, the names of its
    relations, and per source naming it, its record, its text's digest and the mentions (so the
    sentences themselves need not be gathered to tell whether a page changed)."""
    registry = record.registry
    if registry is None:
        return {}
    mentioned = by_entity(corpus, record)
    inverse: dict[str, list[tuple[str, str, str]]] = {}
    for entity in registry:
        for relation in entity.relations:
            inverse.setdefault(relation.target, []).append((entity.id, entity.name, relation.relation))
    digests: dict[str, str] = {}
    for entity in registry:
        grouped: dict[str, list[MentionRecord]] = {}
        for docname, mention in mentioned.get(entity.id, []):
            grouped.setdefault(docname, []).append(mention)
        order = sorted(grouped, key=lambda name: _publication(corpus.sources[name]))
        shown = view_digest(
            [
                entity,
                [_name(registry, relation.target) for relation in entity.relations],
                sorted(inverse.get(entity.id, [])),
                *((corpus.sources[name], corpus.text_digest(name), grouped[name]) for name in order),
            ]
        )
        for number in range(1, max(1, -(-len(order) // SOURCES_PER_PAGE)) + 1):
            digests[entity_page(entity.id, number)] = view_digest([shown, number])
    pages = listings(corpus, record)
    for name, rows in pages:
        digests[name] = view_digest([rows, len(pages)])
    return digests


def _publication(source: SourceRecord) -> tuple[str, str, str]:
    return source.date, source.title, source.docname


def _name(registry: Registry, entity_id: str) -> str:
    entity = registry.get(entity_id)
    return entity.name if entity else entity_id


class _Sentences:
    """The sentences of each paragraph, gathered once per source page."""

    def __init__(self, corpus: CorpusDomain) -> None:
        self.corpus = corpus
        self.of: dict[str, list[PassageRecord]] = {}
        self.seen: set[str] = set()

    def sighting(self, mention: MentionRecord) -> Sighting:
        """The smallest passage holding the mention: its sentence, else its paragraph."""
        paragraph = self.corpus.passages[mention.passage]
        if paragraph.docname not in self.seen:
            self.seen.add(paragraph.docname)
            for passage_id in self.corpus.doc_passages.get(paragraph.docname, ()):
                sentence = self.corpus.passages[passage_id]
                if sentence.parent:
                    self.of.setdefault(sentence.parent, []).append(sentence)
        for sentence in self.of.get(paragraph.id, ()):
            if sentence.start <= mention.start and mention.end <= sentence.end:
                text = paragraph.text[sentence.start : sentence.end]
                return Sighting(
                    sentence.id, text, mention.start - sentence.start, mention.end - sentence.start
                )
        return Sighting(paragraph.id, paragraph.text, mention.start, mention.end)
