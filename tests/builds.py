"""Running Sphinx for the tests: warnings without colour, article bodies, whole-site builds."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

MakeApp = Callable[..., SphinxTestApp]

ROOT = Path(__file__).resolve().parent.parent


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The app's warnings, one per line, with the source folder shown as ``<src>``."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(str(app.srcdir), "<src>") for line in text.splitlines()]


def soup(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> str:
    """The page's article body only: what a page's own content produced, without theme or sidebars."""
    body = soup(path).select_one('[role="main"]')
    assert body is not None, path
    return str(body)


def articles(outdir: Path) -> dict[str, str]:
    """Every built page's article body, by path relative to ``outdir``."""
    return {
        str(page.relative_to(outdir)): article(page)
        for page in sorted(outdir.rglob("*.html"))
        if page.name not in {"genindex.html", "search.html"}
    }


def build_site(out: Path, *extra: str, docs: Path = ROOT / "docs") -> str:
    """Run sphinx-build -W --keep-going -n with the real conf.py as tox -e docs does; return its warnings."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-b",
            "html",
            "-c",
            str(ROOT),
            "-d",
            str(out / ".doctrees"),
            *extra,
            str(docs),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def site_files(out: Path) -> dict[str, bytes]:
    """Every file of a built site, except the build's own bookkeeping and Pagefind's filter and
    metadata indexes (see ``UNSTABLE_SEARCH_FILES``)."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
        and ".doctrees" not in path.parts
        and path.name != ".buildinfo"
        and not any(path.relative_to(out).match(pattern) for pattern in UNSTABLE_SEARCH_FILES)
    }


#: Pagefind writes its filter and metadata indexes in hash-map order, so their bytes (and the names
#: derived from them) change from run to run; its page fragments and word indexes, the bulk of the
#: bundle, are stable (Pagefind issue #638). The site test compares their page and filter counts.
UNSTABLE_SEARCH_FILES = ("pagefind/*/filter/*", "pagefind/*/*.pf_meta", "pagefind/*/pagefind-entry.json")


def copy_root(rootdir: Path, tmp_path: Path, root: str, name: str) -> Path:
    """A copy of the sphinx.testing root ``test-<root>`` in ``tmp_path/name``, for a test to change."""
    target = tmp_path / name
    shutil.copytree(rootdir / f"test-{root}", target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the text file ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_once(make_app: MakeApp, srcdir: Path, **kwargs: object) -> SphinxTestApp:
    """Build ``srcdir`` with HTML and no warning; the app is cleaned up, so that the next app in the
    same test registers its nodes afresh."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return app
