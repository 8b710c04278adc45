"""``corpus:exports``: the export files, each linked, for the "Data and exports" page.

A page cannot link to a file the build writes after reading (MyST looks for a document or an existing
file), so the directive makes the links itself, relative to the page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...contract.names import DOMAIN, Directive
from .annotations import COLLECTION
from .datapackage import DESCRIPTOR
from .files import EXPORTS

#: Each export, with what it holds.
FILES = {
    COLLECTION: "every citation of every topic page, as W3C Web Annotations (JSON-LD)",
    "sources.csl.json": "every source as CSL-JSON, for Zotero, Pandoc and citeproc",
    "sources.bib": "every source as biblatex (BibTeX) entries",
    "sources.ris": "every source in RIS, for EndNote, Zotero and Mendeley",
    DESCRIPTOR: "the corpus as a Frictionless Data Package: its tables as CSV files in data/, described",
}


def setup_listing(app: Sphinx) -> None:
    """The ``corpus:exports`` directive."""
    app.add_directive_to_domain(DOMAIN, Directive.EXPORTS, ExportsDirective)


class ExportsDirective(SphinxDirective):
    """A list of the export files, each a link from this page."""

    def run(self) -> list[nodes.Node]:
        """One item per export: its name, linked, and what it holds."""
        up = "../" * self.env.docname.count("/")
        items = nodes.bullet_list(classes=["corpus-exports"])
        for name, holds in FILES.items():
            link = nodes.reference(name, "", nodes.literal(text=name), refuri=f"{up}{EXPORTS}/{name}")
            items += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(f": {holds}.")))
        return [items]
