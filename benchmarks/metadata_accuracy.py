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

DEV = Path(__file__).resolve().parents[2] / "shared" / "extraction-dev" / "readability"
FIELDS = ("title", "date", "author", "outlet", "language", "url")
_REFERENCE = {
    "title": "title",
    "date": "publishedTime",
    "author": "byline",
    "outlet": "siteName",
    "language": "lang",
}

#: Every disagreement, judged by reading the page: (folder, field) -> (verdict, why). Verdicts:
#: "reference" (Readability is wrong), "page" (the page's own elements disagree: ours is one it
#: states, the other is in the basis), "whole" (ours is the page's whole <title>, the site's name
#: included, and the basis says nothing else on the page separates them), "synthetic" (a
#: Readability test of its own precedence among tags; ours is another tag the page states), and
#: "ours" (we are wrong). A new disagreement has no verdict and counts as ours until judged.
JUDGED = {
    ("001", "title"): ("whole", "no h1 or meta names the post; <title> ends '| Code | Nicolas Perriault'"),
    ("003-metadata-preferred", "title"): ("synthetic", "og:title vs dc:title precedence"),
    ("004-metadata-space-separated-properties", "title"): ("synthetic", "og:title vs dc:title precedence"),
    ("004-metadata-space-separated-properties", "author"): ("synthetic", "<meta name=author> says FAIL"),
    ("metadata-content-missing", "author"): ("synthetic", "<meta name=author> says FAIL"),
    ("archive-of-our-own", "title"): ("whole", "<title> ends '[Archive of Our Own]', no separator"),
    ("title-en-dash", "title"): ("whole", "no h1, no meta: '– My website' kept"),
    ("breitbart", "title"): ("reference", "keeps ' - Breitbart'; the h1 has no suffix"),
    ("ebb-org", "title"): ("reference", "keeps the blog's name; the h1 is the post's title"),
    ("firefox-nightly-blog", "title"): ("reference", "keeps the blog's name; the h1 has none"),
    ("guardian-1", "title"): ("reference", "keeps '| Eleanor Ainge Roy' (the author); the h1 has none"),
    ("iab-1", "title"): ("reference", "keeps ' | IAB'; the h1 has none"),
    ("medium-3", "title"): ("reference", "keeps ' - John C. Welch - Medium'; the h1 has none"),
    ("mercurial", "title"): (
        "reference",
        "keeps the project's name; the h1 is 'Evolve: Shared Mutable History'",
    ),
    ("royal-road", "title"): ("reference", "keeps the fiction's name; the h1 is the chapter's title"),
    ("v8-blog", "title"): ("reference", "drops 'Outside the web:', keeps ' · V8'; the h1 is ours"),
    ("wikipedia", "title"): ("reference", "keeps ' - Wikipedia'; the h1 is 'Mozilla'"),
    ("yahoo-2", "title"): ("reference", "takes og:title 'Yahoo News - Latest News & Headlines', the site's"),
    ("yahoo-4", "title"): ("reference", "keeps ' - Yahoo!ニュース', the og:site_name"),
    ("herald-sun-1", "author"): ("reference", "the byline (cite.author) and article:author say Laurie Oakes"),
    ("bug-1255978", "title"): ("page", "<title> and h1 'The seven secrets...', og:title 'Seven secrets...'"),
    ("dropbox-blog", "title"): ("page", "<title> and h1 vs og:title"),
    ("ehow-1", "title"): ("page", "og:title and h1 vs <title> with '(with Pictures)'"),
    ("ehow-2", "title"): ("page", "og:title and h1 vs <title> with '(with Pictures)'"),
    ("theverge", "title"): ("page", "og:title and h1 vs JSON-LD headline and <title>"),
    ("videos-1", "title"): ("page", "og:title and h1 vs JSON-LD headline and <title>"),
}
VERDICTS = ("reference", "page", "whole", "synthetic", "ours")


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


class Tally:
    """The counts and the lists the report is made of."""

    def __init__(self) -> None:
        self.stated = dict.fromkeys(FIELDS, 0)
        self.reference = dict.fromkeys(FIELDS, 0)
        self.comparable = dict.fromkeys(FIELDS, 0)
        self.right = dict.fromkeys(FIELDS, 0)
        self.verdicts = {field: dict.fromkeys(VERDICTS, 0) for field in FIELDS}
        self.wrong: list[str] = []
        self.extra: list[str] = []
        self.urls: list[str] = []

    def add(self, name: str, meta: PageMetadata, expected: dict[str, object]) -> None:
        """Count one page."""
        for field in FIELDS:
            mine = ours(meta, field)
            value = meta.values.get(field)
            basis = meta.authors_basis if field == "author" else value.basis if value else ""
            theirs = str(expected.get(_REFERENCE.get(field, ""), "") or "")
            self.stated[field] += bool(mine)
            self.reference[field] += bool(theirs)
            if field == "url" and mine:
                self.urls.append(f"- {name}: {mine} ({basis})")
            if field == "url" or not mine:
                continue
            if not theirs:
                self.extra.append(f"- {name} {field}: {mine!r} ({basis}); reference has none")
                continue
            self.comparable[field] += 1
            if agrees(field, mine, theirs):
                self.right[field] += 1
                continue
            verdict, why = JUDGED.get((name, field), ("ours", "not judged yet"))
            self.verdicts[field][verdict] += 1
            self.wrong.append(
                f"- {name} {field} [{verdict}: {why}]: ours {mine!r} ({basis}); reference {theirs!r}"
            )

    def table(self) -> list[str]:
        """The Markdown table, one row a field."""
        lines = [
            "| field | stated | reference has one | comparable | agree | "
            + " | ".join(VERDICTS)
            + " | right |",
            "|---" * (6 + len(VERDICTS)) + "|",
        ]
        for field in FIELDS:
            if field == "url":
                lines.append(f"| url | {self.stated['url']} | n/a |" + " |" * (3 + len(VERDICTS)))
                continue
            v, comparable = self.verdicts[field], self.comparable[field]
            share = f"{100 * (comparable - v['ours']) / comparable:.1f}%" if comparable else "n/a"
            counts = " | ".join(str(v[verdict]) for verdict in VERDICTS)
            lines.append(
                f"| {field} | {self.stated[field]} | {self.reference[field]} | {comparable}"
                f" | {self.right[field]} | {counts} | {share} |"
            )
        return lines


def main() -> int:
    """Run the benchmark and print (or write) its table and every disagreement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--show", action="store_true", help="list every stated URL (to check by hand)")
    args = parser.parse_args()
    tally = Tally()
    pages = sorted(path.parent for path in args.dev.glob("*/source.html.gz"))
    for folder in pages:
        page = gzip.decompress((folder / "source.html.gz").read_bytes()).decode("utf-8", "replace")
        expected = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        tally.add(folder.name, page_metadata(page), expected)
    lines = [f"page_metadata over {len(pages)} pages of {args.dev}", "", *tally.table(), ""]
    lines += [f"Disagreements, judged by reading the page ({len(tally.wrong)}):", *tally.wrong, ""]
    lines += [f"Stated where the reference has none ({len(tally.extra)}):", *tally.extra]
    if args.show:
        lines += ["", "URLs stated (read by hand against each page):", *tally.urls]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.markdown:
        args.markdown.write_text(report, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
