"""Text reuse at scale: recall of the reuse planted in the synthetic corpus, false pairs, and build cost.

For each N it generates N seeds (benchmarks/synthetic.py plants a copied, lightly edited or partly
copied sentence in one source in ten), converts them, and builds the site as tox -e docs does (-j 1,
the real conf.py), with reuse detection and without it (``-D borderlines_text_reuse=0``), the two
interleaved; then rebuilds each with nothing changed. From the environment the build pickled it reads
the pairs found and scores them against what was planted:

- recall: planted sentences paired with the sentence they were made from;
- false pairs: pairs of sentences neither of which was made from the other or from a common original.

With ``--detect-only`` it builds nothing: it reads the sentences from the converted pages (as
benchmarks/plain.py does) and runs the detection the build runs (``borderlines.reuse.detect``) on them,
timing it cold and again with its caches; for sizes where four full builds take hours (10,000).

    python benchmarks/reuse_bench.py [--markdown FILE] [--detect-only] [N ...]     (default N: 1000)
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plain import _reader_text, passages
from scale import ROOT, run
from synthetic import SyntheticSeed, generate_docs, generate_seeds

sys.path.insert(0, str(ROOT / "src"))

from borderlines.ext.pages.reuse import TextReuse
from borderlines.reuse.detect import Passage, detect
from borderlines.text import normalise

STEPS = ("build", "rebuild, no change")


def build(docs: Path, out: Path, reuse: bool) -> float:
    """Seconds of one sphinx-build -j 1 of ``docs`` into ``out``, with or without reuse detection."""
    sphinx = (sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b", "html", "-j", "1")
    setting = ("-D", f"borderlines_text_reuse={int(reuse)}")
    return run((*sphinx, "-c", str(ROOT), *setting, str(docs), str(out)))[0]


def found_pairs(out: Path) -> list[tuple[str, str, str, str]]:
    """The pairs the build found: (docname, text) of each passage, from its pickled environment."""
    with (out / ".doctrees" / "environment.pickle").open("rb") as stream:
        env: Any = pickle.load(stream)
    data = env.domaindata["corpus"]
    reuse = next(value for value in data["features"].values() if isinstance(value, TextReuse))
    passages = data["passages"]

    def text(passage_id: str) -> str:
        record = passages[passage_id]
        words: str = passages[record.parent].text[record.start : record.end] if record.parent else record.text
        return words

    pairs = {pair for pairs in reuse.pairs_of.values() for pair in pairs}
    return sorted(
        (
            passages[p.first].docname,
            normalise(text(p.first)),
            passages[p.second].docname,
            normalise(text(p.second)),
        )
        for p in pairs
    )


def score(made: list[SyntheticSeed], pairs: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    """Recall per kind of planted reuse, and the false pairs."""
    origin: dict[str, str] = {}  # a sentence's text -> the original it was made from (itself if none)
    planted = []
    for item in made:
        for each in item.planted:
            origin[normalise(each.planted)] = normalise(each.original)
            planted.append(
                (
                    each.kind,
                    f"sources/{each.origin}",
                    normalise(each.original),
                    f"sources/{item.slug}",
                    normalise(each.planted),
                )
            )
    found = {frozenset({(a, ta), (b, tb)}) for a, ta, b, tb in pairs}
    recall: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for kind, source, original, copy_source, copy in planted:
        total[kind] += 1
        recall[kind] += frozenset({(source, original), (copy_source, copy)}) in found
    false = [pair for pair in pairs if origin.get(pair[1], pair[1]) != origin.get(pair[3], pair[3])]
    return {"recall": recall, "total": total, "false": false, "pairs": len(pairs)}


def measure_detection(count: int, folder: Path) -> dict[str, Any]:
    """Generate and convert ``count`` seeds in ``folder``; time and score detection on their sentences."""
    shutil.rmtree(folder, ignore_errors=True)
    made = generate_seeds(folder / "seeds", count)
    run((sys.executable, str(ROOT / "scripts" / "convert.py"), "--root", str(folder)))
    found: list[Passage] = []
    for page in sorted((folder / "docs" / "sources").glob("*.md")):
        for paragraph in passages(page.read_text(encoding="utf-8")):
            for sentence_id, sentence in zip(paragraph.sentence_ids, paragraph.sentences, strict=True):
                found.append(Passage(sentence_id, f"sources/{page.stem}", _reader_text(sentence)))
    start = time.perf_counter()
    cold = detect(found)
    middle = time.perf_counter()
    detect(found, cold.caches)
    end = time.perf_counter()
    texts = {passage.id: passage.text for passage in found}
    groups = {passage.id: passage.group for passage in found}
    pairs = sorted(
        (groups[pair.first], normalise(texts[pair.first]), groups[pair.second], normalise(texts[pair.second]))
        for pair in cold.pairs
    )
    detection = {"cold": middle - start, "cached": end - middle, "sentences": len(found)}
    return {"detection": detection, "candidates": cold.candidates, **score(made, pairs)}


def detection_report(results: dict[int, dict[str, Any]]) -> str:
    """The detection-only results as a Markdown table."""
    lines = [
        "| Sources | Sentences | Planted | Recall: copied | edited | partly copied | Candidates "
        "| Pairs found | False pairs | Detection cold / cached (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count, result in results.items():
        recall, total, seconds = result["recall"], result["total"], result["detection"]
        cells = [f"{recall[kind]}/{total[kind]}" for kind in ("copied", "edited", "partly copied")]
        lines.append(
            f"| {count:,} | {seconds['sentences']:,} | {sum(total.values())} | {' | '.join(cells)} "
            f"| {result['candidates']:,} | {result['pairs']} | {len(result['false'])} "
            f"| {seconds['cold']:.1f} / {seconds['cached']:.1f} |"
        )
    for result in results.values():
        lines += [f"- false pair: {a} “{ta}” / {b} “{tb}”" for a, ta, b, tb in result["false"][:10]]
    return "\n".join(lines) + "\n"


def measure(count: int, folder: Path) -> dict[str, Any]:
    """Generate, convert and build a corpus of ``count`` seeds in ``folder``; times and scores."""
    shutil.rmtree(folder, ignore_errors=True)
    made = generate_seeds(folder / "seeds", count)
    run((sys.executable, str(ROOT / "scripts" / "convert.py"), "--root", str(folder)))
    generate_docs(folder / "docs", made)
    seconds: dict[tuple[str, bool], float] = {}
    for step in STEPS:
        for reuse in (True, False) if step == "build" else (False, True):
            seconds[step, reuse] = build(folder / "docs", folder / f"_build-{int(reuse)}", reuse)
    pickled = {
        reuse: (folder / f"_build-{int(reuse)}" / ".doctrees" / "environment.pickle").stat().st_size
        for reuse in (False, True)
    }
    return {"seconds": seconds, "pickled": pickled, **score(made, found_pairs(folder / "_build-1"))}


def report(results: dict[int, dict[str, Any]]) -> str:
    """The results as a Markdown table, with a line per false pair found (there should be none)."""
    lines = [
        "| Sources | Planted | Recall: copied | edited | partly copied | Pairs found | False pairs "
        "| Build without / with (s) | Growth | No-change rebuild without / with (s) "
        "| Environment without / with (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count, result in results.items():
        recall, total, seconds = result["recall"], result["total"], result["seconds"]
        cells = [f"{recall[kind]}/{total[kind]}" for kind in ("copied", "edited", "partly copied")]
        without, with_ = seconds["build", False], seconds["build", True]
        rebuild = f"{seconds['rebuild, no change', False]:.1f} / {seconds['rebuild, no change', True]:.1f}"
        found = f"{result['pairs']} | {len(result['false'])}"
        lines.append(
            f"| {count:,} | {sum(total.values())} | {' | '.join(cells)} | {found} "
            f"| {without:.0f} / {with_:.0f} | {100 * (with_ - without) / without:+.1f}% | {rebuild} "
            f"| {result['pickled'][False] / 1e6:.1f} / {result['pickled'][True] / 1e6:.1f} |"
        )
    for result in results.values():
        lines += [f"- false pair: {a} “{ta}” / {b} “{tb}”" for a, ta, b, tb in result["false"][:10]]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Measure each N given (1,000 by default) and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--detect-only", action="store_true", help="time detection alone, building nothing")
    args = parser.parse_args(argv)
    how = measure_detection if args.detect_only else measure
    with tempfile.TemporaryDirectory(prefix="reuse-bench-") as folder:
        results = {count: how(count, Path(folder) / f"n{count}") for count in args.sizes}
    table = (detection_report if args.detect_only else report)(results)
    print(table, end="")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
