"""What a citation shows, derived when its page is written: its label, link title and preview.

Nothing here is pickled: a build keeps only what a citation resolved to (``records.Resolution``) and a
digest of what each page shows (``view_digest``), so that a page is rewritten exactly when the text,
titles or bylines it shows change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ...contract.names import kind_label
from .quotes import text_fragment
from .records import Resolution, SourceRecord

if TYPE_CHECKING:
    from .domain import CorpusDomain

PREVIEW_CHARACTERS = 280
_ABBREVIATION = re.compile(r".+\(([A-Z][A-Za-z0-9.&-]{1,15})\)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class CitationView(NamedTuple):
    """Everything one resolved citation shows a reader."""

    label: str  # the link's text
    fragment: str  # the URL fragment after the source page, without "#"
    title: str  # the link's title: passage text (or source title), outlet and date
    source_title: str
    source_byline: str  # outlet, date and kind
    text: str  # the cited passage's words ("" for a whole source)
    quoted: str  # the quoted words as the passage has them ("" unless a quote citation)
    quoted_at: int  # where they begin in ``text``


def citation_view(corpus: CorpusDomain, resolved: Resolution, label: str = "") -> CitationView:
    """What the citation resolved to ``resolved`` shows, with the author's own link text ``label``."""
    source = corpus.sources.get(resolved.docname)
    title, about = (source.title, source_about(source)) if source else (resolved.docname, "")
    outlet_date = byline(source) if source else resolved.docname
    if not resolved.passage_id:
        shown = label or (f"{title} ({source.outlet}, {short_date(source.date)})" if source else title)
        return CitationView(shown, "", f"{title} — {outlet_date}", title, about, "", "", 0)
    text = corpus.passage_text(resolved.passage_id)
    preview = _preview(text, outlet_date)
    quote = resolved.quote
    if quote is None:
        marker = f"{short_outlet(source.outlet)}, {short_date(source.date)}" if source else resolved.docname
        return CitationView(label or f"[{marker}]", resolved.passage_id, preview, title, about, text, "", 0)
    fragment = resolved.passage_id + text_fragment(quote.exact, quote.context_before, quote.context_after)
    return CitationView(f"“{quote.exact}”", fragment, preview, title, about, text, quote.exact, quote.start)


def view_digest(parts: Iterable[object]) -> str:
    """A digest of what a page shows, to tell whether it must be written again."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def short_outlet(outlet: str) -> str:
    """An outlet's own abbreviation when its name gives one ("AhlulBayt News Agency (ABNA)" is ABNA)."""
    match = _ABBREVIATION.fullmatch(outlet)
    return match.group(1) if match else (outlet or "outlet unknown")


def short_date(date: str) -> str:
    """``2024-12-19`` as ``19 Dec 2024``; a partial or odd date as it is."""
    parts = date.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(part.isdigit() for part in parts) and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return date or "undated"


def byline(source: SourceRecord) -> str:
    """The source's outlet and date: ``The National, 19 Dec 2024``."""
    return f"{source.outlet or 'outlet unknown'}, {short_date(source.date)}"


def source_about(source: SourceRecord) -> str:
    """The source's outlet, date and kind, for a citation's preview."""
    return f"{byline(source)} · {kind_label(source.kind)}"


def clip(text: str, limit: int = 120) -> str:
    """``text`` shortened to ``limit`` characters, quoted, for a warning."""
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _preview(text: str, outlet_date: str) -> str:
    clipped = text if len(text) <= PREVIEW_CHARACTERS else text[: PREVIEW_CHARACTERS - 1].rstrip() + "…"
    return f"“{clipped}” — {outlet_date}"
