"""Entities in the build (borderlines.ext.entities), on the tiny ``test-entities`` root: marks, entity
pages and listings, the ``{corpus:entity}`` role, the registry's warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from builds import replace_in, soup, warnings_of
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.corpus.domain import corpus_of
from borderlines.ext.entities import derive, model
from borderlines.ext.entities.records import EntityMentions

ROOT = Path(__file__).resolve().parent / "roots" / "test-entities"


def _marks(page: BeautifulSoup) -> list[tuple[str, str, str]]:
    return [(str(a["data-entity"]), a.get_text(), str(a["href"])) for a in page.select("a.corpus-entity")]


def _build(src: Path, **overrides: object) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=src, builddir=src / "_build", confoverrides=overrides or None)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the root to edit."""
    copy = tmp_path / "root"
    shutil.copytree(ROOT, copy)
    return copy


@pytest.mark.sphinx("html", testroot="entities", freshenv=True)
def test_mentions_are_marked_by_the_registry_rules(app: SphinxTestApp) -> None:
    """Every alias at word boundaries, case rules kept ('crisis' and 'Isis' are not ISIS), the longest
    match first ('Ain al-Assad' is the base, not Bashar al-Assad), a short form only after the full name
    in the same source, and nothing inside a seed's own link."""
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    assert _marks(soup(out / "sources" / "alpha.html")) == [
        ("al-hol", "Al Hol", "../entities/al-hol.html"),
        ("isis", "ISIS", "../entities/isis.html"),
        ("fuad-hussein", "Fuad Hussein", "../entities/fuad-hussein.html"),
        ("ain-al-asad", "Ain al-Assad", "../entities/ain-al-asad.html"),
        ("fuad-hussein", "Mr Hussein", "../entities/fuad-hussein.html"),
    ]
    # Beta never names Fuad Hussein in full, so its 'Mr Hussein' stays unmarked.
    assert _marks(soup(out / "sources" / "beta.html")) == [("al-hol", "Al-Hawl", "../entities/al-hol.html")]
    topic = soup(out / "topics" / "camps.html")
    assert _marks(topic) == [
        ("al-hol", "Al-Hawl", "../entities/al-hol.html"),
        ("fuad-hussein", "Fuad Hussein", "../entities/fuad-hussein.html"),
        ("al-hol", "The camp", "../entities/al-hol.html"),
        ("ain-al-asad", "Ain al-Assad", "../entities/ain-al-asad.html"),
    ]
    assert not topic.select(".corpus-citation a.corpus-entity")  # never inside a citation
    cards = topic.select(".corpus-entity-cards[hidden] .corpus-entity-card")
    assert [card["data-entity"] for card in cards] == ["ain-al-asad", "al-hol", "fuad-hussein"]
    assert cards[1].get_text(" ", strip=True) == "Al Hol camp · Facility A camp in north-east Syria."
    terms = topic.select_one(".corpus-entity-terms[hidden]")
    assert terms is not None and "Al Hol camp · Al Hol · Al-Hawl" in terms.get_text()


def _passage_texts(out: Path) -> list[tuple[str, str, str]]:
    """Each passage, citation and citation preview of the site: page, id or link, text."""
    texts = []
    for page in sorted(out.rglob("*.html")):
        for element in soup(page).select(
            ".corpus-passage, .corpus-cite, .corpus-citation .corpus-preview-text"
        ):
            place = str(element.get("id") or element.get("href") or "")
            texts.append((str(page.relative_to(out)), place, element.get_text()))
    return texts


def _article_text(page: Path) -> str:
    body = soup(page).select_one('[role="main"]')
    assert isinstance(body, Tag)
    for block in body.select(".corpus-entity-cards, .corpus-entity-terms"):
        block.decompose()
    return body.get_text().rstrip()


def test_marks_change_no_text(root: Path, tmp_path: Path) -> None:
    """Every passage's text, every citation (its link, text fragment included) and every page's text
    are the same with the registry as without it (and its entity links written as their words)."""
    marked = _build(root)
    plain_root = tmp_path / "plain"
    shutil.copytree(ROOT, plain_root)
    (plain_root / "entities.toml").unlink()
    topic = plain_root / "topics" / "camps.md"
    text = topic.read_text().replace("{corpus:entity}`fuad-hussein`", "Fuad Hussein")
    topic.write_text(text.replace("{corpus:entity}`The camp <al-hol>`", "The camp"))
    plain = _build(plain_root)
    assert warnings_of(marked) == warnings_of(plain) == []
    with_marks, without = Path(marked.outdir), Path(plain.outdir)
    assert _passage_texts(with_marks) == _passage_texts(without)
    assert len(_passage_texts(with_marks)) == 12  # 8 passages, 2 citations and their 2 previews
    assert soup(without / "sources" / "alpha.html").select("a.corpus-entity") == []
    for name in ("sources/alpha.html", "sources/beta.html", "topics/camps.html"):
        assert _article_text(with_marks / name) == _article_text(without / name), name
    cites = [str(a["href"]) for a in soup(with_marks / "topics" / "camps.html").select("a.corpus-cite")]
    assert cites == [str(a["href"]) for a in soup(without / "topics" / "camps.html").select("a.corpus-cite")]


@pytest.mark.sphinx("html", testroot="entities", freshenv=True)
def test_an_entity_page_shows_everything_the_corpus_says(app: SphinxTestApp) -> None:
    """Name, type, description, Wikidata, relations both ways, each alias with the sources using it,
    and every mention by source in publication order, with its sentence and a link to it."""
    app.build()
    out = Path(app.outdir)
    page = soup(out / "entities" / "al-hol.html")
    body = page.select_one(".corpus-entity-page")
    assert body is not None and body["data-entity"] == "al-hol"
    h1 = body.select_one("h1")
    assert h1 is not None and h1.get_text() == "Al Hol camp"
    about = body.select_one(".corpus-entity-about")
    assert about is not None and about.get_text() == "Facility · Wikidata Q1"
    wikidata = about.select_one("a")
    assert wikidata is not None and wikidata["href"] == "https://www.wikidata.org/wiki/Q1"
    relations = [(li.get_text(), [a["href"] for a in li.select("a")]) for li in body.select("#relations li")]
    assert relations == [("located in Syria", ["syria.html"])]
    names = [li.get_text() for li in body.select("#names li")]
    assert names == ["Al Hol — used by Alpha report", "Al-Hawl — used by Beta analysis, Alpha report"]
    sources = [section.select_one("h3") for section in body.select("#mentions section")]
    assert [h3.get_text() for h3 in sources if h3] == ["Beta analysis", "Alpha report"]  # 2024 before 2025
    mentions = [
        (a["href"], a.get_text(), a.select_one(".corpus-mark")) for a in body.select("#mentions li a")
    ]
    assert [(href, text, mark.get_text() if mark else "") for href, text, mark in mentions] == [
        (
            "../sources/beta.html#beta-p1-s1-ccc1",
            "Mr Hussein spoke of Al-Hawl, where Isis is feared.",
            "Al-Hawl",
        ),
        (
            "../sources/alpha.html#alpha-p1-s1-aaa1",
            "The Al Hol camp holds ISIS families, a crisis for Iraq.",
            "Al Hol",
        ),
        ("../sources/alpha.html#alpha-p2-s1-bbb1", "Mr Hussein said Al-Hawl is full.", "Al-Hawl"),
    ]
    syria = soup(out / "entities" / "syria.html")
    assert [li.get_text() for li in syria.select("#relations li")] == ["Al Hol camp located in Syria"]
    assert "0 mentions in 0 sources" in syria.get_text()


@pytest.mark.sphinx("html", testroot="entities", freshenv=True)
def test_the_listing_and_the_index_give_each_type_with_mention_counts(app: SphinxTestApp) -> None:
    """The listing page gives every entity by type with its mentions and sources; the index page sums
    each type and links to where it is listed."""
    app.build()
    out = Path(app.outdir)
    listing = soup(out / "entities" / "listing-001.html")
    rows = [
        (str(section["id"]), [td.get_text() for td in row.select("td")])
        for section in listing.select("section section")
        for row in section.select("tbody tr")
    ]
    assert rows == [
        ("person", ["Bashar al-Assad", "0", "0"]),
        ("person", ["Fuad Hussein", "2", "1"]),
        ("place", ["Syria", "0", "0"]),
        ("armed-group", ["Islamic State", "1", "1"]),
        ("facility", ["Ain al-Asad Air Base", "1", "1"]),
        ("facility", ["Al Hol camp", "3", "2"]),
    ]
    index = soup(out / "entities.html")
    summary = [
        [td.get_text() for td in row.select("td")]
        for row in index.select("table.corpus-entity-index tbody tr")
    ]
    assert summary[0] == ["People", "2", "2", "listing 1"]
    link = index.select_one("table.corpus-entity-index a")
    assert link is not None and link["href"] == "entities/listing-001.html#person"


def _backlink_sentences(outdir: Path) -> list[str]:
    page = soup(outdir / "sources" / "alpha.html")
    return [span.get_text() for span in page.select(".corpus-backlink-sentence")]


def test_a_backlink_names_an_entity_as_the_registry_does_after_a_registry_edit(
    root: Path, tmp_path: Path
) -> None:
    """A citing sentence with an entity link shows the entity's name in the cited source's backlinks;
    renaming the entity rewrites that source page in an incremental build, as a clean build shows it."""
    first = _build(root)
    assert "The Al-Hawl camp is watched by Fuad Hussein." in _backlink_sentences(Path(first.outdir))
    registry = root / "entities.toml"
    registry.write_text(registry.read_text().replace('name = "Fuad Hussein"\n', 'name = "Fuad Husayn"\n', 1))
    incremental = Path(_build(root).outdir)
    assert "The Al-Hawl camp is watched by Fuad Husayn." in _backlink_sentences(incremental)
    clean_root = tmp_path / "clean"
    shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns("_build"))
    clean = Path(_build(clean_root).outdir)
    assert _backlink_sentences(incremental) == _backlink_sentences(clean)


def test_an_unknown_entity_link_warns_at_its_line(root: Path) -> None:
    """``{corpus:entity}`` with an id the registry lacks is a typed warning; it shows the author's text."""
    topic = root / "topics" / "camps.md"
    topic.write_text(topic.read_text() + "\nSee {corpus:entity}`the ministry <nowhere>`.\n")
    app = _build(root)
    assert warnings_of(app) == [
        "<src>/topics/camps.md:10: WARNING: entity link: no entity 'nowhere' in the registry"
        " [corpus.unknown-entity]"
    ]
    shown = soup(Path(app.outdir) / "topics" / "camps.html").select_one(".corpus-entity-unresolved")
    assert shown is not None and shown.get_text() == "the ministry"


def test_a_faulty_registry_is_one_warning_naming_file_line_and_entry(root: Path) -> None:
    """An alias claimed by two entities is one warning, naming the file, the line and the entry; nothing
    is marked, and no page is regenerated by the converter (the sources are untouched)."""
    registry = root / "entities.toml"
    before = {page: page.read_bytes() for page in (root / "sources").glob("*.md")}
    registry.write_text(registry.read_text().replace('name = "Assad"', 'name = "Al Hol"'))
    app = _build(root)
    warnings = [line for line in warnings_of(app) if "corpus.entity-registry" in line]
    assert len(warnings) == 1, warnings_of(app)
    assert warnings[0] == (
        "<src>/entities.toml:44: WARNING: entity 'bashar-al-assad': alias 'Al Hol' is also claimed by "
        "'al-hol' (line 1); mark it rule = \"after-full\" on both, or drop it from one"
        " [corpus.entity-registry]"
    )
    assert soup(Path(app.outdir) / "sources" / "alpha.html").select("a.corpus-entity") == []
    assert before == {page: page.read_bytes() for page in (root / "sources").glob("*.md")}


def test_entity_pages_and_listings_are_paged(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No generated page grows with the corpus: an entity's sources, and the entities, go on further
    pages, each with links to the others."""
    monkeypatch.setattr(model, "SOURCES_PER_PAGE", 1)
    monkeypatch.setattr(model, "PER_LISTING", 4)
    out = Path(_build(root).outdir)
    first, second = soup(out / "entities" / "al-hol.html"), soup(out / "entities" / "al-hol-page-2.html")
    assert [h3.get_text() for h3 in first.select("#mentions h3")] == ["Beta analysis"]
    assert [h3.get_text() for h3 in second.select("#mentions h3")] == ["Alpha report"]
    assert [a["href"] for a in first.select(".corpus-pager a")] == ["al-hol-page-2.html"]
    listings = sorted(page.name for page in (out / "entities").glob("listing-*.html"))
    assert listings == ["listing-001.html", "listing-002.html"]
    index = soup(out / "entities.html").select("table.corpus-entity-index a")
    assert {str(a["href"]).split("#")[0] for a in index} == {f"entities/{name}" for name in listings}


def _entity_pages(outdir: Path) -> dict[str, str]:
    return {
        page.name: str(soup(page).select_one("div.body")) for page in (outdir / "entities").glob("*.html")
    }


def test_an_entity_page_follows_a_source_whose_record_changed_and_text_did_not(
    root: Path, tmp_path: Path
) -> None:
    """Entity pages list their sources by date with their titles: a new date and title on a source page
    (its words unchanged) rewrite them in an incremental build, as a clean build shows them."""
    first = _entity_pages(Path(_build(root).outdir))
    alpha = root / "sources" / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    edited = text.replace("source_title: Alpha report", "source_title: Alpha dispatch")
    alpha.write_text(
        edited.replace("source_date: '2025-01-02'", "source_date: '2024-11-02'"), encoding="utf-8"
    )
    incremental = _entity_pages(Path(_build(root).outdir))
    clean_root = tmp_path / "clean"
    shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns("_build"))
    assert incremental == _entity_pages(Path(_build(clean_root).outdir)) != first
    assert "Alpha dispatch" in incremental["al-hol.html"]


def _views(app: SphinxTestApp) -> dict[str, str]:
    found = corpus_of(app.env).feature(EntityMentions)
    assert found is not None
    return dict(found.views)


def test_a_pages_entity_view_is_made_again_only_when_what_it_shows_may_have_changed(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build with nothing changed keeps every page's entity view; naming another entity in a citing
    sentence makes again the views of the topic and of the source its backlink is on, and rewording a
    source's mention that source's only; the views are always those of a clean build."""
    made: list[int] = []
    make_view = derive._view

    def counted(*args: object) -> str:
        made.append(1)
        return make_view(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(derive, "_view", counted)
    everything = len(_views(_build(root)))
    assert len(made) == everything > 2
    made.clear()
    _build(root)
    assert made == []
    replace_in(root / "topics" / "camps.md", "{corpus:entity}`fuad-hussein`.", "{corpus:entity}`syria`.")
    made.clear()
    incremental = _views(_build(root))
    assert 0 < len(made) < everything
    clean_root = tmp_path / "clean"
    shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns("_build"))
    assert incremental == _views(_build(clean_root))
    replace_in(root / "sources" / "beta.md", "where Isis is", "where it is")
    made.clear()
    incremental = _views(_build(root))
    assert len(made) == 1
    clean_root = tmp_path / "clean-again"
    shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns("_build"))
    assert incremental == _views(_build(clean_root))
