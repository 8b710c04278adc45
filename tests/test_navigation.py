"""The sidebar lists the top level and the path to the page, never every source (a Furo site)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils.nodes import Element
from sphinx.testing.util import SphinxTestApp
from sphinx.util.nodes import clean_astext

from borderlines.ext.platform import navigation


def _sidebar(app: SphinxTestApp, page: str) -> list[tuple[int, str, bool]]:
    """Each sidebar link on ``page``: its level, its text and whether it is marked current."""
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    tree = BeautifulSoup(html, "html.parser").select_one(".sidebar-tree")
    assert tree is not None
    return [
        (int(str(item["class"][0]).removeprefix("toctree-l")), item.a.get_text(), "current" in item["class"])  # type: ignore[union-attr]
        for item in tree.select("li")
    ]


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_sidebar_opens_only_the_listing_of_the_page(app: SphinxTestApp) -> None:
    """A source page's sidebar holds the listings, and the sources of its own listing only."""
    app.build()
    assert _sidebar(app, "sources/four.html") == [
        (1, "About", False),
        (1, "First listing", False),
        (1, "Second listing", True),
        (2, "Source three", False),
        (2, "Source four", True),
        (2, "Source five", False),
    ]
    assert _sidebar(app, "index.html") == [
        (1, "About", False),
        (1, "First listing", False),
        (1, "Second listing", False),
    ]
    assert _sidebar(app, "listings/a.html") == [
        (1, "About", False),
        (1, "First listing", True),
        (2, "Source one", False),
        (2, "Source two", False),
        (1, "Second listing", False),
    ]


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_sidebar_markup_is_furos(app: SphinxTestApp) -> None:
    """The open listing has Furo's checked toggle; links are relative; the current page links to itself."""
    app.build()
    html = (Path(app.outdir) / "sources" / "one.html").read_text(encoding="utf-8")
    tree = BeautifulSoup(html, "html.parser").select_one(".sidebar-tree")
    assert tree is not None
    opened = tree.select("li.has-children")
    assert len(opened) == 1 and opened[0].a is not None and opened[0].a["href"] == "../listings/a.html"
    toggle = opened[0].select_one("input.toctree-checkbox")
    assert toggle is not None and toggle.has_attr("checked")
    assert tree.select_one(f"label[for='{toggle['id']}']") is not None
    current = tree.select("li.current-page a")
    assert [(link.get_text(), link["href"]) for link in current] == [("Source one", "#")]
    assert [str(caption.get_text()) for caption in tree.select("p.caption")] == ["About", "Sources"]


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_each_entry_title_is_read_once_a_build(app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sidebar reads each toctree entry's title once, not once for every page it writes."""
    read: list[str] = []

    def counted(node: Element) -> str:
        read.append(node.astext())
        return clean_astext(node)

    monkeypatch.setattr(navigation, "clean_astext", counted)
    app.build()
    pages = list(Path(app.outdir).rglob("*.html"))
    assert len(pages) >= 10
    sources = [f"Source {name}" for name in ("one", "two", "three", "four", "five")]
    assert sorted(read) == sorted(["About", "First listing", "Second listing", *sources])


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_listing_pages_order_their_sources(app: SphinxTestApp) -> None:
    """A listing's toctree is hidden; its sources follow one another in listing order."""
    app.build()
    html = (Path(app.outdir) / "listings" / "b.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.select("article .toctree-wrapper li") == []
    nexts = {}
    for name in ("three", "four"):
        source = BeautifulSoup(
            (Path(app.outdir) / "sources" / f"{name}.html").read_text(encoding="utf-8"), "html.parser"
        )
        link = source.select_one("a.next-page")
        assert link is not None
        nexts[name] = link["href"]
    assert nexts == {"three": "four.html", "four": "five.html"}


@pytest.mark.sphinx(
    "html",
    testroot="navigation",
    freshenv=True,
    confoverrides={"borderlines_search_bundle_size": 0, "borderlines_search_topic_bundle_size": -1},
)
def test_an_empty_search_bundle_is_refused(app: SphinxTestApp) -> None:
    """A bundle size under 1 is named in a warning, and the default size is used instead."""
    warnings = app.warning.getvalue()
    assert "borderlines_search_bundle_size must be at least 1, not 0; using 250" in warnings
    assert "borderlines_search_topic_bundle_size must be at least 1, not -1; using 100" in warnings
    assert app.config.borderlines_search_bundle_size == 250
    assert app.config.borderlines_search_topic_bundle_size == 100


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_pages_outside_the_tree_share_their_folders_sidebar(app: SphinxTestApp) -> None:
    """A page no toctree leads to (an entity page, an orphan) gets its folder's sidebar, made once,
    exactly as it would be made for it alone; a page in the tree gets its own."""
    app.build()
    tree = navigation.NavigationTree(app.env)
    alone = navigation._Renderer(tree, app.builder, "entities/someone").html()
    assert navigation.navigation_html(tree, app.builder, "entities/someone") == alone
    assert navigation.navigation_html(tree, app.builder, "entities/another") == alone
    assert list(tree.outside_sidebars) == ["entities"]
    assert 'href="../listings/a.html"' in alone and "current" not in alone
    assert navigation.navigation_html(tree, app.builder, "sources/four") != alone
    assert "sources/four" not in tree.outside_sidebars and len(tree.outside_sidebars) == 1
