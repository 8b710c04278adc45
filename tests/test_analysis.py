"""Disputed claims and the timeline: directives on topic pages, the pages gathering them, and what
source pages show of them; incremental and parallel builds stay correct."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from builds import articles, build_once, copy_root, replace_in, soup, warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.corpus.records import EventRecord
from borderlines.ext.corpus.timeline import calendar_span, date_label, date_span, edtf_span
from borderlines.ext.pages.timeline import reporting_lag

MakeApp = Callable[..., SphinxTestApp]


def _one(page: Any, selector: str) -> Tag:
    found = page.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


def _href(page: Any, selector: str) -> str:
    return str(_one(page, selector)["href"])


def _texts(page: Any, selector: str) -> list[str]:
    return [" ".join(node.get_text().split()) for node in page.select(selector)]


@pytest.mark.sphinx("html", testroot="analysis", freshenv=True)
def test_claim_is_a_table_of_attributed_cited_answers(app: SphinxTestApp) -> None:
    """One row per answer: its words and citation, who says it, the source and date it cites, a note."""
    app.build()
    assert warnings_of(app) == []
    page = soup(Path(app.outdir) / "topics" / "border.html")
    table = _one(page, "#claim-border-secure table.corpus-claim")
    assert len(page.select("[id=claim-border-secure]")) == 1
    assert _one(table, "caption").get_text().startswith("Is the border secure?")
    assert _texts(table, "thead th") == ["Answer", "Who says it", "Source and date", "Note"]
    rows = [
        [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]
    assert [row[1:] for row in rows] == [
        ["The army, as Alpha Times reports it", "Alpha Times, 2 Jan 2025", ""],
        [
            "Nobody else, says Alpha Times",
            "Alpha Times, 2 Jan 2025",
            "Alpha Times does not say who disagreed.",
        ],
    ]
    citations = [_href(row, "a.corpus-cite") for row in table.select("tbody tr")]
    assert citations[0].startswith("../sources/alpha.html#alpha-p1-s2-aaa2")
    assert citations[1] == "../sources/alpha.html#alpha-p2-s2-bbb2"
    assert _href(table, "tbody tr td:nth-of-type(3) a") == "../sources/alpha.html"


@pytest.mark.sphinx("html", testroot="analysis", freshenv=True)
def test_claims_page_and_source_pages_list_the_claims(app: SphinxTestApp) -> None:
    """The "Disputed claims" page gathers every claim; each source page names those it takes part in."""
    app.build()
    claims = soup(Path(app.outdir) / "claims.html")
    question = _one(claims, ".corpus-claims-index > ul > li > p")
    assert " ".join(question.get_text().split()) == "Is the border secure? — Border"
    assert _href(question, "a") == "topics/border.html#claim-border-secure"
    assert _texts(claims, ".corpus-claims-index li li") == [
        "The army, as Alpha Times reports it: Alpha Times, 2 Jan 2025",
        "Nobody else, says Alpha Times: Alpha Times, 2 Jan 2025",
    ]
    alpha = soup(Path(app.outdir) / "sources" / "alpha.html")
    assert _href(alpha, ".corpus-source-claims a") == "../topics/border.html#claim-border-secure"
    assert soup(Path(app.outdir) / "sources" / "beta.html").select_one(".corpus-source-claims") is None


@pytest.mark.sphinx("html", testroot="analysis", freshenv=True)
def test_timeline_orders_events_and_shows_reporting_lag(app: SphinxTestApp) -> None:
    """Events in date order with their EDTF dates, sources and how late each reported; filters by
    topic and entity; each source page lists the events it reports."""
    app.build()
    timeline = soup(Path(app.outdir) / "timeline.html")
    events = timeline.select(".corpus-timeline .corpus-event")
    assert [event["data-date"] for event in events] == ["2024-12-20/2024-12-22", "2024-12-30", "2025-01~"]
    assert [event["data-topics"] for event in events] == [
        "topics/camps",
        "topics/border topics/camps",
        "topics/camps",
    ]
    assert events[1]["data-entities"] == "iraqi-army"
    assert _texts(timeline, ".corpus-event-title") == [
        "20 Dec 2024 – 22 Dec 2024 — Officials call the border secure",
        "30 Dec 2024 — The army calls the border secure",
        "Jan 2025 (approximate) — The camp holds 40,000 people",
    ]
    assert _texts(timeline, ".corpus-event-reports") == [
        "Reported by: Alpha Times, 2 Jan 2025 (at least 11 days later); "
        "Beta Agency, Feb 2025 (at least 41 days later)",
        "Reported by: Alpha Times, 2 Jan 2025 (3 days later)",
        "Reported by: Beta Agency, Feb 2025 (at least 1 day later)",
    ]
    assert _href(events[0], ".corpus-event-reports a") == "sources/alpha.html#alpha-p2-s1-bbb1"
    assert _texts(timeline, ".corpus-event-text")[:2] == [
        "Officials said so, as Beta's page also reports.",  # a citation of an ID or source shows no words
        "The army said ““the border is secure”” on a Monday.",  # a quote's words stay
    ]
    claims = soup(Path(app.outdir) / "claims.html")
    assert "corpus-claims-index" in str(claims)
    options = {
        str(s["data-filter"]): [o["value"] for o in s.select("option")] for s in timeline.select("select")
    }
    assert options == {"topic": ["", "topics/border", "topics/camps"], "entity": ["", "al-hol", "iraqi-army"]}
    where = _one(soup(Path(app.outdir) / "topics" / "border.html"), ".corpus-event")
    assert where["id"] == "event-2024-12-30-the-army-calls-the-border-secure"
    beta = soup(Path(app.outdir) / "sources" / "beta.html")
    assert _texts(beta, ".corpus-source-events") == [
        "Reports events: 20 Dec 2024 – 22 Dec 2024, Officials call the border secure; "
        "Jan 2025 (approximate), The camp holds 40,000 people."
    ]


def test_reporting_lag_is_exact_only_when_both_dates_are_days() -> None:
    """A day and a day give the days between; a range or a month give the least lag; years read as years."""
    event = EventRecord("t", 1, "e", "2014", "2014-01-01", "2014-12-31", "x", "", (), ("t",), ())
    day = event._replace(date="2024-12-08", earliest="2024-12-08", latest="2024-12-08")
    assert reporting_lag(day, "2024-12-10") == "2 days later"
    assert reporting_lag(day, "2024-12-08") == "same day"
    assert reporting_lag(day, "2025-02") == "at least 55 days later"
    assert reporting_lag(day, "2025-06-12") == "about 6 months later"
    assert reporting_lag(event, "2024-12-10") == "at least 9 years later"
    assert reporting_lag(day, "2024-12-01") == "published before the event's last possible day"
    assert reporting_lag(day, "") == "publication date unknown"


def _plain_date(year: int, month: int, day: int, shape: int) -> str:
    return [f"{year:04d}", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-{day:02d}"][shape]


_PART = st.builds(
    _plain_date, st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 2)
)


@settings(max_examples=300, deadline=None)
@given(_PART, st.none() | _PART)
def test_the_calendar_reads_plain_dates_as_the_edtf_library_does(start: str, end: str | None) -> None:
    """The fast path for days, months, years and intervals of them gives the EDTF library's span, or
    leaves the date to the library; real days and months always take it."""
    date = start if end is None else f"{start}/{end}"
    fast = calendar_span(date)
    assert fast is None or fast == edtf_span(date)
    for real in ("2025-03-04", "2024-02", "2025", "2025-12-30/2026-01-02", "2025-02/2025-03-01"):
        assert calendar_span(real) == edtf_span(real) is not None


def test_edtf_dates_read_as_readers_read_them() -> None:
    """Days, months, intervals, uncertain and unspecified dates; anything else is not a date."""
    assert date_span("2026-01-19/2026-01-20") == ("2026-01-19", "2026-01-20")
    assert date_span("2024-12") == ("2024-12-01", "2024-12-31")
    assert date_span("2026-01-XX") == ("2026-01-01", "2026-01-31")
    assert date_span("../2026-01-18") == ("2026-01-18", "2026-01-18")
    assert date_label("../2026-01-18", "2026-01-18", "2026-01-18") == "by 18 Jan 2026"
    assert date_label("2014-22", *date_span("2014-22") or ("", "")) == "summer 2014"
    assert date_span("on Tuesday") is None and date_span("2024-13-01") is None
    assert date_label("2025?", "2025-01-01", "2025-12-31") == "2025 (uncertain)"
    assert date_label("2026-01-XX", "2026-01-01", "2026-01-31") == "1 Jan 2026 – 31 Jan 2026"


BAD_TOPIC = """---
corpus_page: topic
---

# Bad

````{corpus:claim} A question with one answer
```{corpus:answer} Someone
Nothing cited here.
```
````

```{corpus:answer} Astray
Words {corpus:cite}`alpha-p1-s1-aaa1`.
```

```{corpus:event} on Tuesday
:title: A relative date

Said {corpus:cite}`alpha-p1-s1-aaa1`.
```

```{corpus:event} 2025-01-05

No title and no citation.
```
"""


def test_malformed_claims_and_events_warn(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    """A claim needs two cited answers, an answer its claim, an event an EDTF date, a title and a
    citation: each lapse is a typed warning at its line."""
    srcdir = _copy_root(rootdir, tmp_path, "bad")
    (srcdir / "topics" / "bad.md").write_text(BAD_TOPIC, encoding="utf-8")
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text() + "\n```{toctree}\ntopics/bad\n```\n")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = [line for line in warnings_of(app) if "bad.md" in line]
    assert len(found) == 4, found
    assert "1 answer(s); a disputed claim needs at least two; answer 1 ('Someone') cites nothing" in found[0]
    assert "[corpus.claim]" in found[0] and "[corpus.claim]" in found[1]
    assert "corpus:answer belongs inside corpus:claim" in found[1]
    assert "'on Tuesday' is not an EDTF date" in found[2] and "[corpus.event]" in found[2]
    assert "it has no :title:; it cites no passage" in found[3]


REGISTRY = """
[[entity]]
id = "iraqi-army"
type = "organisation"
name = "Iraqi Army"
description = { value = "Iraq's army.", basis = "alpha-p1-s2-aaa2" }
aliases = [{ name = "the army", basis = "alpha-p1-s2-aaa2" }]
"""


def test_event_entities_are_named_linked_and_checked(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    """With a registry, the timeline names each event's entities and links their pages; an entity the
    registry lacks is a typed warning at the event."""
    srcdir = _copy_root(rootdir, tmp_path, "registry")
    (srcdir / "entities.toml").write_text(REGISTRY, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 1, warnings
    assert "camps.md" in warnings[0] and "no entity 'al-hol' in the registry" in warnings[0]
    assert "[corpus.unknown-entity]" in warnings[0]
    timeline = soup(Path(app.outdir) / "timeline.html")
    army = [a for a in timeline.select(".corpus-event-about a") if a.get_text() == "Iraqi Army"]
    assert army and army[0]["href"] == "entities/iraqi-army.html"
    options = [o.get_text() for o in timeline.select("select[data-filter=entity] option")]
    assert options == ["all", "al-hol", "Iraqi Army"]


def _copy_root(rootdir: Path, tmp_path: Path, name: str) -> Path:
    return copy_root(rootdir, tmp_path, "analysis", name)


def _build(make_app: MakeApp, srcdir: Path, **kwargs: Any) -> SphinxTestApp:
    return build_once(make_app, srcdir, **kwargs)


EVENT = """
```{corpus:event} 2025-02-01
:title: A later event

Reported {corpus:cite}`beta-p1-s1-ccc1`.
```
"""

EDITS: list[tuple[str, Callable[[Path], None], set[str]]] = [
    (
        "an answer cites another source",
        lambda src: replace_in(
            src / "topics" / "border.md", "{corpus:cite}`alpha-p2-s2-bbb2`", "{corpus:cite}`beta-p1-s1-ccc1`"
        ),
        {"sources/beta.html", "claims.html", "topics/border.html"},
    ),
    (
        "an event is added",
        lambda src: replace_in(src / "topics" / "border.md", "## Events\n", "## Events\n" + EVENT),
        {"sources/beta.html", "timeline.html", "topics/border.html"},
    ),
    (
        "a topic page is retitled",
        lambda src: replace_in(src / "topics" / "border.md", "# Border\n", "# The border\n"),
        {"claims.html", "timeline.html", "topics/border.html"},
    ),
    (
        "an event is retitled",
        lambda src: replace_in(
            src / "topics" / "border.md",
            ":title: The army calls the border secure",
            ":title: The army speaks",
        ),
        {"timeline.html", "topics/border.html"},
    ),
    (
        "a cited sentence outside claims and events moves",
        lambda src: replace_in(
            src / "topics" / "border.md",
            "600km long {corpus:cite}`alpha-p1-s1-aaa1`",
            "600km long {corpus:cite}`beta-p1-s1-ccc1`",
        ),
        {"sources/beta.html", "topics/border.html"},
    ),
    (
        "a source's date changes",
        lambda src: replace_in(
            src / "sources" / "alpha.md", "source_date: '2025-01-02'", "source_date: '2025-01-09'"
        ),
        {"sources/alpha.html", "claims.html", "timeline.html", "topics/border.html"},
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("change", "edit", "expected"), EDITS, ids=[name for name, _, _ in EDITS])
def test_incremental_build_equals_clean_build(
    make_app: MakeApp,
    rootdir: Path,
    tmp_path: Path,
    change: str,
    edit: Callable[[Path], None],
    expected: set[str],
) -> None:
    """After a change to claims or events, or to what they cite, the incremental build's pages equal a
    clean build's, and the pages showing the change were written again."""
    srcdir = _copy_root(rootdir, tmp_path, "incremental")
    before = articles(Path(_build(make_app, srcdir).outdir))
    edit(srcdir)
    incremental = articles(Path(_build(make_app, srcdir).outdir))
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = articles(Path(_build(make_app, clean_src, freshenv=True).outdir))
    assert incremental == clean
    changed = {name for name in clean if before.get(name) != clean[name]}
    assert expected <= changed, change


@pytest.mark.slow
def test_parallel_build_equals_serial_build(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    """Claims and events read in worker processes give the same pages."""
    serial = articles(Path(_build(make_app, _copy_root(rootdir, tmp_path, "serial")).outdir))
    forked = _build(make_app, _copy_root(rootdir, tmp_path, "parallel"), parallel=2)
    assert articles(Path(forked.outdir)) == serial
    assert "corpus-source-claims" in serial["sources/alpha.html"]
