"""Passage IDs: readable, unique across the corpus, stable while a seed is unchanged, never reused."""

from __future__ import annotations

import re

from conftest import Project
from pagetext import passages

ID = re.compile(r"(?P<slug>[a-z0-9-]+?)-p(?P<p>\d+)(-s(?P<s>\d+))?-[0-9a-f]{4}")


def _all_ids(project: Project) -> list[str]:
    return [
        pid
        for page in sorted(project.pages.glob("*.md"))
        for pid in passages(page.read_text(encoding="utf-8"))
    ]


def test_ids_are_readable_and_unique(corpus: Project) -> None:
    """Every ID names its page, paragraph and sentence; no ID appears twice in the corpus."""
    corpus.convert()
    ids = _all_ids(corpus)
    assert len(ids) == len(set(ids)) > 100
    for page in corpus.pages.glob("*.md"):
        for pid in passages(page.read_text(encoding="utf-8")):
            match = ID.fullmatch(pid)
            assert match is not None and match["slug"] == page.stem


def test_ids_are_stable(corpus: Project, tmp_path_factory: object) -> None:
    """Converting the same seeds again, from scratch, gives the same IDs."""
    corpus.convert()
    first = _all_ids(corpus)
    for page in corpus.pages.glob("*.md"):
        page.unlink()
    corpus.convert()
    assert _all_ids(corpus) == first


def test_changed_text_gets_a_new_id_and_the_rest_keep_theirs(corpus: Project) -> None:
    """Edit one sentence of a seed: its IDs change (never reused for other text); others stay."""
    corpus.convert()
    slug = "national-2026-01-19-sadr-border-security-isis-resurgence"
    before = passages(corpus.page(slug))
    seed = corpus.seeds / "002_dd75dc1eb6299d46.txt"
    seed.write_bytes(seed.read_bytes().replace(b"killing two US soldiers", b"killing three US soldiers"))
    corpus.convert()
    after = passages(corpus.page(slug))
    changed = {pid for pid in before if pid not in after}
    assert changed == {pid for pid, text in before.items() if "two US soldiers" in text}
    assert len(changed) == 2  # the sentence and its paragraph
    assert all(after[pid] == text for pid, text in before.items() if pid not in changed)
