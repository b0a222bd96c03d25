from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
INVALID = FIXTURES / "invalid"


def overlay_case(case: Path, destination: Path) -> Path:
    """A copy of the minimal valid tree with the case's files laid over it."""
    shutil.copytree(MINIMAL, destination)
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = destination / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return destination


@pytest.fixture
def minimal_tree(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "tree"))
