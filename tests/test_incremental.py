"""What an incremental build re-reads and rewrites, counted on a synthetic corpus (not timed)."""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sphinx.builders
import sphinx.util.parallel
from bs4 import BeautifulSoup
from builds import ROOT, articles, soup
from sphinx.testing.util import SphinxTestApp

from borderlines.convert.cli import main
from borderlines.ext.corpus import resolve
from borderlines.ext.corpus.domain import CorpusDomain
from borderlines.ext.corpus.quotes import Paragraph, QuoteMatch, QuoteSpec, find_quote
from borderlines.ext.platform import memory

sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import SOURCES_PER_TOPIC, UNREGISTERED_PLACE, generate_docs, generate_seeds, registry_text

pytestmark = pytest.mark.slow

#: The same extensions, theme and hardening as the real conf.py.
CONF = """
extensions = ["myst_parser", "sphinx_design", "borderlines.ext", "borderlines.ext.platform"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
smartquotes = False
myst_enable_extensions = []
myst_disable_syntax = ["html_block", "html_inline"]
html_theme = "furo"
borderlines_search_bundle_size = 10
borderlines_search_topic_bundle_size = 1
"""
TOPIC = "topics/topic-0000"
#: Sources a Pagefind bundle holds in these builds (see CONF), so 40 sources make four bundles; each
#: topic page has a bundle of its own.
BUNDLE_SIZE = 10


@dataclass
class Build:
    """What one sphinx-build read and wrote."""

    read: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two topic pages citing 40 synthetic sources, converted, with an entity registry; returns the docs
    folder."""
    root = tmp_path_factory.mktemp("incremental")
    made = generate_seeds(root / "seeds", 2 * SOURCES_PER_TOPIC)
    assert main(["--root", str(root)], out=io.StringIO(), err=io.StringIO()) == 0
    generate_docs(root / "docs", made)
    (root / "docs" / "entities.toml").write_text(registry_text(entities=40, aliases=150), encoding="utf-8")
    (root / "docs" / "conf.py").write_text(CONF, encoding="utf-8")
    return root / "docs"


def build(docs: Path, parallel: int = 0) -> Build:
    """Build ``docs`` into its _build/ (keeping the environment between calls); note what it did."""
    seen = Build()

    def reading(app: Any, env: Any, docnames: list[str]) -> None:
        seen.read.update(docnames)

    def writing(app: Any, doctree: Any, docname: str) -> None:
        seen.written.add(docname)

    listeners = {"env-before-read-docs": reading, "doctree-resolved": writing}
    build_cleanly(docs, docs / "_build", parallel, listeners)
    return seen


def build_cleanly(
    docs: Path, out: Path, parallel: int = 0, listeners: dict[str, Any] | None = None
) -> SphinxTestApp:
    """Build ``docs`` into ``out``, with a handler for each event in ``listeners``; nothing may warn."""
    app = SphinxTestApp("html", srcdir=docs, builddir=out, parallel=parallel)
    for event, handler in (listeners or {}).items():
        app.connect(event, handler)
    try:
        app.build()
        assert app.warning.getvalue() == ""
    finally:
        app.cleanup()
    return app


@pytest.fixture
def built(corpus: Path) -> Iterator[Path]:
    """The corpus built once, with its topic page restored afterwards."""
    topic = corpus / f"{TOPIC}.md"
    original = topic.read_text(encoding="utf-8")
    build(corpus)
    yield corpus
    topic.write_text(original, encoding="utf-8")


def _cited_sources(text: str) -> set[str]:
    return {f"sources/synthetic-{number}" for number in re.findall(r"synthetic-(\d{5})", text)}


def test_a_rebuild_with_nothing_changed_reads_and_writes_nothing(built: Path) -> None:
    """No page at all is read or written when nothing changed."""
    indexed = _search_bundles(built)
    again = build(built)
    assert (again.read, again.written) == (set(), set())
    assert _search_bundles(built) == indexed


def test_a_topic_edit_rewrites_the_topic_and_the_sources_whose_backlinks_changed(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving one citation (outside the topic's claim and events) re-reads only that topic page, and
    rewrites it and the two sources whose backlinks changed, plus the pages whose toctrees list those
    three (the topics' group page, the listing page and the index that lists it: Sphinx rewrites a
    toctree's page with its entries, as their titles may have changed), but not the claims and
    timeline pages, whose summaries did not change. No quote is matched again: their sources' texts
    did not change.
    Pagefind indexes again only the bundles of the topic (not the other topic's), of the newly cited
    source (its topic filter changed) and of the other source only if its filter changed too."""
    topic = built / f"{TOPIC}.md"
    text = topic.read_text(encoding="utf-8")
    first = re.search(r"\{corpus:cite\}`(synthetic-(\d{5})-p\d+[^`]*)`", text)
    assert first is not None
    old_source = f"sources/synthetic-{first.group(2)}"
    pages = sorted((built / "sources").glob("*.md"))
    new_page = next(page for page in pages if f"sources/{page.stem}" not in _cited_sources(text))
    target = re.search(r"^```\{corpus:passage\} (\S+)$", new_page.read_text(encoding="utf-8"), re.MULTILINE)
    assert target is not None
    before, indexed = _citations_listed(built), _search_bundles(built)
    topic.write_text(text.replace(first.group(1), target.group(1), 1), encoding="utf-8")
    matched = _count_quote_matching(monkeypatch)
    edited = build(built)
    assert matched == []
    assert edited.read == {TOPIC}
    new_source = f"sources/{new_page.stem}"
    assert edited.written == {
        TOPIC,
        old_source,
        new_source,
        "index",
        "listings/sources-001",
        "topic-groups/topics-001",
    }
    after = _citations_listed(built)
    assert (after[new_page.stem], after[old_source.split("/")[1]]) == (
        before[new_page.stem] + 1,
        before[old_source.split("/")[1]] - 1,
    )
    reindexed = {name for name, stamp in _search_bundles(built).items() if indexed[name] != stamp}
    # The old source's page changed in its "Cited in" boxes, which are not searched; its bundle is
    # indexed again only if the topic no longer cites it (its topic filter changed).
    still_cited = old_source in _cited_sources(topic.read_text(encoding="utf-8"))
    assert reindexed == {
        "topics-001",
        _bundle_of(built, new_source),
        *([] if still_cited else [_bundle_of(built, old_source)]),
    }
    assert len(indexed) == 2 + 2 * SOURCES_PER_TOPIC // BUNDLE_SIZE


def _search_bundles(docs: Path) -> dict[str, int]:
    """Each Pagefind bundle of the built site, with the time it was last indexed."""
    bundles = docs / "_build" / "html" / "pagefind"
    return {bundle.name: (bundle / "pagefind-entry.json").stat().st_mtime_ns for bundle in bundles.iterdir()}


def _bundle_of(docs: Path, source: str) -> str:
    """The bundle that indexes ``source``: sources are bundled in order, BUNDLE_SIZE a bundle."""
    order = sorted(f"sources/{page.stem}" for page in (docs / "sources").glob("*.md"))
    return f"sources-{order.index(source) // BUNDLE_SIZE + 1:03d}"


def _count_quote_matching(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slug of the source of every quote matched from now on, in order."""
    matched: list[str] = []

    def counted(spec: QuoteSpec, paragraphs: list[Paragraph]) -> list[QuoteMatch]:
        matched.append(spec.slug)
        return find_quote(spec, paragraphs)

    monkeypatch.setattr(resolve, "find_quote", counted)
    return matched


def _citations_listed(docs: Path) -> dict[str, int]:
    """Each source's number of citations, as its listing page's coverage table gives it."""
    listing = docs / "_build" / "html" / "listings" / "sources-001.html"
    counts = {}
    for row in BeautifulSoup(listing.read_text(encoding="utf-8"), "html.parser").select(
        "table.corpus-coverage tbody tr"
    ):
        link = row.select_one("a")
        assert link is not None
        counts[Path(str(link["href"])).stem] = int(row.select("td")[-1].get_text())
    return counts


def test_a_source_edit_matches_again_only_the_quotes_of_that_source(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a source's text (a sentence no topic cites by ID) re-reads it and no other page (the
    summary pages hold placeholders, filled when written), and matches again the quotes citing that
    source, and no other quote."""
    cited = set(re.findall(r"synthetic-\d{5}-p[\w-]+", (built / f"{TOPIC}.md").read_text(encoding="utf-8")))
    page, old, new = _uncited_sentence_edit(built, cited)
    original = page.read_text(encoding="utf-8")
    matched = _count_quote_matching(monkeypatch)
    try:
        page.write_text(original.replace(old, new, 1), encoding="utf-8")
        edited = build(built)
    finally:
        page.write_text(original, encoding="utf-8")
    assert edited.read == {f"sources/{page.stem}"}
    assert matched == [page.stem]


def _uncited_sentence_edit(docs: Path, cited: set[str]) -> tuple[Path, str, str]:
    """A source page cited by the topic page, and an edit to the last sentence of its last paragraph,
    which the topic page does not cite by ID."""
    passage = re.compile(
        r"^```\{corpus:passage\} (\S+)\n:sentences: (.+)\n\n(.*?)\n```$", re.MULTILINE | re.DOTALL
    )
    for page in sorted((docs / "sources").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        last = list(passage.finditer(text))[-1]
        ids = {last.group(1), last.group(2).split()[-1]}
        if page.stem in _quoted_slugs(docs) and not ids & cited:
            sentence = last.group(3).split("\n\n")[-1]
            return page, sentence, sentence.removesuffix("\\.") + " too\\."
    raise AssertionError("no source with an uncited last sentence")


def _quoted_slugs(docs: Path) -> set[str]:
    return set(
        re.findall(r"\{corpus:quote\}`(synthetic-\d{5}):", (docs / f"{TOPIC}.md").read_text(encoding="utf-8"))
    )


def test_a_source_edit_rewrites_the_sources_sharing_its_text_as_a_clean_build_would(
    built: Path, tmp_path: Path
) -> None:
    """Rewording a sentence another source took in (the synthetic corpus plants such reuse) re-reads
    only its own page, rewrites the other source's page too, and gives the site
    a clean build gives."""
    out = built / "_build" / "html"
    reusing = next(
        page for page in sorted((out / "sources").glob("*.html")) if soup(page).select(".corpus-reuse")
    )
    link = soup(reusing).select_one(".corpus-reuse li a")
    assert link is not None
    other_page, passage = str(link["href"]).split("#")
    source = built / "sources" / f"{Path(other_page).stem}.md"
    original = source.read_text(encoding="utf-8")
    block = re.search(
        rf"^:sentences: ([^\n]*\b{passage}\b[^\n]*)\n\n(.*?)\n```$", original, re.MULTILINE | re.DOTALL
    )
    assert block is not None
    sentences = block.group(2).split("\n\n")
    at = block.group(1).split().index(passage)
    edited = original.replace(sentences[at], "Nobody said anything of the kind at the time\\.", 1)
    try:
        source.write_text(edited, encoding="utf-8")
        rebuilt = build(built)
        assert rebuilt.read == {f"sources/{source.stem}"}
        assert f"sources/{reusing.stem}" in rebuilt.written
        clean = tmp_path / "docs"
        shutil.copytree(built, clean, ignore=shutil.ignore_patterns("_build"))
        build_cleanly(clean, tmp_path / "_build")
        assert articles(out) == articles(tmp_path / "_build" / "html")
        assert passage not in str(soup(out / "sources" / f"{reusing.stem}.html").select(".corpus-reuse"))
    finally:
        source.write_text(original, encoding="utf-8")


def test_the_environment_does_not_grow_over_parallel_incremental_builds(corpus: Path) -> None:
    """The pickled environment has the same size after every edit-and-revert cycle at -j 2."""
    topic = corpus / f"{TOPIC}.md"
    original = topic.read_text(encoding="utf-8")
    pickle = corpus / "_build" / "doctrees" / "environment.pickle"
    sizes = []
    try:
        build(corpus, parallel=2)
        for _ in range(3):
            topic.write_text(original.replace("# Topic 0", "# Topic 0, revised"), encoding="utf-8")
            build(corpus, parallel=2)
            topic.write_text(original, encoding="utf-8")
            build(corpus, parallel=2)
            sizes.append(pickle.stat().st_size)
    finally:
        topic.write_text(original, encoding="utf-8")
    assert len(set(sizes)) == 1, sizes


def test_a_serial_build_holds_one_doctree_at_a_time(corpus: Path, tmp_path: Path) -> None:
    """Writing each page, a fresh serial build keeps at most one other page's doctree in memory (Sphinx
    alone keeps every page read until it is written), and the pages still come out whole."""
    held: dict[str, int] = {}

    def count(app: Any, doctree: Any, docname: str) -> None:
        loaded = set(getattr(app.env, memory.LOADED_CACHE)) - {docname}
        held[docname] = len(getattr(app.env, memory.READ_CACHE)) + len(loaded)

    build_cleanly(corpus, tmp_path, listeners={"doctree-resolved": count})
    sources = sorted(page.stem for page in (corpus / "sources").glob("*.md"))
    assert {f"sources/{stem}" for stem in sources} <= held.keys()
    assert max(held.values()) <= 1, held
    page = BeautifulSoup((tmp_path / "html" / "sources" / f"{sources[0]}.html").read_text(), "html.parser")
    assert page.select(".corpus-passage") and page.select(".corpus-provenance")


def test_parallel_readers_send_back_only_their_own_documents(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At -j 2, what each reader sends back holds the corpus data of the documents it read and no
    other (Sphinx forks each reader with everything read before it, and it used to send all of it)."""
    merged: list[tuple[set[str], set[str]]] = []
    merge = CorpusDomain.merge_domaindata

    def noted(self: CorpusDomain, docnames: Any, otherdata: dict[str, Any]) -> None:
        held = {record.docname for record in otherdata["passages"].values()} | set(otherdata["sources"])
        merged.append((set(docnames), held))
        merge(self, docnames, otherdata)

    monkeypatch.setattr(CorpusDomain, "merge_domaindata", noted)
    build_cleanly(corpus, tmp_path, parallel=2)
    assert len(merged) > 2
    assert all(held <= read for read, held in merged), merged
    sources = {f"sources/{page.stem}" for page in (corpus / "sources").glob("*.md")}
    assert set().union(*(held for _, held in merged)) == sources


def test_a_parallel_write_hands_out_bounded_chunks(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At -j 2, each writer task takes at most WRITE_CHUNK pages (Sphinx's chunks grow as the square
    root of the site, all resolved in the main process), every page is still written once, and the
    next build reads with Sphinx's own chunks again."""
    monkeypatch.setattr(memory, "WRITE_CHUNK", 3)
    written: list[list[str]] = []
    add_task = memory.BoundedTasks.add_task

    def noted(self: memory.BoundedTasks, task_func: Any, arg: Any = None, result_func: Any = None) -> None:
        if arg and isinstance(arg[0], tuple):  # a write task: (docname, doctree) pairs
            written.append([docname for docname, _ in arg])
        add_task(self, task_func, arg, result_func)

    monkeypatch.setattr(memory.BoundedTasks, "add_task", noted)
    app = build_cleanly(corpus, tmp_path, parallel=2)
    assert max(len(chunk) for chunk in written) == 3
    pages = [docname for chunk in written for docname in chunk]
    assert len(pages) == len(set(pages)) == len(app.env.found_docs) - 1  # Sphinx writes the first alone
    assert getattr(sphinx.builders, "make_chunks") is sphinx.util.parallel.make_chunks  # noqa: B009


def _naming(docs: Path, name: str) -> set[str]:
    """The source and topic pages whose text names ``name`` (as a word, outside passage IDs, roles and
    directives' own lines: a claim's question is the title of its table, which is not marked)."""
    found = set()
    word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for folder in ("sources", "topics"):
        for page in (docs / folder).glob("*.md"):
            text = re.sub(r"\{corpus:\w+\}`[^`]*`", "", page.read_text(encoding="utf-8"))
            text = re.sub(r"^`{3,}\{corpus:[\w-]+\}.*$", "", text, flags=re.MULTILINE)
            if word.search(text.split("\n---\n", 1)[-1]):
                found.add(f"{folder}/{page.stem}")
    return found


def _generated(docs: Path) -> dict[str, int]:
    """Each generated entity page of the built site, with the time it was last written."""
    folder = docs / "_build" / "html" / "entities"
    return {page.name: page.stat().st_mtime_ns for page in folder.glob("*.html")}


def test_a_registry_edit_rewrites_exactly_the_pages_whose_marks_change(built: Path, tmp_path: Path) -> None:
    """Registering a new entity reads no page again and rewrites exactly the source and topic pages that
    name it (and, as Sphinx does for any page it rewrites, the pages whose toctrees list them: the listing
    page and the topics' group page), its new page and the entity listing; no other entity page. The
    result is what a clean build of the same files gives, and serial and parallel clean builds agree."""
    registry = built / "entities.toml"
    original = registry.read_text(encoding="utf-8")
    before = _generated(built)
    expected = _naming(built, UNREGISTERED_PLACE)
    assert expected and len(expected) < 40
    slug = UNREGISTERED_PLACE.lower()
    try:
        registry.write_text(
            original + f'\n[[entity]]\nid = "{slug}"\ntype = "place"\nname = "{UNREGISTERED_PLACE}"\n'
            'description = { value = "Capital of Syria.", basis = "synthetic" }\n'
            f'aliases = [{{ name = "{UNREGISTERED_PLACE}", basis = "synthetic" }}]\n',
            encoding="utf-8",
        )
        edited = build(built)
        after = _generated(built)
        parents = {"listings/sources-001", "topic-groups/topics-001"}
        assert any(name.startswith("sources/") for name in expected)
        assert any(name.startswith("topics/") for name in expected)
        assert (edited.read, edited.written) == (set(), expected | parents)
        assert {name for name in after if after[name] != before.get(name)} == {
            f"{slug}.html",
            "listing-001.html",
        }
        marked = [
            name
            for name in sorted(expected)
            if BeautifulSoup((built / "_build" / "html" / f"{name}.html").read_text(), "html.parser").select(
                f'a.corpus-entity[data-entity="{slug}"]'
            )
        ]
        assert marked  # some name it only inside a seed's own link, which keeps its words unmarked
        serial, parallel = tmp_path / "serial", tmp_path / "parallel"
        build_cleanly(built, serial)
        build_cleanly(built, parallel, parallel=2)
        incremental = articles(built / "_build" / "html")
        assert articles(serial / "html") == incremental
        assert articles(parallel / "html") == incremental
    finally:
        registry.write_text(original, encoding="utf-8")
        build(built)
