"""Zet in je agenda, in Chromium: the calendar file a checklist page makes is read by icalendar as a
calendar would (the schedule's model, validation and view: tests/test_agenda.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from generator.model.corpus import Corpus
from generator.render.settings import SiteSettings
from generator.render.view import publication_view
from tests.browser import foreign, record_requests
from tests.test_agenda import EVALUEREN, TITLE

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium


def test_zet_in_je_agenda_downloads_a_repeating_event_that_a_calendar_reads(
    page: Page, site_url: str, corpus: Corpus, settings: SiteSettings
) -> None:
    page_url = next(c.page_url for c in publication_view(corpus, settings).checklists if c.id == EVALUEREN)
    requests = record_requests(page)
    page.goto(f"{site_url}checklists/{EVALUEREN}/")
    expect(page.locator(".rl-checklist.rl-js")).to_be_attached()
    # The list's code is what the event names; the rest of the panel is checklist.js's.
    page.locator(".rl-lijstknop").click()
    page.locator("#rl-lijst-code").fill("gezin A12")
    page.get_by_role("button", name="Nieuwe lijst").click()
    panel = page.locator("#rl-lijstpaneel")
    agenda = panel.locator(".rl-agenda")
    expect(agenda.locator(".rl-agenda-bron")).to_have_text("Volgens uhp-interventies-5: ten minste vier keer per jaar")
    date = agenda.get_by_label("Eerste keer")
    assert date.input_value() != ""  # today, in the reader's time zone
    button = agenda.get_by_role("button", name="Zet in je agenda")
    status = page.locator(".rl-status")

    # No date: a message, and the focus on the field; no file.
    date.fill("")
    button.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Kies eerst de datum van de eerste keer.")
    expect(date).to_be_focused()

    date.fill("2027-01-15")
    button.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")  # keyboard operable
    download = download_info.value
    assert download.suggested_filename == f"{EVALUEREN}.ics"
    data = Path(download.path()).read_bytes()
    expect(status).to_contain_text(f"{EVALUEREN}.ics")

    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event: Any = events[0]
    assert dict(event["RRULE"]) == {"FREQ": ["MONTHLY"], "INTERVAL": [3]}
    assert str(event["SUMMARY"]) == f"{TITLE} — lijst gezin A12"
    assert str(event["URL"]) == page_url
    assert page_url.startswith("https://") and page_url.endswith(f"/checklists/{EVALUEREN}/")
    assert event.decoded("DTSTART") == dt.date(2027, 1, 15)
    assert event.decoded("DTEND") == dt.date(2027, 1, 16)
    assert event.decoded("DTSTAMP").tzinfo is not None
    # The same checklist, list and site give the same UID: a second file updates this series.
    assert str(event["UID"]) == f"{EVALUEREN}.gezin-a12@{urlparse(site_url).netloc}"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Volgens uhp-interventies-5: ten minste vier keer per jaar.")
    assert "/r/uhp-interventies-5/" in description
    assert "gezin A12" not in description
    assert foreign(requests, site_url) == []  # made on the device, sent nowhere
