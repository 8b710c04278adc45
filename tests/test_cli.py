"""The convert command: idempotence, --check, hand edits, orphans, bad input and atomic writes."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from borderlines.convert import catalog, cli, pages, pipeline

from conftest import Project
from pagetext import front_matter, passages

ARTICLE = (
    "Iraq reinforced its border with Syria on Monday, officials said. "
    "Mr Al Assad had fled to Moscow.\nThe U.S. has about 900 troops in Syria, a spokesman said.\n"
)
SLUG = "000-ebc22f535379c21d"
CATALOG = 'IRAQ = 1\n[[seed]]\nfile = "a.txt"\nslug = "story-a"\n'


def _mtimes(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


def test_second_run_changes_nothing(corpus: Project) -> None:
    """Byte-identical output, and unchanged pages are not even rewritten."""
    assert corpus.convert().status == 0
    before = {path.name: path.read_bytes() for path in corpus.pages.iterdir()}
    times = _mtimes(corpus.pages)
    run = corpus.convert()
    assert (run.status, run.out) == (0, "")
    assert {path.name: path.read_bytes() for path in corpus.pages.iterdir()} == before
    assert _mtimes(corpus.pages) == times


def test_check_lists_missing_stale_hand_edited_and_orphaned(corpus: Project) -> None:
    """--check writes nothing and names every page that is not as convert would write it."""
    assert corpus.convert().status == 0
    pages = sorted(corpus.pages.glob("*.md"))
    pages[0].unlink()
    edited = pages[1].read_text(encoding="utf-8").replace("ISIS", "IS", 1)
    pages[1].write_text(edited, encoding="utf-8")
    edited_orphan = corpus.pages / "gone.md"  # names a seed that never existed, so unsealed
    edited_orphan.write_text(
        pages[2]
        .read_text(encoding="utf-8")
        .replace(front_matter(pages[2].read_text(encoding="utf-8"))["seed_file"], "gone.txt"),
        encoding="utf-8",
    )
    seed = corpus.seeds / "002_dd75dc1eb6299d46.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Shiite cleric", b"Shia cleric"))
    stale = corpus.pages / "national-2026-01-19-sadr-border-security-isis-resurgence.md"
    (corpus.seeds / "001_e38ddc6586fd0b3e.txt").unlink()
    orphaned = corpus.pages / "national-2024-12-19-isis-reorganising-ranks-warns-iraq.md"
    assert len({pages[0], pages[1], pages[2], stale, orphaned}) == 5
    docs = corpus.root / "docs"
    before = {path: path.read_bytes() for path in docs.rglob("*") if path.is_file()}
    run = corpus.convert("--check")
    assert run.status == 1
    assert sorted(run.out.splitlines()) == sorted(
        [
            f"docs/sources/{pages[0].name}: missing",
            f"docs/sources/{pages[1].name}: hand-edited; not overwritten (rerun with --force to overwrite)",
            f"docs/sources/{stale.name}: stale",
            f"docs/sources/{orphaned.name}: orphaned (its seed is gone)",
            "docs/listings/sources-001.md: stale",  # it lists one source fewer
            "docs/sources/gone.md: its seed is gone but the page was edited by hand; not deleted",
        ]
    )
    assert {path: path.read_bytes() for path in docs.rglob("*") if path.is_file()} == before


def test_stale_page_is_reported_then_rewritten(corpus: Project) -> None:
    """A page sealed by convert but made from an older seed is stale: --check says so, convert fixes it."""
    assert corpus.convert().status == 0
    seed = corpus.seeds / "002_dd75dc1eb6299d46.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Shiite cleric", b"Shia cleric"))
    slug = "national-2026-01-19-sadr-border-security-isis-resurgence"
    assert corpus.convert("--check").out == f"docs/sources/{slug}.md: stale\n"
    assert corpus.convert().out == f"docs/sources/{slug}.md: written (stale)\n"
    assert corpus.convert("--check").status == 0


def test_hand_edit_is_never_overwritten_without_force(corpus: Project) -> None:
    """A hand edit is detected by the page's self-hash and kept until --force."""
    corpus.convert()
    page = sorted(corpus.pages.glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA note by hand.\n", encoding="utf-8")
    run = corpus.convert()
    assert run.status == 1 and "hand-edited; not overwritten" in run.out
    assert page.read_text(encoding="utf-8").endswith("A note by hand.\n")
    assert corpus.convert("--force").status == 0
    assert "A note by hand." not in page.read_text(encoding="utf-8")


def test_pages_convert_did_not_write_are_never_touched(
    project: Project, make_seed: Callable[[str, bytes], Path]
) -> None:
    """A hand-written file where a page would go is neither overwritten nor deleted."""
    make_seed("a.txt", ARTICLE.encode())
    (project.seeds / "catalog.toml").write_text(CATALOG.replace("IRAQ = 1\n", ""), encoding="utf-8")
    mine = project.pages / "story-a.md"
    mine.write_text("# Mine\n", encoding="utf-8")
    other = project.pages / "notes.md"
    other.write_text("# Notes\n", encoding="utf-8")
    run = project.convert()
    assert run.status == 1 and "story-a.md: not generated by convert; not overwritten" in run.out
    assert mine.read_text(encoding="utf-8") == "# Mine\n" and other.exists()


def test_removed_seed_removes_its_page(corpus: Project) -> None:
    """A seed taken out of seeds/ takes its page with it."""
    corpus.convert()
    (corpus.seeds / "003_8650e02315fa13b8.txt").unlink()
    run = corpus.convert()
    assert (
        "caliber-2025-06-12-reuters-isis-seeks-foothold-syria-iraq.md: deleted (its seed is gone)" in run.out
    )
    assert len(list(corpus.pages.glob("*.md"))) == 4


def test_uncatalogued_seed_converts_with_a_warning(
    project: Project, make_seed: Callable[[str, bytes], Path]
) -> None:
    """Users drop files in: no catalog entry still gives a page, metadata marked unknown."""
    make_seed("000_ebc22f535379c21d.txt", ARTICLE.encode())
    run = project.convert()
    assert run.status == 0
    assert run.err == (
        "seeds/000_ebc22f535379c21d.txt: warning: no entry in seeds/catalog.toml; "
        "metadata inferred from the text or marked unknown\n"
    )
    meta = front_matter(project.page(SLUG))
    assert (meta["catalogued"], meta["source_outlet_status"], meta["source_kind"]) == (
        "no",
        "unknown",
        "unknown",
    )


DECLARE = " (declare its encoding in seeds/catalog.toml)"
BAD_SEEDS = [
    ("empty.txt", b"", "seeds/empty.txt: is empty"),
    ("blank.txt", b" \n\t\n", "seeds/blank.txt: holds only white space"),
    ("nul.txt", b"Text\x00more text.", "seeds/nul.txt: contains a NUL character (U+0000) at character 4"),
    (
        "latin.txt",
        "Café au lait in Baghdad.".encode("latin-1"),
        "seeds/latin.txt: is not valid utf-8: byte 0xe9 at offset 3" + DECLARE,
    ),
    ("big.txt", b"word " * 500, "seeds/big.txt: is 2500 bytes, over the limit of 2000 bytes"),
    (
        "surrogate.txt",
        b"A lone surrogate \xed\xa0\x80 here.",
        "seeds/surrogate.txt: is not valid utf-8: byte 0xed at offset 17" + DECLARE,
    ),
]


@pytest.mark.parametrize(("name", "data", "line"), BAD_SEEDS)
def test_bad_seed_gets_one_line_and_exit_2(
    project: Project, make_seed: Callable[[str, bytes], Path], name: str, data: bytes, line: str
) -> None:
    """One clear line naming the file and the reason; the good seed still converts."""
    make_seed("good.txt", ARTICLE.encode())
    make_seed(name, data)
    run = project.convert("--max-bytes", "2000")
    assert run.status == 2
    errors = [text for text in run.err.splitlines() if "warning" not in text]
    assert errors == [line]
    assert (project.pages / "good.md").exists()


def test_bad_seed_keeps_its_existing_page(project: Project, make_seed: Callable[[str, bytes], Path]) -> None:
    """Nothing already generated is lost when a seed later turns bad."""
    make_seed("a.txt", ARTICLE.encode())
    project.convert()
    before = (project.pages / "a.md").read_bytes()
    make_seed("a.txt", b"\xff\xfe broken")
    assert project.convert().status == 2
    assert (project.pages / "a.md").read_bytes() == before


def test_declared_encoding_bom_and_line_endings(
    project: Project, make_seed: Callable[[str, bytes], Path]
) -> None:
    """A declared Latin-1 seed, a BOM and CRLF or lone CR line endings all convert to the same text."""
    make_seed("latin.txt", "Café owners in Mosul reopened on Monday, residents said.\n".encode("latin-1"))
    make_seed(
        "bom.txt",
        b"\xef\xbb\xbfFirst paragraph of the story, as the agency said.\r\n"
        b"Second paragraph of the story, as the agency said.\rThird one, said the agency.",
    )
    (project.seeds / "catalog.toml").write_text(
        '[[seed]]\nfile = "latin.txt"\nslug = "latin"\nencoding = "latin-1"\n', encoding="utf-8"
    )
    assert project.convert().status == 0
    assert "Café owners in Mosul" in " ".join(passages(project.page("latin")).values())
    meta = front_matter(project.page("bom"))
    assert (meta["seed_encoding"], meta["paragraphs"]) == ("utf-8-sig", 3)
    assert front_matter(project.page("latin"))["seed_encoding"] == "iso8859-1"


def test_symlink_out_of_seeds_is_refused(project: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A seed that links outside seeds/ is never read."""
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text("A secret paragraph that must never be published anywhere.\n", encoding="utf-8")
    (project.seeds / "link.txt").symlink_to(secret)
    run = project.convert()
    assert run.status == 2
    assert run.err.splitlines()[-1] == "seeds/link.txt: is a link that leads outside seeds/"
    assert list(project.pages.iterdir()) == []


def test_malformed_catalog_is_one_line(project: Project, make_seed: Callable[[str, bytes], Path]) -> None:
    """A slug that could escape docs/sources/ is refused by the catalog."""
    make_seed("a.txt", ARTICLE.encode())
    (project.seeds / "catalog.toml").write_text(
        '[[seed]]\nfile = "a.txt"\nslug = "../../etc/x"\n', encoding="utf-8"
    )
    run = project.convert()
    assert run.status == 2
    assert run.err.startswith("seeds/catalog.toml: seed #1 (a.txt): slug '../../etc/x' must match")


def test_writes_leave_no_temporary_files(corpus: Project) -> None:
    """Atomic writes go through a temporary file in the same folder that is always renamed or removed."""
    corpus.convert()
    assert [path.name for path in corpus.pages.iterdir() if path.name.startswith(".")] == []


def _tree(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}


@pytest.mark.parametrize(
    "slug",
    ["../escape", "..", "a/../../b", "/tmp/x", "x.md/../../y", "ok\n../x", "a\\..\\..\\b", ".hidden", ""],
)
def test_no_catalog_slug_writes_outside_docs_sources(tmp_path: Path, slug: str) -> None:
    """A catalog slug that names a path is refused in one line, and nothing is written anywhere."""
    project = Project(tmp_path / "deep" / "down" / "project")
    project.pages.mkdir(parents=True)
    project.seeds.mkdir()
    (project.seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (project.seeds / "catalog.toml").write_text(
        f'[[seed]]\nfile = "a.txt"\nslug = {json.dumps(slug)}\n', encoding="utf-8"
    )
    before = _tree(tmp_path)
    run = project.convert()
    assert (run.status, run.out) == (2, "")
    assert run.err.startswith(f"seeds/catalog.toml: seed #1 (a.txt): slug {slug!r} must match")
    assert _tree(tmp_path) == before


@settings(max_examples=60, deadline=None)
@example([b"line\nbreak.txt", b"\r", b"seed.txt"])  # a report line per seed, even for names with breaks
@example([b"\xff\xfe-not-utf-8.txt"])  # a name that is not UTF-8, as a Linux file system allows
@given(
    st.lists(
        st.binary(min_size=1, max_size=60).filter(
            lambda name: b"/" not in name and b"\x00" not in name and not name.startswith(b".")
        ),
        min_size=1,
        max_size=4,
        unique=True,
    )
)
def test_no_seed_file_name_writes_outside_docs_sources(names: list[bytes]) -> None:
    """Whatever its file name, an uncatalogued seed's page goes directly into docs/sources/, under a
    safe slug; a name whose slug is taken is refused in one line."""
    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder) / "deep" / "project")
        project.pages.mkdir(parents=True)
        project.seeds.mkdir()
        for name in names:
            (project.seeds / os.fsdecode(name)).write_text(ARTICLE, encoding="utf-8")
        before = _tree(Path(folder))
        run = project.convert()
        added = _tree(Path(folder)) - before
        listings = {path for path in added if path.startswith("deep/project/docs/listings")}
        assert listings <= {"deep/project/docs/listings", "deep/project/docs/listings/sources-001.md"}
        pages = added - listings
        assert all(
            re.fullmatch(r"deep/project/docs/sources/[a-z0-9]+(-[a-z0-9]+)*\.md", path) for path in pages
        )
        refused = [line for line in run.err.splitlines() if "warning" not in line]
        assert len(pages) + len(refused) == len(names)
        assert run.status == (2 if refused else 0)


def test_odd_file_names_are_reported_on_one_line(project: Project) -> None:
    """A name that is not UTF-8 is refused, and names with breaks are shown escaped, one line each."""
    (project.seeds / os.fsdecode(b"\xff-latin.txt")).write_text(ARTICLE, encoding="utf-8")
    (project.seeds / "two\nlines.txt").write_text(ARTICLE, encoding="utf-8")
    run = project.convert()
    assert run.status == 2
    warning = ": warning: no entry in seeds/catalog.toml; metadata inferred from the text or marked unknown"
    assert run.err.splitlines() == [
        f"seeds/two\\nlines.txt{warning}",
        f"seeds/\\xff-latin.txt{warning}",
        "seeds/\\xff-latin.txt: has a file name that is not valid UTF-8; rename the file",
    ]


def test_page_path_is_a_second_layer(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even with the catalog's slug check switched off, a climbing slug is refused in one line and
    nothing is written."""
    monkeypatch.setattr(catalog, "valid_slug", lambda slug: True)
    (project.seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (project.seeds / "catalog.toml").write_text(
        '[[seed]]\nfile = "a.txt"\nslug = "../../x"\n', encoding="utf-8"
    )
    before = _tree(project.root.parent)
    run = project.convert()
    assert (run.status, run.err) == (
        2,
        "seeds/a.txt: its slug '../../x' would not name a page directly in docs/sources/\n",
    )
    assert _tree(project.root.parent) == before


def _listings(project: Project) -> dict[str, list[str]]:
    """Each listing page's title and the slugs it lists."""
    found = {}
    for path in sorted((project.root / "docs" / "listings").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.MULTILINE)
        block = re.search(r"```\{corpus:sources\}\n(.*?)```", text, re.DOTALL)
        assert title is not None and block is not None
        found[f"{path.name}: {title.group(1)}"] = block.group(1).split()
    return found


def test_listing_pages_hold_the_sources_in_seed_order(corpus: Project) -> None:
    """Listing pages hold at most --per-listing sources each, in seed order, and follow the seeds."""
    assert corpus.convert("--per-listing", "2").status == 0
    slugs = [str(front_matter(corpus.page(path.stem))["source_slug"]) for path in corpus.pages.glob("*.md")]
    by_seed = sorted(slugs, key=lambda slug: str(front_matter(corpus.page(slug))["seed_file"]))
    assert _listings(corpus) == {
        "sources-001.md: Sources 1–2": by_seed[0:2],
        "sources-002.md: Sources 3–4": by_seed[2:4],
        "sources-003.md: Source 5": by_seed[4:5],
    }
    assert corpus.convert("--per-listing", "2", "--check").status == 0
    (corpus.seeds / "003_8650e02315fa13b8.txt").unlink()
    run = corpus.convert("--per-listing", "2")
    assert "docs/listings/sources-003.md: deleted (its sources fit on fewer pages)" in run.out
    assert list(_listings(corpus)) == ["sources-001.md: Sources 1–2", "sources-002.md: Sources 3–4"]
    assert corpus.convert("--check").status == 1  # another page size is another set of pages


def test_a_seed_that_turns_bad_stays_listed(
    project: Project, make_seed: Callable[[str, bytes], Path]
) -> None:
    """A bad seed's kept page stays in its listing; a seed that never converted is not listed."""
    make_seed("a.txt", ARTICLE.encode())
    make_seed("b.txt", ARTICLE.encode())
    project.convert()
    make_seed("a.txt", b"\xff\xfe broken")
    make_seed("c.txt", b"")
    assert project.convert().status == 2
    assert _listings(project) == {"sources-001.md: Sources 1–2": ["a", "b"]}


def test_an_unexpected_error_is_one_line_and_the_other_seeds_convert(
    project: Project, make_seed: Callable[[str, bytes], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No exception escapes convert: a bug met on one seed is its one line (with the exception's type),
    exit status 2, and every other seed is still converted."""
    convert_seed = pipeline.convert_seed

    def failing(path: Path, *args: Any) -> Any:
        if path.name == "b.txt":
            raise ValueError("substring not found\nin _offsets")
        return convert_seed(path, *args)

    monkeypatch.setattr(pipeline, "convert_seed", failing)
    for name in ("a.txt", "b.txt", "c.txt"):
        make_seed(name, b"An ordinary sentence of news text, as the agency reported on Monday.\n")
    run = project.convert()
    assert run.status == 2
    errors = [line for line in run.err.splitlines() if ": warning: " not in line]
    reason = "could not be converted: unexpected ValueError: substring not found in _offsets"
    assert errors == [f"seeds/b.txt: {reason}"]
    assert sorted(path.name for path in project.pages.iterdir()) == ["a.md", "c.md"]


#: A run converting in this process, and one converting on two workers.
SERIAL_AND_PARALLEL = [(3, "1"), (cli.PARALLEL_FROM + 4, "2")]


def _numbered_seeds(make_seed: Callable[[str, bytes], Path], count: int, day: str) -> list[str]:
    names = [f"{number:02d}.txt" for number in range(count)]
    for name in names:
        make_seed(name, f"Seed {name} says officials met on {day} near the border.\n".encode())
    return names


@pytest.mark.parametrize(("seeds", "jobs"), SERIAL_AND_PARALLEL)
def test_a_page_that_cannot_be_written_is_one_line_and_the_others_are_written(
    project: Project,
    make_seed: Callable[[str, bytes], Path],
    monkeypatch: pytest.MonkeyPatch,
    seeds: int,
    jobs: str,
) -> None:
    """Pages are staged where their seeds are converted (on workers too): a page that cannot be
    written is its seed's one line, and every other page is written and reported in seed order."""
    names = _numbered_seeds(make_seed, seeds, "Monday")
    write_staged = pages.write_staged

    def full_disk(path: Path, text: str) -> Path:
        if path.name == "01.md":
            raise OSError(28, "No space left on device")
        return write_staged(path, text)

    # Workers are forked, so they see the patch too.
    monkeypatch.setattr("borderlines.convert.cli.write_staged", full_disk)
    run = project.convert("--jobs", jobs)
    assert run.status == 2
    errors = [line for line in run.err.splitlines() if ": warning: " not in line]
    assert errors == [
        "seeds/01.txt: its page docs/sources/01.md could not be written: No space left on device"
    ]
    written = [name.removesuffix(".txt") for name in names if name != "01.txt"]
    assert run.out.splitlines()[: len(written)] == [
        f"docs/sources/{slug}.md: written (missing)" for slug in written
    ]
    assert all(front_matter(project.page(slug))["seed_file"] == f"{slug}.txt" for slug in written)


@pytest.mark.parametrize(("seeds", "jobs"), SERIAL_AND_PARALLEL)
def test_a_page_that_cannot_be_put_in_place_keeps_its_old_file_and_is_one_line(
    project: Project,
    make_seed: Callable[[str, bytes], Path],
    monkeypatch: pytest.MonkeyPatch,
    seeds: int,
    jobs: str,
) -> None:
    """The staged pages are synced once and then put in place: one that cannot be keeps the page it
    had, is its seed's one line, and leaves no staged file behind; every other page is written."""
    _numbered_seeds(make_seed, seeds, "Monday")
    assert project.convert("--jobs", jobs).status == 0
    old = (project.pages / "01.md").read_bytes()
    _numbered_seeds(make_seed, seeds, "Tuesday")
    replace = Path.replace

    def refused(self: Path, target: Any) -> Path:
        if Path(target).name == "01.md":
            raise OSError(13, "Permission denied")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", refused)
    run = project.convert("--jobs", jobs)
    assert run.status == 2
    errors = [line for line in run.err.splitlines() if ": warning: " not in line]
    assert errors == ["seeds/01.txt: its page docs/sources/01.md could not be written: Permission denied"]
    assert (project.pages / "01.md").read_bytes() == old
    assert "Tuesday" in (project.pages / "02.md").read_text(encoding="utf-8")
    assert sorted(path.name for path in project.pages.iterdir() if path.suffix != ".md") == []
