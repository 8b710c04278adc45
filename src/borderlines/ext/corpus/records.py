"""The small, picklable records the corpus domain stores, one document's facts each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class SourceRecord(NamedTuple):
    """A source page: what the sources table and citations show of it."""

    docname: str
    slug: str
    title: str
    outlet: str
    date: str
    kind: str
    url: str
    passages: int
    line: int


class PassageRecord(NamedTuple):
    """A citable passage: a paragraph or one of its sentences.

    Only a paragraph holds its words; a sentence holds where they stand in its paragraph's, so the
    passages keep each word once. ``CorpusDomain.passage_text`` gives any passage's words.
    """

    id: str
    docname: str
    kind: str  # "paragraph" or "sentence"
    parent: str  # the paragraph's ID for a sentence, "" for a paragraph
    text: str  # a paragraph's words; "" for a sentence
    line: int
    start: int  # a sentence's first character in its paragraph's words; 0 for a paragraph
    end: int  # just after its last; the length of the words for a paragraph


class PassageTable(dict[str, PassageRecord]):
    """Passage records by ID, pickled as one tuple a field rather than one record at a time.

    The environment holds every passage of the corpus (482,000 at 10,000 sources) and Sphinx pickles
    it after every build that read a page: record by record that took 1.6 s, field by field 0.6 s
    (``zip`` turns the records into columns and back in C), and loading 0.9 s rather than 0.7 s.
    """

    def __reduce__(self) -> tuple[object, tuple[tuple[tuple[object, ...], ...]]]:
        return passage_table, (tuple(zip(*self.values(), strict=True)),)


def passage_table(columns: tuple[tuple[object, ...], ...] = ()) -> PassageTable:
    """The passage table whose records' fields are ``columns`` (one tuple a field), as pickled."""
    table = PassageTable()
    table.update((record.id, record) for record in map(PassageRecord._make, zip(*columns, strict=True)))
    return table


class CitationRecord(NamedTuple):
    """One citation in a topic page: where it stands and what it asks for."""

    docname: str
    line: int
    node_id: str  # the HTML id of the citation, for backlinks to point at
    kind: str  # a ``names.Role``: "cite", "quote" or "source"
    target: str  # a passage ID, a quote spec or a source slug, as written
    label: str  # the author's own link text, or "" to show the default
    doc_title: str
    section_title: str  # "" at the top of the page
    section_id: str
    sentence: str = ""  # which sentence of the page holds it: "<paragraph>.<sentence>", counted from 1
    repeat_meant: bool = False  # the author marked it (``names.REPEAT_MARK``): it may repeat another's text
    sentence_text: str = ""  # the sentence holding the citation, as a reader sees it (``sentence.py``)


class EntityRef(NamedTuple):
    """One ``{corpus:entity}`` link in a hand-written page."""

    docname: str
    line: int
    entity: str  # the entity's id, as written
    label: str  # the author's own link text, or "" to show the preferred name


class QuoteAnchor(NamedTuple):
    """Where a quote citation's words stand: what a W3C ``TextQuoteSelector`` and a text fragment need."""

    exact: str  # the source's own words, as the passage has them
    prefix: str  # up to ``CONTEXT`` characters of the paragraph just before them
    suffix: str  # and just after them
    start: int  # where they begin in the cited passage's words
    end: int  # just after where they end
    context_before: str  # the words the author gave before ``[[ ]]``, as the source has them
    context_after: str  # and after


class Resolution(NamedTuple):
    """What a citation resolved to after all documents were read; what it shows is derived from it
    when its page is written (``display.citation_view``)."""

    passage_id: str  # "" for a whole-source citation
    docname: str  # the source page
    quote: QuoteAnchor | None  # for a quote citation


class Backlink(NamedTuple):
    """A citation seen from the passage (or source) it cites."""

    passage_id: str  # "" for a whole-source citation
    docname: str  # the citing page
    doc_title: str
    section_title: str
    node_id: str
    kind: str
    sentence: str = ""  # the citing sentence as its page shows it (``display.shown_sentence``)


class AnswerRecord(NamedTuple):
    """One answer to a claim's question: who gives it, its words on the topic page, its citations."""

    by: str  # who says it, as the topic page attributes it
    text: str  # the answer as the topic page words it
    note: str  # the author's annotation, or ""
    citations: tuple[str, ...]  # node IDs of the citations in the answer, in page order


class ClaimRecord(NamedTuple):
    """A disputed question on a topic page, with its competing answers."""

    docname: str
    line: int
    id: str  # the HTML id of the claim's table
    question: str
    answers: tuple[AnswerRecord, ...]


class EventRecord(NamedTuple):
    """A dated event on a topic page, with the citations of the passages that report it."""

    docname: str
    line: int
    id: str  # the HTML id of the event where it is written
    date: str  # EDTF, as written
    earliest: str  # the first day the date can mean (ISO), for ordering
    latest: str  # the last day it can mean
    title: str
    text: str
    entities: tuple[str, ...]  # entity IDs of the registry
    topics: tuple[str, ...]  # topic pages it belongs to: the page it is written on, then any named
    citations: tuple[str, ...]  # node IDs of the citations in the event, in page order


#: What a quote's resolution depends on: the quote as written, the source's record, a digest of its text.
QuoteKey = tuple[str, SourceRecord, str]


class PageResolution(NamedTuple):
    """What one citing page's citations resolved to, with what that rests on, for the next build to reuse."""

    citations: tuple[CitationRecord, ...]
    targets: tuple[tuple[str, SourceRecord, str], ...]  # each cited page: docname, record, text digest
    links: tuple[tuple[str, Backlink], ...]  # each backlink, with the page it goes on
    view: str  # the digest of what the page shows of its citations


@dataclass(frozen=True)
class Derived:
    """What one build derives from every document's facts, once all are read (``resolve.refresh``)."""

    resolutions: Mapping[str, Mapping[str, Resolution | None]] = field(default_factory=dict)
    """Per citing page, what each citation (by node ID) resolved to; None where it failed."""
    backlinks: Mapping[str, tuple[Backlink, ...]] = field(default_factory=dict)
    """Per source page, the citations of it, in citing-page order."""
    views: Mapping[str, str] = field(default_factory=dict)
    """Per page, a digest of what it shows of the derived data: a page is rewritten when it changes."""
    pages: Mapping[str, PageResolution] = field(default_factory=dict)
    """Per citing page whose every citation resolved, what it rests on (``resolve.Resolver``)."""


class SummaryKind(StrEnum):
    """What a corpus-wide summary on a page shows; each feature writes its summaries' pages again when
    what it shows there changed."""

    SOURCES = "sources"
    COVERAGE = "coverage"
    REUSE = "reuse"
    CLAIMS = "claims"
    TIMELINE = "timeline"
