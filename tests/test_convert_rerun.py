"""Rerunning convert: a seed whose inputs are unchanged costs a hash; any changed input converts it again."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from borderlines.convert import inputs, pipeline
from borderlines.convert.catalog import Entry
from borderlines.convert.inputs import Limits

from conftest import Project
from pagetext import front_matter

STALE_SLUG = "national-2026-01-19-sadr-border-security-isis-resurgence"
STALE_SEED = "002_dd75dc1eb6299d46.txt"


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The seed files convert_seed is called on, in order (the conversion itself still runs)."""
    calls: list[str] = []
    real = pipeline.convert_seed

    def counting(path: Path, seeds_dir: Path, entry: Entry, limits: Limits) -> pipeline.ConvertedPage:
        calls.append(path.name)
        return real(path, seeds_dir, entry, limits)

    monkeypatch.setattr(pipeline, "convert_seed", counting)
    return calls


@pytest.fixture
def fresh_fingerprint() -> Iterator[None]:
    """Compute the converter fingerprint again in this test, and forget what the test computed."""
    inputs.converter_fingerprint.cache_clear()
    yield
    inputs.converter_fingerprint.cache_clear()


def _pages(project: Project) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(project.pages.glob("*.md"))}


def _catalog_with(project: Project, old: str, new: str) -> None:
    catalog = project.seeds / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    catalog.write_text(text.replace(old, new), encoding="utf-8")


def test_unchanged_rerun_never_converts(corpus: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing changed: neither convert nor --check converts a seed, and no page is touched."""
    assert corpus.convert().status == 0
    before = _pages(corpus)
    times = {path.name: path.stat().st_mtime_ns for path in corpus.pages.iterdir()}

    def refuse(*args: object) -> None:
        raise AssertionError("an unchanged seed was converted")

    monkeypatch.setattr(pipeline, "convert_seed", refuse)
    for args in ((), ("--check",)):
        run = corpus.convert(*args)
        assert (run.status, run.out, run.err) == (0, "", "")
    assert _pages(corpus) == before
    assert {path.name: path.stat().st_mtime_ns for path in corpus.pages.iterdir()} == times


def test_the_page_records_the_digest_of_its_inputs(corpus: Project) -> None:
    """The digest sits in the front matter right after the generator, a flat scalar like every key."""
    corpus.convert()
    for path in corpus.pages.glob("*.md"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[2] == "borderlines_generator: borderlines-convert"
        assert re.fullmatch(r"convert_input_sha256: [0-9a-f]{64}", lines[3])
        meta = front_matter(path.read_text(encoding="utf-8"))
        assert isinstance(meta["convert_input_sha256"], str)


def test_one_changed_byte_converts_that_seed_only(corpus: Project, converted: list[str]) -> None:
    """A seed differing by one byte is converted again, and only it; its page is rewritten."""
    corpus.convert()
    converted.clear()
    seed = corpus.seeds / STALE_SEED
    seed.write_bytes(seed.read_bytes().replace(b"Shiite cleric", b"Shiite clerik", 1))
    assert corpus.convert("--check").out == f"docs/sources/{STALE_SLUG}.md: stale\n"
    assert corpus.convert().out == f"docs/sources/{STALE_SLUG}.md: written (stale)\n"
    assert converted == [STALE_SEED, STALE_SEED]
    converted.clear()
    assert corpus.convert("--check").status == 0
    assert converted == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('notes = "Plain-text seed', 'notes = "Checked again. Plain-text seed'),
        ('basis = "No masthead and no links in the seed.', 'basis = "No masthead, no links in the seed.'),
        ('isis-resurgence"\nencoding = "utf-8"', 'isis-resurgence"\nencoding = "UTF-8"'),
        ('isis-resurgence"\n', 'isis-resurgence"\nform = "plain-paragraphs"\n'),
    ],
    ids=["notes", "basis", "encoding", "added-form"],
)
def test_one_changed_catalog_field_converts_that_seed_only(
    corpus: Project, converted: list[str], old: str, new: str
) -> None:
    """Every field of a catalog entry is an input: changing one converts that seed again, and only it."""
    corpus.convert()
    converted.clear()
    _catalog_with(corpus, old, new)
    assert corpus.convert().status == 0
    assert converted == [STALE_SEED]


def test_same_page_from_new_inputs_is_rewritten_with_their_digest(
    corpus: Project, converted: list[str]
) -> None:
    """Inputs that change nothing else on the page (here: the limits) still convert every seed once;
    the pages then record the new digest, and the next run converts nothing."""
    corpus.convert()
    before = _pages(corpus)
    converted.clear()
    run = corpus.convert("--max-depth", "300")
    assert len(converted) == 5 and run.out.count("written (stale)") == 5
    changed = [line for name, data in _pages(corpus).items() for line in _diff(before[name], data)]
    assert {line.split(":")[0] for line in changed} == {"borderlines_page_sha256", "convert_input_sha256"}
    converted.clear()
    assert corpus.convert("--max-depth", "300").out == ""
    assert converted == []


def _diff(old: bytes, new: bytes) -> list[str]:
    return [b for a, b in zip(old.decode().splitlines(), new.decode().splitlines(), strict=True) if a != b]


def test_new_converter_version_converts_every_seed(
    corpus: Project, converted: list[str], monkeypatch: pytest.MonkeyPatch, fresh_fingerprint: None
) -> None:
    """Pages written by another converter version are stale: --check says so, convert rewrites all."""
    corpus.convert()
    converted.clear()
    monkeypatch.setattr(inputs, "__version__", "99.0.0")
    inputs.converter_fingerprint.cache_clear()
    check = corpus.convert("--check")
    assert check.status == 1 and check.out.count(": stale\n") == 5
    assert corpus.convert().out.count("written (stale)") == 5
    assert len(converted) == 10


def test_a_page_without_a_digest_is_converted_again(corpus: Project, converted: list[str]) -> None:
    """A page as an older convert wrote it (sealed, but with no input digest) is stale, not trusted."""
    corpus.convert()
    page = corpus.pages / f"{STALE_SLUG}.md"
    text = re.sub(r"^convert_input_sha256: .*\n", "", page.read_text(encoding="utf-8"), count=1, flags=re.M)
    unsealed = re.sub(r"^borderlines_page_sha256: .*\n", "", text, count=1, flags=re.M)
    digest = hashlib.sha256(unsealed.encode()).hexdigest()
    resealed = unsealed.replace("---\n", f"---\nborderlines_page_sha256: {digest}\n", 1)
    page.write_text(resealed, encoding="utf-8")
    converted.clear()
    assert corpus.convert("--check").out == f"docs/sources/{STALE_SLUG}.md: stale\n"
    assert corpus.convert().out == f"docs/sources/{STALE_SLUG}.md: written (stale)\n"
    assert converted == [STALE_SEED, STALE_SEED]


def test_a_hand_edit_is_never_hidden_by_a_matching_digest(corpus: Project, converted: list[str]) -> None:
    """Editing a page below its digest breaks its seal: the seed is converted and the edit reported."""
    corpus.convert()
    page = corpus.pages / f"{STALE_SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Sadr", "Sadr (ed.)", 1), encoding="utf-8")
    converted.clear()
    run = corpus.convert("--check")
    assert (run.status, run.out) == (
        1,
        f"docs/sources/{STALE_SLUG}.md: hand-edited; not overwritten (rerun with --force to overwrite)\n",
    )
    assert converted == [STALE_SEED]


def test_an_unchanged_seed_is_still_checked_against_the_limits(corpus: Project) -> None:
    """A smaller --max-bytes refuses an unchanged seed, and its page is kept."""
    corpus.convert()
    before = _pages(corpus)
    size = (corpus.seeds / STALE_SEED).stat().st_size
    run = corpus.convert("--max-bytes", str(size - 1))
    assert run.status == 2
    assert f"seeds/{STALE_SEED}: is {size} bytes, over the limit of {size - 1} bytes" in run.err
    assert _pages(corpus)[f"{STALE_SLUG}.md"] == before[f"{STALE_SLUG}.md"]


def test_fingerprint_covers_the_converter_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_fingerprint: None
) -> None:
    """Editing any module of the converter (or the text normalisation it shares) changes the fingerprint;
    line endings do not."""
    package = Path(inputs.__file__).resolve().parent
    copy = tmp_path / "borderlines" / "convert"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(package.parent / "text.py", copy.parent / "text.py")
    monkeypatch.setattr(inputs, "_PACKAGE", copy)

    def fingerprint(edit: Callable[[], object]) -> str:
        edit()
        inputs.converter_fingerprint.cache_clear()
        return inputs.converter_fingerprint()

    original = fingerprint(lambda: None)
    assert original == inputs.converter_fingerprint()
    chrome = copy / "chrome.py"
    text = chrome.read_bytes()
    assert fingerprint(lambda: chrome.write_bytes(text.replace(b"\n", b"\r\n"))) == original
    assert fingerprint(lambda: chrome.write_bytes(text + b"# a change\n")) != original
    chrome.write_bytes(text)
    normalise = copy.parent / "text.py"
    assert fingerprint(lambda: normalise.write_bytes(normalise.read_bytes() + b"\n")) != original
