"""The provenance front matter of a generated page: flat scalar keys only."""

from __future__ import annotations

import re

from .. import __version__
from ..text import word_count
from .catalog import FIELDS, Entry, Value
from .inputs import tool_version
from .model import Extracted
from .passages import Heading, Paragraph
from .seedfile import DecodedSeed

GENERATOR = "borderlines-convert"
#: The front matter key holding the digest of everything the page was made from (inputs.py); it comes
#: second, right after the generator, so that a rerun finds it without reading the rest.
INPUT_KEY = "convert_input_sha256"
_DATE = re.compile(
    r"(\d{1,2}) (January|February|March|April|May|June|July|August|September"
    r"|October|November|December) (\d{4})"
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def source_values(entry: Entry, extracted: Extracted) -> dict[str, Value]:
    """The catalog's values, completed from what the text itself states where the catalog is silent."""
    values = dict(entry.values)
    found = extracted.found
    if "title" not in values and "title" in found:
        values["title"] = Value(found["title"], "stated", "headline found in the seed's text")
    outlet = found.get("outlet_prefix") or found.get("outlet_signature")
    if "outlet" not in values and outlet:
        values["outlet"] = Value(outlet, "stated", "outlet named in the seed's text")
    dateline = _DATE.search(found.get("dateline", ""))
    if "date" not in values and dateline:
        day, month, year = dateline.groups()
        iso = f"{year}-{_MONTHS.index(month) + 1:02d}-{int(day):02d}"
        values["date"] = Value(iso, "stated", f"dateline in the seed's text: {found['dateline']}")
    basis = "catalog entry says nothing" if entry.catalogued else "the seed has no catalog entry"
    for name in FIELDS:
        if name not in values and name != "original":
            values[name] = Value("unknown" if name == "kind" else "", "unknown", basis)
    if not values["title"].value:
        values["title"] = Value(f"Untitled source ({entry.file})", "unknown", basis)
    return values


def build_metadata(
    seed: DecodedSeed,
    entry: Entry,
    form: str,
    extracted: Extracted,
    body: list[Paragraph | Heading],
    notes: list[str],
    input_sha256: str,
) -> dict[str, str | int]:
    """Every provenance fact about one generated page, as flat front matter keys."""
    meta: dict[str, str | int] = {
        "borderlines_generator": GENERATOR,
        INPUT_KEY: input_sha256,
        "source_slug": entry.slug,
    }
    for name, value in source_values(entry, extracted).items():
        meta[f"source_{name}"] = value.value
        meta[f"source_{name}_status"] = value.status
        meta[f"source_{name}_basis"] = value.basis
    meta["source_notes"] = entry.notes
    meta["catalogued"] = "yes" if entry.catalogued else "no"
    meta.update(
        {
            "seed_file": seed.name,
            "seed_sha256": seed.sha256,
            "seed_bytes": seed.size,
            "seed_encoding": seed.encoding,
            "seed_form": form,
        }
    )
    for key, text in sorted(extracted.found.items()):
        meta[f"text_{key}"] = text
    paragraphs = [item for item in body if isinstance(item, Paragraph)]
    meta.update(
        {
            "converter_version": __version__,
            "html2text_version": tool_version("html2text"),
            "sentencex_version": tool_version("sentencex"),
            "passages": len(paragraphs) + sum(len(p.sentences) for p in paragraphs),
            "paragraphs": len(paragraphs),
            "sentences": sum(len(p.sentences) for p in paragraphs),
            "headings": len(body) - len(paragraphs),
            "words": sum(word_count(p.text) for p in paragraphs),
            "control_characters_removed": seed.controls_removed,
        }
    )
    for index, note in enumerate(extracted.notes + notes, start=1):
        meta[f"structure_{index:02d}"] = note
    meta["cleaning_removals"] = len(extracted.removals)
    for index, removal in enumerate(extracted.removals, start=1):
        meta[f"cleaning_{index:02d}_rule"] = removal.rule
        meta[f"cleaning_{index:02d}_where"] = removal.where
        meta[f"cleaning_{index:02d}_text"] = removal.text
    return meta
