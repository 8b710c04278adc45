"""Exports: files written next to the site from the corpus's records once a build has finished.

Each export is a module with its own ``write_<export>``, which ``write_exports`` calls when the build
has finished: ``annotations`` (every citation of the topic pages as a W3C Web Annotation),
``citations`` (the sources in CSL-JSON, BibTeX and RIS) and ``datapackage`` (the corpus as a
Frictionless Data Package of CSV tables); the annotations and the tables share the sources' texts
(``sourcetext``) and what is said of each citation (``citationfacts``, kept between builds per topic
page), each made at most once a build (``inputs``). They read
the domain's records only, never a written page, so an incremental or parallel build writes the same
bytes as a clean serial one.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .annotations import setup_annotations, write_annotations
from .citations import write_citations
from .datapackage import write_datapackage
from .files import exports_dir
from .inputs import ExportInputs
from .listing import setup_listing


def setup_exports(app: Sphinx) -> None:
    """Every export of the corpus, written once the build has finished."""
    setup_annotations(app)
    setup_listing(app)
    app.connect("build-finished", write_exports)


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    """Write every export that is out of date, the annotations and the data package from the same
    inputs (build-finished)."""
    folder = exports_dir(app)
    if exception is not None or folder is None:
        return
    inputs = ExportInputs(app)
    write_annotations(app, folder, inputs.facts)
    write_citations(app, folder)
    write_datapackage(app, folder, inputs)
