"""The generated pages: one per entity (``entities/<id>.html``) and the entity listings, in HTML.

They are not documents: Sphinx writes them from ``html-collect-pages`` with the theme's page template,
and only those whose digest changed since the last build (or whose file is missing) are written, so a
registry edit writes the entity pages it changes and no other.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ...contract.names import SOURCES_FOLDER
from ..corpus.display import byline
from ..corpus.domain import corpus_of
from .model import TYPE_LABELS, EntityPage, ListingRow, entity_page, entity_pages, listing_page, listings
from .records import EntityMentions

TEMPLATE = "page.html"
WIKIDATA = "https://www.wikidata.org/wiki/"


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The entity pages and listings whose content changed, or that are missing (html-collect-pages)."""
    if app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    corpus = corpus_of(app.env)
    record = corpus.feature(EntityMentions)
    if record is None or record.registry is None:
        return
    stale = {name for name in record.generated if name in record.rewrite or not _written(app, name)}
    if not stale:
        return
    ids = {name.split("/", 1)[1].split("-page-")[0] for name in stale}
    for name, page in entity_pages(corpus, record, ids):
        if name in stale:
            yield name, {"title": page.entity.name, "body": _entity_body(app, name, page)}, TEMPLATE
    pages = listings(corpus, record)
    for number, (name, rows) in enumerate(pages, start=1):
        if name in stale:
            body = _listing_body(app, name, rows, number, len(pages))
            yield name, {"title": "Entities", "body": body}, TEMPLATE


def _written(app: Sphinx, name: str) -> bool:
    return (Path(app.outdir) / f"{name}{app.builder.out_suffix}").exists()  # type: ignore[attr-defined]


def _uri(app: Sphinx, here: str, there: str, fragment: str = "") -> str:
    uri = app.builder.get_relative_uri(here, there)
    return escape(uri + (f"#{fragment}" if fragment else ""))


def _link(app: Sphinx, here: str, there: str, inner: str, fragment: str = "") -> str:
    """A link to page ``there`` from ``here``; ``inner`` is markup, already escaped."""
    return f'<a class="reference internal" href="{_uri(app, here, there, fragment)}">{inner}</a>'


def _entity_body(app: Sphinx, here: str, page: EntityPage) -> str:
    entity = page.entity
    about = [escape(TYPE_LABELS[entity.type][0])]
    if entity.qid is not None and entity.qid.value:
        qid = escape(entity.qid.value)
        about.append(f'<a class="reference external" href="{WIKIDATA}{qid}">Wikidata {qid}</a>')
    if entity.arabic is not None:
        about.append(f'<span lang="ar" dir="rtl">{escape(entity.arabic.value)}</span>')
    parts = [
        f'<section id="{escape(entity.id)}" class="corpus-entity-page" data-entity="{escape(entity.id)}">',
        f"<h1>{escape(entity.name)}</h1>",
        f'<p class="corpus-entity-about">{" · ".join(about)}</p>',
        f"<p>{escape(entity.description.value)}</p>",
    ]
    relations = [
        f"<li>{escape(relation.replace('-', ' '))} {_link(app, here, entity_page(target), escape(name))}"
        f"{_dates(since, until)}</li>"
        for relation, target, name, since, until in page.relations
    ] + [
        f"<li>{_link(app, here, entity_page(source), escape(name))} "
        f"{escape(relation.replace('-', ' '))} {escape(entity.name)}</li>"
        for source, name, relation in page.inverse
    ]
    if relations:
        parts += ['<section id="relations"><h2>Relations</h2><ul>', *relations, "</ul></section>"]
    parts.append('<section id="names"><h2>Names</h2><ul>')
    notes = {alias.name: alias for alias in entity.aliases}
    for alias, sources in page.alias_sources:
        note = notes[alias].note if alias in notes else ""
        used = ", ".join(_link(app, here, source.docname, escape(source.title)) for source in sources[:10])
        more = f" and {len(sources) - 10} more" if len(sources) > 10 else ""
        parts.append(
            f"<li><strong>{escape(alias)}</strong>{f' ({escape(note)})' if note else ''}"
            f"{f' — used by {used}{more}' if used else ' — not used by any source'}</li>"
        )
    parts.append("</ul></section>")
    parts.append('<section id="mentions"><h2>Mentions</h2>')
    counted = f"{_count(page.mentions, 'mention')} in {_count(page.source_count, 'source')}"
    parts.append(f"<p>{counted}, in order of publication.</p>")
    for source, sightings in page.sources:
        slug = source.docname.removeprefix(f"{SOURCES_FOLDER}/")
        parts.append(
            f'<section id="in-{escape(slug)}">'
            f"<h3>{_link(app, here, source.docname, escape(source.title))}</h3>"
            f'<p class="corpus-entity-byline">{escape(byline(source))}</p><ul>'
        )
        for sighting in sightings:
            text, start, end = sighting.text, sighting.start, sighting.end
            words = f'<span class="corpus-mark">{escape(text[start:end])}</span>'
            shown = f"{escape(text[:start])}{words}{escape(text[end:])}"
            parts.append(f"<li>{_link(app, here, source.docname, shown, sighting.passage_id)}</li>")
        parts.append("</ul></section>")
    parts.append(_pager(app, here, page.pages, page.number, lambda n: entity_page(entity.id, n)))
    parts.append("</section></section>")
    return "".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _dates(since: str, until: str) -> str:
    if since and until:
        return f" ({escape(since)} to {escape(until)})"
    if since:
        return f" (since {escape(since)})"
    return f" (until {escape(until)})" if until else ""


def _listing_body(app: Sphinx, here: str, rows: tuple[ListingRow, ...], number: int, pages: int) -> str:
    parts = [f'<section id="entities"><h1>Entities{f" ({number} of {pages})" if pages > 1 else ""}</h1>']
    current = ""
    for row in rows:
        if row.type != current:
            if current:
                parts.append("</tbody></table></section>")
            current = row.type
            label = TYPE_LABELS[row.type][1]
            parts.append(
                f'<section id="{escape(row.type)}"><h2>{escape(label)}</h2>'
                '<table class="corpus-entity-listing"><thead><tr><th>Name</th><th>Mentions</th>'
                "<th>Sources</th></tr></thead><tbody>"
            )
        parts.append(
            f"<tr><td>{_link(app, here, entity_page(row.entity_id), escape(row.name))}</td>"
            f"<td>{row.mentions}</td><td>{row.sources}</td></tr>"
        )
    if current:
        parts.append("</tbody></table></section>")
    parts.append(_pager(app, here, pages, number, listing_page))
    parts.append("</section>")
    return "".join(parts)


def _pager(app: Sphinx, here: str, pages: int, number: int, name: Any) -> str:
    if pages < 2:
        return ""
    links = [
        f"<strong>{n}</strong>" if n == number else _link(app, here, name(n), str(n))
        for n in range(1, pages + 1)
    ]
    return f'<nav class="corpus-pager" aria-label="Pages">Pages: {" ".join(links)}</nav>'
