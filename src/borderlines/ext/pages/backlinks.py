"""On a source page: the "Cited by" summary, each cited passage's backlinks, links to other sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from .citations import group_by_passage
from .directives import PASSAGE_CLASS, cited_by
from .domain import corpus_of
from .records import Backlink
from .tables import page_link

BACKLINKS_CLASS = "corpus-backlinks"
_SENTENCE_NUMBER = re.compile(r"-s(\d+)-[0-9a-f]{4}$")


def render_source_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in what only the corpus knows: who cites this page, and where it links (doctree-resolved)."""
    corpus = corpus_of(app.env)
    if docname not in corpus.sources:
        return
    backlinks = corpus.derived["backlinks"].get(docname, ())
    for placeholder in list(doctree.findall(cited_by)):
        placeholder.replace_self(_cited_by(app, docname, backlinks))
    by_passage = group_by_passage(backlinks)
    for paragraph in [p for p in doctree.findall(nodes.paragraph) if "corpus-paragraph" in p["classes"]]:
        _show_backlinks(app, docname, paragraph, by_passage)
    _link_internally(app, docname, doctree, dict(corpus.derived["internal"].get(docname, ())))


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
    app: Sphinx, docname: str, paragraph: nodes.paragraph, by_passage: dict[str, list[Backlink]]
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
        for link in links:
            number = _SENTENCE_NUMBER.search(passage_id)
            where = f"sentence {number.group(1)}" if number else "whole paragraph"
            item = nodes.paragraph()
            item += page_link(app, docname, link.docname, link.node_id, _place(link))
            item += nodes.Text(f" — {where}{', quoted' if link.kind == 'quote' else ''}")
            items.append(nodes.list_item("", item))
    if items:
        box = nodes.container(
            "",
            nodes.paragraph("", "", nodes.strong(text="Cited in")),
            nodes.bullet_list("", *items),
            classes=[BACKLINKS_CLASS],
        )
        paragraph.parent.insert(paragraph.parent.index(paragraph) + 1, box)


def _link_internally(app: Sphinx, docname: str, doctree: nodes.document, internal: dict[str, str]) -> None:
    if not internal:
        return
    for reference in list(doctree.findall(nodes.reference)):
        target = internal.get(str(reference.get("refuri", "")))
        if target is None:
            continue
        with suppress(NoUri):
            reference["refuri"] = app.builder.get_relative_uri(docname, target)
            reference["internal"] = True
            reference["classes"].append("corpus-source-link")
            reference["reftitle"] = f"Source page in this corpus: {corpus_of(app.env).sources[target].title}"


def _place(link: Backlink) -> str:
    return f"{link.doc_title} › {link.section_title}" if link.section_title else link.doc_title
