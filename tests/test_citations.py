"""The citation roles, their warnings, backlinks and summaries, on tiny sphinx.testing roots."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from builds import article, articles, build_once, copy_root, replace_in, soup, warnings_of
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.corpus.domain import corpus_of
from borderlines.ext.corpus.events import CORPUS_RESOLVED, CorpusResolved
from borderlines.ext.corpus.nodes import cited_by, coverage_report
from borderlines.ext.corpus.records import CitationRecord, QuoteAnchor, Resolution
from borderlines.ext.corpus.resolve import Resolver
from borderlines.ext.pages.fill import CORPUS_FILL, PageNodes
from borderlines.ext.pages.sourcelinks import SourceLinks

MakeApp = Callable[..., SphinxTestApp]


def _citation(page: BeautifulSoup, cite_id: str) -> Tag:
    wrapper = page.find(id=cite_id)
    assert isinstance(wrapper, Tag), cite_id
    assert wrapper["class"] == ["corpus-citation"]
    link = wrapper.find("a")
    assert isinstance(link, Tag)
    return link


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_each_role_links_to_the_exact_passage(app: SphinxTestApp) -> None:
    """By ID, by quote (normalised, across sentences, with context) and a whole source."""
    app.build()
    assert warnings_of(app) == []
    page = soup(Path(app.outdir) / "topics" / "first.html")

    by_id = _citation(page, "cite-1")
    assert by_id["class"] == ["corpus-cite", "reference", "internal"]
    assert by_id["href"] == "../sources/alpha.html#alpha-p1-s1-aaa1"
    assert by_id.get_text() == "[Alpha Times, 2 Jan 2025]"
    assert by_id["title"] == "“Iraq’s border is 600km long.” — Alpha Times, 2 Jan 2025"

    # The author typed a straight apostrophe; the source has a curly one, and the citation shows it.
    quoted = _citation(page, "cite-2")
    assert quoted["href"] == (
        "../sources/alpha.html#alpha-p1-s1-aaa1:~:text=Iraq%E2%80%99s%20border%20is%20600km%20long"
    )
    assert quoted.get_text() == "“Iraq’s border is 600km long”"

    across = _citation(page, "cite-3")
    assert across["href"] == "../sources/alpha.html#alpha-p1-aaaa:~:text=600km%20long.%20The%20army%20said"

    with_context = _citation(page, "cite-4")
    assert with_context["href"] == (
        "../sources/alpha.html#alpha-p2-s1-bbb1:~:text=Officials%20said-,the%20border%20is%20secure"
    )
    assert with_context.get_text() == "“the border is secure”"

    whole = _citation(page, "cite-5")
    assert whole["class"] == ["corpus-cite-source", "reference", "internal"]
    assert whole["href"] == "../sources/beta.html"
    assert whole.get_text() == "Beta analysis (Beta Agency, Feb 2025)"

    labelled = _citation(page, "cite-6")
    assert (labelled.get_text(), labelled["href"]) == (
        "the whole paragraph",
        "../sources/alpha.html#alpha-p2-bbbb",
    )


@pytest.mark.sphinx("html", testroot="citation-warnings", freshenv=True)
def test_failed_citations_warn_with_the_closest_text(app: SphinxTestApp) -> None:
    """Each failure names the page and line, the source and the closest text; nothing is re-anchored."""
    app.build()
    where = "<src>/index.md"
    assert warnings_of(app) == [
        f"{where}:7: WARNING: cite citation: no passage 'alpha-p1-s3-aaa9' in source 'alpha'; closest: "
        "'alpha-p1-s2-aaa2' ('The army said “the border is secure” on Monday.') [corpus.unknown-passage]",
        f"{where}:8: WARNING: cite citation: unknown source 'gamma'; closest: 'alpha'"
        " [corpus.unknown-source]",
        f"{where}:9: WARNING: quote citation: quote \"the border is closed\" not found in source 'alpha'; "
        "closest text: 'alpha-p1-s2-aaa2' ('The army said “the border is secure” on Monday.')"
        " [corpus.quote-not-found]",
        f'{where}:10: WARNING: quote citation: quote "the border is secure" matches 2 places in source '
        "'alpha' (alpha-p1-s2-aaa2, alpha-p2-s1-bbb1); add the words next to it as context: "
        "before [[quoted words]] after [corpus.quote-ambiguous]",
        f"{where}:11: WARNING: quote citation: quote \"order is\" not found in source 'alpha'; closest text: "
        "'alpha-p1-s1-aaa1' ('Iraq’s border is 600km long.') [corpus.quote-not-found]",
        f"{where}:12: WARNING: quote citation: unknown source 'alpah'; closest: 'alpha'"
        " [corpus.unknown-source]",
        f"{where}:13: WARNING: source citation: unknown source 'beta'; closest: 'alpha'"
        " [corpus.unknown-source]",
        f"{where}:14: WARNING: quote citation: unbalanced [[ ]] in 'alpha: Officials said [[the border'"
        " [corpus.citation-syntax]",
        f"{where}:15: WARNING: quote citation: expected 'source-slug: quoted words', "
        "got 'the border is secure' [corpus.citation-syntax]",
    ]
    page = soup(Path(app.outdir) / "index.html")
    assert page.select("a.corpus-cite") == []
    assert len(page.select(".corpus-cite-unresolved")) == 9


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_source_pages_show_backlinks_and_cited_by(app: SphinxTestApp) -> None:
    """Cited passages are marked and followed by links back to each citing sentence and section."""
    app.build()
    page = soup(Path(app.outdir) / "sources" / "alpha.html")
    summary = page.select_one(".corpus-cited-by")
    assert summary is not None
    assert " ".join(summary.get_text().split()) == (
        "Cited by: First topic (5 citations). "
        "Cited passages are marked, with their citations listed below them."
    )
    boxes = page.select(".corpus-backlinks")
    assert [[(a["href"], a.get_text()) for a in box.select("a")] for box in boxes] == [
        [
            ("../topics/first.html#cite-3", "First topic › Claims"),
            ("../topics/first.html#cite-1", "First topic"),
            ("../topics/first.html#cite-2", "First topic › Claims"),
        ],
        [
            ("../topics/first.html#cite-6", "First topic › Claims"),
            ("../topics/first.html#cite-4", "First topic › Claims"),
        ],
    ]
    assert [item.get_text() for item in boxes[0].select("li")] == [
        "First topic › Claims — whole paragraph, quoted: "
        "A quote across sentences: “600km long. The army said”.",
        "First topic — sentence 1: The border is 600km long.",
        "First topic › Claims — sentence 1, quoted: Alpha wrote “Iraq’s border is 600km long”.",
    ]
    # Each entry ends with its citing sentence as the topic page shows it, a source by its title.
    assert [span.get_text() for span in boxes[1].select(".corpus-backlink-sentence")] == [
        "See Beta analysis (Beta Agency, Feb 2025) and the whole paragraph.",
        "Officials repeated that “the border is secure”.",
    ]
    cited = [node["id"] for node in page.select(".corpus-cited")]
    assert cited == ["alpha-p1-aaaa", "alpha-p1-s1-aaa1", "alpha-p2-bbbb", "alpha-p2-s1-bbb1"]
    beta = soup(Path(app.outdir) / "sources" / "beta.html")
    assert "Cited by: First topic (1 citation); Second topic (1 citation)." in " ".join(
        beta.get_text().split()
    )


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_link_to_another_sources_url_becomes_internal(app: SphinxTestApp) -> None:
    """Beta links to Alpha's article (another scheme, www., no slash): the link now opens Alpha's page."""
    app.build()
    link = soup(Path(app.outdir) / "sources" / "beta.html").find("a", string="the Alpha Times reported")
    assert isinstance(link, Tag)
    assert link["href"] == "alpha.html"
    assert "corpus-source-link" in link["class"]


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_coverage_counts_cited_and_lists_uncited(app: SphinxTestApp) -> None:
    """Per source: paragraphs and sentences cited, citations, and links to uncited paragraphs."""
    app.build()
    page = soup(Path(app.outdir) / "coverage.html")
    rows = [
        [cell.get_text() for cell in row.select("td")]
        for row in page.select("table.corpus-coverage tbody tr")
    ]
    assert rows == [["Alpha report", "2 of 2", "2 of 4", "5"], ["Beta analysis", "1 of 1", "1 of 1", "2"]]
    assert "Alpha report: every paragraph is cited." in page.get_text()


def _copy_root(rootdir: Path, tmp_path: Path, name: str) -> Path:
    return copy_root(rootdir, tmp_path, "citations", name)


def _build(make_app: MakeApp, srcdir: Path, **kwargs: Any) -> SphinxTestApp:
    return build_once(make_app, srcdir, **kwargs)


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    (
        "add a citation",
        lambda src: _append(src / "topics" / "second.md", "More {corpus:cite}`alpha-p2-s2-bbb2`.\n"),
    ),
    (
        "edit a citation",
        lambda src: replace_in(src / "topics" / "first.md", "alpha-p1-s1-aaa1`.", "alpha-p2-s2-bbb2`."),
    ),
    (
        "remove a citation",
        lambda src: replace_in(src / "topics" / "second.md", " {corpus:cite}`beta-p1-s1-ccc1`", ""),
    ),
    ("delete a topic page", lambda src: _delete_topic(src, "first")),
    # A page's citations are resolved again when the text of a page they cite changes.
    (
        "reword a cited passage",
        lambda src: replace_in(src / "sources" / "beta.md", "holds 40,000 people", "holds 41,000 people"),
    ),
    # What a citation shows is derived when its page is written: a source's new outlet reaches the
    # topic pages citing it, though none of them changed.
    (
        "rename a source's outlet",
        lambda src: replace_in(
            src / "sources" / "alpha.md", "source_outlet: Alpha Times", "source_outlet: Alpha Post"
        ),
    ),
    # Beta links to Alpha's article: the link is internal while Alpha's URL is that article's, and
    # only while Beta's link still goes there.
    (
        "move a linked source's URL",
        lambda src: replace_in(
            src / "sources" / "alpha.md", "https://alpha.example/news/report/", "https://alpha.example/other/"
        ),
    ),
    (
        "point a link elsewhere",
        lambda src: replace_in(
            src / "sources" / "beta.md",
            "(http://www.alpha.example/news/report)",
            "(https://elsewhere.example/)",
        ),
    ),
    (
        "link a source to another",
        lambda src: replace_in(
            src / "sources" / "alpha.md",
            "Nobody else agreed.",
            "[Nobody else](https://beta.example/analysis/) agreed.",
        ),
    ),
]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _delete_topic(srcdir: Path, name: str) -> None:
    (srcdir / "topics" / f"{name}.md").unlink()
    replace_in(srcdir / "index.md", f"topics/{name}\n", "")


@pytest.mark.slow
@pytest.mark.parametrize(("change", "edit"), EDITS, ids=[name for name, _ in EDITS])
def test_incremental_build_equals_clean_build(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, change: str, edit: Callable[[Path], None]
) -> None:
    """After a change to citations, the incremental build's pages equal a clean build's."""
    srcdir = _copy_root(rootdir, tmp_path, "incremental")
    first = _build(make_app, srcdir)
    before = articles(Path(first.outdir))
    edit(srcdir)
    incremental = articles(Path(_build(make_app, srcdir).outdir))
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = articles(Path(_build(make_app, clean_src, freshenv=True).outdir))
    # Sphinx leaves the HTML of a deleted page in place; every page that still exists must match.
    assert {name: incremental[name] for name in clean} == clean
    changed = {name for name in clean if before.get(name) != clean[name]}
    assert changed & {"sources/alpha.html", "sources/beta.html"}, change
    if change == "rename a source's outlet":
        assert "topics/first.html" in changed and "topics/second.html" not in changed
        assert "Alpha Post" in incremental["topics/first.html"]


def test_a_rebuild_resolves_only_the_pages_whose_citations_or_cited_sources_changed(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing one topic page resolves its citations alone; rewording a source resolves those of every
    page citing it; and what a reused page resolved to is what resolving it again gives."""
    srcdir = _copy_root(rootdir, tmp_path, "resolve-again")
    _build(make_app, srcdir)
    resolving = Resolver.resolve
    resolved: list[str] = []

    def counted(self: Resolver, citation: CitationRecord) -> Resolution | None:
        resolved.append(citation.docname)
        return resolving(self, citation)

    monkeypatch.setattr(Resolver, "resolve", counted)
    replace_in(srcdir / "topics" / "second.md", "holds 40,000 people", "holds about 40,000 people")
    app = _build(make_app, srcdir)
    assert resolved == ["topics/second"]
    reused = corpus_of(app.env).derived
    resolved.clear()
    replace_in(srcdir / "sources" / "beta.md", "holds 40,000 people", "holds 41,000 people")
    _build(make_app, srcdir)
    assert sorted(set(resolved)) == ["topics/first", "topics/second"]
    resolved.clear()
    replace_in(srcdir / "sources" / "beta.md", "holds 41,000 people", "holds 40,000 people")
    again = corpus_of(_build(make_app, srcdir).env).derived
    assert (again.resolutions, again.backlinks, again.views) == (
        reused.resolutions,
        reused.backlinks,
        reused.views,
    )


@pytest.mark.slow
@pytest.mark.parametrize("parallel", [2, 4])
def test_parallel_build_equals_serial_build(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, parallel: int
) -> None:
    """Reading and writing in worker processes gives the same pages, backlinks included."""
    serial = articles(Path(_build(make_app, _copy_root(rootdir, tmp_path, "serial")).outdir))
    forked = _build(make_app, _copy_root(rootdir, tmp_path, "parallel"), parallel=parallel)
    assert articles(Path(forked.outdir)) == serial
    assert "cite-4" in article(Path(forked.outdir) / "sources" / "alpha.html")


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_features_plug_into_the_corpus_resolved_event(app: SphinxTestApp) -> None:
    """Once per build a handler of ``corpus-resolved`` gets the typed derived data, and the pages it
    names are written again, as the resolver's own are."""
    seen: list[CorpusResolved] = []

    def handler(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> list[str]:
        seen.append(resolved)
        return ["coverage"]

    written: list[str] = []
    app.connect(CORPUS_RESOLVED, handler)
    app.connect("html-page-context", lambda app, pagename, *_: written.append(pagename))
    app.build()
    assert warnings_of(app) == []
    assert len(seen) == 1
    derived = seen[0].derived
    first = derived.resolutions["topics/first"]
    assert first["cite-1"] == Resolution("alpha-p1-s1-aaa1", "sources/alpha", None)
    assert {"topics/first", "topics/second", "sources/alpha", "sources/beta"} <= seen[0].changed
    assert [link.node_id for link in derived.backlinks["sources/beta"]][-1] == "cite-1"  # second's first
    # A quote keeps its passage, its exact words, the text around them and where they stand.
    corpus = corpus_of(app.env)
    anchors = {each.passage_id: each.quote for each in first.values() if each is not None and each.quote}
    assert anchors["alpha-p2-s1-bbb1"] == QuoteAnchor(
        "the border is secure", "Officials said ", ". Nobody else agreed.", 15, 35, "Officials said", ""
    )
    assert anchors["alpha-p1-aaaa"].prefix == "Iraq’s border is "  # a quote across sentences
    for passage, anchor in anchors.items():
        assert corpus.passage_text(passage)[anchor.start : anchor.end] == anchor.exact

    written.clear()
    app.build()  # nothing changed: only what the handler names is written again
    assert len(seen) == 2 and seen[1].changed == frozenset()
    # ... and, as Sphinx does for any page written again, the page whose toctree lists it.
    assert {page for page in written if page not in {"genindex", "search"}} == {"coverage", "index"}


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_each_page_is_walked_once_for_every_feature(app: SphinxTestApp) -> None:
    """One ``corpus-fill`` per written page, holding the page's placeholders and corpus elements."""
    pages: list[PageNodes] = []
    app.connect(CORPUS_FILL, lambda app, page: pages.append(page), priority=100)  # before they are filled
    app.build()
    by_name = {page.docname: page for page in pages}
    assert sorted(by_name) == sorted(app.env.found_docs) and len(pages) == len(by_name)
    assert len(by_name["sources/alpha"].of(cited_by)) == 1
    assert len(by_name["coverage"].of(coverage_report)) == 1
    assert len(by_name["topics/first"].with_class("corpus-citation")) == 6


def test_a_feature_record_pickled_by_older_code_takes_the_new_fields_defaults(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    """A build reading an environment whose feature record lacks a field the record now has (one
    pickled before the field was added) reads it with that field's default, and writes what a clean
    build writes."""
    srcdir = _copy_root(rootdir, tmp_path, "older")
    first = _build(make_app, srcdir)
    pickled = Path(first.doctreedir) / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    records = env.domaindata["corpus"]["features"].values()
    record = next(each for each in records if isinstance(each, SourceLinks))
    assert record.by_page
    del record.__dict__["urls"]  # as a SourceLinks pickled before it had ``urls`` comes back
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    replace_in(srcdir / "topics" / "second.md", "The camp", "The large camp")
    again = _build(make_app, srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    assert articles(Path(again.outdir)) == articles(Path(_build(make_app, clean_src, freshenv=True).outdir))
