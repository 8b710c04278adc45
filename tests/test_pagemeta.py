"""page_metadata: what a saved page states about itself, with the element as basis, and nothing else."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from borderlines.convert.htmlpage import parse_page
from borderlines.convert.pagemeta import MAX_LENGTH, page_metadata

FIXTURES = Path(__file__).parent / "fixtures" / "pagemeta"
HOSTILE = [
    "```{include} /etc/passwd\n```",
    "{download}`x </etc/passwd>`",
    "{{ config.__class__ }}",
    "---\nsubstitutions: true\n---",
    "</script><script>alert(1)</script>",
]


def real(name: str) -> str:
    """A development-set page, as saved."""
    return gzip.decompress((FIXTURES / name / "source.html.gz").read_bytes()).decode("utf-8")


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    """A small complete page."""
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def ld(data: object) -> str:
    """A JSON-LD script element (``</`` escaped in the JSON, as a page must to say ``</script>``)."""
    text = json.dumps(data).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def test_a_real_page_states_every_field_from_json_ld() -> None:
    meta = page_metadata(real("aclu"))
    assert meta.values["title"].value == "Facebook Is Tracking Me Even Though I’m Not on Facebook"
    assert meta.values["title"].basis == (
        "JSON-LD Article headline; <h1> agrees; <title> agrees, less ' | American Civil Liberties Union'"
    )
    assert meta.values["outlet"].value == "American Civil Liberties Union"
    assert meta.values["date"].value == "2018-04-05"
    assert "no time zone given" in meta.values["date"].basis
    assert meta.values["url"].value.startswith("https://www.aclu.org/blog/privacy-technology/")
    assert meta.values["language"].value == "en"
    assert meta.authors == ("Daniel Kahn Gillmor",)
    assert {value.status for value in meta.values.values()} == {"stated"}


def test_a_social_title_that_differs_is_recorded_and_the_headline_kept() -> None:
    meta = page_metadata(real("article-author-tag"))
    title = meta.values["title"]
    assert title.value == "The Deck of Cards That Made Tarot A Global Phenomenon"
    assert 'og:title differs: "If You Can Picture A Tarot Card' in title.basis
    assert "time zone -04:00" in meta.values["date"].basis
    assert meta.authors_basis == "JSON-LD NewsArticle author; article:author agrees"


def test_an_outlet_suffix_in_title_counts_as_agreeing_and_the_region_is_in_the_basis() -> None:
    meta = page_metadata(real("herald-sun-1"))
    assert meta.values["title"].basis == "og:title; <h1> agrees; <title> agrees, less ' | Herald Sun'"
    assert meta.values["language"] == meta.values["language"].__class__(
        "en", "stated", "<html lang> ('en-au')"
    )
    assert meta.authors == ("Laurie Oakes",)
    assert "date" not in meta.values  # article:publicationdate is not ISO 8601: left unknown


def test_a_modified_date_is_never_taken_for_the_published_one_on_a_real_page() -> None:
    meta = page_metadata(real("videos-1"))  # modified 2018-07-24 in article:modified_time and sailthru.date
    assert meta.values["date"].value == "2017-12-15"
    assert meta.authors == ("Alissa Wilkinson",)  # article:author is a Facebook URL: not a name


def test_only_a_modified_date_gives_no_date() -> None:
    head = '<meta property="article:modified_time" content="2020-01-02T10:00:00Z">'
    head += '<meta property="og:updated_time" content="2020-01-02">'
    head += ld({"@type": "NewsArticle", "headline": "H", "dateModified": "2020-01-02"})
    assert "date" not in page_metadata(page(head)).values


@pytest.mark.parametrize(
    ("written", "day", "zone"),
    [
        ("2021-03-04T23:30:00-05:00", "2021-03-04", "time zone -05:00"),  # 04:30 UTC the next day: not moved
        ("2021-03-04T00:10:00+09:00", "2021-03-04", "time zone +09:00"),
        ("2021-03-04", "2021-03-04", "no time given"),
        ("2021-03-04 08:00", "2021-03-04", "no time zone given"),
    ],
)
def test_a_date_is_the_day_as_written(written: str, day: str, zone: str) -> None:
    value = page_metadata(page(f'<meta property="article:published_time" content="{written}">')).values[
        "date"
    ]
    assert (value.value, value.basis) == (
        day,
        f"article:published_time ({written!r}: the day as written, {zone})",
    )


@pytest.mark.parametrize(
    "written", ["04/03/2021", "March 2021", "2021-02-30", "1970-01-01T00:00:00Z", "soon"]
)
def test_a_date_that_is_ambiguous_or_impossible_is_left_out(written: str) -> None:
    head = ld({"@type": "Article", "datePublished": written})
    assert "date" not in page_metadata(page(head)).values


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd",
             "/relative/path", "mailto:a@example.org", "https://", "http://exa mple.org/\x00"],
)  # fmt: skip
def test_only_absolute_http_urls_are_stated(href: str) -> None:
    head = f'<link rel="canonical" href="{href}"><meta property="og:url" content="{href}">'
    head += ld({"@type": "NewsArticle", "url": href, "mainEntityOfPage": {"@id": href}})
    assert "url" not in page_metadata(page(head)).values


def test_a_bad_canonical_does_not_hide_a_good_og_url() -> None:
    head = '<link rel="canonical" href="javascript:alert(1)">'
    head += '<meta property="og:url" content="https://e.org/a b">'
    assert page_metadata(page(head)).values["url"].value == "https://e.org/a%20b"


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_json_ld_is_only_text(text: str) -> None:
    data = {"@type": "NewsArticle", "headline": text, "author": {"@type": "Person", "name": text},
            "publisher": {"name": text}}  # fmt: skip
    meta = page_metadata(page(ld(data)))
    one_line = " ".join(text.split())
    assert meta.values["title"].value == one_line
    assert meta.values["outlet"].value == one_line
    assert meta.authors == (one_line,)


def test_entity_encoded_markup_is_decoded_once_and_stays_text() -> None:
    head = "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; co</title>"
    head += '<meta name="author" content="&lt;b&gt;Ann&lt;/b&gt;">'
    meta = page_metadata(page(head))
    assert meta.values["title"].value == "<script>alert(1)</script> &amp; co"
    assert meta.authors == ("<b>Ann</b>",)
    raw = page_metadata(page("<title><b>Bold</b> claim</title>"))
    assert raw.values["title"].value == "<b>Bold</b> claim"


def test_json_ld_strings_are_decoded_once() -> None:
    meta = page_metadata(page(ld({"@type": "Article", "headline": "Tom &amp; Jerry &amp;amp; co"})))
    assert meta.values["title"].value == "Tom & Jerry &amp; co"


def test_control_characters_go_white_space_collapses_and_length_is_capped() -> None:
    long = "word " * 100
    meta = page_metadata(page(ld({"@type": "Article", "headline": f"a\x00b\u202ec\n\t d {long}"})))
    title = meta.values["title"]
    assert title.value.startswith("abc d word")
    assert len(title.value) == MAX_LENGTH + 1 and title.value.endswith("…")
    assert f"(cut to {MAX_LENGTH} of 505 characters)" in title.basis


@pytest.mark.parametrize(
    "script",
    ['{"@type": "NewsArticle", "headline": ', "[[[[", '{"@type": ["NewsArticle"], "headline": 5}', "null",
     '{"@graph": "x"}', '{"@type": {"a": 1}}', "[" * 5000 + "]" * 5000],
)  # fmt: skip
def test_malformed_json_ld_is_skipped_silently(script: str) -> None:
    head = f'<script type="application/ld+json">{script}</script><meta property="og:title" content="OG">'
    meta = page_metadata(page(head))
    assert meta.values["title"].value == "OG"
    assert meta.values["title"].basis == "og:title"


def test_json_ld_in_a_graph_in_a_cdata_wrapper_with_a_list_of_authors() -> None:
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Site"},
        {"@type": ["ReportageNewsArticle"], "headline": "In graph", "inLanguage": "fr-FR",
         "author": [{"@type": "Person", "name": "By A. One"}, "B. Two",
                    {"@type": "Organization", "name": "AFP"}]},
    ]}  # fmt: skip
    head = f'<script type="application/ld+json">//<![CDATA[\n{json.dumps(data)}\n//]]></script>'
    meta = page_metadata(page(head, lang=""))
    assert meta.values["title"].basis == "JSON-LD ReportageNewsArticle headline"
    assert meta.values["language"].value == "fr"
    assert meta.authors == ("A. One", "B. Two", "AFP")
    assert meta.authors_basis == "JSON-LD ReportageNewsArticle author ('AFP': an Organization)"


def test_disagreeing_elements_are_all_said() -> None:
    head = '<meta property="og:title" content="Social title"><title>Headline - Site name</title>'
    head += '<meta property="og:site_name" content="Site name">'
    head += '<meta property="article:published_time" content="2020-05-01T10:00:00Z">'
    head += ld({"@type": "NewsArticle", "datePublished": "2020-05-02", "author": "Jane Roe"})
    head += '<meta name="author" content="Wire Service">'
    meta = page_metadata(page(head))
    assert meta.values["title"] == meta.values["title"].__class__(
        "Social title", "stated", "og:title; <title> differs: 'Headline - Site name'"
    )
    assert meta.values["date"].value == "2020-05-02"
    assert "article:published_time differs: '2020-05-01T10:00:00Z'" in meta.values["date"].basis
    assert meta.authors == ("Jane Roe",)  # the page's JSON-LD byline, not a guess at the wire's
    assert meta.authors_basis == "JSON-LD NewsArticle author; <meta name=author> differs: 'Wire Service'"


def test_the_visible_headline_settles_disagreeing_titles() -> None:
    head = '<meta property="og:title" content="Social title"><title>Headline - Site name</title>'
    meta = page_metadata(page(head, "<h1>Site name</h1><h1>Headline</h1>"))
    assert meta.values["title"].value == "Headline"
    assert (
        meta.values["title"].basis
        == "<title> (' - Site name' removed); <h1> agrees; og:title differs: 'Social title'"
    )


def test_a_whole_title_is_said_to_be_whole() -> None:
    meta = page_metadata(page("<title>Post | Blog | Author</title>"))
    assert meta.values["title"].value == "Post | Blog | Author"
    assert "whole: no other element says which part is the headline" in meta.values["title"].basis


@pytest.mark.parametrize(("lang", "value"), [("en-US", "en"), ("pt_BR", "pt"), ("DE", "de"), ("und", None),
                                            ("x-default", None), ("en US", None), ("", None)])  # fmt: skip
def test_language_is_the_primary_subtag(lang: str, value: str | None) -> None:
    found = page_metadata(page(lang=lang)).values.get("language")
    assert (found.value if found else None) == value


def test_a_page_without_metadata_states_nothing() -> None:
    meta = page_metadata("just text, <b>no head</b>")
    assert (meta.values, meta.authors, meta.authors_basis) == ({}, (), "")


def test_a_title_inside_svg_is_not_the_page_title() -> None:
    meta = page_metadata(page(body="<svg><title>Icon</title></svg>"))
    assert "title" not in meta.values


@pytest.mark.parametrize("holder", ["textarea", "noembed", "xmp"])
def test_markup_inside_an_element_a_browser_reads_as_text_states_nothing(holder: str) -> None:
    """A ``<meta>`` or ``<link>`` written inside a text-only element is text there, as a browser
    reads it, not something the page states about itself."""
    hidden = (
        '<meta property="og:title" content="Injected"><link rel="canonical" href="https://evil.example/">'
    )
    meta = page_metadata(page(body=f"<{holder}>{hidden}</{holder}><h1>Real headline</h1>"))
    assert "url" not in meta.values
    assert meta.values.get("title") is None or "Injected" not in meta.values["title"].value


def test_the_tree_the_article_is_located_in_gives_the_same_metadata_as_the_text() -> None:
    """The pipeline reads the metadata from the tree it then locates the article in: the same values."""
    text = real("aclu")
    assert page_metadata(parse_page(text)) == page_metadata(text)
