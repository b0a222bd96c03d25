"""The README documents the CLI as it really is (sqlite-utils style: docs checked against --help)."""

from __future__ import annotations

from tests.cli_help import README, render, replace_section


def test_readme_cli_reference_matches_help() -> None:
    readme = README.read_text(encoding="utf-8")
    assert replace_section(readme, render()) == readme, "run: .venv/bin/python scripts/readme_cli_help.py --write"


def test_readme_quick_start_is_exactly_two_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./scripts/install.sh", "./scripts/test.sh"]


def test_readme_shows_the_real_output_of_check() -> None:
    # The example under "When `check` finds a problem" is a fixture's exact output, so it cannot go stale.
    readme = README.read_text(encoding="utf-8")
    expected = (README.parent / "tests" / "fixtures" / "invalid" / "misspelt-ids" / "expected.txt").read_text("utf-8")
    assert f"```text\n{expected}```" in readme


def test_the_development_loop_script_runs_pytest() -> None:
    # install.sh leaves out the test needs; the README's quick loop must install them itself.
    script = (README.parent / "scripts" / "pytest.sh").read_text("utf-8")
    assert "install_test" in script and 'exec "$VENV/bin/python" -m pytest "$@"' in script
    assert "./scripts/pytest.sh" in README.read_text(encoding="utf-8")
