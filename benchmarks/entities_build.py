"""What the entities feature adds to a full build: the synthetic corpus built with and without a registry
of 1,000 entities and 5,000 aliases.

For each N it generates and converts N synthetic seeds with N/20 topic pages (benchmarks/synthetic.py,
asked for no registry: this writes and removes it), then times the full build at -j 1 into a fresh
folder (as tox -e docs runs it, Pagefind included) with no registry and with the synthetic one
(benchmarks/synthetic.registry_text: the corpus's places and two armed groups, which the text and the
topic pages' events name, and made-up people it never names), alternating which goes first; then,
with the registry, a rebuild after one entity's description is edited. It prints the medians of
--runs runs, the growth of the full build (the target is at most 10%), and the entity pages written.

    python benchmarks/entities_build.py [--runs R] [--markdown FILE] [N ...]   (default N: 1000)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import ROOT, run
from synthetic import REGISTRY_ALIASES as ALIASES
from synthetic import REGISTRY_ENTITIES as ENTITIES
from synthetic import generate_docs, generate_seeds, registry_text


def build(docs: Path, out: Path, *, fresh: bool = True) -> float:
    """Seconds of one build of ``docs`` into ``out`` (emptied first if ``fresh``), with the real conf.py."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    sphinx = (sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b", "html", "-j", "1")
    return run((*sphinx, "-c", str(ROOT), "-d", str(out / ".doctrees"), str(docs), str(out)))[0]


def measure(count: int, runs: int, folder: Path) -> dict[str, float]:
    """Median seconds of each step for a corpus of ``count`` seeds, and the entity pages written."""
    root = folder / f"n{count}"
    made = generate_seeds(root / "seeds", count)
    convert = (sys.executable, str(ROOT / "scripts" / "convert.py"), "--root", str(root))
    run(convert)
    docs = root / "docs"
    generate_docs(docs, made, registry=False)  # written and removed below, build by build
    registry = docs / "entities.toml"
    text = registry_text(ENTITIES, ALIASES)
    times: dict[str, list[float]] = {"without": [], "with": [], "registry edit": []}
    for number in range(runs):
        for variant in ("without", "with") if number % 2 == 0 else ("with", "without"):
            if variant == "with":
                registry.write_text(text, encoding="utf-8")
            else:
                registry.unlink(missing_ok=True)
            times[variant].append(build(docs, root / f"_build-{variant}"))
        registry.write_text(text.replace('"Synthetic."', '"Synthetic, edited."', 1), encoding="utf-8")
        times["registry edit"].append(build(docs, root / "_build-with", fresh=False))
    pages = len(list((root / "_build-with" / "entities").glob("*.html")))
    shutil.rmtree(root, ignore_errors=True)
    medians = {step: statistics.median(values) for step, values in times.items()}
    return {**medians, "entity pages": float(pages)}


def main() -> int:
    """Print (and optionally write as Markdown) the table of sizes and seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", type=Path)
    options = parser.parse_args()
    header = (
        "| sources | build without (s) | build with (s) | growth | registry-edit rebuild (s) | entity pages |"
    )
    lines = [header, "|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as folder:
        for count in options.sizes or [1000]:
            got = measure(count, options.runs, Path(folder))
            growth = got["with"] / got["without"] - 1
            lines.append(
                f"| {count} | {got['without']:.1f} | {got['with']:.1f} | {growth:+.1%} |"
                f" {got['registry edit']:.1f} | {got['entity pages']:.0f} |"
            )
            print(lines[-1], flush=True)
    print(f"registry: {ENTITIES} entities, {ALIASES} aliases; medians of {options.runs} runs, -j 1")
    if options.markdown:
        options.markdown.parent.mkdir(parents=True, exist_ok=True)
        options.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
