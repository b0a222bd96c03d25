"""The website as readers get it, in Chromium: pages, anchors, short links, privacy, accessibility,
phones (tests/test_site_files.py checks the built files themselves)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Page, expect

from generator.model.corpus import Corpus
from generator.render.view import short_form
from tests.browser import axe_violations, foreign, horizontal_overflow, record_requests
from tests.conftest import ZENSICAL_ANCHOR_GAP, page_file

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

PAGE_TYPES = {
    "home": "",
    "guideline": "uithuisplaatsing-en-terugplaatsing/",
    "chapter": "uithuisplaatsing-en-terugplaatsing/voorkomen-van-uithuisplaatsing/",
    "chapter-with-toelichting": "uithuisplaatsing-en-terugplaatsing/na-de-crisis/",
    "chapter-with-steps": "samen-beslissen-over-hulp/kernaanbevelingen/",
    "glossary": "begrippen/",
    "about": "over-deze-publicatie/",
}


@pytest.mark.parametrize(
    "short_id", ["uhp-voorkomen-1", "sbh-beslisproces", "rjh-organisatie-2", "uhp-na-de-crisis", "samen-beslissen"]
)
@pytest.mark.engine_gap(zensical=ZENSICAL_ANCHOR_GAP, strict=False)
def test_short_link_lands_on_the_anchor(page: Page, site_url: str, short_id: str, corpus: Corpus) -> None:
    page.goto(f"{site_url}r/{short_id}/")
    page.wait_for_url(re.compile(r"^(?!.*/r/)"))
    target = corpus.index()[short_id]
    if target.kind == "aanbeveling":
        assert page.evaluate("location.hash") == f"#{short_id}"
        expect(page.locator(f"[id='{short_id}']")).to_be_in_viewport()
    assert "/r/" not in page.url


def test_every_recommendation_is_three_taps_from_the_home_page(phone: Page, site_url: str, corpus: Corpus) -> None:
    """Home page -> guideline -> chapter -> its line in "In deze bouwsteen", on a phone."""
    for entry in corpus.guidelines:
        for chapter in entry.chapters:
            phone.goto(site_url, wait_until="networkidle")
            phone.locator(".md-content").get_by_role("link", name=entry.guideline.title, exact=True).tap()
            phone.locator(".md-content").get_by_role("link", name=chapter.numbered_title, exact=True).tap()
            expect(phone.locator("h1")).to_have_text(chapter.numbered_title)
            for rec in (r for section in chapter.sections for r in section.recommendations):
                phone.locator(f".rl-inhoud a[href$='#{rec.id}']").tap()
                expect(phone.locator(f"[id='{rec.id}']")).to_be_in_viewport()
                assert phone.evaluate("location.hash") == f"#{rec.id}"


@pytest.mark.parametrize(
    ("chapter_id", "path"),
    [
        ("uhp-voorkomen", PAGE_TYPES["chapter"]),
        ("rjh-vasthouden", "residentiele-jeugdhulp/vasthouden-van-resultaten-na-vertrek/"),
    ],
)
def test_a_chapter_lists_every_recommendation_above_the_first(
    phone: Page, site_url: str, chapter_id: str, path: str, corpus: Corpus
) -> None:
    """Each recommendation's id and short form stand in "In deze bouwsteen", above the first card."""
    target = corpus.index()[chapter_id]
    assert target.chapter is not None
    recs = [r for section in target.chapter.sections for r in section.recommendations]
    phone.goto(site_url + path, wait_until="networkidle")
    items = phone.locator(".rl-inhoud li")
    expect(items).to_have_text([f"{r.id} {short_form(r)}" for r in recs])
    first_card = phone.locator(".rl-aanbeveling").first.bounding_box()
    assert first_card is not None
    for item in items.all():
        box = item.bounding_box()
        assert box is not None and box["y"] + box["height"] <= first_card["y"]


def test_a_short_link_landing_highlights_the_card_and_names_its_guideline_and_chapter(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}r/uhp-voorkomen-5/")
    phone.wait_for_url(re.compile(r"#uhp-voorkomen-5$"))
    heading = phone.locator("[id='uhp-voorkomen-5']")
    expect(heading).to_be_in_viewport()
    card = phone.locator(".rl-aanbeveling").filter(has=heading)
    expect(card).to_have_css("background-color", "rgb(255, 248, 225)")
    place = "el => getComputedStyle(el, '::before').content"
    assert card.evaluate(place) == '"Uithuisplaatsing en terugplaatsing › 2. Voorkomen van uithuisplaatsing"'
    assert phone.locator(".rl-aanbeveling").first.evaluate(place) == "none"
    # The card's top, where that line stands, is below the sticky header, not under it.
    header_bottom = phone.locator(".md-header").evaluate("el => el.getBoundingClientRect().bottom")
    assert card.evaluate("el => el.getBoundingClientRect().top") >= header_bottom


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_requests_only_its_own_host(page: Page, site_url: str, page_type: str) -> None:
    requests = record_requests(page)
    page.goto(site_url + PAGE_TYPES[page_type], wait_until="networkidle")
    assert requests, "no requests recorded at all"
    assert foreign(requests, site_url) == []


def test_first_visit_of_a_chapter_is_lean(page: Page, site_url: str, built_site: Path) -> None:
    """At most 200 KB compressed, as GitHub Pages serves it, and nothing the page does not use:
    no search language packs, no search worker, no search index before the reader searches."""
    requests = record_requests(page)
    page.goto(site_url + PAGE_TYPES["chapter"], wait_until="networkidle")
    paths = [urlparse(url).path for url in requests]
    # offline.json lists every file of the site for the worker; a page reads only its small offline/ file.
    unused = [p for p in paths if re.search(r"lunr|search_index|/workers/|/pagefind/|/offline\.json", p)]
    assert unused == []
    compressed = sum(
        len(gzip.compress(page_file(built_site, p).read_bytes())) for p in paths if page_file(built_site, p).is_file()
    )
    assert 20_000 < compressed <= 200_000, compressed


def asset_names(requests: list[str]) -> list[str]:
    """The site's own scripts and stylesheets among the requests (not the theme's, in subfolders)."""
    return sorted({m[1] for url in requests if (m := re.fullmatch(r"/assets/([\w-]+\.(?:js|css))", urlparse(url).path))})


def test_a_chapter_loads_no_checklist_code_and_the_search_code_only_when_the_reader_searches(phone: Page, site_url: str) -> None:
    requests = record_requests(phone)
    phone.goto(site_url + PAGE_TYPES["chapter"], wait_until="networkidle")
    assert phone.locator(".rl-checklist").count() == 0
    loaded = asset_names(requests)
    assert "richtlijnen.js" in loaded and "on-demand.js" in loaded, loaded
    assert [name for name in loaded if name.startswith(("checklist", "search.js", "search-rank"))] == []
    # The first tap on the search button loads the search, opens it and puts the cursor in it.
    phone.locator("[data-rl-search-open]").tap()
    box = phone.locator("[data-rl-search-input]")
    expect(box).to_be_focused()
    box.fill("terugplaatsing")
    results = phone.locator("[data-rl-search-results]")
    expect(results).to_have_attribute("data-rl-query", "terugplaatsing")
    expect(results.locator(".md-search-result__link").first).to_be_visible()
    assert {"search.js", "search-rank.js"} <= set(asset_names(requests))
    assert [name for name in asset_names(requests) if name.startswith("checklist")] == []


def test_the_search_shortcut_loads_the_search_and_a_query_typed_while_it_loads_is_answered(page: Page, site_url: str) -> None:
    requests = record_requests(page)
    page.goto(site_url + PAGE_TYPES["glossary"], wait_until="networkidle")
    assert "search.js" not in asset_names(requests)
    page.keyboard.press("/")
    expect(page.locator("[data-rl-search-input]")).to_be_focused()
    page.keyboard.type("gezinnen")  # straight away, before search.js has answered
    expect(page.locator("[data-rl-search-results]")).to_have_attribute("data-rl-query", "gezinnen")
    assert page.locator("[data-rl-search-results] .md-search-result__link").count() > 0
    assert "search.js" in asset_names(requests)


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_axe_violations_and_the_publication_version_is_named(page: Page, site_url: str, page_type: str) -> None:
    """On a desktop screen; every page says which version of the publication it belongs to."""
    page.goto(site_url + PAGE_TYPES[page_type], wait_until="networkidle")
    expect(page.locator(".rl-context")).to_contain_text("Conceptversie — niet gepubliceerd")
    assert axe_violations(page) == []


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_phone_no_sideways_scrolling_and_no_axe_violations(phone: Page, site_url: str, page_type: str) -> None:
    phone.goto(site_url + PAGE_TYPES[page_type], wait_until="networkidle")
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []


def test_page_is_dutch(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["chapter"])
    assert page.get_attribute("html", "lang") == "nl"


def test_recommendation_shows_id_toelichting_references_and_provenance(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["chapter-with-toelichting"])
    card = page.locator(".rl-aanbeveling", has=page.locator("[id='uhp-na-de-crisis-1']"))
    expect(card.locator(".rl-id")).to_have_text("uhp-na-de-crisis-1")
    expect(card.locator(".rl-toelichting")).to_contain_text("Terugvalpreventieplan en naadloze overdracht")
    expect(card.locator(".rl-literatuur")).to_have_text("Literatuur: Vogtländer & Van Arum, 2016")
    expect(page.locator(".rl-herkomst")).to_contain_text("Deze uitgangsvraag is toegevoegd op verzoek van de werkgroep")


def test_steps_are_nested_ordered_lists(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["chapter-with-steps"])
    card = page.locator(".rl-aanbeveling", has=page.locator("[id='sbh-beslisproces']"))
    expect(card.locator("ol > li")).to_have_count(8)
    expect(card.locator("ol ol > li")).to_have_text(
        ["Verken en mobiliseer het sociale netwerk rond het gezin.", "Beslis over de inzet van professionele hulp."]
    )
    vraag = page.locator(".rl-aanbeveling", has=page.locator("[id='sbh-vraagverheldering']"))
    expect(vraag.locator("ul > li")).to_have_count(3)


def test_cross_reference_is_a_working_link(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["chapter-with-steps"])
    page.get_by_role("link", name="Uithuisplaatsing en terugplaatsing").first.click()
    expect(page.locator("h1")).to_have_text("Uithuisplaatsing en terugplaatsing")


def test_unavailable_text_is_said_honestly(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["chapter"])
    section = page.locator(".rl-sectie", has=page.locator("[id='uhp-evalueren']"))
    expect(section.locator(".admonition")).to_contain_text("Tekst nog niet beschikbaar")
    page.goto(site_url + PAGE_TYPES["guideline"])
    expect(page.locator("article")).to_contain_text("tekst nog niet beschikbaar: Evalueren")


def test_feedback_link_names_guideline_recommendation_and_version(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["chapter"])
    href = (
        page.locator(".rl-aanbeveling", has=page.locator("[id='uhp-voorkomen-3']")).locator("a.rl-reageer").get_attribute("href")
    )
    assert href is not None
    assert href.startswith("mailto:richtlijnen@example.org?subject=")
    subject, body = (unquote(part) for part in href.removeprefix("mailto:richtlijnen@example.org?subject=").split("&body="))
    assert subject == "Reactie op uhp-voorkomen-3 (Uithuisplaatsing en terugplaatsing, versie ontwikkelversie)"
    assert (
        body
        == "Richtlijn: Uithuisplaatsing en terugplaatsing\nOnderdeel: uhp-voorkomen-3\nVersie: ontwikkelversie\n\nMijn reactie:\n"
    )


def test_copy_link_puts_the_short_link_on_the_clipboard(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + PAGE_TYPES["chapter"])
    page.locator("a.rl-kopieer[data-rl-id='uhp-voorkomen-2']").click()
    # Its own status message: the theme may have a live region of its own (Zensical's dialog has).
    expect(page.get_by_role("status").filter(has_text="Link gekopieerd")).to_contain_text("r/uhp-voorkomen-2/")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}r/uhp-voorkomen-2/"


def test_copy_link_and_abbreviation_work_with_the_keyboard(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + PAGE_TYPES["chapter"])
    copy = page.locator("a.rl-kopieer[data-rl-id='uhp-voorkomen-1']")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.rlId") == "uhp-voorkomen-1":
            break
    expect(copy).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}r/uhp-voorkomen-1/"
    abbr = page.locator("abbr", has_text="MST").first
    abbr.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rl-uitleg").first).to_have_text("Multi Systeem Therapie")
    expect(abbr).to_have_attribute("aria-expanded", "true")


def test_the_phone_navigation_drawer_is_out_of_the_tab_order_until_opened_with_the_keyboard(phone: Page, site_url: str) -> None:
    """Closed, the drawer is off screen: Tab must not walk through its links unseen. The menu
    button opens it with Enter, focus goes to its first link, and Escape closes it again."""
    phone.goto(site_url + PAGE_TYPES["chapter"])
    in_drawer = "!!document.activeElement.closest('.md-sidebar--primary')"
    on_menu = "document.activeElement.hasAttribute('data-rl-menu')"
    seen_menu = False
    for _ in range(30):
        phone.keyboard.press("Tab")
        assert not phone.evaluate(in_drawer), phone.evaluate("document.activeElement.outerHTML.slice(0, 120)")
        seen_menu = seen_menu or phone.evaluate(on_menu)
    assert seen_menu, "Tab never reached the menu button"

    menu = phone.locator("[data-rl-menu]")
    expect(menu).to_have_accessible_name("Navigatie")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.focus()
    phone.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    assert phone.evaluate(in_drawer)
    focused = phone.locator(".md-sidebar--primary .md-nav__link[href]:focus")
    expect(focused).to_be_in_viewport()
    phone.keyboard.press("Tab")
    assert phone.evaluate(in_drawer), "Tab leaves the open drawer at once"
    phone.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    assert not phone.locator("#__drawer").is_checked()


def test_abbreviation_expands_on_tap(phone: Page, site_url: str) -> None:
    phone.goto(site_url + PAGE_TYPES["chapter"])
    abbr = phone.locator("abbr", has_text="IAG").first
    # The expansion moved out of the title, so no tooltip of the browser's shows it a second time.
    expect(abbr).to_have_attribute("data-rl-title", "Intensieve Ambulante Gezinsbehandeling")
    expect(abbr).not_to_have_attribute("title", re.compile(".*"))
    abbr.tap()
    expect(phone.locator(".rl-uitleg").first).to_have_text("Intensieve Ambulante Gezinsbehandeling")
    abbr.tap()
    expect(phone.locator(".rl-uitleg")).to_have_count(0)


def test_glossary_lists_terms_with_expansions_only_where_given(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["glossary"])
    expect(page.locator("[id='mst'] + .rl-betekenis")).to_have_text("Multi Systeem Therapie (afkorting)")
    expect(page.locator("[id='jim'] + .rl-betekenis")).to_contain_text("geen uitgeschreven betekenis")
