"""Disputed claims as readers see them: each answer's sources and dates, the "Disputed claims" page, and
on each source page the claims it takes part in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..corpus.display import byline, short_date, short_outlet, view_digest
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from ..corpus.nodes import claim_sources, claims_index, source_claims
from ..corpus.records import ClaimRecord, Derived, SummaryKind
from .fill import CORPUS_FILL, PageNodes
from .summaries import summaries_to_rewrite
from .tables import page_link

SOURCE_CLAIMS_CLASS = "corpus-source-claims"
CLAIMS_INDEX_CLASS = "corpus-claims-index"


class ClaimTaking(NamedTuple):
    """A claim seen from a source that one of its answers cites."""

    docname: str  # the topic page
    claim_id: str
    question: str
    doc_title: str
    by: tuple[str, ...]  # who gives the answers that cite the source


@dataclass(frozen=True)
class ClaimViews:
    """Per source page, the claims it takes part in; per page, a digest of what it shows of claims."""

    by_source: Mapping[str, tuple[ClaimTaking, ...]] = field(default_factory=dict)
    views: Mapping[str, str] = field(default_factory=dict)


def setup_claims(app: Sphinx) -> None:
    """Claims: derived once citations are resolved, drawn when pages are written."""
    app.add_css_file("borderlines-analysis.css")  # claims and the timeline
    app.connect(CORPUS_RESOLVED, derive_claims)
    app.connect(CORPUS_FILL, fill_claims)


def cited_sources(
    corpus: CorpusDomain, derived: Derived, docname: str, citations: Iterable[str]
) -> list[str]:
    """The source pages that the citations (node IDs) of ``docname`` resolved to, each once, in order."""
    resolutions = derived.resolutions.get(docname, {})
    found = (resolutions.get(node_id) for node_id in citations)
    return list(dict.fromkeys(r.docname for r in found if r is not None and r.docname in corpus.sources))


def doc_title(env: BuildEnvironment, docname: str) -> str:
    """A page's title, once every page is read."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def all_claims(corpus: CorpusDomain) -> list[ClaimRecord]:
    """Every claim, by topic page and then in page order."""
    return [claim for docname in sorted(corpus.claims) for claim in corpus.claims[docname]]


def derive_claims(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Which sources each claim cites; return the pages whose view of claims changed (corpus-resolved)."""
    corpus = corpus_of(env)
    old = corpus.feature(ClaimViews) or ClaimViews()
    by_source: dict[str, list[ClaimTaking]] = {}
    shown: dict[str, list[object]] = {}
    index: list[object] = []  # what the claims page shows (``_claims_index``)
    for claim in all_claims(corpus):
        takers: dict[str, list[str]] = {}
        title = doc_title(env, claim.docname)
        index.append((claim.docname, claim.id, claim.question, title))
        for answer in claim.answers:
            sources = cited_sources(corpus, resolved.derived, claim.docname, answer.citations)
            bylines = [byline(corpus.sources[s]) for s in sources]
            shown.setdefault(claim.docname, []).append(bylines)
            index.append((answer.by, sources, bylines))
            for source in sources:
                takers.setdefault(source, []).append(answer.by)
        for source, by in takers.items():
            taking = ClaimTaking(claim.docname, claim.id, claim.question, title, tuple(by))
            by_source.setdefault(source, []).append(taking)
    for source, takings in by_source.items():
        shown.setdefault(source, []).append(takings)
    new = ClaimViews(
        {source: tuple(takings) for source, takings in sorted(by_source.items())},
        {docname: view_digest(parts) for docname, parts in shown.items()},
    )
    corpus.note_feature(new)
    changed = [d for d in set(old.views) | set(new.views) if old.views.get(d) != new.views.get(d)]
    return changed + summaries_to_rewrite(corpus, SummaryKind.CLAIMS, lambda: index)


def fill_claims(app: Sphinx, page: PageNodes) -> None:
    """Fill each answer's sources, the claims page and a source page's claims (corpus-fill)."""
    corpus = corpus_of(app.env)
    for placeholder in page.of(claim_sources):
        sources = cited_sources(corpus, corpus.derived, page.docname, placeholder["citations"])
        cell = nodes.paragraph()
        for index, source in enumerate(sources):
            if index:
                cell += nodes.Text("; ")
            record = corpus.sources[source]
            label = f"{short_outlet(record.outlet)}, {short_date(record.date)}"
            cell += page_link(app, page.docname, source, "", label, record.title)
        if not sources:
            cell += nodes.Text("no resolved citation")
        placeholder.replace_self(cell)
    for placeholder in page.of(claims_index):
        placeholder.replace_self(_claims_index(app, corpus, page.docname))
    views = corpus.feature(ClaimViews)
    for placeholder in page.of(source_claims):
        takings = views.by_source.get(page.docname, ()) if views else ()
        placeholder.replace_self(_source_claims(app, page.docname, takings) if takings else [])


def _claims_index(app: Sphinx, corpus: CorpusDomain, docname: str) -> nodes.Node:
    claims = all_claims(corpus)
    if not claims:
        return nodes.paragraph(text="No topic page sets out a disputed claim yet.")
    items = nodes.bullet_list()
    for claim in claims:
        question = nodes.paragraph()
        question += page_link(app, docname, claim.docname, claim.id, claim.question)
        question += nodes.Text(f" — {doc_title(app.env, claim.docname)}")
        answers = nodes.bullet_list()
        for answer in claim.answers:
            line = nodes.paragraph("", "", nodes.strong(text=answer.by), nodes.Text(": "))
            for index, source in enumerate(
                cited_sources(corpus, corpus.derived, claim.docname, answer.citations)
            ):
                line += nodes.Text("; " if index else "")
                line += page_link(app, docname, source, "", byline(corpus.sources[source]))
            answers += nodes.list_item("", line)
        items += nodes.list_item("", question, answers)
    return nodes.container("", items, classes=[CLAIMS_INDEX_CLASS])


def _source_claims(app: Sphinx, docname: str, takings: Sequence[ClaimTaking]) -> nodes.container:
    line = nodes.paragraph("", "", nodes.strong(text="In disputed claims: "))
    for index, taking in enumerate(takings):
        line += nodes.Text("; " if index else "")
        line += page_link(app, docname, taking.docname, taking.claim_id, taking.question, taking.doc_title)
        line += nodes.Text(f" (answers of {'; '.join(dict.fromkeys(taking.by))})")
    line += nodes.Text(".")
    return nodes.container("", line, classes=[SOURCE_CLAIMS_CLASS])
