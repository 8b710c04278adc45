"""The Link health page, built from the report that scripts/linkcheck.py writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from builds import soup, warnings_of
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.pages.linkhealth import NO_REPORT


@pytest.mark.sphinx("html", testroot="link-health", freshenv=True)
def test_each_sources_links_with_status_and_archive_lookup(app: SphinxTestApp) -> None:
    """Per source page, each link's status; dead and timed-out links offer the Wayback Machine."""
    app.build()
    assert warnings_of(app) == []
    page = soup(Path(app.outdir) / "health.html")
    assert "Last checked: 2026-11-20 10:00 UTC." in page.get_text()
    assert [a.get_text() for a in page.select("p strong a")] == ["Alpha report"]
    rows = [
        [cell.get_text() for cell in row.select("td")]
        for row in page.select("table.corpus-link-health tbody tr")
    ]
    assert rows == [
        ["https://alpha.example/gone", "dead", "Look it up"],
        ["https://alpha.example/moved", "redirected (301)", ""],
        ["https://alpha.example/news/report/", "working", ""],
        ["https://alpha.example/slow", "timed out", "Look it up"],
    ]
    lookups = [a["href"] for a in page.select("table.corpus-link-health a") if a.get_text() == "Look it up"]
    assert lookups == [
        "https://web.archive.org/web/*/https://alpha.example/gone",
        "https://web.archive.org/web/*/https://alpha.example/slow",
    ]
    assert not [a for a in page.select("a") if str(a.get("href", "")).lower().startswith("javascript")]


@pytest.mark.sphinx("html", testroot="link-health", freshenv=True)
def test_without_a_report_the_page_says_so(app: SphinxTestApp) -> None:
    """No report yet: the page says how to make one."""
    (Path(app.srcdir) / "link-health.json").unlink()
    app.build()
    assert NO_REPORT in soup(Path(app.outdir) / "health.html").get_text()
