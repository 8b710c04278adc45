"""The Borderlines Sphinx extension: the corpus model, and what its pages show.

``setup`` reads as the list of features. The corpus layer (``corpus/``) owns all corpus state and
resolves citations; each feature of the pages layer (``pages/``) plugs into its events. The work that
keeps large builds fast is a second extension, ``borderlines.ext.platform``, which ``conf.py`` loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import __version__
from .corpus import setup_corpus
from .entities import setup_entities
from .exports import setup_exports
from .pages.accessibility import setup_accessibility
from .pages.backlinks import setup_backlinks
from .pages.citethis import setup_cite_this
from .pages.claims import setup_claims
from .pages.coverage import setup_coverage
from .pages.fill import setup_fill
from .pages.linkhealth import setup_link_health
from .pages.previews import setup_previews
from .pages.provenance import setup_provenance
from .pages.reuse import setup_reuse_detection
from .pages.reusecites import setup_reuse_citations
from .pages.reuselist import setup_reuse_list
from .pages.reusemarks import setup_reuse_marks
from .pages.sourcelinks import setup_source_links
from .pages.tables import setup_tables
from .pages.timeline import setup_timeline

#: Bump whenever the shape of what the domain stores changes.
ENV_VERSION = 11
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def setup(app: Sphinx) -> dict[str, Any]:
    """The corpus, then each feature of its pages."""
    app.setup_extension("sphinx_design")
    app.setup_extension("borderlines.ext.platform.hardening")
    setup_corpus(app)
    setup_fill(app)
    setup_provenance(app)
    setup_cite_this(app)
    setup_tables(app)
    setup_coverage(app)
    setup_backlinks(app)
    setup_source_links(app)
    setup_claims(app)
    setup_timeline(app)
    setup_reuse_detection(app)
    setup_reuse_marks(app)
    setup_reuse_list(app)
    setup_reuse_citations(app)
    setup_previews(app)
    setup_entities(app)
    setup_link_health(app)
    setup_accessibility(app)
    setup_exports(app)
    setup_assets(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def setup_assets(app: Sphinx) -> None:
    """The stylesheet and script of corpus pages, and the template that keeps Furo's script external."""
    app.add_css_file("borderlines.css")
    app.add_js_file("borderlines.js", loading_method="defer")
    app.connect("config-inited", _add_static_path)


def _add_static_path(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if config.html_theme == "furo":  # the template only rewrites Furo's inline script
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
