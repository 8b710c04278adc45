"""The whole site, built with a real sphinx-build from the real conf.py and docs/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from builds import ROOT, build_site, site_files, soup

from pagetext import front_matter

pytestmark = pytest.mark.slow

SOURCES = sorted((ROOT / "docs" / "sources").glob("*.md"))


@pytest.mark.parametrize("page", SOURCES, ids=[page.stem for page in SOURCES])
def test_source_page_has_every_passage_and_its_provenance(site: Path, page: Path) -> None:
    """Each passage is an element with class corpus-passage and its ID; the provenance panel is there."""
    meta = front_matter(page.read_text(encoding="utf-8"))
    html = (site / "sources" / f"{page.stem}.html").read_text(encoding="utf-8")
    ids = re.findall(r'class="corpus-passage[^"]*" id="([a-z0-9-]+)"', html)
    assert len(ids) == len(set(ids)) == meta["passages"]
    assert all(pid.startswith(f"{meta['source_slug']}-p") for pid in ids)
    assert re.search(r'<details class="[^"]*\bcorpus-provenance\b', html)
    assert meta["seed_sha256"] in html and meta["seed_file"] in html
    assert f"Cleaning record ({meta['cleaning_removals']} removals)" in html


def test_listing_pages_list_every_source(site: Path) -> None:
    """The index links to the listing pages; together they list each source once, in seed order, with
    its title, outlet, date, kind and passages."""
    listings = [str(link["href"]) for link in soup(site / "index.html").select(".toctree-wrapper a")]
    assert listings == ["listings/sources-001.html"]
    rows = {
        str(row.select_one("a")["href"]): [cell.get_text() for cell in row.select("td")][1:]  # type: ignore[index]
        for row in soup(site / listings[0]).select("table.corpus-sources tbody tr")
    }
    assert len(rows) == len(SOURCES)
    seeds = sorted(SOURCES, key=lambda page: str(front_matter(page.read_text(encoding="utf-8"))["seed_file"]))
    assert list(rows) == [f"../sources/{page.stem}.html" for page in seeds]
    for page in SOURCES:
        meta = front_matter(page.read_text(encoding="utf-8"))
        assert rows[f"../sources/{page.stem}.html"] == [
            meta["source_outlet"],
            meta["source_date"],
            {
                "news-report": "News report",
                "opinion-analysis": "Opinion / analysis",
                "aggregated-rewrite": "Aggregated rewrite",
            }[meta["source_kind"]],
            str(meta["passages"]),
        ]


def test_opinion_is_labelled_on_its_page(site: Path) -> None:
    """The opinion piece says so at the top of its page."""
    html = (site / "sources" / "abna-2026-01-isis-inmates-breaking-free-analysis.html").read_text(
        encoding="utf-8"
    )
    assert '<span class="corpus-kind corpus-kind-opinion-analysis">Opinion / analysis</span>' in html


def test_builds_are_deterministic_and_parallel_safe(site: Path, tmp_path: Path) -> None:
    """A second clean build, and a -j 2 build, give byte-identical sites (but for the files Pagefind
    writes in arbitrary order, whose page and filter counts must still agree)."""
    assert build_site(tmp_path / "again") == ""
    assert build_site(tmp_path / "parallel", "-j", "2") == ""
    first = site_files(site)
    assert site_files(tmp_path / "again") == first
    assert site_files(tmp_path / "parallel") == first
    topics = len(list((ROOT / "docs" / "topics").glob("*.md")))
    for out in (site, tmp_path / "again", tmp_path / "parallel"):
        # topics: kind, topic and entity; sources: outlet, kind, date, topic and entity
        assert _bundles(out) == {"topics-001": (topics, 3), "sources-001": (len(SOURCES), 5)}, out


def _bundles(site: Path) -> dict[str, tuple[int, int]]:
    """Each Pagefind bundle of a site, with the pages it indexes and its filters (outlet, kind, ...)."""
    return {
        bundle.name: (
            json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["en"][
                "page_count"
            ],
            len(list((bundle / "filter").iterdir())),
        )
        for bundle in (site / "pagefind").iterdir()
    }


def test_pages_load_the_corpus_stylesheet_that_highlights_a_linked_passage(site: Path) -> None:
    """A passage reached by a link is highlighted: the stylesheet ships, and every page loads it."""
    css = (site / "_static" / "borderlines.css").read_text(encoding="utf-8")
    assert re.search(r"\.corpus-passage:target[^{]*\{[^}]*background", css)
    for page in ["index.html", "topics/border-security.html", f"sources/{SOURCES[0].stem}.html"]:
        assert "_static/borderlines.css" in (site / page).read_text(encoding="utf-8"), page


def test_the_nationals_repeated_sentences_are_found_with_the_changed_figure_marked(site: Path) -> None:
    """The National's 19 December report repeats three sentences of its 10 December report, one with
    "nearly six decades" become "more than five decades": each is linked, the figure marked; the Text
    reuse page leads to the listing that lists the three clusters."""
    later = soup(site / "sources" / "national-2024-12-19-isis-reorganising-ranks-warns-iraq.html")
    summary = later.select_one(".corpus-reuse-summary")
    assert summary is not None and summary.get_text().strip().startswith("3 passages shared with Iraq marks")
    items = later.select(".corpus-reuse li")
    slug = "national-2024-12-10-iraq-victory-day-isis-fears"
    earlier = f"{slug}.html#{slug}-"
    assert [str(item.a["href"]).removeprefix(earlier)[:5] for item in items if item.a] == [
        "p2-s1",
        "p2-s2",
        "p3-s1",
    ]
    decades = items[0]
    assert [tag.get_text() for tag in decades.select("del")] == ["on December 8,", "more than five"]
    assert [tag.get_text() for tag in decades.select("ins")] == ["nearly six"]
    assert "(78% identical over 22 words)" in decades.get_text()
    first = soup(site / "sources" / "national-2024-12-10-iraq-victory-day-isis-fears.html")
    assert len(first.select(".corpus-reuse li")) == 3
    for other in (
        "caliber-2025-06-12-reuters-isis-seeks-foothold-syria-iraq",
        "abna-2026-01-isis-inmates-breaking-free-analysis",
    ):
        assert soup(site / "sources" / f"{other}.html").select(".corpus-reuse") == []
    table = soup(site / "reuse.html").select_one("table.corpus-reuse-listings")
    assert (
        table is not None
        and table.a is not None
        and table.a["href"] == "listings/sources-001.html#text-reuse"
    )
    assert len(soup(site / "listings" / "sources-001.html").select("#text-reuse .corpus-reuse-cluster")) == 3
    topic = soup(site / "topics" / "border-security.html")
    assert len(topic.select(".corpus-cite-same-text")) == 4  # "deploying"/"posting", "six"/"five decades"
