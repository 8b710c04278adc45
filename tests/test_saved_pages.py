"""The development set of real saved web pages: every page converts, and the site builds with them."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import pytest
from builds import ROOT, build_site, soup

from borderlines.convert.cli import main

#: 130 saved pages of news sites and blogs, with Readability.js's output (Apache-2.0), in ../shared.
DEVELOPMENT_SET = ROOT.parent / "shared" / "extraction-dev" / "readability"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not DEVELOPMENT_SET.is_dir(), reason=f"the development set is not at {DEVELOPMENT_SET}"
    ),
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The project with every page of the development set added to its seeds, converted."""
    root = tmp_path_factory.mktemp("saved-pages")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    for folder in sorted(path for path in DEVELOPMENT_SET.iterdir() if path.is_dir()):
        page = gzip.decompress((folder / "source.html.gz").read_bytes())
        (root / "seeds" / f"{folder.name}.html").write_bytes(page)
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("sources", "listings"))
    (root / "docs" / "sources").mkdir()
    err = io.StringIO()
    status = main(["--root", str(root)], out=io.StringIO(), err=err)
    return root, status, err.getvalue()


def test_every_saved_page_converts(converted: tuple[Path, int, str]) -> None:
    """No page of the set is refused and none crashes convert; each is read as a saved page, with the
    extractor named in its provenance (or, where it found no article, that the whole body was kept)."""
    root, status, err = converted
    problems = [line for line in err.splitlines() if ": warning: no entry in seeds/catalog.toml" not in line]
    assert (status, problems) == (0, [])
    pages = sorted((root / "docs" / "sources").glob("*.md"))
    saved = [page for page in pages if (root / "seeds" / f"{page.stem}.html").is_file()]
    assert len(saved) == len(list(DEVELOPMENT_SET.glob("*/source.html.gz"))) > 100
    for page in saved:
        text = page.read_text(encoding="utf-8")
        extractor = next(line for line in text.splitlines() if line.startswith("extractor: "))
        assert "seed_form: html-page" in text and "trafilatura 2.3.1" in extractor, page.name


def test_the_site_builds_with_them_and_no_warning(converted: tuple[Path, int, str]) -> None:
    """The whole site with every saved page builds with -W and zero warnings; a page shows its text."""
    root, _, _ = converted
    out = root / "html"
    assert build_site(out, docs=root / "docs") == ""
    page = soup(out / "sources" / "nytimes-1.html")
    assert "After nearly 20 years of hostile relations" in page.get_text()
    assert "by Jeffrey Gettleman" in page.select_one(".corpus-byline").get_text()  # type: ignore[union-attr]
