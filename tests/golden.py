"""The Markdown the generator makes from the minimal fixture (and its files for other programs, api/), and
tests/golden/minimal/ to compare it with.

tests/test_golden.py compares the two file by file; scripts/update_golden.py rewrites the folder
(or, with --check, shows the difference).
"""

from __future__ import annotations

import dataclasses
import difflib
import shutil

from generator.render.api import render_data_files
from generator.render.fhir import questionnaires
from generator.render.settings import read_site_settings
from generator.render.site import render_docs_tree
from generator.render.view import publication_view
from generator.stages import read_corpus
from generator.write.api import json_files
from tests.conftest import MINIMAL, REPO

FIXTURE = MINIMAL
GOLDEN = REPO / "tests" / "golden" / "minimal"
# Fixed, so the golden files do not change with the calendar or with mkdocs.yml's release.
RELEASE = "2027.1"
BUILD_DATE = "2027-01-15"


def render() -> dict[str, str]:
    """The text files of the docs tree, by path. Binary files (the PDFs) are left to tests/test_pdf.py."""
    corpus = read_corpus(FIXTURE / "content", FIXTURE / "checklists")
    settings = dataclasses.replace(read_site_settings(REPO / "mkdocs.yml", RELEASE), build_date=BUILD_DATE)
    tree = render_docs_tree(corpus, settings)
    # The files for other programs (api/: the publication as data, the checklists as FHIR
    # Questionnaires), as the writer makes them.
    view = publication_view(corpus, settings)
    api = json_files({**render_data_files(view), **questionnaires(view, settings)})
    tree.update({path: data.decode("utf-8") for path, data in api.items()})
    return {path: content for path, content in sorted(tree.items()) if isinstance(content, str)}


def stored() -> dict[str, str]:
    return {
        file.relative_to(GOLDEN).as_posix(): file.read_text(encoding="utf-8")
        for file in sorted(GOLDEN.rglob("*"))
        if file.is_file()
    }


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for path in sorted(expected.keys() | actual.keys()):
        before, after = expected.get(path), actual.get(path)
        if before == after:
            continue
        lines.extend(
            difflib.unified_diff(
                (before or "").splitlines(),
                (after or "").splitlines(),
                f"golden/{path}" if before is not None else "/dev/null",
                f"generated/{path}" if after is not None else "/dev/null",
                lineterm="",
            )
        )
    return lines


def write(tree: dict[str, str]) -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for path, content in tree.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
