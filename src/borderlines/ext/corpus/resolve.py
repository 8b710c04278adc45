"""After every document is read: resolve every citation, derive backlinks, and find the stale pages."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...contract.ids import parse_passage_id
from ...contract.names import Role
from ...text import original_offset
from .display import citation_view, clip, shown_sentence, view_digest
from .domain import CorpusDomain, corpus_of
from .events import CorpusResolved, emit_resolved
from .quotes import Paragraph, QuoteMatch, QuoteSpec, QuoteSyntaxError, closest_text, find_quote, parse_quote
from .records import (
    Backlink,
    CitationRecord,
    Derived,
    PageResolution,
    QuoteAnchor,
    QuoteKey,
    Resolution,
    SourceRecord,
)
from .warnings import CorpusWarning, warn

#: Characters of the paragraph kept on each side of a quote (as W3C ``TextQuoteSelector`` suggests).
CONTEXT = 32


def refresh(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Derive everything anew, tell the features (``corpus-resolved``), and return every page whose
    derived content changed (env-get-updated)."""
    corpus = corpus_of(env)
    old = corpus.derived
    resolver = Resolver(corpus, corpus.quote_cache, old)
    new = resolver.derive()
    corpus.note_derived(new, resolver.quote_cache)
    changed = frozenset(
        docname
        for docname in set(new.views) | set(old.views)
        if new.views.get(docname) != old.views.get(docname)
    )
    stale = changed | emit_resolved(app, env, CorpusResolved(new, changed))
    return sorted(stale & set(env.all_docs))


class Resolver:
    """One build's resolution pass; each source's text is indexed at most once.

    Matching a quote is the costly part: so each quote found is kept, keyed by the quote, the source's
    record and a digest of the source's text, and the next build reuses it while all three are
    unchanged. A citing page is resolved again only when its citations, or the record or text of a
    page it cites, changed, or when one of its citations failed (so that its warnings repeat). Only
    what this build used is kept.
    """

    def __init__(
        self, corpus: CorpusDomain, previous: dict[QuoteKey, Resolution], old: Derived | None = None
    ) -> None:
        self.corpus = corpus
        self.by_slug = {source.slug: source for source in corpus.sources.values()}
        self._paragraphs: dict[str, list[Paragraph]] = {}
        self.previous = previous
        self.old = old or Derived()
        self.quote_cache: dict[QuoteKey, Resolution] = {}

    def derive(self) -> Derived:
        """Resolve every citation of every page, and what each page shows of the result."""
        resolutions: dict[str, Mapping[str, Resolution | None]] = {}
        pages: dict[str, PageResolution] = {}
        backlinks: dict[str, list[Backlink]] = {}
        views: dict[str, str] = {}
        for docname in sorted(self.corpus.citations):
            page = self.reused(docname)
            resolved: Mapping[str, Resolution | None]
            if page is None:
                resolved, page = self.resolve_page(docname)
            else:
                resolved = self.old.resolutions[docname]
                self.keep_quotes(page, resolved)
            resolutions[docname] = resolved
            if page.view:
                pages[docname] = page
            else:
                page = page._replace(view=self.page_view(docname, resolved))
            views[docname] = page.view
            for target, link in page.links:
                backlinks.setdefault(target, []).append(link)
        shown = {docname: tuple(links) for docname, links in backlinks.items()}
        for docname, links in shown.items():
            same = self.old.backlinks.get(docname) == links and docname in self.old.views
            views[docname] = self.old.views[docname] if same else view_digest(links)
        return Derived(resolutions, shown, views, pages)

    def reused(self, docname: str) -> PageResolution | None:
        """Last build's resolution of ``docname``, if nothing it rests on changed."""
        page = self.old.pages.get(docname)
        if page is None or page.citations != self.corpus.citations[docname]:
            return None
        for target, record, digest in page.targets:
            if self.corpus.sources.get(target) != record or self.by_slug.get(record.slug) != record:
                return None
            if self.corpus.text_digest(target) != digest:
                return None
        return page

    def resolve_page(self, docname: str) -> tuple[dict[str, Resolution | None], PageResolution]:
        """Resolve each citation of ``docname``; the page's record has no view if one failed."""
        resolved: dict[str, Resolution | None] = {}
        links: list[tuple[str, Backlink]] = []
        for citation in self.corpus.citations[docname]:
            resolution = self.resolve(citation)
            resolved[citation.node_id] = resolution
            if resolution is not None:
                link = Backlink(
                    resolution.passage_id,
                    citation.docname,
                    citation.doc_title,
                    citation.section_title,
                    citation.node_id,
                    citation.kind,
                    shown_sentence(citation, resolution, self.by_slug),
                )
                links.append((resolution.docname, link))
        cited = sorted({resolution.docname for resolution in resolved.values() if resolution is not None})
        targets = tuple(
            (target, self.corpus.sources[target], self.corpus.text_digest(target))
            for target in cited
            if target in self.corpus.sources
        )
        complete = None not in resolved.values() and len(targets) == len(cited)
        view = self.page_view(docname, resolved) if complete else ""
        return resolved, PageResolution(self.corpus.citations[docname], targets, tuple(links), view)

    def page_view(self, docname: str, resolved: Mapping[str, Resolution | None]) -> str:
        """The digest of what ``docname`` shows of its citations."""
        shown: list[object] = []
        for citation in self.corpus.citations[docname]:
            resolution = resolved[citation.node_id]
            shown.append(
                None if resolution is None else citation_view(self.corpus, resolution, citation.label)
            )
        return view_digest(shown)

    def keep_quotes(self, page: PageResolution, resolved: Mapping[str, Resolution | None]) -> None:
        """Carry the quotes of a reused page into this build's quote cache."""
        digests = {target: (record, digest) for target, record, digest in page.targets}
        for citation in page.citations:
            resolution = resolved.get(citation.node_id)
            if citation.kind == Role.QUOTE and resolution is not None:
                record, digest = digests[resolution.docname]
                self.quote_cache[citation.target, record, digest] = resolution

    def resolve(self, citation: CitationRecord) -> Resolution | None:
        """What ``citation`` points at, or None after a warning naming the closest text."""
        if citation.kind == Role.CITE:
            return self.resolve_passage(citation)
        if citation.kind == Role.QUOTE:
            return self.resolve_quote(citation)
        source = self.source(citation, citation.target)
        return None if source is None else Resolution("", source.docname, None)

    def resolve_passage(self, citation: CitationRecord) -> Resolution | None:
        """A citation of a passage by its ID."""
        passage = self.corpus.passages.get(citation.target)
        if passage is not None:
            return Resolution(passage.id, passage.docname, None)
        parsed = parse_passage_id(citation.target)
        source = self.source(citation, parsed.slug if parsed else citation.target)
        if source is not None:
            known = self.corpus.doc_passages.get(source.docname, ())
            closest = get_close_matches(citation.target, known, n=1, cutoff=0)
            hint = f"{closest[0]!r} ({clip(self.corpus.passage_text(closest[0]))})" if closest else "none"
            self.warn(
                citation,
                CorpusWarning.UNKNOWN_PASSAGE,
                f"no passage {citation.target!r} in source {source.slug!r}; closest: {hint}",
            )
        return None

    def resolve_quote(self, citation: CitationRecord) -> Resolution | None:
        """A citation of the source's own words."""
        try:
            spec = parse_quote(citation.target)
        except QuoteSyntaxError as error:
            self.warn(citation, CorpusWarning.CITATION_SYNTAX, str(error))
            return None
        source = self.source(citation, spec.slug)
        if source is None:
            return None
        key = (citation.target, source, self.corpus.text_digest(source.docname))
        known = self.quote_cache.get(key) or self.previous.get(key)
        if known is None:
            known = self._match_quote(citation, spec, source)
        if known is not None:
            self.quote_cache[key] = known
        return known

    def _match_quote(
        self, citation: CitationRecord, spec: QuoteSpec, source: SourceRecord
    ) -> Resolution | None:
        paragraphs = self.paragraphs(source.docname)
        matches = find_quote(spec, paragraphs)
        shown = f'"{spec.words}"'
        if not matches:
            closest = closest_text(spec, paragraphs)
            hint = f"{closest[0]!r} ({clip(closest[1])})" if closest else "none"
            self.warn(
                citation,
                CorpusWarning.QUOTE_NOT_FOUND,
                f"quote {shown} not found in source {source.slug!r}; closest text: {hint}",
            )
            return None
        if len(matches) > 1:
            places = ", ".join(match.passage_id for match in matches)
            self.warn(
                citation,
                CorpusWarning.QUOTE_AMBIGUOUS,
                f"quote {shown} matches {len(matches)} places in source {source.slug!r} ({places}); "
                "add the words next to it as context: before [[quoted words]] after",
            )
            return None
        return Resolution(matches[0].passage_id, source.docname, self.anchor(matches[0]))

    def anchor(self, match: QuoteMatch) -> QuoteAnchor:
        """Where the matched words stand in their passage, with the paragraph's text around them."""
        paragraph = self.corpus.passage_text(match.paragraph_id)
        start, end = original_offset(paragraph, match.start), original_offset(paragraph, match.end)
        record = self.corpus.passages[match.passage_id]
        offset = record.start if record.parent else 0
        return QuoteAnchor(
            paragraph[start:end],
            paragraph[max(start - CONTEXT, 0) : start],
            paragraph[end : end + CONTEXT],
            start - offset,
            end - offset,
            match.before,
            match.after,
        )

    def source(self, citation: CitationRecord, slug: str) -> SourceRecord | None:
        """The source with ``slug``, or None after a warning naming the closest slug."""
        found = self.by_slug.get(slug)
        if found is None:
            closest = get_close_matches(slug, list(self.by_slug), n=1, cutoff=0)
            self.warn(
                citation,
                CorpusWarning.UNKNOWN_SOURCE,
                f"unknown source {slug!r}; closest: {closest[0]!r}"
                if closest
                else f"unknown source {slug!r}",
            )
        return found

    def paragraphs(self, docname: str) -> list[Paragraph]:
        """The source's paragraphs with their sentences, built once per build."""
        if docname not in self._paragraphs:
            passages = self.corpus.passages
            sentences: dict[str, list[tuple[str, str]]] = {}
            order: list[str] = []
            for passage_id in self.corpus.doc_passages.get(docname, ()):
                record = passages[passage_id]
                if record.parent:
                    sentences.setdefault(record.parent, []).append(
                        (record.id, self.corpus.passage_text(record.id))
                    )
                else:
                    order.append(record.id)
            self._paragraphs[docname] = [
                Paragraph(pid, self.corpus.passage_text(pid), tuple(sentences.get(pid, ()))) for pid in order
            ]
        return self._paragraphs[docname]

    def warn(self, citation: CitationRecord, subtype: CorpusWarning, message: str) -> None:
        """Warn about ``citation`` at its own line."""
        warn(f"{citation.kind} citation: {message}", subtype, (citation.docname, citation.line))
