"""A link in one source to another source's own article opens that source's page in the corpus."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

from ...contract.urls import canonical_url
from ..corpus.domain import corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from .fill import CORPUS_FILL, PageNodes

SOURCE_LINK_CLASS = "corpus-source-link"


@dataclass(frozen=True)
class SourceLinks:
    """Per source page: each link to another source's own URL, with the page it now opens."""

    by_page: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """What ``by_page`` was found from: each source page's external URLs (the domain's own tuples, so
    the environment pickles them once)."""
    urls: Mapping[str, str] = field(default_factory=dict)
    """And each source page's own URL: while these hold, a page's links are the last build's."""


def setup_source_links(app: Sphinx) -> None:
    """Links between sources, found after reading and drawn on the source pages."""
    app.connect(CORPUS_RESOLVED, derive_source_links)
    app.connect(CORPUS_FILL, link_sources)


def derive_source_links(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Find every link to another source's URL; return the pages whose links changed (corpus-resolved)."""
    corpus = corpus_of(env)
    old = corpus.feature(SourceLinks) or SourceLinks()
    urls = {docname: source.url for docname, source in sorted(corpus.sources.items()) if source.url}
    links = dict(sorted(corpus.links.items()))
    kept = old.by_page if urls == old.urls else None
    new = SourceLinks(
        _internal_links(urls, links, old.links if kept is not None else {}, kept or {}), links, urls
    )
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


def _internal_links(
    urls: Mapping[str, str],
    links: Mapping[str, tuple[str, ...]],
    known_links: Mapping[str, tuple[str, ...]],
    known: Mapping[str, tuple[tuple[str, str], ...]],
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per source page, its links to other sources' URLs: those of a page whose links are still
    ``known_links`` are ``known``'s (the sources' own URLs being the same)."""
    by_url: dict[str, str] | None = None
    # the same URLs recur across pages, and splitting one is most of the cost
    target_of: dict[str, str | None] = {}
    internal: dict[str, tuple[tuple[str, str], ...]] = {}
    for docname, found in links.items():
        if known_links.get(docname) == found:
            pairs = known.get(docname, ())
        else:
            if by_url is None:
                by_url = {canonical_url(url): name for name, url in urls.items()}
            pairs = tuple(
                (url, target)
                for url in found
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
