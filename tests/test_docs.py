"""The documentation documents the CLI as it really is (sqlite-utils style: docs checked against --help).

README.md is for people who pick the project up; the editors' guide is docs/redactie.md, the
administrators' guide docs/beheer.md, the command reference docs/cli.md.
"""

from __future__ import annotations

import pytest

from tests.cli_help import CLI_REFERENCE, END, README, START, render, replace_section

DOCS = README.parent / "docs"


def test_cli_reference_matches_help() -> None:
    reference = CLI_REFERENCE.read_text(encoding="utf-8")
    assert START in reference and END in reference
    assert replace_section(reference, render()) == reference, "run: .venv/bin/python scripts/readme_cli_help.py --write"
    assert "docs/cli.md" in README.read_text(encoding="utf-8")


def test_readme_quick_start_is_exactly_two_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./scripts/install.sh", "./scripts/test.sh"]


@pytest.mark.parametrize("case", ["misspelt-ids", "recommendation-in-no-checklist"])
def test_editors_guide_shows_the_real_output_of_check(case: str) -> None:
    # The examples under "When `check` finds a problem" and "Coverage" are fixtures' exact output,
    # so they cannot go stale.
    guide = (DOCS / "redactie.md").read_text(encoding="utf-8")
    expected = (README.parent / "tests" / "fixtures" / "invalid" / case / "expected.txt").read_text("utf-8")
    assert f"```text\n{expected}```" in guide


def test_the_development_loop_script_runs_pytest() -> None:
    # install.sh leaves out the test needs; the README's quick loop must install them itself.
    script = (README.parent / "scripts" / "pytest.sh").read_text("utf-8")
    assert "install_test" in script and 'exec "$VENV/bin/python" -m pytest "$@"' in script
    assert "./scripts/pytest.sh" in README.read_text(encoding="utf-8")


def test_readme_links_to_the_guides_that_exist() -> None:
    readme = README.read_text(encoding="utf-8")
    for path in ("docs/redactie.md", "docs/beheer.md", "docs/cli.md", "bench/README.md"):
        assert path in readme and (README.parent / path).is_file(), path
