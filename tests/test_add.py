"""``convert add``: a file joins seeds/ under a stable name, with a drafted entry, and is converted."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from builds import ROOT

from borderlines.convert import pipeline

from conftest import Project

CALIBER = ROOT / "seeds" / "003_8650e02315fa13b8.txt"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def _entries(project: Project) -> list[dict[str, Any]]:
    data = tomllib.loads((project.seeds / "catalog.toml").read_text(encoding="utf-8"))
    entries = data["seed"]
    assert isinstance(entries, list)
    return entries


def test_a_text_seed_is_added_with_what_its_text_states(project: Project, tmp_path: Path) -> None:
    """The copy is named by its number and hash, its entry gives only what the text states (each value
    with status and basis), awaits review, and the page is converted."""
    saved = tmp_path / "downloads" / "reuters page.txt"
    saved.parent.mkdir()
    shutil.copyfile(CALIBER, saved)
    run = project.convert("add", str(saved))
    assert run.status == 0, run.err
    name = "000_2789070ffb35ed13.txt"
    assert (project.seeds / name).read_bytes() == CALIBER.read_bytes()
    [entry] = _entries(project)
    assert entry["file"] == name
    assert entry["slug"] == "caliber-az-2025-06-12-reuters-isis-seeks-regain-foothold-syria-iraq"
    assert entry["title"] == {
        "value": "Reuters: ISIS seeks to regain foothold in Syria and Iraq following Assad’s fall",
        "status": "stated",
        "basis": "headline found in the seed's text",
    }
    assert entry["date"]["value"] == "2025-06-12"
    assert entry["date"]["status"] == "stated"
    assert entry["kind"]["status"] == "unknown"
    assert "url" not in entry  # the text does not state its own URL: nothing is guessed
    assert "review" in str(entry["notes"])
    page = project.page(str(entry["slug"]))
    assert "source_title_status: stated" in page and "catalogued: 'yes'" in page
    assert f"{entry['slug']}.md: written" in run.out


def test_a_file_already_in_the_corpus_is_refused(project: Project, tmp_path: Path) -> None:
    """The same bytes again are refused, naming the seed they repeat; nothing is copied or catalogued."""
    assert project.convert("add", str(CALIBER)).status == 0
    copy = tmp_path / "again.txt"
    shutil.copyfile(CALIBER, copy)
    run = project.convert("add", str(copy))
    assert run.status == 2
    assert f"{copy}: is already in the corpus as seeds/000_2789070ffb35ed13.txt (the same bytes)" in run.err
    names = sorted(path.name for path in project.seeds.iterdir())
    assert names == ["000_2789070ffb35ed13.txt", "catalog.toml"]
    assert len(_entries(project)) == 1


def test_drafted_values_are_escaped_for_toml(project: Project, tmp_path: Path) -> None:
    """A headline of quotes, backslashes and a TOML table header reads back as the headline."""
    headline = 'A "quoted" \\ back\\slash [[seed]] headline'
    seed = tmp_path / "odd.txt"
    seed.write_text(
        f"{headline}\n12 June 2025 15:29\n\n"
        "An ordinary sentence of news text, as the agency reported on Monday afternoon.\n",
        encoding="utf-8",
    )
    run = project.convert("add", str(seed))
    assert run.status == 0, run.err
    [entry] = _entries(project)
    assert entry["title"]["value"] == headline
    assert entry["slug"] == "2025-06-12-quoted-back-slash-seed-headline"


def test_a_saved_page_is_drafted_from_its_metadata_and_a_second_copy_refused(
    project: Project, tmp_path: Path
) -> None:
    """A saved page's entry comes from its own metadata (each value with the element it came from); a
    copy saved again later (other bytes, the same canonical URL) is refused, naming the first."""
    saved = tmp_path / "sudan.html"
    page = gzip.decompress((PAGES / "nytimes-1" / "source.html.gz").read_bytes())
    saved.write_bytes(page)
    run = project.convert("add", str(saved))
    assert run.status == 0, run.err
    [entry] = _entries(project)
    assert str(entry["file"]).endswith(".html")
    assert entry["url"]["value"] == "https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html"
    assert entry["url"]["basis"].startswith("<link rel=canonical>")
    assert entry["title"]["value"] == "United States to Lift Sudan Sanctions"
    assert entry["authors"] == {
        "value": ["Jeffrey Gettleman"],
        "status": "stated",
        "basis": entry["authors"]["basis"],
    }
    later = tmp_path / "sudan-again.html"
    later.write_bytes(page.replace(b"</body>", b"<p>Saved again a day later.</p></body>"))
    run = project.convert("add", str(later))
    assert run.status == 2
    assert f"{later}: is already in the corpus as seeds/{entry['file']} (the same URL, " in run.err
    assert len(_entries(project)) == 1


def test_one_file_that_fails_does_not_stop_the_others(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error nobody foresaw while drafting one file is its one line; the next file is still added."""
    convert_seed = pipeline.convert_seed

    def failing(path: Path, *args: Any) -> Any:
        if path.read_bytes().startswith(b"Broken"):
            raise TypeError("no")
        return convert_seed(path, *args)

    monkeypatch.setattr(pipeline, "convert_seed", failing)
    broken, fine = tmp_path / "broken.txt", tmp_path / "fine.txt"
    broken.write_text(
        "Broken text of a seed, which the agency reported on Monday afternoon.\n", encoding="utf-8"
    )
    fine.write_text(
        "An ordinary sentence of news text, as the agency reported on Monday afternoon.\n", encoding="utf-8"
    )
    run = project.convert("add", str(broken), str(fine))
    assert run.status == 2
    assert f"{broken}: could not be converted: unexpected TypeError: no" in run.err
    assert [entry["file"] for entry in _entries(project)] == [f"000_{_sha(fine)}.txt"]


def test_a_page_whose_source_page_states_the_url_is_refused(project: Project, tmp_path: Path) -> None:
    """The URL check reads the generated pages too: an uncatalogued seed's page states its URL."""
    page = gzip.decompress((PAGES / "nytimes-1" / "source.html.gz").read_bytes())
    (project.seeds / "first.html").write_bytes(page)  # no catalog entry: its URL comes from the page
    assert project.convert().status == 0
    later = tmp_path / "again.html"
    later.write_bytes(page + b"\n<!-- saved again -->\n")
    run = project.convert("add", str(later))
    assert run.status == 2
    assert f"{later}: is already in the corpus as seeds/first.html (the same URL, " in run.err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
