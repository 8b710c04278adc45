"""`tox -e serve`: sphinx-autobuild serves a live-reloading preview on 127.0.0.1."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from builds import ROOT

SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str, attempts: int = 60) -> str:
    """The page at ``url``, asking again while the server (announced before it listens) starts."""
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.URLError:
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered")


def test_live_preview_serves_the_site(tmp_path: Path) -> None:
    """The server starts on 127.0.0.1, builds the site, and serves pages with the reload hook."""
    command = [sys.executable, "-m", "sphinx_autobuild", "-c", str(ROOT), str(ROOT / "docs"), str(tmp_path)]
    command += ["--host", "127.0.0.1", "--port", str(_free_port()), "-q"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        url = None
        for line in server.stdout:  # ends if the server dies before it serves
            match = SERVING.search(re.sub(r"\x1b\[[0-9;]*m", "", line))
            if match:
                url = match.group(1)
                break
        assert url is not None, "sphinx-autobuild never served"
        page = _fetch(f"{url}/topics/border-security.html")
        assert "Border security" in page and "corpus-cite" in page
        assert "websocket-reload" in page or "autobuild" in page  # the live-reload script
    finally:
        server.terminate()
        server.wait(timeout=30)
