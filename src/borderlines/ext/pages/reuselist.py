"""The reuse clusters across the corpus: on the "Text reuse" page, and on each listing page for its
sources. With listing pages, the Text reuse page shows one row per listing page, which lists the
clusters of its own sources, so no page grows with the corpus (as the coverage report does)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..corpus.display import short_date, short_outlet
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.nodes import reuse_report
from .fill import CORPUS_FILL, PageNodes
from .markup import make_table
from .reuse import TextReuse
from .reusemarks import passage_id_text, percent
from .tables import page_link

CLUSTERS_CLASS = "corpus-reuse-clusters"
#: The anchor of a listing page's clusters, which the Text reuse page links to.
ANCHOR = "text-reuse"
_LISTING_COLUMNS = (("Listing", 4), ("Sources sharing text", 2), ("Clusters", 2))


def setup_reuse_list(app: Sphinx) -> None:
    """The reuse clusters, on the Text reuse page and each listing page."""
    app.connect(CORPUS_FILL, fill_reuse_report)


def fill_reuse_report(app: Sphinx, page: PageNodes) -> None:
    """Replace each reuse-report placeholder with the clusters it stands for (corpus-fill)."""
    corpus = corpus_of(app.env)
    reuse = corpus.feature(TextReuse) or TextReuse()
    for placeholder in page.of(reuse_report):
        listed = placeholder.get("docnames")
        if listed:
            indexes = sorted({index for name in listed for index in reuse.clusters_of.get(name, ())})
            heading = nodes.rubric(text="Text these sources share with others")
            shown = _clusters(app, corpus, page.docname, reuse, indexes) if indexes else []
            box = nodes.container("", heading, *shown, ids=[ANCHOR], classes=[CLUSTERS_CLASS])
            placeholder.replace_self(box if indexes else [])
        elif corpus.listings:
            placeholder.replace_self(_by_listing(app, corpus, page.docname, reuse))
        else:
            every = list(range(len(reuse.clusters)))
            empty = nodes.paragraph("", "No two sources share text.")
            placeholder.replace_self(_clusters(app, corpus, page.docname, reuse, every) or [empty])


def _by_listing(app: Sphinx, corpus: CorpusDomain, docname: str, reuse: TextReuse) -> list[nodes.Node]:
    rows: list[list[nodes.Node]] = []
    for listing, listed in sorted(corpus.listings.items()):
        sharing = [name for name in listed if reuse.clusters_of.get(name)]
        clusters = {index for name in listed for index in reuse.clusters_of.get(name, ())}
        title = app.env.titles[listing].astext() if listing in app.env.titles else listing
        link = page_link(app, docname, listing, ANCHOR if clusters else "", title)
        rows.append([link, nodes.Text(f"{len(sharing)} of {len(listed)}"), nodes.Text(str(len(clusters)))])
    note = nodes.paragraph("", "Each listing page lists the text its sources share, cluster by cluster.")
    return [make_table(_LISTING_COLUMNS, rows, "corpus-reuse-listings"), note]


def _clusters(
    app: Sphinx, corpus: CorpusDomain, docname: str, reuse: TextReuse, indexes: list[int]
) -> list[nodes.Node]:
    shown: list[nodes.Node] = []
    for index in indexes:
        members = reuse.clusters[index]
        sources = {corpus.passages[member].docname for member in members}
        first = corpus.passage_text(members[0])
        head = nodes.paragraph(
            "",
            "",
            nodes.strong(text=_quoted(first, 160)),
            nodes.Text(f" — {len(members)} passages in {len(sources)} sources:"),
        )
        shares = {
            (pair.second if pair.first == members[0] else pair.first): pair.alignment.identical
            for pair in reuse.pairs_of.get(corpus.passages[members[0]].docname, ())
            if members[0] in (pair.first, pair.second)
        }
        items = []
        for member in members:
            record = corpus.passages[member]
            source = corpus.sources[record.docname]
            label = f"{short_outlet(source.outlet)}, {short_date(source.date)}: {source.title}"
            line = nodes.paragraph("", "", page_link(app, docname, record.docname, member, label))
            line += nodes.Text(f", {passage_id_text(member)}")
            if member in shares:
                line += nodes.Text(f" ({percent(shares[member])} identical with the first)")
            items.append(nodes.list_item("", line))
        shown.append(
            nodes.container("", head, nodes.bullet_list("", *items), classes=["corpus-reuse-cluster"])
        )
    return shown


def _quoted(text: str, limit: int) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"
