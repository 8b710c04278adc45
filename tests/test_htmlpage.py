"""Locating the article body of a saved web page: the page's own HTML, every block left out recorded."""

from __future__ import annotations

import gzip
import time
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from borderlines.convert import htmlwalk
from borderlines.convert.chrome import remove_chrome
from borderlines.convert.extract import html_blocks
from borderlines.convert.htmlpage import PageBody, locate_body
from borderlines.convert.model import Form
from borderlines.convert.seedfile import SeedError

PAGES = Path(__file__).parent / "fixtures" / "pages"
STORY = "".join(
    f"<p>Paragraph {i}: officials in the border town said the crossing had reopened on Tuesday, and"
    f" traders returned with goods for the market after weeks of closure and uncertainty.</p>"
    for i in range(12)
)
ARTICLE = f"<article><h1>Crossing reopens</h1>{STORY}</article>"
CHROME = "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"


def page(name: str) -> str:
    return gzip.decompress((PAGES / name / "source.html.gz").read_bytes()).decode("utf-8")


def wrap(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"


def body_text(html: str) -> str:
    """Every character of text of the page's <body>, script and style content aside."""
    root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    body = root.find("body")
    assert body is not None
    return text_of([body])


def text_of(elements: list[lxml.html.HtmlElement]) -> str:
    out: list[str] = []
    for top in elements:
        for el in top.iter():
            skip = not isinstance(el.tag, str) or el.tag in ("script", "style")
            if not skip and el.text:
                out.append(el.text)
            if el is not top and el.tail:
                out.append(el.tail)
    return "".join(out)


def kept_text(found: PageBody) -> str:
    return text_of([lxml.html.fragment_fromstring(f"<div>{found.html}</div>")])


def chars(text: str) -> Counter[str]:
    return Counter("".join(text.split()))


def assert_accounted(html: str, found: PageBody) -> None:
    """Every character of the body's text is in the located body or in a removal's text."""
    recorded = Counter[str]()
    for removal in found.removals:
        if removal.rule not in ("script", "style"):
            recorded += chars(removal.text)
    assert chars(body_text(html)) == chars(kept_text(found)) + recorded


@pytest.fixture(autouse=True)
def full_record_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmlwalk, "TEXT_LIMIT", 10**9)  # so that the accounting can be exact


@pytest.mark.parametrize(
    ("name", "sentences", "chrome"),
    [
        (
            "nytimes-1",
            [
                "LONDON — After nearly 20 years of hostile relations, the American government plans",
                "Mr. Reeves said he thought that the American government was being manipulated",
            ],
            ["Skip to navigation", "Site Index", "Go to the previous story"],
        ),
        (
            "bbc-1",
            [
                "President Barack Obama has admitted that his failure to pass",
                "Mr Obama will become the first US president to address the African Union",
            ],
            ["Share this story", "Top Stories"],
        ),
    ],
)
def test_real_pages(name: str, sentences: list[str], chrome: list[str]) -> None:
    html = page(name)
    found = locate_body(html)
    text = " ".join(" ".join(b.text for b in html_blocks(found.html)[0]).split())
    for sentence in sentences:
        assert sentence in text
    for furniture in chrome:
        assert furniture not in text
        assert any(furniture in removal.text for removal in found.removals)
    assert_accounted(html, found)
    assert found.extractor.startswith("trafilatura ")
    assert all(removal.where.startswith("html/body") for removal in found.removals)


def test_outside_blocks_are_recorded_with_their_place() -> None:
    html = wrap(
        f"<header>{CHROME}</header><main>{ARTICLE}</main><div class='comments'>First! Great read.</div>"
    )
    found = locate_body(html)
    assert found.html.startswith("<article>")
    rules = {removal.where: removal.rule for removal in found.removals}
    assert rules == {"html/body/header": "outside-article", "html/body/div": "comment-section"}
    assert_accounted(html, found)


@pytest.mark.parametrize(
    "hidden",
    [
        "<p style='display: none'>Secret hidden words</p>",
        "<p hidden>Secret hidden words</p>",
        "<div aria-hidden='true'>Secret hidden words</div>",
        "<template><p>Secret hidden words</p></template>",
    ],
)
def test_hidden_inside_the_body_is_removed_and_recorded(hidden: str) -> None:
    html = wrap(f"{CHROME}<article><h1>Crossing reopens</h1>{STORY[:400]}{hidden}{STORY[400:]}</article>")
    found = locate_body(html)
    assert "Secret" not in found.html
    assert [removal.rule for removal in found.removals if "Secret" in removal.text] == ["hidden"]
    assert "Paragraph 11" in found.html
    assert_accounted(html, found)


def test_deep_nesting_around_the_article() -> None:
    html = wrap(CHROME + "<div>" * 500 + ARTICLE + "</div>" * 500 + "<footer>© Site</footer>")
    found = locate_body(html)
    blocks, _ = html_blocks(found.html)  # the body itself nests shallowly: the converter reads it
    assert blocks[0].text == "Crossing reopens"
    assert any("© Site" in removal.text for removal in found.removals)
    assert_accounted(html, found)


def test_too_deep_for_lxml_is_refused() -> None:
    with pytest.raises(SeedError, match="2048 deep"):
        locate_body(wrap("<div>" * 3000 + ARTICLE + "</div>" * 3000))


def test_megabytes_of_script_around_a_short_article() -> None:
    script = "<script>var data = '" + "x" * 1_000_000 + "';</script>"
    html = wrap(script + CHROME + script + ARTICLE + script)
    start = time.perf_counter()
    found = locate_body(html)
    assert time.perf_counter() - start < 1.0
    assert len(found.html) < 10_000
    assert any(r.rule == "script" and "1000014 characters of code" in r.text for r in found.removals)
    assert_accounted(html, found)


def test_a_page_without_an_article_is_refused() -> None:
    with pytest.raises(SeedError, match="article"):
        locate_body(wrap(CHROME + "<footer>© Site</footer>"))


def test_long_record_texts_are_shortened_checkably(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmlwalk, "TEXT_LIMIT", 400)
    long = " ".join(f"link{i}" for i in range(300))
    found = locate_body(wrap(f"<nav>{long}</nav>{ARTICLE}"))
    (removal,) = found.removals
    collapsed = " ".join(long.split())
    assert removal.text == f"{collapsed[:200]} […] {collapsed[-100:]} ({len(collapsed)} characters)"


@pytest.mark.parametrize(
    "body",
    ["\n  Test\n", "<a href='javascript:'><p>abc</p><p>def</p> ghi</a>"],
)
def test_when_the_extractor_finds_nothing_the_whole_body_is_kept(body: str) -> None:
    html = wrap(body)
    found = locate_body(html)
    assert found.extractor.startswith("page <body> (trafilatura ")
    assert "whole <body>" in found.settings
    assert kept_text(found).split() == body_text(html).split()
    assert_accounted(html, found)


def test_a_page_with_no_text_at_all_is_refused() -> None:
    with pytest.raises(SeedError, match="article"):
        locate_body(wrap("<div><img src='a.png'></div>"))


def test_furniture_inside_the_article_is_removed_and_recorded() -> None:
    furniture = {
        "figure-caption": "<figure><img src='x.jpg'><figcaption>Traders at dawn. Photo: Agency</figcaption>"
        "</figure>",
        "related-links": "<aside class='related'><h3>More on this</h3><a href='/a'>Floods hit the valley"
        " again this week</a></aside>",
        "share-widget": "<div class='share-tools'><a>Share on Facebook</a> <a>Share on X</a></div>",
    }
    html = wrap(
        f"{CHROME}<article><h1>Crossing reopens</h1>{STORY[:400]}{''.join(furniture.values())}"
        f"{STORY[400:]}</article>"
    )
    found = locate_body(html)
    text = " ".join(b.text for b in html_blocks(found.html)[0])
    for rule, needle in (
        ("figure-caption", "Traders at dawn"),
        ("related-links", "Floods hit the valley"),
        ("share-widget", "Share on Facebook"),
    ):
        assert needle not in text
        assert [r.rule for r in found.removals if needle in r.text] == [rule]
    assert "Paragraph 0:" in text and "Paragraph 11:" in text
    assert found.extractor.startswith("trafilatura ")
    assert_accounted(html, found)


def test_furniture_holding_the_extractors_text_stays() -> None:
    html = wrap(
        f"{CHROME}<article><h1>Crossing reopens</h1><div class='story-share-body'>{STORY}</div></article>"
    )
    found = locate_body(html)
    assert "Paragraph 11" in found.html
    assert not any(r.rule == "share-widget" for r in found.removals)


def test_captions_bylines_and_datelines_go_even_when_the_extractor_kept_them() -> None:
    """A careful reader cuts a caption, a byline block and a dateline whatever the extractor kept;
    a dateline that opens a sentence stays with it."""
    caption = (
        "<figure><img src='x.jpg'><figcaption>Paragraph 3: officials in the border town said the"
        " crossing had reopened</figcaption></figure>"
    )
    header = (
        "<div class='byline'>By Jane Doe, border correspondent</div>"
        "<div><time datetime='2025-01-02'>2 January 2025, 10:00</time> Updated</div>"
    )
    lede = "<p><span class='dateline'>QAIM —</span> Paragraph 12: the crossing reopened for good.</p>"
    html = wrap(
        f"{CHROME}<article><h1>Crossing reopens</h1>{header}{STORY[:400]}{caption}{STORY[400:]}"
        f"{lede}</article>"
    )
    found = locate_body(html)
    text = " ".join(b.text for b in html_blocks(found.html)[0])
    for rule, needle in (
        ("figure-caption", "crossing had reopened"),
        ("byline-box", "Jane Doe"),
        ("dateline", "2 January 2025"),
    ):
        assert [r.rule for r in found.removals if needle in r.text] == [rule]
    assert "Jane Doe" not in text and "2 January" not in text
    assert "QAIM — Paragraph 12" in " ".join(text.split())
    assert "Paragraph 0:" in text and "Paragraph 11:" in text
    assert_accounted(html, found)


def test_hidden_blocks_between_the_parts_of_the_article_are_left_out() -> None:
    """When the article is a run of sibling blocks, a hidden block or template among them is removed
    and recorded, and the text after it kept."""
    half = len(STORY) // 2
    first, second = STORY[: STORY.index("<p>", half)], STORY[STORY.index("<p>", half) :]
    hidden = "<div hidden>SECRET one</div> between <template><p>SECRET two</p></template>"
    parts = f"<div class=part>{first}</div>{hidden}<div class=part>{second}</div>"
    html = wrap(f"{CHROME}<h1>Crossing reopens</h1>{parts}")
    found = locate_body(html)
    assert "SECRET" not in found.html and "Paragraph 0" in found.html and "Paragraph 11" in found.html
    assert sorted(removal.rule for removal in found.removals if "SECRET" in removal.text) == [
        "hidden",
        "hidden",
    ]
    assert_accounted(html, found)


def test_an_xhtml_page_with_its_xml_declaration_is_read() -> None:
    """A saved XHTML page opening with ``<?xml … encoding=…?>`` is parsed, not refused."""
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + wrap(f"{CHROME}{ARTICLE}")
    found = locate_body(html)
    assert "Paragraph 11" in found.html and "Sport" not in found.html


def test_the_headline_is_the_h1_the_pages_titles_repeat() -> None:
    """An empty ``<h1>`` or a logo's is not the headline: the one ``og:title`` repeats is."""
    html = (
        "<!DOCTYPE html><html><head><title>Crossing reopens | Daily Planet</title>"
        "<meta property='og:title' content='Crossing reopens'></head><body>"
        f"<header><h1> </h1><h1>Daily Planet</h1>{CHROME}</header>{ARTICLE}</body></html>"
    )
    found = locate_body(html)
    assert "Crossing reopens" in found.html and "Daily Planet" not in found.html
    assert_accounted(html, found)


def test_a_sidebar_beside_the_article_stays_out_when_the_headline_is_taken_in() -> None:
    """Widening the body to take in the headline above it does not take in the column beside it."""
    rail = "".join(
        f"<li><a href='/s{i}'>Other story number {i} about the weather</a></li>" for i in range(30)
    )
    html = wrap(
        f"{CHROME}<div class='wrap'><header><h1>Crossing reopens</h1></header><div class='cols'>"
        f"<div class='main'>{STORY}</div><div class='rail'><ul>{rail}</ul></div></div></div>"
    )
    found = locate_body(html)
    assert "Crossing reopens" in found.html and "Paragraph 11" in found.html
    assert "Other story" not in found.html
    assert [r.rule for r in found.removals if "Other story number 7" in r.text] == ["outside-article"]
    assert_accounted(html, found)


def test_read_also_pointers_are_chrome() -> None:
    """A short "Related: …" or "Lire aussi : …" line, or a bracketed link alone, points elsewhere."""
    pointers = (
        "<p><a href='https://example.org/a'>Related: Floods hit the valley again</a></p>"
        "<p>Lire aussi : Les critiques de la commission</p>"
        "<p>[<a href='https://example.org/b'>Other story on the border</a>]</p>"
    )
    note = "<p>[This story has been updated.]</p>"
    blocks, _ = html_blocks(f"{STORY[:400]}{pointers}{note}{STORY[400:]}")
    result = remove_chrome(blocks, Form.HTML_PAGE)
    text = " ".join(b.text for b in result.blocks)
    assert "Floods" not in text and "critiques" not in text and "Other story" not in text
    assert "[This story has been updated.]" in text
    assert [r.rule for r in result.removals] == ["related-link"] * 3


def test_a_paragraph_the_page_prints_twice_is_kept_twice() -> None:
    """The extractor keeps a repeated paragraph once; the page's own text keeps every copy, and a
    share bar between the copies goes, recorded."""
    paragraph = STORY[: STORY.index("</p>") + 4]
    share = "<div class='share-bar'><a>Share</a> <a>Tweet</a></div>"
    html = wrap(f"{CHROME}<article><h1>Crossing reopens</h1>{paragraph * 2}{share}{paragraph * 2}</article>")
    found = locate_body(html)
    assert found.html.count("Paragraph 0:") == 4
    assert [r.rule for r in found.removals if "Tweet" in r.text] == ["share-widget"]
    assert_accounted(html, found)


def test_a_gallery_inside_the_article_goes_however_long_its_captions() -> None:
    slides = "".join(
        f"<li><img src='s{i}.jpg'><p>Slide {i}: traders at the market in the border town counted their"
        " losses after weeks of closure, and officials promised help within days.</p></li>"
        for i in range(8)
    )
    gallery = f"<div class='widget type-gallery'><ul>{slides}</ul></div>"
    half = STORY.index("<p>", len(STORY) // 2)
    html = wrap(f"{CHROME}<article><h1>Crossing reopens</h1>{STORY[:half]}{gallery}{STORY[half:]}</article>")
    found = locate_body(html)
    assert "Paragraph 11" in found.html and "Slide 7" not in found.html
    assert [r.rule for r in found.removals if "Slide 7" in r.text] == ["gallery"]
    assert_accounted(html, found)


def test_a_list_of_links_into_the_site_goes_and_a_list_of_sources_stays() -> None:
    """Inside the article, a list that is nearly all links to the page's own site is a list of other
    stories; a list of links to other sites is the article's (its sources)."""
    stories = "".join(f"<li><a href='/world/story-{i}'>Other story number {i}</a></li>" for i in range(5))
    sources = "".join(
        f"<li><a href='https://reports.example.org/{i}'>Monitoring report number {i}</a></li>"
        for i in range(5)
    )
    third, two_thirds = (STORY.index("<p>", len(STORY) * k // 3) for k in (1, 2))
    html = (
        "<!DOCTYPE html><html><head><title>T</title>"
        "<link rel='canonical' href='https://www.planet.example/world/crossing'></head><body>"
        f"{CHROME}<article><h1>Crossing reopens</h1>{STORY[:third]}<ul>{sources}</ul>"
        f"{STORY[third:two_thirds]}<ul>{stories}</ul>{STORY[two_thirds:]}</article></body></html>"
    )
    found = locate_body(html)
    assert "Monitoring report number 3" in found.html and "Other story" not in found.html
    assert "Paragraph 11" in found.html
    assert [r.rule for r in found.removals if "Other story number 3" in r.text] == ["link-list"]
    assert_accounted(html, found)


def test_the_headline_is_never_furniture_and_a_denied_mark_is_no_mark() -> None:
    """The headline stays whatever its class says; ``no_caption`` does not make a caption."""
    lede = (
        "<div class='story-item no_caption'><h2>Paragraph 0: officials in the border town said the"
        " crossing had reopened on Tuesday, and traders returned.</h2></div>"
    )
    html = (
        "<!DOCTYPE html><html><head><title>Crossing reopens</title></head><body>"
        f"{CHROME}<article><h1 class='headline share-title date'>Crossing reopens</h1>{lede}"
        f"{STORY}</article></body></html>"
    )
    found = locate_body(html)
    assert "Crossing reopens" in found.html and "traders returned.</h2>" in found.html
    assert_accounted(html, found)
