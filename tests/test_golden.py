"""The generated Markdown of the minimal fixture, compared file by file with tests/golden/minimal/."""

from __future__ import annotations

from tests.golden import differences, render, stored


def test_generated_markdown_matches_the_golden_files() -> None:
    diff = differences(stored(), render())
    assert not diff, "\n".join([*diff[:200], "", "Intended? Run: .venv/bin/python scripts/update_golden.py"])


def test_golden_comparison_notices_a_changed_missing_and_extra_file() -> None:
    golden = stored()
    first, second = sorted(golden)[:2]
    changed = {**golden, first: golden[first] + "extra line\n"}
    del changed[second]
    changed["nieuw.md"] = "# Nieuw\n"
    diff = "\n".join(differences(golden, changed))
    assert f"+++ generated/{first}" in diff and "+extra line" in diff
    assert f"--- golden/{second}" in diff and "+++ /dev/null" in diff
    assert "--- /dev/null" in diff and "+++ generated/nieuw.md" in diff
