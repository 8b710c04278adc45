"""The Borderlines Sphinx extension: the corpus domain, source pages and the table of sources."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from .directives import sources_table
from .domain import CorpusDomain
from .hardening import check_config, harden_settings
from .tables import fill_sources_tables, tables_to_reread

#: Bump whenever the shape of what the domain stores changes.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the corpus domain and its events."""
    app.add_domain(CorpusDomain)
    app.add_node(sources_table)
    app.connect("config-inited", check_config)
    app.connect("env-before-read-docs", harden_settings)
    app.connect("env-get-outdated", tables_to_reread)
    app.connect("doctree-resolved", fill_sources_tables)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
