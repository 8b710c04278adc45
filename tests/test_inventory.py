"""The object inventory: Sphinx's own bytes, written again only when an object changed."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from builds import build_once, copy_root, replace_in
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from borderlines.ext.platform import inventory

MakeApp = type[SphinxTestApp]


def _with_platform(rootdir: Path, tmp_path: Path, name: str) -> Path:
    srcdir = copy_root(rootdir, tmp_path, "exports", name)
    conf = srcdir / "conf.py"
    replace_in(conf, '"borderlines.ext"]', '"borderlines.ext", "borderlines.ext.platform"]')
    return srcdir


def _lines(data: bytes) -> list[str]:
    body = data.partition(b"zlib.\n")[2]
    return zlib.decompress(body).decode().splitlines()


def _inventory(app: SphinxTestApp) -> Path:
    return Path(app.outdir) / inventory.FILENAME


@pytest.mark.slow
def test_the_inventory_is_sphinxs_and_is_rewritten_only_when_an_object_changed(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is what Sphinx writes, byte for byte; a topic edit leaves it alone without making the
    passages' lines; a new passage in a source is in it after an incremental build, as after a clean
    one."""
    srcdir = _with_platform(rootdir, tmp_path, "inventory")
    app = build_once(make_app, srcdir)
    written = _inventory(app).read_bytes()
    InventoryFile.dump(tmp_path / "sphinx.inv", app.env, app.builder)
    assert written == (tmp_path / "sphinx.inv").read_bytes()
    assert "alpha-p1-s1-aaa1 corpus:sentence -1 sources/alpha.html#$ -" in _lines(written)

    unchanged_at = _inventory(app).stat().st_mtime_ns
    replace_in(srcdir / "topics" / "first.md", "alpha-p1-s1-aaa1`.", "alpha-p2-s2-bbb2`.")
    made: list[list[str]] = []
    make_lines = inventory.inventory_lines

    def counted(env: Any, builder: Any, domains: Any = None) -> bytes:
        made.append([domain.name for domain in domains] if domains is not None else ["every domain"])
        return make_lines(env, builder, domains)

    monkeypatch.setattr(inventory, "inventory_lines", counted)
    again = build_once(make_app, srcdir)
    assert _inventory(again).stat().st_mtime_ns == unchanged_at
    assert made and all("corpus" not in names and "every domain" not in names for names in made)
    monkeypatch.undo()

    _inventory(again).write_bytes(b"damaged")
    repaired = build_once(make_app, srcdir)
    assert _inventory(repaired).read_bytes() == written

    replace_in(srcdir / "sources" / "beta.md", "source_title: Beta analysis", "source_title: Beta, revised")
    edited = build_once(make_app, srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build_once(make_app, clean_src, freshenv=True)
    InventoryFile.dump(tmp_path / "clean.inv", clean.env, clean.builder)
    assert _inventory(edited).read_bytes() == (tmp_path / "clean.inv").read_bytes() != written
