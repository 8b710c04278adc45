"""Score body location against Readability's output and against hand-cut article text.

Scoring follows the public article-extraction benchmark: tokens are ``\\w+`` (lowercased), text is
cut into 4-word shingles (counted with repeats), precision and recall are computed per page and
averaged over pages, and F1 comes from the two averages. "Ours" is the text the pipeline keeps:
the blocks `extract.html_blocks` reads from the located body, less what `chrome.py` removes.
"trafilatura" is its plain output (``trafilatura.extract`` with default settings). A page whose
extraction fails scores 0.

    python benchmarks/extraction.py [--dev DIR] [--markdown FILE] [--pages]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura

from borderlines.convert.chrome import remove_chrome
from borderlines.convert.extract import html_blocks
from borderlines.convert.htmlpage import extractor_name, locate_body
from borderlines.convert.model import Form
from borderlines.convert.seedfile import SeedError

DEV = Path(__file__).resolve().parents[2] / "shared" / "extraction-dev" / "readability"
REFERENCE = Path(__file__).parent / "extraction-reference"
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The 4-word shingles of ``text``, with their counts."""
    tokens = _WORD.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def precision_recall(predicted: str, expected: str) -> tuple[float, float]:
    """Shingle precision and recall of ``predicted`` against ``expected`` (1.0 when both are empty)."""
    pred, true = shingles(predicted), shingles(expected)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    precision = tp / (tp + fp) if tp + fp else float(not fn)
    recall = tp / (tp + fn) if tp + fn else float(not fp)
    return precision, recall


def ours(page: str) -> str:
    """The text our pipeline keeps from ``page``: the located body as read, less the site chrome."""
    blocks, _ = html_blocks(locate_body(page).html)
    return "\n".join(block.text for block in remove_chrome(blocks, Form.HTML_FRAGMENT).blocks)


def plain_trafilatura(page: str) -> str:
    """trafilatura's own text, default settings."""
    return trafilatura.extract(page) or ""


@dataclass
class Score:
    """Per-page precision and recall of one extractor against one reference."""

    pages: dict[str, tuple[float, float]]
    failures: dict[str, str]
    seconds: float

    def row(self, label: str, extractor: str) -> str:
        """One markdown table row: averages over pages, F1 from the averages."""
        n = max(1, len(self.pages))
        p = sum(pr[0] for pr in self.pages.values()) / n
        r = sum(pr[1] for pr in self.pages.values()) / n
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        figures = f"{p:.3f} | {r:.3f} | {f1:.3f} | {len(self.failures)} | {self.seconds:.1f}"
        return f"| {label} | {extractor} | {n} | {figures} |"


def score(extract: Callable[[str], str], cases: dict[str, tuple[str, str]]) -> Score:
    """Run ``extract`` on every page and score it against its reference text."""
    pages: dict[str, tuple[float, float]] = {}
    failures: dict[str, str] = {}
    start = time.perf_counter()
    for name, (page, expected) in cases.items():
        try:
            text = extract(page)
        except SeedError as error:
            failures[name] = str(error)
            text = ""
        pages[name] = precision_recall(text, expected)
    return Score(pages, failures, time.perf_counter() - start)


def _read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def _html_text(html: str) -> str:
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").itertext())


def main(argv: list[str] | None = None) -> int:
    """Score both extractors on the development set and the hand-cut pages; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--pages", action="store_true", help="also list every page's figures")
    args = parser.parse_args(argv)
    names = sorted(p.name for p in args.dev.iterdir() if (p / "source.html.gz").exists())
    pages = {name: _read(args.dev / name / "source.html.gz") for name in names}
    readability = {
        name: (pages[name], _html_text(_read(args.dev / name / "expected.html.gz"))) for name in names
    }
    by_hand = {
        ref.stem: (pages[ref.stem], ref.read_text(encoding="utf-8"))
        for ref in sorted(REFERENCE.glob("*.txt"))
        if ref.stem in pages
    }
    header = [
        "| Reference | Extractor | Pages | Precision | Recall | F1 | Failed | Seconds |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines = list(header)
    results = {}
    for label, cases in (("Readability.js output", readability), ("hand-cut", by_hand)):
        for extractor, function in (
            ("ours (" + extractor_name() + " locating)", ours),
            ("trafilatura", plain_trafilatura),
        ):
            result = score(function, cases)
            results[label, extractor] = result
            lines.append(result.row(label, extractor))
    if args.pages:
        lines += [
            "",
            "| Reference | Extractor | Page | Precision | Recall | Failure |",
            "| --- | --- | --- | ---: | ---: | --- |",
        ]
        for (label, extractor), result in results.items():
            for name, (p, r) in result.pages.items():
                failure = result.failures.get(name, "").replace("|", "\\|")
                lines.append(f"| {label} | {extractor} | {name} | {p:.3f} | {r:.3f} | {failure} |")
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
