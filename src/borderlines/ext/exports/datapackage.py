"""``exports/datapackage.json``: the corpus as a Frictionless Data Package of CSV tables.

The package's resources are the tables of ``texttables`` (sources, passages, text reuse),
``topictables`` (citations, claims, events) and ``entitytables`` (entities, mentions), each a CSV file
in ``exports/data/`` with its Table Schema (types, keys, foreign keys) in the descriptor, and the
file's size and SHA-256 so that a reader can tell it is the one described.

A table made only from the source pages (and the entity registry) is made again only when one of
them was read again (``freshness``): the record keeps, per table, what it was made from.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import entitytables, sourcetext, tabular, texttables
from .entitytables import ENTITIES, MENTIONS, entities_table, mentions_table
from .files import write_bytes, write_text
from .freshness import file_record, made_from, read_record, still, write_record
from .inputs import ExportInputs
from .tabular import DIALECT, JSON, Schema, Table, csv_bytes, table_schema
from .texttables import PASSAGES, REUSE, SOURCES, passages_table, reuse_table, sources_table
from .topictables import CITATIONS, CLAIMS, EVENTS, citations_table, claims_table, events_table

DESCRIPTOR = "datapackage.json"
DATA = "data"
Maker = Callable[[BuildEnvironment, ExportInputs], Table]


class Inputs(Enum):
    """What a table is made from, so what must change before it is made again."""

    SOURCES = "the source pages"
    REGISTRY = "the entity registry"
    SOURCES_AND_REGISTRY = "the source pages and the entity registry"
    ANY_PAGE = "any page"  # the topic pages' tables, which are small: made by every build


class Part(NamedTuple):
    """A table of the package: its schema, how it is made, and from what."""

    schema: Schema
    make: Maker
    inputs: Inputs


#: The package's tables, in the order the descriptor lists them.
TABLES: tuple[Part, ...] = (
    Part(SOURCES, sources_table, Inputs.SOURCES),
    Part(PASSAGES, passages_table, Inputs.SOURCES),
    Part(CITATIONS, citations_table, Inputs.ANY_PAGE),
    Part(ENTITIES, entities_table, Inputs.REGISTRY),
    Part(MENTIONS, mentions_table, Inputs.SOURCES_AND_REGISTRY),
    Part(REUSE, reuse_table, Inputs.SOURCES),
    Part(CLAIMS, claims_table, Inputs.ANY_PAGE),
    Part(EVENTS, events_table, Inputs.ANY_PAGE),
)
#: The modules whose code shapes the tables made from the sources: a change to one makes them again.
_CODE = (entitytables, sourcetext, tabular, texttables, sys.modules[__name__])
#: Where a build records what each table was made from, in the doctree folder.
RECORD = "borderlines-datapackage.json"
_NOT_NAME = re.compile(r"[^a-z0-9._-]+")


def write_datapackage(app: Sphinx, folder: Path, inputs: ExportInputs) -> None:
    """Write into ``folder`` each table's CSV file that is out of date, then the descriptor."""
    record_path = Path(app.doctreedir) / RECORD
    previous = read_record(record_path)
    made: list[tuple[Schema, int, str]] = []
    record: JSON = {}
    for part in TABLES:
        path = folder / DATA / f"{part.schema.name}.csv"
        basis = _made_from(app.env, part.inputs)
        kept = previous.get(part.schema.name) if basis is not None else None
        if kept is None or kept.get("from") != basis or not still(path, kept):
            data = csv_bytes(part.make(app.env, inputs))
            write_bytes(path, data)
            kept = {"from": basis, **file_record(data)}
        record[part.schema.name] = kept
        made.append((part.schema, kept["bytes"], kept["hash"]))
    described = descriptor(str(app.config.project), made)
    write_text(folder / DESCRIPTOR, json.dumps(described, ensure_ascii=False, indent=1) + "\n")
    write_record(record_path, record)


def _made_from(env: BuildEnvironment, inputs: Inputs) -> str | None:
    """A digest of what a table is made from; None for a table made by every build."""
    if inputs is Inputs.ANY_PAGE:
        return None
    return made_from(env, _CODE, sources=inputs is not Inputs.REGISTRY, registry=inputs is not Inputs.SOURCES)


def descriptor(project: str, tables: list[tuple[Schema, int, str]]) -> JSON:
    """The package's descriptor: what it is, and each table as a resource with its file and schema."""
    return {
        "profile": "tabular-data-package",
        "name": _NOT_NAME.sub("-", project.lower()).strip("-._") or "corpus",
        "title": f"{project}: the corpus as data",
        "description": (
            "The sources, their passages and every citation of the topic pages, with the entities the "
            "sources name, the text they share, the disputed claims and the timeline's events."
        ),
        "resources": [resource(schema, size, sha256) for schema, size, sha256 in tables],
    }


def resource(schema: Schema, size: int, sha256: str) -> JSON:
    """One table as a tabular data resource: its CSV file, size, digest, dialect and schema."""
    return {
        "profile": "tabular-data-resource",
        "name": schema.name,
        "path": f"{DATA}/{schema.name}.csv",
        "title": schema.title,
        "description": schema.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "dialect": DIALECT,
        "schema": table_schema(schema),
    }
