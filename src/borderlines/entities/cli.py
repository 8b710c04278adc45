"""``python scripts/entities.py``: reports on the registry for maintainers; it never edits anything.

- ``check``: load and validate the registry (exit 1 with the located error);
- ``unregistered``: capitalised names in the sources that no alias covers, each with the passages it
  stands in and the closest registered entities (a suggestion to consider, never applied);
- ``unresolved``: short forms left unmarked, because no rule tells which entity they name.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from .mentions import find_mentions
from .registry import RegistryError, load_registry
from .sourcepages import corpus_paragraphs
from .suggest import unregistered_names

#: Passage IDs shown per name; the rest are counted.
SHOWN = 3


def main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run one report; 0 on success, 1 if the registry is invalid, 2 on bad arguments."""
    parser = argparse.ArgumentParser(prog="entities.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (docs/ inside)")
    parser.add_argument("command", choices=["check", "unregistered", "unresolved"])
    options = parser.parse_args(argv)
    docs = options.root / "docs"
    try:
        registry = load_registry(docs / "entities.toml")
    except RegistryError as error:
        print(error, file=err)
        return 1
    if options.command == "check":
        aliases = sum(len(entity.aliases) for entity in registry)
        print(f"{registry.path}: {len(registry)} entities, {aliases} aliases", file=out)
        return 0
    paragraphs = corpus_paragraphs(docs / "sources")
    if options.command == "unresolved":
        _mentions, unresolved = find_mentions(registry, paragraphs)
        for item in unresolved:
            print(
                f"{item.passage_id}: {item.exact!r} ({', '.join(item.candidates)}): {item.reason}", file=out
            )
        return 0
    for suggestion in unregistered_names(registry, paragraphs):
        shown = ", ".join(suggestion.passages[:SHOWN])
        more = f" and {len(suggestion.passages) - SHOWN} more" if len(suggestion.passages) > SHOWN else ""
        closest = "; ".join(f"{entity} {score:g}" for entity, score in suggestion.closest) or "none"
        print(f"{suggestion.name}\n  in: {shown}{more}\n  closest: {closest}", file=out)
    return 0
