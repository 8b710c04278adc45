"""The object inventory (``objects.inv``), written as Sphinx writes it, and compressed only when it changed.

Sphinx compresses the inventory afresh on every build, one object at a time, asking the builder for
each object's page address: with a passage per sentence that is hundreds of thousands of objects at
10,000 sources, seconds of a rebuild after a topic edit that changes none of them. Here the same
lines are made with one address lookup a page, and compressed in one call, with the same zlib
settings, so the file is Sphinx's byte for byte (tests/test_inventory.py); a digest of the lines,
kept in the doctree folder with a digest of the file written, lets a build whose objects did not
change leave the file alone. A domain that can tell when its objects may have changed (the corpus
domain's ``objects_digest``: only a page read again changes what it registered) spares even the
making of its lines: after a topic edit the passages' lines are not made at all. Another project
links to our passages through this file (intersphinx).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

#: Where a build records the digest of the lines it compressed, and of the file it wrote.
RECORD = "borderlines-inventory.json"
#: Sphinx's own: what the inventory's header and compressed body are made with.
FILENAME = "objects.inv"
LEVEL = 9
_SPACES = re.compile(r"\s+")


def setup_inventory(app: Sphinx) -> None:
    """Write HTML builds' object inventory as below, in place of Sphinx's own writer."""
    app.connect("builder-inited", take_over_inventory)


def take_over_inventory(app: Sphinx) -> None:
    """Have an HTML builder write its inventory with ``dump_inventory`` (builder-inited).

    Sphinx offers no event for the inventory; its builder looks ``dump_inventory`` up when it
    finishes, so this instance's own attribute is what it calls.
    """
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder) and type(builder).dump_inventory is (
        StandaloneHTMLBuilder.dump_inventory
    ):
        builder.dump_inventory = lambda: dump_inventory(builder)  # type: ignore[method-assign]


def inventory_header(env: BuildEnvironment) -> bytes:
    """The inventory's plain-text header, as ``InventoryFile.dump`` writes it."""
    project, version = _SPACES.sub(" ", env.config.project), _SPACES.sub(" ", env.config.version)
    return (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    ).encode()


def inventory_lines(
    env: BuildEnvironment, builder: StandaloneHTMLBuilder, domains: Iterable[Domain] | None = None
) -> bytes:
    """The inventory's body before compression, line for line as ``InventoryFile.dump`` makes it (of
    ``domains`` only, if given)."""
    addresses: dict[str, str] = {}
    lines: list[str] = []
    for domain in env.domains.sorted() if domains is None else domains:
        for fullname, dispname, kind, docname, target, priority in sorted(domain.get_objects()):
            # Sphinx's shortening: an anchor ending in the object's name ends in "$" instead.
            anchor = target.removesuffix(fullname) + "$" if target.endswith(fullname) else target
            uri = addresses.get(docname)
            if uri is None:
                uri = addresses[docname] = builder.get_target_uri(docname)
            if anchor:
                uri = f"{uri}#{anchor}"
            shown = "-" if dispname == fullname else dispname
            lines.append(f"{fullname} {domain.name}:{kind} {priority} {uri} {shown}\n")
    return "".join(lines).encode()


def dump_inventory(builder: StandaloneHTMLBuilder) -> None:
    """Write ``objects.inv``, unless the last build wrote the same one and it is still there."""
    target = Path(builder.outdir) / FILENAME
    record = Path(builder.doctreedir) / RECORD
    kept = _read_record(record)
    header, objects = inventory_header(builder.env), objects_digest(builder.env, builder)
    if kept.get("objects") == objects and kept.get("file") == _file_digest(target):
        return  # the domains say their objects are the last build's: their lines need not be made
    lines = inventory_lines(builder.env, builder)
    made_from = hashlib.blake2b(header + lines, digest_size=16).hexdigest()
    if kept.get("from") != made_from or kept.get("file") != _file_digest(target):
        target.write_bytes(header + zlib.compress(lines, LEVEL))
    found = {"from": made_from, "objects": objects, "file": _file_digest(target)}
    record.write_text(json.dumps(found) + "\n", encoding="utf-8")


def objects_digest(env: BuildEnvironment, builder: StandaloneHTMLBuilder) -> str:
    """A digest of the inventory's header and objects: the lines of each domain, but of one that can
    tell by an ``objects_digest()`` of its own when its objects may have changed (the corpus's
    hundreds of thousands of passages), that digest and the address of a page."""
    digest = hashlib.blake2b(inventory_header(env), digest_size=16)
    for domain in env.domains.sorted():
        own = getattr(domain, "objects_digest", None)
        if callable(own):
            digest.update(f"{domain.name}\0{own()}\0{builder.get_target_uri('index')}\0".encode())
        else:
            digest.update(inventory_lines(env, builder, [domain]))
    return digest.hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _read_record(path: Path) -> dict[str, object]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
