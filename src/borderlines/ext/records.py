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
    passages: int
    line: int


class PassageRecord(NamedTuple):
    """A citable passage: a paragraph or one of its sentences."""

    id: str
    docname: str
    kind: str  # "paragraph" or "sentence"
    parent: str  # the paragraph's ID for a sentence, "" for a paragraph
    text: str
    line: int
