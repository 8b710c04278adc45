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
from .records import AnswerRecord, ClaimRecord
from .roles import CITATION_CLASS
from .warnings import CorpusWarning, warn

CLAIM_CLASS = "corpus-claim"
_IN_CLAIM = "corpus_in_claim"
_NOT_ID = re.compile(r"[^a-z0-9]+")


class answer(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lowercase)
    """An answer as its directive read it; the claim holding it turns it into a table row."""


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
        node = answer(by=" ".join(self.arguments[0].split()), note=self.options.get("note", "").strip())
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        if not self.env.temp_data.get(_IN_CLAIM):
            name, around = qualified(Directive.ANSWER), qualified(Directive.CLAIM)
            warn(f"{name} belongs inside {around}", CorpusWarning.CLAIM, self.get_location())
            return list(node.children)
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
            if not citations_in(node)
        ]
        if problems:
            warn(f"claim {question!r}: " + "; ".join(problems), CorpusWarning.CLAIM, self.get_location())
        records = tuple(
            AnswerRecord(node["by"], words_without_citations(node), node["note"], citations_in(node))
            for node in answers
        )
        self.corpus.note_claim(ClaimRecord(self.env.docname, self.lineno, claim_id, question, records))
        return [self._table(claim_id, question, answers)]

    def _table(self, claim_id: str, question: str, answers: list[answer]) -> nodes.table:
        with_notes = any(node["note"] for node in answers)
        columns = ["Answer", "Who says it", "Source and date", *(["Note"] if with_notes else [])]
        group = nodes.tgroup(cols=len(columns))
        group += [nodes.colspec(colwidth=width) for width in (5, 3, 3, 3)[: len(columns)]]
        group += nodes.thead("", nodes.row("", *(_entry(nodes.paragraph(text=label)) for label in columns)))
        body = nodes.tbody()
        for node in answers:
            cells = [
                _entry(*node.children),
                _entry(nodes.paragraph(text=node["by"])),
                _entry(claim_sources(citations=citations_in(node))),
            ]
            if with_notes:
                cells.append(_entry(nodes.paragraph(text=node["note"])))
            body += nodes.row("", *cells)
        group += body
        table = nodes.table("", nodes.title(question, question), group, ids=[claim_id], classes=[CLAIM_CLASS])
        self.set_source_info(table)
        return table


class ClaimsDirective(CorpusDirective):
    """Every claim of every topic page, with its answers (the "Disputed claims" page)."""

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder; the list is built when every page is read."""
        self.corpus.note_summary(self.env.docname, self.lineno)
        return [claims_index()]


def _entry(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", *children)
