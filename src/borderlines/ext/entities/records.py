"""What the entities feature keeps between builds: the registry it read and the mentions it found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ...entities import Registry


class MentionRecord(NamedTuple):
    """The words ``[start, end)`` of one passage (or prose run) name ``entity`` through ``alias``."""

    entity: str
    passage: str  # a source's paragraph ID, or a topic page's run number
    start: int
    end: int
    exact: str
    alias: str


class MentionsByPage(dict[str, tuple[MentionRecord, ...]]):
    """Each page's mentions, pickled as one tuple a field rather than one record at a time.

    The environment keeps every mention of the corpus, and Sphinx pickles it after every build that
    read a page; record by record the mentions were the largest part of that pickle after the
    passages (``corpus.records.PassageTable`` is pickled the same way, for the same reason).
    """

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        records = [record for mentions in self.values() for record in mentions]
        counts = tuple(len(mentions) for mentions in self.values())
        return mentions_by_page, (tuple(self), counts, tuple(zip(*records, strict=True)))


def mentions_by_page(
    pages: tuple[str, ...] = (), counts: tuple[int, ...] = (), columns: tuple[tuple[object, ...], ...] = ()
) -> MentionsByPage:
    """The mentions of ``pages``, ``counts`` of them each, whose fields are ``columns``, as pickled."""
    records = list(map(MentionRecord._make, zip(*columns, strict=True)))
    found = MentionsByPage()
    at = 0
    for page, count in zip(pages, counts, strict=True):
        found[page] = tuple(records[at : at + count])
        at += count
    return found


@dataclass(frozen=True)
class EntityMentions:
    """One build's view of the registry and of every page's mentions; kept for the next build."""

    registry_digest: str = ""
    registry: Registry | None = None
    registry_error: str = ""
    """The registry's fault, warned about every build until it is fixed ("" if it loaded)."""
    by_page: Mapping[str, tuple[MentionRecord, ...]] = field(default_factory=dict)
    """Per source or topic page, its mentions in page order."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Per page, a digest of the text its mentions were found in, to reuse them while it holds."""
    views: Mapping[str, str] = field(default_factory=dict)
    """Per page, a digest of what it shows of the entities: it is written again when this changes."""
    generated: Mapping[str, str] = field(default_factory=dict)
    """Per generated page (entity pages, entity listings), a digest of what it shows."""
    rewrite: frozenset[str] = frozenset()
    """The generated pages whose digest changed since the last build: written again this build."""
    generated_basis: str = ""
    """A digest of what ``generated`` was derived from: the registry's digest and each source's record
    and text digest. While it holds, the generated pages' digests are those of the last build."""
    view_bases: Mapping[str, str] = field(default_factory=dict)
    """Per page, a digest of what its view was derived from (its text and the registry, through its
    key; its entity links; the entities its backlinks name): while it holds, its view is the last
    build's."""

    def name_of(self, entity_id: str) -> str:
        """What an entity link without a label shows: the entity's name, or its id if unregistered."""
        entity = self.registry.get(entity_id) if self.registry is not None else None
        return entity.name if entity is not None else entity_id
