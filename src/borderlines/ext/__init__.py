"""The Borderlines Sphinx extension: the corpus domain, citations and backlinks, source pages, summaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import __version__
from .accessibility import label_toctree_captions
from .backlinks import render_source_page
from .bundles import add_bundles, index_bundles
from .citations import refresh
from .coverage import fill_coverage
from .directives import cited_by, coverage_report, sources_table
from .domain import CorpusDomain
from .hardening import check_config, harden_settings
from .memory import (
    bound_parallel_tasks,
    bound_write_chunks,
    drop_loaded_doctree,
    drop_read_doctrees,
    keep_own_documents,
    note_main_process,
    restore_chunks,
)
from .navigation import bounded_navigation, forget_tree, silence_theme_toctree
from .previews import add_previews
from .roles import MarkUnresolved
from .search import BUNDLE_SIZE, add_search_page, mark_for_search, switch_off_sphinx_index
from .tables import fill_sources_tables, summaries_to_reread
from .toctrees import replace_toctree_collector

#: Bump whenever the shape of what the domain stores changes.
ENV_VERSION = 5
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the corpus domain, its placeholders, its stylesheet and its events."""
    app.setup_extension("sphinx_design")
    app.add_domain(CorpusDomain)
    replace_toctree_collector(app)
    app.add_config_value("borderlines_link_report", "link-health.json", "env", types=[str])
    app.add_config_value("borderlines_search_bundle_size", BUNDLE_SIZE, "", types=[int])
    for placeholder in (sources_table, coverage_report, cited_by):
        app.add_node(placeholder)
    app.add_post_transform(MarkUnresolved)
    app.add_css_file("borderlines.css")
    app.add_js_file("borderlines.js", loading_method="defer")
    app.connect("config-inited", check_config)
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", add_search_page)
    app.connect("builder-inited", switch_off_sphinx_index)
    app.connect("builder-inited", bound_parallel_tasks)
    app.connect("env-before-read-docs", harden_settings)
    app.connect("env-before-read-docs", note_main_process)
    app.connect("env-before-read-docs", restore_chunks)
    app.connect("source-read", keep_own_documents)
    app.connect("env-purge-doc", drop_read_doctrees)
    app.connect("env-get-outdated", summaries_to_reread)
    app.connect("env-get-updated", refresh)
    app.connect("doctree-resolved", fill_sources_tables)
    app.connect("doctree-resolved", fill_coverage)
    app.connect("doctree-resolved", render_source_page)
    app.connect("doctree-resolved", add_previews)
    app.connect("doctree-resolved", drop_loaded_doctree, priority=900)  # after every reader of it
    app.connect("env-updated", forget_tree)
    app.connect("write-started", bound_write_chunks)
    app.connect("html-page-context", silence_theme_toctree, priority=400)  # before the theme's own
    app.connect("html-page-context", bounded_navigation, priority=600)  # after the theme's own
    app.connect("html-page-context", mark_for_search)
    app.connect("html-page-context", add_bundles)
    app.connect("html-page-context", label_toctree_captions, priority=900)  # after the theme's own
    app.connect("build-finished", index_bundles)
    app.connect("build-finished", restore_chunks)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if config.html_theme == "furo":  # the template only rewrites Furo's inline script
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
