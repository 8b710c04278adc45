"""``exports/datapackage.json``: the corpus as a Frictionless Data Package of CSV tables.

The package's resources are the tables of ``texttables`` (sources, passages, text reuse),
``topictables`` (citations, claims, events) and ``entitytables`` (entities, mentions), each a CSV file
in ``exports/data/`` with its Table Schema (types, keys, foreign keys) in the descriptor, and the
file's size and SHA-256 so that a reader can tell it is the one described.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..corpus.domain import corpus_of
from .entitytables import entities_table, mentions_table
from .files import exports_dir, write_bytes, write_text
from .sourcetext import SourceText, source_texts
from .tabular import DIALECT, JSON, Table, csv_bytes, table_schema
from .texttables import passages_table, reuse_table, sources_table
from .topictables import citations_table, claims_table, events_table

DESCRIPTOR = "datapackage.json"
DATA = "data"
#: The package's tables, in the order the descriptor lists them.
TABLES: tuple[Callable[[BuildEnvironment, Mapping[str, SourceText]], Table], ...] = (
    sources_table,
    passages_table,
    citations_table,
    entities_table,
    mentions_table,
    reuse_table,
    claims_table,
    events_table,
)
_NOT_NAME = re.compile(r"[^a-z0-9._-]+")


def setup_datapackage(app: Sphinx) -> None:
    """Write the data package once the build has finished."""
    app.connect("build-finished", write_datapackage)


def write_datapackage(app: Sphinx, exception: BaseException | None) -> None:
    """Write each table's CSV file, then the descriptor (build-finished)."""
    folder = exports_dir(app)
    if exception is not None or folder is None:
        return
    texts = source_texts(corpus_of(app.env))
    files = [(found, csv_bytes(found)) for found in (make(app.env, texts) for make in TABLES)]
    for found, data in files:
        write_bytes(folder / DATA / f"{found.schema.name}.csv", data)
    described = descriptor(str(app.config.project), files)
    write_text(folder / DESCRIPTOR, json.dumps(described, ensure_ascii=False, indent=1) + "\n")


def descriptor(project: str, tables: list[tuple[Table, bytes]]) -> JSON:
    """The package's descriptor: what it is, and each table as a resource with its file and schema."""
    return {
        "profile": "tabular-data-package",
        "name": _NOT_NAME.sub("-", project.lower()).strip("-._") or "corpus",
        "title": f"{project}: the corpus as data",
        "description": (
            "The sources, their passages and every citation of the topic pages, with the entities the "
            "sources name, the text they share, the disputed claims and the timeline's events."
        ),
        "resources": [resource(found, data) for found, data in tables],
    }


def resource(found: Table, data: bytes) -> JSON:
    """One table as a tabular data resource: its CSV file, size, digest, dialect and schema."""
    return {
        "profile": "tabular-data-resource",
        "name": found.schema.name,
        "path": f"{DATA}/{found.schema.name}.csv",
        "title": found.schema.title,
        "description": found.schema.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "dialect": DIALECT,
        "schema": table_schema(found.schema),
    }
