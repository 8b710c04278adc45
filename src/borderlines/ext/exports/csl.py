"""``exports/sources.csl.json``: the sources as CSL-JSON items, for Zotero, Pandoc and citeproc."""

from __future__ import annotations

import json
from typing import Any

from ...contract.names import SourceKind, kind_label
from .references import Reference

#: CSL item types by source kind: a report or an opinion piece appears in a newspaper (or a news
#: agency's site); a rewrite, or a source of unknown kind, is a page of the website it is on.
CSL_TYPES: dict[str, str] = {
    SourceKind.NEWS_REPORT: "article-newspaper",
    SourceKind.OPINION_ANALYSIS: "article-newspaper",
    SourceKind.AGGREGATED_REWRITE: "webpage",
}


def csl_item(reference: Reference) -> dict[str, Any]:
    """One source as a CSL-JSON item; authors are literal names (the corpus never splits a name)."""
    item: dict[str, Any] = {"id": reference.key, "type": CSL_TYPES.get(reference.kind, "webpage")}
    if reference.title:
        item["title"] = reference.title
    if reference.outlet:
        item["container-title"] = reference.outlet
    if reference.authors:
        item["author"] = [{"literal": name} for name in reference.authors]
    if reference.date:
        item["issued"] = {"date-parts": [list(reference.date)]}
    if reference.url:
        item["URL"] = reference.url
    if reference.language:
        item["language"] = reference.language
    if reference.kind != SourceKind.NEWS_REPORT:
        item["genre"] = kind_label(reference.kind)
    if reference.original:
        item["note"] = f"Rewrites {reference.original}"
    return item


def csl_json(references: list[Reference]) -> str:
    """The CSL-JSON file: a list of items, one per source, in key order."""
    return json.dumps([csl_item(each) for each in references], ensure_ascii=False, indent=1) + "\n"
