"""How the after-read pass (resolve citations, derive backlinks) grows with the corpus.

Builds synthetic corpus-domain data for N sources of 10 paragraphs of 2 sentences, with one
ID citation and one quote citation per source, and times ``Resolver.derive()`` (median of 5).
Linear cost shows as a time per source that stays flat as N doubles.

    python benchmarks/resolve_scaling.py [N ...]
"""

from __future__ import annotations

import statistics
import sys
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from borderlines.ext.corpus.domain import CorpusDomain
from borderlines.ext.corpus.records import CitationRecord, PassageRecord, SourceRecord
from borderlines.ext.corpus.resolve import Resolver


def synthetic_corpus(sources: int) -> Any:
    """Domain data shaped as the extension stores it, for ``sources`` source pages and one topic page."""
    data: dict[str, Any] = {"sources": {}, "passages": {}, "doc_passages": {}, "citations": {}, "links": {}}
    citations = []
    for n in range(sources):
        slug, docname = f"src{n}", f"sources/src{n}"
        data["sources"][docname] = SourceRecord(
            docname,
            slug,
            f"Title {n}",
            "Outlet",
            "2025-01-01",
            "news-report",
            f"https://example.org/{n}",
            30,
            1,
        )
        ids = []
        for p in range(1, 11):
            pid = f"{slug}-p{p}-aaaa"
            sentences = [f"Source {n} paragraph {p} sentence {s} says something." for s in (1, 2)]
            words = " ".join(sentences)
            data["passages"][pid] = PassageRecord(pid, docname, "paragraph", "", words, p, 0, len(words))
            ids.append(pid)
            start = 0
            for s, text in enumerate(sentences, 1):
                sid = f"{slug}-p{p}-s{s}-bbbb"
                end = start + len(text)
                data["passages"][sid] = PassageRecord(sid, docname, "sentence", pid, "", p, start, end)
                ids.append(sid)
                start = end + 1
        data["doc_passages"][docname] = tuple(ids)
        data["links"][docname] = (f"https://example.org/{(n + 1) % sources}",)
        citations.append(
            CitationRecord("topic", n, f"cite-{2 * n + 1}", "cite", f"{slug}-p3-s1-bbbb", "", "T", "", "")
        )
        quote = f"{slug}: Source {n} paragraph 7 sentence 2"
        citations.append(CitationRecord("topic", n, f"cite-{2 * n + 2}", "quote", quote, "", "T", "", ""))
    data["citations"]["topic"] = tuple(citations)
    corpus = SimpleNamespace(**data)
    corpus.passage_text = partial(CorpusDomain.passage_text, corpus)  # type: ignore[arg-type]
    return corpus


def median_seconds(sources: int, runs: int = 5) -> float:
    """Median wall time of one derive() over a synthetic corpus of ``sources`` sources."""
    corpus = synthetic_corpus(sources)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        derived = Resolver(corpus, {}).derive()
        times.append(time.perf_counter() - start)
        assert sum(len(links) for links in derived.backlinks.values()) == 2 * sources
    return statistics.median(times)


def main(argv: list[str]) -> int:
    """Print the median time and the time per source for each corpus size."""
    sizes = [int(arg) for arg in argv] or [1000, 2000, 4000, 8000]
    print(f"{'sources':>8} {'citations':>9} {'median s':>9} {'µs/source':>10}")
    for sources in sizes:
        seconds = median_seconds(sources)
        print(f"{sources:>8} {2 * sources:>9} {seconds:>9.3f} {seconds / sources * 1e6:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
