"""The contract between converter and extension: one record, its front matter, passage IDs, names."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from builds import ROOT
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st

from borderlines.contract.ids import PassageId, parse_passage_id, passage_id
from borderlines.contract.metadata import (
    FIELDS,
    PAGE_DIGEST_KEY,
    Counts,
    Removal,
    SeedFacts,
    SourceMetadata,
    Value,
    Versions,
    page_kind,
)
from borderlines.contract.names import PageKind, SourceKind, kind_label
from borderlines.contract.urls import canonical_url, safe_url
from borderlines.convert.myst import render_front_matter
from borderlines.ext.pages.provenance import FIELD_LABELS, provenance_panel

SRC = ROOT / "src" / "borderlines"
DOCS = ROOT / "docs"
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def _front_matter(path: Path) -> dict[str, object]:
    match = _FRONT.match(path.read_text(encoding="utf-8"))
    assert match, path
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict)
    return meta


@pytest.mark.parametrize("page", sorted((DOCS / "sources").glob("*.md")), ids=lambda path: path.stem)
def test_a_source_page_reads_back_into_the_record_it_was_written_from(page: Path) -> None:
    """The front matter of every committed source page is exactly what its record writes."""
    written = _front_matter(page)
    written.pop(PAGE_DIGEST_KEY)
    record = SourceMetadata.from_front_matter(written)
    assert record.to_front_matter() == written
    assert list(record.to_front_matter()) == list(written)  # in the same order, too
    assert record.counts.passages == record.counts.paragraphs + record.counts.sentences


#: Text as it reaches the metadata: seeds lose their control characters, and convert refuses a page whose
#: front matter does not read back (YAML folds line separators), so neither is generated here.
_TEXT = st.text(st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=40)


@st.composite
def _records(draw: st.DrawFn) -> SourceMetadata:
    names = draw(st.lists(st.sampled_from(FIELDS), unique=True, min_size=1))
    values = {
        name: Value(draw(_TEXT), draw(st.sampled_from(["stated", "inferred", "unknown"])), draw(_TEXT))
        for name in names
    }
    number = st.integers(min_value=0, max_value=10**9)
    return SourceMetadata(
        slug=draw(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,3}", fullmatch=True)),
        input_sha256="0" * 64,
        values=values,
        notes=draw(_TEXT),
        catalogued=draw(st.booleans()),
        seed=SeedFacts(draw(_TEXT), "f" * 64, draw(number), "utf-8", "html-page", draw(number)),
        versions=Versions("0.1.0", "2025.4.15", "1.0.32"),
        counts=Counts(*(draw(number) for _ in range(5))),
        found=draw(st.dictionaries(st.from_regex(r"[a-z]+(_[a-z]+)?", fullmatch=True), _TEXT, max_size=3)),
        structure=tuple(draw(st.lists(_TEXT, max_size=120))),
        removals=tuple(draw(st.lists(st.builds(Removal, _TEXT, _TEXT, _TEXT), max_size=12))),
    )


@settings(max_examples=150, deadline=None)
@given(_records())
def test_any_record_survives_its_front_matter(record: SourceMetadata) -> None:
    """Written as the converter writes it and read as MyST reads it (PyYAML), a record comes back equal,
    its structure notes and removals in their order (note 10 after note 2, note 100 after note 99)."""
    text = render_front_matter(record.to_front_matter())
    read = yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n"))
    shuffled = list(read.items())
    random.Random(0).shuffle(shuffled)  # the reader must not depend on the keys' order
    assert SourceMetadata.from_front_matter(dict(shuffled)) == record


def test_the_panel_lists_structure_notes_in_their_order() -> None:
    """With twelve structure notes, note 10 follows note 9 (it used to sort as text, before note 2)."""
    notes = tuple(f"note {number}" for number in range(1, 13))
    record = SourceMetadata(
        "s", "", {"title": Value("T", "stated", "")}, "", True,
        SeedFacts("f", "", 1, "utf-8", "plain-paragraphs", 0), Versions("", "", ""), Counts(0, 0, 0, 0, 0),
        structure=notes,
    )  # fmt: skip
    front = dict(sorted(record.to_front_matter().items()))  # keys in text order: structure_10 before _02
    panel = provenance_panel(SourceMetadata.from_front_matter(front))
    shown = [item.astext() for item in panel.findall(nodes.list_item)]
    assert shown == list(notes)


def test_the_panel_shows_every_field_of_the_contract() -> None:
    """No field of the record is left out of the provenance panel."""
    assert set(FIELD_LABELS) == set(FIELDS)


@given(
    st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True),
    st.integers(min_value=1, max_value=10**6),
    st.none() | st.integers(min_value=1, max_value=10**6),
    st.text(),
)
def test_passage_ids_parse_back_into_their_parts(
    slug: str, paragraph: int, sentence: int | None, text: str
) -> None:
    """Whatever the slug (one ending in ``-p3`` or ``-s2-abcd`` too), an ID parses into what built it."""
    built = passage_id(slug, paragraph, sentence, text)
    parsed = parse_passage_id(built)
    assert parsed is not None and str(parsed) == built
    assert (parsed.slug, parsed.paragraph, parsed.sentence) == (slug, paragraph, sentence)


@pytest.mark.parametrize(
    "text", ["", "alpha", "alpha-p1", "alpha-p1-xyz1", "Alpha-p1-abcd", "alpha-p1-s-abcd", "a b-p1-abcd"]
)
def test_what_is_not_a_passage_id_does_not_parse(text: str) -> None:
    """A slug, a truncated ID, a bad digest, capitals or spaces are not passage IDs."""
    assert parse_passage_id(text) is None


def test_every_passage_of_the_committed_pages_parses() -> None:
    """The IDs the converter wrote are the contract's: each parses, and names its own page's slug."""
    ids = 0
    for page in (DOCS / "sources").glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith(("```{corpus:passage} ", ":sentences: ")):
                for each in line.split()[1:]:
                    parsed = parse_passage_id(each)
                    assert isinstance(parsed, PassageId) and parsed.slug == page.stem, each
                    ids += 1
    assert ids > 200


def test_each_page_of_the_site_says_what_it_is() -> None:
    """Sources and listings by their generated front matter, topics and summaries by their own."""
    kinds = {
        path.relative_to(DOCS).with_suffix("").as_posix(): page_kind(
            _front_matter(path) if path.read_text(encoding="utf-8").startswith("---\n") else {}
        )
        for path in DOCS.rglob("*.md")
    }
    expected = {
        name: PageKind.SOURCE
        if name.startswith("sources/")
        else PageKind.LISTING
        if name.startswith("listings/")
        else PageKind.TOPIC
        if name.startswith("topics/")
        else PageKind.SUMMARY
        if name in {"coverage", "claims", "timeline", "reuse"}
        else PageKind.OTHER
        for name in kinds
    }
    assert kinds == expected


def test_kind_labels_are_spelled_once() -> None:
    """The reader-facing kind labels, the front-matter keys and the ID grammar live in the contract only."""
    assert kind_label(SourceKind.OPINION_ANALYSIS) == "Opinion / analysis"
    outside = [path for path in SRC.rglob("*.py") if "contract" not in path.parts]
    spelled: dict[str, list[str]] = {
        '"Opinion / analysis"': [],
        '"source_': [],
        '"seed_': [],
        '"cleaning_': [],
        '"borderlines_generator"': [],
        "-[0-9a-f]{4}": [],
    }
    for path in outside:
        text = path.read_text(encoding="utf-8")
        for needle, found in spelled.items():
            if needle in text:
                found.append(str(path.relative_to(SRC)))
    assert spelled == {needle: [] for needle in spelled}


def test_importing_the_extension_does_not_import_the_converter() -> None:
    """The extension loads neither the converter nor its sentence splitter (sentencex)."""
    probe = (
        "import sys, borderlines.ext, borderlines.ext.platform; "
        "names = ('sentencex', 'borderlines.convert', 'html2text'); "
        "print(sorted(m for m in sys.modules if m.startswith(names)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_a_port_out_of_range_names_no_page() -> None:
    """``https://host:99999/`` is not linked, and comparing it with other URLs raises nothing."""
    assert safe_url("https://example.com:99999/a") is None
    assert safe_url("https://example.com:8080/a") == "https://example.com:8080/a"
    assert canonical_url("https://example.com:99999/a") == "https://example.com:99999/a"
