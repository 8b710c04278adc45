"""What more than one export is made from, each part made once a build at most, when first asked for."""

from __future__ import annotations

from collections.abc import Mapping

from sphinx.application import Sphinx

from ..corpus.domain import corpus_of
from .citationfacts import PageFacts, citation_facts
from .sourcetext import SourceTexts


class ExportInputs:
    """The sources' texts (``sourcetext``) and the facts of the topic pages' citations
    (``citationfacts``), which the annotations and the data package's tables share."""

    def __init__(self, app: Sphinx) -> None:
        self._app = app
        self.texts = SourceTexts(corpus_of(app.env))
        self._facts: Mapping[str, PageFacts] | None = None

    @property
    def facts(self) -> Mapping[str, PageFacts]:
        """Per topic page, the facts of each resolved citation by node ID, made when first asked for."""
        if self._facts is None:
            self._facts = citation_facts(self._app, self.texts)
        return self._facts
