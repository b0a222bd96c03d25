"""Render the generated Markdown tree of the minimal fixture into tests/golden/ (or check it).

    .venv/bin/python scripts/update_golden.py          # rewrite tests/golden/minimal/
    .venv/bin/python scripts/update_golden.py --check  # exit 1 and show a diff when it differs

tests/test_golden.py compares the generator's output with this folder, so every change to a
template or a view model shows up in review as a change to readable Markdown. After an intended
change, run this script and commit the folder with the change that caused it.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a file (`.venv/bin/python scripts/...`), which puts scripts/ on the path, not the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.golden import GOLDEN, REPO, differences, render, stored, write


def main(argv: list[str]) -> int:
    tree = render()
    if "--check" in argv:
        diff = differences(stored(), tree)
        print("\n".join(diff) if diff else "Golden files are up to date.")
        return 1 if diff else 0
    write(tree)
    print(f"Wrote {len(tree)} files to {GOLDEN.relative_to(REPO)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
