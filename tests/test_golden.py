"""The five founding seeds convert to pages read in full and frozen in tests/golden/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builds import ROOT

from conftest import Project

GOLDEN = Path(__file__).resolve().parent / "golden"
SLUGS = sorted(path.stem for path in GOLDEN.glob("*.md"))


def test_every_seed_has_a_golden_page(corpus: Project) -> None:
    """No seed escapes the golden test."""
    assert corpus.convert().status == 0
    assert sorted(path.stem for path in corpus.pages.glob("*.md")) == SLUGS
    assert len(SLUGS) == 5


@pytest.mark.parametrize("slug", SLUGS)
def test_page_matches_golden(corpus: Project, slug: str) -> None:
    """Each generated page is byte-identical to the page frozen after reading it by eye.

    With BORDERLINES_UPDATE_GOLDEN set, the page is frozen anew and the test fails all the same: a
    run that compared nothing must never pass.
    """
    assert corpus.convert().status == 0
    golden = GOLDEN / f"{slug}.md"
    if os.environ.get("BORDERLINES_UPDATE_GOLDEN"):
        current = golden.read_text(encoding="utf-8") == corpus.page(slug)
        state = "was already current" if current else "changed"
        golden.write_text(corpus.page(slug), encoding="utf-8")
        pytest.fail(
            f"golden files updated (tests/golden/{slug}.md {state}); rerun without BORDERLINES_UPDATE_GOLDEN",
            pytrace=False,
        )
    assert corpus.page(slug) == golden.read_text(encoding="utf-8")


def test_committed_pages_are_fresh() -> None:
    """The pages committed in docs/sources/ are what convert makes of the committed seeds."""
    project = Project(ROOT)
    run = project.convert("--check")
    assert (run.status, run.out) == (0, "")
