"""Checklist and chapter pages on a 375 x 740 phone, in Chromium: the first item on the first screen,
44 px tap targets, the folded list controls, progress in view while ticking, one source text per
recommendation, confirmations in view, and a browser print with page numbers."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import FloatRect, Page, expect
from pypdf import PdfReader

from tests.conftest import REPO

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

CHECKLIST_IDS = sorted(p.stem for p in (REPO / "checklists").glob("[!_]*.yaml"))  # not _niet-in-checklist.yaml
OVERDRACHT = "checklists/overdracht-na-crisishulp/"
SCREEN_HEIGHT = 740  # the phone fixture's viewport
TARGET = 44  # px, both ways (WCAG 2.5.5 AAA; the site's own rule for phones)


def open_checklist(phone: Page, site_url: str, path: str = OVERDRACHT) -> None:
    phone.goto(site_url + path)
    expect(phone.locator(".rl-checklist.rl-js")).to_be_attached()  # checklist.js has set the page up


def box_of(phone: Page, selector: str) -> FloatRect:
    box = phone.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


# --- The first screen ------------------------------------------------------------------------


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_the_first_checkbox_is_on_the_first_screen(phone: Page, site_url: str, checklist_id: str) -> None:
    open_checklist(phone, site_url, f"checklists/{checklist_id}/")
    assert phone.evaluate("scrollY") == 0
    box = box_of(phone, ".rl-vink")
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN_HEIGHT, box
    # What stood between the introduction and the items is folded into one line.
    expect(phone.locator(".rl-lijstknop")).to_be_visible()
    expect(phone.locator("#rl-lijstpaneel")).to_be_hidden()


# --- Tap targets -----------------------------------------------------------------------------

# Every element a finger can activate, measured by its box as the page shows it; labels are not
# counted (the control they name is). The one exemption is WCAG 2.5.8's for inline targets, taken
# narrowly: a link (<a>, nothing else) inside a sentence, i.e. whose <p> or <li> has at least three
# words of its own outside links. "Bron: a, b" or "Gebruikt in: X" are not sentences and are measured.
SMALL_TARGETS = """(target) => {
  const words = (text) => (text.match(/[\\p{L}\\p{N}]+/gu) || []).length;
  const inSentence = (e) => {
    if (e.tagName !== "A") return false;
    const parent = e.parentElement;
    if (!parent || !["P", "LI"].includes(parent.tagName) || !parent.closest(".md-content")) return false;
    const own = Array.from(parent.childNodes)
      .filter((n) => !(n.nodeType === Node.ELEMENT_NODE && (n.tagName === "A" || n.querySelector("a"))))
      .map((n) => n.textContent).join(" ");
    return words(own) >= 3;
  };
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, ' +
    '[tabindex]:not([tabindex="-1"]), [role="button"]';
  const small = [], exempt = [];
  for (const e of document.querySelectorAll(selector)) {
    if (!e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.width >= target && r.height >= target) continue;
    const name = `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")} ` +
      `"${(e.getAttribute("aria-label") || e.textContent).trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`;
    (inSentence(e) ? exempt : small).push(name);
  }
  return { small, exempt };
}"""


def small_targets(phone: Page) -> dict[str, list[str]]:
    result: dict[str, list[str]] = phone.evaluate(SMALL_TARGETS, TARGET)
    return result


def chapter_paths(site: Path) -> list[str]:
    """Every chapter page of the built site: the pages with an "In deze bouwsteen" list."""
    return sorted(
        str(page.parent.relative_to(site)) + "/"
        for page in site.glob("*/*/index.html")
        if 'class="rl-inhoud"' in page.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_every_tap_target_of_a_checklist_page_is_44_px(phone: Page, site_url: str, checklist_id: str) -> None:
    open_checklist(phone, site_url, f"checklists/{checklist_id}/")
    assert small_targets(phone)["small"] == []
    # Unfolded, with a source text open (its text may hold links in sentences) and an item ticked.
    phone.locator(".rl-lijstknop").tap()
    phone.locator(".rl-brontekst summary").first.tap()
    phone.locator(".rl-vink").first.tap()
    expect(phone.locator("#rl-lijstpaneel")).to_be_visible()
    assert small_targets(phone)["small"] == []


def test_every_tap_target_of_a_chapter_page_is_44_px(phone: Page, site_url: str, built_site: Path) -> None:
    paths = chapter_paths(built_site)
    assert len(paths) >= 5
    exempt: list[str] = []
    for path in paths:
        phone.goto(site_url + path)
        # richtlijnen.js has set the page up: the menu button placed, every abbreviation made a button.
        expect(phone.locator("[data-rl-menu]")).to_be_visible()
        expect(phone.locator(".md-typeset abbr[title]")).to_have_count(0)
        found = small_targets(phone)
        assert found["small"] == [], path
        exempt += found["exempt"]
    # The exemption is there for links in the guideline's sentences, and only for those.
    assert all(name.startswith("a.") for name in exempt), exempt


def test_an_abbreviation_is_a_44_px_target_that_shows_one_explanation_beside_the_text(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "uithuisplaatsing-en-terugplaatsing/voorkomen-van-uithuisplaatsing/")
    abbr = phone.locator(".md-typeset abbr", has_text="MST").first
    expect(abbr).to_have_attribute("data-rl-title", "Multi Systeem Therapie")
    box = abbr.bounding_box()
    assert box is not None and box["width"] >= TARGET and box["height"] >= TARGET, box
    paragraph = abbr.locator("xpath=..")
    abbr.tap()
    expect(abbr).to_have_attribute("aria-expanded", "true")
    phone.wait_for_timeout(400)  # longer than a tooltip takes to appear, if there were one
    explanations: Any = phone.evaluate(
        """(text) => Array.from(document.querySelectorAll('body *'))
             .filter((e) => e.childElementCount === 0 && e.textContent.trim() === text && e.checkVisibility())
             .map((e) => e.className)""",
        "Multi Systeem Therapie",
    )
    assert explanations == ["rl-uitleg"]  # one, not a chip and a bubble
    expect(phone.locator("[role='tooltip']:visible, .md-tooltip2:visible")).to_have_count(0)
    # In the line, covering nothing: no other text of the paragraph lies under it.
    chip = paragraph.locator(".rl-uitleg")
    covered = chip.evaluate(
        """(chip) => {
          const c = chip.getBoundingClientRect();
          const under = [];
          const walker = document.createTreeWalker(chip.parentElement, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (chip.contains(n) || !n.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const r of range.getClientRects()) {
              const x = Math.min(r.right, c.right) - Math.max(r.left, c.left);
              const y = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
              if (x > 1 && y > 1) under.push(n.textContent);
            }
          }
          return under;
        }"""
    )
    assert covered == []
    abbr.tap()
    expect(phone.locator(".rl-uitleg")).to_have_count(0)


# --- The folded list controls ---------------------------------------------------------------


def test_the_list_line_names_the_list_and_folds_the_controls(phone: Page, site_url: str) -> None:
    open_checklist(phone, site_url)
    toggle = phone.get_by_role("button", name="Lijst: standaard")
    panel = phone.locator("#rl-lijstpaneel")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "rl-lijstpaneel")
    for hidden in ["Lijst", "Code"]:
        expect(phone.get_by_label(hidden, exact=True)).to_be_hidden()
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    # Deleting is not beside the list it would delete: it is the panel's last control, on a line of its own.
    select = box_of(phone, "#rl-lijst-keuze")
    delete = box_of(phone, "button[data-rl-actie='verwijder']")
    assert delete["y"] >= select["y"] + select["height"] + 100
    last = panel.locator("button, select, input").last
    expect(last).to_have_text("Verwijder deze lijst")
    toggle.tap()
    expect(panel).to_be_hidden()


@pytest.mark.parametrize("action", ["verwijder", "wis"])
def test_a_confirmation_appears_in_view_with_the_focus(phone: Page, site_url: str, action: str) -> None:
    open_checklist(phone, site_url)
    phone.locator(".rl-vink").first.tap()
    phone.locator(".rl-lijstknop").tap()
    button = phone.locator(f"button[data-rl-actie='{action}']")
    # The asking button at the bottom edge of the screen, the page scrolled down.
    button.evaluate("b => { b.scrollIntoView({block: 'end'}); }")
    assert phone.evaluate("scrollY") > 0
    button.tap()
    dialog = phone.locator("dialog.rl-dialoog")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN_HEIGHT, box
    expect(dialog.get_by_role("button", name="Annuleren")).to_be_focused()
    phone.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_be_in_viewport()


# --- Progress in view -------------------------------------------------------------------------


def test_progress_stays_in_view_while_ticking_far_down(phone: Page, site_url: str) -> None:
    open_checklist(phone, site_url)
    last = phone.locator(".rl-vink").last
    last.scroll_into_view_if_needed()
    last.tap()
    assert phone.evaluate("scrollY") > 1000
    bar = phone.locator(".rl-vast")
    expect(phone.locator(".rl-voortgang")).to_contain_text("1 van 10 afgevinkt")
    expect(bar).to_be_in_viewport(ratio=1)
    box = box_of(phone, ".rl-vast")
    assert box["y"] >= 0 and box["y"] + box["height"] <= 200, box  # at the top, under the header
    # Nothing lies over it: the header ends where it begins.
    on_top = phone.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('.rl-vast')", [box["x"] + 20, box["y"] + box["height"] / 2]
    )
    assert on_top


def test_a_message_about_a_tick_far_down_is_shown_in_view(phone: Page, site_url: str) -> None:
    """Storage full: the warning that a tick was not saved appears where the reader is ticking."""
    phone.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('vol', 'QuotaExceededError'); };")
    open_checklist(phone, site_url)
    last = phone.locator(".rl-vink").last
    last.scroll_into_view_if_needed()
    last.tap()
    status = phone.locator(".rl-status")
    expect(status).to_contain_text("Vinkje niet bewaard")
    expect(status).to_be_in_viewport(ratio=1)
    expect(last).to_be_in_viewport(ratio=1)  # and the message pushed nothing out of view


def test_the_progress_bar_never_covers_the_focused_item(phone: Page, site_url: str) -> None:
    """WCAG 2.4.11: going back up with Shift+Tab, each item the focus reaches lies below the bar."""
    open_checklist(phone, site_url)
    phone.locator(".rl-vink").last.focus()
    reached = 0
    for _ in range(40):
        phone.keyboard.press("Shift+Tab")
        if not phone.evaluate("document.activeElement.matches('.rl-vink')"):
            continue
        reached += 1
        focused = phone.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        bar = box_of(phone, ".rl-vast")
        assert focused["top"] >= bar["y"] + bar["height"], (focused, bar)
        assert focused["bottom"] <= SCREEN_HEIGHT
    assert reached >= 5


# --- Source texts -----------------------------------------------------------------------------


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_each_cited_recommendation_has_one_source_text_at_its_first_item(phone: Page, site_url: str, checklist_id: str) -> None:
    open_checklist(phone, site_url, f"checklists/{checklist_id}/")
    summaries = phone.locator(".rl-brontekst summary").all_inner_texts()
    shown = [re.sub(r"^Brontekst van ", "", text.strip()) for text in summaries]
    assert len(shown) == len(set(shown)), shown
    first_item: dict[str, str] = {}
    for item in phone.locator(".rl-punt").all():
        for cited in item.locator(".rl-bronnen a").all_inner_texts():
            first_item.setdefault(cited, str(item.get_attribute("data-rl-item")))
    assert sorted(shown) == sorted(first_item)
    for rec_id, item_id in first_item.items():
        details = phone.locator(f".rl-punt[data-rl-item='{item_id}'] .rl-brontekst").filter(
            has=phone.locator(f"[data-rl-bron='{rec_id}']")
        )
        expect(details).to_have_count(1)


# --- Browser print ----------------------------------------------------------------------------


def test_a_printed_checklist_has_page_numbers_and_nothing_only_for_the_screen(phone: Page, site_url: str) -> None:
    open_checklist(phone, site_url, "checklists/inventarisatie-hulp-na-vertrek/")
    phone.locator(".rl-vink").first.tap()
    reader = PdfReader(io.BytesIO(phone.pdf(format="A4")))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in text, text[:200]
    whole = "\n".join(pages)
    assert "Inventarisatie hulp na vertrek" in whole
    assert "1 van 17 afgevinkt" in whole
    assert "Bron: rjh-vasthouden-1" in whole
    for screen_only in [
        "Werkkaart om te printen",
        "Lijst:",
        "Kopieer als tekst",
        "Opslaan als bestand",
        "Afdrukken",
        "Brontekst van",
        "Ga naar inhoud",
    ]:
        assert screen_only not in whole, screen_only
