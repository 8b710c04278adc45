"""After every document is read: load the registry, find each page's mentions, and find the stale pages.

The registry (``borderlines_entities``, ``docs/entities.toml`` by default) is read every build, so it
is a dependency of every page: its bytes' digest decides whether it is loaded again. A page's
mentions are reused while the digest of its text and the registry's both hold, and a page is written
again exactly when what it shows of the entities (its marks, their previews, its search terms)
changes. A faulty registry is one warning naming the file, line and entry; the build then marks
nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...contract.ids import PassageId
from ...contract.names import PageKind
from ...entities import Mention, Registry, RegistryError, find_mentions, load_registry
from ..corpus.display import sentence_entities, view_digest
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CorpusResolved
from ..corpus.warnings import CorpusWarning, warn
from .model import LISTING_PREFIX, entity_summary, generated_digests
from .records import EntityMentions, MentionRecord, MentionsByPage

#: A registry error's "file:line: message", so the warning is located like any other.
_LOCATED = re.compile(r"(.+?:\d+): (.*)", re.DOTALL)
#: The registry's path, relative to the source folder, unless ``conf.py`` says otherwise.
DEFAULT_REGISTRY = "entities.toml"


def registry_path(app: Sphinx) -> Path:
    """Where the registry is: ``borderlines_entities``, relative to the source folder."""
    return Path(app.srcdir) / str(app.config.borderlines_entities)


def read_registry(app: Sphinx, old: EntityMentions) -> tuple[str, Registry, str]:
    """The registry's digest, the registry (empty if missing or faulty) and its fault, if any."""
    path = registry_path(app)
    try:
        data = path.read_bytes()
    except OSError:
        if app.config.borderlines_entities != DEFAULT_REGISTRY:
            warn(f"{path}: no entity registry there", CorpusWarning.ENTITY_REGISTRY)
        return "", Registry(path, ()), ""
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if digest == old.registry_digest and old.registry is not None:
        registry, error = old.registry, old.registry_error
    else:
        try:
            registry, error = load_registry(path), ""
        except RegistryError as fault:
            registry, error = Registry(path, ()), str(fault)
    if error:
        located = _LOCATED.fullmatch(error)
        if located:
            warn(located.group(2), CorpusWarning.ENTITY_REGISTRY, located.group(1))
        else:
            warn(error, CorpusWarning.ENTITY_REGISTRY)
    return digest, registry, error


def derive_entities(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Find every page's mentions; return the pages whose marks changed (corpus-resolved)."""
    corpus = corpus_of(env)
    old = corpus.feature(EntityMentions) or EntityMentions()
    digest, registry, error = read_registry(app, old)
    by_page = MentionsByPage()
    keys: dict[str, str] = {}
    for docname in sorted(corpus.sources):
        keys[docname] = f"{digest}:{corpus.text_digest(docname)}"
        known = _reuse(old, docname, keys[docname])
        by_page[docname] = _source_mentions(corpus, registry, docname) if known is None else known
    for docname in corpus.pages_of_kind(PageKind.TOPIC):
        runs = corpus.prose.get(docname, ())
        keys[docname] = f"{digest}:{view_digest(runs)}"
        known = _reuse(old, docname, keys[docname])
        by_page[docname] = _prose_mentions(registry, runs) if known is None else known
    _check_refs(corpus, registry)
    quoted = _named_in_backlinks(resolved)
    views: dict[str, str] = {}
    view_bases: dict[str, str] = {}
    for docname in sorted(set(by_page) | set(corpus.entity_refs) | set(quoted)):
        refs, named = corpus.entity_refs.get(docname, ()), quoted.get(docname, ())
        view_bases[docname] = view_digest([digest, keys.get(docname), refs, named])
        views[docname] = (
            old.views[docname]
            if old.view_bases.get(docname) == view_bases[docname] and docname in old.views
            else _view(registry, by_page.get(docname, ()), refs, named)
        )
    found = EntityMentions(digest, registry, error, by_page, keys, views, view_bases=view_bases)
    basis = view_digest(
        [digest, *((name, corpus.sources[name], keys[name]) for name in sorted(corpus.sources))]
    )
    generated = old.generated if basis == old.generated_basis else generated_digests(corpus, found)
    rewrite = frozenset(name for name, each in generated.items() if old.generated.get(name) != each)
    new = EntityMentions(
        digest, registry, error, by_page, keys, views, generated, rewrite, basis, view_bases=view_bases
    )
    corpus.note_feature(new)
    stale = {
        docname for docname in set(views) | set(old.views) if views.get(docname) != old.views.get(docname)
    }
    if _index_view(new) != _index_view(old):
        stale.update(corpus.entity_indexes)
    return sorted(stale)


def _reuse(old: EntityMentions, docname: str, key: str) -> tuple[MentionRecord, ...] | None:
    return old.by_page.get(docname) if old.keys.get(docname) == key and docname in old.by_page else None


def _source_mentions(corpus: CorpusDomain, registry: Registry, docname: str) -> tuple[MentionRecord, ...]:
    paragraphs = [
        (passage_id, corpus.passages[passage_id].text)
        for passage_id in corpus.doc_passages.get(docname, ())
        if not corpus.passages[passage_id].parent
    ]
    mentions, _unresolved = find_mentions(registry, paragraphs)
    return tuple(_record(mention, mention.passage_id) for mention in mentions)


def _prose_mentions(registry: Registry, runs: tuple[str, ...]) -> tuple[MentionRecord, ...]:
    # Runs stand in for passages: one page is one "source", so short forms follow the page's full names.
    ids = [str(PassageId("page", number, None, "0000")) for number in range(1, len(runs) + 1)]
    numbers = {passage_id: str(number) for number, passage_id in enumerate(ids, start=1)}
    mentions, _unresolved = find_mentions(registry, list(zip(ids, runs, strict=True)))
    return tuple(_record(mention, numbers[mention.passage_id]) for mention in mentions)


def _record(mention: Mention, passage: str) -> MentionRecord:
    # Most mentions are written as their alias is: they share its string (630,000 at 10,000 sources).
    exact = mention.alias if mention.exact == mention.alias else mention.exact
    return MentionRecord(mention.entity_id, passage, mention.start, mention.end, exact, mention.alias)


def _check_refs(corpus: CorpusDomain, registry: Registry) -> None:
    """Warn about every ``{corpus:entity}`` link naming no registered entity."""
    for docname in sorted(corpus.entity_refs):
        for ref in corpus.entity_refs[docname]:
            if registry.get(ref.entity) is None:
                warn(
                    f"entity link: no entity {ref.entity!r} in the registry",
                    CorpusWarning.UNKNOWN_ENTITY,
                    (ref.docname, ref.line),
                )


def _named_in_backlinks(resolved: CorpusResolved) -> dict[str, tuple[str, ...]]:
    """Per source page, the entities its backlinks' citing sentences show by name."""
    named = {
        docname: tuple(sorted({each for link in links for each in sentence_entities(link.sentence)}))
        for docname, links in resolved.derived.backlinks.items()
    }
    return {docname: entities for docname, entities in named.items() if entities}


def _view(
    registry: Registry, mentions: tuple[MentionRecord, ...], refs: Iterable[object], quoted: Iterable[str]
) -> str:
    named = sorted(
        {mention.entity for mention in mentions} | {getattr(ref, "entity", "") for ref in refs} | set(quoted)
    )
    return view_digest([mentions, tuple(refs), *(entity_summary(registry, each) for each in named)])


def _index_view(record: EntityMentions) -> str:
    return view_digest(
        sorted(item for item in record.generated.items() if item[0].startswith(LISTING_PREFIX))
    )
