"""What a generated page is made from, reduced to one digest, so that an unchanged seed is not converted
again.

A page is a function of its seed's bytes, its catalog entry, the limits it was checked against, and the
converter: its version, its source code and the contract's, and the pinned libraries that shape the text
(html2text, sentencex). The digest is recorded in the page; a later run computing the same digest only
checks that the page is as it was written. Libraries that are not pinned (PyYAML, markdown-it-py,
myst-parser) and Python itself differ from machine to machine and are left out, so that the same seeds
give the same pages everywhere; their output is checked by tests/test_golden.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from .. import __version__
from .catalog import Entry
from .nesting import MAX_NESTING_DEPTH
from .seedfile import MAX_PAGE_BYTES, MAX_SEED_BYTES

#: The pinned distributions that shape a page's text (pyproject.toml); each page records their versions.
TOOLS = ("html2text", "sentencex", "trafilatura", "lxml")
_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Limits:
    """What a seed may not exceed: its size in bytes (a saved page has a limit of its own), and (for
    HTML) how deeply it nests elements (in a saved page, inside its article)."""

    max_bytes: int = MAX_SEED_BYTES
    max_depth: int = MAX_NESTING_DEPTH
    max_page_bytes: int = MAX_PAGE_BYTES

    @property
    def largest(self) -> int:
        """The most bytes any seed may have: what is read before its form is known."""
        return max(self.max_bytes, self.max_page_bytes)


@cache
def tool_version(name: str) -> str:
    """The installed version of distribution ``name`` (looked up once: the lookup reads the disk)."""
    return version(name)


@cache
def converter_fingerprint() -> str:
    """A digest of the converter itself: its version, its source code and the versions of TOOLS."""
    digest = hashlib.sha256()
    contract = _PACKAGE.parent / "contract"
    sources = [*sorted(_PACKAGE.glob("*.py")), *sorted(contract.glob("*.py")), _PACKAGE.parent / "text.py"]
    for path in sources:
        # Line endings are normalised so that a checkout with CRLF endings agrees with one with LF.
        digest.update(
            path.relative_to(_PACKAGE.parent).as_posix().encode()
            + b"\0"
            + path.read_bytes().replace(b"\r\n", b"\n")
            + b"\0"
        )
    facts = {"converter": __version__, "tools": {name: tool_version(name) for name in TOOLS}}
    digest.update(json.dumps(facts, sort_keys=True).encode())
    return digest.hexdigest()


def input_digest(seed_sha256: str, entry: Entry, limits: Limits) -> str:
    """The digest of everything the page for a seed with these bytes, entry and limits depends on."""
    facts = {
        "sha256": seed_sha256,
        "entry": entry,
        "limits": limits,
        "converter": converter_fingerprint(),
    }
    # Dataclasses are written as their fields, so a field added to Entry or Limits is covered too.
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=vars).encode()).hexdigest()
