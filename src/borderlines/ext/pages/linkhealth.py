"""The "Link health" page: every external link of every source, as the last linkcheck run found it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...contract.names import DOMAIN, SOURCES_FOLDER, Directive
from ...contract.urls import safe_url
from .markup import make_table

ARCHIVE_LOOKUP = "https://web.archive.org/web/*/"
NO_REPORT = (
    "No link check has been run yet: run tox -e linkcheck on a machine with a network, then rebuild the site."
)
_COLUMNS = (("Link", 6), ("Status", 2), ("Archive", 2))
_STATUS_WORDS = {
    "working": "working",
    "redirected": "redirected",
    "broken": "dead",
    "timeout": "timed out",
    "ignored": "not checked",
    "unchecked": "not checked",
}


def setup_link_health(app: Sphinx) -> None:
    """The ``corpus:link-health`` directive: the report of the last link check."""
    app.add_config_value("borderlines_link_report", "link-health.json", "env", types=[str])
    app.add_directive_to_domain(DOMAIN, Directive.LINK_HEALTH, LinkHealthDirective)


class LinkHealthDirective(SphinxDirective):
    """Read the report ``scripts/linkcheck.py`` writes and show each source's links with their status."""

    def run(self) -> list[nodes.Node]:
        """One table per source page; a note when there is no report yet."""
        path = Path(self.env.srcdir) / str(self.env.config.borderlines_link_report)
        self.env.note_dependency(str(path))
        if not path.is_file():
            return [nodes.paragraph(text=NO_REPORT)]
        report = json.loads(path.read_text(encoding="utf-8"))
        by_source: dict[str, list[Mapping[str, Any]]] = {}
        for link in report.get("links", []):
            if str(link.get("filename", "")).startswith(f"{SOURCES_FOLDER}/"):
                by_source.setdefault(str(link["filename"]), []).append(link)
        result: list[nodes.Node] = [
            nodes.paragraph(text=f"Last checked: {report.get('checked', 'unknown')}.")
        ]
        for filename in sorted(by_source):
            page = addnodes.pending_xref(
                "",
                nodes.inline(),
                refdomain="std",
                reftype="doc",
                refexplicit=False,
                reftarget="/" + filename.rsplit(".", 1)[0],
                refdoc=self.env.docname,
            )
            rows = [
                _row(link, url) for link in by_source[filename] if (url := safe_url(str(link.get("uri", ""))))
            ]
            result += [
                nodes.paragraph("", "", nodes.strong("", "", page)),
                make_table(_COLUMNS, rows, "corpus-link-health"),
            ]
        return result


def _row(link: Mapping[str, Any], uri: str) -> list[nodes.Node]:
    status = str(link.get("status", ""))
    word = _STATUS_WORDS.get(status, status)
    detail = f" ({link['code']})" if link.get("code") else ""
    archive: nodes.Node = nodes.Text("")
    if status in {"broken", "timeout"}:
        archive = nodes.reference("", "Look it up", refuri=ARCHIVE_LOOKUP + uri)
    return [
        nodes.reference("", uri, refuri=uri),
        nodes.inline("", word + detail, classes=["corpus-link-status", f"corpus-link-{status}"]),
        archive,
    ]
