"""Reuse clusters: passages joined by aligned pairs, as connected components."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def clusters(pairs: Iterable[tuple[str, str]], order: Callable[[str], Any]) -> list[tuple[str, ...]]:
    """The connected components of ``pairs``, each sorted by ``order``, in the order of their first."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for first, second in pairs:
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for name in parent:
        groups.setdefault(root(name), []).append(name)
    found = [tuple(sorted(members, key=order)) for members in groups.values()]
    return sorted(found, key=lambda members: order(members[0]))
