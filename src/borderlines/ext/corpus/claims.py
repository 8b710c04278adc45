"""Disputed claims: a question on a topic page, its competing answers side by side, each attributed and cited.

A claim is written with nested directives (four backticks around three)::

    ````{corpus:claim} How many inmates escaped Al-Shaddadi prison?
    ```{corpus:answer} The SDF's press chief, as ABNA reports him
    :note: One party to the fighting.

    About 1,500 {corpus:cite}`abna-…-p1-a983`.
    ```
    ```{corpus:answer} …
    ```
    ````

It becomes a table (class ``corpus-claim``) with a row per answer: the answer with its citations, who
gives it, and the source and date of what it cites (filled once citations are resolved,
``pages.claims``); the domain keeps a ``ClaimRecord`` for the "Disputed claims" page and source pages.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from ...contract.names import DOMAIN, Directive, Role, qualified
from .directives import CorpusDirective
from .nodes import claim_sources, claims_index
from .records import AnswerRecord, ClaimRecord, SummaryKind
from .roles import CITATION_CLASS
from .warnings import CorpusWarning, warn

CLAIM_CLASS = "corpus-claim"
#: The cells that attribute an answer and date its sources: apparatus around the answer, not claims.
BY_CLASS = "corpus-claim-by"
SOURCES_CLASS = "corpus-claim-sources"
NOTE_CLASS = "corpus-claim-note"
BOX_CLASS = "corpus-claim-box"
_IN_CLAIM = "corpus_in_claim"
_NOT_ID = re.compile(r"[^a-z0-9]+")


class answer(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lowercase)
    """An answer as its directive read it (its body, then its note if any); the claim holding it turns
    it into a table row."""

    def body(self) -> list[nodes.Node]:
        """The answer itself."""
        return [child for child in self.children if not isinstance(child, answer_note)]

    def note(self) -> answer_note | None:
        """The author's annotation, with its own citations, if any."""
        return next((child for child in self.children if isinstance(child, answer_note)), None)


class answer_note(nodes.paragraph):  # noqa: N801
    """An answer's ``:note:``, parsed as MyST inline text so that it can cite passages too."""


def citations_in(node: nodes.Node) -> tuple[str, ...]:
    """The node IDs of the corpus citations inside ``node``, in page order."""
    return tuple(
        str(ref["corpus_id"]) for ref in node.findall(addnodes.pending_xref) if ref.get("refdomain") == DOMAIN
    )


def words_without_citations(node: nodes.Element) -> str:
    """The text of ``node`` as a sentence on its own: a quote citation gives its quoted words, any
    other citation (which shows only a source's label) is left out."""
    copy = node.deepcopy()
    for wrapper in list(copy.findall(nodes.inline)):
        if CITATION_CLASS not in wrapper["classes"]:
            continue
        reference = next(iter(wrapper.findall(addnodes.pending_xref)), None)
        words = (
            _quoted_words(str(reference["reftarget"]))
            if reference and reference["reftype"] == Role.QUOTE
            else ""
        )
        wrapper.parent.replace(wrapper, nodes.Text(f"“{words}”" if words else ""))
    text = " ".join(copy.astext().split())
    return re.sub(r" ([.,;:!?)])", r"\1", text)


def _quoted_words(spec: str) -> str:
    """The words a quote citation shows: after ``slug:``, and only those inside ``[[ ]]`` if marked."""
    words = spec.partition(":")[2].strip()
    marked = re.search(r"\[\[(.*?)\]\]", words)
    return " ".join((marked.group(1) if marked else words).split())


def anchor_id(prefix: str, name: str) -> str:
    """An HTML id made of ``prefix`` and the words of ``name``: ``claim-how-many-escaped``."""
    words = _NOT_ID.sub("-", name.lower()).strip("-")[:60].rstrip("-")
    return f"{prefix}-{words or 'untitled'}"


class AnswerDirective(CorpusDirective):
    """``{corpus:answer} who says it``, with ``:note:``; its body is the answer, with its citations."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"note": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Read the answer for the claim around it (alone, it is shown as it is, with a warning)."""
        node = answer(by=" ".join(self.arguments[0].split()))
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        note = " ".join(self.options.get("note", "").split())
        if note:
            inline, messages = self.parse_inline(note, lineno=self.lineno)
            node += answer_note("", "", *inline, classes=[NOTE_CLASS])
            node += messages
        if not self.env.temp_data.get(_IN_CLAIM):
            name, around = qualified(Directive.ANSWER), qualified(Directive.CLAIM)
            warn(f"{name} belongs inside {around}", CorpusWarning.CLAIM, self.get_location())
            return [
                nodes.paragraph("", "", *child.children) if isinstance(child, answer_note) else child
                for child in node.children
            ]
        return [node]


class ClaimDirective(CorpusDirective):
    """``{corpus:claim} the question``, with ``:name:`` (its anchor); its body is two or more answers."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Build the comparison table and register the claim."""
        question = " ".join(self.arguments[0].split())
        claim_id = anchor_id("claim", self.options.get("name") or question)
        holder = nodes.Element()
        self.env.temp_data[_IN_CLAIM] = True
        try:
            self.state.nested_parse(self.content, self.content_offset, holder)
        finally:
            self.env.temp_data.pop(_IN_CLAIM, None)
        answers = [child for child in holder.children if isinstance(child, answer)]
        strays = [child for child in holder.children if not isinstance(child, answer)]
        problems = []
        if len(answers) < 2:
            problems.append(f"{len(answers)} answer(s); a disputed claim needs at least two")
        if strays:
            problems.append(f"{len(strays)} block(s) outside any answer")
        problems += [
            f"answer {index} ({node['by']!r}) cites nothing"
            for index, node in enumerate(answers, 1)
            if not any(citations_in(child) for child in node.body())
        ]
        if problems:
            warn(f"claim {question!r}: " + "; ".join(problems), CorpusWarning.CLAIM, self.get_location())
        records = tuple(_record(node) for node in answers)
        self.corpus.note_claim(ClaimRecord(self.env.docname, self.lineno, claim_id, question, records))
        return [self._table(claim_id, question, answers)]

    def _table(self, claim_id: str, question: str, answers: list[answer]) -> nodes.container:
        with_notes = any(node.note() is not None for node in answers)
        columns = ["Answer", "Who says it", "Source and date", *(["Note"] if with_notes else [])]
        group = nodes.tgroup(cols=len(columns))
        group += [nodes.colspec(colwidth=width) for width in (5, 3, 3, 3)[: len(columns)]]
        group += nodes.thead("", nodes.row("", *(_entry(nodes.paragraph(text=label)) for label in columns)))
        body = nodes.tbody()
        for node in answers:
            note = node.note()
            cells = [
                _entry(*node.body()),
                _entry(nodes.paragraph(text=node["by"]), classes=[BY_CLASS]),
                _entry(claim_sources(citations=_body_citations(node)), classes=[SOURCES_CLASS]),
            ]
            if with_notes:
                cells.append(_entry(nodes.paragraph("", "", *note.children) if note else nodes.paragraph()))
            body += nodes.row("", *cells)
        group += body
        table = nodes.table("", nodes.title(question, question), group, classes=[CLAIM_CLASS])
        self.set_source_info(table)
        # The anchor is on a box of its own: Furo copies a table's attributes to the wrapper it adds.
        return nodes.container("", table, ids=[claim_id], classes=[BOX_CLASS])


class ClaimsDirective(CorpusDirective):
    """Every claim of every topic page, with its answers (the "Disputed claims" page)."""

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder; the list is built when every page is read."""
        self.corpus.note_summary(self.env.docname, self.lineno, SummaryKind.CLAIMS)
        return [claims_index()]


def _entry(*children: nodes.Node, classes: list[str] | None = None) -> nodes.entry:
    return nodes.entry("", *children, classes=classes or [])


def _body_citations(node: answer) -> tuple[str, ...]:
    return tuple(node_id for child in node.body() for node_id in citations_in(child))


def _record(node: answer) -> AnswerRecord:
    """What the domain keeps of an answer: its sources are those its body cites, not its note."""
    body = nodes.Element("", *(child.deepcopy() for child in node.body()))
    note = node.note()
    return AnswerRecord(
        node["by"],
        words_without_citations(body),
        words_without_citations(note) if note is not None else "",
        _body_citations(node),
    )
