"""Checklists derived from the recommendations: one YAML file per checklist in `checklists/`, and
one file beside them (`_niet-in-checklist.yaml`) with the recommendations that are deliberately in
no checklist, each with the editors' reason: their own words, so not in `content/`, which holds
only guideline text."""

from __future__ import annotations

from pydantic import Field, model_validator
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


class Checklist(StrictModel):
    """Een checklist: checklists/<id>.yaml."""

    id: Id
    title: ShortText
    purpose: Text = Field(description="Waarvoor de checklist dient.")
    when_to_use: Text = Field(description="Wanneer je de checklist gebruikt.")
    groups: list[ChecklistGroup] = Field(default=[], description="Groepen punten; gebruik groups of items, niet beide.")
    items: list[ChecklistItem] = Field(default=[], description="Punten zonder groepen.")

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
