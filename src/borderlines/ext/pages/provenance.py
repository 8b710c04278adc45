"""The byline and the provenance panel of a source page, built from its front matter."""

from __future__ import annotations

from collections.abc import Mapping

from docutils import nodes
from sphinx_design.shared import create_component

_KINDS = {
    "news-report": "News report",
    "opinion-analysis": "Opinion / analysis",
    "aggregated-rewrite": "Aggregated rewrite",
    "unknown": "Kind unknown",
}
_BADGE_COLOURS = {"stated": "success", "inferred": "warning", "unknown": "secondary"}
_SOURCE_FIELDS = (
    ("outlet", "Outlet"),
    ("date", "Date"),
    ("url", "URL"),
    ("kind", "Kind"),
    ("original", "Rewrites"),
    ("language", "Language"),
    ("title", "Title"),
)
_SEED_FIELDS = (
    ("seed_file", "Seed file"),
    ("seed_sha256", "SHA-256"),
    ("seed_bytes", "Size (bytes)"),
    ("seed_encoding", "Encoding"),
    ("seed_form", "Form"),
    ("control_characters_removed", "Control characters removed"),
)
_CONVERSION_FIELDS = (
    ("converter_version", "Converter"),
    ("html2text_version", "html2text"),
    ("sentencex_version", "sentencex"),
    ("paragraphs", "Paragraphs"),
    ("sentences", "Sentences"),
    ("passages", "Passages"),
    ("words", "Words"),
)


def kind_label(kind: str) -> str:
    """The reader-facing name of a source kind."""
    return _KINDS.get(kind, kind or "Kind unknown")


def byline(meta: Mapping[str, object]) -> nodes.paragraph:
    """What a reader needs first: outlet, date and kind (opinion marked as such)."""
    kind = str(meta.get("source_kind", ""))
    parts = [
        str(meta.get("source_outlet") or "Outlet unknown"),
        str(meta.get("source_date") or "date unknown"),
    ]
    line = nodes.paragraph(classes=["corpus-byline"])
    line += nodes.Text(" · ".join(parts) + " · ")
    line += nodes.inline(text=kind_label(kind), classes=["corpus-kind", f"corpus-kind-{kind or 'unknown'}"])
    if meta.get("source_original"):
        line += nodes.Text(f" of {meta['source_original']}")
    return line


def provenance_panel(meta: Mapping[str, object]) -> nodes.container:
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
        container_classes=["sd-mb-3", "corpus-provenance"],
        title_classes=[],
        body_classes=[],
    )
    panel += nodes.rubric(text="Provenance: where this source came from and what was done to it")
    panel += nodes.rubric(text="Source")
    panel += _field_list(
        [_marked_field(meta, key, label) for key, label in _SOURCE_FIELDS if f"source_{key}" in meta]
    )
    if meta.get("source_notes"):
        panel += nodes.paragraph(
            "", "", nodes.strong(text="Cataloguer's notes: "), nodes.Text(str(meta["source_notes"]))
        )
    panel += nodes.rubric(text="Seed")
    panel += _field_list([_field(label, nodes.Text(str(meta.get(key, "")))) for key, label in _SEED_FIELDS])
    panel += nodes.rubric(text="Conversion")
    panel += _field_list(
        [_field(label, nodes.Text(str(meta.get(key, "")))) for key, label in _CONVERSION_FIELDS]
    )
    structure = [str(value) for key, value in sorted(meta.items()) if key.startswith("structure_")]
    if structure:
        panel += _bullets(structure)
    panel += nodes.rubric(text=f"Cleaning record ({meta.get('cleaning_removals', 0)} removals)")
    count = int(str(meta.get("cleaning_removals", 0)))
    panel += _bullets(
        [
            f"{meta.get(f'cleaning_{n:02d}_rule')} · {meta.get(f'cleaning_{n:02d}_where')}: "
            f"{meta.get(f'cleaning_{n:02d}_text')}"
            for n in range(1, count + 1)
        ]
    )
    return panel


def _marked_field(meta: Mapping[str, object], key: str, label: str) -> nodes.field:
    value = str(meta.get(f"source_{key}", ""))
    status = str(meta.get(f"source_{key}_status", "unknown"))
    body: list[nodes.Node] = []
    if key == "url" and value.startswith(("http://", "https://")):
        body.append(nodes.reference(value, value, refuri=value))
    else:
        body.append(nodes.Text(kind_label(value) if key == "kind" else (value or "—")))
    colour = _BADGE_COLOURS.get(status, "secondary")
    badge = ["sd-badge", f"sd-bg-{colour}", f"sd-bg-text-{colour}"]
    body += [
        nodes.Text(" "),
        nodes.inline(text=status, classes=["corpus-status", f"corpus-status-{status}", *badge]),
    ]
    basis = str(meta.get(f"source_{key}_basis", ""))
    if basis:
        body += [nodes.Text(" "), nodes.emphasis(text=basis)]
    return _field(label, *body)


def _field(label: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name(text=label), nodes.field_body("", nodes.paragraph("", "", *body)))


def _field_list(fields: list[nodes.field]) -> nodes.field_list:
    return nodes.field_list("", *fields)


def _bullets(items: list[str]) -> nodes.bullet_list:
    return nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph(text=item)) for item in items))
