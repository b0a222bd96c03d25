"""Checklist state in Chromium that cannot be fooled: item ids and stored keys named after members of
Object.prototype, a full storage quota, and stored lists of the wrong shape."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import build_site_into, overlay_case, serve_directory

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

PAGE = "checklists/proef-checklist/"
KEY = "rl-checklist:proef-checklist"
CONSTRUCTOR_TEXT = "Hulpvraag verhelderd met het gezin"

# "constructor" is the only member of Object.prototype whose name is also a valid item id; the
# others (__proto__, toString, hasOwnProperty, valueOf, ...) can only come from stored JSON.
CHECKLIST = f"""\
id: proef-checklist
title: Proefchecklist
purpose: Nagaan of informele steun is ingezet.
when_to_use: Voor het evaluatiegesprek.
items:
  - id: netwerk-in-kaart
    text: Sociaal netwerk in kaart gebracht
    cites: [proef-1]
    required: true
  - id: constructor
    text: {CONSTRUCTOR_TEXT}
    cites: [proef-1]
"""

NOT_SAVED = ": de opslag op dit apparaat staat uit of is vol. Na herladen van de pagina is deze wijziging weg."
READ_ASIDE = "De bewaarde lijsten van deze checklist waren niet te lezen. Ze zijn apart gezet op dit apparaat, niet gewist."
READ_STUCK = (
    "De bewaarde lijsten van deze checklist zijn niet te lezen en konden niet apart gezet worden; ze blijven staan zoals ze zijn."
)

# Lists of a shape this release cannot read, as another format might store them.
WRONG_SHAPE = '{"format": 2, "runs": {"a12": {"label": "gezin A12", "ticks": ["netwerk-in-kaart"]}}}'


@pytest.fixture(scope="module")
def state_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("checklist-state")
    case = tmp / "case"
    (case / "checklists").mkdir(parents=True)
    (case / "checklists" / "proef-checklist.yaml").write_text(CHECKLIST, encoding="utf-8")
    tree = overlay_case(case, tmp / "tree")
    site = tmp / "site"
    completed = build_site_into(site, "--content", str(tree / "content"), "--checklists", str(tree / "checklists"))
    assert completed.returncode == 0, completed.stderr
    with serve_directory(site) as url:
        yield url


def page_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def unfold_controls(page: Page) -> None:
    """The list controls are folded into one line ("Lijst: … ▾"); these tests use them all."""
    page.locator(".rl-lijstknop").click()
    expect(page.locator("#rl-lijstpaneel")).to_be_visible()


def open_checklist(page: Page, url: str) -> None:
    page.goto(url + PAGE)
    unfold_controls(page)


def reopen(page: Page) -> None:
    page.reload()
    unfold_controls(page)


def box(page: Page, item_id: str) -> Locator:
    return page.locator(f"[id='punt-{item_id}']")


def status(page: Page) -> Locator:
    return page.locator(".rl-status")


def ticked(page: Page) -> list[str]:
    return list(page.eval_on_selector_all(".rl-vink:checked", "boxes => boxes.map(b => b.id.slice(5))"))


def raw(page: Page, key: str = KEY) -> str | None:
    value = page.evaluate("key => localStorage.getItem(key)", key)
    assert value is None or isinstance(value, str)
    return value


def stored_ticks(page: Page) -> dict[str, Any]:
    text = raw(page)
    assert text is not None
    ticks = json.loads(text)["runs"][0]["ticks"]
    assert isinstance(ticks, dict)
    return ticks


def storage_keys(page: Page) -> list[str]:
    return sorted(page.evaluate("Object.keys(localStorage)"))


def copied_text(page: Page) -> str:
    page.get_by_role("button", name="Kopieer als tekst").click()
    expect(status(page)).to_have_text("Gekopieerd als tekst. Plak het in het dossier.")
    text = page.evaluate("navigator.clipboard.readText()")
    assert isinstance(text, str)
    page.evaluate("document.querySelector('.rl-status').textContent = ''")  # so the next copy is seen
    return text


def store_and_reopen(page: Page, values: dict[str, str]) -> None:
    page.evaluate("values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, v))", values)
    reopen(page)


def test_an_item_called_constructor_starts_unticked_and_ticks_like_any_other(page: Page, state_site: str) -> None:
    errors = page_errors(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=state_site.rstrip("/"))
    open_checklist(page, state_site)
    expect(box(page, "constructor")).not_to_be_checked()
    expect(page.locator(".rl-voortgang")).to_have_text("0 van 2 afgevinkt · Nog 1 verplicht punt open.")
    assert "\nAfgevinkt (0):\n(geen)\n\nNog te doen (2):\n" in copied_text(page)

    box(page, "constructor").check()
    expect(page.locator(".rl-voortgang")).to_have_text("1 van 2 afgevinkt · Nog 1 verplicht punt open.")
    assert list(stored_ticks(page)) == ["constructor"]
    reopen(page)
    assert ticked(page) == ["constructor"]
    text = copied_text(page)
    assert f"\nAfgevinkt (1):\n[x] {CONSTRUCTOR_TEXT}\n\nNog te doen (1):\n" in text

    box(page, "constructor").uncheck()
    expect(box(page, "constructor")).not_to_be_checked()
    assert stored_ticks(page) == {}
    reopen(page)
    assert ticked(page) == []
    assert f"\nNog te doen (2):\n[ ] Sociaal netwerk in kaart gebracht (verplicht)\n[ ] {CONSTRUCTOR_TEXT}" in copied_text(page)
    assert errors == []


def test_stored_keys_named_after_object_members_tick_nothing_and_break_nothing(page: Page, state_site: str) -> None:
    errors = page_errors(page)
    tick = {"hash": "000000000000", "at": "2026-01-01T00:00:00.000Z"}
    # A key "__proto__" copied into an ordinary object would become its prototype and tick both items.
    tampered_ticks = {
        "__proto__": {"netwerk-in-kaart": tick, "constructor": tick},
        "toString": tick,
        "hasOwnProperty": tick,
        "valueOf": tick,
    }
    tampered = {
        "format": 1,
        "current": "a12",
        "hasOwnProperty": "x",
        "runs": [{"id": "a12", "label": "gezin A12", "toString": "x", "ticks": tampered_ticks}],
    }
    open_checklist(page, state_site)
    store_and_reopen(page, {KEY: json.dumps(tampered)})
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text("gezin A12")
    assert ticked(page) == []
    expect(page.locator(".rl-voortgang")).to_have_text("0 van 2 afgevinkt · Nog 1 verplicht punt open.")
    expect(page.locator(".rl-gewijzigd")).to_have_count(0)

    box(page, "netwerk-in-kaart").check()
    box(page, "constructor").check()
    box(page, "constructor").uncheck()
    assert ticked(page) == ["netwerk-in-kaart"]
    # Keys this page does not know are kept as stored, "__proto__" included.
    ticks = stored_ticks(page)
    assert sorted(ticks) == ["__proto__", "hasOwnProperty", "netwerk-in-kaart", "toString", "valueOf"]
    assert ticks["__proto__"] == tampered_ticks["__proto__"]
    reopen(page)
    assert ticked(page) == ["netwerk-in-kaart"]
    assert errors == []


# A full quota: every write fails or, with replacing_fits, only a write that adds a key (a copy set
# aside) while replacing an existing value still fits. The seed is stored before storage fills up.
FULL_STORAGE = """(([key, seed]) => {
  try {
    const setItem = Storage.prototype.setItem;
    if (seed !== null && localStorage.getItem(key) === null) setItem.call(localStorage, key, seed);
    Storage.prototype.setItem = function (name, value) {
      if (%s) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return setItem.call(this, name, value);
    };
  } catch (error) {}  // about:blank has no storage
})(%s)"""


def fill_storage(page: Page, seed: str | None, *, replacing_fits: bool) -> None:
    condition = "this.getItem(name) === null" if replacing_fits else "true"
    page.add_init_script(FULL_STORAGE % (condition, json.dumps([KEY, seed])))


def test_a_full_storage_is_reported_and_no_success_is_claimed(page: Page, state_site: str) -> None:
    errors = page_errors(page)
    seed = json.dumps({"format": 1, "current": "a12", "runs": [{"id": "a12", "label": "gezin A12", "ticks": {}}]})
    fill_storage(page, seed, replacing_fits=False)
    open_checklist(page, state_site)
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text("gezin A12")

    box(page, "netwerk-in-kaart").check()
    expect(status(page)).to_have_text("Vinkje niet bewaard" + NOT_SAVED)
    box(page, "constructor").check()
    assert ticked(page) == ["netwerk-in-kaart", "constructor"]  # the earlier unsaved tick stays on the page
    page.get_by_label("Code", exact=True).fill("gezin B7")
    page.get_by_role("button", name="Nieuwe lijst").click()
    expect(status(page)).to_have_text("Nieuwe lijst gezin B7 niet bewaard" + NOT_SAVED)
    assert raw(page) == seed

    # What the status said: after a reload the list and the ticks are gone.
    reopen(page)
    expect(page.locator("#rl-lijst-keuze option")).to_have_text(["gezin A12"])
    assert ticked(page) == []
    assert errors == []


def test_lists_of_the_wrong_shape_are_set_aside_not_wiped(page: Page, state_site: str) -> None:
    errors = page_errors(page)
    page.clock.set_fixed_time(dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC))
    aside = KEY + ":apart:2026-03-05T12:00:00.000Z"
    open_checklist(page, state_site)
    # An earlier copy set aside at the same moment must not be written over.
    store_and_reopen(page, {KEY: WRONG_SHAPE, aside: "eerdere kopie"})
    expect(status(page)).to_have_text(READ_ASIDE + " Je begint met een lege lijst.")
    assert storage_keys(page) == [aside, aside + "-2"]
    assert raw(page, aside) == "eerdere kopie"
    assert raw(page, aside + "-2") == WRONG_SHAPE

    box(page, "netwerk-in-kaart").check()
    expect(box(page, "netwerk-in-kaart")).to_be_checked()
    assert list(stored_ticks(page)) == ["netwerk-in-kaart"]
    reopen(page)
    assert ticked(page) == ["netwerk-in-kaart"]
    expect(status(page)).to_have_text("")
    assert storage_keys(page) == [KEY, aside, aside + "-2"]
    assert raw(page, aside + "-2") == WRONG_SHAPE
    assert errors == []


def test_lists_of_the_wrong_shape_that_cannot_be_set_aside_are_left_alone(page: Page, state_site: str) -> None:
    errors = page_errors(page)
    fill_storage(page, WRONG_SHAPE, replacing_fits=True)
    open_checklist(page, state_site)
    expect(status(page)).to_have_text(READ_STUCK + " Wat je nu afvinkt, wordt niet bewaard.")
    box(page, "netwerk-in-kaart").check()
    expect(status(page)).to_have_text(READ_STUCK + " Vinkje niet bewaard" + NOT_SAVED)
    assert ticked(page) == ["netwerk-in-kaart"]
    assert raw(page) == WRONG_SHAPE
    assert storage_keys(page) == [KEY]
    assert errors == []
