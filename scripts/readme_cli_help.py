"""Print (or, with --write, update) the CLI reference in docs/cli.md from the commands' real --help.

tests/test_docs.py fails when docs/cli.md and --help disagree; run this with --write to fix it.
The section is made by tests/cli_help.py, which the test uses too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a file (`.venv/bin/python scripts/...`), which puts scripts/ on the path, not the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cli_help import CLI_REFERENCE, render, replace_section

if __name__ == "__main__":
    if "--write" in sys.argv:
        CLI_REFERENCE.write_text(replace_section(CLI_REFERENCE.read_text(encoding="utf-8"), render()), encoding="utf-8")
    else:
        print(render())
