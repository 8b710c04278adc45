"""Run Sphinx's linkcheck with a deadline, and keep its results as the site's link-health report.

Sphinx's linkcheck retries for ever a server that answers 429 with ``Retry-After: 0``. This runner
stops it at the deadline and says which links were still pending, then exits non-zero. A run that
finishes writes ``docs/link-health.json``, which the "Link health" page shows.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

REPORT = Path("docs") / "link-health.json"
DEFAULT_DEADLINE = 900.0
_RATE_LIMITED = re.compile(r"-rate limited-\s+(\S+)")
EXIT_DEADLINE = 3


def main(argv: Sequence[str] | None = None, out: IO[str] = sys.stdout) -> int:
    """Check every external link; 0 when the run finished (whatever the links' state), 3 at the deadline."""
    parser = argparse.ArgumentParser(prog="linkcheck", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (conf.py and docs/)")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE, help="seconds for the whole run")
    parser.add_argument("--builddir", type=Path, help="default: <root>/_build/linkcheck")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    builddir: Path = args.builddir or root / "_build" / "linkcheck"
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "linkcheck",
        "-c",
        str(root),
        str(root / "docs"),
        str(builddir),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"},
    )
    pending: dict[str, None] = {}
    reader = threading.Thread(target=_relay, args=(process, out, pending), daemon=True)
    reader.start()
    try:
        process.wait(timeout=args.deadline)
    except subprocess.TimeoutExpired:
        _stop(process)
        reader.join(timeout=5)
        waiting = ", ".join(pending) or "no link reported yet"
        print(
            f"linkcheck: stopped after {args.deadline:g} s, the deadline; still waiting on: {waiting}"
            " (a server kept asking to retry, or answered too slowly); the report was not updated",
            file=out,
        )
        return EXIT_DEADLINE
    reader.join(timeout=5)
    report = write_report(builddir / "output.json", root / REPORT)
    print(f"linkcheck: {len(report['links'])} links checked; report in {REPORT}", file=out)
    return 0


def write_report(output_json: Path, report: Path) -> dict[str, Any]:
    """Keep linkcheck's results (JSON lines) as one sorted JSON document, dated, for the site."""
    records = [
        json.loads(line) for line in output_json.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    links = sorted(
        (
            {key: record.get(key) for key in ("filename", "lineno", "uri", "status", "code", "info")}
            for record in records
        ),
        key=lambda link: (str(link["filename"]), str(link["uri"]), int(link["lineno"] or 0)),
    )
    document = {"checked": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "links": links}
    report.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return document


def _relay(process: subprocess.Popen[str], out: IO[str], pending: dict[str, None]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        out.write(line)
        for uri in _RATE_LIMITED.findall(line):
            pending[uri] = None


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
