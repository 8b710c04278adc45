"""`tox -e serve`: sphinx-autobuild, run exactly as tox.ini runs it, serves a live-reloading preview on
127.0.0.1 that reconverts the seeds before every build and reloads the page after a save.

It serves a copy of the project, so nothing in the project itself is written (a build, a page).
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from builds import ROOT
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

#: What the serve command reads: the configuration, the pages, the seeds, and the converter that the
#: pre-build runs (scripts/convert.py imports borderlines from src/ beside it).
PROJECT = ("conf.py", "tox.ini", "docs", "seeds", "src", "scripts")
#: The script sphinx-autobuild (2025.8.25) appends to every HTML page: it reloads the page when the
#: server's websocket says a build finished.
RELOAD_SCRIPT = """
<script>
const ws = new WebSocket("ws://127.0.0.1:{port}/websocket-reload");
ws.onmessage = () => window.location.reload();
</script>
"""
SLUG = "national-2026-01-19-sadr-border-security-isis-resurgence"
TITLE = (
    "Iraq's Moqtada Al Sadr calls for security to be strengthened on Syrian border to deter ISIS resurgence"
)
#: Seconds the server may take for its first build, and for a rebuild after a save (about 5 s here).
DEADLINE = 180
REBUILD = 60


def serve_command(port: int) -> list[str]:
    """The command of tox.ini's [testenv:serve], without posargs, on ``port`` instead of 8000, run by
    this interpreter."""
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(ROOT / "tox.ini", encoding="utf-8")
    words = shlex.split(tox["testenv:serve"]["commands"].replace("\\\n", " ").replace("{posargs}", ""))
    assert words[0] == "sphinx-autobuild", words
    port_at = words.index("--port") + 1
    assert words[port_at] == "8000", words
    words[port_at] = str(port)
    return [sys.executable, "-m", "sphinx_autobuild", *words[1:]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _log(path: Path) -> str:
    """The server's output so far, without colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", path.read_text(encoding="utf-8", errors="replace"))


def _fetch(url: str, server: subprocess.Popen[bytes], log: Path) -> str:
    """The page at ``url``, asking again while the server builds and starts; fail if it dies."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        assert server.poll() is None, _log(log)
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:  # the server is up, and has no such page
            raise AssertionError(f"{url}: {error.code}\n{_log(log)}") from error
        except (urllib.error.URLError, ConnectionError):  # not listening yet: still building
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered:\n{_log(log)}")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project, without anything built, and with one generated page missing: only the
    pre-build's convert can bring it back."""
    root = tmp_path / "project"
    root.mkdir()
    ignore = shutil.ignore_patterns("_build", "__pycache__", "*.egg-info")
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            shutil.copy2(source, root / name)
    (root / "docs" / "sources" / f"{SLUG}.md").unlink()
    return root


@pytest.fixture
def server(project_copy: Path, tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes], Path]]:
    """tox -e serve's command, started in the copy (as tox starts it in the project, with its
    environment's interpreter first on PATH, so the pre-build's ``python`` is this one)."""
    port = _free_port()
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            serve_command(port), cwd=project_copy, stdout=output, stderr=subprocess.STDOUT, env=env
        )
    try:
        yield port, process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def test_serve_runs_what_tox_runs() -> None:
    """The command under test is tox.ini's, with its pre-build and its watched folders."""
    command = serve_command(8123)
    assert command[3:] == [
        *["-c", ".", "docs", "_build/serve", "--host", "127.0.0.1", "--port", "8123"],
        *["--watch", "seeds", "--watch", "src", "--pre-build", "python scripts/convert.py"],
    ]


@pytest.mark.slow
@pytest.mark.browser
def test_live_preview_converts_builds_serves_and_reloads_on_save(
    project_copy: Path, server: tuple[int, subprocess.Popen[bytes], Path], browser: Browser
) -> None:
    """The pre-build converts (the missing page is written again and served), every page carries the
    reload script, and a save in seeds/ reconverts, rebuilds and reloads the open page by itself."""
    port, process, log = server
    base = f"http://127.0.0.1:{port}"
    topic = _fetch(f"{base}/topics/border-security.html", process, log)
    assert "Border security" in topic and "corpus-cite" in topic
    assert topic.endswith(RELOAD_SCRIPT.format(port=port))
    assert f"docs/sources/{SLUG}.md: written (missing)" in _log(log)
    assert TITLE in _fetch(f"{base}/sources/{SLUG}.html", process, log)

    context = browser.new_context()
    page = context.new_page()
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    page.goto(f"{base}/sources/{SLUG}.html")
    page.wait_for_function("() => ws.readyState === WebSocket.OPEN", timeout=30_000)
    catalog = project_copy / "seeds" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    assert text.count(f'title = {{ value = "{TITLE}"') == 1
    catalog.write_text(text.replace(TITLE, f"{TITLE}, previewed"), encoding="utf-8")
    try:
        page.wait_for_function(
            "title => document.querySelector('h1')?.textContent.includes(title)",
            arg=f"{TITLE}, previewed",
            timeout=REBUILD * 1000,
        )
    except PlaywrightTimeoutError as error:
        raise AssertionError(f"the open page did not show the saved title:\n{_log(log)}") from error
    # The new heading can be read before the reloaded page's load event has fired: wait for it too.
    page.wait_for_load_state("load")
    for _ in range(100):
        if len(loads) >= 2:
            break
        page.wait_for_timeout(100)
    assert len(loads) >= 2  # the page was loaded again, by the reload script: the test never navigated
    assert f"docs/sources/{SLUG}.md: written (stale)" in _log(log)
    context.close()
