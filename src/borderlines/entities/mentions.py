"""Mentions: where each passage names a registered entity, found in one linear pass per passage.

One Aho–Corasick automaton over the caseless keys of every alias is built once per registry. A match
counts only at word boundaries and where its alias's case rule allows ('ISIS' is exact, so 'crisis'
and 'Isis' are not it); overlapping matches leave the leftmost, then longest ('Ain al-Assad' is the
air base, so 'Assad' inside it is never Bashar al-Assad). A short form (rule ``after-full``) is a
mention only once the same source has named its entity in full earlier, in passage order; otherwise
it is listed as unresolved, never guessed. Offsets are into each passage's own text:
``text[start:end] == exact``.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from ..contract.ids import parse_passage_id
from ..text import normalise, normalise_with_offsets, original_offset
from .keys import alias_keys, caseless_key, exact_key
from .registry import Alias, Registry


@dataclass(frozen=True)
class Mention:
    """The words ``exact`` at ``[start, end)`` of a passage's text name ``entity_id`` (through ``alias``)."""

    entity_id: str
    passage_id: str
    start: int
    end: int
    exact: str
    alias: str = ""


@dataclass(frozen=True)
class Unresolved:
    """Words an alias matches that no rule lets the matcher attribute: left unmarked and listed."""

    passage_id: str
    start: int
    end: int
    exact: str
    candidates: tuple[str, ...]  # entity ids that claim the words
    reason: str


@dataclass(frozen=True)
class _Claim:
    entity_id: str
    alias: Alias
    exact: str  # the alias's exact key, compared when its case rule is "exact"


class Matcher:
    """The automaton of one registry: every alias's caseless key to the aliases claiming it."""

    def __init__(self, registry: Registry) -> None:
        claims: dict[str, list[_Claim]] = {}
        for entity in registry:
            for alias in entity.aliases:
                exact, caseless = alias_keys(alias.name)
                claims.setdefault(caseless, []).append(_Claim(entity.id, alias, exact))
        self.automaton = ahocorasick.Automaton()
        for key, found in claims.items():
            self.automaton.add_word(key, (len(key), tuple(found)))
        self.empty = not claims
        if not self.empty:
            self.automaton.make_automaton()

    def matches(self, normalised: str) -> list[tuple[int, int, tuple[_Claim, ...]]]:
        """Non-overlapping matches at word boundaries, leftmost then longest, with the claims case allows."""
        if self.empty:
            return []
        exact_text = exact_key(normalised)
        found: list[tuple[int, int, tuple[_Claim, ...]]] = []
        for last, (length, claims) in self.automaton.iter(caseless_key(normalised)):
            start, end = last + 1 - length, last + 1
            if not _bounded(normalised, start, end):
                continue
            allowed = tuple(c for c in claims if c.alias.case == "any" or exact_text[start:end] == c.exact)
            if allowed:
                found.append((start, end, allowed))
        found.sort(key=lambda match: (match[0], -match[1]))
        chosen: list[tuple[int, int, tuple[_Claim, ...]]] = []
        reach = 0
        for match in found:
            if match[0] >= reach:
                chosen.append(match)
                reach = match[1]
        return chosen


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands at word boundaries (no letter or digit touches it)."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


_MATCHERS: weakref.WeakKeyDictionary[Registry, Matcher] = weakref.WeakKeyDictionary()


def matcher(registry: Registry) -> Matcher:
    """The registry's matcher, built on first use and kept while the registry lives."""
    built = _MATCHERS.get(registry)
    if built is None:
        built = _MATCHERS[registry] = Matcher(registry)
    return built


def source_of(passage_id: str) -> str:
    """The source a passage belongs to: its slug, or the ID itself if it is not a passage ID."""
    parsed = parse_passage_id(passage_id)
    return passage_id if parsed is None else parsed.slug


class _Resolver:
    """Which entity the words name, given what each source has named in full so far."""

    def __init__(self) -> None:
        self.named: dict[str, dict[str, int]] = {}  # source -> entity -> order of its last full naming
        self.count = 0

    def resolve(self, source: str, claims: tuple[_Claim, ...]) -> tuple[_Claim | None, str]:
        named = self.named.setdefault(source, {})
        always = {claim.entity_id: claim for claim in claims if claim.alias.rule == "always"}
        if len(always) == 1:
            claim = next(iter(always.values()))
            self.count += 1
            named[claim.entity_id] = self.count
            return claim, ""
        if always:
            return None, "claimed in full by several entities"
        earlier = [claim for claim in claims if claim.entity_id in named]
        if not earlier:
            return None, "short form, and the source has not named any entity claiming it in full before"
        return max(earlier, key=lambda claim: named[claim.entity_id]), ""


def _with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The normalised text and, per character, its index in the NFC text: the identity, computed in C,
    when normalising only replaced characters one for one (the common case)."""
    normalised = normalise(text)
    if len(normalised) == len(unicodedata.normalize("NFC", text)):
        return normalised, range(len(normalised))
    folded, _nfc, offsets = normalise_with_offsets(text)
    return folded, offsets


def find_mentions(
    registry: Registry, passages: Iterable[tuple[str, str]] | Sequence[tuple[str, str]]
) -> tuple[list[Mention], list[Unresolved]]:
    """Every mention in ``(passage_id, text)`` pairs (each source's in order), and what stays unresolved."""
    automaton = matcher(registry)
    resolver = _Resolver()
    mentions: list[Mention] = []
    unresolved: list[Unresolved] = []
    for passage_id, text in passages:
        normalised, offsets = _with_offsets(text)
        source = source_of(passage_id)
        for start, end, claims in automaton.matches(normalised):
            first = original_offset(text, offsets[start])
            last = original_offset(text, offsets[end - 1] + 1)
            exact = text[first:last]
            claim, reason = resolver.resolve(source, claims)
            if claim is None:
                candidates = tuple(dict.fromkeys(claim.entity_id for claim in claims))
                unresolved.append(Unresolved(passage_id, first, last, exact, candidates, reason))
            else:
                mentions.append(Mention(claim.entity_id, passage_id, first, last, exact, claim.alias.name))
    return mentions, unresolved
