"""A link in one source to another source's own article opens that source's page in the corpus."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

from ...contract.urls import canonical_url
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from .fill import CORPUS_FILL, PageNodes

SOURCE_LINK_CLASS = "corpus-source-link"


@dataclass(frozen=True)
class SourceLinks:
    """Per source page: each link to another source's own URL, with the page it now opens."""

    by_page: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def setup_source_links(app: Sphinx) -> None:
    """Links between sources, found after reading and drawn on the source pages."""
    app.connect(CORPUS_RESOLVED, derive_source_links)
    app.connect(CORPUS_FILL, link_sources)


def derive_source_links(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Find every link to another source's URL; return the pages whose links changed (corpus-resolved)."""
    corpus = corpus_of(env)
    old = corpus.feature(SourceLinks) or SourceLinks()
    new = SourceLinks(_internal_links(corpus))
    corpus.note_feature(new)
    return [
        docname
        for docname in set(old.by_page) | set(new.by_page)
        if old.by_page.get(docname) != new.by_page.get(docname)
    ]


def link_sources(app: Sphinx, page: PageNodes) -> None:
    """Point the page's links to other sources' URLs at their pages in the corpus (corpus-fill)."""
    corpus = corpus_of(app.env)
    links = corpus.feature(SourceLinks)
    internal = dict(links.by_page.get(page.docname, ())) if links else {}
    if not internal:
        return
    for reference in page.references:
        target = internal.get(str(reference.get("refuri", "")))
        if target is None:
            continue
        with suppress(NoUri):
            reference["refuri"] = app.builder.get_relative_uri(page.docname, target)
            reference["internal"] = True
            reference["classes"].append(SOURCE_LINK_CLASS)
            reference["reftitle"] = f"Source page in this corpus: {corpus.sources[target].title}"


def _internal_links(corpus: CorpusDomain) -> dict[str, tuple[tuple[str, str], ...]]:
    by_url = {canonical_url(s.url): s.docname for s in corpus.sources.values() if s.url}
    # the same URLs recur across pages, and splitting one is most of the cost
    target_of: dict[str, str | None] = {}
    internal: dict[str, tuple[tuple[str, str], ...]] = {}
    for docname, urls in sorted(corpus.links.items()):
        pairs = tuple(
            (url, target)
            for url in urls
            if (target := _target(url, by_url, target_of)) is not None and target != docname
        )
        if pairs:
            internal[docname] = pairs
    return internal


def _target(url: str, by_url: dict[str, str], target_of: dict[str, str | None]) -> str | None:
    """The corpus page at a URL, if any, looked up once a URL."""
    if url not in target_of:
        target_of[url] = by_url.get(canonical_url(url))
    return target_of[url]
