"""Which Chromium the browser tests use, and what they say when there is none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import NO_CHROMIUM

#: Launches as the ``browser`` fixture does, in a Playwright of its own (one per process), and prints
#: the failure's message.
LAUNCH = """
import sys
import pytest
from playwright.sync_api import sync_playwright
from conftest import launch_chromium

with sync_playwright() as driver:
    try:
        launch_chromium(driver, debian=sys.argv[1]).close()
        print("launched")
    except pytest.fail.Exception as failure:
        print(failure.msg)
"""


def test_without_any_chromium_the_browser_tests_fail_saying_how_to_get_one(tmp_path: Path) -> None:
    """No Debian Chromium and no browser downloaded by Playwright: a failure (not a skip) that says
    how to install either."""
    env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "no-browsers")}
    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(tmp_path / "no-chromium")],
        cwd=Path(__file__).resolve().parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip()) == (0, NO_CHROMIUM), result.stderr
