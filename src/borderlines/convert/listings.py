"""Listing pages: the source pages in the order their seeds joined the corpus, a bounded number a page.

No page of the site lists every source, so neither a page nor the sidebar grows with the corpus, and a
new seed (named after the last) changes only the last listing page.
"""

from __future__ import annotations

from pathlib import Path

from ..contract.metadata import ListingMetadata
from ..contract.names import Directive, qualified
from .myst import render_front_matter

#: Sources a listing page holds: enough to browse, few enough that each page stays small.
LISTING_SIZE = 200
LISTINGS_DIR = "listings"


def listing_name(number: int) -> str:
    """The file name of the ``number``-th listing page (from 1)."""
    return f"sources-{number:03d}.md"


def listing_pages(slugs: list[str], size: int = LISTING_SIZE) -> dict[str, str]:
    """Each listing page's file name and unsealed text, for source pages ``slugs`` in corpus order."""
    pages = {}
    for start in range(0, len(slugs), size):
        chunk = slugs[start : start + size]
        first, last = start + 1, start + len(chunk)
        title = f"Sources {first}–{last}" if last > first else f"Source {first}"
        body = "\n".join(chunk)
        front = render_front_matter(ListingMetadata(title).to_front_matter())
        pages[listing_name(start // size + 1)] = (
            f"{front}\n# {title}\n\n```{{{qualified(Directive.SOURCES)}}}\n{body}\n```\n"
        )
    return pages


def listings_dir(root: Path) -> Path:
    """Where listing pages go: ``docs/listings``."""
    return root / "docs" / LISTINGS_DIR
