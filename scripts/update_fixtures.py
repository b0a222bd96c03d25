"""Rewrite the expected output of every bad-input fixture (tests/fixtures/invalid/*/expected.txt).

    .venv/bin/python scripts/update_fixtures.py          # rewrite every expected.txt
    .venv/bin/python scripts/update_fixtures.py --check  # exit 1 and list the cases that differ

tests/test_check_cli.py asserts each case's exact message. After an intended change of wording,
run this script, read `git diff tests/fixtures` as a reader of the messages would, and commit the
fixtures with the change that caused them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from tests.conftest import INVALID, overlay_case


def output_of(case: Path) -> str:
    """What `richtlijnen check` prints for the case, run in a copy of the minimal tree."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = overlay_case(case, Path(tmp) / "tree")
        previous = Path.cwd()
        os.chdir(tree)
        try:
            result = CliRunner().invoke(main, ["check"])
        finally:
            os.chdir(previous)
    return result.stderr


def main_() -> int:
    check = "--check" in sys.argv[1:]
    differing = []
    for case in sorted(p for p in INVALID.iterdir() if p.is_dir()):
        expected = case / "expected.txt"
        actual = output_of(case)
        if expected.is_file() and expected.read_text(encoding="utf-8") == actual:
            continue
        differing.append(case.name)
        if not check:
            expected.write_text(actual, encoding="utf-8")
    for name in differing:
        print(f"{'differs' if check else 'rewritten'}: {name}")
    return 1 if check and differing else 0


if __name__ == "__main__":
    sys.exit(main_())
