"""Exports: files written next to the site from the corpus's records once a build has finished.

Each export is a module with its own ``setup_<feature>``: ``annotations`` (every citation of the topic
pages as a W3C Web Annotation), ``citations`` (the sources in CSL-JSON, BibTeX and RIS) and
``datapackage`` (the corpus as a Frictionless Data Package of CSV tables). They read
the domain's records only, never a written page, so an incremental or parallel build writes the same
bytes as a clean serial one.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .annotations import setup_annotations
from .citations import setup_citations
from .datapackage import setup_datapackage
from .listing import setup_listing


def setup_exports(app: Sphinx) -> None:
    """Every export of the corpus."""
    setup_annotations(app)
    setup_citations(app)
    setup_datapackage(app)
    setup_listing(app)
