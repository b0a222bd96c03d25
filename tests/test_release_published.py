"""`richtlijnen release` for real: what two versions leave on the gh-pages branch (versions.json, the
latest alias, the feed), and uncommitted content refused. tests/test_release.py looks at the same
two versions in Chromium; tests/test_release_safety.py tries the refusals and faults with a
stand-in build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import MINIMAL, REPO
from tests.releases import run


def test_versions_json_and_tags(published: tuple[Path, str]) -> None:
    pages, _ = published
    assert json.loads((pages / "versions.json").read_text("utf-8")) == [
        {"version": "2026.2", "title": "2026.2", "aliases": ["latest"]},
        {"version": "2026.1", "title": "2026.1", "aliases": []},
    ]
    assert (pages / "latest").is_symlink()
    assert "latest/" in (pages / "index.html").read_text("utf-8")


def test_feed_lists_releases_newest_first(published: tuple[Path, str]) -> None:
    pages, _ = published
    feed = ET.fromstring((pages / "latest" / "feed.xml").read_text("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["Versie 2026.2", "Versie 2026.1"]
    assert entries[0].findtext("a:summary", namespaces=ns) == (
        "Aanbevelingen en checklistpunten: 1 toegevoegd, 2 gewijzigd, 1 verplaatst, 1 verwijderd."
    )


def test_release_refuses_uncommitted_content(tmp_path: Path) -> None:
    repo = tmp_path
    run(repo, "git", "init", "-q", "-b", "main")
    shutil.copytree(MINIMAL / "content", repo / "content")
    shutil.copytree(MINIMAL / "sources", repo / "sources")
    shutil.copytree(MINIMAL / "checklists", repo / "checklists")
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "release", "2026.1", "--config-file", str(REPO / "mkdocs.yml")],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith(
        "Bouwen mislukt: de werkmap wijkt af van de laatste commit in bestanden waaruit de site wordt gebouwd; "
        "commit ze of haal ze weg, zodat de site is wat tag v2026.1 bevat:\n"
        "  checklists/_niet-in-checklist.yaml (nieuw)\n  checklists/proef-checklist.yaml (nieuw)\n"
    )


def test_a_changed_recommendation_changes_its_card_in_the_new_version_only(published: tuple[Path, str]) -> None:
    """proef-2 is reworded in 2026.2: its card there says so, 2026.1's card stays as that version
    made it, and latest/embed/ serves the newest; the change page links the new card."""
    pages, url = published
    old = (pages / "2026.1" / "embed" / "proef-2" / "index.html").read_text("utf-8")
    new = (pages / "2026.2" / "embed" / "proef-2" / "index.html").read_text("utf-8")
    assert "<p>Verhelder de vraag.</p>" in old and "Versie 2026.1" in old
    # "Lees verder" leads to the recommendation in the card's own version, by its absolute address.
    assert re.search(r'<a href="https://[^"]+/2026\.1/r/proef-2/" target="_top">', old)
    assert "<p>Verhelder samen de vraag.</p>" in new and "Versie 2026.2" in new
    assert re.search(r'<a href="https://[^"]+/2026\.2/r/proef-2/" target="_top">', new)
    # proef-4 was removed in 2026.2: its card stays in 2026.1 and is not in 2026.2.
    assert (pages / "2026.1" / "embed" / "proef-4" / "index.html").is_file()
    assert not (pages / "2026.2" / "embed" / "proef-4").exists()
    with urllib.request.urlopen(url + "latest/embed/proef-2/") as response:
        assert response.read().decode("utf-8") == new
    with urllib.request.urlopen(url + "2026.1/embed/proef-2/") as response:
        assert response.read().decode("utf-8") == old
    changes = (pages / "2026.2" / "wat-is-er-veranderd" / "index.html").read_text("utf-8")
    assert re.search(r'<a href="\.\./embed/proef-2/">insluitkaart van proef-2</a>', changes)
