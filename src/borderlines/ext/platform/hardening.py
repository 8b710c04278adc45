"""The configuration's second line of defence: no template evaluation, no raw HTML, no file insertion."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ... import __version__
from ..corpus.warnings import CorpusWarning, warn

#: MyST extensions that evaluate templates or pass HTML through.
UNSAFE_MYST_EXTENSIONS = frozenset({"substitution", "html_image", "html_admonition"})
REQUIRED_DISABLED_SYNTAX = ("html_block", "html_inline")


def setup(app: Sphinx) -> dict[str, Any]:
    """Check the configuration, and harden every document's settings."""
    app.connect("config-inited", check_config)
    app.connect("env-before-read-docs", harden_settings)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def check_config(app: Sphinx, config: Config) -> None:
    """Refuse MyST settings that would let page text evaluate templates or emit raw HTML."""
    enabled = set(getattr(config, "myst_enable_extensions", []) or [])
    for name in sorted(enabled & UNSAFE_MYST_EXTENSIONS):
        warn(f"myst_enable_extensions must not include {name!r}", CorpusWarning.CONFIG)
    disabled = set(getattr(config, "myst_disable_syntax", []) or [])
    for syntax in REQUIRED_DISABLED_SYNTAX:
        if syntax not in disabled:
            warn(f"myst_disable_syntax must include {syntax!r}", CorpusWarning.CONFIG)


def harden_settings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Turn off docutils file insertion and raw output for every document read."""
    env.settings["file_insertion_enabled"] = False
    env.settings["raw_enabled"] = False
