"""Python's cyclic garbage collector, kept off the environment while it is loaded and pickled.

Unpickling the environment creates millions of objects (half a million passages at 10,000 sources),
and every few thousand of them start a collection that walks what was loaded so far: Sphinx's start
(mostly that load) takes 5.4 s at 10,000 sources with the collector on, 2.4 s without it. The loaded
environment lives as long as the build, so walking it again in later collections finds nothing to
free either. Here the collector is paused from ``config-inited`` (just before Sphinx loads the
environment) until ``builder-inited`` (just after); what is alive then is frozen (``gc.freeze``:
left out of collections, as CPython advises before forking, so parallel readers and writers do not
copy its memory pages to write collector marks), and the collector resumes. Pickling the
environment after reading makes a small object for each record it writes, which starts
collections as well (3.5 s to pickle it without the collector, 4.1 to 5.2 s with it): the collector
is paused from the last ``env-get-updated`` listener (just before Sphinx pickles) until
``env-check-consistency`` or ``write-started`` (just after). Reference counting still frees every
object that is dropped meanwhile; ``build-finished`` unfreezes the frozen ones, for the next build in
the same process, and resumes the collector if a failed build left it paused.

A full build has no environment to load: it makes its environment as it reads, and each full
collection walked everything made so far, though nearly all of it lives as long as the build. Those
collections grew with the corpus and fired as often at any size, as each page's doctree (a web of
parent links that only the collector frees) reaches the oldest generation before it is dropped: 21 s
of a 152 s build at 1,000 sources and 96 s of 543 s at 3,000 (``-j 1``, 2 CPUs), so the build grew
faster than the corpus. So every ``FREEZE_EVERY`` pages read (``env-purge-doc``, just before a page
is read, when the page before it is pickled and dropped), and again once the environment is
pickled, one collection frees what is garbage and what survives it is frozen: later collections walk
only what was made since. What is frozen and later dropped is still freed by reference counting; a
cycle among it waits for ``build-finished``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

#: Whether this module paused the collector, so that it resumes only what it paused.
_paused = {"collector": False}
#: Pages read between two freezes: each freeze costs one collection of what was made since the last.
FREEZE_EVERY = 25
_read_since_freeze = {"pages": 0}


def setup_collection(app: Sphinx) -> None:
    """Pause the collector while the environment is loaded and pickled; keep the loaded objects out of it."""
    app.connect("config-inited", pause_for_loading, priority=900)  # the last before the load
    app.connect("builder-inited", resume_after_loading, priority=0)  # the first after it
    app.connect("env-get-updated", pause_for_pickling, priority=999)  # the last before the pickle
    app.connect("env-check-consistency", resume_after_pickling, priority=0)  # the first after it
    app.connect("write-started", resume_after_pickling, priority=0)  # a build that pickled nothing
    app.connect("env-purge-doc", freeze_while_reading, priority=900)  # once memory.py dropped doctrees
    app.connect("build-finished", unfreeze)


def pause_for_loading(app: Sphinx, config: Config) -> None:
    """Switch the collector off while Sphinx loads the environment (config-inited)."""
    _pause()


def resume_after_loading(app: Sphinx) -> None:
    """Freeze what is alive (the loaded environment) and switch the collector back on (builder-inited)."""
    if _paused["collector"]:
        gc.freeze()
    _resume()


def pause_for_pickling(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Switch the collector off while Sphinx pickles the environment; no page to add (env-get-updated)."""
    _pause()
    return ()


def freeze_while_reading(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Collect and freeze once every ``FREEZE_EVERY`` pages, before the next is read (env-purge-doc)."""
    _read_since_freeze["pages"] += 1
    if _read_since_freeze["pages"] >= FREEZE_EVERY:
        _collect_and_freeze()


def resume_after_pickling(app: Sphinx, *args: Any) -> None:
    """Switch the collector back on once the environment is pickled, and freeze what survives a
    collection: the environment, which the writers only read (env-check-consistency, write-started)."""
    was_paused = _paused["collector"]
    _resume()
    if was_paused:
        _collect_and_freeze()


def _collect_and_freeze() -> None:
    _read_since_freeze["pages"] = 0
    if gc.isenabled():
        gc.collect()
        gc.freeze()


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    """Let collections see the frozen objects again once the build is over, and resume the collector
    if a failed build left it paused (build-finished)."""
    gc.unfreeze()
    _resume()


def _pause() -> None:
    if gc.isenabled():
        gc.disable()
        _paused["collector"] = True


def _resume() -> None:
    if _paused["collector"]:
        gc.enable()
        _paused["collector"] = False
