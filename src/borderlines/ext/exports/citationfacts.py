"""What the exports say of each citation of a topic page: its sentence as shown, and where its words
stand in the source.

The annotations and the citations table both give, for every citation, the citing sentence as the
topic page shows it and the ``TextQuoteSelector`` and ``TextPositionSelector`` of its words. Making
them takes the cited sources' texts, and at 10,000 sources most of the time of the exports, while an
edit changes one page's citations. So they are kept between builds in the doctree folder, per topic
page, with a digest of everything they are made from: the page's citations and what each resolved to,
the record and text digest of every source it cites or names, under a digest of the entity registry
and of the code that makes them. A page whose digest is the one kept
keeps its facts; the others are made again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx

from ...contract.names import PageKind
from ..corpus import display
from ..corpus.display import named_sentence, sentence_sources, shown_sentence, sources_by_slug
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.records import CitationRecord, Resolution, SourceRecord
from ..corpus.resolve import CONTEXT
from ..entities.records import EntityMentions
from . import sourcetext
from .sourcetext import SourceText

FACTS_FILE = "borderlines-citation-facts.pickle"
JSON = dict[str, Any]


class CitationFacts(NamedTuple):
    """What the exports say of one citation: the sentence shown, and its selectors if it cites a passage."""

    sentence: str
    quote: JSON | None
    position: JSON | None


PageFacts = dict[str, CitationFacts]  # by the citation's node ID


def citation_facts(app: Sphinx, texts: Mapping[str, SourceText]) -> dict[str, PageFacts]:
    """Per topic page, the facts of each of its resolved citations, kept ones reused."""
    corpus = corpus_of(app.env)
    path = Path(app.doctreedir) / FACTS_FILE
    basis = _basis(corpus)
    kept = _read(path, basis)
    sources = sources_by_slug(corpus)
    made: dict[str, tuple[str, PageFacts]] = {}
    for docname in corpus.pages_of_kind(PageKind.TOPIC):
        key = _page_key(corpus, docname, sources)
        known = kept.get(docname)
        made[docname] = (
            known if known and known[0] == key else (key, _page_facts(corpus, docname, texts, sources))
        )
    if made.keys() != kept.keys() or any(made[name] is not kept[name] for name in made):
        path.write_bytes(pickle.dumps({"basis": basis, "pages": made}, protocol=5))
    return {docname: facts for docname, (_key, facts) in made.items()}


def selectors(corpus: CorpusDomain, resolved: Resolution, text: SourceText) -> tuple[JSON, JSON]:
    """The ``TextQuoteSelector`` and ``TextPositionSelector`` of a resolved passage citation."""
    begins = text.starts[resolved.passage_id]
    if resolved.quote is not None:
        start, end = begins + resolved.quote.start, begins + resolved.quote.end
        exact, prefix, suffix = resolved.quote.exact, resolved.quote.prefix, resolved.quote.suffix
    else:
        start, end = begins, begins + len(corpus.passage_text(resolved.passage_id))
        first, last = text.paragraphs[resolved.passage_id]
        exact = text.text[start:end]
        prefix, suffix = (
            text.text[max(first, start - CONTEXT) : start],
            text.text[end : min(last, end + CONTEXT)],
        )
    quote = {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
    return quote, {"type": "TextPositionSelector", "start": start, "end": end}


def _page_facts(
    corpus: CorpusDomain, docname: str, texts: Mapping[str, SourceText], sources: Mapping[str, SourceRecord]
) -> PageFacts:
    entities = corpus.feature(EntityMentions) or EntityMentions()
    resolved = corpus.derived.resolutions.get(docname, {})
    facts: PageFacts = {}
    for citation in corpus.citations.get(docname, ()):
        resolution = resolved.get(citation.node_id)
        if resolution is None:
            continue
        sentence = named_sentence(shown_sentence(citation, resolution, sources), entities.name_of)
        quote, position = (
            selectors(corpus, resolution, texts[resolution.docname])
            if resolution.passage_id
            else (None, None)
        )
        facts[citation.node_id] = CitationFacts(sentence, quote, position)
    return facts


def _page_key(corpus: CorpusDomain, docname: str, sources: Mapping[str, SourceRecord]) -> str:
    """A digest of everything a topic page's facts are made from (by ``repr``: a pickle would differ
    with which equal strings happen to be one object)."""
    citations: tuple[CitationRecord, ...] = tuple(corpus.citations.get(docname, ()))
    resolved = corpus.derived.resolutions.get(docname, {})
    resolutions = tuple(resolved.get(citation.node_id) for citation in citations)
    cited = sorted({each.docname for each in resolutions if each is not None})
    named = sorted({slug for citation in citations for slug in sentence_sources(citation.sentence_text)})
    facts = (
        citations,
        resolutions,
        tuple((name, corpus.sources.get(name), corpus.text_digest(name)) for name in cited),
        tuple((slug, sources.get(slug)) for slug in named),
    )
    return hashlib.blake2b(repr(facts).encode(), digest_size=16).hexdigest()


def _basis(corpus: CorpusDomain) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for module in (display, sourcetext):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    found = corpus.feature(EntityMentions)
    digest.update(f"registry\0{found.registry_digest if found else ''}".encode())
    return digest.hexdigest()


def _read(path: Path, basis: str) -> dict[str, tuple[str, PageFacts]]:
    """The facts the last build kept, if made under the same ``basis``; none if unreadable."""
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:
        return {}
    if not isinstance(found, dict) or found.get("basis") != basis:
        return {}
    pages = found.get("pages")
    return pages if isinstance(pages, dict) else {}
