"""The byline and the provenance panel of a source page, built from its metadata as soon as it is read."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx_design.shared import create_component

from ...contract.metadata import SourceMetadata, Value
from ...contract.names import kind_label
from ..corpus.nodes import cited_by, reuse_summary, source_claims, source_events, source_header

PROVENANCE_CLASS = "corpus-provenance"
_BADGE_COLOURS = {"stated": "success", "inferred": "warning", "unknown": "secondary"}
#: The source's fields (``metadata.FIELDS``), in the order the panel shows them, with their labels.
FIELD_LABELS = {
    "outlet": "Outlet",
    "date": "Date",
    "url": "URL",
    "kind": "Kind",
    "original": "Rewrites",
    "language": "Language",
    "title": "Title",
}


def setup_provenance(app: Sphinx) -> None:
    """Bylines and provenance panels on source pages."""
    app.add_transform(SourceHeader)


class SourceHeader(SphinxTransform):
    """Replace a source page's header placeholder with its byline, "Cited by" and provenance panel."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        """Build them from the page's own front matter."""
        for placeholder in list(self.document.findall(source_header)):
            meta = SourceMetadata.from_front_matter(self.env.metadata.get(self.env.docname, {}))
            placeholder.replace_self(
                [
                    byline(meta),
                    cited_by(),
                    reuse_summary(),
                    source_claims(),
                    source_events(),
                    provenance_panel(meta),
                ]
            )


def byline(meta: SourceMetadata) -> nodes.paragraph:
    """What a reader needs first: outlet, date and kind (opinion marked as such)."""
    kind = meta.text("kind")
    parts = [meta.text("outlet") or "Outlet unknown", meta.text("date") or "date unknown"]
    line = nodes.paragraph(classes=["corpus-byline"])
    line += nodes.Text(" · ".join(parts) + " · ")
    line += nodes.inline(text=kind_label(kind), classes=["corpus-kind", f"corpus-kind-{kind or 'unknown'}"])
    if meta.text("original"):
        line += nodes.Text(f" of {meta.text('original')}")
    if meta.authors.names:
        line += nodes.Text(f" · by {', '.join(meta.authors.names)}")
    return line


def provenance_panel(meta: SourceMetadata) -> nodes.container:
    """Where the source came from and what was done to it, every value marked stated or inferred.

    The panel is a sphinx-design dropdown, closed by default: the byline carries what most readers need.
    """
    panel = create_component(
        "dropdown",
        opened=False,
        type="dropdown",
        has_title=True,
        icon=None,
        chevron=None,
        container_classes=["sd-mb-3", PROVENANCE_CLASS],
        title_classes=[],
        body_classes=[],
    )
    panel += nodes.rubric(text="Provenance: where this source came from and what was done to it")
    panel += nodes.rubric(text="Source")
    authors = meta.authors
    panel += _field_list(
        [
            *(
                _marked_field(FIELD_LABELS[name], meta.value(name), name)
                for name in FIELD_LABELS
                if name in meta.values
            ),
            _marked_field(
                "Authors", Value("; ".join(authors.names), authors.status, authors.basis), "authors"
            ),
        ]
    )
    if meta.notes:
        panel += nodes.paragraph("", "", nodes.strong(text="Cataloguer's notes: "), nodes.Text(meta.notes))
    seed = meta.seed
    panel += nodes.rubric(text="Seed")
    panel += _text_fields(
        ("Seed file", seed.file),
        ("SHA-256", seed.sha256),
        ("Size (bytes)", seed.size),
        ("Encoding", seed.encoding),
        ("Form", seed.form),
        ("Control characters removed", seed.controls_removed),
    )
    counts, versions = meta.counts, meta.versions
    panel += nodes.rubric(text="Conversion")
    panel += _text_fields(
        ("Converter", versions.converter),
        ("html2text", versions.html2text),
        ("sentencex", versions.sentencex),
        ("Paragraphs", counts.paragraphs),
        ("Sentences", counts.sentences),
        ("Passages", counts.passages),
        ("Words", counts.words),
        *(
            (("Article located by", versions.extractor), ("Extractor settings", versions.extractor_settings))
            if versions.extractor
            else ()
        ),
    )
    if meta.structure:
        panel += _bullets(list(meta.structure))
    panel += nodes.rubric(text=f"Cleaning record ({len(meta.removals)} removals)")
    panel += _bullets([f"{removal.rule} · {removal.where}: {removal.text}" for removal in meta.removals])
    return panel


def _marked_field(label: str, value: Value, name: str) -> nodes.field:
    status = value.status or "unknown"
    body: list[nodes.Node] = []
    if name == "url" and value.value.startswith(("http://", "https://")):
        body.append(nodes.reference(value.value, value.value, refuri=value.value))
    else:
        body.append(nodes.Text(kind_label(value.value) if name == "kind" else (value.value or "—")))
    colour = _BADGE_COLOURS.get(status, "secondary")
    badge = ["sd-badge", f"sd-bg-{colour}", f"sd-bg-text-{colour}"]
    body += [
        nodes.Text(" "),
        nodes.inline(text=status, classes=["corpus-status", f"corpus-status-{status}", *badge]),
    ]
    if value.basis:
        body += [nodes.Text(" "), nodes.emphasis(text=value.basis)]
    return _field(label, *body)


def _text_fields(*fields: tuple[str, str | int]) -> nodes.field_list:
    return _field_list([_field(label, nodes.Text(str(value))) for label, value in fields])


def _field(label: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name(text=label), nodes.field_body("", nodes.paragraph("", "", *body)))


def _field_list(fields: list[nodes.field]) -> nodes.field_list:
    return nodes.field_list("", *fields)


def _bullets(items: list[str]) -> nodes.bullet_list:
    return nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph(text=item)) for item in items))
