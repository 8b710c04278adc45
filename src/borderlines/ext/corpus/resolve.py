"""After every document is read: resolve citations, derive backlinks and internal links, find stale pages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import corpus_of
from .provenance import kind_label
from .quotes import (
    Paragraph,
    QuoteSpec,
    QuoteSyntaxError,
    closest_text,
    find_quote,
    parse_quote,
    text_fragment,
)
from .records import Backlink, CitationRecord, Resolution, SourceRecord
from .urls import canonical_url
from .warnings import CorpusWarning, warn

if TYPE_CHECKING:
    from .domain import CorpusDomain

_SLUG_OF_ID = re.compile(r"(?P<slug>.+?)-p\d+(?:-s\d+)?-[0-9a-f]{4}")
_PREVIEW_CHARACTERS = 280
_ABBREVIATION = re.compile(r".+\(([A-Z][A-Za-z0-9.&-]{1,15})\)")


def refresh(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Derive everything anew and return the pages whose derived content changed (env-get-updated)."""
    corpus = corpus_of(env)
    old = corpus.derived
    resolver = _Resolver(corpus, corpus.data.get("quote_cache", {}))
    new = resolver.derive()
    corpus.data["derived"] = new
    corpus.data["quote_cache"] = resolver.quote_cache
    stale = {
        docname
        for key, table in new.items()
        for docname in set(table) | set(old.get(key, {}))
        if table.get(docname) != old.get(key, {}).get(docname)
    }
    # A listing page shows its sources' coverage.
    stale |= {listing for listing, listed in corpus.listings.items() if stale & set(listed)}
    return sorted(stale & set(env.all_docs))


def short_outlet(outlet: str) -> str:
    """An outlet's own abbreviation when its name gives one ("AhlulBayt News Agency (ABNA)" is ABNA)."""
    match = _ABBREVIATION.fullmatch(outlet)
    return match.group(1) if match else (outlet or "outlet unknown")


def short_date(date: str) -> str:
    """``2024-12-19`` as ``19 Dec 2024``; a partial or odd date as it is."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    parts = date.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(part.isdigit() for part in parts) and 1 <= int(parts[1]) <= 12:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return date or "undated"


#: A quote's resolution depends only on the quote, the source's record and the source's text.
QuoteKey = tuple[str, SourceRecord, str]


class _Resolver:
    """One build's resolution pass; each source's text is indexed at most once.

    Matching a quote is the costly part, and every build resolves every citation: so each quote
    found is kept, keyed by the quote, the source's record and a digest of the source's text, and the
    next build reuses it while all three are unchanged. Only what this build used is kept.
    """

    def __init__(self, corpus: CorpusDomain, previous: dict[QuoteKey, Resolution]) -> None:
        self.corpus = corpus
        self.by_slug = {source.slug: source for source in corpus.sources.values()}
        self._paragraphs: dict[str, list[Paragraph]] = {}
        self._digests: dict[str, str] = {}
        self.previous = previous
        self.quote_cache: dict[QuoteKey, Resolution] = {}

    def derive(self) -> dict[str, dict[str, Any]]:
        resolutions: dict[str, dict[str, Resolution | None]] = {}
        backlinks: dict[str, list[Backlink]] = {}
        for docname in sorted(self.corpus.citations):
            resolutions[docname] = {}
            for citation in self.corpus.citations[docname]:
                resolved = self.resolve(citation)
                resolutions[docname][citation.node_id] = resolved
                if resolved is not None:
                    backlinks.setdefault(resolved.docname, []).append(
                        Backlink(
                            resolved.passage_id,
                            citation.docname,
                            citation.doc_title,
                            citation.section_title,
                            citation.node_id,
                            citation.kind,
                        )
                    )
        return {
            "resolutions": resolutions,
            "backlinks": {docname: tuple(links) for docname, links in backlinks.items()},
            "internal": self.internal_links(),
        }

    def resolve(self, citation: CitationRecord) -> Resolution | None:
        """What ``citation`` points at, or None after a warning naming the closest text."""
        if citation.kind == "cite":
            return self.resolve_passage(citation)
        if citation.kind == "quote":
            return self.resolve_quote(citation)
        source = self.source(citation, citation.target)
        if source is None:
            return None
        label = citation.label or f"{source.title} ({source.outlet}, {short_date(source.date)})"
        return Resolution(
            "", source.docname, label, "", f"{source.title} — {_byline(source)}", "", "", *_about(source)
        )

    def resolve_passage(self, citation: CitationRecord) -> Resolution | None:
        passage = self.corpus.passages.get(citation.target)
        if passage is None:
            match = _SLUG_OF_ID.fullmatch(citation.target)
            source = self.source(citation, match.group("slug") if match else citation.target)
            if source is not None:
                known = self.corpus.doc_passages.get(source.docname, ())
                closest = get_close_matches(citation.target, known, n=1, cutoff=0)
                hint = f"{closest[0]!r} ({self._excerpt(closest[0])})" if closest else "none"
                self.warn(
                    citation,
                    CorpusWarning.UNKNOWN_PASSAGE,
                    f"no passage {citation.target!r} in source {source.slug!r}; closest: {hint}",
                )
            return None
        source = self.corpus.sources.get(passage.docname)
        text = self.corpus.passage_text(passage.id)
        outlet_date = _byline(source) if source else passage.docname
        marker = f"{short_outlet(source.outlet)}, {short_date(source.date)}" if source else passage.docname
        label = citation.label or f"[{marker}]"
        return Resolution(
            passage.id,
            passage.docname,
            label,
            passage.id,
            _preview(text, outlet_date),
            text,
            "",
            *(_about(source) if source else (passage.docname, "")),
        )

    def resolve_quote(self, citation: CitationRecord) -> Resolution | None:
        try:
            spec = parse_quote(citation.target)
        except QuoteSyntaxError as error:
            self.warn(citation, CorpusWarning.CITATION_SYNTAX, str(error))
            return None
        source = self.source(citation, spec.slug)
        if source is None:
            return None
        key = (citation.target, source, self.text_digest(source.docname))
        known = self.quote_cache.get(key) or self.previous.get(key)
        if known is None:
            known = self._match_quote(citation, spec, source)
        if known is not None:
            self.quote_cache[key] = known
        return known

    def text_digest(self, docname: str) -> str:
        """A digest of a source page's passages, IDs and texts, in order."""
        if docname not in self._digests:
            digest = hashlib.blake2b(digest_size=16)
            for passage_id in self.corpus.doc_passages.get(docname, ()):
                record = self.corpus.passages[passage_id]
                digest.update(
                    f"{record.id}\0{record.parent}\0{record.text}\0{record.start}\0{record.end}\0".encode()
                )
            self._digests[docname] = digest.hexdigest()
        return self._digests[docname]

    def _match_quote(
        self, citation: CitationRecord, spec: QuoteSpec, source: SourceRecord
    ) -> Resolution | None:
        paragraphs = self.paragraphs(source.docname)
        matches = find_quote(spec, paragraphs)
        shown = f'"{spec.words}"'
        if not matches:
            closest = closest_text(spec, paragraphs)
            hint = f"{closest[0]!r} ({_clip(closest[1])})" if closest else "none"
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
        match = matches[0]
        text = self.corpus.passage_text(match.passage_id)
        return Resolution(
            match.passage_id,
            source.docname,
            f"“{match.words}”",
            match.passage_id + text_fragment(match),
            _preview(text, _byline(source)),
            text,
            match.words,
            *_about(source),
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

    def internal_links(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Per source page: links to another source's own URL, with the page they now point to."""
        by_url = {canonical_url(s.url): s.docname for s in self.corpus.sources.values() if s.url}
        internal: dict[str, tuple[tuple[str, str], ...]] = {}
        for docname, urls in sorted(self.corpus.links.items()):
            pairs = tuple(
                (url, by_url[canonical_url(url)])
                for url in urls
                if by_url.get(canonical_url(url), docname) != docname
            )
            if pairs:
                internal[docname] = pairs
        return internal

    def warn(self, citation: CitationRecord, subtype: CorpusWarning, message: str) -> None:
        warn(f"{citation.kind} citation: {message}", subtype, (citation.docname, citation.line))

    def _excerpt(self, passage_id: str) -> str:
        return _clip(self.corpus.passage_text(passage_id))


def _about(source: SourceRecord) -> tuple[str, str]:
    """The source's title, and its outlet, date and kind, for a citation's preview."""
    return source.title, f"{_byline(source)} · {kind_label(source.kind)}"


def _byline(source: SourceRecord) -> str:
    return f"{source.outlet or 'outlet unknown'}, {short_date(source.date)}"


def _clip(text: str, limit: int = 120) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _preview(text: str, outlet_date: str) -> str:
    clipped = text if len(text) <= _PREVIEW_CHARACTERS else text[: _PREVIEW_CHARACTERS - 1].rstrip() + "…"
    return f"“{clipped}” — {outlet_date}"


def group_by_passage(links: Iterable[Backlink]) -> dict[str, list[Backlink]]:
    """Backlinks keyed by the passage they cite ("" for the whole source)."""
    grouped: dict[str, list[Backlink]] = {}
    for link in links:
        grouped.setdefault(link.passage_id, []).append(link)
    return grouped
