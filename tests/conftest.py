"""Shared fixtures: sphinx.testing, and small throwaway projects to convert."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from builds import ROOT, build_site
from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from borderlines.convert.cli import main

pytest_plugins = ("sphinx.testing.fixtures",)

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

NO_CHROMIUM = (
    f"No Chromium for the browser tests: neither Debian's ({CHROMIUM}) nor Playwright's own is installed. "
    "Install one: `apt-get install -y chromium` (as .ci/run does), or `playwright install chromium` in "
    "the test environment (`.tox/py/bin/playwright install chromium`)."
)

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the sphinx.testing roots live."""
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright itself (it never downloads a browser on its own)."""
    with sync_playwright() as driver:
        yield driver


def launch_chromium(playwright: Playwright, debian: str = CHROMIUM) -> Browser:
    """Headless Chromium: Debian's at ``debian`` when it is there, else the one ``playwright install
    chromium`` fetched; with neither, the test fails with NO_CHROMIUM."""
    if Path(debian).exists():
        return playwright.chromium.launch(executable_path=debian, args=FLAGS)
    try:
        return playwright.chromium.launch(args=FLAGS)
    except PlaywrightError as error:
        if "Executable doesn't exist" not in error.message:
            raise
    pytest.fail(NO_CHROMIUM, pytrace=False)


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium (see launch_chromium). Missing Chromium is an error, never a skip: CI must run
    these."""
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clean build of the real site, shared by the tests that only read it."""
    out = tmp_path_factory.mktemp("site")
    assert build_site(out) == ""
    return out


@dataclass
class Run:
    """The outcome of one convert run."""

    status: int
    out: str
    err: str


@dataclass
class Project:
    """A throwaway project folder with seeds/ and docs/sources/."""

    root: Path

    @property
    def seeds(self) -> Path:
        """The seeds folder."""
        return self.root / "seeds"

    @property
    def pages(self) -> Path:
        """The generated pages folder."""
        return self.root / "docs" / "sources"

    def convert(self, *args: str) -> Run:
        """Run the converter's main() on this project."""
        out, err = io.StringIO(), io.StringIO()
        status = main(["--root", str(self.root), *args], out=out, err=err)
        return Run(status, out.getvalue(), err.getvalue())

    def page(self, slug: str) -> str:
        """The text of a generated page."""
        return (self.pages / f"{slug}.md").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "docs" / "sources").mkdir(parents=True)
    return Project(tmp_path)


@pytest.fixture
def corpus(project: Project) -> Project:
    """A project holding copies of the real seeds and catalog."""
    for path in SEEDS.iterdir():
        shutil.copy2(path, project.seeds / path.name)
    return project


@pytest.fixture
def make_seed(project: Project) -> Callable[[str, bytes], Path]:
    """Write a seed file into the project."""

    def write(name: str, data: bytes) -> Path:
        path = project.seeds / name
        path.write_bytes(data)
        return path

    return write
