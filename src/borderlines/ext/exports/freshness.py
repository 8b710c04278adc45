"""Whether an export made from the source pages must be made again: a record of what it was made from.

Each export that only the source pages (and the entity registry) shape is made again only when one of
them was read again. A build records, in the doctree folder, a digest of what the export was made from
(the source pages' read times, the registry's digest and the code that writes it) with the size and
SHA-256 of each file it wrote; the next build keeps the files when the digest is the same and each
file is still the one recorded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from sphinx.environment import BuildEnvironment

from ..corpus.domain import corpus_of
from ..entities.records import EntityMentions
from .tabular import JSON


def made_from(env: BuildEnvironment, code: Iterable[ModuleType], *, sources: bool, registry: bool) -> str:
    """A digest of the code of ``code``'s modules and, as asked, of the source pages' read times and
    the entity registry."""
    digest = hashlib.blake2b(digest_size=16)
    for module in code:
        digest.update(Path(str(module.__file__)).read_bytes())
    if sources:
        for docname in sorted(corpus_of(env).sources):
            digest.update(f"{docname}\0{env.all_docs.get(docname)}\0".encode())
    if registry:
        found = corpus_of(env).feature(EntityMentions)
        digest.update(f"registry\0{found.registry_digest if found else ''}\0".encode())
    return digest.hexdigest()


def file_record(data: bytes) -> JSON:
    """What a record keeps of a file written: its size and SHA-256."""
    return {"bytes": len(data), "hash": hashlib.sha256(data).hexdigest()}


def still(path: Path, kept: JSON) -> bool:
    """Whether ``path`` is still the file a build wrote and recorded as ``kept``."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return file_record(data) == {"bytes": kept.get("bytes"), "hash": kept.get("hash")}


def read_record(path: Path) -> JSON:
    """What the last build recorded; nothing if there is no record or it is unreadable."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_record(path: Path, record: JSON) -> None:
    """Keep ``record`` for the next build."""
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
