"""Sphinx's parallel tasks, bounded: the main process queues at most one task ahead of its workers."""

from __future__ import annotations

import gc
import pickle
import shutil
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from builds import replace_in
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.testing.util import SphinxTestApp
from sphinx.util.parallel import ParallelTasks

from borderlines.ext.corpus.records import PassageRecord, PassageTable
from borderlines.ext.entities.records import MentionRecord, MentionsByPage
from borderlines.ext.platform import collection, memory
from borderlines.ext.platform.memory import BoundedTasks

MakeApp = Callable[..., SphinxTestApp]
PLATFORM = {"extensions": ["myst_parser", "borderlines.ext", "borderlines.ext.platform"]}


def _queue(tasks: ParallelTasks, count: int) -> tuple[int, list[int]]:
    """Queue ``count`` short tasks; the most tasks ever waiting for a process, and the results."""
    results: list[int] = []
    most = 0
    for number in range(count):
        tasks.add_task(_pause, number, lambda arg, result: results.append(result))
        most = max(most, len(tasks._precvs_waiting))
    tasks.join()
    return most, sorted(results)


def _pause(number: int) -> int:
    time.sleep(0.3)
    return number


def test_bounded_tasks_keep_at_most_one_waiting() -> None:
    """Sphinx's own tasks let every queued chunk wait (holding its doctrees); ours let one wait."""
    most, results = _queue(ParallelTasks(2), 8)
    assert most > 1 and results == list(range(8))
    assert _queue(BoundedTasks(2), 8) == (1, list(range(8)))


def _metadata(make_app: MakeApp, rootdir: Path, target: Path, **options: Any) -> dict[str, dict[str, Any]]:
    shutil.copytree(rootdir / "test-reuse", target)
    app = make_app("html", srcdir=target, **options)
    app.build()
    return {docname: app.env.metadata[docname] for docname in ("sources/alpha", "sources/beta")}


@pytest.mark.parametrize("parallel", [1, 2])
def test_pages_share_the_strings_of_their_front_matter(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, parallel: int
) -> None:
    """Read serially or merged from parallel readers, two pages' names and short values are one copy."""
    shared = _metadata(make_app, rootdir, tmp_path / "shared", parallel=parallel, confoverrides=PLATFORM)
    alone = _metadata(make_app, rootdir, tmp_path / "alone", parallel=parallel)
    assert shared == alone
    alpha, beta = shared["sources/alpha"], shared["sources/beta"]
    assert alpha["source_kind"] == "news-report" and alpha["source_kind"] is beta["source_kind"]
    assert all(name is next(other for other in beta if other == name) for name in alpha if name in beta)
    assert alpha["source_title"] is not beta["source_title"]


def _rebuild_after_edit(make_app: MakeApp, target: Path, parallel: int) -> tuple[dict[str, bytes], list[str]]:
    """Build, reword one source page, build again; the site's pages, and the documents the second
    build merged from parallel readers."""
    app = make_app("html", srcdir=target, parallel=parallel, freshenv=True, confoverrides=PLATFORM)
    app.build()
    page = target / "sources" / "beta.md"
    text = page.read_text(encoding="utf-8")
    assert "A spokesman" in text
    page.write_text(text.replace("A spokesman", "A spokeswoman", 1), encoding="utf-8")
    app = make_app("html", srcdir=target, parallel=parallel, confoverrides=PLATFORM)
    merged: list[str] = []
    app.connect("env-merge-info", lambda app, env, docnames, other: merged.extend(docnames))
    app.build()
    assert app.parallel == parallel  # the write phase had the build's -j back
    site = Path(app.outdir)
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*.html")}, merged


def test_a_small_read_is_done_in_the_main_process(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild reading fewer pages than its share of the site merges no parallel reader's
    environment, and writes the pages a -j 1 rebuild writes."""
    shutil.copytree(rootdir / "test-reuse", tmp_path / "parallel")
    shutil.copytree(rootdir / "test-reuse", tmp_path / "serial")
    pages, merged = _rebuild_after_edit(make_app, tmp_path / "parallel", 2)
    assert merged, "the share's default leaves a site this small to Sphinx's parallel read"
    monkeypatch.setattr(memory, "SERIAL_READ_SHARE", 1)
    shutil.rmtree(tmp_path / "parallel")
    shutil.copytree(rootdir / "test-reuse", tmp_path / "parallel")
    pages, merged = _rebuild_after_edit(make_app, tmp_path / "parallel", 2)
    assert merged == []
    assert pages == _rebuild_after_edit(make_app, tmp_path / "serial", 1)[0]


def test_the_environment_loads_and_pickles_with_the_collector_paused_and_it_resumes(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild unpickles the environment with the cyclic collector off, and every build pickles it
    with the collector off; the build reads and writes with it on and the loaded objects frozen out
    of it, and ends with nothing left frozen."""
    shutil.copytree(rootdir / "test-reuse", tmp_path / "site")
    seen: dict[str, list[bool]] = {"load": [], "pickle": [], "read": [], "write": []}
    load, dump = Sphinx._load_existing_env, pickle.dump

    def watched_load(self: Sphinx, filename: Path) -> Any:
        seen["load"].append(gc.isenabled())
        return load(self, filename)

    def watched_dump(obj: Any, file: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(obj, BuildEnvironment):
            seen["pickle"].append(gc.isenabled())
        dump(obj, file, *args, **kwargs)

    monkeypatch.setattr(Sphinx, "_load_existing_env", watched_load)
    monkeypatch.setattr(pickle, "dump", watched_dump)
    frozen: list[int] = []
    for edit in ("", "# A topic"):
        if edit:
            replace_in(tmp_path / "site" / "topics" / "page.md", edit, "# A topic, edited")
        app = make_app("html", srcdir=tmp_path / "site", confoverrides=PLATFORM)
        app.connect("env-before-read-docs", lambda app, env, names: seen["read"].append(gc.isenabled()))
        app.connect("write-started", lambda app, builder: seen["write"].append(gc.isenabled()), 900)
        app.connect("env-before-read-docs", lambda app, env, names: frozen.append(gc.get_freeze_count()))
        try:
            app.build()
        finally:
            app.cleanup()
    assert seen == {"load": [False], "pickle": [False, False], "read": [True, True], "write": [True, True]}
    assert frozen[1] > 10_000  # the loaded environment's objects, at least
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_passage_table_pickles_as_columns_and_reads_back_the_same() -> None:
    """Passages come back from a pickle equal, in the same order, as records, with one column a field
    in the pickle rather than one record at a time; an empty table too."""
    records = [
        PassageRecord(f"s-p{n}", "sources/s", "paragraph", "", f"Text {n}.", n, 0, 7) for n in range(3)
    ] + [PassageRecord("s-p0-s1", "sources/s", "sentence", "s-p0", "", 0, 0, 7)]
    table = PassageTable((record.id, record) for record in records)
    again = pickle.loads(pickle.dumps(table, pickle.HIGHEST_PROTOCOL))
    assert type(again) is PassageTable and list(again.items()) == list(table.items())
    assert all(type(record) is PassageRecord for record in again.values())
    assert table.__reduce__()[1][0][4] == ("Text 0.", "Text 1.", "Text 2.", "")
    assert pickle.loads(pickle.dumps(PassageTable())) == {}


def test_the_mentions_pickle_as_columns_and_read_back_the_same() -> None:
    """Each page's mentions come back from a pickle equal, in page order, as records, pages without
    mentions included, with one column a field in the pickle; an alias and the words written as it
    stay one string; an empty table too."""
    alias = "".join(["Al-", "Hol"])  # made at run time, so that only the table can make it one object
    found = MentionsByPage(
        {
            "sources/a": (
                MentionRecord("al-hol", "a-p1-0001", 0, 6, alias, alias),
                MentionRecord("iraq", "a-p2-0002", 4, 8, "Iraq", "Iraq"),
            ),
            "sources/b": (),
            "topics/t": (MentionRecord("iraq", "3", 0, 4, "Iraq", "Iraq"),),
        }
    )
    again = pickle.loads(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    assert type(again) is MentionsByPage and list(again.items()) == list(found.items())
    assert all(type(record) is MentionRecord for mentions in again.values() for record in mentions)
    assert again["sources/a"][0].exact is again["sources/a"][0].alias
    assert found.__reduce__()[1][1] == (2, 0, 1)
    assert pickle.loads(pickle.dumps(MentionsByPage())) == {}


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_full_build_freezes_what_it_has_read_and_no_doctree_with_it(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: int
) -> None:
    """Every FREEZE_EVERY pages read, and once the environment is pickled, what survives a collection
    is frozen; every page's doctree is dropped and freed before the writers start (none frozen
    alive, where only build-finished would free it), and the build ends with nothing frozen."""
    monkeypatch.setattr(collection, "FREEZE_EVERY", 2)
    shutil.copytree(rootdir / "test-reuse", tmp_path / "site")
    read: list[weakref.ref[nodes.document]] = []
    frozen: dict[str, list[int]] = {"read": [], "write": []}
    app = make_app("html", srcdir=tmp_path / "site", parallel=parallel, confoverrides=PLATFORM)
    app.connect("doctree-read", lambda app, doctree: read.append(weakref.ref(doctree)))
    app.connect("env-purge-doc", lambda app, env, name: frozen["read"].append(gc.get_freeze_count()), 900)
    alive_at_write: list[int] = []

    def writing(app: Sphinx, builder: Any) -> None:
        frozen["write"].append(gc.get_freeze_count())
        alive_at_write.append(sum(ref() is not None for ref in read))

    app.connect("write-started", writing, 900)
    try:
        app.build()
    finally:
        app.cleanup()
    assert len(app.env.found_docs) > 4
    assert frozen["read"][-1] > frozen["read"][0]  # frozen again as pages are purged and read
    assert frozen["write"][0] > frozen["read"][-1]  # and again once the environment is pickled
    if parallel == 1:  # a parallel read's doctrees live in its readers
        # A role object keeps the inliner of the last page it ran in (Sphinx's roles do), and with
        # it that page's doctree: here the topic page, the last read. No other may be alive.
        assert len(read) == len(app.env.found_docs) and alive_at_write == [1]
        assert read[-1]() is not None
    assert gc.isenabled() and gc.get_freeze_count() == 0
