"""Linkcheck against a local HTTP server on 127.0.0.1 (test machines are offline), read from output.json."""

from __future__ import annotations

import io
import json
import runpy
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from builds import ROOT
from sphinx.testing.util import SphinxTestApp

from borderlines.linkcheck import main as linkcheck_main

from pagetext import front_matter

pytestmark = pytest.mark.slow

PROJECT = runpy.run_path(str(ROOT / "conf.py"))
SLOW_SECONDS = 3


class _Handler(BaseHTTPRequestHandler):
    """ok, page (with an anchor), missing (404), redirect (302), moved (301), unavailable (503), slow,
    busy (429), busy-once (429, then ok after Retry-After: 1), forever (429 with Retry-After: 0)."""

    seen: dict[str, int] = {}

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        count = self.seen[self.path] = self.seen.get(self.path, 0) + 1
        status, headers = 200, {"Content-Type": "text/html"}
        content = b""
        if self.path == "/page":
            content = b'<!DOCTYPE html><html><body><p id="present">Here.</p></body></html>'
        elif self.path == "/missing":
            status = 404
        elif self.path == "/redirect":
            status, headers = 302, {"Location": "/ok"}
        elif self.path == "/moved":
            status, headers = 301, {"Location": "/ok"}
        elif self.path == "/unavailable":
            status = 503
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        elif self.path == "/busy":
            status = 429
        elif self.path == "/forever":
            status, headers = 429, {"Retry-After": "0"}
        elif self.path == "/busy-once" and count == 1:
            status, headers = 429, {"Retry-After": "1"}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A local server's base URL, e.g. http://127.0.0.1:40123."""
    _Handler.seen = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _project_linkcheck_settings(**overrides: Any) -> dict[str, Any]:
    settings = {key: value for key, value in PROJECT.items() if key.startswith("linkcheck_")}
    return {**settings, **overrides}


def _write_links(srcdir: Path, base: str, paths: list[str]) -> None:
    lines = ["# Links", ""] + [f"- [{path}]({base}/{path})" for path in paths]
    (srcdir / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _results(outdir: Path) -> dict[str, dict[str, Any]]:
    lines = (outdir / "output.json").read_text(encoding="utf-8").splitlines()
    return {record["uri"].rsplit("/", 1)[-1]: record for record in map(json.loads, lines)}


# The project's own settings, with the private-range ignore list lifted and times shortened.
LOCAL = _project_linkcheck_settings(
    linkcheck_ignore=[], linkcheck_timeout=1, linkcheck_retries=1, linkcheck_rate_limit_timeout=2.0
)


@pytest.mark.sphinx("linkcheck", testroot="linkcheck", freshenv=True, confoverrides=LOCAL)
def test_statuses_from_a_local_server(app: SphinxTestApp, server: str) -> None:
    """ok, 404, redirect, slow and 429 answers each get the right status, and the build ends."""
    _write_links(Path(app.srcdir), server, ["ok", "missing", "redirect", "slow", "busy", "busy-once"])
    app.build()
    results = _results(Path(app.outdir))
    summary = {name: (record["status"], record["code"]) for name, record in results.items()}
    assert summary == {
        "ok": ("working", 0),
        "missing": ("broken", 0),
        "redirect": ("redirected", 302),
        "slow": ("timeout", 0),
        "busy": ("broken", 0),
        "busy-once": ("working", 0),
    }
    assert "404 Client Error" in results["missing"]["info"]
    assert results["redirect"]["info"] == f"{server}/ok"
    assert "429 Client Error" in results["busy"]["info"]
    assert _Handler.seen["/busy-once"] >= 2  # it waited as asked, then checked again


@pytest.mark.sphinx(
    "linkcheck", testroot="linkcheck", freshenv=True, confoverrides=_project_linkcheck_settings()
)
def test_private_addresses_are_never_checked(app: SphinxTestApp, server: str) -> None:
    """With the project's settings, a link into a private address range is ignored, not fetched."""
    _write_links(Path(app.srcdir), server, ["ok"])
    app.build()
    assert _results(Path(app.outdir))["ok"]["status"] == "ignored"
    assert _Handler.seen == {}


def _project(tmp_path: Path, base: str, paths: list[str]) -> Path:
    """A project (conf.py and docs/) whose one page links to ``paths`` on the local server."""
    (tmp_path / "docs").mkdir()
    conf = (
        'extensions = ["myst_parser"]\nlinkcheck_ignore = []\nlinkcheck_timeout = 2\nlinkcheck_retries = 1\n'
    )
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    _write_links(tmp_path / "docs", base, paths)
    return tmp_path


def test_runner_reports_every_status_and_writes_the_report(server: str, tmp_path: Path) -> None:
    """Anchors found and missing, 301, 404 and 503 each get their status in docs/link-health.json."""
    root = _project(tmp_path, server, ["page#present", "page#absent", "moved", "missing", "unavailable"])
    out = io.StringIO()
    assert linkcheck_main(["--root", str(root), "--deadline", "120"], out=out) == 0
    report = json.loads((root / "docs" / "link-health.json").read_text(encoding="utf-8"))
    summary = {link["uri"].rsplit("/", 1)[-1]: (link["status"], link["code"]) for link in report["links"]}
    assert summary == {
        "page#present": ("working", 0),
        "page#absent": ("broken", 0),
        "moved": ("redirected", 301),
        "missing": ("broken", 0),
        "unavailable": ("ignored", 0),
    }
    infos = {link["uri"].rsplit("/", 1)[-1]: link["info"] for link in report["links"]}
    assert "Anchor 'absent' not found" in infos["page#absent"]
    assert "service unavailable" in infos["unavailable"]
    assert [link["filename"] for link in report["links"]] == ["index.md"] * 5
    assert "5 links checked; report in docs/link-health.json" in out.getvalue()


def test_runner_stops_a_server_that_always_says_retry_now(server: str, tmp_path: Path) -> None:
    """429 with Retry-After: 0 makes Sphinx retry for ever; the runner ends at its deadline, says why."""
    root = _project(tmp_path, server, ["ok", "forever"])
    out = io.StringIO()
    assert linkcheck_main(["--root", str(root), "--deadline", "8"], out=out) == 3
    last = out.getvalue().splitlines()[-1]
    assert last.startswith("linkcheck: stopped after 8 s, the deadline; still waiting on: ")
    assert f"{server}/forever" in last
    assert not (root / "docs" / "link-health.json").exists()
    assert _Handler.seen["/forever"] > 2


def test_linkcheck_covers_the_sources_urls_and_the_links_inside_them(tmp_path: Path) -> None:
    """Every source's own URL and every link in its passages is a link linkcheck checks."""
    out = tmp_path / "linkcheck"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "linkcheck",
            "-q",
            "-c",
            str(ROOT),
            "-D",
            "linkcheck_ignore=.*",  # list every link without contacting any host
            str(ROOT / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (out / "output.json").read_text(encoding="utf-8").splitlines()]
    checked = {(record["filename"], record["uri"]) for record in records}
    assert {record["status"] for record in records} == {"ignored"}
    for page in sorted((ROOT / "docs" / "sources").glob("*.md")):
        meta = front_matter(page.read_text(encoding="utf-8"))
        assert (f"sources/{page.name}", meta["source_url"]) in checked, page.name
    inside = {uri for filename, uri in checked if filename.startswith("sources/") and "tags/iraq" in uri}
    assert inside  # links inside the articles, not only the provenance panels
