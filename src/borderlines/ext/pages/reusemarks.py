"""On a source page: "N passages shared with …" at the top, and under each paragraph with a reused
sentence a ``corpus-reuse`` box linking the same text in the other sources, earliest first, with the
share of identical words and the words that differ marked."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx

from ...contract.ids import parse_passage_id
from ...reuse.detect import ReusePair
from ..corpus.directives import PARAGRAPH_CLASS, PASSAGE_CLASS
from ..corpus.display import short_date, short_outlet
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.nodes import reuse_summary
from .backlinks import BACKLINKS_CLASS
from .fill import CORPUS_FILL, PageNodes
from .reuse import TextReuse, publication_order
from .reusediff import difference, setup_reuse_diff
from .tables import page_link

REUSE_CLASS = "corpus-reuse"
REUSED_CLASS = "corpus-reused"
SUMMARY_CLASS = "corpus-reuse-summary"


def setup_reuse_marks(app: Sphinx) -> None:
    """Reuse shown on every source page."""
    setup_reuse_diff(app)
    app.connect(CORPUS_FILL, fill_reuse_marks)


def fill_reuse_marks(app: Sphinx, page: PageNodes) -> None:
    """Fill the page's reuse summary and put a reuse box under each paragraph sharing text (corpus-fill)."""
    corpus = corpus_of(app.env)
    reuse = corpus.feature(TextReuse)
    pairs = reuse.pairs_of.get(page.docname, ()) if reuse else ()
    for placeholder in page.of(reuse_summary):
        placeholder.replace_self(_summary(app, corpus, page.docname, pairs))
    if not pairs:
        return
    by_passage: dict[str, list[ReusePair]] = {}
    for pair in pairs:
        for passage_id in (pair.first, pair.second):
            if corpus.passages[passage_id].docname == page.docname:
                by_passage.setdefault(passage_id, []).append(pair)
    for paragraph in page.with_class(PARAGRAPH_CLASS):
        if isinstance(paragraph, nodes.paragraph):
            _show_reuse(app, corpus, page.docname, paragraph, by_passage)


def _summary(app: Sphinx, corpus: CorpusDomain, docname: str, pairs: Sequence[ReusePair]) -> list[nodes.Node]:
    here = {name for pair in pairs for name in pair[:2] if corpus.passages[name].docname == docname}
    others = {corpus.passages[name].docname for pair in pairs for name in pair[:2]} - {docname}
    if not here:
        return []
    ordered = sorted(others, key=lambda other: (corpus.sources[other].date or "~", other))
    count = len(here)
    line = nodes.paragraph("", f"{count} passage{'s' if count != 1 else ''} shared with ")
    for index, other in enumerate(ordered):
        if index:
            line += nodes.Text(", " if index < len(ordered) - 1 else " and ")
        source = corpus.sources[other]
        line += page_link(
            app, docname, other, "", f"{source.title} ({source.outlet}, {short_date(source.date)})"
        )
    line += nodes.Text(
        ". Each shared sentence is underlined, and the other sources' text follows its paragraph."
    )
    return [nodes.container("", line, classes=[SUMMARY_CLASS])]


def _show_reuse(
    app: Sphinx,
    corpus: CorpusDomain,
    docname: str,
    paragraph: nodes.paragraph,
    by_passage: dict[str, list[ReusePair]],
) -> None:
    items: list[nodes.list_item] = []
    for sentence in paragraph.findall(nodes.inline):
        if PASSAGE_CLASS not in sentence["classes"] or not sentence["ids"]:
            continue
        passage_id = str(sentence["ids"][0])
        pairs = by_passage.get(passage_id, [])
        if not pairs:
            continue
        sentence["classes"].append(REUSED_CLASS)
        other_of = {(pair.second if pair.first == passage_id else pair.first): pair for pair in pairs}
        order = publication_order(corpus, [passage_id, *other_of])
        for other in sorted(other_of, key=order.__getitem__):
            items.append(
                _item(
                    app, corpus, docname, passage_id, other, other_of[other], order[other] < order[passage_id]
                )
            )
    if not items:
        return
    legend = nodes.paragraph(
        "",
        "",
        nodes.strong(text="Same text in other sources"),
        nodes.Text(" (earliest first; struck words are this page’s only, underlined words the other’s):"),
    )
    box = nodes.container("", legend, nodes.bullet_list("", *items), classes=[REUSE_CLASS])
    parent, at = paragraph.parent, paragraph.parent.index(paragraph) + 1
    while at < len(parent) and _is_backlinks(parent[at]):
        at += 1
    parent.insert(at, box)


def _is_backlinks(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and BACKLINKS_CLASS in node["classes"]


def _item(
    app: Sphinx,
    corpus: CorpusDomain,
    docname: str,
    passage_id: str,
    other: str,
    pair: ReusePair,
    earlier: bool,
) -> nodes.list_item:
    alignment = pair.alignment if pair.first == passage_id else pair.alignment.flipped()
    record = corpus.passages[other]
    source = corpus.sources[record.docname]
    parsed = parse_passage_id(passage_id)
    where = f"Sentence {parsed.sentence}" if parsed and parsed.sentence is not None else "This sentence"
    label = f"{short_outlet(source.outlet)}, {short_date(source.date)}"
    line = nodes.paragraph("", f"{where}, {'earlier' if earlier else 'later'} in ")
    line += page_link(
        app, docname, record.docname, other, label, f"{source.title} — {passage_id_text(other)}"
    )
    line += nodes.Text(f" ({percent(alignment.identical)} identical over {alignment.shared} words): ")
    quote = nodes.inline(
        "", "", *difference(corpus.passage_text(passage_id), corpus.passage_text(other), alignment)
    )
    quote["classes"].append("corpus-reuse-text")
    line += quote
    return nodes.list_item("", line)


def passage_id_text(passage_id: str) -> str:
    """``¶3, sentence 2`` for a sentence's ID; the ID itself if it cannot be read."""
    parsed = parse_passage_id(passage_id)
    if parsed is None:
        return passage_id
    return f"¶{parsed.paragraph}" + (f", sentence {parsed.sentence}" if parsed.sentence is not None else "")


def percent(share: float) -> str:
    """A share of identical words as a whole percentage, never rounded up to 100%."""
    return f"{int(share * 100)}%" if share < 1 else "100%"
