"""``scripts/entities.py``: the maintainers' reports on the registry (borderlines.entities.cli)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from test_entities import JUDGED_NOT_ENTITIES, ROOT

from borderlines.entities.cli import main
from borderlines.entities.sourcepages import page_paragraphs

from pagetext import passages


def _run(*argv: str, root: Path = ROOT) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["--root", str(root), *argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_check_counts_the_registry() -> None:
    """``check`` loads the registry and says how large it is."""
    status, out, _ = _run("check")
    assert status == 0
    assert re.fullmatch(r".*entities\.toml: \d+ entities, \d+ aliases\n", out)


def test_check_names_the_fault_and_fails(tmp_path: Path) -> None:
    """A faulty registry is one located error and exit status 1."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "entities.toml").write_text('[[entity]]\nid = "Bad Id"\n', encoding="utf-8")
    status, out, err = _run("check", root=tmp_path)
    assert (status, out) == (1, "")
    assert err.startswith(f"{tmp_path / 'docs' / 'entities.toml'}:1: entity 'Bad Id': id must be")


def test_unregistered_lists_only_names_judged_not_entities_with_places_and_suggestions() -> None:
    """On the corpus, the report holds only the names judged not worth registering, each with the
    passages it stands in and its closest entities ('Iraqi' is nearest Iraq)."""
    status, out, _ = _run("unregistered")
    assert status == 0
    names = [line for line in out.splitlines() if not line.startswith("  ")]
    assert set(names) == JUDGED_NOT_ENTITIES
    report = out.split("\nIraqi\n", 1)[1].split("\n")
    assert report[0].startswith("  in: abna-2026-01-isis-inmates-breaking-free-analysis-p1-a983, ")
    assert report[1].startswith("  closest: iraq 100")


def test_unresolved_lists_each_short_form_left_unmarked(tmp_path: Path) -> None:
    """A short form the source never names in full first is listed with its candidates and the reason."""
    (tmp_path / "docs" / "sources").mkdir(parents=True)
    (tmp_path / "docs" / "entities.toml").write_bytes((ROOT / "docs" / "entities.toml").read_bytes())
    page = "```{corpus:passage} story-p1-abcd\n:sentences: story-p1-s1-abcd\n\nMr Hussein spoke\\.\n```\n"
    (tmp_path / "docs" / "sources" / "story.md").write_text(page, encoding="utf-8")
    status, out, _ = _run("unresolved", root=tmp_path)
    assert status == 0
    assert out.startswith("story-p1-abcd: 'Mr Hussein' (fuad-hussein): short form")


def test_the_report_reads_paragraphs_as_the_build_does() -> None:
    """Each page's paragraphs, read back, are its paragraph passages with the same words."""
    for page in sorted((ROOT / "docs" / "sources").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        every = passages(text)
        read = page_paragraphs(text)
        assert read and all(every[pid] == words for pid, words in read), page
