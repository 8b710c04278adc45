"""Named entities: a hand-curated registry, exact mention matching, suggestions for names it lacks.

A pure library (no Sphinx): ``registry`` loads and validates ``docs/entities.toml``, ``mentions`` finds
where the sources name each entity, ``suggest`` lists capitalised names no alias covers. Nothing is
guessed: a mention is an alias the registry lists, and a suggestion is never applied by itself.
"""

from .mentions import Mention, Unresolved, find_mentions
from .registry import Alias, Claim, Entity, Registry, RegistryError, Relation, load_registry
from .suggest import Suggestion, unregistered_names

__all__ = [
    "Alias",
    "Claim",
    "Entity",
    "Mention",
    "Registry",
    "RegistryError",
    "Relation",
    "Suggestion",
    "Unresolved",
    "find_mentions",
    "load_registry",
    "unregistered_names",
]
