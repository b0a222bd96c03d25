"""Cards for intranets in Chromium: one card of each kind at the narrowest phone, a card in another
site's frame, and the "Kopieer insluitcode" buttons (the cards' files: tests/test_embed.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.test_embed import CHAPTER_PAGE, CHECKLIST, NARROW, RECOMMENDATION

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium


@pytest.mark.parametrize("card_id", [RECOMMENDATION, CHECKLIST])
def test_a_card_at_320_px_has_no_violations_and_no_sideways_scroll(browser: Browser, site_url: str, card_id: str) -> None:
    from tests.browser import axe_violations, horizontal_overflow, policed, record_requests

    context = browser.new_context(viewport={"width": NARROW, "height": 640}, is_mobile=True, has_touch=True, locale="nl-NL")
    with policed(context) as narrow:
        requests = record_requests(narrow)
        narrow.goto(f"{site_url}embed/{card_id}/")
        assert horizontal_overflow(narrow) == 0
        assert axe_violations(narrow) == []
        link = narrow.get_by_role("link", name="Lees verder in de richtlijn")
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44
        assert link.get_attribute("target") == "_top"
        # One request: the card itself. No style sheet, script, font, image or storage.
        assert requests == [f"{site_url}embed/{card_id}/"]
        assert narrow.evaluate("document.cookie") == ""
        assert narrow.evaluate("localStorage.length + sessionStorage.length") == 0


def test_a_card_shows_in_another_sites_frame(page: Page, site_url: str) -> None:
    page.set_content(f'<iframe src="{site_url}embed/{RECOMMENDATION}/" title="Kaart" width="100%" height="400"></iframe>')
    frame = page.frame_locator("iframe")
    expect(frame.locator("h1")).to_have_text(f"Aanbeveling {RECOMMENDATION}")


def test_kopieer_insluitcode_copies_an_iframe_of_the_card(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    for path, card_id, title in [
        (CHAPTER_PAGE, RECOMMENDATION, f"Aanbeveling {RECOMMENDATION} uit de richtlijn Uithuisplaatsing en terugplaatsing"),
        (
            f"checklists/{CHECKLIST}/",
            CHECKLIST,
            "Checklist Overdracht na crisishulp — compleetheid uit Richtlijnen Jeugdhulp en Jeugdbescherming",
        ),
    ]:
        page.goto(site_url + path)
        button = page.locator(f"a.rl-insluiten[data-rl-id='{card_id}']")
        expect(button).to_have_attribute("role", "button")
        expect(button).to_have_accessible_name(f"Kopieer insluitcode van {card_id}")
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44
        height = button.get_attribute("data-rl-hoogte")
        button.click()
        expect(page.get_by_role("status").filter(has_text="Insluitcode gekopieerd")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == (
            f'<iframe src="{site_url}embed/{card_id}/" title="{title}" width="100%" height="{height}" loading="lazy"></iframe>'
        )
