"""The tests stand alone: everything but the browser tests runs without Playwright installed, and
no test imports from scripts/ (the scripts are thin wrappers around tests/ helpers instead)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import IMPORTS_PLAYWRIGHT, REPO

TESTS = REPO / "tests"
# pytest, with Playwright made impossible to import (as in an environment without it).
WITHOUT_PLAYWRIGHT = "import sys; sys.modules['playwright'] = None; import pytest; sys.exit(pytest.main(sys.argv[1:]))"


def test_everything_but_the_browser_tests_is_collected_without_playwright() -> None:
    modules = sorted(path.relative_to(REPO).as_posix() for path in TESTS.glob("test_*.py"))
    browser_modules = {m for m in modules if IMPORTS_PLAYWRIGHT.search((REPO / m).read_text(encoding="utf-8"))}
    args = ["--collect-only", "-q", "-m", "not browser", "-p", "no:cacheprovider", "tests"]
    completed = subprocess.run(
        [sys.executable, "-c", WITHOUT_PLAYWRIGHT, *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    collected = {line.split("::")[0] for line in completed.stdout.splitlines() if "::" in line}
    # Every module that does not import the browser stack, and none that does (pytest_ignore_collect).
    assert collected == set(modules) - browser_modules
    assert "tests/test_standalone.py" in collected and len(collected) >= len(modules) // 2
    # And the modules that were left out hold browser tests only, every one marked by the module's
    # own pytestmark: a test that needs no browser belongs in a module without Playwright, or it
    # would not run here.
    marks_all = re.compile(r"^pytestmark = pytest\.mark\.browser\b", re.MULTILINE)
    assert sorted(m for m in browser_modules if not marks_all.search((REPO / m).read_text(encoding="utf-8"))) == []


def test_no_test_imports_from_scripts() -> None:
    importing = [
        path.name
        for path in TESTS.rglob("*.py")
        if re.search(r"^\s*(?:from|import) scripts\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert importing == []
