"""Convert one seed: read, detect, extract, clean, segment, render, verify."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..contract.metadata import Authors, SourceMetadata
from .catalog import Entry
from .chrome import remove_chrome
from .extract import html_blocks, text_blocks
from .forms import detect_form
from .htmlpage import locate_body, parse_page
from .inputs import Limits, input_digest
from .metadata import build_metadata, source_values
from .model import Block, Extracted, Form
from .myst import render_body, render_front_matter
from .pagemeta import page_metadata
from .passages import Paragraph, build_passages
from .seedfile import SeedError, read_seed
from .verify import UnsafePageError, verify_page

__all__ = ["ConvertedPage", "Limits", "convert_seed"]


@dataclass(frozen=True)
class ConvertedPage:
    """A generated page ready to write, before its self-hash is added."""

    slug: str
    seed_file: str
    text: str
    metadata: SourceMetadata


def convert_seed(path: Path, seeds_dir: Path, entry: Entry, limits: Limits) -> ConvertedPage:
    """Turn one seed file into its MyST page, or raise SeedError saying why it cannot be used."""
    seed = read_seed(path, seeds_dir, entry.encoding, limits.largest)
    form = Form(entry.form) if entry.form else detect_form(seed.text)
    limit = limits.max_page_bytes if form is Form.HTML_PAGE else limits.max_bytes
    if seed.size > limit:
        kind = " for saved pages" if form is Form.HTML_PAGE else ""
        raise SeedError(f"is {seed.size} bytes, over the limit of {limit} bytes{kind}")
    if form is Form.HTML_PAGE:
        extracted = _saved_page(seed.text, limits)
    elif form is Form.HTML_FRAGMENT:
        blocks, dropped = html_blocks(seed.text, limits.max_depth)
        extracted = remove_chrome(blocks, form)
        extracted.removals[:0] = dropped
    else:
        extracted = remove_chrome(text_blocks(seed.text), form)
    language = source_values(entry, extracted)["language"].value.split("-")[0].lower()
    body, notes = build_passages(extracted.blocks, entry.slug, language or "en")
    if not any(isinstance(item, Paragraph) for item in body) and extracted.blocks:
        # Nothing but headings (a page of captioned pictures): they are all the text there is to cite.
        blocks = [Block("paragraph", block.spans, block.where) for block in extracted.blocks]
        body, notes = build_passages(blocks, entry.slug, language or "en")
        notes.insert(0, f"the text has no paragraph, so its {len(blocks)} headings became its passages")
    if not any(isinstance(item, Paragraph) for item in body):
        raise SeedError("has no article text left once site chrome is removed")
    digest = input_digest(seed.sha256, entry, limits)
    metadata = build_metadata(seed, entry, form.value, extracted, body, notes, digest)
    title, front_matter = metadata.text("title"), metadata.to_front_matter()
    page = render_front_matter(front_matter) + "\n" + render_body(title, body)
    try:
        verify_page(page, front_matter, title, body)
    except UnsafePageError as err:
        raise SeedError(f"its page failed verification: {err}") from None
    return ConvertedPage(entry.slug, seed.name, page, metadata)


def _saved_page(page: str, limits: Limits) -> Extracted:
    """A saved web page's article, read as an HTML fragment, with what the page states about itself.

    Everything outside the article is in the cleaning record first, then what reading the article
    dropped (scripts, images...), then the site chrome found inside it.
    """
    root = parse_page(page)
    stated = page_metadata(root)
    located = locate_body(root)
    blocks, dropped = html_blocks(located.html, limits.max_depth)
    extracted = remove_chrome(blocks, Form.HTML_FRAGMENT)
    extracted.removals[:0] = [*located.removals, *dropped]
    extracted.stated = dict(stated.values)
    if stated.authors:
        extracted.authors = Authors(stated.authors, "stated", stated.authors_basis)
    extracted.extractor, extracted.extractor_settings = located.extractor, located.settings
    return extracted
