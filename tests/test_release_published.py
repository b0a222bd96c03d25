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
from typing import Any

from tests.conftest import MINIMAL, REPO
from tests.releases import run
from tests.test_api import schema_errors


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


def test_each_version_keeps_its_own_data_and_latest_has_the_newest(published: tuple[Path, str]) -> None:
    """The publication as data (api/) of 2026.2 has its changes; that of 2026.1 stays as it was;
    latest/api/ is 2026.2's, and the change page links a changed recommendation's data file."""
    pages, _ = published

    def data(version: str, path: str) -> Any:
        return json.loads((pages / version / "api" / path).read_text("utf-8"))

    def recommendation(version: str, rec_id: str) -> Path:
        return pages / version / "api" / "aanbevelingen" / f"{rec_id}.json"

    for version in ("2026.1", "2026.2"):
        folder = pages / version
        files = {p.relative_to(folder).as_posix(): json.loads(p.read_text("utf-8")) for p in (folder / "api").rglob("*.json")}
        assert schema_errors(files) == {}, version
    old, new = data("2026.1", "aanbevelingen/proef-2.json"), data("2026.2", "aanbevelingen/proef-2.json")
    assert old["aanbeveling"]["tekst"] == {"markdown": "Verhelder de vraag.", "platte_tekst": "Verhelder de vraag."}
    assert new["aanbeveling"]["tekst"]["platte_tekst"] == "Verhelder samen de vraag."
    assert new["aanbeveling"]["webadres"] == "https://example.org/richtlijnen/2026.2/proefrichtlijn/hoofdstuk/#proef-2"
    # Added in 2026.2, removed in 2026.2: each only where it is.
    assert recommendation("2026.2", "proef-3").is_file() and not recommendation("2026.1", "proef-3").exists()
    assert recommendation("2026.1", "proef-4").is_file() and not recommendation("2026.2", "proef-4").exists()
    newest = "https://example.org/richtlijnen/latest/api/publicatie.json"
    for version in ("2026.1", "2026.2"):
        facts = data(version, "publicatie.json")["publicatie"]
        assert facts["versie"] == version
        assert facts["gegevens"] == f"https://example.org/richtlijnen/{version}/api/publicatie.json"
        assert facts["nieuwste"] == newest
    latest = pages / "latest" / "api" / "publicatie.json"
    assert latest.read_bytes() == (pages / "2026.2" / "api" / "publicatie.json").read_bytes()
    changes = (pages / "2026.2" / "wat-is-er-veranderd" / "index.html").read_text("utf-8")
    assert '<a href="../api/aanbevelingen/proef-2.json">gegevens (JSON)</a>' in changes


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


def test_each_version_has_its_questionnaires_under_one_canonical_url(published: tuple[Path, str]) -> None:
    """The FHIR Questionnaires go into every release (generator/render/fhir.py): the same canonical
    url in both versions, under the `latest` alias, and each version's own number and items."""
    from fhir.resources.R4B.questionnaire import Questionnaire

    pages, _ = published
    found = {}
    for version in ("2026.1", "2026.2"):
        path = pages / version / "api" / "fhir" / "Questionnaire-proef-checklist.json"
        found[version] = Questionnaire.model_validate(json.loads(path.read_text("utf-8")))
    url = "https://example.org/richtlijnen/latest/api/fhir/Questionnaire-proef-checklist.json"
    assert [(q.url, q.version, q.status) for q in found.values()] == [(url, "2026.1", "active"), (url, "2026.2", "active")]
    assert [item.text for item in found["2026.1"].item or []] == ["Sociaal netwerk in kaart gebracht"]
    assert [item.text for item in found["2026.2"].item or []] == ["Sociaal netwerk in kaart"]
    latest = json.loads((pages / "latest" / "api" / "fhir" / "Questionnaire-proef-checklist.json").read_text("utf-8"))
    assert latest["version"] == "2026.2"


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
