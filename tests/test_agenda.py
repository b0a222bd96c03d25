"""Evaluation dates in the calendar: a checklist's `schedule` (how often, from a recommendation it
cites) becomes a repeating event in an iCalendar file that the page makes on the device. The file is
read here with the icalendar library, as a calendar would; its text is tested in tests/js/agenda.test.js."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.model.checklist import RECURRENCES, Schedule, recurrence
from generator.model.corpus import Corpus
from generator.render.settings import SiteSettings
from generator.render.view import publication_view
from tests.conftest import REPO, page_file

EVALUEREN = "voorkomen-uithuisplaatsing-evalueren"
TITLE = "Voorkomen van uithuisplaatsing: evalueren"
CHECKLIST_IDS = sorted(p.stem for p in (REPO / "checklists").glob("[!_]*.yaml"))


# --- The repetition ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("times", "per", "rule"),
    [
        (4, "year", "FREQ=MONTHLY;INTERVAL=3"),
        (1, "year", "FREQ=YEARLY"),
        (12, "year", "FREQ=MONTHLY"),
        (2, "month", "FREQ=WEEKLY;INTERVAL=2"),
        (1, "month", "FREQ=MONTHLY"),
        (1, "week", "FREQ=WEEKLY"),
        (7, "week", "FREQ=DAILY"),
    ],
)
def test_times_per_period_is_a_whole_number_repetition(times: int, per: str, rule: str) -> None:
    assert recurrence(times, per) == rule
    assert Schedule(source="x-1", quote="vier keer per jaar", times=times, per=per).rrule == rule  # type: ignore[arg-type]


def test_every_allowed_frequency_is_an_rrule_with_a_whole_interval() -> None:
    for per, rules in RECURRENCES.items():
        for times, rule in rules.items():
            assert re.fullmatch(r"FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY)(;INTERVAL=[2-9])?", rule), (times, per)


@pytest.mark.parametrize(
    ("times", "per", "allowed"), [(5, "year", "1, 2, 3, 4, 6 of 12"), (3, "month", "1, 2 of 4"), (2, "week", "1 of 7")]
)
def test_a_frequency_without_a_whole_interval_is_refused_in_dutch(times: int, per: str, allowed: str) -> None:
    assert recurrence(times, per) is None
    with pytest.raises(ValidationError) as raised:
        Schedule(source="x-1", quote="vaak", times=times, per=per)  # type: ignore[arg-type]
    (error,) = raised.value.errors()
    assert error["loc"] == ("times",)
    assert error["msg"].endswith(f"kan {allowed} keer")
    assert error["msg"].startswith(f"{times} keer per ")


# --- The view model and the page -----------------------------------------------------------------


def test_the_view_gives_the_schedule_with_its_rrule_once(corpus: Corpus, settings: SiteSettings) -> None:
    view = publication_view(corpus, settings)
    by_id = {c.id: c for c in view.checklists}
    schedule = by_id[EVALUEREN].schedule
    assert schedule is not None
    assert schedule.rrule == "FREQ=MONTHLY;INTERVAL=3"
    assert schedule.source.id == "uhp-interventies-5"
    assert schedule.quote == "ten minste vier keer per jaar"
    assert schedule.quote in " ".join(schedule.source.text.split())  # verbatim guideline text
    assert schedule.source_url == view.base.short_link_url("uhp-interventies-5")
    assert [c.id for c in view.checklists if c.schedule is not None] == [EVALUEREN]


def test_only_a_checklist_with_a_schedule_has_the_calendar_block(built_site: Path) -> None:
    for checklist_id in CHECKLIST_IDS:
        html = page_file(built_site, f"/checklists/{checklist_id}/").read_text(encoding="utf-8")
        assert ('class="rl-agenda"' in html) == (checklist_id == EVALUEREN), checklist_id
    html = page_file(built_site, f"/checklists/{EVALUEREN}/").read_text(encoding="utf-8")
    assert 'data-rl-rrule="FREQ=MONTHLY;INTERVAL=3"' in html
    # Without JavaScript, and on paper, the line stays: where the frequency comes from.
    line = re.search(r'<p class="rl-agenda-bron">(.*?)</p>', html, re.DOTALL)
    assert line is not None
    assert re.sub(r"<[^>]+>", "", line.group(1)) == "Volgens uhp-interventies-5: ten minste vier keer per jaar"
    assert 'href="../../uithuisplaatsing-en-terugplaatsing/voorkomen-van-uithuisplaatsing/#uhp-interventies-5"' in line.group(1)
