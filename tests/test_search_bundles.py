"""Search bundles: any page name is indexed, and a failed Pagefind run keeps the bundle it had."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.platform import bundles
from borderlines.ext.platform.search import searched_digest

ODD = "topics/al-hol (2019) [draft], {x}!.html"


def _entry(app: SphinxTestApp) -> dict[str, object]:
    path = Path(app.outdir) / "pagefind" / "topics-001" / "pagefind-entry.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_pages_with_any_name_are_indexed(app: SphinxTestApp) -> None:
    """A page whose name holds glob and shell characters is indexed with the others."""
    app.build()
    assert app.warning.getvalue() == ""
    manifest = (Path(app.outdir) / "pagefind" / "topics-001" / bundles.MANIFEST).read_text(encoding="utf-8")
    assert [line.split("\t")[0] for line in manifest.splitlines()[1:]] == [ODD, "topics/camps.html"]
    assert _entry(app)["languages"]["en"]["page_count"] == 2  # type: ignore[index]
    search = BeautifulSoup((Path(app.outdir) / "search.html").read_text(encoding="utf-8"), "html.parser")
    holder = search.select_one("#corpus-search")
    assert holder is not None and holder["data-bundles"] == "pagefind/topics-001/"
    assert [path.name for path in (Path(app.outdir) / "pagefind").iterdir()] == ["topics-001"]


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_a_failed_index_keeps_the_previous_bundle(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When Pagefind fails, the warning names the bundle, and readers keep the bundle built before."""
    app.build()
    before = _entry(app)
    monkeypatch.setattr(bundles, "pagefind_options", lambda app: ["--no-such-option"])
    app.build()
    assert "Pagefind could not index the search bundle 'topics-001'" in app.warning.getvalue()
    assert _entry(app) == before
    assert [path.name for path in (Path(app.outdir) / "pagefind").iterdir()] == ["topics-001"]


def test_the_searched_digest_changes_with_what_pagefind_reads_only() -> None:
    """A page's digest changes with its searched words, anchors and filters, never with what is not
    searched (its "Cited in" boxes, its provenance, a heading's permalink) or a passage's classes."""
    page = (
        '<span hidden data-pagefind-filter="topic[data-value]" data-value="Border"></span>'
        "<h1>Report<a class='headerlink' href='#r'>¶</a></h1><p>The camp holds 40,000 people.</p>"
        '<div class="corpus-backlinks docutils container"><p>Cited in <a href="t.html">Border</a></p></div>'
        '<div class="corpus-provenance"><p>Converted from seeds/a.txt</p></div>'
    )
    digest = searched_digest(page)
    assert searched_digest(page.replace("Cited in <a", "Cited in <em>twice</em> <a")) == digest
    assert searched_digest(page.replace("seeds/a.txt", "seeds/b.txt")) == digest
    assert searched_digest(page.replace("<p>The camp", "<p class='corpus-cited'>The camp")) == digest
    without_boxes = page.split('<div class="corpus-backlinks', maxsplit=1)[0]
    assert searched_digest(without_boxes) == digest
    assert searched_digest(page.replace("</p><div", "</p>\n\n<div")) == digest
    assert searched_digest(page.replace("40,000", "40,001")) != digest
    assert searched_digest(page.replace('data-value="Border"', 'data-value="Camps"')) != digest
    assert searched_digest(page.replace("<h1>", "<h1 id='report'>")) != digest


@pytest.mark.sphinx(
    "html",
    testroot="search",
    freshenv=True,
    parallel=2,
    confoverrides={"borderlines_search_topic_bundle_size": 1},
)
def test_a_parallel_build_indexes_its_stale_bundles_side_by_side(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With -j 2, the bundles out of date are indexed two at a time (each run waits for the other to
    start): each holds its own page, and when Pagefind fails each warns once, in bundle order."""
    both_started = threading.Barrier(2, timeout=20)
    index = bundles._index

    def side_by_side(*args: Any) -> str | None:
        both_started.wait()  # a run left to wait alone breaks the barrier, and the build with it
        return index(*args)

    monkeypatch.setattr(bundles, "_index", side_by_side)
    app.build()
    assert app.warning.getvalue() == ""
    folder = Path(app.outdir) / "pagefind"
    assert sorted(path.name for path in folder.iterdir()) == ["topics-001", "topics-002"]
    for name, page in (("topics-001", ODD), ("topics-002", "topics/camps.html")):
        manifest = (folder / name / bundles.MANIFEST).read_text(encoding="utf-8")
        assert [line.split("\t")[0] for line in manifest.splitlines()[1:]] == [page]
        entry = json.loads((folder / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["en"]["page_count"] == 1
    monkeypatch.setattr(bundles, "_index", index)
    monkeypatch.setattr(bundles, "pagefind_options", lambda app: ["--no-such-option"])
    app.build()
    failures = [line for line in app.warning.getvalue().splitlines() if "could not index" in line]
    assert [line.split("'")[1] for line in failures] == ["topics-001", "topics-002"]
