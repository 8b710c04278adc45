"""``exports/annotations.jsonld``: every citation of every topic page as a W3C Web Annotation.

The annotations form an ``AnnotationCollection`` whose first ``AnnotationPage`` is embedded; past
``PAGE_SIZE`` annotations the next pages are ``annotations-page-N.jsonld`` beside it. Each annotation:

- ``motivation`` is ``linking``: the topic page's sentence (the body) links to the passage it rests on
  (the target) as its evidence. None of the Web Annotation motivations means "citing"; ``linking`` is
  the one for "a resource related to the target", where ``describing`` or ``commenting`` would say the
  body is about the passage, and ``highlighting`` that it has no body;
- ``body``: the citing sentence (a ``TextualBody``, purpose ``describing``) and the citation on the
  topic page itself (``…/topics/<page>.html#cite-N``);
- ``target``: the passage on our source page, with a ``FragmentSelector`` naming the passage ID, a
  ``TextQuoteSelector`` (a quote's words, or a cited passage's whole text, with up to 32 characters of
  its paragraph on each side) and a ``TextPositionSelector`` in the source's text (``sourcetext``);
  and, when the source's own URL is known, the original article with the same ``TextQuoteSelector``
  (its positions there are not ours to state). A whole-source citation targets both pages unselected.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ...contract.names import PageKind
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.records import CitationRecord, Resolution
from .citationfacts import CitationFacts, PageFacts
from .files import export_uri, page_uri, write_text

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
#: The shipped copy of that context, for validating offline (``tests/test_exports.py``).
CONTEXT_FILE = Path(__file__).with_name("anno.jsonld")
COLLECTION = "annotations.jsonld"
PAGE_SIZE = 1000
_FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3986"
JSON = dict[str, Any]


def setup_annotations(app: Sphinx) -> None:
    """The size of the collection's pages, a setting of ``conf.py``."""
    app.add_config_value("borderlines_annotation_page_size", PAGE_SIZE, "env", int)


def write_annotations(app: Sphinx, folder: Path, facts: Mapping[str, PageFacts]) -> None:
    """Write the collection and its pages into ``folder``, and remove pages a larger corpus left."""
    documents = collection(app, int(app.config.borderlines_annotation_page_size), facts)
    for name, document in documents.items():
        write_text(folder / name, encoded(document))
    for stale in folder.glob("annotations-page-*.jsonld"):
        if stale.name not in documents:
            stale.unlink()


def encoded(document: JSON) -> str:
    """A collection file as JSON, indented, with each annotation on a line of its own.

    Indenting with ``json`` takes its pure-Python encoder, seconds for 20,000 annotations; each
    annotation on one line is its C encoder's. The empty ``"items": []`` the indented rest shows can
    stand nowhere else: a string's quotes are escaped.
    """
    page = document.get("first", document)
    items = page.get("items") or []
    whole = json.dumps(document, ensure_ascii=False, indent=1) if not items else ""
    emptied = {**page, "items": []}
    rest = whole or json.dumps(
        {**document, "first": emptied} if page is not document else emptied, ensure_ascii=False, indent=1
    )
    head, found, tail = rest.partition('"items": []')
    if not found:
        return rest + "\n"
    lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    return f'{head}"items": [\n{lines}\n]{tail}\n'


def collection(app: Sphinx, page_size: int, facts: Mapping[str, PageFacts]) -> dict[str, JSON]:
    """The collection's files by name: the collection with its first page embedded, then the others."""
    items = list(annotation_items(app, facts))
    size = max(page_size, 1)
    chunks = [items[index : index + size] for index in range(0, len(items), size)]
    names = [COLLECTION, *(f"annotations-page-{number}.jsonld" for number in range(2, len(chunks) + 1))]
    ids = [f"{export_uri(app, COLLECTION)}#page-1", *(export_uri(app, name) for name in names[1:])]
    head: JSON = {
        "@context": CONTEXT_URL,
        "id": export_uri(app, COLLECTION),
        "type": "AnnotationCollection",
        "label": f"{app.config.project}: the citations of the topic pages",
        "total": len(items),
    }
    if chunks:
        head["first"] = _page(head["id"], ids, 0, chunks[0], size)
        head["last"] = ids[-1]
    files = {COLLECTION: head}
    for index in range(1, len(chunks)):
        files[names[index]] = {"@context": CONTEXT_URL, **_page(head["id"], ids, index, chunks[index], size)}
    return files


def _page(collection_id: str, ids: list[str], index: int, items: list[JSON], size: int) -> JSON:
    page: JSON = {"id": ids[index], "type": "AnnotationPage", "partOf": collection_id}
    page["startIndex"] = index * size
    if index + 1 < len(ids):
        page["next"] = ids[index + 1]
    if index:
        page["prev"] = ids[index - 1]
    page["items"] = items
    return page


def annotation_items(app: Sphinx, facts: Mapping[str, PageFacts]) -> Iterator[JSON]:
    """Every resolved citation of every topic page, in page name order, then page order."""
    corpus = corpus_of(app.env)
    uris: dict[str, str] = {}  # each page's address, which the builder makes with a quote() a call
    for docname in corpus.pages_of_kind(PageKind.TOPIC):
        resolved = corpus.derived.resolutions.get(docname, {})
        known = facts.get(docname, {})
        for citation in corpus.citations.get(docname, ()):
            resolution = resolved.get(citation.node_id)
            if resolution is None or citation.node_id not in known:
                continue
            yield annotation(app, corpus, citation, resolution, known[citation.node_id], uris)


def annotation(
    app: Sphinx,
    corpus: CorpusDomain,
    citation: CitationRecord,
    resolved: Resolution,
    facts: CitationFacts,
    uris: dict[str, str] | None = None,
) -> JSON:
    """One citation as a Web Annotation, from what ``citationfacts`` says of it (``uris``: the pages'
    addresses known so far, which this adds to)."""
    uris = {} if uris is None else uris
    for docname in (citation.docname, resolved.docname):
        if docname not in uris:
            uris[docname] = page_uri(app, docname)
    body: list[JSON] = []
    if facts.sentence:
        body.append(
            {
                "type": "TextualBody",
                "value": facts.sentence,
                "format": "text/plain",
                "language": "en",
                "purpose": "describing",
            }
        )
    cited_at = f"{uris[citation.docname]}#{citation.node_id}"
    body.append({"id": cited_at, "type": "Text", "format": "text/html", "language": "en"})
    source = corpus.sources.get(resolved.docname)
    url = source.url if source is not None and source.url.startswith(("http://", "https://")) else ""
    ours = uris[resolved.docname]
    targets: list[JSON | str]
    if facts.quote is None or facts.position is None:
        targets = [ours, *([url] if url else [])]
    else:
        fragment = {"type": "FragmentSelector", "conformsTo": _FRAGMENT_SPEC, "value": resolved.passage_id}
        selector = [fragment, facts.quote, facts.position]
        targets = [{"type": "SpecificResource", "source": ours, "selector": selector}]
        if url:
            targets.append({"type": "SpecificResource", "source": url, "selector": facts.quote})
    return {
        "id": f"{export_uri(app, COLLECTION)}#{citation.docname}/{citation.node_id}",
        "type": "Annotation",
        "motivation": "linking",
        "body": body,
        "target": targets[0] if len(targets) == 1 else targets,
    }
