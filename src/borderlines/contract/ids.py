"""Passage IDs, built and parsed in one place: ``<slug>-p<paragraph>[-s<sentence>]-<hash>``.

The hash is of the passage's normalised text, so an ID never names other text; the numbers make it
readable and say where the passage stands. A passage's HTML ``id`` is its passage ID.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..text import normalise

#: A slug, and every part of a passage ID: lowercase words of letters and digits joined by hyphens.
IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PASSAGE_ID = re.compile(r"(?P<slug>.+)-p(?P<paragraph>\d+)(?:-s(?P<sentence>\d+))?-(?P<digest>[0-9a-f]{4})")
_DIGEST_LENGTH = 4


@dataclass(frozen=True)
class PassageId:
    """The parts of a passage ID."""

    slug: str
    paragraph: int
    sentence: int | None  # None for a paragraph
    digest: str

    def __str__(self) -> str:
        sentence = "" if self.sentence is None else f"-s{self.sentence}"
        return f"{self.slug}-p{self.paragraph}{sentence}-{self.digest}"


def is_identifier(text: str) -> bool:
    """Whether ``text`` has the shape of a slug or passage ID."""
    return IDENTIFIER.fullmatch(text) is not None


def passage_id(slug: str, paragraph: int, sentence: int | None, text: str) -> str:
    """The ID of the paragraph (``sentence`` None) or sentence of ``slug`` holding ``text``."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:_DIGEST_LENGTH]
    return str(PassageId(slug, paragraph, sentence, digest))


def parse_passage_id(text: str) -> PassageId | None:
    """The parts of a passage ID, or None if ``text`` is not one."""
    match = _PASSAGE_ID.fullmatch(text)
    if match is None or not is_identifier(text):
        return None
    sentence = match.group("sentence")
    return PassageId(
        match.group("slug"),
        int(match.group("paragraph")),
        None if sentence is None else int(sentence),
        match.group("digest"),
    )
