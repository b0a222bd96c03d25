"""Two real releases of the minimal tree into a scratch repository: the `published` fixture of
tests/conftest.py, which tests/test_release.py checks in Chromium and tests/test_release_published.py
on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import editors_repository

EXTRA_REC = "      - id: proef-4\n        text: Stel doelen op.\n"
GAPS = Path("checklists") / "_niet-in-checklist.yaml"


def gap(rec_id: str) -> str:
    """An entry of the list of recommendations that are in no checklist."""
    return f"  - id: {rec_id}\n    reason: Een proef.\n"


SECOND_CHAPTER = """# yaml-language-server: $schema=../../../schemas/bouwsteen.schema.json
id: proef-tweede
slug: tweede
title: Interventies
sections:
  - id: proef-tweede-sectie
    recommendations:
      - id: proef-1
        text: >-
          Zet in op versterking van informele steun.
          Dit kan door het sociale netwerk van het gezin in kaart te brengen en in te zetten.
"""


# The day git gives the commits and tags, so the change page's dates do not depend on the day the
# tests run: 1 december 2026, as the page writes it.
GIT_DATE = "2026-12-01T12:00:00+0000"
RELEASE_DAY = "1 december 2026"


def run(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE}
    completed = subprocess.run(args, cwd=repo, capture_output=True, text=True, check=False, env=env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def release(repo: Path, version: str) -> str:
    return run(repo, sys.executable, "-m", "generator", "release", version)


def publish_two_versions(repo: Path, pages: Path) -> None:
    """Releases 2026.1 and 2026.2 of the minimal tree in `repo` (a new folder), then puts what the
    gh-pages branch holds into `pages`."""
    editors_repository(repo)
    chapter = repo / "content" / "proef" / "01-hoofdstuk.yaml"
    edit(chapter, "        text: Verhelder de vraag.\n", "        text: Verhelder de vraag.\n" + EXTRA_REC)
    (repo / GAPS).write_text((repo / GAPS).read_text("utf-8") + gap("proef-4"), "utf-8")
    run(repo, "git", "add", "-A")
    run(repo, "git", "commit", "-qm", "Eerste versie")
    first = release(repo, "2026.1")
    assert "Versie 2026.1 gepubliceerd in branch gh-pages (eerste versie); tag v2026.1." in first, first

    # Version 2: proef-2 reworded, proef-3 added, proef-4 removed, proef-1 moved, a checklist item reworded.
    edit(
        chapter,
        "        text: Verhelder de vraag.\n" + EXTRA_REC,
        "        text: Verhelder samen de vraag.\n      - id: proef-3\n        text: Stel doelen op.\n",
    )
    edit(repo / GAPS, gap("proef-4"), gap("proef-3"))
    edit(
        chapter,
        "      - id: proef-1\n        text: >-\n          Zet in op versterking van informele steun.\n"
        "          Dit kan door het sociale netwerk van het gezin in kaart te brengen en in te zetten.\n",
        "",
    )
    (repo / "content" / "proef" / "02-tweede.yaml").write_text(SECOND_CHAPTER, "utf-8")
    edit(repo / "content" / "proef" / "richtlijn.yaml", "  - proef-hoofdstuk\n", "  - proef-hoofdstuk\n  - proef-tweede\n")
    edit(
        repo / "checklists" / "proef-checklist.yaml", "text: Sociaal netwerk in kaart gebracht", "text: Sociaal netwerk in kaart"
    )
    run(repo, "git", "add", "-A")
    run(repo, "git", "commit", "-qm", "Tweede versie")
    second = release(repo, "2026.2")
    assert "(vergeleken met 2026.1)" in second, second

    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(pages)], input=archive, check=True)
