"""The hostile seed corpus (tests/hostile.py), converted and built with the real conf.py.

Nothing a seed holds may become markup, a script, a style, a frame or a link to a local file; no
planted secret may be read; every usable seed's words must be on its page, under an intact footer.
"""

from __future__ import annotations

import io
import json
import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from builds import build_site, soup
from hostile import FIXTURES, SECRET, Hostile

from borderlines.convert.cli import main

USABLE = [fixture for fixture in FIXTURES if not fixture.refused]
REFUSED = [fixture for fixture in FIXTURES if fixture.refused]
URL_ATTRIBUTES = (
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
)
FOREIGN_ELEMENTS = ("iframe", "frame", "object", "embed", "style", "base", "form", "applet", "portal")
INDEX = """# Hostile fixtures

```{corpus:sources}
```

```{toctree}
:glob:
:hidden:

sources/*
```
"""


@dataclass(frozen=True)
class HostileSite:
    """A project holding the hostile corpus, what convert said of it, and its built site."""

    root: Path
    out: Path
    token: str
    status: int
    errors: list[str]
    warnings: str


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=True)


def write_catalog(seeds: Path, fixtures: list[Hostile]) -> None:
    """A catalog entry for every fixture: its slug, encoding and (possibly hostile) metadata."""
    entries = []
    for fixture in fixtures:
        fields = {"title": f"Hostile fixture {fixture.name}", "language": "en", "kind": "news-report"}
        fields.update(fixture.catalog)
        lines = [
            "[[seed]]",
            f"file = {_toml(fixture.name)}",
            f"slug = {_toml(fixture.slug)}",
            f"encoding = {_toml(fixture.encoding)}",
        ]
        lines += [
            f'{key} = {{ value = {_toml(value)}, status = "stated", basis = "test" }}'
            for key, value in fields.items()
        ]
        entries.append("\n".join(lines))
    (seeds / "catalog.toml").write_text("\n\n".join(entries) + "\n", encoding="utf-8")


def plant_secrets(root: Path, token: str) -> Path:
    """Secret files every path in the fixtures points at; return the absolute one."""
    secret = root / "secret.txt"
    for path in [secret, root / "docs" / "secret.txt", root / "docs" / "sources" / "secret.txt"]:
        path.write_text(f"{token}\n", encoding="utf-8")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x10tEXtsecret\x00" + token.encode()
    (root / "docs" / "sources" / "secret.png").write_bytes(png)
    (root / "docs" / "secret.png").write_bytes(png)
    return secret


def make_project(root: Path, fixtures: list[Hostile], token: str) -> None:
    """Seeds, catalog, planted secrets and an index page: a small site of its own."""
    (root / "seeds").mkdir(parents=True)
    (root / "docs" / "sources").mkdir(parents=True)
    secret = plant_secrets(root, token)
    for fixture in fixtures:
        (root / "seeds" / fixture.name).write_bytes(
            fixture.data.replace(SECRET.encode(), str(secret).encode())
        )
    write_catalog(root / "seeds", fixtures)
    (root / "docs" / "index.md").write_text(INDEX, encoding="utf-8")


def convert(root: Path, *args: str) -> tuple[int, list[str]]:
    """Run convert on the project; return its status and its error lines."""
    out, err = io.StringIO(), io.StringIO()
    status = main(["--root", str(root), *args], out=out, err=err)
    return status, err.getvalue().splitlines()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The hostile corpus converted, and its site built with -W --keep-going -n."""
    root = tmp_path_factory.mktemp("hostile")
    token = secrets.token_hex(16)
    make_project(root, FIXTURES, token)
    status, errors = convert(root)
    out = root / "_build" / "html"
    warnings = build_site(out, docs=root / "docs")
    return HostileSite(root, out, token, status, errors, warnings)


def test_unusable_seeds_are_refused_one_line_each(hostile: HostileSite) -> None:
    """Exit 2; one line per refused seed, naming it and the reason; nothing else is said."""
    assert hostile.status == 2
    assert hostile.errors == sorted(f"seeds/{fixture.name}: {fixture.refused}" for fixture in REFUSED)


def test_every_other_seed_converts_and_the_site_builds_clean(hostile: HostileSite) -> None:
    """A page for each usable fixture, none for the refused, and a build with no warning."""
    pages = {path.stem for path in (hostile.root / "docs" / "sources").glob("*.md")}
    assert pages == {fixture.slug for fixture in USABLE}
    assert hostile.warnings == ""


def test_no_secret_is_read_copied_or_shown(hostile: HostileSite) -> None:
    """The planted token appears in no output file, and nothing was downloaded or copied as an image."""
    token = hostile.token.encode()
    outputs = [*hostile.out.rglob("*"), *(hostile.root / "docs" / "sources").glob("*.md")]
    leaks = [str(path) for path in outputs if path.is_file() and token in path.read_bytes()]
    assert leaks == []
    assert not (hostile.out / "_downloads").exists()
    assert not (hostile.out / "_images").exists()


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _is_internal(url: str, page: Path, out: Path) -> bool:
    """A relative URL that names a file of the built site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/"):
        return False
    if not parts.path:
        return True  # a fragment or query on the page itself
    target = (page.parent / unquote(parts.path)).resolve()
    return target.is_relative_to(out.resolve()) and target.exists()


def _safe_url(url: str, page: Path, out: Path) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in {"http", "https", "mailto"} or (scheme == "" and _is_internal(url, page, out))


def foreign_elements(html: BeautifulSoup) -> Counter[str]:
    """How many frames, styles, forms and the like a page holds (the theme has a few of its own)."""
    return Counter(element.name for element in html.find_all(FOREIGN_ELEMENTS))


def unsafe_parts(html: BeautifulSoup, page: Path, out: Path, theme: Counter[str]) -> list[str]:
    """Everything on a built page that a seed must never produce there; ``theme``: the theme's own
    foreign elements, as on a page with no seed text."""
    found = []
    for element in html.find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}>")
            if name.lower() in URL_ATTRIBUTES:
                urls = [item.split()[0] for item in ",".join(values).split(",") if item.strip()]
                found += [f"<{element.name} {name}={url!r}>" for url in urls if not _safe_url(url, page, out)]
    for script in html.find_all("script"):
        src = str(script.get("src", ""))
        own = urljoin(page.relative_to(out).as_posix(), src).startswith("_static/")
        if script.get_text().strip() or not own:
            found.append(f"script {src or script.get_text()[:40]!r}")
    found += [f"<{name}>" for name in sorted((foreign_elements(html) - theme).elements())]
    found += [
        f"<meta http-equiv={meta['http-equiv']}>"
        for meta in html.find_all("meta", attrs={"http-equiv": True})
    ]
    article = html.select_one('[role="main"]')
    assert article is not None
    found += [f"<{element.name} style=...>" for element in article.find_all(style=True)]
    return found


@pytest.mark.parametrize("fixture", USABLE, ids=[fixture.name for fixture in USABLE])
def test_page_is_safe_and_whole(hostile: HostileSite, fixture: Hostile) -> None:
    """No script, handler, frame or style from the seed; only safe links; footer and words intact."""
    path = hostile.out / "sources" / f"{fixture.slug}.html"
    html = soup(path)
    theme = foreign_elements(soup(hostile.out / "genindex.html"))
    assert theme == Counter({"style": 1, "form": 1})  # Furo's search box and its one style element
    assert unsafe_parts(html, path, hostile.out, theme) == []
    footer = html.find("footer")
    assert footer is not None and "2026, the Borderlines contributors" in _text(footer)
    article = html.select_one('[role="main"]')
    assert article is not None and footer in article.find_all_next("footer")
    # Compared without white space: the page splits sentences into elements of their own.
    shown = "".join(article.get_text().split())
    secret = str(hostile.root / "secret.txt")
    missing = [
        words for words in fixture.words if "".join(words.replace(SECRET, secret).split()) not in shown
    ]
    assert missing == []


def test_checker_finds_what_it_looks_for(tmp_path: Path) -> None:
    """unsafe_parts() does flag a script, a handler, a frame, a style and a local link."""
    out = tmp_path
    page = out / "sources" / "x.html"
    page.parent.mkdir()
    page.write_text("", encoding="utf-8")
    html = BeautifulSoup(
        '<div role="main"><p onclick="x" style="a">t</p><script>alert(1)</script><iframe></iframe>'
        '<a href="../../secret.txt">s</a><a href="javascript:x">j</a><a href="x.html#a">ok</a>'
        '<img src="file:///etc/passwd"><a href="https://example.org/">ok</a></div>',
        "html.parser",
    )
    assert unsafe_parts(html, page, out, Counter()) == [
        "<p onclick>",
        "<a href='../../secret.txt'>",
        "<a href='javascript:x'>",
        "<img src='file:///etc/passwd'>",
        "script 'alert(1)'",
        "<iframe>",
        "<p style=...>",
    ]
