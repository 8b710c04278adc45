"""Search with Pagefind: a static index that readers load in small fragments, filtered by outlet, kind,
date and topic.

Sphinx's own index is one file every reader loads whole (about 2.3 MB per 1,000 articles) and costs
about a third of a build. With Furo, Sphinx's indexer is switched off; after the build, Pagefind (a
compiled binary shipped on PyPI) indexes the source and topic pages into bundles under
``_build/html/pagefind/`` (``bundles.py``), and ``search.html`` runs Pagefind's interface over them.
This module marks what Pagefind reads: which part of a page, and its filter values.
"""

from __future__ import annotations

import hashlib
from html import escape
from typing import Any

import lxml.html
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

from ...contract.names import TOPIC_KIND_LABEL, PageKind, kind_label
from ..corpus.domain import corpus_of
from ..corpus.warnings import CorpusWarning, warn
from ..entities.records import EntityMentions

#: Source pages a search bundle holds at most (see ``bundles.py``).
BUNDLE_SIZE = 250
#: Topic pages a search bundle holds at most: fewer, since each is larger and any topic edit indexes
#: its bundle again (Pagefind takes about 12 ms a topic page, 7 ms a source page, on 2 CPUs).
TOPIC_BUNDLE_SIZE = 100
SEARCH_TEMPLATE = "corpus-search.html"
#: Parts of a page that are about the page, not its text: not searched.
#: What a source page shows about the rest of the corpus: a search finds a source by its own words only.
NOT_SEARCHED = (
    ".corpus-provenance",
    ".corpus-backlinks",
    ".corpus-cited-by",
    ".corpus-source-claims",
    ".corpus-source-events",
    ".corpus-reuse",
    ".corpus-reuse-summary",
    ".corpus-cite-this",
    ".headerlink",
)

#: The attribute of a page's searched part holding a digest of what Pagefind reads of it, so that a
#: bundle is indexed again only when that changed (``bundles.py``), not whenever the page was written.
SEARCHED_DIGEST = "data-borderlines-searched"
_NOT_SEARCHED_CLASSES = frozenset(selector.lstrip(".") for selector in NOT_SEARCHED)


def setup_search(app: Sphinx) -> None:
    """Pagefind in bounded bundles, in place of Sphinx's own search index."""
    app.add_config_value("borderlines_search_bundle_size", BUNDLE_SIZE, "", types=[int])
    app.add_config_value("borderlines_search_topic_bundle_size", TOPIC_BUNDLE_SIZE, "", types=[int])
    app.connect("config-inited", add_search_page)
    app.connect("builder-inited", switch_off_sphinx_index)
    app.connect("html-page-context", mark_for_search)


def pagefind_on(app: Sphinx) -> bool:
    """Whether this build searches with Pagefind: an HTML build with Furo (the search page is Furo's)."""
    return isinstance(app.builder, StandaloneHTMLBuilder) and app.config.html_theme == "furo"


def add_search_page(app: Sphinx, config: Config) -> None:
    """Serve Pagefind's interface as ``search.html``; refuse an empty bundle size (config-inited)."""
    for name, default in (
        ("borderlines_search_bundle_size", BUNDLE_SIZE),
        ("borderlines_search_topic_bundle_size", TOPIC_BUNDLE_SIZE),
    ):
        if config[name] < 1:
            warn(f"{name} must be at least 1, not {config[name]}; using {default}", CorpusWarning.CONFIG)
            config[name] = default
    if config.html_theme == "furo":
        config.html_additional_pages = {"search": SEARCH_TEMPLATE, **config.html_additional_pages}


def switch_off_sphinx_index(app: Sphinx) -> None:
    """Sphinx builds no ``searchindex.js`` and no search page of its own (builder-inited)."""
    if pagefind_on(app):
        app.builder.search = False  # type: ignore[attr-defined]


def mark_for_search(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Wrap the text of source and topic pages for Pagefind, with their filters (html-page-context)."""
    if not pagefind_on(app) or not isinstance(context.get("body"), str):
        return
    filters = search_filters(app, pagename, str(context.get("title", "")))
    if filters is None:
        return
    marks = "".join(
        f'<span hidden data-pagefind-filter="{name}[data-value]" data-value="{escape(value)}"></span>'
        for name, values in filters.items()
        for value in values
    )
    searched = f"{marks}{context['body']}"
    digest = searched_digest(searched)
    context["body"] = f'<div data-pagefind-body {SEARCHED_DIGEST}="{digest}">{searched}</div>'


def searched_digest(html: str) -> str:
    """A digest of what Pagefind reads of a page's searched part ``html``, all but ``NOT_SEARCHED``:
    its text, its tags and their attributes (ids, filters and the values they name), but not their
    classes, which Pagefind does not index, nor how white space runs: a passage marked as cited
    reads the same, and so does a page without a part that is not searched."""
    digest = hashlib.blake2b(digest_size=16)
    pending: list[str] = []  # text since the last tag, so that a part left out leaves no trace

    def add(*parts: object) -> None:
        digest.update(repr((" ".join("".join(pending).split()), *parts)).encode("utf-8", "surrogatepass"))
        pending.clear()

    def walk(element: lxml.html.HtmlElement) -> None:
        for child in element:
            if isinstance(child.tag, str) and _NOT_SEARCHED_CLASSES.isdisjoint(
                child.get("class", "").split()
            ):
                add(child.tag, sorted((key, value) for key, value in child.attrib.items() if key != "class"))
                pending.append(child.text or "")
                walk(child)
                add("/")
            pending.append(child.tail or "")

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    pending.append(root.text or "")
    walk(root)
    add()
    return digest.hexdigest()


def search_filters(app: Sphinx, pagename: str, title: str) -> dict[str, list[str]] | None:
    """A page's filter values, or None for pages that are not searched (indexes, about pages)."""
    corpus = corpus_of(app.env)
    source = corpus.sources.get(pagename)
    if source is not None:
        citing = {link.doc_title for link in corpus.derived.backlinks.get(pagename, ())}
        return {
            "outlet": [source.outlet or "Unknown"],
            "kind": [kind_label(source.kind)],
            "date": [source.date[:7] if source.date else "Unknown"],
            "topic": sorted(citing),
            "entity": entity_names(app, pagename),
        }
    if corpus.page_kinds.get(pagename) is PageKind.TOPIC:
        return {"kind": [TOPIC_KIND_LABEL], "topic": [title], "entity": entity_names(app, pagename)}
    return None


def entity_names(app: Sphinx, pagename: str) -> list[str]:
    """The preferred names of the entities the page mentions, for the search page's entity filter."""
    record = corpus_of(app.env).feature(EntityMentions)
    if record is None or record.registry is None:
        return []
    named = {mention.entity for mention in record.by_page.get(pagename, ())}
    named.update(ref.entity for ref in corpus_of(app.env).entity_refs.get(pagename, ()))
    return sorted(entity.name for entity in map(record.registry.get, named) if entity is not None)
