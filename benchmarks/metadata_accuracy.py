"""How often page_metadata states a value, and how often a stated value agrees with Readability.js.

    python benchmarks/metadata_accuracy.py [--markdown FILE] [--dev DIR] [--show]

Over every page of the development set (``<dev>/*/source.html.gz`` with ``expected-metadata.json``),
for title, date, author, outlet and language: pages where we state a value, pages where the reference
has one, and of the values we state, how many agree (white space and case normalised; the date by
its day; authors when a name overlaps). A stated value the reference lacks is listed, not counted as
wrong. Every disagreement is listed with both values, to be read against the page: Readability's
answer is one extractor's, not gold. Readability gives no URL, so URLs are only counted, and listed
with ``--show`` to be checked by hand against the page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

from borderlines.convert.pagemeta import PageMetadata, page_metadata

DEV = Path("/work/shared/extraction-dev/readability")
FIELDS = ("title", "date", "author", "outlet", "language", "url")
_REFERENCE = {"title": "title", "date": "publishedTime", "author": "byline", "outlet": "siteName", "language": "lang"}


def norm(text: str) -> str:
    """Text compared loosely: NFC, case folded, quotes and dashes unified, white space collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‘’`´]", "'", re.sub(r"[“”„]", '"', re.sub(r"[‐-―]", "-", text)))
    return re.sub(r"\s+", " ", text).strip()


def ours(meta: PageMetadata, field: str) -> str:
    """Our value for a field, as one string ("" when not stated)."""
    if field == "author":
        return "; ".join(meta.authors)
    return meta.values[field].value if field in meta.values else ""


def agrees(field: str, mine: str, theirs: str) -> bool:
    """Whether our stated value matches the reference's, by the field's own rule."""
    if field == "date":
        return theirs[:10] == mine
    if field == "language":
        return norm(theirs).split("-")[0] == mine
    if field == "author":
        words = set(re.findall(r"\w+", norm(theirs))) - {"by", "and"}
        return any(set(re.findall(r"\w+", norm(name))) & words for name in mine.split("; "))
    return norm(mine) == norm(theirs)


def main() -> int:
    """Run the benchmark and print (or write) its table and every disagreement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--show", action="store_true", help="list every stated URL (to check by hand)")
    args = parser.parse_args()
    stated = dict.fromkeys(FIELDS, 0)
    reference = dict.fromkeys(FIELDS, 0)
    right = dict.fromkeys(FIELDS, 0)
    wrong: list[str] = []
    extra: list[str] = []
    urls: list[str] = []
    pages = sorted(path.parent for path in args.dev.glob("*/source.html.gz"))
    for folder in pages:
        page = gzip.decompress((folder / "source.html.gz").read_bytes()).decode("utf-8", "replace")
        expected = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        meta = page_metadata(page)
        for field in FIELDS:
            mine = ours(meta, field)
            basis = meta.authors_basis if field == "author" else meta.values.get(field, None)
            basis_text = basis if isinstance(basis, str) else basis.basis if basis else ""
            theirs = str(expected.get(_REFERENCE.get(field, ""), "") or "")
            stated[field] += bool(mine)
            reference[field] += bool(theirs)
            if field == "url":
                if mine:
                    urls.append(f"- {folder.name}: {mine} ({basis_text})")
                continue
            if not mine:
                continue
            if not theirs:
                extra.append(f"- {folder.name} {field}: {mine!r} ({basis_text}); reference has none")
            elif agrees(field, mine, theirs):
                right[field] += 1
            else:
                wrong.append(f"- {folder.name} {field}: ours {mine!r} ({basis_text}); reference {theirs!r}")
    lines = [
        f"page_metadata over {len(pages)} pages of {args.dev}",
        "",
        "| field | stated | reference has one | stated and the reference has one | agree |",
        "|---|---|---|---|---|",
    ]
    for field in FIELDS:
        comparable = stated[field] - sum(f" {field}: " in line for line in extra)
        agree = "n/a (checked by hand)" if field == "url" else f"{right[field]}/{comparable}"
        ref = "n/a" if field == "url" else str(reference[field])
        lines.append(f"| {field} | {stated[field]} | {ref} | {'n/a' if field == 'url' else comparable} | {agree} |")
    lines += ["", f"Disagreements ({len(wrong)}):", *wrong, "", f"Stated where the reference has none ({len(extra)}):"]
    lines += extra
    if args.show:
        lines += ["", "URLs stated:", *urls]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.markdown:
        args.markdown.write_text(report, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
