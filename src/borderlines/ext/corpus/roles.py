"""The citation roles: a passage by ID, the source's own words, a whole source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ...contract.names import DOMAIN, REPEAT_MARK, Role
from .nodes import entity_ref

if TYPE_CHECKING:
    from .domain import CorpusDomain

CITATION_CLASS = "corpus-citation"


class _CitationRole(SphinxRole):
    """A citation: a wrapper with an ID (for backlinks) around a reference resolved after reading."""

    kind: str = ""
    explicit_titles = True

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Return the citation wrapper; what it links to is decided once every source is read."""
        explicit, label, target = (
            split_explicit_title(self.text) if self.explicit_titles else (False, self.text, self.text)
        )
        target = target.strip()
        repeat_meant = target.startswith(REPEAT_MARK)
        target = target.removeprefix(REPEAT_MARK).strip()
        if not explicit:
            label = target
        node_id = f"cite-{self.env.new_serialno('corpus-cite') + 1}"
        reference = addnodes.pending_xref(
            self.rawtext,
            nodes.inline(label, label),
            refdomain=DOMAIN,
            reftype=self.kind,
            reftarget=target,
            refexplicit=explicit,
            refdoc=self.env.docname,
            corpus_id=node_id,
            corpus_repeat_meant=repeat_meant,
        )
        self.set_source_info(reference)
        wrapper = nodes.inline("", "", reference, ids=[node_id], classes=[CITATION_CLASS])
        self.set_source_info(wrapper)
        return [wrapper], []


class CiteRole(_CitationRole):
    """``{corpus:cite}`passage-id``` or ``{corpus:cite}`label <passage-id>```."""

    kind = Role.CITE


class QuoteRole(_CitationRole):
    """``{corpus:quote}`source-slug: exact words``` or ``…: before [[exact words]] after``."""

    kind = Role.QUOTE
    explicit_titles = False


class SourceRole(_CitationRole):
    """``{corpus:source}`source-slug```: the whole source, shown by title, outlet and date."""

    kind = Role.SOURCE


class EntityRole(SphinxRole):
    """``{corpus:entity}`al-hol``` or ``{corpus:entity}`the camp <al-hol>```: a link to an entity's page.

    Not a citation: it leaves an ``entity_ref``, filled once the registry is read (``ext.entities``).
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Return the placeholder, with the entity's id and the author's own text, if any."""
        explicit, label, target = split_explicit_title(self.text)
        node = entity_ref(self.rawtext, entity=target.strip(), label=label if explicit else "")
        self.set_source_info(node)
        return [node], []


class MarkUnresolved(SphinxPostTransform):
    """Show a citation that failed (and was warned about) as struck-out text, never as a guessed link."""

    default_priority = 5  # before Sphinx resolves references, so no second "not found" warning

    def run(self, **kwargs: Any) -> None:
        """Replace each failed citation's pending reference with the author's text."""
        corpus = cast("CorpusDomain", self.env.domains[DOMAIN])
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") == DOMAIN and corpus.resolution(node["refdoc"], node) is None:
                text = node.astext()
                node.replace_self(nodes.inline(text, text, classes=["corpus-cite-unresolved"]))
