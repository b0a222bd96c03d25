"""Bring the example publication that `richtlijnen init` copies (generator/init_example/) up to
date with content/, checklists/ and sources/; with --check, only list the files that differ.

The example is made by tests/init_example.py, which tests/test_package.py uses too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a file (`.venv/bin/python scripts/...`), which puts scripts/ on the path, not the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.init_example import differences, render, stored, write

if __name__ == "__main__":
    changed = differences(render(), stored())
    if "--check" in sys.argv:
        print("\n".join(changed) if changed else "The example is up to date.")
        sys.exit(1 if changed else 0)
    write(render())
    print("\n".join(f"updated {path}" for path in changed) if changed else "The example is up to date.")
