"""The registry's records: frozen, each claim with its basis, and the vocabularies they draw on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

EntityType = Literal["person", "place", "organisation", "armed-group", "facility", "event"]
ENTITY_TYPES: tuple[str, ...] = ("person", "place", "organisation", "armed-group", "facility", "event")
#: How a relation reads: ``<entity> <relation> <target>``.
RELATIONS: tuple[str, ...] = (
    "located-in",
    "part-of",
    "leads",
    "member-of",
    "affiliated-with",
    "controls",
    "successor-of",
)
#: ``any``: matched in any case; ``exact``: only as spelled ('ISIS', never 'Isis' or 'crisis').
CASES: tuple[str, ...] = ("any", "exact")
#: ``always``: every match is a mention; ``after-full``: only once the same source has named the entity
#: by an ``always`` alias earlier ('Mr Hussein' after 'Fuad Hussein'), else listed as unresolved. An
#: alias several entities claim must be ``after-full`` for each: the one named in full last wins.
RULES: tuple[str, ...] = ("always", "after-full")


class RegistryError(ValueError):
    """The registry is invalid: the message names the file, the entry and its line."""


@dataclass(frozen=True)
class Claim:
    """A value and the basis it rests on."""

    value: str
    basis: str


@dataclass(frozen=True)
class Alias:
    """One spelling of an entity, with its note, case rule and short-form rule."""

    name: str
    basis: str
    note: str = ""
    case: str = "any"
    rule: str = "always"
    in_use: str = ""  # the dates the name was in use, when that matters ('until 2017')


@dataclass(frozen=True)
class Relation:
    """``<entity> <relation> <target>``, between two dates when it held only then."""

    relation: str
    target: str
    basis: str
    since: str = ""
    until: str = ""


@dataclass(frozen=True)
class Entity:
    """One person, place, organisation, armed group, facility or event; its id names its page."""

    id: str
    type: str
    name: str
    description: Claim
    aliases: tuple[Alias, ...]
    relations: tuple[Relation, ...] = ()
    arabic: Claim | None = None
    qid: Claim | None = None
    note: str = ""
    line: int = 0


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: matchers are cached per registry
class Registry:
    """Every entity, in file order, and where they came from."""

    path: Path
    entities: tuple[Entity, ...]

    @cached_property
    def by_id(self) -> Mapping[str, Entity]:
        """Each entity by its id."""
        return {entity.id: entity for entity in self.entities}

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self.by_id.get(entity_id)
