"""The timeline: every event in date order with the sources that report it and how late they did,
filterable by topic and entity; and on each source page, the events it reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.writers.html5 import HTML5Translator

from ...entities import Registry
from ..corpus.display import byline, view_digest
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from ..corpus.nodes import add_html_node, event_item, source_events, timeline_index
from ..corpus.records import EventRecord, Resolution, SummaryKind
from ..corpus.timeline import EVENT_CLASS, date_label, date_span
from ..corpus.warnings import CorpusWarning, warn
from ..entities.model import entity_page
from ..entities.records import EntityMentions
from .claims import doc_title
from .fill import CORPUS_FILL, PageNodes
from .summaries import summaries_to_rewrite
from .tables import page_link

TIMELINE_CLASS = "corpus-timeline"
SOURCE_EVENTS_CLASS = "corpus-source-events"


class EventReport(NamedTuple):
    """An event seen from a source that reports it."""

    docname: str  # the page the event is written on
    event_id: str
    label: str  # its date, as readers read it
    title: str


@dataclass(frozen=True)
class TimelineViews:
    """Per source page, the events it reports; per source page, a digest of what it shows of them."""

    by_source: Mapping[str, tuple[EventReport, ...]] = field(default_factory=dict)
    views: Mapping[str, str] = field(default_factory=dict)


class timeline_filter(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lowercase)
    """A select box filtering the timeline (``kind``: topic or entity; ``options``: value and label pairs).

    Hidden until the site's script runs, so that a reader without JavaScript sees no dead control.
    """


def setup_timeline(app: Sphinx) -> None:
    """Events: derived once citations are resolved, drawn when pages are written."""
    add_html_node(app, timeline_filter, _visit_filter, _depart_filter)
    app.add_js_file("borderlines-timeline.js", loading_method="defer")
    # After the entities feature (priority 500), whose registry names the events' entities.
    app.connect(CORPUS_RESOLVED, derive_timeline, priority=600)
    app.connect(CORPUS_FILL, fill_timeline)


def all_events(corpus: CorpusDomain) -> list[EventRecord]:
    """Every event in date order (earliest possible day, then latest, then title)."""
    events = [event for docname in sorted(corpus.events) for event in corpus.events[docname]]
    return sorted(events, key=lambda e: (e.earliest, e.latest, e.title, e.docname, e.id))


def reports(corpus: CorpusDomain, event: EventRecord) -> list[Resolution]:
    """The passages the event cites, one per source (the first cited), in the order of publication."""
    resolutions = corpus.derived.resolutions.get(event.docname, {})
    first: dict[str, Resolution] = {}
    for node_id in event.citations:
        resolved = resolutions.get(node_id)
        if resolved is not None and resolved.docname in corpus.sources:
            first.setdefault(resolved.docname, resolved)
    return sorted(first.values(), key=lambda r: (corpus.sources[r.docname].date or "9999", r.docname))


def derive_timeline(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Which sources report each event; return the source pages whose list changed (corpus-resolved)."""
    corpus = corpus_of(env)
    old = corpus.feature(TimelineViews) or TimelineViews()
    registry = registry_of(corpus)
    by_source: dict[str, list[EventReport]] = {}
    events = all_events(corpus)
    index: list[object] = [events]  # what the timeline page shows (``_timeline``)
    for event in events:
        for name in event.entities:
            if registry is not None and registry.get(name) is None:
                warn(
                    f"event {event.title!r}: no entity {name!r} in the registry",
                    CorpusWarning.UNKNOWN_ENTITY,
                    (event.docname, event.line),
                )
        report = EventReport(
            event.docname, event.id, date_label(event.date, event.earliest, event.latest), event.title
        )
        for resolution in reports(corpus, event):
            by_source.setdefault(resolution.docname, []).append(report)
            source = corpus.sources[resolution.docname]
            index.append((event.id, resolution.docname, resolution.passage_id, byline(source), source.date))
        index.append([(name, doc_title(env, name)) for name in event.topics])
        index.append(
            [
                (name, _entity_name(registry, name), registry is not None and registry.get(name) is not None)
                for name in event.entities
            ]
        )
    new = TimelineViews(
        {source: tuple(found) for source, found in sorted(by_source.items())},
        {source: view_digest(found) for source, found in by_source.items()},
    )
    corpus.note_feature(new)
    changed = [d for d in set(old.views) | set(new.views) if old.views.get(d) != new.views.get(d)]
    return changed + summaries_to_rewrite(corpus, SummaryKind.TIMELINE, lambda: index)


def fill_timeline(app: Sphinx, page: PageNodes) -> None:
    """Fill the timeline page and a source page's events (corpus-fill)."""
    corpus = corpus_of(app.env)
    for placeholder in page.of(timeline_index):
        placeholder.replace_self(_timeline(app, corpus, page.docname))
    views = corpus.feature(TimelineViews)
    for placeholder in page.of(source_events):
        found = views.by_source.get(page.docname, ()) if views else ()
        placeholder.replace_self(_source_events(app, page.docname, found) if found else [])


def reporting_lag(event: EventRecord, published: str) -> str:
    """How long after the event a source dated ``published`` reported it: exact when both are single
    days, else the least it can be (from the event's last possible day to the first day of the date)."""
    span = date_span(published) if published else None
    if span is None:
        return "publication date unknown"
    least = _days(span[0], event.latest)
    exact = span[0] == span[1] and event.earliest == event.latest
    if least < 0:
        return "published before the event's last possible day"
    if exact:
        return "same day" if least == 0 else f"{_duration(least)} later"
    return "the same day or later" if least == 0 else f"at least {_duration(least, floor=True)} later"


def _days(later: str, earlier: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def _duration(days: int, floor: bool = False) -> str:
    """Days as readers count them: days up to two months, then months, then years (rounded, or with
    ``floor`` rounded down, so that "at least" stays true)."""
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    months, years = days / 30.44, days / 365.25
    if days < 730:
        return f"{int(months)} months" if floor else f"about {round(months)} months"
    return f"{int(years)} years" if floor else f"about {round(years)} years"


def _timeline(app: Sphinx, corpus: CorpusDomain, docname: str) -> list[nodes.Node]:
    events = all_events(corpus)
    if not events:
        return [nodes.paragraph(text="No page records an event yet.")]
    titles = {name: doc_title(app.env, name) for event in events for name in event.topics}
    registry = registry_of(corpus)
    names = {name: _entity_name(registry, name) for event in events for name in event.entities}
    entities = sorted(names, key=lambda name: (names[name].lower(), name))
    holder = nodes.container(classes=[TIMELINE_CLASS])
    holder += timeline_filter(kind="topic", options=sorted(titles.items(), key=lambda item: item[1]))
    holder += timeline_filter(kind="entity", options=[(name, names[name]) for name in entities])
    for event in events:
        row = event_item(
            ids=[event.id],
            date=event.date,
            topics=" ".join(event.topics),
            entities=" ".join(event.entities),
            classes=[EVENT_CLASS],
        )
        heading = nodes.paragraph(classes=["corpus-event-title"])
        heading += nodes.strong(text=date_label(event.date, event.earliest, event.latest))
        heading += nodes.Text(" — ")
        heading += page_link(app, docname, event.docname, event.id, event.title)
        row += heading
        row += nodes.paragraph(text=event.text, classes=["corpus-event-text"])
        found = reports(corpus, event)
        reported = nodes.paragraph(classes=["corpus-event-reports"])
        reported += nodes.Text("Reported by: " if found else "Reported by no resolved citation.")
        for index, resolution in enumerate(found):
            source = corpus.sources[resolution.docname]
            reported += nodes.Text("; " if index else "")
            reported += page_link(app, docname, source.docname, resolution.passage_id, byline(source))
            reported += nodes.Text(f" ({reporting_lag(event, source.date)})")
        row += reported
        about = nodes.paragraph(classes=["corpus-event-about"])
        about += nodes.Text(f"Topics: {', '.join(titles[name] for name in event.topics)}.")
        if event.entities:
            about += nodes.Text(" Entities: ")
            for index, name in enumerate(event.entities):
                about += nodes.Text(", " if index else "")
                about += _entity_link(app, docname, registry, name, names[name])
            about += nodes.Text(".")
        row += about
        holder += row
    return [holder]


def registry_of(corpus: CorpusDomain) -> Registry | None:
    """The entity registry the entities feature read this build, if the site has one."""
    found = corpus.feature(EntityMentions)
    return found.registry if found is not None and found.registry_digest else None


def _entity_name(registry: Registry | None, name: str) -> str:
    entity = registry.get(name) if registry is not None else None
    return entity.name if entity is not None else name


def _entity_link(app: Sphinx, docname: str, registry: Registry | None, name: str, label: str) -> nodes.Node:
    """The entity's preferred name, linked to its page when the registry has it."""
    if registry is None or registry.get(name) is None:
        return nodes.Text(label)
    with suppress(NoUri):
        uri = app.builder.get_relative_uri(docname, entity_page(name))
        return nodes.reference(label, label, refuri=uri, internal=True)
    return nodes.Text(label)


def _source_events(app: Sphinx, docname: str, found: Sequence[EventReport]) -> nodes.container:
    line = nodes.paragraph("", "", nodes.strong(text="Reports events: "))
    for index, report in enumerate(found):
        line += nodes.Text("; " if index else "")
        line += page_link(app, docname, report.docname, report.event_id, f"{report.label}, {report.title}")
    line += nodes.Text(".")
    return nodes.container("", line, classes=[SOURCE_EVENTS_CLASS])


def _visit_filter(translator: HTML5Translator, node: timeline_filter) -> None:
    kind = str(node["kind"])
    options = "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in node["options"])
    translator.body.append(
        f'<p class="corpus-timeline-filter" hidden><label>{kind.capitalize()}: '
        f'<select data-filter="{escape(kind)}"><option value="">all</option>{options}</select></label></p>\n'
    )
    raise nodes.SkipNode


def _depart_filter(translator: HTML5Translator, node: timeline_filter) -> None:
    """Nothing to close: the visit wrote the whole control."""
