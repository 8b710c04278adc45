"""Memory that does not grow with the corpus: a build holds about one page's doctree at a time, and a
parallel reader sends back only what it read.

A serial Sphinx build keeps every doctree it reads until it writes that page, and the pickled bytes of
every doctree it loads until the build ends, so its memory grows with the corpus (541 MB at 1,000
synthetic sources, most of it doctrees). Here the read doctree is dropped once it is pickled to disk
and the loaded bytes once the page is resolved; the writer reads each page back from its pickle, which
costs no time we can measure against the noise of a build (benchmarks/scale.py).

Both caches are private to Sphinx (``BuildEnvironment``); if a version lacks one, nothing is dropped.

A parallel read forks each reader from the main process, with everything read so far, and the reader
sends back its whole environment: with the corpus's passages that made the traffic, and the main
process's memory, grow as N squared (1.4 GB in the main process twelve minutes into a 10,000-source
-j auto build). The main process takes from a reader only the documents it read
(``CorpusDomain.merge_domaindata``), so a reader forgets the corpus data of every other document
before it reads its first.

A parallel write resolves every chunk of pages in the main process and queues it for a writer without
waiting for one to be free, so nearly every resolved doctree of the corpus piles up in the main
process (3.1 GB at 10,000 sources). ``BoundedTasks`` makes the queue wait while a chunk is already
waiting: the main process then holds the chunks being written, one waiting and one being resolved.
Sphinx sizes those chunks as the square root of the site (316 pages at 10,000 with the one writer of
a 2-CPU machine), so during the write phase ``write_chunks`` bounds them to ``WRITE_CHUNK`` pages.

Sphinx reads in parallel whenever it may, even one page: each reader then sends back the whole
environment, which the main process unpickles and merges (9 s of a 49 s topic-edit rebuild at 10,000
sources, for a handful of pages). ``read_few_serially`` reads in the main process fewer pages than
one in ``SERIAL_READ_SHARE`` of the site, where a reader's round trip costs more than it saves (a
site of fewer than that many pages reads as Sphinx does); the write phase keeps its parallelism.

Every source page's front matter has the same forty-odd names and many of the same short values
(statuses, bases, versions), each a string of its own per page, read or unpickled: 87 MB of the main
process at 10,000 sources. ``share_metadata_strings`` makes pages share one copy of each.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import Any

import sphinx.builders
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.parallel import ParallelTasks, make_chunks

from ..corpus.domain import corpus_of

#: Doctrees a serial read keeps for the writer, by docname.
READ_CACHE = "_write_doc_doctree_cache"
#: Pickled doctrees ``get_doctree`` has loaded, by docname.
LOADED_CACHE = "_pickled_doctree_cache"
#: The most pages one task of a parallel write takes: each costs a fork, each page about 1 MB held.
WRITE_CHUNK = 20
#: Front matter values at most this long are shared between pages; longer ones (titles, digests,
#: addresses) are a page's own.
SHARED_VALUE = 40
#: Fewer pages to read than the site's pages over this are read serially.
SERIAL_READ_SHARE = 100
#: The -j a build was started with, while a small read runs serially (0 when it does not).
_parallel = {"saved": 0}
#: The process that started reading, and the last parallel reader that forgot the others' documents.
_processes = {"main": 0, "forgotten": 0}


def setup_memory(app: Sphinx) -> None:
    """Bound what a build holds: about one doctree at a time, and parallel work one chunk ahead."""
    app.connect("builder-inited", bound_parallel_tasks)
    app.connect("env-before-read-docs", note_main_process)
    app.connect("env-before-read-docs", restore_chunks)
    app.connect("env-before-read-docs", read_few_serially, priority=900)  # once the list is final
    app.connect("env-updated", restore_parallel, priority=100)
    app.connect("build-finished", restore_parallel_at_end)
    app.connect("source-read", keep_own_documents)
    app.connect("env-purge-doc", drop_read_doctrees)
    app.connect("env-updated", drop_last_read_doctree)
    app.connect("doctree-read", share_read_metadata, priority=900)  # after Sphinx's collector fills it
    app.connect("env-merge-info", share_merged_metadata, priority=900)
    app.connect("doctree-resolved", drop_loaded_doctree, priority=900)  # after every reader of it
    app.connect("write-started", bound_write_chunks)
    app.connect("build-finished", restore_chunks)


def drop_read_doctrees(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget the doctrees read so far, before the next page is read (env-purge-doc)."""
    cache = getattr(env, READ_CACHE, None)
    if isinstance(cache, dict):
        cache.clear()


def drop_last_read_doctree(app: Sphinx, env: BuildEnvironment) -> Sequence[str]:
    """Forget the last page's doctree too once every page is read, so that nothing read is held
    while the environment is pickled and frozen (collection.py); no page to add (env-updated)."""
    drop_read_doctrees(app, env, "")
    return ()


def drop_loaded_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Forget the pickled bytes of a page once it is resolved for writing (doctree-resolved)."""
    cache = getattr(app.env, LOADED_CACHE, None)
    if isinstance(cache, dict):
        cache.pop(docname, None)


def share_metadata_strings(metadata: dict[str, Any]) -> dict[str, Any]:
    """``metadata`` with its names and short string values shared with every other page's."""
    return {sys.intern(name): _shared(value) for name, value in metadata.items()}


def _shared(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) and len(value) <= SHARED_VALUE else value


def share_read_metadata(app: Sphinx, doctree: nodes.document) -> None:
    """Share the strings of the page just read's metadata (doctree-read)."""
    docname = app.env.docname
    if docname in app.env.metadata:
        app.env.metadata[docname] = share_metadata_strings(app.env.metadata[docname])


def share_merged_metadata(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    """Share the strings of the metadata a parallel reader sent back (env-merge-info)."""
    for docname in docnames:
        if docname in env.metadata:
            env.metadata[docname] = share_metadata_strings(env.metadata[docname])


def read_few_serially(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read a few pages in the main process, not in parallel readers (env-before-read-docs)."""
    if app.parallel > 1 and len(docnames) < len(env.found_docs) // SERIAL_READ_SHARE:
        _parallel["saved"] = app.parallel
        app.parallel = 1


def restore_parallel(app: Sphinx, env: BuildEnvironment) -> None:
    """Give the write phase back the build's -j after a serial read (env-updated)."""
    if _parallel["saved"]:
        app.parallel, _parallel["saved"] = _parallel["saved"], 0


def restore_parallel_at_end(app: Sphinx, exception: BaseException | None) -> None:
    """Give the build its -j back even when reading failed (build-finished)."""
    restore_parallel(app, app.env)


def note_main_process(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember which process reads, or forks the readers (env-before-read-docs)."""
    _processes["main"] = os.getpid()


def keep_own_documents(app: Sphinx, docname: str, source: list[str]) -> None:
    """In a parallel reader, forget other documents' corpus data before reading its first (source-read)."""
    reader = os.getpid()
    if reader not in (_processes["main"], _processes["forgotten"]):
        corpus_of(app.env).forget_all_documents()
        _processes["forgotten"] = reader


class BoundedTasks(ParallelTasks):
    """Sphinx's parallel tasks, but a task is queued only when no other is waiting for a process."""

    def add_task(self, task_func: Any, arg: Any = None, result_func: Any = None) -> None:
        """Wait until no task is waiting for a process, then queue this one."""
        while self._precvs_waiting:
            if not self._join_one():
                time.sleep(0.02)
        super().add_task(task_func, arg, result_func)


def bound_parallel_tasks(app: Sphinx) -> None:
    """Make Sphinx's parallel reads and writes queue at most one task ahead (builder-inited)."""
    if app.parallel > 1 and getattr(sphinx.builders, "ParallelTasks", None) is ParallelTasks:
        setattr(sphinx.builders, "ParallelTasks", BoundedTasks)  # noqa: B010 (not exported: mypy)


def write_chunks(arguments: Sequence[str], nproc: int, maxbatch: int = 10) -> list[Sequence[str]]:
    """Sphinx's chunks of pages for its writers, cut to at most ``WRITE_CHUNK`` pages each."""
    return [
        chunk[start : start + WRITE_CHUNK]
        for chunk in make_chunks(arguments, nproc, maxbatch)
        for start in range(0, len(chunk), WRITE_CHUNK)
    ]


def bound_write_chunks(app: Sphinx, builder: Any) -> None:
    """Cut a parallel write into chunks of ``WRITE_CHUNK`` pages (write-started); reading keeps Sphinx's."""
    if app.parallel > 1:
        setattr(sphinx.builders, "make_chunks", write_chunks)  # noqa: B010 (not exported: mypy)


def restore_chunks(app: Sphinx, *_args: Any) -> None:
    """Give reading Sphinx's own chunks again (build-finished; and env-before-read-docs, in case a
    build ended without build-finished)."""
    if getattr(sphinx.builders, "make_chunks", None) is write_chunks:
        setattr(sphinx.builders, "make_chunks", make_chunks)  # noqa: B010
