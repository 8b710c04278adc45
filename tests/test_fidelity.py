"""Nothing of the article is lost, nothing of the chrome is left, and the structure is the source's."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from conftest import Project
from pagetext import front_matter, passages, sentences

CHROME = [
    "twitter",
    "youtube",
    "night_theme",
    "WHAT ARE YOU LOOKING FOR",
    "Any use of materials",
    "©",
    "A+",
    "Views:",
    "Share it on social media",
    "copy link",
    "Ссылка",
    "loading",
    "The most important world news",
    "Your Comment",
    "/129",
    "Live updates",
    "AhlulBayt News Agency:",
]


def _seed_words(raw: str) -> Counter[str]:
    """The words a reader sees in the seed: tags stripped and entities decoded for HTML."""
    text = html.unescape(re.sub(r"<[^>]+>", "", raw)) if raw.lstrip().startswith("<") else raw
    return Counter(text.split())


def _removed_words(meta: dict[str, object]) -> Counter[str]:
    words: Counter[str] = Counter()
    for key, value in meta.items():
        if re.fullmatch(r"cleaning_\d+_text", key):
            text = re.sub(r" \(moved to the metadata\)$| <https?://[^>]+>", "", str(value))
            words.update(text.split())
    return words


def _headings(page: str) -> list[str]:
    return [line[3:].replace("\\", "") for line in page.splitlines() if line.startswith("## ")]


@pytest.fixture
def converted(corpus: Project) -> Project:
    """The real seeds, converted."""
    assert corpus.convert().status == 0
    return corpus


def test_every_word_is_kept_or_recorded(converted: Project) -> None:
    """Words of the seed = words of the passages and headings + words of the recorded removals."""
    for page_path in converted.pages.glob("*.md"):
        page = page_path.read_text(encoding="utf-8")
        meta = front_matter(page)
        raw = (converted.seeds / str(meta["seed_file"])).read_text(encoding="utf-8")
        kept = Counter(" ".join(sentences(page) + _headings(page)).split())
        assert kept + _removed_words(meta) == _seed_words(raw), page_path.name


def test_every_body_sentence_appears_verbatim(converted: Project) -> None:
    """Each sentence passage is a verbatim stretch of the seed's (whitespace-normalised) text."""
    for page_path in converted.pages.glob("*.md"):
        page = page_path.read_text(encoding="utf-8")
        raw = (converted.seeds / str(front_matter(page)["seed_file"])).read_text(encoding="utf-8")
        seen = " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())
        for sentence in sentences(page):
            assert sentence in seen, sentence


def test_no_chrome_is_left(converted: Project) -> None:
    """No navigation, share, counter, banner or comment text survives in any passage."""
    for page_path in converted.pages.glob("*.md"):
        body = " ".join(passages(page_path.read_text(encoding="utf-8")).values())
        assert [chrome for chrome in CHROME if chrome in body] == []


def test_metadata_found_in_text(converted: Project) -> None:
    """Headline, dateline and outlet prefix found in the text go into the metadata."""
    caliber = front_matter(converted.page("caliber-2025-06-12-reuters-isis-seeks-foothold-syria-iraq"))
    assert caliber["text_title"].startswith("Reuters: ISIS seeks to regain foothold")
    assert caliber["text_dateline"] == "12 June 2025 15:29"
    assert caliber["text_title_attribution"] == "Reuters"
    assert caliber["seed_form"] == "web-page"
    abna = front_matter(converted.page("abna-2026-01-isis-inmates-breaking-free-analysis"))
    assert abna["text_outlet_prefix"] == "AhlulBayt News Agency"
    assert abna["seed_form"] == "plain-sections"


def test_subheadings_become_headings(converted: Project) -> None:
    """Seed 004's three subheadings are headings, not passages."""
    page = converted.page("abna-2026-01-isis-inmates-breaking-free-analysis")
    assert _headings(page) == ["Perils of ISIS return", "US riding the wave", "Iraq’s preventive measures"]


def test_walls_of_text_are_divided_and_recorded(converted: Project) -> None:
    """Seeds 000 and 001 (one line each) become several paragraphs, and the page says so."""
    for slug in (
        "national-2024-12-10-iraq-victory-day-isis-fears",
        "national-2024-12-19-isis-reorganising-ranks-warns-iraq",
    ):
        meta = front_matter(converted.page(slug))
        assert meta["paragraphs"] >= 5
        assert "divided into" in meta["structure_01"] and "no word changed" in meta["structure_01"]


def test_plain_text_keeps_its_paragraphs(converted: Project) -> None:
    """Seed 002's 17 non-empty lines are its 17 paragraphs."""
    meta = front_matter(converted.page("national-2026-01-19-sadr-border-security-isis-resurgence"))
    assert meta["paragraphs"] == 17


def test_links_are_kept(converted: Project) -> None:
    """The HTML seeds' links survive as links, to the same URLs."""
    page = converted.page("national-2024-12-19-isis-reorganising-ranks-warns-iraq")
    assert (
        "](https://www.thenationalnews.com/news/2024/12/10/iraq-marks-anniversary-of-victory-over-isis"
        in page
    )


@pytest.mark.parametrize(
    "needle",
    [
        "Mr Al Assad fled to Moscow, where he was granted asylum",
        "This action fits into a larger strategic calculation by the U.S., especially since",
        "According to United Nations estimates, between 1,500 and 3,000 ISIS militants remain active",
        'As our precision strikes over the weekend demonstrate, we are determined not to let that happen."',
    ],
)
def test_sentence_splitting_survives_hard_cases(converted: Project, needle: str) -> None:
    """Honorifics, abbreviations, numbers and closing quotations do not end or split sentences wrongly."""
    found = [
        s
        for p in converted.pages.glob("*.md")
        for s in sentences(p.read_text(encoding="utf-8"))
        if needle in s
    ]
    assert len(found) == 1
    assert found[0].startswith(needle[:12]) or found[0].endswith(needle[-12:])
