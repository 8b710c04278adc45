"""The data package's tables of the entity registry and its mentions: ``entities`` and ``mentions``.

Mentions are those in the sources' passages; a topic page's marks, in the project's own prose, are
left out.
"""

from __future__ import annotations

from sphinx.environment import BuildEnvironment

from ...entities.records import ENTITY_TYPES
from ..corpus.domain import corpus_of
from ..entities.records import EntityMentions
from .inputs import ExportInputs
from .tabular import REQUIRED, UNIQUE, Field, ForeignKey, Schema, Table, table
from .texttables import OFFSETS, SOURCE_KEY

ENTITIES = Schema(
    "entities",
    "Entities",
    "Every person, place, organisation, armed group, facility and event of the entity registry.",
    (
        Field("id", "string", "The entity's id; its page is entities/<id>.html.", UNIQUE),
        Field("type", "string", "What it is.", {**REQUIRED, "enum": list(ENTITY_TYPES)}),
        Field("name", "string", "Its preferred name.", REQUIRED),
        Field("description", "string", "What the registry says it is."),
        Field("wikidata", "string", "Its Wikidata item (Q-number), if known."),
        Field("arabic", "string", "Its name in Arabic, if the registry gives it."),
    ),
    ("id",),
)

MENTIONS = Schema(
    "mentions",
    "Mentions",
    "Every place a source's passage names a registered entity, under whichever spelling it uses.",
    (
        Field("passage", "string", "The paragraph naming it (passages.id).", REQUIRED),
        Field("source", "string", "The source (sources.id).", REQUIRED),
        Field("entity", "string", "The entity named (entities.id).", REQUIRED),
        Field("start", "integer", f"Where the name begins {OFFSETS}.", REQUIRED),
        Field("end", "integer", f"Just after where it ends {OFFSETS}.", REQUIRED),
        Field("exact", "string", "The name as the passage writes it.", REQUIRED),
        Field("alias", "string", "The registry's alias it matched.", REQUIRED),
    ),
    ("passage", "start"),
    (
        ForeignKey(("passage",), "passages", ("id",)),
        SOURCE_KEY,
        ForeignKey(("entity",), "entities", ("id",)),
    ),
)


def entities_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per entity of the registry the build read."""
    found = corpus_of(env).feature(EntityMentions)
    registry = found.registry if found is not None and found.registry is not None else ()
    rows = [
        (
            entity.id,
            entity.type,
            entity.name,
            entity.description.value,
            entity.qid.value if entity.qid else None,
            entity.arabic.value if entity.arabic else None,
        )
        for entity in registry
    ]
    return table(ENTITIES, rows)


def mentions_table(env: BuildEnvironment, inputs: ExportInputs) -> Table:
    """One row per mention in a source's passage, with where it stands in the source's text."""
    corpus = corpus_of(env)
    found = corpus.feature(EntityMentions) or EntityMentions()
    rows = []
    for docname, text in inputs.texts.items():
        slug = corpus.sources[docname].slug
        for mention in found.by_page.get(docname, ()):
            begins = text.starts[mention.passage]
            start, end = begins + mention.start, begins + mention.end
            rows.append((mention.passage, slug, mention.entity, start, end, mention.exact, mention.alias))
    return table(MENTIONS, rows)
