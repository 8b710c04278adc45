"""On a source page: the "Cited by" summary, and under each cited paragraph the citations of it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx.application import Sphinx

from ...contract.ids import parse_passage_id
from ..corpus.directives import PARAGRAPH_CLASS, PASSAGE_CLASS
from ..corpus.display import named_sentence
from ..corpus.domain import corpus_of
from ..corpus.nodes import cited_by
from ..corpus.records import Backlink
from ..entities.records import EntityMentions
from .fill import CORPUS_FILL, PageNodes
from .tables import page_link

BACKLINKS_CLASS = "corpus-backlinks"
#: The citing sentence shown with each backlink, and how much of it.
SENTENCE_CLASS = "corpus-backlink-sentence"
SENTENCE_CHARACTERS = 160


def setup_backlinks(app: Sphinx) -> None:
    """Backlinks on every source page."""
    app.connect(CORPUS_FILL, fill_backlinks)


def fill_backlinks(app: Sphinx, page: PageNodes) -> None:
    """Fill in who cites this source page, and mark each cited passage (corpus-fill)."""
    corpus = corpus_of(app.env)
    if page.docname not in corpus.sources:
        return
    backlinks = corpus.derived.backlinks.get(page.docname, ())
    for placeholder in page.of(cited_by):
        placeholder.replace_self(_cited_by(app, page.docname, backlinks))
    by_passage = group_by_passage(backlinks)
    entities = corpus.feature(EntityMentions) or EntityMentions()
    for paragraph in page.with_class(PARAGRAPH_CLASS):
        if isinstance(paragraph, nodes.paragraph):
            _show_backlinks(app, page.docname, paragraph, by_passage, entities)


def group_by_passage(links: Iterable[Backlink]) -> dict[str, list[Backlink]]:
    """Backlinks keyed by the passage they cite ("" for the whole source)."""
    grouped: dict[str, list[Backlink]] = {}
    for link in links:
        grouped.setdefault(link.passage_id, []).append(link)
    return grouped


def _cited_by(app: Sphinx, docname: str, backlinks: Sequence[Backlink]) -> nodes.container:
    counts: dict[str, tuple[str, int]] = {}
    for link in backlinks:
        title, count = counts.get(link.docname, (link.doc_title, 0))
        counts[link.docname] = (title, count + 1)
    line = nodes.paragraph()
    if not counts:
        line += nodes.Text("Not cited by any topic page yet.")
    else:
        line += nodes.strong(text="Cited by: ")
        for index, (citing, (title, count)) in enumerate(sorted(counts.items(), key=lambda i: i[1][0])):
            if index:
                line += nodes.Text("; ")
            line += page_link(app, docname, citing, "", title)
            line += nodes.Text(f" ({count} citation{'s' if count != 1 else ''})")
        line += nodes.Text(". Cited passages are marked, with their citations listed below them.")
    return nodes.container("", line, classes=["corpus-cited-by"])


def _show_backlinks(
    app: Sphinx,
    docname: str,
    paragraph: nodes.paragraph,
    by_passage: dict[str, list[Backlink]],
    entities: EntityMentions,
) -> None:
    passages = [
        paragraph,
        *(node for node in paragraph.findall(nodes.inline) if PASSAGE_CLASS in node["classes"]),
    ]
    items: list[nodes.list_item] = []
    for passage in passages:
        passage_id = str(passage["ids"][0])
        links = by_passage.get(passage_id, [])
        if links:
            passage["classes"].append("corpus-cited")
        parsed = parse_passage_id(passage_id)
        where = f"sentence {parsed.sentence}" if parsed and parsed.sentence is not None else "whole paragraph"
        for link in links:
            item = nodes.paragraph()
            item += page_link(app, docname, link.docname, link.node_id, _place(link))
            item += nodes.Text(f" — {where}{', quoted' if link.kind == 'quote' else ''}")
            if link.sentence:
                # Two citations from one section read alike but for the sentence that makes them.
                item += nodes.Text(": ")
                shown = named_sentence(link.sentence, entities.name_of)
                item += nodes.inline(text=_clipped(shown), classes=[SENTENCE_CLASS])
            items.append(nodes.list_item("", item))
    if items:
        box = nodes.container(
            "",
            nodes.paragraph("", "", nodes.strong(text="Cited in")),
            nodes.bullet_list("", *items),
            classes=[BACKLINKS_CLASS],
        )
        paragraph.parent.insert(paragraph.parent.index(paragraph) + 1, box)


def _clipped(sentence: str) -> str:
    """The citing sentence, cut at a word once it is longer than ``SENTENCE_CHARACTERS``."""
    if len(sentence) <= SENTENCE_CHARACTERS:
        return sentence
    return sentence[: SENTENCE_CHARACTERS + 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _place(link: Backlink) -> str:
    return f"{link.doc_title} › {link.section_title}" if link.section_title else link.doc_title
