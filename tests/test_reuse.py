"""Text reuse in a build: on source pages, the Text reuse page, and citations of one text twice."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from builds import articles, soup, warnings_of
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.corpus.domain import corpus_of
from borderlines.ext.pages import reuse as reuse_module
from borderlines.ext.pages.reuse import TextReuse
from borderlines.reuse.detect import Detection, detect

MakeApp = Callable[..., SphinxTestApp]
TWICE = (
    "<src>/topics/page.md:9: WARNING: cite citation: 'gamma-p1-s1-ddd1' (Gamma Wire, 5 Jan 2025) and "
    "'alpha-p1-s1-aaa1' (Alpha Times, 10 Jan 2025), cited in one sentence, are one text repeated between "
    "sources, not independent support; cite one, or mark either with '!' before its target if both are "
    "meant [corpus.reused-support]"
)


@pytest.mark.sphinx("html", testroot="reuse", freshenv=True)
def test_a_reused_sentence_links_the_same_text_in_other_sources_earliest_first(app: SphinxTestApp) -> None:
    """The box under the paragraph, the share identical, the changed words, and the summary at the top."""
    app.build()
    assert warnings_of(app) == [TWICE]
    page = soup(Path(app.outdir) / "sources" / "alpha.html")
    boxes = page.select(".corpus-reuse")
    assert len(boxes) == 1
    items = boxes[0].select("li")
    links = [item.select_one("a") for item in items]
    assert [str(link["href"]) for link in links if isinstance(link, Tag)] == [
        "gamma.html#gamma-p1-s1-ddd1",
        "beta.html#beta-p1-s2-ccc2",
    ]
    assert (
        "Sentence 1, earlier in Gamma Wire, 5 Jan 2025 (100% identical over 19 words)" in items[0].get_text()
    )
    assert "Sentence 2, later in Beta Post, 20 Jan 2025 (" in items[1].get_text()
    assert [tag.get_text() for tag in items[1].select("del")] == ["nearly six"]
    assert [tag.get_text() for tag in items[1].select("ins")] == ["on December 8,", "more than five"]
    assert [span["id"] for span in page.select(".corpus-reused")] == ["alpha-p1-s1-aaa1", "alpha-p1-s2-aaa2"]
    summary = page.select_one(".corpus-reuse-summary")
    assert summary is not None
    assert (
        summary.get_text()
        .strip()
        .startswith("2 passages shared with Gamma wire (Gamma Wire, 5 Jan 2025) and Beta")
    )
    assert [a["href"] for a in summary.select("a")] == ["gamma.html", "beta.html"]
    unshared = soup(Path(app.outdir) / "sources" / "gamma.html").select_one(".corpus-reuse-summary")
    assert unshared is not None and unshared.get_text().strip().startswith(
        "1 passage shared with Alpha report"
    )


@pytest.mark.sphinx("html", testroot="reuse", freshenv=True)
def test_the_text_reuse_page_lists_each_cluster_in_order_of_publication(app: SphinxTestApp) -> None:
    """Without listing pages, every cluster, each passage linked from the page."""
    app.build()
    page = soup(Path(app.outdir) / "reuse.html")
    clusters = page.select(".corpus-reuse-cluster")
    assert [[str(a["href"]) for a in cluster.select("a")] for cluster in clusters] == [
        ["sources/gamma.html#gamma-p1-s1-ddd1", "sources/alpha.html#alpha-p1-s1-aaa1"],
        ["sources/alpha.html#alpha-p1-s2-aaa2", "sources/beta.html#beta-p1-s2-ccc2"],
    ]
    assert "2 passages in 2 sources" in clusters[0].get_text()
    assert "Alpha report, ¶1, sentence 1 (100% identical with the first)" in clusters[0].get_text()
    reuse = corpus_of(app.env).feature(TextReuse)
    assert reuse is not None and len(reuse.clusters) == 2


@pytest.mark.sphinx("html", testroot="reuse", freshenv=True)
def test_two_citations_of_one_text_in_a_sentence_are_marked_for_the_reader(app: SphinxTestApp) -> None:
    """Warned (once: ``!`` means it, quoting the changed words sets out the difference), and noted on
    both citations wherever they are one sentence; citations in separate sentences are left alone."""
    app.build()
    assert warnings_of(app) == [TWICE]
    page = soup(Path(app.outdir) / "topics" / "page.html")
    marked = [str(tag["id"]) for tag in page.select(".corpus-cite-same-text")]
    assert marked == ["cite-1", "cite-2", "cite-4", "cite-5", "cite-6", "cite-7"]
    notes = page.select(".corpus-same-text")
    assert notes[0].get_text() == " (same text as the citation of Gamma Wire, 5 Jan 2025)"
    assert [str(a["href"]) for a in notes[0].select("a")] == ["#cite-2"]
    assert page.select_one("#cite-8.corpus-cite-same-text") is None
    assert page.select_one("#cite-9.corpus-cite-same-text") is None


def _copy_root(rootdir: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(rootdir / "test-reuse", target)
    return target


def test_an_incremental_build_after_a_source_edit_equals_a_clean_one(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    """Editing away a shared sentence, then back, rewrites the pages that showed it, as a clean build does."""
    source = _copy_root(rootdir, tmp_path, "incremental")
    app = make_app("html", srcdir=source)
    app.build()
    gamma = source / "sources" / "gamma.md"
    original = gamma.read_text(encoding="utf-8")
    for text in (original.replace("posted thousands of troops", "sent a few engineers"), original):
        gamma.write_text(text, encoding="utf-8")
        again = make_app("html", srcdir=source)
        again.build()
        fresh_dir = tmp_path / f"fresh-{len(text)}"
        shutil.copytree(source, fresh_dir, ignore=shutil.ignore_patterns("_build"))
        fresh = make_app("html", srcdir=fresh_dir, freshenv=True)
        fresh.build()
        assert articles(Path(again.outdir)) == articles(Path(fresh.outdir))
    edited = soup(Path(app.outdir) / "sources" / "alpha.html")
    assert len(edited.select(".corpus-reuse li")) == 2


def test_a_parallel_build_equals_a_serial_one(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    """-j 2 finds the same reuse and writes the same pages as -j 1."""
    serial = make_app("html", srcdir=_copy_root(rootdir, tmp_path, "serial"))
    serial.build()
    parallel = make_app("html", srcdir=_copy_root(rootdir, tmp_path, "parallel"), parallel=2)
    parallel.build()
    assert articles(Path(parallel.outdir)) == articles(Path(serial.outdir))
    found = [corpus_of(each.env).feature(TextReuse) for each in (parallel, serial)]
    assert found[0] is not None and found[1] is not None
    assert replace(found[0], read={}) == replace(found[1], read={})  # but when each page was read


def test_a_rebuild_reading_no_source_does_not_look_for_reuse_again(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing only a topic page keeps what was found (and its pages), without detecting again."""
    source = _copy_root(rootdir, tmp_path, "topic-only")
    make_app("html", srcdir=source).build()
    calls: list[int] = []
    found = reuse_module.find_reuse

    def counted(*args: Any) -> Any:
        calls.append(1)
        return found(*args)

    monkeypatch.setattr(reuse_module, "find_reuse", counted)
    topic = source / "topics" / "page.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("# A topic", "# A topic, revised"), "utf-8")
    again = make_app("html", srcdir=source)
    again.build()
    assert calls == []
    assert soup(Path(again.outdir) / "sources" / "alpha.html").select(".corpus-reuse li")
    (source / "sources" / "beta.md").touch()
    make_app("html", srcdir=source).build()
    assert calls == [1]


def test_the_caches_live_beside_the_environment_and_a_broken_file_costs_only_time(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild signs no text seen before (from the cache file); an unreadable one gives the same pages."""
    source = _copy_root(rootdir, tmp_path, "caches")
    first = make_app("html", srcdir=source)
    first.build()
    pages = articles(Path(first.outdir))
    cache = Path(first.doctreedir) / reuse_module.CACHE_FILE
    assert reuse_module.load_caches(cache).signatures
    detections: list[Detection] = []

    def recorded(*args: Any) -> Detection:
        detections.append(detect(*args))  # the library's, which find_reuse calls by this name
        return detections[-1]

    monkeypatch.setattr(reuse_module, "detect", recorded)
    (source / "sources" / "beta.md").touch()
    make_app("html", srcdir=source).build()
    assert detections[-1].signed == 0 and detections[-1].candidates > 0
    cache.write_bytes(b"not a pickle")
    (source / "sources" / "beta.md").touch()
    again = make_app("html", srcdir=source)
    again.build()
    assert detections[-1].signed > 0
    assert articles(Path(again.outdir)) == pages
    assert reuse_module.load_caches(cache).signatures
