"""Unregistered names: capitalised names in the passages that no alias covers, with the nearest entities.

A report for people to act on, never applied by itself. A name is a run of capitalised words (with
'al-', 'ez-' and the like, and 'of' between them), cut wherever a mention or an unresolved short form
stands; titles and calendar words are not names, and a lone capitalised word opening a sentence is not
counted. Nearness is rapidfuzz's ratio over ``keys.fold_key`` (no articles, hyphens or vowels), or over
the plain lowercased names if that is higher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..text import normalise_with_offsets
from .keys import fold_key
from .mentions import Mention, Unresolved, find_mentions
from .registry import Registry

#: Capitalised words that are never a name by themselves: titles, calendar words, function words.
_NOT_NAMES_TEXT = (
    "Mr Mrs Ms Dr President Prime Minister Ministry Secretary General Foreign Defence Defense",
    "Interior Commander Spokesman Spokesperson Head Chief Minister Deputy Former Senator The A",
    "An And But If In On Of For From To By With As At It Its This That These Those There Then",
    "Thus Now So Yet Since When While After Before During Despite Although However Therefore",
    "Furthermore Additionally Meanwhile Finally Consequently Simultaneously Instead Given",
    "According Both All Any Some Many Most Last Entire Currently State He She They We Our Their His",
    "Her Today Recent Western Eastern Northern Southern Monday Tuesday Wednesday Thursday",
    "Friday Saturday Sunday January February March April May June July August September October",
    "November December",
)
NOT_NAMES = frozenset(word for line in _NOT_NAMES_TEXT for word in line.split())
_WORD = r"(?:[A-Z][A-Za-z]*|(?:al|el|ez|ad|as|ash|az|an|bin|ibn|abu)-[A-Z][A-Za-z]*)(?:-[A-Z][A-Za-z]*)*"
_RUN = re.compile(rf"(?<![\w-]){_WORD}(?:(?: | of | al | bin | ibn ){_WORD})*(?![\w-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(]\s*|\s[-–]\s)$")
_MIN_SCORE = 60.0
_CLOSEST = 3


@dataclass(frozen=True)
class Suggestion:
    """A capitalised name no alias covers, the passages it stands in, and the closest entities with scores."""

    name: str
    passages: tuple[str, ...]
    closest: tuple[tuple[str, float], ...]


def _trim(words: list[str]) -> list[str]:
    """The run without leading or trailing title, calendar and function words."""
    while words and (words[0] in NOT_NAMES or words[0] in {"of", "al", "bin", "ibn"}):
        words = words[1:]
    while words and (words[-1] in NOT_NAMES or words[-1] in {"of", "al", "bin", "ibn"}):
        words = words[:-1]
    return words


def candidate_names(text: str, covered: Iterable[tuple[int, int]]) -> list[str]:
    """Capitalised names in ``text`` outside the ``covered`` spans (offsets into ``text``)."""
    normalised, _nfc, offsets = normalise_with_offsets(text)
    chars = list(normalised)
    spans = sorted(covered)
    if spans:  # offsets are monotonic: blank out each covered span of the normalised text
        position = 0
        for index, original in enumerate(offsets):
            while position < len(spans) and spans[position][1] <= original:
                position += 1
            if position < len(spans) and spans[position][0] <= original:
                chars[index] = "\x00"
    blanked = "".join(chars)
    names: list[str] = []
    for match in _RUN.finditer(blanked):
        words = _trim(match.group().split(" "))
        opening = _SENTENCE_START.search(blanked[: match.start()]) is not None
        if not words or (len(words) == 1 and opening):  # 'However', 'The Individuals' open sentences
            continue
        names.append(" ".join(words))
    return names


def _closest(registry: Registry, names: Sequence[str]) -> dict[str, tuple[tuple[str, float], ...]]:
    """For each name, up to three entities whose aliases are nearest it, best first."""
    owners: list[str] = []
    folded: list[str] = []
    lowered: list[str] = []
    for entity in registry:
        for alias in (entity.name, *(alias.name for alias in entity.aliases)):
            owners.append(entity.id)
            folded.append(fold_key(alias))
            lowered.append(alias.lower())
    nearest: dict[str, tuple[tuple[str, float], ...]] = {}
    for name in names:
        best: dict[str, float] = {}
        pairs = ((fold_key(name), folded), (name.lower(), lowered))
        for query, choices in pairs:
            if not query:
                continue
            for _choice, score, index in process.extract(query, choices, scorer=fuzz.ratio, limit=20):
                if score >= _MIN_SCORE and score > best.get(owners[index], 0.0):
                    best[owners[index]] = round(float(score), 1)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        nearest[name] = tuple(ranked[:_CLOSEST])
    return nearest


def unregistered_names(registry: Registry, passages: Sequence[tuple[str, str]]) -> list[Suggestion]:
    """Capitalised names no alias covers, each with its passage IDs and up to three closest entities."""
    mentions, unresolved = find_mentions(registry, passages)
    covered: dict[str, list[tuple[int, int]]] = {}
    spans: list[Mention | Unresolved] = [*mentions, *unresolved]
    for span in spans:
        covered.setdefault(span.passage_id, []).append((span.start, span.end))
    found: dict[str, list[str]] = {}
    for passage_id, text in passages:
        for name in candidate_names(text, covered.get(passage_id, [])):
            where = found.setdefault(name, [])
            if passage_id not in where:
                where.append(passage_id)
    nearest = _closest(registry, list(found))
    return [Suggestion(name, tuple(where), nearest[name]) for name, where in sorted(found.items())]
