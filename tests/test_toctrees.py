"""Sphinx's toctree collector, replaced by one that forgets a document without walking the whole site."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.testing.util import SphinxTestApp

from borderlines.ext.platform.toctrees import IndexedTocTreeCollector, toctree_collectors

#: What ``TocTreeCollector.clear_doc`` touches in the environment.
_STATE = (
    "tocs",
    "toc_secnumbers",
    "toc_fignumbers",
    "toc_num_entries",
    "toctree_includes",
    "glob_toctrees",
    "numbered_toctrees",
    "files_to_rebuild",
)


def _cleared(app: SphinxTestApp, collector: TocTreeCollector, docname: str) -> dict[str, Any]:
    """The toctree state of ``app``'s environment after ``collector`` forgets ``docname`` in a copy."""
    env = SimpleNamespace(**{name: copy.deepcopy(getattr(app.env, name)) for name in _STATE})
    collector.clear_doc(app, env, docname)  # type: ignore[arg-type]
    return {**vars(env), "tocs": {name: toc.pformat() for name, toc in env.tocs.items()}}


def _forgets_as_sphinx_would(app: SphinxTestApp) -> None:
    """For every page of ``app``'s build, ours and Sphinx's collector leave the same state."""
    assert [type(owner) for owner in toctree_collectors(app)] == [IndexedTocTreeCollector]
    assert any(len(includers) > 0 for includers in app.env.files_to_rebuild.values())
    for docname in sorted(app.env.found_docs):
        assert _cleared(app, IndexedTocTreeCollector(), docname) == _cleared(
            app, TocTreeCollector(), docname
        ), docname


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_forgetting_a_document_leaves_what_sphinx_would(app: SphinxTestApp) -> None:
    """After a serial build, only ours listens, and it forgets each page as Sphinx's would."""
    app.build()
    _forgets_as_sphinx_would(app)


@pytest.mark.sphinx("html", testroot="navigation", srcdir="toctrees-parallel", freshenv=True, parallel=2)
def test_forgetting_after_parallel_reads_leaves_what_sphinx_would(app: SphinxTestApp) -> None:
    """After parallel readers' toctrees are merged (``merge_other``), the same holds."""
    app.build()
    _forgets_as_sphinx_would(app)


@pytest.mark.sphinx("html", testroot="navigation", srcdir="toctrees-edited", freshenv=True)
def test_a_page_taken_out_of_a_toctree_no_longer_rebuilds_with_it(app: SphinxTestApp) -> None:
    """After a listing drops a source and is read again, the source no longer names that listing."""
    app.build()
    assert app.env.files_to_rebuild["sources/five"] == {"listings/b"}
    listing = Path(app.srcdir) / "listings" / "b.md"
    listing.write_text(listing.read_text(encoding="utf-8").replace("five\n", ""), encoding="utf-8")
    app.build()
    assert "sources/five" not in app.env.files_to_rebuild
    assert app.env.files_to_rebuild["sources/four"] == {"listings/b"}
