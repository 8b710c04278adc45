#!/usr/bin/env python3
"""Convert every seed in seeds/ into a MyST page in docs/sources/ (see README.md)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from borderlines.convert.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["--root", str(ROOT), *sys.argv[1:]]))
