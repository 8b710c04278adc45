"""The corpus's own Sphinx event: the one point in a build where corpus-wide derived data is ready.

``corpus-resolved`` is emitted once per build, from ``env-get-updated``, after every document is read
and every citation resolved. A feature that derives more from the corpus (links between sources,
and what comes next: entities, reuse, claims, timelines, exports) connects to it instead of editing
the resolver::

    def setup_feature(app: Sphinx) -> None:
        app.connect(CORPUS_RESOLVED, derive_feature)

    def derive_feature(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> Iterable[str]:
        ...  # store what it derives in the domain; return the pages whose view of it changed

Every handler returns the documents it needs written again (an empty iterable if none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .records import Derived

CORPUS_RESOLVED = "corpus-resolved"


@dataclass(frozen=True)
class CorpusResolved:
    """What the event carries: this build's derived data, and which pages it changed."""

    derived: Derived
    changed: frozenset[str]
    """Pages whose view of the citations changed this build (citing pages and the sources they cite)."""


def setup_events(app: Sphinx) -> None:
    """Declare the corpus's event."""
    app.add_event(CORPUS_RESOLVED)


def emit_resolved(app: Sphinx, env: BuildEnvironment, resolved: CorpusResolved) -> set[str]:
    """Emit ``corpus-resolved``; the union of the pages every handler asks to have written again."""
    pages: set[str] = set()
    for result in app.emit(CORPUS_RESOLVED, env, resolved):
        if isinstance(result, str):
            pages.add(result)
        elif isinstance(result, Iterable):
            pages.update(result)
    return pages
