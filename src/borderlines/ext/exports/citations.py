"""The sources as references for citation managers: ``sources.csl.json``, ``sources.bib``, ``sources.ris``.

The files are made from the source pages' front matter only, so they are made again only when a
source page was read again (``freshness``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx

from . import bibtex, csl, references, ris
from .files import write_bytes
from .freshness import file_record, made_from, read_record, still, write_record

FILES = {"sources.csl.json": csl.csl_json, "sources.bib": bibtex.bibtex, "sources.ris": ris.ris}
#: Where a build records what the files were made from, in the doctree folder.
RECORD = "borderlines-citations.json"
_CODE = (bibtex, csl, references, ris, sys.modules[__name__])


def write_citations(app: Sphinx, folder: Path) -> None:
    """Write into ``folder`` each reference file from the sources' records, unless no source page was
    read again and the files are still the ones written."""
    record_path = Path(app.doctreedir) / RECORD
    previous = read_record(record_path)
    inputs = made_from(app.env, _CODE, sources=True, registry=False)
    kept = previous.get("files")
    if (
        previous.get("from") == inputs
        and isinstance(kept, dict)
        and set(kept) == set(FILES)
        and all(still(folder / name, kept[name]) for name in FILES)
    ):
        return
    found = references.references(app.env)
    written = {}
    for name, render in FILES.items():
        data = render(found).encode("utf-8")
        write_bytes(folder / name, data)
        written[name] = file_record(data)
    write_record(record_path, {"from": inputs, "files": written})
