"""Memory that does not grow with the corpus: a build holds about one page's doctree at a time.

A serial Sphinx build keeps every doctree it reads until it writes that page, and the pickled bytes of
every doctree it loads until the build ends, so its memory grows with the corpus (541 MB at 1,000
synthetic sources, most of it doctrees). Here the read doctree is dropped once it is pickled to disk
and the loaded bytes once the page is resolved; the writer reads each page back from its pickle, which
costs no time we can measure against the noise of a build (benchmarks/scale.py).

Both caches are private to Sphinx (``BuildEnvironment``); if a version lacks one, nothing is dropped.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: Doctrees a serial read keeps for the writer, by docname.
READ_CACHE = "_write_doc_doctree_cache"
#: Pickled doctrees ``get_doctree`` has loaded, by docname.
LOADED_CACHE = "_pickled_doctree_cache"


def drop_read_doctrees(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget the doctrees read so far, before the next page is read (env-purge-doc)."""
    cache = getattr(env, READ_CACHE, None)
    if isinstance(cache, dict):
        cache.clear()


def drop_loaded_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Forget the pickled bytes of a page once it is resolved for writing (doctree-resolved)."""
    cache = getattr(app.env, LOADED_CACHE, None)
    if isinstance(cache, dict):
        cache.pop(docname, None)
