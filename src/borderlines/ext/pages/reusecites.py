"""Two citations of one sentence that are one text: a warning, and a note the reader sees.

Two reports sharing a sentence are not two independent sources for it. When one sentence of a topic
page cites two passages of one reuse cluster (or paragraphs holding them), the later citation gets a
``corpus.reused-support`` warning, unless the author marked either with ``!`` before its target
(``{corpus:cite}`!id```), meaning both are wanted, or one of them quotes words in which the two texts
differ (the sentence then sets out the difference, as "nearly six decades" against "more than five
decades"); either way both citations say that they are one text, linking to each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...contract.names import REPEAT_MARK
from ..corpus.display import short_date, short_outlet, view_digest
from ..corpus.domain import CorpusDomain, corpus_of
from ..corpus.events import CORPUS_RESOLVED, CorpusResolved
from ..corpus.records import CitationRecord
from ..corpus.roles import CITATION_CLASS
from ..corpus.warnings import CorpusWarning, warn
from .fill import CORPUS_FILL, PageNodes
from .reuse import TextReuse

SAME_TEXT_CLASS = "corpus-cite-same-text"
NOTE_CLASS = "corpus-same-text"
#: After reuse is found (``reuse.derive_reuse`` runs at the default priority, 500).
_AFTER_REUSE = 600


@dataclass(frozen=True)
class SameTextCitations:
    """Per citing page, for each citation (by node ID) the citations of its sentence that are one text
    with it, each with its node ID and what it cites (outlet and date)."""

    by_page: Mapping[str, Mapping[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)


def setup_reuse_citations(app: Sphinx) -> None:
    """Check what each sentence cites against reuse, and show the reader where two citations are one."""
    app.connect(CORPUS_RESOLVED, check_citations, priority=_AFTER_REUSE)
    app.connect(CORPUS_FILL, note_same_text)


def check_citations(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
    """Warn where a sentence offers one text twice; return the pages whose notes changed (corpus-resolved)."""
    corpus = corpus_of(env)
    reuse = corpus.feature(TextReuse) or TextReuse()
    clusters = _clusters_of_passages(corpus, reuse)
    found: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {}
    for docname in sorted(corpus.citations):
        same = _same_text(corpus, docname, clusters)
        if same:
            found[docname] = same
    old = corpus.feature(SameTextCitations) or SameTextCitations()
    corpus.note_feature(SameTextCitations(found))
    return [
        docname
        for docname in set(old.by_page) | set(found)
        if view_digest([old.by_page.get(docname)]) != view_digest([found.get(docname)])
    ]


def note_same_text(app: Sphinx, page: PageNodes) -> None:
    """Mark each citation that is one text with another of its sentence, linking to it (corpus-fill)."""
    corpus = corpus_of(app.env)
    same = (corpus.feature(SameTextCitations) or SameTextCitations()).by_page.get(page.docname)
    if not same:
        return
    for wrapper in page.with_class(CITATION_CLASS):
        others = same.get(str(wrapper["ids"][0])) if wrapper["ids"] else None
        if not others:
            continue
        wrapper["classes"].append(SAME_TEXT_CLASS)
        note = nodes.inline("", "", classes=[NOTE_CLASS])
        note += nodes.Text(" (same text as ")
        for index, (other, cited) in enumerate(others):
            if index:
                note += nodes.Text(", ")
            note += nodes.reference(
                "",
                f"the citation of {cited}",
                refid=other,
                reftitle="The passages of these citations are one text, repeated between sources",
            )
        note += nodes.Text(")")
        wrapper.parent.insert(wrapper.parent.index(wrapper) + 1, note)


def _clusters_of_passages(corpus: CorpusDomain, reuse: TextReuse) -> dict[str, set[int]]:
    """The clusters each passage belongs to: a sentence its own, a paragraph those of its sentences."""
    clusters: dict[str, set[int]] = {}
    for index, members in enumerate(reuse.clusters):
        for member in members:
            clusters.setdefault(member, set()).add(index)
            parent = corpus.passages[member].parent
            if parent:
                clusters.setdefault(parent, set()).add(index)
    return clusters


def _same_text(
    corpus: CorpusDomain, docname: str, clusters: dict[str, set[int]]
) -> dict[str, tuple[tuple[str, str], ...]]:
    resolutions = corpus.derived.resolutions.get(docname, {})
    by_sentence: dict[str, list[tuple[CitationRecord, str, str]]] = {}
    for citation in corpus.citations[docname]:
        resolved = resolutions.get(citation.node_id)
        if citation.sentence and resolved is not None and resolved.passage_id in clusters:
            by_sentence.setdefault(citation.sentence, []).append(
                (citation, resolved.passage_id, resolved.docname)
            )
    same: dict[str, list[tuple[str, str]]] = {}
    reuse = corpus.feature(TextReuse) or TextReuse()
    for cited in by_sentence.values():
        for (first, first_id, first_doc), (second, second_id, second_doc) in combinations(cited, 2):
            if first_doc == second_doc or not clusters[first_id] & clusters[second_id]:
                continue
            same.setdefault(first.node_id, []).append((second.node_id, _name(corpus, second_doc)))
            same.setdefault(second.node_id, []).append((first.node_id, _name(corpus, first_doc)))
            if first.repeat_meant or second.repeat_meant:
                continue
            if not _quotes_a_difference(corpus, reuse, docname, (first, first_id), (second, second_id)):
                _warn(corpus, first, first_doc, second, second_doc)
    return {node_id: tuple(others) for node_id, others in same.items()}


def _quotes_a_difference(
    corpus: CorpusDomain,
    reuse: TextReuse,
    docname: str,
    first: tuple[CitationRecord, str],
    second: tuple[CitationRecord, str],
) -> bool:
    """Whether either citation quotes a word its passage has and the other passage (paired with it)
    has not: then the sentence shows how the two texts differ, rather than counting them twice."""
    resolutions = corpus.derived.resolutions.get(docname, {})
    for (citation, passage_id), (_, other_id) in ((first, second), (second, first)):
        resolved = resolutions.get(citation.node_id)
        if resolved is None or resolved.quote is None:
            continue
        pair = next(
            (
                pair
                for pair in reuse.pairs_of.get(resolved.docname, ())
                if {pair.first, pair.second} == {passage_id, other_id}
            ),
            None,
        )
        if pair is None:
            continue
        alignment = pair.alignment if pair.first == passage_id else pair.alignment.flipped()
        quoted = _words_within(corpus.passage_text(passage_id), resolved.quote.start, resolved.quote.end)
        differing = {
            index for tag, i1, i2, _, _ in alignment.opcodes if tag != "equal" for index in range(i1, i2)
        }
        if quoted & differing:
            return True
    return False


def _words_within(text: str, start: int, end: int) -> set[int]:
    """The indexes of the words of ``text`` (runs without white space) overlapping ``[start, end)``."""
    return {
        index
        for index, word in enumerate(re.finditer(r"\S+", text))
        if word.start() < end and word.end() > start
    }


def _warn(
    corpus: CorpusDomain, first: CitationRecord, first_doc: str, second: CitationRecord, second_doc: str
) -> None:
    warn(
        f"{second.kind} citation: {second.target!r} ({_name(corpus, second_doc)}) and {first.target!r} "
        f"({_name(corpus, first_doc)}), cited in one sentence, are one text repeated between sources, not "
        f"independent support; cite one, or mark either with {REPEAT_MARK!r} before its target if both "
        "are meant",
        CorpusWarning.REUSED_SUPPORT,
        (second.docname, second.line),
    )


def _name(corpus: CorpusDomain, docname: str) -> str:
    source = corpus.sources[docname]
    return f"{short_outlet(source.outlet)}, {short_date(source.date)}"
