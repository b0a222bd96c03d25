"""`richtlijnen release`: two versions into a scratch repository (the `published` fixture), served and
checked in Chromium; tests/test_release_published.py checks their files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import axe_violations, foreign, record_requests
from tests.releases import RELEASE_DAY

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium


def test_selector_lists_both_versions_and_latest_works(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url)  # the root redirects to the default alias
    page.wait_for_url(re.compile(r"/latest/$"))
    expect(page.locator(".rl-context").first).to_contain_text("Versie 2026.2")
    expect(page.locator(".md-version__current")).to_contain_text("2026.2")
    expect(page.locator(".md-version__link")).to_have_text([re.compile(r"^2026\.2\s*nieuwste$"), "2026.1"])
    expect(page.locator("[data-md-component=outdated]")).to_be_hidden()


def test_old_version_shows_banner_to_same_page_in_newest(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "2026.1/proefrichtlijn/hoofdstuk/")
    banner = page.locator("[data-md-component=outdated]")
    expect(banner).to_be_visible()
    banner.get_by_role("link", name="Bekijk deze pagina in de nieuwste versie.").click()
    page.wait_for_url(re.compile(r"/latest/proefrichtlijn/hoofdstuk/$"))
    expect(page.locator(".rl-context").first).to_contain_text("Versie 2026.2")


def test_change_page_lists_the_exact_differences(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "latest/wat-is-er-veranderd/")
    article = page.locator("article")
    expect(article).to_contain_text("Vergeleken met versie 2026.1")
    items = [" ".join(text.split()) for text in article.locator("li").all_inner_texts()]
    assert items == [
        "Stel doelen op. (proef-3) — in 1. Voorkomen van uithuisplaatsing · gegevens (JSON) · insluitkaart van proef-3",
        "Verhelder samen de vraag. (proef-2) — in 1. Voorkomen van uithuisplaatsing · gegevens (JSON) · insluitkaart van proef-2"
        " Verhelder toegevoegd: samen de vraag.",
        "Zet in op versterking van informele steun. (proef-1) — van 1. Voorkomen van uithuisplaatsing naar Interventies"
        " · gegevens (JSON) · insluitkaart van proef-1",
        "Stel doelen op. (proef-4) — stond in 1. Voorkomen van uithuisplaatsing",
        "Gewijzigd (netwerk-in-kaart) Sociaal netwerk in kaart verwijderd: gebracht",
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


def test_change_page_names_each_change_once_in_whole_words_with_a_dutch_date(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "latest/wat-is-er-veranderd/")
    expect(page.locator(".rl-intro")).to_have_text(
        f"Vergeleken met versie 2026.1 van {RELEASE_DAY}. Deze pagina wordt bij elke nieuwe versie gemaakt uit de inhoud zelf."
    )
    # Beside each recommendation still in this version, its data file (api/aanbevelingen/<id>.json).
    data = page.locator("article a", has_text="gegevens (JSON)")
    hrefs = data.evaluate_all("links => links.map((a) => a.href)")
    assert hrefs == [f"{url}latest/api/aanbevelingen/proef-{n}.json" for n in (3, 2, 1)]
    links = page.locator("article a:not(.headerlink)").filter(has_not_text="gegevens (JSON)")
    names = [" ".join(text.split()) for text in links.all_inner_texts()]
    assert names == [
        "Stel doelen op. (proef-3)",
        "insluitkaart van proef-3",
        "Verhelder samen de vraag. (proef-2)",
        "insluitkaart van proef-2",
        "Zet in op versterking van informele steun. (proef-1)",
        "insluitkaart van proef-1",
        "Stel doelen op. (proef-4)",
        "Proefchecklist",
    ]
    hrefs = links.evaluate_all("links => links.map((a) => a.href)")
    assert len(set(hrefs)) == len(hrefs)


def test_home_page_links_to_its_change_page(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "latest/")
    page.locator("article").get_by_role("link", name="Wat is er veranderd in deze versie").click()
    page.wait_for_url(re.compile(r"/latest/wat-is-er-veranderd/$"))
    expect(page.locator("h1")).to_have_text("Wat is er veranderd in versie 2026.2")


def test_old_version_banner_links_to_the_newest_change_page(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "2026.1/")
    banner = page.locator("[data-md-component=outdated]")
    banner.get_by_role("link", name="Wat is er veranderd in de nieuwste versie").click()
    page.wait_for_url(re.compile(r"/latest/wat-is-er-veranderd/$"))
    expect(page.locator("h1")).to_have_text("Wat is er veranderd in versie 2026.2")


def test_short_links_across_versions(page: Page, published: tuple[Path, str]) -> None:
    _, url = published
    page.goto(url + "latest/r/proef-1/")
    page.wait_for_url(re.compile(r"/latest/proefrichtlijn/tweede/#proef-1$"))
    page.goto(url + "latest/r/proef-4/")
    expect(page.locator("h1")).to_have_text("Aanbeveling proef-4 is vervallen in versie 2026.2")
    page.get_by_role("link", name="Bekijk proef-4 in versie 2026.1").click()
    page.wait_for_url(re.compile(r"/2026\.1/proefrichtlijn/hoofdstuk/#proef-4$"))
    expect(page.locator("[id='proef-4']")).to_be_visible()


@pytest.mark.parametrize("path", ["2026.1/proefrichtlijn/hoofdstuk/", "latest/wat-is-er-veranderd/", "latest/"])
def test_release_pages_run_without_script_errors(page: Page, published: tuple[Path, str], path: str) -> None:
    # Material's outdated-banner script threw a TypeError on every page of every version.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error.name}: {error.message}"))
    page.goto(url := published[1] + path, wait_until="networkidle")
    assert errors == [], url


@pytest.mark.parametrize("path", ["latest/wat-is-er-veranderd/", "2026.1/proefrichtlijn/hoofdstuk/", "latest/r/proef-4/"])
def test_release_pages_are_accessible_and_private(page: Page, published: tuple[Path, str], path: str) -> None:
    _, url = published
    requests = record_requests(page)
    page.goto(url + path, wait_until="networkidle")
    assert axe_violations(page) == []
    assert foreign(requests, url) == []
