"""The seed catalog: curated metadata for each seed, every value marked stated or inferred."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..contract.ids import IDENTIFIER
from ..contract.metadata import FIELDS, STATUSES, Authors, Value
from ..contract.names import SourceKind
from .model import Form

#: The source kinds a catalog entry may give.
KINDS = tuple(kind.value for kind in SourceKind)
FORMS = tuple(form.value for form in Form)
SLUG = IDENTIFIER
MAX_SLUG = 80


class CatalogError(Exception):
    """The catalog itself is malformed; the message says where."""


@dataclass(frozen=True)
class Entry:
    """The catalog's record of one seed."""

    file: str
    slug: str
    encoding: str = "utf-8"
    form: str | None = None
    values: dict[str, Value] = field(default_factory=dict)
    notes: str = ""
    catalogued: bool = True
    authors: Authors | None = None


def load_catalog(path: Path) -> dict[str, Entry]:
    """Load ``catalog.toml``; a missing file is an empty catalog."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise CatalogError(f"{path.name}: {err}") from None
    entries: dict[str, Entry] = {}
    for index, raw in enumerate(data.get("seed", []), start=1):
        entry = _entry(raw, f"{path.name}: seed #{index}")
        if entry.file in entries:
            raise CatalogError(f"{path.name}: {entry.file} is catalogued twice")
        entries[entry.file] = entry
    slugs = Counter(entry.slug for entry in entries.values())
    duplicated = sorted(slug for slug, count in slugs.items() if count > 1)
    if duplicated:
        raise CatalogError(f"{path.name}: slug used twice: {', '.join(duplicated)}")
    return entries


def _entry(raw: dict[str, object], where: str) -> Entry:
    file = raw.get("file")
    if not isinstance(file, str) or "/" in file or not file:
        raise CatalogError(f"{where}: 'file' must be a file name in seeds/")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not valid_slug(slug):
        raise CatalogError(f"{where} ({file}): slug {slug!r} must match {SLUG.pattern}")
    values = {}
    for name in FIELDS:
        if name in raw:
            values[name] = _value(raw[name], f"{where} ({file}) {name}")
    kind = values.get("kind")
    if kind and kind.value not in KINDS:
        raise CatalogError(f"{where} ({file}): kind must be one of {', '.join(KINDS)}")
    form = _optional_str(raw.get("form"))
    if form is not None and form not in FORMS:
        raise CatalogError(f"{where} ({file}): form must be one of {', '.join(FORMS)}")
    return Entry(
        file=file,
        slug=slug,
        encoding=str(raw.get("encoding", "utf-8")),
        form=form,
        values=values,
        notes=str(raw.get("notes", "")),
        authors=_authors(raw["authors"], f"{where} ({file}) authors") if "authors" in raw else None,
    )


def _authors(raw: object, where: str) -> Authors:
    names = raw.get("value") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise CatalogError(f"{where}: must be {{ value = [names...], status = ..., basis = ... }}")
    status = raw.get("status", "")
    if status not in STATUSES:
        raise CatalogError(f"{where}: status must be one of {', '.join(STATUSES)}")
    return Authors(
        tuple(" ".join(name.split()) for name in names if name.strip()),
        str(status),
        str(raw.get("basis", "")),
    )


def _value(raw: object, where: str) -> Value:
    if not isinstance(raw, dict) or not isinstance(raw.get("value"), str):
        raise CatalogError(f"{where}: must be {{ value = ..., status = ..., basis = ... }}")
    status = raw.get("status", "")
    if status not in STATUSES:
        raise CatalogError(f"{where}: status must be one of {', '.join(STATUSES)}")
    return Value(raw["value"], str(status), str(raw.get("basis", "")))


def _optional_str(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None


def valid_slug(slug: str) -> bool:
    """Whether ``slug`` is safe to name a page: lowercase words joined by hyphens."""
    return len(slug) <= MAX_SLUG and SLUG.fullmatch(slug) is not None


def slug_from_filename(name: str) -> str:
    """A page slug for an uncatalogued seed, derived from its file name."""
    stem = name.rsplit(".", 1)[0].lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", stem))[:MAX_SLUG].strip("-")
    return slug or "seed"


def uncatalogued(name: str) -> Entry:
    """The entry used for a seed the catalog does not list."""
    return Entry(file=name, slug=slug_from_filename(name), catalogued=False)
