"""Print (or, with --write, update) the CLI reference in README.md from the commands' real --help.

tests/test_docs.py fails when README.md and --help disagree; run this with --write to fix it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- cli-help:start -->", "<!-- cli-help:end -->"


def render() -> str:
    runner = CliRunner()
    parts = []
    for args in [[], *([name] for name in sorted(main.commands))]:
        help_text = runner.invoke(main, [*args, "--help"], prog_name="richtlijnen", terminal_width=100).stdout
        title = " ".join(["richtlijnen", *args])
        parts.append(f"### `{title}`\n\n```text\n{help_text.rstrip()}\n```\n")
    return "\n".join(parts)


def replace_section(readme: str, body: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _m: f"{START}\n{body}{END}", readme)


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(replace_section(README.read_text(encoding="utf-8"), render()), encoding="utf-8")
    else:
        print(render())
