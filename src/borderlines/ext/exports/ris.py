"""``exports/sources.ris``: the sources in RIS, for EndNote, Zotero and Mendeley.

A value is one line (``references.one_line``), so no seed text can start a line of its own, such as an
``ER  -`` ending the record early.
"""

from __future__ import annotations

from ...contract.names import SourceKind, kind_label
from .references import Reference

#: RIS types: ``NEWS`` (newspaper) for a report or an opinion piece, ``ELEC`` (web page) otherwise.
RIS_TYPES: dict[str, str] = {SourceKind.NEWS_REPORT: "NEWS", SourceKind.OPINION_ANALYSIS: "NEWS"}


def ris_record(reference: Reference) -> str:
    """One source as a RIS record, ending with ``ER  -``."""
    lines = [("TY", RIS_TYPES.get(reference.kind, "ELEC")), ("ID", reference.key)]
    lines += [("AU", name) for name in reference.authors]
    lines.append(("TI", reference.title or reference.key))
    if reference.outlet:
        lines.append(("T2", reference.outlet))
    if reference.date:
        lines.append(("PY", str(reference.date[0])))
        # YYYY/MM/DD/other, every slash kept where a part is unknown: 2025/02//, 2024///
        parts = [f"{part:02d}" for part in reference.date[1:]]
        lines.append(
            ("DA", "/".join([str(reference.date[0]), *parts, *[""] * (3 - len(reference.date))]) + "/")
        )
    if reference.url:
        lines.append(("UR", reference.url))
    if reference.language:
        lines.append(("LA", reference.language))
    if reference.kind != SourceKind.NEWS_REPORT:
        lines.append(("M3", kind_label(reference.kind)))
    if reference.original:
        lines.append(("N1", f"Rewrites {reference.original}"))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "ER  - \n"


def ris(references: list[Reference]) -> str:
    """The .ris file: one record per source, in key order."""
    return "\n".join(ris_record(each) for each in references)
