"""Where exports go and how they are written: ``_build/html/exports/``, only when their bytes change."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

EXPORTS = "exports"


def exports_dir(app: Sphinx) -> Path | None:
    """The folder exports go to, or None for a builder that writes no web pages."""
    if app.builder.format != "html":
        return None
    return Path(app.outdir) / EXPORTS


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with LF line ends, leaving the file alone when it holds the same bytes."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data``, leaving the file alone when it holds the same bytes."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def page_uri(app: Sphinx, docname: str, fragment: str = "") -> str:
    """The address of ``docname``'s page: absolute under ``html_baseurl`` if it is set, else relative
    to the exports folder (which is where a reader of an export found it)."""
    target = app.builder.get_target_uri(docname) + (f"#{fragment}" if fragment else "")
    base = str(app.config.html_baseurl or "")
    return f"{base.rstrip('/')}/{target}" if base else f"../{target}"


def export_uri(app: Sphinx, name: str) -> str:
    """The address of the export ``name``, in the same way as ``page_uri``."""
    base = str(app.config.html_baseurl or "")
    return f"{base.rstrip('/')}/{EXPORTS}/{name}" if base else name
