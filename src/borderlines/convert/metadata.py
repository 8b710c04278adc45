"""A source's metadata as the converter establishes it: the catalog's values, completed from the text."""

from __future__ import annotations

import re

from .. import __version__
from ..contract.metadata import FIELDS, Authors, Counts, SeedFacts, SourceMetadata, Value, Versions
from ..text import MONTHS, word_count
from .catalog import Entry
from .inputs import tool_version
from .model import Extracted
from .passages import Heading, Paragraph
from .seedfile import DecodedSeed

_DATE = re.compile(
    r"(\d{1,2}) (January|February|March|April|May|June|July|August|September"
    r"|October|November|December) (\d{4})"
)


def source_values(entry: Entry, extracted: Extracted) -> dict[str, Value]:
    """The catalog's values, completed where it is silent from what a saved page states about itself,
    then from what the text states."""
    values = dict(entry.values)
    for name, value in extracted.stated.items():
        values.setdefault(name, value)
    found = extracted.found
    if "title" not in values and "title" in found:
        values["title"] = Value(found["title"], "stated", "headline found in the seed's text")
    outlet = found.get("outlet_prefix") or found.get("outlet_signature")
    if "outlet" not in values and outlet:
        values["outlet"] = Value(outlet, "stated", "outlet named in the seed's text")
    dateline = _DATE.search(found.get("dateline", ""))
    if "date" not in values and dateline:
        day, month, year = dateline.groups()
        iso = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
        values["date"] = Value(iso, "stated", f"dateline in the seed's text: {found['dateline']}")
    basis = "catalog entry says nothing" if entry.catalogued else "the seed has no catalog entry"
    for name in FIELDS:
        if name not in values and name != "original":
            values[name] = Value("unknown" if name == "kind" else "", "unknown", basis)
    if not values["title"].value:
        values["title"] = Value(f"Untitled source ({entry.file})", "unknown", basis)
    return values


def source_authors(entry: Entry, extracted: Extracted) -> Authors:
    """The catalog's authors, else those a saved page names, or none known."""
    if entry.authors is not None:
        return entry.authors
    if extracted.authors is not None:
        return extracted.authors
    basis = "catalog entry says nothing" if entry.catalogued else "the seed has no catalog entry"
    return Authors((), "unknown", basis)


def build_metadata(
    seed: DecodedSeed,
    entry: Entry,
    form: str,
    extracted: Extracted,
    body: list[Paragraph | Heading],
    notes: list[str],
    input_sha256: str,
) -> SourceMetadata:
    """Every provenance fact about one generated page, as the contract's record."""
    paragraphs = [item for item in body if isinstance(item, Paragraph)]
    sentences = sum(len(p.sentences) for p in paragraphs)
    return SourceMetadata(
        slug=entry.slug,
        input_sha256=input_sha256,
        values=source_values(entry, extracted),
        notes=entry.notes,
        catalogued=entry.catalogued,
        authors=source_authors(entry, extracted),
        seed=SeedFacts(seed.name, seed.sha256, seed.size, seed.encoding, form, seed.controls_removed),
        versions=Versions(
            __version__,
            tool_version("html2text"),
            tool_version("sentencex"),
            extracted.extractor,
            extracted.extractor_settings,
        ),
        counts=Counts(
            passages=len(paragraphs) + sentences,
            paragraphs=len(paragraphs),
            sentences=sentences,
            headings=len(body) - len(paragraphs),
            words=sum(word_count(p.text) for p in paragraphs),
        ),
        found=dict(extracted.found),
        structure=(*extracted.notes, *notes),
        removals=tuple(extracted.removals),
    )
