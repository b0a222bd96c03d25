"""`richtlijnen release`: two versions into a scratch repository, served and checked in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import axe_violations, foreign, record_requests
from tests.conftest import MINIMAL, REPO, editors_repository, serve_directory

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


def run(repo: Path, *args: str) -> str:
    completed = subprocess.run(args, cwd=repo, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def release(repo: Path, version: str) -> str:
    return run(repo, sys.executable, "-m", "generator", "release", version)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    repo = editors_repository(tmp_path_factory.mktemp("repo"))
    chapter = repo / "content" / "proef" / "01-hoofdstuk.yaml"
    edit(chapter, "        text: Verhelder de vraag.\n", "        text: Verhelder de vraag.\n" + EXTRA_REC)
    (repo / GAPS).write_text((repo / GAPS).read_text("utf-8") + gap("proef-4"), "utf-8")
    run(repo, "git", "add", "-A")
    run(repo, "git", "commit", "-qm", "Eerste versie")
    first = release(repo, "2026.1")
    assert "Versie 2026.1 gepubliceerd in branch gh-pages (eerste versie); tag v2026.1." in first

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
    assert "(vergeleken met 2026.1)" in release(repo, "2026.2")

    pages = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(pages)], input=archive, check=True)
    with serve_directory(pages) as url:
        yield pages, url


def test_versions_json_and_tags(published: tuple[Path, str]) -> None:
    pages, _ = published
    assert json.loads((pages / "versions.json").read_text("utf-8")) == [
        {"version": "2026.2", "title": "2026.2", "aliases": ["latest"]},
        {"version": "2026.1", "title": "2026.1", "aliases": []},
    ]
    assert (pages / "latest").is_symlink()
    assert "latest/" in (pages / "index.html").read_text("utf-8")


@pytest.mark.browser
def test_selector_lists_both_versions_and_latest_works(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url)  # the root redirects to the default alias
    page.wait_for_url(re.compile(r"/latest/$"))
    expect(page.locator(".rl-context").first).to_contain_text("Publicatie 2026.2")
    expect(page.locator(".md-version__current")).to_contain_text("2026.2")
    expect(page.locator(".md-version__link")).to_have_text([re.compile(r"^2026\.2\s*latest$"), "2026.1"])
    expect(page.locator("[data-md-component=outdated]")).to_be_hidden()


@pytest.mark.browser
def test_old_version_shows_banner_to_same_page_in_newest(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "2026.1/proefrichtlijn/hoofdstuk/")
    banner = page.locator("[data-md-component=outdated]")
    expect(banner).to_be_visible()
    banner.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/latest/proefrichtlijn/hoofdstuk/$"))
    expect(page.locator(".rl-context").first).to_contain_text("Publicatie 2026.2")


@pytest.mark.browser
def test_change_page_lists_the_exact_differences(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "latest/wat-is-er-veranderd/")
    article = page.locator("article")
    expect(article).to_contain_text("Vergeleken met versie 2026.1")
    items = [" ".join(text.split()) for text in article.locator("li").all_inner_texts()]
    assert items == [
        "Stel doelen op. (proef-3) — in 1. Voorkomen van uithuisplaatsing",
        "Verhelder samen de vraag. (proef-2) — in 1. Voorkomen van uithuisplaatsing Verhelder toegevoegd: samen de vraag.",
        "Zet in op versterking van informele steun (proef-1) — van 1. Voorkomen van uithuisplaatsing naar Interventies",
        "Stel doelen op. (proef-4) — stond in 1. Voorkomen van uithuisplaatsing",
        "Proefchecklist",
        "Gewijzigd: Sociaal netwerk in kaart (netwerk-in-kaart) Sociaal netwerk in kaart verwijderd: gebracht",
    ]
    headings = article.locator("h2, h3").all_inner_texts()
    assert headings == [
        "Proefrichtlijn",
        "Toegevoegd (1)",
        "Gewijzigd (1)",
        "Verplaatst (1)",
        "Verwijderd (1)",
        "Checklists",
        "Proefchecklist",
    ]
    expect(article.locator("del")).to_have_text(["verwijderd: gebracht"])
    expect(article.locator("ins").first).to_have_text("toegevoegd: samen")
    article.get_by_role("link", name="Stel doelen op. (proef-3)").click()
    assert page.evaluate("location.hash") == "#proef-3"


@pytest.mark.browser
def test_short_links_across_versions(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "latest/r/proef-1/")
    page.wait_for_url(re.compile(r"/latest/proefrichtlijn/tweede/#proef-1$"))
    page.goto(url + "latest/r/proef-4/")
    expect(page.locator("h1")).to_have_text("Aanbeveling proef-4 is vervallen in versie 2026.2")
    page.get_by_role("link", name="Bekijk proef-4 in versie 2026.1").click()
    page.wait_for_url(re.compile(r"/2026\.1/proefrichtlijn/hoofdstuk/#proef-4$"))
    expect(page.locator("[id='proef-4']")).to_be_visible()


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


@pytest.mark.browser
@pytest.mark.parametrize("path", ["2026.1/proefrichtlijn/hoofdstuk/", "latest/wat-is-er-veranderd/", "latest/"])
def test_release_pages_run_without_script_errors(page: Page, published: tuple[Path, str], path: str) -> None:
    # Material's outdated-banner script threw a TypeError on every page of every version.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error.name}: {error.message}"))
    page.goto(url := published[1] + path, wait_until="networkidle")
    assert errors == [], url


@pytest.mark.browser
@pytest.mark.parametrize("path", ["latest/wat-is-er-veranderd/", "2026.1/proefrichtlijn/hoofdstuk/", "latest/r/proef-4/"])
def test_release_pages_are_accessible_and_private(page: Page, published: tuple[Path, str], path: str) -> None:
    _, url = published
    requests = record_requests(page)
    page.goto(url + path, wait_until="networkidle")
    assert axe_violations(page) == []
    assert foreign(requests, url) == []
