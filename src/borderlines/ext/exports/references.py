"""Each source as a bibliographic reference: the one record the CSL-JSON, BibTeX and RIS exports and
the "Cite this source" box are written from.

Everything here comes from the source page's front matter (seed metadata: untrusted), so each format's
writer escapes it for its own syntax; this module only gathers and cleans it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sphinx.environment import BuildEnvironment

from ...contract.metadata import SourceMetadata
from ...contract.names import SourceKind
from ...text import MONTHS
from ..corpus.domain import corpus_of

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SPACE = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Reference(NamedTuple):
    """What a reference to one source says; text fields are one line each, "" when unknown."""

    key: str  # the source's slug
    docname: str
    kind: str  # a ``SourceKind``
    title: str
    outlet: str
    date: tuple[int, ...]  # year, month, day: as many as are known
    url: str
    authors: tuple[str, ...]
    language: str
    original: str  # what a rewrite rewrites


def one_line(text: str) -> str:
    """``text`` without control characters or line breaks, its white space collapsed."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def date_parts(text: str) -> tuple[int, ...]:
    """The year, month and day an ISO date (``2025``, ``2025-01``, ``2025-01-02``) gives, or ()."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return ()
    parts = tuple(int(part) for part in match.groups() if part is not None)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def references(env: BuildEnvironment) -> list[Reference]:
    """Every source of the corpus as a reference, in key (slug) order."""
    found = [
        reference_of(SourceMetadata.from_front_matter(env.metadata.get(docname, {})), docname)
        for docname in corpus_of(env).sources
    ]
    return sorted(found, key=lambda reference: (reference.key, reference.docname))


def reference_of(meta: SourceMetadata, docname: str) -> Reference:
    """The reference to the source page ``docname``, from its front matter."""
    url = one_line(meta.text("url"))
    return Reference(
        key=meta.slug,
        docname=docname,
        kind=meta.text("kind") or SourceKind.UNKNOWN,
        title=one_line(meta.text("title")),
        outlet=one_line(meta.text("outlet")),
        date=date_parts(meta.text("date")),
        url=url if url.startswith(("http://", "https://")) and " " not in url else "",
        authors=tuple(name for name in map(one_line, meta.authors.names) if name),
        language=one_line(meta.text("language")),
        original=one_line(meta.text("original")),
    )


def human_date(parts: tuple[int, ...]) -> str:
    """``2 January 2025``, ``January 2025``, ``2025``, or "n.d." for no date."""
    if not parts:
        return "n.d."
    words = [str(parts[2])] if len(parts) > 2 else []
    words += [MONTHS[parts[1] - 1]] if len(parts) > 1 else []
    return " ".join([*words, str(parts[0])])


def formatted(reference: Reference) -> tuple[str, str, str]:
    """The reference in a Chicago-like style, as the text before the outlet, the outlet (set in italics)
    and the text after it: ``Authors. “Title.” *Outlet*, 2 January 2025. URL.``"""
    authors = ", ".join(reference.authors)
    before = f"{authors}. " if authors else ""
    before += f"“{reference.title or reference.key}.” "
    after = f", {human_date(reference.date)}."
    if reference.url:
        after += f" {reference.url}."
    return before, reference.outlet or "Outlet unknown", after
