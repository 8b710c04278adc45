"""A source page's "Cite this source" box: a formatted reference and the reference files to download."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ...contract.metadata import SourceMetadata
from ..corpus.nodes import source_header
from ..exports.citations import FILES
from ..exports.files import EXPORTS
from ..exports.references import formatted, reference_of

CITE_THIS_CLASS = "corpus-cite-this"
_LABELS = {"sources.csl.json": "CSL-JSON", "sources.bib": "BibTeX", "sources.ris": "RIS"}


def setup_cite_this(app: Sphinx) -> None:
    """A "Cite this source" box on every source page."""
    app.add_transform(CiteThis)


class CiteThis(SphinxTransform):
    """Put the box just after the provenance panel (before ``SourceHeader`` replaces its placeholder)."""

    default_priority = 499

    def apply(self, **kwargs: Any) -> None:
        """Build the box from the page's own front matter."""
        for placeholder in list(self.document.findall(source_header)):
            meta = SourceMetadata.from_front_matter(self.env.metadata.get(self.env.docname, {}))
            parent = placeholder.parent
            parent.insert(parent.index(placeholder) + 1, cite_this(meta, self.env.docname))


def cite_this(meta: SourceMetadata, docname: str) -> nodes.container:
    """The box: the reference in a Chicago-like style, its key, and links to the reference files."""
    reference = reference_of(meta, docname)
    before, outlet, after = formatted(reference)
    box = nodes.container(classes=[CITE_THIS_CLASS])
    box += nodes.rubric(text="Cite this source")
    box += nodes.paragraph("", "", nodes.Text(before), nodes.emphasis(text=outlet), nodes.Text(after))
    up = "../" * docname.count("/")
    links: list[nodes.Node] = [nodes.Text("Citation key "), nodes.literal(text=reference.key)]
    links.append(nodes.Text(" in the corpus's "))
    for index, name in enumerate(FILES):
        if index:
            links.append(nodes.Text(", " if index < len(FILES) - 1 else " or "))
        links.append(nodes.reference(_LABELS[name], _LABELS[name], refuri=f"{up}{EXPORTS}/{name}"))
    links.append(nodes.Text(" file."))
    box += nodes.paragraph("", "", *links)
    return box
