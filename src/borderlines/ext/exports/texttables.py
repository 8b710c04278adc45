"""The data package's tables of the sources' text: ``sources``, ``passages`` and ``reuse``."""

from __future__ import annotations

from sphinx.environment import BuildEnvironment

from ...contract.ids import parse_passage_id
from ...contract.metadata import SourceMetadata
from ...contract.names import SourceKind
from ..corpus.domain import corpus_of
from ..pages.reuse import TextReuse
from .inputs import ExportInputs
from .tabular import REQUIRED, UNIQUE, Field, ForeignKey, Schema, Table, table

#: Where offsets count: code points of the source's text (``sourcetext``).
OFFSETS = "in the source's text (its paragraphs joined by a blank line), in code points"
SOURCE_KEY = ForeignKey(("source",), "sources", ("id",))

SOURCES = Schema(
    "sources",
    "Sources",
    "Every source of the corpus, as its catalogue entry and front matter describe it.",
    (
        Field("id", "string", "The source's slug; its page is sources/<id>.html.", UNIQUE),
        Field("page", "string", "The source page's document name (the page is <page>.html).", UNIQUE),
        Field("title", "string", "Its title, as the catalogue or the source gives it."),
        Field("outlet", "string", "The outlet that published it."),
        Field(
            "date", "string", "When it was published: an ISO 8601 day, year-month or year; empty if unknown."
        ),
        Field("kind", "string", "What kind of text it is.", {**REQUIRED, "enum": list(SourceKind)}),
        Field("language", "string", "Its language (a BCP 47 tag), if known."),
        Field("url", "string", "Where it was published, if known."),
        Field("passages", "integer", "How many passages (paragraphs and sentences) it has.", REQUIRED),
    ),
    ("id",),
)

PASSAGES = Schema(
    "passages",
    "Passages",
    "Every citable passage: each paragraph of each source, and each sentence of a paragraph.",
    (
        Field("id", "string", "The passage ID: its element's id on the source page.", UNIQUE),
        Field("source", "string", "The source it is part of (sources.id).", REQUIRED),
        Field(
            "kind", "string", "A paragraph or a sentence.", {**REQUIRED, "enum": ["paragraph", "sentence"]}
        ),
        Field("paragraph", "integer", "The paragraph's number in the source, from 1.", {"minimum": 1}),
        Field("sentence", "integer", "A sentence's number in its paragraph, from 1.", {"minimum": 1}),
        Field("parent", "string", "A sentence's paragraph (passages.id); empty for a paragraph."),
        Field("start", "integer", f"Where its text begins {OFFSETS}.", REQUIRED),
        Field("end", "integer", f"Just after where its text ends {OFFSETS}.", REQUIRED),
        Field("text", "string", "Its words, as the source page shows them.", REQUIRED),
    ),
    ("id",),
    (SOURCE_KEY, ForeignKey(("parent",), "", ("id",))),
    order=("source", "start", "kind"),
)

REUSE = Schema(
    "reuse",
    "Text reuse",
    "Every pair of sentences of two sources sharing their text, each pair aligned word by word.",
    (
        Field("first", "string", "One sentence (passages.id); its ID sorts before the other's.", REQUIRED),
        Field("second", "string", "The other sentence (passages.id).", REQUIRED),
        Field("first_source", "string", "The first sentence's source (sources.id).", REQUIRED),
        Field("second_source", "string", "The second sentence's source (sources.id).", REQUIRED),
        Field("shared", "integer", "How many words of the two are identical.", REQUIRED),
        Field("identical", "number", "Identical words over the words of the longer aligned span.", REQUIRED),
        Field("cluster", "integer", "The cluster of sentences the pairs join, numbered from 1.", REQUIRED),
    ),
    ("first", "second"),
    (
        ForeignKey(("first",), "passages", ("id",)),
        ForeignKey(("second",), "passages", ("id",)),
        ForeignKey(("first_source",), "sources", ("id",)),
        ForeignKey(("second_source",), "sources", ("id",)),
    ),
)


def sources_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per source."""
    corpus = corpus_of(env)
    rows = [
        (
            record.slug,
            docname,
            record.title,
            record.outlet,
            record.date,
            record.kind or SourceKind.UNKNOWN,
            SourceMetadata.from_front_matter(env.metadata.get(docname, {})).text("language"),
            record.url,
            len(inputs.texts[docname].starts),
        )
        for docname, record in corpus.sources.items()
    ]
    return table(SOURCES, rows)


def passages_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per passage, with where it stands in its source's text."""
    corpus = corpus_of(env)
    rows = []
    for docname, text in inputs.texts.items():
        for passage_id, start in text.starts.items():
            record = corpus.passages[passage_id]
            parts = parse_passage_id(passage_id)
            words = corpus.passage_text(passage_id)
            rows.append(
                (
                    passage_id,
                    corpus.sources[docname].slug,
                    record.kind,
                    parts.paragraph if parts else None,
                    parts.sentence if parts else None,
                    record.parent or None,
                    start,
                    start + len(words),
                    words,
                )
            )
    return table(PASSAGES, rows)


def reuse_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per pair of reused sentences, in the cluster the pairs join them into."""
    corpus = corpus_of(env)
    found = corpus.feature(TextReuse) or TextReuse()
    cluster_of = {member: number for number, members in enumerate(found.clusters, 1) for member in members}
    pairs = {(pair.first, pair.second): pair for pairs in found.pairs_of.values() for pair in pairs}
    rows = [
        (
            first,
            second,
            corpus.sources[corpus.passages[first].docname].slug,
            corpus.sources[corpus.passages[second].docname].slug,
            pair.alignment.shared,
            pair.alignment.identical,
            cluster_of.get(first),
        )
        for (first, second), pair in pairs.items()
    ]
    return table(REUSE, rows)
