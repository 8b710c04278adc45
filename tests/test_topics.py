"""The topic pages of the real site: every citation resolves, every sentence cites, backlinks come back."""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from builds import ROOT, soup

from borderlines.convert.sentences import split_sentences
from borderlines.text import normalise

pytestmark = pytest.mark.slow

TOPICS = sorted(path.stem for path in (ROOT / "docs" / "topics").glob("*.md"))
SOURCES = sorted(path.stem for path in (ROOT / "docs" / "sources").glob("*.md"))
MARK = "\u2063CITED\u2063"
#: Entities the sources spell in more than one way: the registry holds every spelling, and the topic
#: pages link each entity's page, which lists them with the sources using each.
SPELT_VARIOUSLY = ["al-hol-camp", "ain-al-asad-air-base", "al-shaddadi-prison", "ahmed-al-sharaa"]


@cache
def _page(path: Path) -> BeautifulSoup:
    """A built page, parsed once for the whole session and shared by every test: only for reading
    (a test that changes a page works on a copy, see ``_own_body``)."""
    return soup(path)


def _body(site: Path, name: str) -> Tag:
    """A topic page's article body, shared: never change it."""
    body = _page(site / "topics" / f"{name}.html").select_one('[role="main"]')
    assert isinstance(body, Tag)
    return body


def _own_body(site: Path, name: str) -> Tag:
    """A topic page's article body, for this caller alone to change."""
    return copy.copy(_body(site, name))


def _cites(site: Path) -> list[tuple[str, Tag]]:
    return [(name, link) for name in TOPICS for link in _body(site, name).select("a.corpus-cite")]


def _passage_text(site: Path, href: str) -> tuple[str, Tag]:
    page, _, fragment = href.partition("#")
    passage_id = fragment.split(":~:", 1)[0]
    target = _page((site / "topics" / page).resolve()).find(id=passage_id)
    assert isinstance(target, Tag) and "corpus-passage" in target["class"], href
    return target.get_text(), target


def test_there_are_three_topic_pages() -> None:
    """Border security, detention camps and prisons, US military posture."""
    assert TOPICS == ["border-security", "detention-camps-and-prisons", "us-military-posture"]


def test_every_citation_resolves_to_an_existing_passage(site: Path) -> None:
    """Each corpus-cite link opens a passage that exists; a quote's words stand in that passage."""
    cites = _cites(site)
    assert len(cites) > 100
    for name, link in cites:
        text, _ = _passage_text(site, str(link["href"]))
        assert text[:60] in str(link["title"]) or text[:60].rstrip() in str(link["title"]), (name, link)
        if ":~:text=" in str(link["href"]):
            shown = link.get_text()
            assert shown.startswith("“") and shown.endswith("”")
            assert normalise(shown[1:-1]) in normalise(text), (name, shown)
            assert unquote(str(link["href"]).split(":~:text=")[1].split(",")[-1].removeprefix("-")) in text
    assert not any(_body(site, name).select(".corpus-cite-unresolved") for name in TOPICS)


def test_every_sentence_cites_a_passage(site: Path) -> None:
    """In paragraphs and list items (headings aside), each sentence holds at least one citation."""
    for name in TOPICS:
        body = _own_body(site, name)
        for citation in body.select(".corpus-citation"):
            citation.replace_with(MARK)
        for title in body.select(".corpus-event-title"):
            title.extract()  # an event's date and title head the cited sentences that report it
        for cell in body.select("table.corpus-claim thead, .corpus-claim-by, .corpus-claim-sources"):
            cell.extract()  # who gives a claim's answer, and the source it cites: attribution, not claims
        for block in body.find_all(["p", "li"]):
            if block.name == "li" and block.find("p"):
                continue
            label = block.find(True)
            if (
                isinstance(label, Tag)
                and label.name == "strong"
                and block.get_text().startswith(label.get_text())
            ):
                label.extract()  # a bold lead-in ("**ISIS numbers.**") labels the item; it is not a claim
            for sentence in split_sentences(" ".join(block.get_text().split())):
                assert MARK in sentence, f"{name}: uncited sentence: {sentence!r}"


@pytest.mark.parametrize("name", TOPICS)
def test_topic_page_shape(site: Path, name: str) -> None:
    """600 to 1,200 words, with a "Where the sources differ" section."""
    body = _own_body(site, name)
    for hidden in body.select(".corpus-preview, .corpus-entity-terms"):  # hidden: not in the length
        hidden.extract()
    for event in body.select(".corpus-event"):  # the page's record of events, gathered on the timeline
        event.extract()
    for apparatus in body.select("table.corpus-claim thead, .corpus-claim-sources, .corpus-same-text"):
        apparatus.extract()  # what the build adds: a claim table's headings and sources, "same text as" notes
    words = len(body.get_text().replace("¶", " ").split())
    assert 600 <= words <= 1200, words
    headings = [h.get_text().rstrip("¶") for h in body.find_all("h2")]
    assert "Where the sources differ" in headings


def test_the_topic_pages_cite_every_source(site: Path) -> None:
    """Together the three pages cite all five sources."""
    cited = {str(link["href"]).split("/")[-1].split(".html")[0] for _, link in _cites(site)}
    assert cited == set(SOURCES)


def test_the_opinion_piece_is_labelled_where_it_is_used(site: Path) -> None:
    """A page citing ABNA calls it opinion or analysis from a partisan outlet."""
    for name in TOPICS:
        body = _body(site, name)
        if body.select('a.corpus-cite[href*="abna-"]'):
            text = " ".join(body.get_text().split())
            assert "partisan" in text and re.search(r"\b(opinion|analysis)\b", text), name


@pytest.mark.parametrize("entity", SPELT_VARIOUSLY)
def test_name_variants_are_registered_and_linked(site: Path, entity: str) -> None:
    """The entity's page lists at least two spellings the sources use, each with the sources using it,
    and the topic pages link that page."""
    page = _page(site / "entities" / f"{entity}.html")
    used = [item.get_text() for item in page.select("#names li") if "— used by" in item.get_text()]
    assert len(used) >= 2, used
    linked = [name for name in TOPICS if _body(site, name).select(f'a.corpus-entity[data-entity="{entity}"]')]
    assert linked, entity


def test_each_citation_has_a_backlink_to_its_sentence(site: Path) -> None:
    """The cited passage is marked, and its Cited-in box links back to the citation's own id."""
    for name, link in _cites(site):
        _, passage = _passage_text(site, str(link["href"]))
        assert "corpus-cited" in passage["class"]
        paragraph = passage if passage.name == "p" else passage.find_parent("p")
        assert paragraph is not None
        box = paragraph.find_next_sibling()
        assert isinstance(box, Tag) and "corpus-backlinks" in box["class"]
        wrapper = link.find_parent(class_="corpus-citation")
        assert isinstance(wrapper, Tag)
        assert box.find("a", href=f"../topics/{name}.html#{wrapper['id']}") is not None


def test_seed_link_to_another_seeds_article_is_internal(site: Path) -> None:
    """Seed 001 links to seed 000's URL: on the site that link opens seed 000's page."""
    page = _page(site / "sources" / "national-2024-12-19-isis-reorganising-ranks-warns-iraq.html")
    links = page.select("a.corpus-source-link")
    assert [link["href"] for link in links] == ["national-2024-12-10-iraq-victory-day-isis-fears.html"]


def test_coverage_accounts_for_every_source(site: Path) -> None:
    """The coverage page has a row per listing page, the listing page a row per source, and the
    numbers of citations on both match the topic pages' links."""
    summary = _page(site / "coverage.html").select("table.corpus-coverage-listings tbody tr")
    assert [row.select_one("a")["href"] for row in summary] == ["listings/sources-001.html"]  # type: ignore[index]
    rows = _page(site / "listings" / "sources-001.html").select("table.corpus-coverage tbody tr")
    assert len(rows) == len(SOURCES)
    total = sum(int(row.select("td")[-1].get_text()) for row in rows)
    whole = sum(len(_body(site, name).select("a.corpus-cite-source")) for name in TOPICS)
    assert total == len(_cites(site)) + whole == int(summary[0].select("td")[-1].get_text())
    cited = sum(int(row.select("td")[1].get_text().split(" of ")[0]) for row in rows)
    paragraphs = sum(int(row.select("td")[1].get_text().split(" of ")[1]) for row in rows)
    assert summary[0].select("td")[2].get_text() == f"{cited} of {paragraphs}"


def test_index_presents_topics_as_cards(site: Path) -> None:
    """The index links each topic through a sphinx-design card."""
    page = _page(site / "index.html")
    targets = {str(a["href"]) for a in page.select(".sd-card a")}
    assert targets == {f"topics/{name}.html" for name in TOPICS}
