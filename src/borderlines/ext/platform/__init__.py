"""The platform work that keeps large builds fast and small, as a Sphinx extension of its own.

``conf.py`` loads it after ``borderlines.ext``; a small site builds the same pages without it (with
Sphinx's own search, sidebar and memory use). Every patch of Sphinx's and Furo's internals is here:
Sphinx's toctree bookkeeping per page (``toctrees``), bounded memory in serial and parallel builds
(``memory``), a garbage collector kept off the loaded environment (``collection``), a sidebar that
does not grow with the corpus (``navigation``), Pagefind search in bounded bundles (``search``,
``bundles``), and an object inventory compressed only when it changed (``inventory``).
``hardening`` is an extension of its own, loaded by ``borderlines.ext`` itself, since no site may
run without it.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ... import __version__
from .bundles import setup_bundles
from .collection import setup_collection
from .inventory import setup_inventory
from .memory import setup_memory
from .navigation import setup_navigation
from .search import setup_search
from .toctrees import setup_toctrees


def setup(app: Sphinx) -> dict[str, Any]:
    """The large-build features, each with its own setup."""
    app.setup_extension("borderlines.ext")
    setup_toctrees(app)
    setup_memory(app)
    setup_collection(app)
    setup_navigation(app)
    setup_search(app)
    setup_bundles(app)
    setup_inventory(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
