"""Docutils markup the corpus pages share: tables built from rows of cells."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes


def make_table(columns: Sequence[tuple[str, int]], rows: list[list[nodes.Node]], name: str) -> nodes.table:
    """A table with a header of ``columns`` (label, relative width) and one row per cell list."""
    group = nodes.tgroup(cols=len(columns))
    group += [nodes.colspec(colwidth=width) for _, width in columns]
    group += nodes.thead("", _row([nodes.Text(label) for label, _ in columns]))
    group += nodes.tbody("", *(_row(cells) for cells in rows))
    return nodes.table("", group, classes=[name])


def _row(cells: list[nodes.Node]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))
