"""The source metadata record, and its front matter: written by the converter, read by the extension.

Front matter keys are flat scalars (Sphinx stores nested values as JSON strings), so the record is
spelled out key by key here, and nowhere else: ``to_front_matter`` writes the keys in the order the
pages have always had, and ``from_front_matter`` reads them back into an equal record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .names import PageKind

#: Who wrote a generated page (its first key after the page's own digest).
GENERATOR = "borderlines-convert"
GENERATOR_KEY = "borderlines_generator"
#: The digest of a generated page's own text, which convert adds as the first key when it seals it.
PAGE_DIGEST_KEY = "borderlines_page_sha256"
#: The digest of everything a source page was made from; right after the generator, so that a rerun
#: finds it without reading the rest.
INPUT_KEY = "convert_input_sha256"
#: What a hand-written page says it is (``topic`` or ``summary``; see ``names.PageKind``).
PAGE_KIND_KEY = "corpus_page"
_LISTING_TITLE_KEY = "listing_title"
_SLUG_KEY = "source_slug"
_SEED_FILE_KEY = "seed_file"

#: The metadata fields a source has, in display order.
FIELDS = ("title", "outlet", "url", "date", "language", "kind", "original")
STATUSES = ("stated", "inferred", "unknown")
FrontMatter = dict[str, str | int]


@dataclass(frozen=True)
class Value:
    """A metadata value with how we know it: ``stated`` by the source, ``inferred``, or ``unknown``."""

    value: str
    status: str
    basis: str


UNKNOWN = Value("", "unknown", "")


@dataclass(frozen=True)
class Authors:
    """Who wrote the source, as far as it says: a list of names with how we know it."""

    names: tuple[str, ...]
    status: str
    basis: str


@dataclass(frozen=True)
class Removal:
    """One thing the converter took out of the seed: the rule that removed it, where, and its text."""

    rule: str
    where: str
    text: str


@dataclass(frozen=True)
class SeedFacts:
    """The seed file a page was made from."""

    file: str
    sha256: str
    size: int
    encoding: str
    form: str
    controls_removed: int


@dataclass(frozen=True)
class Versions:
    """The converter and the pinned libraries that shaped the page."""

    converter: str
    html2text: str
    sentencex: str
    extractor: str = ""  # what located the article in a saved page ("" for other forms)
    extractor_settings: str = ""


@dataclass(frozen=True)
class Counts:
    """How much text the page holds."""

    passages: int
    paragraphs: int
    sentences: int
    headings: int
    words: int


@dataclass(frozen=True)
class SourceMetadata:
    """Everything a source page states about its source and its making."""

    slug: str
    input_sha256: str
    values: Mapping[str, Value]  # by field name, in the order written
    notes: str
    catalogued: bool
    seed: SeedFacts
    versions: Versions
    counts: Counts
    authors: Authors = Authors((), "unknown", "")
    found: Mapping[str, str] = field(default_factory=dict)  # what the text itself said, by name
    structure: tuple[str, ...] = ()  # notes on how the text was structured, in order
    removals: tuple[Removal, ...] = ()  # the cleaning record, in order

    def value(self, name: str) -> Value:
        """The value of field ``name``, or an unknown one."""
        return self.values.get(name, UNKNOWN)

    def text(self, name: str) -> str:
        """The value of field ``name`` as text ("" when unknown)."""
        return self.value(name).value

    def to_front_matter(self) -> FrontMatter:
        """The page's front matter, key by key (convert seals it with ``PAGE_DIGEST_KEY`` first)."""
        meta: FrontMatter = {GENERATOR_KEY: GENERATOR, INPUT_KEY: self.input_sha256, _SLUG_KEY: self.slug}
        for name, value in self.values.items():
            meta[f"source_{name}"] = value.value
            meta[f"source_{name}_status"] = value.status
            meta[f"source_{name}_basis"] = value.basis
        meta["source_authors_status"] = self.authors.status
        meta["source_authors_basis"] = self.authors.basis
        for index, name in enumerate(self.authors.names, start=1):
            meta[f"source_author_{index:02d}"] = name
        meta["source_notes"] = self.notes
        meta["catalogued"] = "yes" if self.catalogued else "no"
        seed = self.seed
        meta |= {
            _SEED_FILE_KEY: seed.file,
            "seed_sha256": seed.sha256,
            "seed_bytes": seed.size,
            "seed_encoding": seed.encoding,
            "seed_form": seed.form,
        }
        for key, text in sorted(self.found.items()):
            meta[f"text_{key}"] = text
        counts = self.counts
        meta |= {
            "converter_version": self.versions.converter,
            "html2text_version": self.versions.html2text,
            "sentencex_version": self.versions.sentencex,
            **(
                {"extractor": self.versions.extractor, "extractor_settings": self.versions.extractor_settings}
                if self.versions.extractor
                else {}
            ),
            "passages": counts.passages,
            "paragraphs": counts.paragraphs,
            "sentences": counts.sentences,
            "headings": counts.headings,
            "words": counts.words,
            "control_characters_removed": seed.controls_removed,
        }
        for index, note in enumerate(self.structure, start=1):
            meta[f"structure_{index:02d}"] = note
        meta["cleaning_removals"] = len(self.removals)
        for index, removal in enumerate(self.removals, start=1):
            meta[f"cleaning_{index:02d}_rule"] = removal.rule
            meta[f"cleaning_{index:02d}_where"] = removal.where
            meta[f"cleaning_{index:02d}_text"] = removal.text
        return meta

    @classmethod
    def from_front_matter(cls, meta: Mapping[str, object]) -> SourceMetadata:
        """Read a source page's front matter (as Sphinx gives it) back into the record."""
        text = _Reader(meta)
        values = {
            name: Value(text(f"source_{name}"), text(f"source_{name}_status"), text(f"source_{name}_basis"))
            for name in FIELDS
            if f"source_{name}" in meta
        }
        count = text.number("cleaning_removals")
        return cls(
            slug=text(_SLUG_KEY),
            input_sha256=text(INPUT_KEY),
            values=values,
            notes=text("source_notes"),
            catalogued=text("catalogued") == "yes",
            seed=SeedFacts(
                text(_SEED_FILE_KEY),
                text("seed_sha256"),
                text.number("seed_bytes"),
                text("seed_encoding"),
                text("seed_form"),
                text.number("control_characters_removed"),
            ),
            versions=Versions(
                text("converter_version"),
                text("html2text_version"),
                text("sentencex_version"),
                text("extractor"),
                text("extractor_settings"),
            ),
            counts=Counts(
                *(text.number(key) for key in ("passages", "paragraphs", "sentences", "headings", "words"))
            ),
            authors=Authors(
                tuple(text(f"source_author_{n:02d}") for n in _numbered(meta, "source_author_")),
                text("source_authors_status") or "unknown",
                text("source_authors_basis"),
            ),
            found={
                key.removeprefix("text_"): str(value)
                for key, value in meta.items()
                if key.startswith("text_")
            },
            structure=tuple(text(f"structure_{index:02d}") for index in _numbered(meta, "structure_")),
            removals=tuple(
                Removal(
                    text(f"cleaning_{n:02d}_rule"),
                    text(f"cleaning_{n:02d}_where"),
                    text(f"cleaning_{n:02d}_text"),
                )
                for n in range(1, count + 1)
            ),
        )


@dataclass(frozen=True)
class ListingMetadata:
    """A listing page's front matter: its title."""

    title: str

    def to_front_matter(self) -> FrontMatter:
        """The listing page's front matter, key by key."""
        return {GENERATOR_KEY: GENERATOR, _LISTING_TITLE_KEY: self.title}


def generated(meta: Mapping[str, object]) -> bool:
    """Whether a page's front matter says the converter wrote it."""
    return meta.get(GENERATOR_KEY) == GENERATOR


def seed_file_of(meta: Mapping[str, object]) -> str | None:
    """The seed file a generated source page was made from, if it names one."""
    return str(meta.get(_SEED_FILE_KEY, "")) or None


def page_kind(meta: Mapping[str, object]) -> PageKind:
    """What a page is, from its own front matter: generated source or listing, or what it declares."""
    if generated(meta):
        return PageKind.LISTING if _LISTING_TITLE_KEY in meta else PageKind.SOURCE
    declared = str(meta.get(PAGE_KIND_KEY, ""))
    if declared in (PageKind.TOPIC, PageKind.SUMMARY):
        return PageKind(declared)
    return PageKind.OTHER


def _numbered(meta: Mapping[str, object], prefix: str) -> list[int]:
    """The numbers of the keys ``<prefix>NN``, in numeric order (note 10 after note 2)."""
    numbers = (key.removeprefix(prefix) for key in meta if key.startswith(prefix))
    return sorted(int(number) for number in numbers if number.isdigit())


class _Reader:
    """Front matter values as text or numbers; a missing key reads as "" or 0."""

    def __init__(self, meta: Mapping[str, object]) -> None:
        self.meta = meta

    def __call__(self, key: str) -> str:
        return str(self.meta.get(key, ""))

    def number(self, key: str) -> int:
        value = str(self.meta.get(key, 0))
        return int(value) if value.lstrip("-").isdigit() else 0
