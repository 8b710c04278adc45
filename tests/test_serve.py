"""`tox -e serve`: sphinx-autobuild serves a live-reloading preview on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from builds import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str, server: subprocess.Popen[bytes], log: Path, attempts: int = 240) -> str:
    """The page at ``url``, asking again while the server builds and starts; fail if it dies."""
    for _ in range(attempts):
        assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered:\n{log.read_text(encoding='utf-8', errors='replace')}")


def test_live_preview_serves_the_site(tmp_path: Path) -> None:
    """The server starts on 127.0.0.1, builds the site, and serves pages with the reload hook."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        "-c",
        str(ROOT),
        str(ROOT / "docs"),
        str(tmp_path / "html"),
    ]
    command += ["--host", "127.0.0.1", "--port", str(port), "-q"]
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"}
        )
    try:
        page = _fetch(f"http://127.0.0.1:{port}/topics/border-security.html", server, log)
        assert "Border security" in page and "corpus-cite" in page
        assert "websocket-reload" in page or "autobuild" in page  # the live-reload script
    finally:
        server.terminate()
        server.wait(timeout=30)
