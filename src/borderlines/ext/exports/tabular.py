"""A table of the data package: its Table Schema, and its rows written as CSV.

Rows are sorted, every text cell is quoted (so that a carriage return in seed text, which Python's
``csv`` leaves bare under ``\\n`` line ends, stays inside its cell) and the file is UTF-8 with ``\\n``
line ends. A cell is written as the corpus has it: nothing is escaped for spreadsheets.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

JSON = dict[str, Any]
Cell = str | int | float | bool | None
_DIGITS = re.compile(r"(\d+)")
#: How a reader reads the CSV files (a CSV Dialect, as a Data Package states it).
DIALECT: JSON = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


class Field(NamedTuple):
    """A column: its name, Table Schema type, what it holds, and its constraints."""

    name: str
    type: str
    description: str
    constraints: Mapping[str, Any] = {}


class ForeignKey(NamedTuple):
    """Columns of this table naming rows of ``resource`` ("" for this table itself) by ``fields``."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


class Schema(NamedTuple):
    """What a resource of the package is: its name, title, description, columns and keys."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    order: tuple[str, ...] = ()  # the columns rows sort by first (see ``table``)


class Table(NamedTuple):
    """A resource of the package: its schema and its rows, sorted."""

    schema: Schema
    rows: tuple[tuple[Cell, ...], ...]


def table(described: Schema, rows: Iterable[tuple[Cell, ...]]) -> Table:
    """The table of ``described``, its rows sorted so that no file depends on the order they came in.

    Rows sort by the schema's ``order`` columns if those tell every row apart; else by them and the
    primary key if that does; else by every cell. Numbers in text sort as numbers (``p2`` before
    ``p10``), and a missing cell first.
    """
    found = list(rows)
    names = [each.name for each in described.fields]
    order = [names.index(name) for name in described.order]
    columns = next(
        (
            each
            for each in (order, order + [names.index(name) for name in described.primary_key])
            if each and len({tuple(row[i] for i in each) for row in found}) == len(found)
        ),
        order + list(range(len(names))),
    )
    keys: dict[Cell, tuple[Any, ...]] = {}

    def key(row: tuple[Cell, ...]) -> list[tuple[Any, ...]]:
        return [keys[row[i]] if row[i] in keys else keys.setdefault(row[i], _key(row[i])) for i in columns]

    return Table(described, tuple(sorted(found, key=key)))


def _key(cell: Cell) -> tuple[Any, ...]:
    if cell is None:
        return (0,)
    if isinstance(cell, str):  # text and numbers alternate, so that like compares with like
        parts = _DIGITS.split(cell)
        return (2, tuple(int(part) if index % 2 else part for index, part in enumerate(parts)), cell)
    return (1, cell)


#: The constraints of a column every row fills, and of one whose values are each a row's own.
REQUIRED: Mapping[str, Any] = {"required": True}
UNIQUE: Mapping[str, Any] = {"required": True, "unique": True}


def table_schema(described: Schema) -> JSON:
    """The Table Schema of a resource."""
    fields = []
    for each in described.fields:
        field: JSON = {"name": each.name, "type": each.type, "description": each.description}
        if each.constraints:
            field["constraints"] = dict(each.constraints)
        fields.append(field)
    found: JSON = {"fields": fields, "missingValues": [""], "primaryKey": list(described.primary_key)}
    if described.foreign_keys:
        found["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": key.resource, "fields": list(key.reference)},
            }
            for key in described.foreign_keys
        ]
    return found


def csv_bytes(found: Table) -> bytes:
    """The table as CSV: a header, then its rows; text quoted, booleans ``true``/``false``, None empty."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([each.name for each in found.schema.fields])
    for row in found.rows:
        writer.writerow([_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8")


def _cell(cell: Cell) -> Cell:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return cell
