"""Checklists derived from the recommendations: one YAML file per checklist in `checklists/`, and
one file beside them (`_niet-in-checklist.yaml`) with the recommendations that are deliberately in
no checklist, each with the editors' reason: their own words, so not in `content/`, which holds
only guideline text."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.model.types import Id, ShortText, StrictModel, Text


class ChecklistItem(StrictModel):
    """Een punt op de checklist: een korte handeling, herleidbaar tot aanbevelingen."""

    id: Id = Field(description="Vaste id van het punt; de vinkjes op het apparaat hangen eraan. Verander hem niet.")
    text: ShortText = Field(description="Korte handeling, bijv. 'Terugvalpreventieplan opgesteld met het gezin'.")
    cites: list[Id] = Field(min_length=1, description="Ids van de aanbevelingen waar dit punt uit voortkomt.")
    help: Text | None = Field(default=None, description="Korte uitleg bij het punt.")
    required: bool = Field(default=False, description="true als het punt nodig is voor een complete checklist.")


class ChecklistGroup(StrictModel):
    """Een groep punten met een eigen kop."""

    title: ShortText
    items: list[ChecklistItem] = Field(min_length=1)


Period = Literal["year", "month", "week"]

# How often per period a schedule may say, and the calendar's repetition (RFC 5545 RRULE) for it:
# only what repeats at a whole number of months, weeks or days. A month counts as four weeks, as
# "twee keer per maand" in a team's agenda means every other week, not every 15.2 days.
RECURRENCES: dict[str, dict[int, str]] = {
    "year": {
        1: "FREQ=YEARLY",
        2: "FREQ=MONTHLY;INTERVAL=6",
        3: "FREQ=MONTHLY;INTERVAL=4",
        4: "FREQ=MONTHLY;INTERVAL=3",
        6: "FREQ=MONTHLY;INTERVAL=2",
        12: "FREQ=MONTHLY",
    },
    "month": {1: "FREQ=MONTHLY", 2: "FREQ=WEEKLY;INTERVAL=2", 4: "FREQ=WEEKLY"},
    "week": {1: "FREQ=WEEKLY", 7: "FREQ=DAILY"},
}
PERIOD_WORDS = {"year": "per jaar", "month": "per maand", "week": "per week"}


def recurrence(times: int, per: str) -> str | None:
    """The RRULE of `times` per `per` (4 per year: FREQ=MONTHLY;INTERVAL=3); None when it does not
    repeat at a whole number of months, weeks or days."""
    return RECURRENCES.get(per, {}).get(times)


class Schedule(StrictModel):
    """Hoe vaak de checklist terugkomt, volgens een aanbeveling die dat zegt. De checklistpagina
    biedt dan 'Zet in je agenda': een herhalende afspraak in de eigen agenda van de lezer."""

    source: Id = Field(
        description="Id van de aanbeveling die de frequentie noemt; een punt van deze checklist moet haar noemen (cites)."
    )
    quote: ShortText = Field(
        description="De woorden van die aanbeveling die de frequentie noemen, letterlijk (bijv. 'ten minste vier keer per jaar'). "
        "De pagina toont ze als 'Volgens <id>: <woorden>'."
    )
    per: Period = Field(
        description="year: per jaar; month: per maand (2 of 4 keer per maand wordt om de twee weken of elke week); week: per week."
    )
    times: int = Field(
        ge=1,
        description="Hoe vaak per periode (per). Per jaar kan 1, 2, 3, 4, 6 of 12; per maand 1, 2 of 4; per week 1 of 7.",
    )

    @field_validator("times")
    @classmethod
    def _whole_interval(cls, times: int, info: ValidationInfo) -> int:
        per = info.data.get("per")  # absent when `per` itself is wrong: reported on its own
        if per is not None and recurrence(times, per) is None:
            allowed = sorted(RECURRENCES[per])
            choices = f"{', '.join(map(str, allowed[:-1]))} of {allowed[-1]}"
            raise PydanticCustomError(
                "schedule_interval",
                "{times} keer {period} geeft geen vaste tussenpoos in hele maanden, weken of dagen; {period} kan {choices} keer",
                {"times": times, "period": PERIOD_WORDS[per], "choices": choices},
            )
        return times

    @property
    def rrule(self) -> str:
        rule = recurrence(self.times, self.per)
        assert rule is not None  # checked when the model was made
        return rule


class Checklist(StrictModel):
    """Een checklist: checklists/<id>.yaml."""

    id: Id
    title: ShortText
    purpose: Text = Field(description="Waarvoor de checklist dient.")
    when_to_use: Text = Field(description="Wanneer je de checklist gebruikt.")
    groups: list[ChecklistGroup] = Field(default=[], description="Groepen punten; gebruik groups of items, niet beide.")
    items: list[ChecklistItem] = Field(default=[], description="Punten zonder groepen.")
    schedule: Schedule | None = Field(
        default=None,
        description="Hoe vaak de checklist terugkomt, als een aanbeveling die hij noemt dat zegt "
        "(bijv. ten minste vier keer per jaar). Laat weg als geen aanbeveling een frequentie noemt.",
    )

    @model_validator(mode="after")
    def _groups_or_items(self) -> Checklist:
        if bool(self.groups) == bool(self.items):
            raise PydanticCustomError("groups_or_items", "gebruik groups of items (precies één van beide)")
        return self

    def all_items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items] + list(self.items)


class ChecklistGap(StrictModel):
    """Een aanbeveling die bewust in geen enkele checklist staat, met de reden."""

    id: Id = Field(description="Id van de aanbeveling, zoals in content/ (bijv. uhp-voorkomen-8).")
    reason: Text = Field(
        description="Waarom de aanbeveling in geen enkele checklist staat, in eigen woorden "
        "(bijv. 'een houding, geen handeling om af te vinken'). Geen richtlijntekst: alleen de redactie leest dit."
    )


class ChecklistGaps(StrictModel):
    """De aanbevelingen die bewust in geen enkele checklist staan: checklists/_niet-in-checklist.yaml.

    Elke aanbeveling staat in een checklist of hier, met de reden. Staan ze allemaal in een
    checklist, dan is dit bestand niet nodig."""

    recommendations: list[ChecklistGap] = Field(
        description="De aanbevelingen die bewust in geen checklist staan, elk met de reden; elke aanbeveling één keer."
    )
