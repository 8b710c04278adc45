"""What a citation shows, derived when its page is written: its label, link title and preview.

Nothing here is pickled: a build keeps only what a citation resolved to (``records.Resolution``) and a
digest of what each page shows (``view_digest``), so that a page is rewritten exactly when the text,
titles or bylines it shows change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from ...contract.names import kind_label
from .quotes import QuoteSyntaxError, parse_quote, text_fragment
from .records import CitationRecord, Resolution, SourceRecord

if TYPE_CHECKING:
    from .domain import CorpusDomain

PREVIEW_CHARACTERS = 280
#: Around what a recorded citing sentence shows only once it is known: ``source:<slug>``, a source
#: cited without a label (its title), and ``entity:<id>``, an entity linked without one (its name).
LATER_MARK = "\x00"
_MARKED = re.compile(f"{LATER_MARK}(source|entity):([^{LATER_MARK}]*){LATER_MARK}")
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
        shown = label or (source_label(source) if source else title)
        return CitationView(shown, "", f"{title} — {outlet_date}", title, about, "", "", 0)
    text = corpus.passage_text(resolved.passage_id)
    preview = _preview(text, outlet_date)
    quote = resolved.quote
    if quote is None:
        marker = f"{short_outlet(source.outlet)}, {short_date(source.date)}" if source else resolved.docname
        return CitationView(label or f"[{marker}]", resolved.passage_id, preview, title, about, text, "", 0)
    fragment = resolved.passage_id + text_fragment(quote.exact, quote.context_before, quote.context_after)
    return CitationView(f"“{quote.exact}”", fragment, preview, title, about, text, quote.exact, quote.start)


def source_label(source: SourceRecord) -> str:
    """What an unlabelled source citation shows: the title, the outlet and the date."""
    return f"{source.title} ({source.outlet}, {short_date(source.date)})"


def sources_by_slug(corpus: CorpusDomain) -> dict[str, SourceRecord]:
    """The corpus's sources by slug, as citations name them."""
    return {source.slug: source for source in corpus.sources.values()}


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


def shown_sentence(
    citation: CitationRecord, resolved: Resolution | None, sources: Mapping[str, SourceRecord]
) -> str:
    """The citing sentence as the topic page shows it: a quote in the source's words, not as typed,
    and each source cited without a label by the title it shows (``sources`` by slug). Entities stay
    marked, for ``named_sentence`` once the registry is read."""
    text = citation.sentence_text
    if resolved is not None and resolved.quote is not None:
        text = text.replace(f"“{_typed_words(citation)}”", f"“{resolved.quote.exact}”", 1)
    return _MARKED.sub(lambda found: _titled(found, sources), text)


def named_sentence(text: str, name_of: Callable[[str], str]) -> str:
    """A ``shown_sentence`` with each entity linked without a label by the name ``name_of`` gives."""
    return _MARKED.sub(lambda found: name_of(found[2]) if found[1] == "entity" else found[2], text)


def sentence_sources(text: str) -> list[str]:
    """The slugs of the sources a citing sentence names by title (``shown_sentence``)."""
    return [found[2] for found in _MARKED.finditer(text) if found[1] == "source"]


def sentence_entities(text: str) -> list[str]:
    """The ids of the entities a ``shown_sentence`` shows by name."""
    return [found[2] for found in _MARKED.finditer(text) if found[1] == "entity"]


def _titled(found: re.Match[str], sources: Mapping[str, SourceRecord]) -> str:
    if found[1] != "source":
        return found[0]
    source = sources.get(found[2])
    return source_label(source) if source is not None else found[2]


def _typed_words(citation: CitationRecord) -> str:
    try:
        return parse_quote(citation.target).words
    except QuoteSyntaxError:
        return ""
