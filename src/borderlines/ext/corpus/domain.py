"""The corpus domain: the single owner of all corpus state (sources, passages, citations, summaries)."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ...contract.metadata import page_kind
from ...contract.names import DOMAIN, Directive, PageKind, Role
from .claims import AnswerDirective, ClaimDirective, ClaimsDirective
from .directives import (
    CoverageDirective,
    EntitiesDirective,
    PassageDirective,
    ReuseDirective,
    SourceDirective,
    SourcesTableDirective,
)
from .display import citation_view
from .nodes import entity_ref
from .prose import prose_runs, run_text
from .records import (
    CitationRecord,
    ClaimRecord,
    Derived,
    EntityRef,
    EventRecord,
    PassageRecord,
    PassageTable,
    QuoteKey,
    Resolution,
    SourceRecord,
    SummaryKind,
)
from .roles import CiteRole, EntityRole, QuoteRole, SourceRole
from .sentence import citing_sentence
from .sentences import sentence_keys
from .timeline import EventDirective, TimelineDirective
from .warnings import CorpusWarning, warn

#: Facts each document registers while it is read; cleared and merged per document.
_PER_DOCUMENT = (
    "sources",
    "doc_passages",
    "citations",
    "summaries",
    "summary_kinds",
    "links",
    "listings",
    "page_kinds",
    "claims",
    "events",
    "prose",
    "entity_refs",
    "entity_indexes",
    "text_digests",
)
#: What features derive after reading, by feature (see ``note_feature``); forgotten with the documents.
_FEATURES = "features"
T = TypeVar("T")


class CorpusDomain(Domain):
    """Sources, passages and citations, stored per document so that parallel and incremental builds merge.

    Resolved citations and backlinks are derived after reading (``resolve.refresh``), and what features
    derive from them after that (``events.CORPUS_RESOLVED``); both are kept so that the next build can
    tell which pages they changed.
    """

    name = DOMAIN
    label = "Corpus"
    directives = {
        Directive.PASSAGE: PassageDirective,
        Directive.SOURCE: SourceDirective,
        Directive.SOURCES: SourcesTableDirective,
        Directive.COVERAGE: CoverageDirective,
        Directive.CLAIM: ClaimDirective,
        Directive.ANSWER: AnswerDirective,
        Directive.CLAIMS: ClaimsDirective,
        Directive.EVENT: EventDirective,
        Directive.TIMELINE: TimelineDirective,
        Directive.ENTITIES: EntitiesDirective,
        Directive.REUSE: ReuseDirective,
    }
    roles = {
        Role.CITE: CiteRole(),
        Role.QUOTE: QuoteRole(),
        Role.SOURCE: SourceRole(),
        Role.ENTITY: EntityRole(),
    }
    initial_data = {
        **{key: {} for key in _PER_DOCUMENT},
        "passages": PassageTable(),
        "derived": Derived(),
        "quote_cache": {},
        _FEATURES: {},
    }
    data_version = 11

    @property
    def sources(self) -> dict[str, SourceRecord]:
        """Source records by docname."""
        return cast("dict[str, SourceRecord]", self.data.setdefault("sources", {}))

    @property
    def passages(self) -> dict[str, PassageRecord]:
        """Passage records by passage ID."""
        return cast("dict[str, PassageRecord]", self.data.setdefault("passages", PassageTable()))

    @property
    def doc_passages(self) -> dict[str, tuple[str, ...]]:
        """The passage IDs each source page registered, in page order (a paragraph, then its sentences)."""
        return cast("dict[str, tuple[str, ...]]", self.data.setdefault("doc_passages", {}))

    @property
    def citations(self) -> dict[str, tuple[CitationRecord, ...]]:
        """The citations each page makes, in page order."""
        return cast("dict[str, tuple[CitationRecord, ...]]", self.data.setdefault("citations", {}))

    @property
    def summaries(self) -> dict[str, int]:
        """Documents showing a corpus-wide summary (sources table, coverage), with the directive's line."""
        return cast("dict[str, int]", self.data.setdefault("summaries", {}))

    @property
    def summary_kinds(self) -> dict[str, tuple[SummaryKind, ...]]:
        """The kinds of summary each of those documents shows."""
        return cast("dict[str, tuple[SummaryKind, ...]]", self.data.setdefault("summary_kinds", {}))

    def summary_pages(self, kind: SummaryKind) -> list[str]:
        """The documents showing a summary of ``kind``: each is written again when that summary changes.
        A document read before kinds were recorded counts as showing every kind."""
        return sorted(
            name for name in self.summaries if kind in self.summary_kinds.get(name, tuple(SummaryKind))
        )

    @property
    def listings(self) -> dict[str, tuple[str, ...]]:
        """Listing pages, with the source pages each lists, in order."""
        return cast("dict[str, tuple[str, ...]]", self.data.setdefault("listings", {}))

    @property
    def links(self) -> dict[str, tuple[str, ...]]:
        """The external URLs inside each source page's passages."""
        return cast("dict[str, tuple[str, ...]]", self.data.setdefault("links", {}))

    @property
    def page_kinds(self) -> dict[str, PageKind]:
        """What each page is, as its front matter says, for pages other than ``PageKind.OTHER``."""
        return cast("dict[str, PageKind]", self.data.setdefault("page_kinds", {}))

    @property
    def claims(self) -> dict[str, tuple[ClaimRecord, ...]]:
        """The disputed claims each page writes, in page order."""
        return cast("dict[str, tuple[ClaimRecord, ...]]", self.data.setdefault("claims", {}))

    @property
    def events(self) -> dict[str, tuple[EventRecord, ...]]:
        """The events each page writes, in page order."""
        return cast("dict[str, tuple[EventRecord, ...]]", self.data.setdefault("events", {}))

    def note_claim(self, record: ClaimRecord) -> None:
        """Register a claim of the page being read."""
        self.claims[record.docname] = (*self.claims.get(record.docname, ()), record)

    def note_event(self, record: EventRecord) -> None:
        """Register an event of the page being read."""
        self.events[record.docname] = (*self.events.get(record.docname, ()), record)

    @property
    def prose(self) -> dict[str, tuple[str, ...]]:
        """Per topic page, the text of each run of its prose where entities are looked for (``prose``)."""
        return cast("dict[str, tuple[str, ...]]", self.data.setdefault("prose", {}))

    @property
    def entity_refs(self) -> dict[str, tuple[EntityRef, ...]]:
        """The ``{corpus:entity}`` links each page makes, in page order."""
        return cast("dict[str, tuple[EntityRef, ...]]", self.data.setdefault("entity_refs", {}))

    @property
    def entity_indexes(self) -> dict[str, int]:
        """Pages showing the entity index summary, with the directive's line."""
        return cast("dict[str, int]", self.data.setdefault("entity_indexes", {}))

    def pages_of_kind(self, kind: PageKind) -> list[str]:
        """The pages of ``kind``, in name order."""
        return sorted(docname for docname, each in self.page_kinds.items() if each is kind)

    @property
    def derived(self) -> Derived:
        """What the last resolution pass derived: resolutions, backlinks, and what each page shows."""
        derived = self.data.get("derived")
        return derived if isinstance(derived, Derived) else Derived()

    @property
    def quote_cache(self) -> dict[QuoteKey, Resolution]:
        """Quotes matched by the last resolution pass, for the next to reuse (``resolve.Resolver``)."""
        return cast("dict[QuoteKey, Resolution]", self.data.setdefault("quote_cache", {}))

    def note_derived(self, derived: Derived, quote_cache: dict[QuoteKey, Resolution]) -> None:
        """Keep what this build's resolution pass derived."""
        self.data["derived"] = derived
        self.data["quote_cache"] = quote_cache

    def feature(self, record: type[T]) -> T | None:
        """What a feature derived in the last build, as the record of type ``record`` it keeps, if any.

        A record pickled by an older version of its type lacks the fields added since: it comes back
        with their defaults (as a build that had derived nothing for them), or not at all if one has
        no default."""
        found = self.data.setdefault(_FEATURES, {}).get(_feature_key(record))
        if not isinstance(found, record):
            return None
        if dataclasses.is_dataclass(found):
            fields = dataclasses.fields(found)
            if not all(hasattr(found, each.name) for each in fields):
                kept = {each.name: getattr(found, each.name) for each in fields if hasattr(found, each.name)}
                try:
                    upgraded = record(**kept)
                except TypeError:
                    return None
                self.note_feature(upgraded)
                return upgraded
        return found

    def note_feature(self, derived: object) -> None:
        """Keep a feature's derived record (one per type), for the pages it writes and the next build."""
        self.data.setdefault(_FEATURES, {})[_feature_key(type(derived))] = derived

    def note_source(self, record: SourceRecord) -> None:
        """Register the source page being read."""
        self.sources[record.docname] = record

    def note_passage(self, record: PassageRecord) -> None:
        """Register a passage, warning if its ID is already taken (a sentence needs its paragraph)."""
        if record.parent:
            paragraph = self.passages.get(record.parent)
            if paragraph is None or (paragraph.docname, paragraph.line) != (record.docname, record.line):
                return  # its own paragraph (same page, same directive) was refused, with a warning
        existing = self.passages.get(record.id)
        if existing is not None and existing != record:
            warn(
                f"passage ID {record.id!r} is also used in {existing.docname}",
                CorpusWarning.DUPLICATE_ID,
                (record.docname, record.line),
            )
            return
        self.passages[record.id] = record
        self.doc_passages[record.docname] = (*self.doc_passages.get(record.docname, ()), record.id)

    def text_digest(self, docname: str) -> str:
        """A digest of a source page's passages, IDs and texts, in order; kept until it is read again."""
        digests = cast("dict[str, str]", self.data.setdefault("text_digests", {}))
        known = digests.get(docname)
        if known is None:
            digest = hashlib.blake2b(digest_size=16)
            for passage_id in self.doc_passages.get(docname, ()):
                record = self.passages[passage_id]
                digest.update(
                    f"{record.id}\0{record.parent}\0{record.text}\0{record.start}\0{record.end}\0".encode()
                )
            known = digests[docname] = digest.hexdigest()
        return known

    def passage_text(self, passage_id: str) -> str:
        """The words of a registered passage: a paragraph's own, or a sentence's part of its paragraph's."""
        record = self.passages[passage_id]
        if not record.parent:
            return record.text
        return self.passages[record.parent].text[record.start : record.end]

    def note_listing(self, docname: str, sources: list[str]) -> None:
        """Remember that ``docname`` lists the source pages ``sources``."""
        self.listings[docname] = tuple(sources)

    def note_summary(self, docname: str, line: int, kind: SummaryKind) -> None:
        """Remember that ``docname`` shows a corpus-wide summary of ``kind``."""
        self.summaries.setdefault(docname, line)
        known = self.summary_kinds.get(docname, ())
        if kind not in known:
            self.summary_kinds[docname] = (*known, kind)

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Record what the page is, its citations and, on a source page, the links in its passages."""
        kind = page_kind(env.metadata.get(docname, {}))
        if kind is not PageKind.OTHER:
            self.page_kinds[docname] = kind
        title = _document_title(document)
        found = [node for node in document.findall(pending_xref) if node.get("refdomain") == self.name]
        lines = _exact_lines(env, docname, found) if found else []
        sentences = sentence_keys(found)
        citations = [
            CitationRecord(
                docname,
                line,
                node["corpus_id"],
                node["reftype"],
                node["reftarget"],
                node.astext() if node.get("refexplicit") else "",
                title,
                *_section_of(node),
                sentences[index],
                bool(node.get("corpus_repeat_meant")),
                citing_sentence(node),
            )
            for index, (node, line) in enumerate(zip(found, lines, strict=True))
        ]
        if citations:
            self.citations[docname] = tuple(citations)
        refs = [
            EntityRef(docname, node.line or 0, str(node["entity"]), str(node["label"]))
            for node in document.findall(entity_ref)
        ]
        if refs:
            self.entity_refs[docname] = tuple(refs)
        if kind is PageKind.TOPIC:
            self.prose[docname] = tuple(run_text(run) for run in prose_runs(document))
        if docname in self.sources:
            self.links[docname] = tuple(
                str(node["refuri"])
                for node in document.findall(nodes.reference)
                if str(node.get("refuri", "")).startswith(("http://", "https://"))
            )

    def clear_doc(self, docname: str) -> None:
        """Forget everything ``docname`` registered."""
        for passage_id in self.doc_passages.get(docname, ()):
            record = self.passages.get(passage_id)
            if record is not None and record.docname == docname:
                del self.passages[passage_id]
        for key in _PER_DOCUMENT:
            self.data.setdefault(key, {}).pop(docname, None)

    def forget_all_documents(self) -> None:
        """Forget what every document registered, and what was derived from it (keeping the version)."""
        for key, empty in self.initial_data.items():
            self.data[key] = copy.deepcopy(empty)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Take in what a parallel reader registered for ``docnames``."""
        for docname in docnames:
            for key in _PER_DOCUMENT:
                if key != "doc_passages" and docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
            for passage_id in otherdata["doc_passages"].get(docname, ()):
                self.note_passage(otherdata["passages"][passage_id])

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Turn a resolved citation into a link to its passage, titled with the passage's text."""
        resolved = self.resolution(fromdocname, node)
        if resolved is None:
            return None  # failed citations were warned about and replaced by ``MarkUnresolved``
        view = citation_view(self, resolved, node.astext() if node.get("refexplicit") else "")
        reference = make_refnode(
            builder,
            fromdocname,
            resolved.docname,
            view.fragment,
            nodes.inline(view.label, view.label),
            view.title,
        )
        reference["classes"].append("corpus-cite" if resolved.passage_id else "corpus-cite-source")
        return reference

    def resolution(self, docname: str, node: pending_xref) -> Resolution | None:
        """What the citation ``node`` in ``docname`` resolved to after reading, if anything."""
        resolved = self.derived.resolutions.get(docname, {}).get(node.get("corpus_id"))
        return resolved if isinstance(resolved, Resolution) else None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Citations are never reached through the ``any`` role."""
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Sources and passages for the object inventory."""
        for source in self.sources.values():
            yield source.slug, source.title, "source", source.docname, "", 1
        for passage in self.passages.values():
            yield passage.id, passage.id, passage.kind, passage.docname, passage.id, -1

    def objects_digest(self) -> str:
        """A digest that changes whenever ``get_objects`` may: each document holding a source or a
        passage, with when it was last read (what it registered changes only when it is read)."""
        digest = hashlib.blake2b(digest_size=16)
        for docname in sorted(set(self.sources) | set(self.doc_passages)):
            digest.update(f"{docname}\0{self.env.all_docs.get(docname)}\0".encode())
        return digest.hexdigest()


def corpus_of(env: BuildEnvironment) -> CorpusDomain:
    """The corpus domain of ``env``."""
    return cast("CorpusDomain", env.domains[DOMAIN])


def _feature_key(record: type) -> str:
    return f"{record.__module__}.{record.__qualname__}"


def _exact_lines(env: BuildEnvironment, docname: str, found: list[pending_xref]) -> list[int]:
    """The line of each citation itself: docutils gives only the line its paragraph starts on."""
    try:
        text = Path(env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return [node.line or 0 for node in found]
    searched_from: dict[tuple[int, str], int] = {}
    lines = []
    for node in found:
        # MyST hands roles a rewritten raw text (":corpus:cite:`…`"): search for the part in backticks.
        start, raw = node.line or 0, node.rawsource
        needle = raw[raw.find("`") :].splitlines()[0] if "`" in raw else ""
        index = searched_from.get((start, needle), max(start - 1, 0))
        while index < len(text) and needle not in text[index]:
            index += 1
        if index == len(text) or not needle:
            lines.append(start)
            continue
        searched_from[(start, needle)] = index + 1
        lines.append(index + 1)
    return lines


def _document_title(document: nodes.document) -> str:
    section = next(iter(document.findall(nodes.section)), None)
    return section[0].astext() if section is not None and len(section) else ""


def _section_of(node: nodes.Node) -> tuple[str, str]:
    """The title and ID of the innermost section below the page title holding ``node``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and isinstance(parent.parent, nodes.section):
            return parent[0].astext(), str(parent["ids"][0]) if parent["ids"] else ""
        parent = parent.parent
    return "", ""
