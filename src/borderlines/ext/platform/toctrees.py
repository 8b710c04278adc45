"""Sphinx's toctree bookkeeping in time that grows with the page, not with the site.

When a document is read, Sphinx's ``TocTreeCollector.clear_doc`` walks every entry of
``env.files_to_rebuild`` (one per document some toctree includes) to take the document out of it.
Called once per document read, that is N squared: 0.6 s of a 1,000-source build and 13 s of a
3,000-source build (cProfile). A document is in ``files_to_rebuild[child]`` exactly when ``child``
is in its own ``toctree_includes`` (both are written together, by ``note_toctree`` and
``merge_other``), so the same removal can visit only the document's own toctree entries.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector


class IndexedTocTreeCollector(TocTreeCollector):
    """Sphinx's toctree collector, forgetting a document through its own toctree entries."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """Forget ``docname``'s toctrees, and its place among the includers of each entry."""
        for child in env.toctree_includes.get(docname, ()):
            includers = env.files_to_rebuild.get(child)
            if includers is not None:
                includers.discard(docname)
                if not includers:
                    del env.files_to_rebuild[child]
        env.tocs.pop(docname, None)
        env.toc_secnumbers.pop(docname, None)
        env.toc_fignumbers.pop(docname, None)
        env.toc_num_entries.pop(docname, None)
        env.toctree_includes.pop(docname, None)
        env.glob_toctrees.discard(docname)
        env.numbered_toctrees.discard(docname)


def setup_toctrees(app: Sphinx) -> None:
    """Sphinx's toctree bookkeeping, per page."""
    replace_toctree_collector(app)


def toctree_collectors(app: Sphinx) -> list[TocTreeCollector]:
    """The toctree collectors listening to ``app`` (Sphinx's own, or one derived from it)."""
    listeners = app.events.listeners["env-purge-doc"]
    owners = (getattr(listener.handler, "__self__", None) for listener in listeners)
    return [owner for owner in owners if isinstance(owner, TocTreeCollector)]


def replace_toctree_collector(app: Sphinx) -> None:
    """Swap Sphinx's own toctree collector for ``IndexedTocTreeCollector`` (at setup)."""
    builtin = [owner for owner in toctree_collectors(app) if type(owner) is TocTreeCollector]
    if len(builtin) != 1:
        return  # another extension replaced it, or Sphinx changed: keep what is there
    builtin[0].disable(app)
    app.add_env_collector(IndexedTocTreeCollector)
