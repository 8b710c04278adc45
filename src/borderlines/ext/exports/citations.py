"""The sources as references for citation managers: ``sources.csl.json``, ``sources.bib``, ``sources.ris``."""

from __future__ import annotations

from sphinx.application import Sphinx

from .bibtex import bibtex
from .csl import csl_json
from .files import exports_dir, write_text
from .references import references
from .ris import ris

FILES = {"sources.csl.json": csl_json, "sources.bib": bibtex, "sources.ris": ris}


def setup_citations(app: Sphinx) -> None:
    """Write the reference files once the build has finished."""
    app.connect("build-finished", write_citations)


def write_citations(app: Sphinx, exception: BaseException | None) -> None:
    """Write each reference file from the sources' records (build-finished)."""
    folder = exports_dir(app)
    if exception is not None or folder is None:
        return
    found = references(app.env)
    for name, render in FILES.items():
        write_text(folder / name, render(found))
