"""``convert add PATH...``: copy saved pages (or any seeds) into ``seeds/``, draft their catalog entries
from what each page itself states, and convert them.

A page already in the corpus (the same bytes, or the same canonical URL) is refused, naming the seed it
repeats. A drafted entry gives only what the page establishes, each value with its status and basis, and
says it awaits review; the maintainer then reads and corrects it like any other entry.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import yaml

from ..contract.metadata import FIELDS, SourceMetadata, Value, generated
from ..contract.names import SourceKind
from ..contract.urls import canonical_url
from . import pipeline
from .catalog import MAX_SLUG, Entry, load_catalog, slug_from_filename, uncatalogued, valid_slug
from .forms import detect_form
from .inputs import Limits
from .model import Form
from .seedfile import SeedError, read_seed_bytes, reason

REVIEW_NOTE = "Drafted by convert add from the page itself: review every value before relying on it."
UNREVIEWED_KIND = Value(
    SourceKind.UNKNOWN, "unknown", "Not yet reviewed: news-report, opinion-analysis or aggregated-rewrite?"
)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_SEED_NUMBER = re.compile(r"(\d+)_")
_WORD = re.compile(r"[a-z0-9]+")
_SLUG_WORDS = 7
#: English words too common to name an article in its slug.
_COMMON = frozenset({"and", "the", "for", "with", "from", "that", "this", "its", "are", "was", "has", "have"})


def add_seeds(paths: Iterable[Path], seeds_dir: Path, catalog_path: Path, limits: Limits, err: TextIO) -> int:
    """Copy each file into ``seeds_dir`` with a drafted catalog entry; return how many were refused."""
    catalog = load_catalog(catalog_path)
    by_digest = {_digest(seed): seed.name for seed in _seeds(seeds_dir, catalog_path)}
    by_url = _page_urls(seeds_dir.parent / "docs" / "sources")
    by_url |= {canonical_url(e.values["url"].value): e.file for e in catalog.values() if _has_url(e)}
    slugs = {entry.slug for entry in catalog.values()}
    refused = 0
    for path in paths:
        try:
            raw = read_seed_bytes(path, path.parent, limits.largest)
            digest = hashlib.sha256(raw).hexdigest()
            if digest in by_digest:
                raise SeedError(f"is already in the corpus as seeds/{by_digest[digest]} (the same bytes)")
            name = f"{_next_number(seeds_dir):03d}_{digest[:16]}{_suffix(path)}"
            metadata = _draft(path, name, limits)
            url = metadata.value("url")
            known = by_url.get(canonical_url(url.value)) if url.value else None
            if known is not None:
                raise SeedError(f"is already in the corpus as seeds/{known} (the same URL, {url.value})")
        except Exception as error:  # a bad file, or a bug it met: either way the other files go on
            print(f"{path}: {reason(error)}", file=err)
            refused += 1
            continue
        slug = _unique(_draft_slug(metadata, name), slugs)
        shutil.copyfile(path, seeds_dir / name)
        with catalog_path.open("a", encoding="utf-8") as catalog_file:
            catalog_file.write(catalog_entry(name, slug, metadata))
        by_digest[digest] = name
        slugs.add(slug)
        if url.value:
            by_url[canonical_url(url.value)] = name
        print(f"seeds/{name}: added as {slug}; review its entry in seeds/{catalog_path.name}", file=err)
    return refused


def catalog_entry(name: str, slug: str, metadata: SourceMetadata) -> str:
    """The TOML of a drafted catalog entry: what the page states, each value with status and basis."""
    lines = ["", "[[seed]]", f"file = {_toml(name)}", f"slug = {_toml(slug)}"]
    for field in FIELDS:
        value = metadata.value(field)
        if value.status != "unknown" and value.value:
            lines.append(f"{field} = {_inline(value)}")
    unreviewed = Value(
        SourceKind.UNKNOWN,
        "unknown",
        "Not yet reviewed: news-report, opinion-analysis or aggregated-rewrite?",
    )
    if metadata.value("kind").status == "unknown":
        lines.append(f"kind = {_inline(unreviewed)}")
    authors = metadata.authors
    if authors.names:
        names = ", ".join(_toml(author) for author in authors.names)
        basis = _toml(authors.basis)
        lines.append(f"authors = {{ value = [{names}], status = {_toml(authors.status)}, basis = {basis} }}")
    lines.append(f"notes = {_toml(REVIEW_NOTE)}")
    return "\n".join(lines) + "\n"


def _draft(path: Path, name: str, limits: Limits) -> SourceMetadata:
    """The metadata convert finds in the file itself, as if it were an uncatalogued seed ``name``."""
    with tempfile.TemporaryDirectory(prefix="borderlines-add-") as folder:
        staged = Path(folder) / name
        shutil.copyfile(path, staged)
        entry: Entry = uncatalogued(name)
        return pipeline.convert_seed(staged, Path(folder), entry, limits).metadata


def _draft_slug(metadata: SourceMetadata, name: str) -> str:
    """``outlet-date-first-words-of-the-title``, in plain lowercase words."""
    outlet = _words(metadata.text("outlet"))[:2]
    date = _words(metadata.text("date"))
    title = [word for word in _words(metadata.text("title")) if len(word) > 2 and word not in _COMMON]
    title = title[:_SLUG_WORDS]
    if metadata.value("title").status == "unknown":
        title = []
    slug = "-".join([*outlet, *date, *title])[:MAX_SLUG].strip("-")
    return slug if valid_slug(slug) and title else slug_from_filename(name)


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = slug[: MAX_SLUG - len(suffix)].rstrip("-") + suffix, number + 1
    return candidate


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(ascii_text)


def _inline(value: Value) -> str:
    return f"{{ value = {_toml(value.value)}, status = {_toml(value.status)}, basis = {_toml(value.basis)} }}"


def _toml(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, but for DEL, which TOML also escapes."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _seeds(seeds_dir: Path, catalog_path: Path) -> list[Path]:
    return sorted(path for path in seeds_dir.iterdir() if path.is_file() and path != catalog_path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _page_urls(pages_dir: Path) -> dict[str, str]:
    """The URL each generated source page states (from its catalog entry or its page), by seed file."""
    urls: dict[str, str] = {}
    for page in sorted(pages_dir.glob("*.md")) if pages_dir.is_dir() else []:
        match = _FRONT_MATTER.match(page.read_text(encoding="utf-8", errors="replace"))
        meta = yaml.safe_load(match.group(1)) if match else None
        if isinstance(meta, dict) and generated(meta):
            record = SourceMetadata.from_front_matter(meta)
            if record.text("url") and record.value("url").status != "unknown":
                urls[canonical_url(record.text("url"))] = record.seed.file
    return urls


def _has_url(entry: Entry) -> bool:
    return "url" in entry.values and bool(entry.values["url"].value)


def _next_number(seeds_dir: Path) -> int:
    numbers = [
        int(match.group(1)) for path in seeds_dir.iterdir() if (match := _SEED_NUMBER.match(path.name))
    ]
    return max(numbers, default=-1) + 1


def _suffix(path: Path) -> str:
    """``.html`` for HTML, ``.txt`` for text, whatever the saved file was called (its first 4 kB decide)."""
    try:
        text = path.read_bytes()[:4096].decode("utf-8", "ignore")
    except OSError:
        return ".txt"
    return ".html" if detect_form(text) in (Form.HTML_PAGE, Form.HTML_FRAGMENT) else ".txt"
