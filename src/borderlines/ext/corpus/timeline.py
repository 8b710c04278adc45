"""Events: a date in EDTF, a title, the entities involved, and the passages that report it.

Written on a topic page::

    ```{corpus:event} 2026-01-19/2026-01-20
    :title: Syrian army takes Al-Shaddadi prison
    :entities: al-shaddadi-prison sdf
    :topics: topics/border-security

    The army reported taking the prison {corpus:cite}`…`.
    ```

The date is Extended Date/Time Format (Library of Congress), so a month ("2024-12"), an interval
("2026-01-19/2026-01-20") or an uncertain date ("2025-01~") can be written; a relative date in a
source ("on Sunday") is resolved by the author, who cites the passage. The event shows where it is
written (class ``corpus-event``, ``data-date``) and on the timeline page (``pages.timeline``).
"""

from __future__ import annotations

import calendar
import datetime
import re
import time
from functools import lru_cache

from docutils import nodes
from docutils.parsers.rst import directives

from ...contract.ids import is_identifier
from .claims import anchor_id, citations_in, words_without_citations
from .directives import CorpusDirective
from .display import short_date
from .nodes import event_item, timeline_index
from .records import EventRecord, SummaryKind
from .warnings import CorpusWarning, warn

EVENT_CLASS = "corpus-event"
_SEASON = re.compile(r"\d{4}-2[1-4]")
_LEVEL0 = re.compile(r"([1-9]\d{3})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_SEASONS = ("spring", "summer", "autumn", "winter")


@lru_cache(maxsize=65536)
def date_span(date: str) -> tuple[str, str] | None:
    """The first and last day (ISO) an EDTF date can mean, or None if it is not EDTF.

    An interval open at one end ("../2026-01-18": on or before) spans just its known end.
    """
    return calendar_span(date) or edtf_span(date)


def edtf_span(date: str) -> tuple[str, str] | None:
    """``date_span`` as the EDTF library reads the date (about 10 ms a date: its grammar tries every
    level of the standard)."""
    # Imported here: most builds span every date by the calendar, and the library takes 0.2 s to load.
    from edtf import parse_edtf  # noqa: PLC0415
    from edtf.parser.edtf_exceptions import EDTFParseException  # noqa: PLC0415

    try:
        parsed = parse_edtf(date)
        bounds = [parsed.lower_strict(), parsed.upper_strict()]
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        return None
    known = [time.strftime("%Y-%m-%d", bound) for bound in bounds if isinstance(bound, time.struct_time)]
    if not known:
        return None
    return known[0], known[-1]


def calendar_span(date: str) -> tuple[str, str] | None:
    """``date_span`` of the dates most events and every publication date are written in (a day, a
    month or a year, or an interval of two of them, in order), by the calendar; None for any other
    date, which the EDTF library then reads (``tests/test_analysis.py`` checks both agree)."""
    parts = date.split("/")
    if len(parts) > 2:
        return None
    spans = [_calendar_bounds(part) for part in parts]
    if any(span is None for span in spans):
        return None
    first, last = spans[0], spans[-1]
    assert first is not None and last is not None
    return (first[0], last[1]) if first[0] <= last[1] else None


def _calendar_bounds(part: str) -> tuple[str, str] | None:
    match = _LEVEL0.fullmatch(part)
    if match is None:
        return None
    year, month, day = (int(group) if group is not None else None for group in match.groups())
    assert year is not None
    try:
        if month is not None and day is not None:
            start = end = datetime.date(year, month, day)
        elif month is not None:
            start = datetime.date(year, month, 1)
            end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        else:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        return None
    return start.isoformat(), end.isoformat()


def date_label(date: str, earliest: str, latest: str) -> str:
    """An EDTF date as readers read it: ``19 Jan 2026 – 20 Jan 2026``, ``Jan 2025 (approximate)``."""
    plain = date.rstrip("?~%")
    if plain.startswith("../"):
        label = f"by {short_date(latest)}"
    elif plain.endswith("/.."):
        label = f"from {short_date(earliest)}"
    elif "/" in plain:
        label = " – ".join(short_date(part.rstrip("?~%")) for part in plain.split("/"))
    elif "X" in plain:
        label = f"{short_date(earliest)} – {short_date(latest)}"
    elif _SEASON.fullmatch(plain):
        label = f"{_SEASONS[int(plain[-2:]) - 21]} {plain[:4]}"
    else:
        label = short_date(plain)
    qualifier = {"?": "uncertain", "~": "approximate", "%": "uncertain, approximate"}.get(date[-1:], "")
    return f"{label} ({qualifier})" if qualifier else label


class EventDirective(CorpusDirective):
    """``{corpus:event} EDTF date`` with ``:title:``, ``:entities:`` and ``:topics:``; the body cites."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "title": directives.unchanged_required,
        "entities": directives.unchanged,
        "topics": directives.unchanged,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Show the event where it is written and register it for the timeline."""
        date, title = self.arguments[0].strip(), " ".join(self.options.get("title", "").split())
        span = date_span(date)
        body = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, body)
        entities = tuple(self.options.get("entities", "").split())
        topics = (self.env.docname, *self.options.get("topics", "").split())
        problems = [] if span else [f"{date!r} is not an EDTF date"]
        problems += [] if title else ["it has no :title:"]
        problems += [] if citations_in(body) else ["it cites no passage"]
        problems += [f"{name!r} is not an entity ID" for name in entities if not is_identifier(name)]
        if problems:
            warn(f"event {title or date!r}: " + "; ".join(problems), CorpusWarning.EVENT, self.get_location())
        if not span:
            return list(body.children)
        event_id = anchor_id("event", self.options.get("name") or f"{date} {title}")
        earliest, latest = span
        self.corpus.note_event(
            EventRecord(
                self.env.docname,
                self.lineno,
                event_id,
                date,
                earliest,
                latest,
                title,
                words_without_citations(body),
                entities,
                tuple(dict.fromkeys(topics)),
                citations_in(body),
            )
        )
        item = event_item(ids=[event_id], date=date, classes=[EVENT_CLASS])
        heading = nodes.paragraph(
            "",
            "",
            nodes.strong(text=date_label(date, earliest, latest)),
            nodes.Text(f" — {title}"),
            classes=["corpus-event-title"],
        )
        item += heading
        item += body.children
        self.set_source_info(item)
        return [item]


class TimelineDirective(CorpusDirective):
    """Every event of every page in date order, filterable (the timeline page)."""

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder; the timeline is built when every page is read."""
        self.corpus.note_summary(self.env.docname, self.lineno, SummaryKind.TIMELINE)
        return [timeline_index()]
