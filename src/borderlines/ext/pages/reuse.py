"""Text reuse between sources, found once every source is read (corpus-resolved).

Sentence passages of different sources are paired by MinHash and LSH and each candidate aligned
exactly (``borderlines.reuse``); the pairs join into clusters. The feature keeps one ``TextReuse``
record: what each source page shows and the clusters in publication order. It returns the source
pages whose view of reuse changed, and the listing and summary pages that show those sources' clusters.

The caches that let the next build sign only new texts and align only new candidates are kept beside
Sphinx's environment, not in it (``CACHE_FILE``): at 10,000 sources they are 56 MB pickled and 146 MB
in memory, which the main process would otherwise hold through the whole write and load and save on
every rebuild, though only a build that reads a source again uses them.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...reuse.clusters import clusters
from ...reuse.detect import Caches, Passage, ReusePair, detect
from ..corpus.display import view_digest
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from ..corpus.records import SummaryKind

#: The order of publication: undated sources after dated ones, then by page and place in the page.
PassageOrder = tuple[str, str, int]


@dataclass(frozen=True)
class TextReuse:
    """What reuse detection found in the last build, and what it keeps for the next."""

    pairs_of: Mapping[str, tuple[ReusePair, ...]] = field(default_factory=dict)
    """Per source page, the pairs one of whose passages is on it."""
    clusters: tuple[tuple[str, ...], ...] = ()
    """Passages joined by pairs, each cluster in order of publication, the clusters in that of their first."""
    clusters_of: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Per source page, the clusters (indexes into ``clusters``) holding one of its passages."""
    views: Mapping[str, str] = field(default_factory=dict)
    """Per source page, a digest of what it shows of reuse."""
    read: Mapping[str, int] = field(default_factory=dict)
    """When each source page found was read (Sphinx's ``env.all_docs``): while none is read again, none
    comes or goes, reuse is what it was."""


#: ``conf.py`` may set it to False to build without reuse detection (the benchmark's baseline).
CONFIG = "borderlines_text_reuse"
#: The last detection's caches, in the doctree folder.
CACHE_FILE = "borderlines-reuse-caches.pickle"


def setup_reuse_detection(app: Sphinx) -> None:
    """Find the text sources share once every source is read."""
    app.add_config_value(CONFIG, True, "env", types=[bool])
    app.connect(CORPUS_RESOLVED, derive_reuse)


def derive_reuse(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Find reuse between sources; return the pages whose view of it changed (corpus-resolved)."""
    corpus = corpus_of(env)
    old = corpus.feature(TextReuse) or TextReuse()
    if not env.config[CONFIG]:
        new = TextReuse()
    else:
        read = {docname: env.all_docs.get(docname, 0) for docname in sorted(corpus.sources)}
        if read == old.read:
            return []  # no source was read again: a no-change or topic-only rebuild costs nothing here
        cache_path = Path(app.doctreedir) / CACHE_FILE
        found, caches = find_reuse(corpus, load_caches(cache_path))
        save_caches(cache_path, caches)
        new = replace(found, read=read)
    corpus.note_feature(new)
    changed = {
        docname
        for docname in set(old.views) | set(new.views)
        if old.views.get(docname) != new.views.get(docname)
    }
    if not changed:
        return []
    listings = [listing for listing, listed in corpus.listings.items() if changed.intersection(listed)]
    return sorted(changed | set(listings) | set(corpus.summary_pages(SummaryKind.REUSE)))


def load_caches(path: Path) -> Caches:
    """The caches the last detection saved; none if the file is missing or unreadable."""
    try:
        with path.open("rb") as file:
            found = pickle.load(file)  # the build's own file, trusted as Sphinx trusts its environment
    except Exception:  # a cache: whatever is wrong with it, detection starts afresh
        return Caches()
    return found if isinstance(found, Caches) else Caches()


def save_caches(path: Path, caches: Caches) -> None:
    """Save the caches for the next detection, whole or not at all."""
    partial = path.with_name(f"{path.name}.partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    with partial.open("wb") as file:
        pickle.dump(caches, file, pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def find_reuse(corpus: CorpusDomain, caches: Caches) -> tuple[TextReuse, Caches]:
    """Every pair and cluster of reused sentences between the corpus's sources, and the caches for the
    next detection."""
    sources = sorted(corpus.sources)
    passages = [
        Passage(passage_id, docname, corpus.passage_text(passage_id))
        for docname in sources
        for passage_id in corpus.doc_passages.get(docname, ())
        if corpus.passages[passage_id].parent
    ]
    found = detect(passages, caches)
    order = publication_order(corpus, {name for pair in found.pairs for name in pair[:2]})
    pairs_of: dict[str, list[ReusePair]] = {}
    for pair in found.pairs:
        for passage_id in {pair.first, pair.second}:
            pairs_of.setdefault(corpus.passages[passage_id].docname, []).append(pair)
    joined = tuple(clusters(((pair.first, pair.second) for pair in found.pairs), order.__getitem__))
    clusters_of: dict[str, list[int]] = {}
    for index, members in enumerate(joined):
        for docname in dict.fromkeys(corpus.passages[member].docname for member in members):
            clusters_of.setdefault(docname, []).append(index)
    views = {
        docname: view_digest(_shown(corpus, docname, pairs, joined, clusters_of.get(docname, [])))
        for docname, pairs in pairs_of.items()
    }
    reuse = TextReuse(
        {docname: tuple(pairs) for docname, pairs in sorted(pairs_of.items())},
        joined,
        {docname: tuple(indexes) for docname, indexes in sorted(clusters_of.items())},
        views,
    )
    return reuse, found.caches


def publication_order(corpus: CorpusDomain, passage_ids: Iterable[str]) -> dict[str, PassageOrder]:
    """For each passage, its place in the order of publication: its source's date, page, and place."""
    order: dict[str, PassageOrder] = {}
    places: dict[str, dict[str, int]] = {}
    for passage_id in passage_ids:
        docname = corpus.passages[passage_id].docname
        if docname not in places:
            places[docname] = {name: index for index, name in enumerate(corpus.doc_passages[docname])}
        source = corpus.sources.get(docname)
        order[passage_id] = ((source.date if source else "") or "~", docname, places[docname][passage_id])
    return order


def _shown(
    corpus: CorpusDomain,
    docname: str,
    pairs: list[ReusePair],
    joined: tuple[tuple[str, ...], ...],
    indexes: list[int],
) -> list[object]:
    """What a source page (and the lists of its clusters) shows: the pairs with both texts, the other
    sources' records, and its clusters."""
    shown: list[object] = []
    for pair in pairs:
        for passage_id in (pair.first, pair.second):
            record = corpus.passages[passage_id]
            shown += [corpus.passage_text(passage_id), corpus.sources.get(record.docname)]
        shown.append(pair)
    for index in indexes:
        shown.append(
            [(member, corpus.sources.get(corpus.passages[member].docname)) for member in joined[index]]
        )
    return shown
