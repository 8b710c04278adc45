"""Sphinx configuration for the Borderlines site: sources in docs/, output in _build/html/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

project = "Borderlines"
author = "the Borderlines contributors"
copyright = "2026, the Borderlines contributors"

extensions = ["myst_parser", "sphinx_design", "borderlines.ext", "borderlines.ext.platform"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".tox", ".venv"]

# Seed text must reach readers exactly as written: no curly-quote rewriting.
smartquotes = False

# Hardening: no MyST extension evaluates templates or passes HTML, and raw HTML syntax is off
# (the corpus extension also turns off docutils file insertion and raw output).
myst_enable_extensions: list[str] = []
myst_disable_syntax = ["html_block", "html_inline"]

# Furo: a reading measure and type made for long text, light and dark modes, a phone layout, and
# no remote fonts or CDN (everything it needs ships in _static/).
html_theme = "furo"
html_title = "Borderlines"
html_show_sourcelink = False
# No page links to the MyST text of a page, so it is not copied into _sources/ (10,000 files at scale).
html_copy_source = False
html_static_path: list[str] = []

# Linkcheck is bounded and polite (see README: "Checking links").
linkcheck_timeout = 15
linkcheck_retries = 2
linkcheck_rate_limit_timeout = 60.0
linkcheck_workers = 4
linkcheck_report_timeouts_as_broken = False
linkcheck_allow_unauthorized = False
# The link-health page only reports on links (and offers archive lookups): it is not checked itself.
linkcheck_exclude_documents = [r"link-health"]
linkcheck_ignore = [
    r"https?://(localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+"
    r"|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|\[::1\])([:/]|$)",
]
