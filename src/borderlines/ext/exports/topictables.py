"""The data package's tables of what topic pages write: ``citations``, ``claims`` and ``events``.

A claim, an event and a citation are named ``<page>#<id>``: the topic page's document name and the
element's HTML id there, so ``<page>.html#<id>`` is its address.
"""

from __future__ import annotations

from sphinx.environment import BuildEnvironment

from ...contract.names import PageKind, Role
from ..corpus.display import named_sentence, shown_sentence, sources_by_slug
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.records import Resolution
from ..entities.records import EntityMentions
from ..pages.claims import all_claims
from ..pages.timeline import all_events
from .citationfacts import CitationFacts
from .inputs import ExportInputs
from .tabular import REQUIRED, UNIQUE, Cell, Field, ForeignKey, Schema, Table, table
from .texttables import OFFSETS, SOURCE_KEY

PAGE = Field("page", "string", "The topic page's document name (the page is <page>.html).", REQUIRED)

CITATIONS = Schema(
    "citations",
    "Citations",
    "Every citation on every topic page, with the passage it resolved to and the sentence it supports.",
    (
        Field("id", "string", "The citation: <page>#<its HTML id on the page>.", UNIQUE),
        PAGE,
        Field("line", "integer", "The line of the page's source file it is written on.", REQUIRED),
        Field("role", "string", "How it cites.", {**REQUIRED, "enum": [Role.CITE, Role.QUOTE, Role.SOURCE]}),
        Field(
            "target", "string", "What it names, as written: a passage ID, 'slug: words', or a slug.", REQUIRED
        ),
        Field("source", "string", "The source it resolved to (sources.id); empty if it did not resolve."),
        Field("passage", "string", "The passage it resolved to (passages.id); empty for a whole source."),
        Field("start", "integer", f"Where the cited words begin {OFFSETS}."),
        Field("end", "integer", f"Just after where they end {OFFSETS}."),
        Field("words", "string", "The cited words: a quote's, as the source has them, or the passage's."),
        Field("sentence", "string", "The topic page's sentence holding the citation, as readers see it."),
        Field("section", "string", "The title of the page's section holding it; empty at the top."),
        Field("claim", "string", "The claim whose answer holds it (claims.claim), if any."),
        Field("answer", "integer", "That answer's number in the claim (claims.answer)."),
        Field("event", "string", "The event holding it (events.id), if any."),
    ),
    ("id",),
    (
        SOURCE_KEY,
        ForeignKey(("passage",), "passages", ("id",)),
        ForeignKey(("claim", "answer"), "claims", ("claim", "answer")),
        ForeignKey(("event",), "events", ("id",)),
    ),
)

CLAIMS = Schema(
    "claims",
    "Disputed claims",
    "Every answer to every disputed question a topic page sets out, one row an answer.",
    (
        Field("claim", "string", "The claim: <page>#<its table's HTML id>.", REQUIRED),
        PAGE,
        Field("question", "string", "The question the sources answer differently.", REQUIRED),
        Field("answer", "integer", "The answer's number among the claim's answers, from 1.", REQUIRED),
        Field("by", "string", "Who gives the answer, as the topic page attributes it.", REQUIRED),
        Field("text", "string", "The answer, as the topic page words it (without citation markers)."),
        Field("note", "string", "The topic page's note on the answer, if any."),
    ),
    ("claim", "answer"),
)

EVENTS = Schema(
    "events",
    "Timeline events",
    "Every dated event a topic page records, with the passages reporting it cited in citations.event.",
    (
        Field("id", "string", "The event: <page>#<its HTML id>.", UNIQUE),
        PAGE,
        Field("date", "string", "Its date in EDTF (ISO 8601-2), as written.", REQUIRED),
        Field("earliest", "date", "The first day the date can mean.", REQUIRED),
        Field("latest", "date", "The last day the date can mean.", REQUIRED),
        Field("title", "string", "What happened.", REQUIRED),
        Field("text", "string", "The topic page's account of it (without citation markers)."),
        Field("topics", "string", "The topic pages it belongs to, space-separated document names."),
        Field("entities", "string", "The entities involved, space-separated entities.id values."),
    ),
    ("id",),
    order=("earliest", "latest", "title"),
)


def citations_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per citation of a topic page."""
    corpus = corpus_of(env)
    rows = []
    sources = sources_by_slug(corpus)
    entities = corpus.feature(EntityMentions) or EntityMentions()
    for docname in corpus.pages_of_kind(PageKind.TOPIC):
        resolved = corpus.derived.resolutions.get(docname, {})
        facts = inputs.facts.get(docname, {})
        holders = _holders(corpus, docname)
        for citation in corpus.citations.get(docname, ()):
            resolution = resolved.get(citation.node_id)
            known = facts.get(citation.node_id)
            if resolution is None or known is None:
                sentence = named_sentence(shown_sentence(citation, None, sources), entities.name_of)
                found: tuple[Cell, ...] = (None, None, None, None, None, sentence)
            else:
                found = _resolved(corpus, resolution, known)
            rows.append(
                (
                    f"{docname}#{citation.node_id}",
                    docname,
                    citation.line,
                    citation.kind,
                    citation.target,
                    *found,
                    citation.section_title,
                    *holders.get(citation.node_id, (None, None, None)),
                )
            )
    return table(CITATIONS, rows)


def _resolved(corpus: CorpusDomain, resolved: Resolution, facts: CitationFacts) -> tuple[Cell, ...]:
    """The source, passage, offsets, words and shown sentence of a resolved citation."""
    slug = corpus.sources[resolved.docname].slug
    if facts.quote is None or facts.position is None:
        return slug, None, None, None, None, facts.sentence
    start, end = facts.position["start"], facts.position["end"]
    return slug, resolved.passage_id, start, end, facts.quote["exact"], facts.sentence


def _holders(corpus: CorpusDomain, docname: str) -> dict[str, tuple[Cell, Cell, Cell]]:
    """Per citation (node ID) of ``docname``, the claim and answer, or the event, holding it."""
    found: dict[str, tuple[Cell, Cell, Cell]] = {}
    for claim in corpus.claims.get(docname, ()):
        for number, answer in enumerate(claim.answers, start=1):
            for node_id in answer.citations:
                found[node_id] = (f"{docname}#{claim.id}", number, None)
    for event in corpus.events.get(docname, ()):
        for node_id in event.citations:
            found[node_id] = (None, None, f"{docname}#{event.id}")
    return found


def claims_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per answer to a disputed claim."""
    rows = [
        (
            f"{claim.docname}#{claim.id}",
            claim.docname,
            claim.question,
            number,
            answer.by,
            answer.text,
            answer.note,
        )
        for claim in all_claims(corpus_of(env))
        for number, answer in enumerate(claim.answers, start=1)
    ]
    return table(CLAIMS, rows)


def events_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per event of the timeline."""
    rows = [
        (
            f"{event.docname}#{event.id}",
            event.docname,
            event.date,
            event.earliest,
            event.latest,
            event.title,
            event.text,
            " ".join(event.topics),
            " ".join(event.entities),
        )
        for event in all_events(corpus_of(env))
    ]
    return table(EVENTS, rows)
