"""Whether ``find_mentions`` is linear in text: synthetic passages at 1x and 10x, one large registry.

The registry is synthetic: 1,000 entities with 5 aliases each (5,000 aliases; a fifth of them
case-exact acronyms, a fifth ``after-full`` short forms), written as TOML and loaded by
``load_registry``. The text is passages of filler words with aliases, near-misses ('crisis'-like
words containing an acronym) and short forms mixed in. Each size is timed 3 times and the median
given; linear means the 10x time is about 10 times the 1x time.

    python benchmarks/mentions_scaling.py [--passages N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from borderlines.entities import Registry, find_mentions, load_registry

ENTITIES = 1000
_SYLLABLES = ["al", "ba", "dar", "sha", "mun", "kir", "ha", "zor", "qas", "ra", "tin", "nur", "wad", "fel"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_registry(folder: Path, rng: random.Random) -> tuple[Registry, list[str], list[str]]:
    """A registry of ``ENTITIES`` entities, five aliases each; its full names and its short forms."""
    lines: list[str] = []
    full: list[str] = []
    short: list[str] = []
    for number in range(ENTITIES):
        first, last = _word(rng), _word(rng) + "".join("abcdefghij"[int(d)] for d in f"{number:04d}")
        acronym = f"X{number:04d}"  # unique, upper case: case-exact
        names = [f"{first} {last}", f"{first} al-{last}", f"{first} {last} Forces", acronym]
        full += names
        short.append(f"Mr {last}")
        aliases = [f'{{ name = "{name}", basis = "synthetic" }}' for name in names]
        aliases.append(f'{{ name = "Mr {last}", rule = "after-full", basis = "synthetic" }}')
        lines += [
            "[[entity]]",
            f'id = "entity-{number}"',
            'type = "person"',
            f'name = "{first} {last}"',
            'description = { value = "Synthetic.", basis = "synthetic" }',
            f"aliases = [{', '.join(aliases)}]",
            "",
        ]
    path = folder / "entities.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load_registry(path), sorted(set(full)), short


def synthetic_passages(
    count: int, full: list[str], short: list[str], rng: random.Random
) -> list[tuple[str, str]]:
    """``count`` passages of about 60 words, in sources of 20 passages each."""
    filler = ["the", "said", "border", "forces", "crisis", "of", "in", "Reported", "x0001ab", "camp", "and"]
    passages: list[tuple[str, str]] = []
    for number in range(count):
        words = [rng.choice(filler) for _ in range(50)]
        for _ in range(4):
            words.insert(rng.randrange(len(words)), rng.choice(full))
        for _ in range(2):
            words.insert(rng.randrange(len(words)), rng.choice(short))
        passages.append((f"source-{number // 20}-p{number % 20 + 1}-0000", " ".join(words) + "."))
    return passages


def main() -> None:
    """Print the table: passages, characters, median seconds, and the time per character."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=2000, help="passages at 1x (default 2000)")
    options = parser.parse_args()
    rng = random.Random(20260119)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        registry, full, short = synthetic_registry(Path(folder), rng)
        loaded = time.perf_counter() - started
    aliases = sum(len(entity.aliases) for entity in registry)
    print(f"registry: {len(registry)} entities, {aliases} aliases, loaded in {loaded:.2f} s")
    find_mentions(registry, [("warm-p1-0000", "warm up")])  # builds the automaton once
    print(f"{'size':>5} {'passages':>9} {'characters':>11} {'mentions':>9} {'seconds':>8} {'us/kchar':>9}")
    baseline = 0.0
    for scale in (1, 10):
        passages = synthetic_passages(options.passages * scale, full, short, rng)
        characters = sum(len(text) for _, text in passages)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            mentions, _unresolved = find_mentions(registry, passages)
            times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        baseline = baseline or seconds
        per = seconds / characters * 1e9
        print(
            f"{scale:>4}x {len(passages):>9} {characters:>11} {len(mentions):>9} {seconds:>8.3f} {per:>9.2f}"
        )
    print(f"10x / 1x time: {seconds / baseline:.1f} (linear: about 10)")


if __name__ == "__main__":
    main()
