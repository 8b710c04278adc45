"""The small, picklable records the corpus domain stores, one document's facts each."""

from __future__ import annotations

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


class CitationRecord(NamedTuple):
    """One citation in a topic page: where it stands and what it asks for."""

    docname: str
    line: int
    node_id: str  # the HTML id of the citation, for backlinks to point at
    kind: str  # "cite", "quote" or "source"
    target: str  # a passage ID, a quote spec or a source slug, as written
    label: str  # the author's own link text, or "" to show the default
    doc_title: str
    section_title: str  # "" at the top of the page
    section_id: str


class Resolution(NamedTuple):
    """What a citation resolved to after all documents were read."""

    passage_id: str  # "" for a whole-source citation
    docname: str  # the source page
    label: str  # the text the citation shows
    fragment: str  # the URL fragment after the page, without "#"
    preview: str  # the link's title: passage text, outlet and date
    text: str  # the cited passage's text ("" for a whole source)
    quoted: str  # the quoted words as the passage has them ("" unless a quote citation)
    source_title: str
    source_byline: str  # outlet, date and kind


class Backlink(NamedTuple):
    """A citation seen from the passage (or source) it cites."""

    passage_id: str  # "" for a whole-source citation
    docname: str  # the citing page
    doc_title: str
    section_title: str
    node_id: str
    kind: str
