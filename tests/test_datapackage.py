"""The data package export: frictionless validates it, it can fail to, and its rows are the corpus's."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from builds import build_once, copy_root, replace_in, soup, warnings_of
from frictionless import Package
from sphinx.testing.util import SphinxTestApp

from borderlines.contract.names import PageKind
from borderlines.ext.corpus.domain import corpus_of
from borderlines.ext.entities.records import EntityMentions
from borderlines.ext.exports import datapackage
from borderlines.ext.exports.tabular import Field, Schema, csv_bytes, table

RESOURCES = ["sources", "passages", "citations", "entities", "mentions", "reuse", "claims", "events"]
Rows = list[dict[str, str]]
MakeApp = Callable[..., SphinxTestApp]


def _package(outdir: Path) -> Path:
    return outdir / "exports" / "datapackage.json"


def _rows(outdir: Path, name: str) -> Rows:
    with (outdir / "exports" / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _errors(descriptor: Path) -> list[tuple[str, str, str]]:
    """Every error frictionless finds in the package: the resource ("" for the package), type and note."""
    report = Package(str(descriptor)).validate()
    found = [("", error.type, error.note) for error in report.errors]
    found += [(task.name, error.type, error.note) for task in report.tasks for error in task.errors]
    return found


def _source_texts(outdir: Path, slugs: list[str]) -> dict[str, str]:
    """Each source's text as its page reads: its paragraphs' words, one blank line between two."""
    return {
        slug: "\n\n".join(
            paragraph.get_text()
            for paragraph in soup(outdir / "sources" / f"{slug}.html").select("p.corpus-paragraph")
        )
        for slug in slugs
    }


@pytest.mark.sphinx("html", testroot="datapackage", freshenv=True)
def test_frictionless_finds_the_package_valid(app: SphinxTestApp) -> None:
    """Every resource is a CSV file its schema describes, keys and foreign keys holding, digests matching."""
    app.build()
    assert warnings_of(app) == []
    descriptor = json.loads(_package(Path(app.outdir)).read_text(encoding="utf-8"))
    assert [resource["name"] for resource in descriptor["resources"]] == RESOURCES
    assert all(resource["path"] == f"data/{resource['name']}.csv" for resource in descriptor["resources"])
    assert _errors(_package(Path(app.outdir))) == []
    report = Package(str(_package(Path(app.outdir)))).validate()
    assert report.valid and len(report.tasks) == len(RESOURCES)


@pytest.mark.sphinx("html", testroot="datapackage", freshenv=True)
def test_frictionless_finds_a_broken_foreign_key(app: SphinxTestApp, tmp_path: Path) -> None:
    """In a copy whose passage names a source that is not there (its digest made to match), validation
    fails on that foreign key and nothing else: the valid result above is not vacuous."""
    app.build()
    copy = tmp_path / "exports"
    shutil.copytree(Path(app.outdir) / "exports", copy)
    data = copy / "data" / "passages.csv"
    broken = data.read_bytes().replace(b'"beta-p1-cccc","beta"', b'"beta-p1-cccc","nowhere"', 1)
    assert broken != data.read_bytes()
    data.write_bytes(broken)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    (passages,) = (each for each in descriptor["resources"] if each["name"] == "passages")
    passages["bytes"], passages["hash"] = len(broken), f"sha256:{hashlib.sha256(broken).hexdigest()}"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    errors = _errors(copy / "datapackage.json")
    assert [(name, kind) for name, kind, _ in errors] == [("passages", "foreign-key")]
    assert '"nowhere"' in errors[0][2]


@pytest.mark.sphinx("html", testroot="datapackage", freshenv=True)
def test_the_rows_are_the_domains_records(app: SphinxTestApp) -> None:
    """As many rows as the domain has records of each kind, and the topic page's claim, event and reuse."""
    app.build()
    out, corpus = Path(app.outdir), corpus_of(app.env)
    rows = {name: _rows(out, name) for name in RESOURCES}
    assert len(rows["sources"]) == len(corpus.sources) == 3
    assert (
        len(rows["passages"]) == len(corpus.passages) == sum(int(row["passages"]) for row in rows["sources"])
    )
    topics = corpus.pages_of_kind(PageKind.TOPIC)
    assert len(rows["citations"]) == sum(len(corpus.citations[docname]) for docname in topics) == 6
    mentions = corpus.feature(EntityMentions)
    assert mentions is not None and mentions.registry is not None
    assert [row["id"] for row in rows["entities"]] == sorted(entity.id for entity in mentions.registry)
    assert len(rows["mentions"]) == sum(len(mentions.by_page[docname]) for docname in corpus.sources) == 7
    as_written = [record for docname in corpus.sources for record in mentions.by_page[docname]]
    assert any(record.exact == record.alias for record in as_written)
    assert all(record.exact is record.alias for record in as_written if record.exact == record.alias)
    assert [(row["first"], row["second"], row["cluster"]) for row in rows["reuse"]] == [
        ("alpha-p1-s1-aaa1", "gamma-p1-s1-ddd1", "1")
    ]
    assert [(row["answer"], row["by"]) for row in rows["claims"]] == [
        ("1", "Officials, as Alpha Times reports them"),
        ("2", "Nobody else, says Alpha Times"),
    ]
    (event,) = rows["events"]
    assert (event["date"], event["earliest"], event["latest"], event["entities"]) == (
        "2025-01-09/2025-01-10",
        "2025-01-09",
        "2025-01-10",
        "iraqi-army syria",
    )
    by_id = {row["id"]: row for row in rows["citations"]}
    assert by_id["topics/border#cite-4"]["claim"] == "topics/border#claim-border-secure"
    assert by_id["topics/border#cite-4"]["words"] == "the border is secure"
    assert by_id["topics/border#cite-6"]["event"] == event["id"]
    assert (by_id["topics/border#cite-3"]["role"], by_id["topics/border#cite-3"]["passage"]) == ("source", "")


@pytest.mark.sphinx("html", testroot="datapackage", freshenv=True)
def test_every_text_stands_at_its_offsets_in_the_source_text(app: SphinxTestApp) -> None:
    """A passage's text, a citation's words and a mention's name are the source page's text at their
    offsets; seed text is kept as it is, a spreadsheet formula's ``=`` included."""
    app.build()
    out = Path(app.outdir)
    texts = _source_texts(out, [row["id"] for row in _rows(out, "sources")])
    for name, key, words in (("passages", "source", "text"), ("mentions", "source", "exact")):
        for row in _rows(out, name):
            assert texts[row[key]][int(row["start"]) : int(row["end"])] == row[words], row
    for row in _rows(out, "citations"):
        if row["passage"]:
            assert texts[row["source"]][int(row["start"]) : int(row["end"])] == row["words"], row
    (gamma,) = (row for row in _rows(out, "sources") if row["id"] == "gamma")
    assert gamma["title"] == '=HYPERLINK("https://gamma.example/", "Gamma, a wire")'
    assert texts["gamma"].endswith('=SUM(1,2) is how "a wire", with commas, might begin in Al Hol.')


def test_csv_cells_round_trip_whatever_they_hold() -> None:
    """Carriage returns, line breaks, quotes, commas and formulas come back from ``csv`` as written;
    rows sort with numbers in text as numbers, a missing cell first."""
    cells = ["a\rb", "c\nd", 'say "no", twice', "=1+2", "@SUM(A1)", "", "é ✓"]
    schema = Schema(
        "t", "T", "A test.", (Field("text", "string", "Text."), Field("n", "integer", "A number.")), ()
    )
    rows: list[tuple[Any, ...]] = [(text, index) for index, text in enumerate(cells)]
    rows += [("p10", None), ("p2", 3), (None, 1)]
    data = csv_bytes(table(schema, rows))
    assert b"\r\n" not in data.replace(b'"a\rb"', b"")
    read = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert read[0] == ["text", "n"]
    assert read[1] == ["", "1"]
    assert {row[0] for row in read[1:]} == {*cells, "p10", "p2"}
    assert [row[0] for row in read[1:]].index("p2") < [row[0] for row in read[1:]].index("p10")


@pytest.mark.slow
def test_the_real_site_package_is_valid_and_holds_every_passage_and_citation(site: Path) -> None:
    """On the real site: frictionless finds the package valid; each source has a row per passage its
    page shows, and the citations a row per citation the topic pages show."""
    assert _errors(_package(site)) == []
    sources = sorted(page.stem for page in (site / "sources").glob("*.html"))
    passages = _rows(site, "passages")
    for slug in sources:
        shown = soup(site / "sources" / f"{slug}.html").select(".corpus-passage")
        assert len(shown) == sum(row["source"] == slug for row in passages) > 0, slug
    texts = _source_texts(site, sources)
    for row in passages:
        assert texts[row["source"]][int(row["start"]) : int(row["end"])] == row["text"], row["id"]
    citations = sum(
        len(soup(page).select("a.corpus-cite, a.corpus-cite-source"))
        for page in (site / "topics").glob("*.html")
    )
    assert len(_rows(site, "citations")) == citations > 100
    assert all(_rows(site, name) for name in RESOURCES)


def _package_files(make_app: MakeApp, srcdir: Path, **kwargs: Any) -> dict[str, bytes]:
    out = Path(build_once(make_app, srcdir, **kwargs).outdir) / "exports"
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.name == "datapackage.json" or path.suffix == ".csv"
    }


@pytest.mark.slow
def test_the_package_is_the_same_after_rebuilds_incremental_edits_and_in_parallel(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    """Byte-identical on a second build and with ``-j 2``; after editing an event's citation, a claim's
    note and the entity registry, an incremental build writes what a clean build of the edits writes."""
    srcdir = copy_root(rootdir, tmp_path, "datapackage", "incremental")
    first = _package_files(make_app, srcdir)
    assert set(first) == {"datapackage.json", *(f"data/{name}.csv" for name in RESOURCES)}
    assert _package_files(make_app, srcdir) == first
    parallel = copy_root(rootdir, tmp_path, "datapackage", "parallel")
    assert _package_files(make_app, parallel, parallel=2) == first

    topic = srcdir / "topics" / "border.md"
    replace_in(
        topic,
        "The army posted troops {corpus:cite}`alpha-p1-s1-aaa1`.\n```",
        "Troops {corpus:cite}`gamma-p1-s1-ddd1`.\n```",
    )
    replace_in(topic, "does not say who disagreed", "names no one")
    replace_in(srcdir / "entities.toml", '{ name = "Al Hol", basis = "test" },', "")
    incremental = _package_files(make_app, srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = _package_files(make_app, clean_src, freshenv=True)
    assert incremental == clean
    changed = {name for name in first if first[name] != incremental[name]}
    assert changed == {
        "datapackage.json",
        "data/citations.csv",
        "data/claims.csv",
        "data/events.csv",
        "data/mentions.csv",
    }


@pytest.mark.slow
def test_a_topic_edit_makes_only_the_topic_tables_again_and_a_source_edit_the_source_tables(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tables made from the source pages are made again only when a source page was read again (or
    their file was changed by hand); whatever was kept, the package is what a clean build writes."""
    made: list[str] = []

    def counted(part: datapackage.Part) -> datapackage.Part:
        def make(env: Any, texts: Any) -> Any:
            made.append(part.schema.name)
            return part.make(env, texts)

        return part._replace(make=make)

    monkeypatch.setattr(datapackage, "TABLES", tuple(map(counted, datapackage.TABLES)))
    srcdir = copy_root(rootdir, tmp_path, "datapackage", "edits")
    _package_files(make_app, srcdir)
    assert made == RESOURCES

    def made_by_build(**kwargs: Any) -> tuple[set[str], dict[str, bytes]]:
        made.clear()
        files = _package_files(make_app, srcdir, **kwargs)
        remade = set(made)
        clean_src = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
        assert files == _package_files(make_app, clean_src, freshenv=True)
        return remade, files

    replace_in(srcdir / "topics" / "border.md", "does not say who disagreed", "names no one")
    assert made_by_build()[0] == {"citations", "claims", "events"}
    replace_in(srcdir / "sources" / "beta.md", "Nothing in Syria is certain.", "Nothing in Syria is sure.")
    remade, files = made_by_build()
    assert remade == set(RESOURCES) - {"entities"}
    assert "Nothing in Syria is sure." in files["data/passages.csv"].decode("utf-8")
    replace_in(srcdir / "entities.toml", '{ name = "Al Hol", basis = "test" },', "")
    assert made_by_build()[0] == {"citations", "claims", "events", "entities", "mentions"}
    out = srcdir / "_build" / "html" / "exports" / "data"
    (out / "reuse.csv").write_bytes(b"edited by hand\n")
    assert made_by_build()[0] == {"citations", "claims", "events", "reuse"}
