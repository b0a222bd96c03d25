"""The command reference in docs/cli.md, made from the commands' real --help.

tests/test_docs.py compares it with docs/cli.md; scripts/readme_cli_help.py prints it or, with
--write, puts it into docs/cli.md (the README links there).
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
CLI_REFERENCE = README.parent / "docs" / "cli.md"
START, END = "<!-- cli-help:start -->", "<!-- cli-help:end -->"


def render() -> str:
    runner = CliRunner()
    parts = []
    for args in [[], *([name] for name in sorted(main.commands))]:
        help_text = runner.invoke(main, [*args, "--help"], prog_name="richtlijnen", terminal_width=100).stdout
        title = " ".join(["richtlijnen", *args])
        parts.append(f"### `{title}`\n\n```text\n{help_text.rstrip()}\n```\n")
    return "\n".join(parts)


def replace_section(text: str, body: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _m: f"{START}\n{body}{END}", text)
