"""The coverage report: per source, how much the topic pages cite, and which paragraphs they leave uncited."""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...contract.ids import parse_passage_id
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from ..corpus.nodes import coverage_report
from ..corpus.records import SourceRecord, SummaryKind
from .backlinks import group_by_passage
from .fill import CORPUS_FILL, PageNodes
from .markup import make_table
from .summaries import summaries_to_rewrite
from .tables import page_link

_COLUMNS = (("Source", 5), ("Paragraphs cited", 2), ("Sentences cited", 2), ("Citations", 1))
_LISTING_COLUMNS = (("Listing", 4), ("Sources cited", 2), ("Paragraphs cited", 2), ("Citations", 1))


def setup_coverage(app: Sphinx) -> None:
    """The coverage report, on the coverage page and each listing page."""
    app.connect(CORPUS_RESOLVED, listings_to_rewrite)
    app.connect(CORPUS_FILL, fill_coverage)


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """A listing page shows its sources' coverage: it is written again when one of theirs changed;
    and the pages with the whole corpus's coverage when it changed (corpus-resolved)."""
    corpus = corpus_of(env)
    listings = [
        listing for listing, listed in corpus.listings.items() if resolved.changed.intersection(listed)
    ]
    return listings + summaries_to_rewrite(corpus, SummaryKind.COVERAGE, lambda: _summary_parts(env, corpus))


def _summary_parts(env: BuildEnvironment, corpus: CorpusDomain) -> list[object]:
    """What the whole corpus's coverage shows (``fill_coverage``): each listing page and its title;
    and each source's record, passages and the passage each citation of it cites."""
    titles = {name: env.titles[name].astext() if name in env.titles else name for name in corpus.listings}
    sources = [
        (
            name,
            record,
            corpus.text_digest(name),
            [b.passage_id for b in corpus.derived.backlinks.get(name, ())],
        )
        for name, record in sorted(corpus.sources.items())
    ]
    return [sorted(corpus.listings.items()), sorted(titles.items()), sources]


def fill_coverage(app: Sphinx, page: PageNodes) -> None:
    """Replace each coverage placeholder on the page with the report (corpus-fill): for the sources it
    names; else, when listing pages exist, one row per listing page (each shows its own sources'
    report), so no page grows with the corpus; else for every source."""
    corpus = corpus_of(app.env)
    docname = page.docname
    for placeholder in page.of(coverage_report):
        listed = placeholder.get("docnames")
        if listed:
            sources = [corpus.sources[name] for name in listed if name in corpus.sources]
            heading = nodes.rubric(text="How much of these sources the topic pages cite")
            placeholder.replace_self([heading, *_report(app, docname, sources)])
        elif corpus.listings:
            placeholder.replace_self(_by_listing(app, docname))
        else:
            every = sorted(corpus.sources.values(), key=lambda s: (s.date, s.title))
            placeholder.replace_self(_report(app, docname, every))


def _by_listing(app: Sphinx, docname: str) -> list[nodes.Node]:
    corpus = corpus_of(app.env)
    rows: list[list[nodes.Node]] = []
    for listing, listed in sorted(corpus.listings.items()):
        sources = [corpus.sources[name] for name in listed if name in corpus.sources]
        tallies = [_tally(corpus, source) for source in sources]
        paragraphs = sum(len(paragraphs) for _, paragraphs, _, _ in tallies)
        cited = sum(len(set(paragraphs) & cited) for cited, paragraphs, _, _ in tallies)
        title = app.env.titles[listing].astext() if listing in app.env.titles else listing
        rows.append(
            [
                page_link(app, docname, listing, "", title),
                nodes.Text(f"{sum(1 for *_, count in tallies if count)} of {len(sources)}"),
                nodes.Text(f"{cited} of {paragraphs}"),
                nodes.Text(str(sum(count for *_, count in tallies))),
            ]
        )
    note = nodes.paragraph(
        "", "Each listing page shows the coverage of each of its sources and names their uncited paragraphs."
    )
    return [make_table(_LISTING_COLUMNS, rows, "corpus-coverage-listings"), note]


def _report(app: Sphinx, docname: str, sources: list[SourceRecord]) -> list[nodes.Node]:
    corpus = corpus_of(app.env)
    rows: list[list[nodes.Node]] = []
    details: list[nodes.Node] = []
    for source in sources:
        cited, paragraphs, sentences, count = _tally(corpus, source)
        uncited = [pid for pid in paragraphs if pid not in cited]
        cited_sentences = sum(1 for sid in sentences if sid in cited)
        rows.append(
            [
                page_link(app, docname, source.docname, "", source.title),
                nodes.Text(f"{len(paragraphs) - len(uncited)} of {len(paragraphs)}"),
                nodes.Text(f"{cited_sentences} of {len(sentences)}"),
                nodes.Text(str(count)),
            ]
        )
        line = nodes.paragraph("", "", nodes.strong(text=source.title), nodes.Text(": "))
        if not uncited:
            line += nodes.Text("every paragraph is cited.")
        else:
            line += nodes.Text(f"{len(uncited)} paragraph{'s' if len(uncited) != 1 else ''} not cited: ")
            for index, pid in enumerate(uncited):
                if index:
                    line += nodes.Text(", ")
                parsed = parse_passage_id(pid)
                text = corpus.passage_text(pid)
                excerpt = text if len(text) <= 160 else text[:159].rstrip() + "…"
                number = f"¶{parsed.paragraph if parsed else pid}"
                line += page_link(app, docname, source.docname, pid, number, excerpt)
            line += nodes.Text(".")
        details.append(line)
    table = make_table(_COLUMNS, rows, "corpus-coverage")
    return [table, nodes.rubric(text="Paragraphs no topic page cites"), *details]


def _tally(corpus: CorpusDomain, source: SourceRecord) -> tuple[set[str], list[str], list[str], int]:
    """Passages cited (a paragraph counts if it or any of its sentences is cited), all paragraphs and
    sentences in order, and the number of citations of the source."""
    backlinks = corpus.derived.backlinks.get(source.docname, ())
    cited = set(group_by_passage(backlinks)) - {""}
    paragraphs: list[str] = []
    sentences: list[str] = []
    for passage_id in corpus.doc_passages.get(source.docname, ()):
        parent = corpus.passages[passage_id].parent
        if parent:
            sentences.append(passage_id)
            if passage_id in cited:
                cited.add(parent)
        else:
            paragraphs.append(passage_id)
    return cited, paragraphs, sentences, len(backlinks)
