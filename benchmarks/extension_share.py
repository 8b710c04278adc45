"""How much of a full build is the corpus extension's own work, by profile, on a synthetic corpus.

It builds N synthetic sources (default 300) at -j 1 in this process under cProfile and sums the
inclusive time of every extension function that Sphinx, docutils or MyST call directly (event
handlers, directives, roles, domain methods, transforms), so no time is counted twice. Not counted:
MyST parsing the text inside a passage directive (a plain build parses the same text) and the
templates (they replace the theme's own). The share is a ratio taken in one run; profiling slows
pure-Python code more than C, so read it as an estimate.

    python benchmarks/extension_share.py [N]
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sphinx.cmd.build import build_main
from synthetic import generate_docs, generate_seeds

from borderlines.convert.cli import main as convert

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = str(ROOT / "src" / "borderlines" / "ext")

Function = tuple[str, int, str]


#: MyST parsing page text: a plain build does it too, so it is not the extension's own work.
CONTENT_PARSING = {"nested_parse", "nested_render_text"}


def entry_points(stats: pstats.Stats) -> dict[Function, float]:
    """Extension functions called from outside the extension, with their inclusive seconds less the
    time they spend having MyST parse page text."""
    table = stats.stats  # type: ignore[attr-defined]
    parsing: dict[Function, float] = defaultdict(float)
    for function, (_, _, _, _, callers) in table.items():
        if function[2] in CONTENT_PARSING:
            for caller, (_, _, _, inclusive) in callers.items():
                parsing[caller] += inclusive
    found = {}
    for function, (_, _, _, inclusive, callers) in table.items():
        ours = function[0].startswith(EXTENSION) and function[0].endswith(".py")
        if ours and not any(caller[0].startswith(EXTENSION) for caller in callers):
            found[function] = inclusive - parsing[function]
    return found


def build_profile(count: int, folder: Path) -> pstats.Stats:
    """Generate, convert and build ``count`` sources in ``folder``; the profile of the build alone."""
    made = generate_seeds(folder / "seeds", count)
    if convert(["--root", str(folder)], out=io.StringIO(), err=io.StringIO()) != 0:
        raise RuntimeError("the synthetic corpus did not convert")
    generate_docs(folder / "docs", made)
    arguments = ["-q", "-W", "--keep-going", "-n", "-b", "html", "-j", "1", "-c", str(ROOT)]
    profile = cProfile.Profile()
    status = profile.runcall(build_main, [*arguments, str(folder / "docs"), str(folder / "_build")])
    if status != 0:
        raise RuntimeError(f"the build exited {status}")
    return pstats.Stats(profile)


def main() -> int:
    """Print the extension's share of the build, in total and by module."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory(prefix="borderlines-share-") as folder:
        stats = build_profile(count, Path(folder))
    total = stats.total_tt  # type: ignore[attr-defined]
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _, _), seconds in entry_points(stats).items():
        by_module[Path(filename).stem] += seconds
    ours = sum(by_module.values())
    print(
        f"N = {count}: the extension's own work is {ours / total:.1%} of the build "
        f"({ours:.1f} s of {total:.1f} s, profiled); by module:"
    )
    for module, seconds in sorted(by_module.items(), key=lambda item: -item[1]):
        print(f"  {module:<14} {seconds / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
