"""The hostile seed corpus (tests/hostile.py), converted and built with the real conf.py.

Nothing a seed holds may become markup, a script, a style, a frame or a link to a local file; no
planted secret may be read; every usable seed's words must be on its page, under an intact footer.
"""

from __future__ import annotations

import html as htmllib
import io
import json
import secrets
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from builds import build_site, soup
from hostile import FIXTURES, SECRET, TEXT, Hostile
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Response
from serving import serve

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
#: Where a seed's words are shown: its title, its byline and its passages (not the cleaning record).
SHOWN = "h1, .corpus-byline, .corpus-paragraph"
FOREIGN_ELEMENTS = ("iframe", "frame", "object", "embed", "style", "base", "form", "applet", "portal")
INDEX = """# Hostile fixtures

```{corpus:sources}
```

```{toctree}
:glob:
:hidden:

listings/*
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
        if fixture.form:
            lines.append(f"form = {_toml(fixture.form)}")
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


@pytest.mark.slow
def test_unusable_seeds_are_refused_one_line_each(hostile: HostileSite) -> None:
    """Exit 2; one line per refused seed, naming it and the reason; nothing else is said."""
    assert hostile.status == 2
    assert hostile.errors == sorted(f"seeds/{fixture.name}: {fixture.refused}" for fixture in REFUSED)


@pytest.mark.slow
def test_every_other_seed_converts_and_the_site_builds_clean(hostile: HostileSite) -> None:
    """A page for each usable fixture, none for the refused, and a build with no warning."""
    pages = {path.stem for path in (hostile.root / "docs" / "sources").glob("*.md")}
    assert pages == {fixture.slug for fixture in USABLE}
    assert hostile.warnings == ""


@pytest.mark.slow
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


@pytest.mark.slow
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


def _compact(text: str) -> str:
    return "".join(text.split())


@pytest.mark.slow
@pytest.mark.browser
def test_pages_in_a_browser_run_nothing_from_the_seed(hostile: HostileSite, browser: Browser) -> None:
    """In Chromium, with no Content Security Policy to catch what escaping missed: no dialog, script
    error or request off the site, and the footer and the seed's words are visible."""
    events: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            events.append(f"console: {message.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):  # the site has none
            events.append(f"{response.status}: {response.url}")

    secret = str(hostile.root / "secret.txt")
    with serve(hostile.out) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: events.append(f"error: {error}"))
        page.on(
            "request", lambda request: None if request.url.startswith(url) else events.append(request.url)
        )
        for fixture in USABLE:
            page.goto(f"sources/{fixture.slug}.html")
            assert page.title().endswith("Borderlines"), fixture.name
            assert page.locator("footer").is_visible(), fixture.name
            shown = _compact(" ".join(page.locator(SHOWN).all_inner_texts()))
            missing = [
                words for words in fixture.words if _compact(words.replace(SECRET, secret)) not in shown
            ]
            assert missing == [], fixture.name
        assert events == []
        page.evaluate("() => alert('probe')")  # the listeners are live: a script that ran would be seen
        assert events == ["dialog: probe"]
        context.close()


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


def test_nesting_limit_is_configurable(tmp_path: Path) -> None:
    """The 5,000-deep seed (5,001 elements) is refused at the default and at --max-depth 5000, and
    converts whole at --max-depth 5001."""
    fixture = next(fixture for fixture in FIXTURES if fixture.name == "nesting-5000.html")
    make_project(tmp_path, [fixture], secrets.token_hex(16))
    assert convert(tmp_path) == (2, [f"seeds/{fixture.name}: {fixture.refused}"])
    refusal = "nests HTML block elements more than 5000 deep (at line 1); --max-depth changes the limit"
    assert convert(tmp_path, "--max-depth", "5000") == (2, [f"seeds/{fixture.name}: {refusal}"])
    assert convert(tmp_path, "--max-depth", "5001") == (0, [])
    page = (tmp_path / "docs" / "sources" / f"{fixture.slug}.md").read_text(encoding="utf-8")
    assert "Words at the bottom of five thousand levels\\." in page


_MARKUP = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<p onclick=alert(2)>",
        "<iframe src=x></iframe>",
        "<style>*{display:none}</style>",
        "<a href='javascript:alert(3)'>",
        f"<a href='{SECRET}'>",
        "<img src=../secret.png onerror=alert(4)>",
        "</a>",
        "<ul><li>",
        "</div></p>",
        "<plaintext>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<svg><script>alert(5)</script></svg>",
        "<math><mi xlink:href=javascript:alert(6)>",
        "</script>",
        "</style>",
        "<head>",
        "</head>",
        "<body>",
        "&nbsp;",
        "<a href='https://example.org/'>",
        "<b>",
        "<h2>",
        "<table><tr><td>",
        "<select><option>",
    ]
)
# Markup after which a browser, too, hides text: there the words are not looked for.
_HIDING = ("<!--", "<![CDATA[")
_SEED = st.one_of(
    st.tuples(st.just("plain-paragraphs"), st.lists(TEXT, min_size=1, max_size=4).map("\n".join)),
    st.tuples(
        st.just("html-fragment"),
        st.lists(st.one_of(_MARKUP, TEXT.map(htmllib.escape)), min_size=1, max_size=8).map("\x1f".join),
    ),
)


@pytest.mark.slow
@settings(max_examples=10, deadline=None)
@given(st.lists(_SEED, min_size=1, max_size=5))
def test_generated_hostile_seeds_through_the_whole_pipeline(seeds: list[tuple[str, str]]) -> None:
    """Generated hostile seeds, converted and built with the real conf.py: every seed is converted or
    refused in one line, the build is clean, nothing unsafe reaches a page, no secret leaks, and every
    line of a plain text seed, and every text piece of an HTML seed, is on its page (shown, or in its
    cleaning record)."""
    fixtures = [
        Hostile(
            f"generated-{number}.{'html' if form == 'html-fragment' else 'txt'}", text.encode(), form=form
        )
        for number, (form, text) in enumerate(seeds)
    ]
    fixtures.append(
        Hostile("plain.txt", b"A plain seed converts whatever the others hold, officials said.\n")
    )
    with tempfile.TemporaryDirectory(prefix="borderlines-hostile-") as folder:
        root = Path(folder)
        token = secrets.token_hex(16)
        make_project(root, fixtures, token)
        status, errors = convert(root)
        refused = {line.split(":", 1)[0].removeprefix("seeds/") for line in errors}
        assert "plain.txt" not in refused
        assert status == (2 if errors else 0)
        assert all(line.startswith("seeds/generated-") for line in errors), errors
        out = root / "_build" / "html"
        assert build_site(out, docs=root / "docs") == ""
        theme = foreign_elements(soup(out / "genindex.html"))
        for fixture, (form, text) in zip(fixtures, seeds, strict=False):
            if fixture.name in refused:
                continue
            path = out / "sources" / f"{fixture.slug}.html"
            html = soup(path)
            assert unsafe_parts(html, path, out, theme) == []
            shown = _compact(html.select_one('[role="main"]').get_text())  # type: ignore[union-attr]
            if form == "plain-paragraphs":
                words = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            elif not any(marker in text for marker in _HIDING):
                pieces = text.split("\x1f")
                words = [
                    htmllib.unescape(piece)
                    for piece in pieces
                    if not piece.startswith("<") and piece != "&nbsp;"
                ]
            else:
                words = []
            assert [piece for piece in words if _compact(piece) not in shown] == []
        leaks = [path for path in out.rglob("*") if path.is_file() and token.encode() in path.read_bytes()]
        assert leaks == []
