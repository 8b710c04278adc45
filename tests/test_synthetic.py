"""The synthetic corpus behind the scale benchmark: deterministic, in the real forms, and citable."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from builds import ROOT, build_site, soup

from borderlines.convert.cli import main
from borderlines.convert.forms import detect_form

from pagetext import front_matter

sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import CLAIM_ANSWERS, EVENTS_PER_TOPIC, SOURCES_PER_TOPIC, generate_docs, generate_seeds

FORMS = {
    "html": "html-fragment",
    "paragraphs": "plain-paragraphs",
    "web-page": "web-page",
    "sections": "plain-sections",
    "html-page": "html-page",
}


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_same_seed_number_gives_the_same_bytes(tmp_path: Path) -> None:
    """Two generations from seed number 0 are byte-identical; seed number 1 differs."""
    generate_seeds(tmp_path / "a", 8)
    generate_seeds(tmp_path / "b", 8)
    generate_seeds(tmp_path / "c", 8, seed=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b") != _files(tmp_path / "c")


def test_seeds_come_in_the_real_forms_and_sizes_and_convert_cleanly(tmp_path: Path) -> None:
    """Each seed is read in its intended form, is 3.5-10 kB, converts without a word of complaint, a
    web page's navigation and footer go to the cleaning record, and a saved page's metadata is what its
    head states, its site chrome recorded and every sentence of its article kept."""
    made = generate_seeds(tmp_path / "seeds", 8)
    for item in made:
        data = (tmp_path / "seeds" / item.file).read_text(encoding="utf-8")
        assert detect_form(data).value == FORMS[item.form]
        assert 3_500 <= len(data.encode()) <= 10_000
    out, err = io.StringIO(), io.StringIO()
    assert main(["--root", str(tmp_path)], out=out, err=err) == 0
    assert err.getvalue() == ""
    web_page = next(item for item in made if item.form == "web-page")
    meta = front_matter((tmp_path / "docs" / "sources" / f"{web_page.slug}.md").read_text(encoding="utf-8"))
    assert int(meta["cleaning_removals"]) >= 10
    assert meta["source_title"] == f"Synthetic report {int(web_page.slug.rsplit('-', 1)[1])}"
    saved = next(item for item in made if item.form == "html-page")
    page = (tmp_path / "docs" / "sources" / f"{saved.slug}.md").read_text(encoding="utf-8")
    meta = front_matter(page)
    assert meta["seed_form"] == "html-page" and meta["source_title"].startswith("Report ")
    assert meta["source_title_basis"].startswith("JSON-LD NewsArticle headline")
    assert meta["source_outlet_basis"].startswith("JSON-LD NewsArticle publisher.name")
    assert meta["source_author_01"] and int(meta["cleaning_removals"]) >= 5
    assert all(quote.replace("-", "\\-") in page for quote in saved.quotes)


@pytest.mark.slow
def test_topic_pages_cite_forty_passages_each_and_build_clean(tmp_path: Path) -> None:
    """N/20 topic pages, each with 40 resolved citations in its prose (20 by ID, 20 by quote), a claim
    whose answers cite three sources (one by quote) and events citing two each (one by quote), gathered
    on the claims and timeline pages; with the registry, no warning, and entities are marked."""
    made = generate_seeds(tmp_path / "seeds", 2 * SOURCES_PER_TOPIC)
    assert main(["--root", str(tmp_path)], out=io.StringIO(), err=io.StringIO()) == 0
    generate_docs(tmp_path / "docs", made, registry=True)
    out = tmp_path / "_build"
    assert build_site(out, docs=tmp_path / "docs") == ""
    for number in range(2):
        page = soup(out / "topics" / f"topic-{number:04d}.html")
        links = page.select(".corpus-citation a.corpus-cite")
        assert len(links) == 2 * SOURCES_PER_TOPIC + CLAIM_ANSWERS + 2 * EVENTS_PER_TOPIC
        quoted = sum(":~:text=" in str(link["href"]) for link in links)
        assert quoted == SOURCES_PER_TOPIC + 1 + EVENTS_PER_TOPIC
        assert page.select(f"#claim-topic-{number} table.corpus-claim tbody tr")
        assert len(page.select(".corpus-event")) == EVENTS_PER_TOPIC and page.select("a.corpus-entity")
    claims = soup(out / "claims.html").select('a[href*="#claim-topic-"]')
    assert [link["href"] for link in claims] == [f"topics/topic-{n:04d}.html#claim-topic-{n}" for n in (0, 1)]
    assert len(soup(out / "timeline.html").select(".corpus-event")) == 2 * EVENTS_PER_TOPIC
    assert soup(out / "exports.html").select(".corpus-exports a")
    group = soup(out / "topic-groups" / "topics-001.html")
    assert [link.get_text() for link in group.select("article .toctree-wrapper a")] == [
        "Topic 0",
        "Topic 1",
    ]


def test_converting_on_two_processes_gives_the_same_pages(tmp_path: Path) -> None:
    """Seeds converted by worker processes give the pages, listings and messages of a serial run."""
    runs = {}
    for jobs in (1, 2):
        root = tmp_path / f"jobs-{jobs}"
        generate_seeds(root / "seeds", 40)
        (root / "seeds" / "000-broken.txt").write_bytes(b"")  # a refused seed among them
        out, err = io.StringIO(), io.StringIO()
        status = main(["--root", str(root), "--jobs", str(jobs)], out=out, err=err)
        pages = {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted((root / "docs").rglob("*.md"))
        }
        runs[jobs] = (status, out.getvalue().replace(str(root), ""), err.getvalue(), pages)
    assert runs[1][0] == 2 and "seeds/000-broken.txt: is empty" in runs[1][2]
    assert len(runs[1][3]) == 41  # 40 source pages and a listing
    assert runs[2] == runs[1]
