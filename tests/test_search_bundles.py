"""Search bundles: any page name is indexed, and a failed Pagefind run keeps the bundle it had."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.platform import bundles

ODD = "topics/al-hol (2019) [draft], {x}!.html"


def _entry(app: SphinxTestApp) -> dict[str, object]:
    path = Path(app.outdir) / "pagefind" / "topics" / "pagefind-entry.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_pages_with_any_name_are_indexed(app: SphinxTestApp) -> None:
    """A page whose name holds glob and shell characters is indexed with the others."""
    app.build()
    assert app.warning.getvalue() == ""
    manifest = (Path(app.outdir) / "pagefind" / "topics" / bundles.MANIFEST).read_text(encoding="utf-8")
    assert manifest.splitlines()[1:] == [ODD, "topics/camps.html"]
    assert _entry(app)["languages"]["en"]["page_count"] == 2  # type: ignore[index]
    search = BeautifulSoup((Path(app.outdir) / "search.html").read_text(encoding="utf-8"), "html.parser")
    holder = search.select_one("#corpus-search")
    assert holder is not None and holder["data-bundles"] == "pagefind/topics/"
    assert [path.name for path in (Path(app.outdir) / "pagefind").iterdir()] == ["topics"]


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_a_failed_index_keeps_the_previous_bundle(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When Pagefind fails, the warning names the bundle, and readers keep the bundle built before."""
    app.build()
    before = _entry(app)
    monkeypatch.setattr(bundles, "pagefind_options", lambda app: ["--no-such-option"])
    app.build()
    assert "Pagefind could not index the search bundle 'topics'" in app.warning.getvalue()
    assert _entry(app) == before
    assert [path.name for path in (Path(app.outdir) / "pagefind").iterdir()] == ["topics"]
