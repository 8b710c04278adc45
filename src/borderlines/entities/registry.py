"""The entity registry (``docs/entities.toml``): frozen records, loaded once and validated as a whole.

Every claim carries its basis, as in the seed catalog: a passage ID of the source that supports it, or
"general knowledge" stated as such. Any fault is one ``RegistryError`` naming the file, the entry's id
and the line of its ``[[entity]]`` table, so a wrong entry is found without a traceback.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any, cast

from .keys import alias_keys
from .records import (
    CASES,
    ENTITY_TYPES,
    RELATIONS,
    RULES,
    Alias,
    Claim,
    Entity,
    Registry,
    RegistryError,
    Relation,
)

__all__ = ["Alias", "Claim", "Entity", "Registry", "RegistryError", "Relation", "load_registry"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QID = re.compile(r"Q[1-9]\d*")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_ENTRY = re.compile(r"^[ \t]*\[\[entity\]\][ \t]*(?:#.*)?$", re.MULTILINE)
_ENTITY_KEYS = {"id", "type", "name", "description", "arabic", "qid", "aliases", "relations", "note"}
_ALIAS_KEYS = {"name", "note", "basis", "case", "rule", "in_use"}
_RELATION_KEYS = {"relation", "target", "basis", "since", "until"}
_CLAIM_KEYS = {"value", "basis"}


class _Entry:
    """Reads one ``[[entity]]`` table, raising errors that name it."""

    def __init__(self, path: Path, line: int, data: Mapping[str, Any], index: int) -> None:
        self.path, self.line, self.data = path, line, data
        raw_id = data.get("id")
        self.name = raw_id if isinstance(raw_id, str) and raw_id else f"entry {index + 1} (no id)"

    def error(self, message: str) -> RegistryError:
        return RegistryError(f"{self.path}:{self.line}: entity {self.name!r}: {message}")

    def text(self, table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise self.error(f"{where}{key} must be a string, not {type(value).__name__}")
        if required and not value.strip():
            raise self.error(f"{where}{key} is missing or empty")
        return value

    def keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            allowed_keys = ", ".join(sorted(allowed))
            raise self.error(f"{where}unknown key(s) {', '.join(unknown)} (allowed: {allowed_keys})")

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(f"{key} must be a list of inline tables")
        return cast(list[Mapping[str, Any]], value)

    def claim(self, key: str, *, required: bool = False, empty: bool = False) -> Claim | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, dict):
            raise self.error(f"{key} must be an inline table {{ value = ..., basis = ... }}")
        self.keys(value, _CLAIM_KEYS, f"{key}.")
        text = self.text(value, "value", f"{key}.", required=not empty)
        return Claim(text, self.text(value, "basis", f"{key}."))

    def choice(
        self, table: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: str, where: str
    ) -> str:
        value = self.text(table, key, where, required=False) or default
        if value not in allowed:
            raise self.error(f"{where}{key} {value!r} is not one of {', '.join(allowed)}")
        return value

    def alias(self, table: Mapping[str, Any], number: int) -> Alias:
        where = f"alias {number} "
        self.keys(table, _ALIAS_KEYS, where)
        name = self.text(table, "name", where)
        where = f"alias {name!r}: "
        uncased = "exact" if name == name.upper() and any(char.isalpha() for char in name) else "any"
        return Alias(
            name=name,
            basis=self.text(table, "basis", where),
            note=self.text(table, "note", where, required=False),
            case=self.choice(table, "case", CASES, uncased, where),
            rule=self.choice(table, "rule", RULES, "always", where),
            in_use=self.text(table, "in_use", where, required=False),
        )

    def relation(self, table: Mapping[str, Any], number: int) -> Relation:
        where = f"relation {number}: "
        self.keys(table, _RELATION_KEYS, where)
        since, until = (self.text(table, key, where, required=False) for key in ("since", "until"))
        for value in (since, until):
            if value and not _DATE.fullmatch(value):
                raise self.error(f"{where}date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return Relation(
            relation=self.choice(table, "relation", RELATIONS, "", where),
            target=self.text(table, "target", where),
            basis=self.text(table, "basis", where),
            since=since,
            until=until,
        )

    def entity(self) -> Entity:
        self.keys(self.data, _ENTITY_KEYS, "")
        entity_id = self.text(self.data, "id", "")
        if not _ID.fullmatch(entity_id):
            raise self.error("id must be lowercase words of letters and digits joined by single hyphens")
        qid = self.claim("qid", empty=True)  # an empty value: none given, and the basis says why
        if qid is not None and qid.value and not _QID.fullmatch(qid.value):
            raise self.error(f"qid {qid.value!r} does not look like a Wikidata QID (Q followed by digits)")
        aliases = tuple(self.alias(table, number) for number, table in enumerate(self.tables("aliases"), 1))
        if not aliases:
            raise self.error("aliases is empty: list at least the spelling the sources use")
        description = self.claim("description", required=True)
        assert description is not None
        return Entity(
            id=entity_id,
            type=self.choice(self.data, "type", ENTITY_TYPES, "", ""),
            name=self.text(self.data, "name", ""),
            description=description,
            aliases=aliases,
            relations=tuple(self.relation(table, n) for n, table in enumerate(self.tables("relations"), 1)),
            arabic=self.claim("arabic"),
            qid=qid,
            note=self.text(self.data, "note", "", required=False),
            line=self.line,
        )


def _error(path: Path, entity: Entity, message: str) -> RegistryError:
    return RegistryError(f"{path}:{entity.line}: entity {entity.id!r}: {message}")


def _check_ids(path: Path, entities: list[Entity]) -> None:
    """Ids unique, and every relation names another known entity."""
    known: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in known:
            raise _error(path, entity, f"id already used by the entry on line {known[entity.id].line}")
        known[entity.id] = entity
    for entity in entities:
        for relation in entity.relations:
            if relation.target not in known:
                message = f"relation {relation.relation} names unknown entity {relation.target!r}"
                raise _error(path, entity, message)
            if relation.target == entity.id:
                raise _error(path, entity, f"relation {relation.relation} names the entity itself")


def _check_aliases(path: Path, entities: list[Entity]) -> None:
    """No alias claimed by two entities unless a rule tells them apart (``after-full`` on both)."""
    error = partial(_error, path)
    claims: dict[str, list[tuple[Entity, Alias]]] = {}
    for entity in entities:
        for alias in entity.aliases:
            claims.setdefault(alias_keys(alias.name)[1], []).append((entity, alias))
    for claimants in claims.values():
        for number, (entity, alias) in enumerate(claimants):
            for other, other_alias in claimants[:number]:
                if other.id == entity.id:
                    continue
                exact_both = alias.case == other_alias.case == "exact"
                if exact_both and alias_keys(alias.name)[0] != alias_keys(other_alias.name)[0]:
                    continue  # 'US' and 'Us' can both be exact without meeting
                if alias.rule == other_alias.rule == "after-full":
                    continue  # told apart by which entity the source last named in full
                raise error(
                    entity,
                    f"alias {alias.name!r} is also claimed by {other.id!r} (line {other.line}); mark it "
                    'rule = "after-full" on both, or drop it from one',
                )


def load_registry(path: Path | str) -> Registry:
    """Read and validate the registry at ``path``; any fault raises one ``RegistryError``."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{path}: not valid TOML: {error}") from error
    unknown = sorted(set(data) - {"entity"})
    if unknown:
        raise RegistryError(f"{path}: unknown top-level key(s) {', '.join(unknown)}; entries are [[entity]]")
    entries = data.get("entity", [])
    lines = [text.count("\n", 0, match.start()) + 1 for match in _ENTRY.finditer(text)]
    if not isinstance(entries, list) or len(lines) != len(entries):
        raise RegistryError(f"{path}: write every entry as an [[entity]] table on a line of its own")
    pairs = enumerate(zip(lines, entries, strict=True))
    entities = [_Entry(path, line, entry, number).entity() for number, (line, entry) in pairs]
    _check_ids(path, entities)
    _check_aliases(path, entities)
    return Registry(path, tuple(entities))
