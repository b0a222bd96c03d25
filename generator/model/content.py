"""The content model, declared once: every YAML file is validated against one of these classes,
and the JSON Schemas in `schemas/` are exported from them.

Dutch domain words, for newcomers: richtlijn = guideline, bouwsteen = chapter,
uitgangsvraag = section, aanbeveling = recommendation, toelichting = explanation,
begrip = glossary term.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.types import CODE_PATTERN, Id, ShortText, Slug, SourceName, StrictModel, Text, WebAddress, Year

FORMER_IDS: Any = Field(
    default=[],
    description="Ids die dit onderdeel eerder had. Hun korte links (/r/<id>/) blijven naar dit onderdeel wijzen.",
)


class Step(StrictModel):
    # One step of a recommendation, with optional sub-steps (as in 'Het beslisproces').
    # Model docstrings are Dutch: they become the descriptions editors see in the JSON Schema.
    """Een stap van een aanbeveling, met eventuele deelstappen."""

    text: Text = Field(description="De tekst van de stap, letterlijk.")
    steps: list[Step] = Field(default=[], description="Deelstappen, in volgorde.")


class ExplanationBlock(StrictModel):
    """Een deel van de toelichting, eventueel onder een eigen tussenkop."""

    heading: ShortText | None = Field(default=None, description="Tussenkop, zoals 'Reguliere richtlijnen'.")
    paragraphs: list[Text] = Field(min_length=1, description="Alinea's, letterlijk.")


class Recommendation(StrictModel):
    """Een aanbeveling."""

    id: Id
    former_ids: list[Id] = FORMER_IDS
    title: ShortText | None = Field(default=None, description="Kop boven de aanbeveling, zoals 'Het beslisproces'.")
    text: Text = Field(description="De aanbeveling, letterlijk. Meerdere alinea's scheid je met een lege regel.")
    steps: list[Step] = Field(default=[], description="Stappen of opsomming die bij de aanbeveling horen.")
    steps_style: Literal["numbered", "bulleted"] = Field(
        default="numbered",
        description="numbered: stappen in volgorde; bulleted: een opsomming zonder volgorde.",
    )
    closing: list[Text] = Field(default=[], description="Alinea's van de aanbeveling die na de stappen komen.")
    explanation: list[ExplanationBlock] = Field(default=[], description="Toelichting op de aanbeveling.")
    references: list[ShortText] = Field(
        default=[], description="Literatuurverwijzingen zoals ze in de bron staan, bijv. 'Vogtländer & Van Arum, 2016'."
    )
    last_reviewed: dt.date | None = Field(
        default=None,
        description="Wanneer de redactie deze aanbeveling voor het laatst naast de bron heeft gelegd (JJJJ-MM-DD). "
        "Geen richtlijntekst: de site en de zakgids tonen het als 'Laatst nagekeken door de redactie: …'. "
        "Laat weg als het niet is bijgehouden.",
    )

    @model_validator(mode="after")
    def _steps_style_needs_steps(self) -> Recommendation:
        if self.steps_style == "bulleted" and not self.steps:
            raise PydanticCustomError("steps_style_without_steps", "steps_style staat op 'bulleted' maar er zijn geen steps")
        return self


class Section(StrictModel):
    """Een uitgangsvraag of groep aanbevelingen binnen een bouwsteen."""

    id: Id
    former_ids: list[Id] = FORMER_IDS
    title: ShortText | None = Field(default=None, description="Kop van de uitgangsvraag, zoals 'Interventies'.")
    audience: ShortText | None = Field(
        default=None,
        description="Voor wie de aanbevelingen zijn, als de bron dat noemt (bijv. 'de organisatie, staf en management').",
    )
    text_available: bool = Field(
        default=True,
        description="false als de bron alleen de kop geeft: de site zegt dan eerlijk dat de tekst nog niet beschikbaar is.",
    )
    paragraphs: list[Text] = Field(default=[], description="Lopende tekst van de uitgangsvraag die geen aanbeveling is.")
    recommendations: list[Recommendation] = Field(default=[], description="De aanbevelingen, in volgorde.")
    provenance: list[Text] = Field(
        default=[], description="Herkomst, zoals 'Deze uitgangsvraag is toegevoegd op verzoek van de werkgroep …'."
    )

    @model_validator(mode="after")
    def _text_matches_availability(self) -> Section:
        has_text = bool(self.paragraphs or self.recommendations or self.provenance)
        if not self.text_available and has_text:
            raise PydanticCustomError(
                "unavailable_with_text", "text_available is false, maar er staat wel tekst in deze uitgangsvraag"
            )
        if self.text_available and not (self.paragraphs or self.recommendations):
            raise PydanticCustomError(
                "available_without_text",
                "geen paragraphs of recommendations; zet text_available: false als de bron alleen de kop geeft",
            )
        return self


class Chapter(StrictModel):
    """Een bouwsteen (hoofdstuk) van een richtlijn: één bestand in de map van de richtlijn."""

    id: Id
    former_ids: list[Id] = FORMER_IDS
    slug: Slug
    number: int | None = Field(
        default=None, gt=0, description="Het nummer van de bouwsteen in de bron, als de bron er een geeft."
    )
    title: ShortText
    sections: list[Section] = Field(min_length=1, description="De uitgangsvragen, in volgorde.")

    @property
    def numbered_title(self) -> str:
        """The title as every output shows it: "2. Voorkomen van uithuisplaatsing"."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title


def publisher_fact(description: str) -> Any:
    """A fact the publisher's page may give: left out (None) where it does not."""
    return Field(default=None, description=description)


class Publisher(StrictModel):
    # Facts about the guideline, not guideline text: each one is copied from the publisher's own
    # page that `facts_from` names, and left out when that page does not give it.
    """Wat de uitgever over de richtlijn zegt: alleen overnemen van de eigen pagina's van de uitgever,
    nooit raden. Laat een gegeven weg als de pagina het niet geeft."""

    facts_from: WebAddress = Field(
        description="De pagina van de uitgever waar deze gegevens vandaan komen, zoals de pagina "
        "'Verantwoording en bronnen' van de richtlijn."
    )
    url: WebAddress | None = publisher_fact("Het adres van de richtlijn op de site van de uitgever.")
    authorised_by: ShortText | None = publisher_fact(
        "Wie de richtlijn heeft geautoriseerd, zoals de uitgever het schrijft, bijv. 'BPSW, NIP en NVO'."
    )
    copyright: ShortText | None = publisher_fact("De houders van het auteursrecht, zoals de uitgever ze noemt.")
    cite_as: ShortText | None = publisher_fact("De titel die de uitgever voorschrijft voor verwijzingen naar de richtlijn.")
    year: Year | None = publisher_fact("Het jaar van deze versie van de richtlijn.")
    permission: ShortText | None = publisher_fact(
        "De zin waarmee de uitgever toestemming geeft om de tekst over te nemen, letterlijk, "
        "bijv. 'Op voorwaarde van naamsvermelding wordt toestemming gegeven voor …'."
    )


class Guideline(StrictModel):
    """Een richtlijn: het bestand richtlijn.yaml in de map van de richtlijn."""

    id: Id
    slug: Slug
    code: str = Field(pattern=CODE_PATTERN, description="Korte code in hoofdletters, bijv. UHP.")
    title: ShortText
    version: ShortText | None = Field(default=None, description="Versie van de richtlijn volgens de uitgever, als bekend.")
    published: dt.date | None = Field(default=None, description="Datum van publicatie (JJJJ-MM-DD), als bekend.")
    revised: dt.date | None = Field(default=None, description="Datum van de laatste herziening (JJJJ-MM-DD), als bekend.")
    related: list[Id] = Field(default=[], description="Ids van verwante richtlijnen.")
    chapters: list[Id] = Field(min_length=1, description="Ids van de bouwstenen, in de volgorde van de richtlijn.")
    sources: list[SourceName] = Field(
        default=[],
        description="De bronbestanden van de richtlijn in sources/ (de pagina's van de uitgever als tekst). "
        "Elke zin van de richtlijntekst moet letterlijk in een van deze bestanden staan.",
    )
    publisher: Publisher | None = Field(
        default=None,
        description="Herkomst en naamsvermelding volgens de uitgever; de site, de footer en de colofons van de "
        "PDF's tonen ze. Alleen van de pagina's van de uitgever.",
    )


class GlossaryTerm(StrictModel):
    """Een begrip: een afkorting of een benoemde interventie."""

    id: Id
    term: ShortText = Field(description="Het begrip zoals het in de tekst staat, bijv. MST.")
    kind: Literal["abbreviation", "intervention"] = Field(
        description="abbreviation: afkorting; intervention: benoemde interventie."
    )
    expansion: ShortText | None = Field(
        default=None, description="Voluit, alleen als de bron het zo geeft. Laat weg als de bron het niet geeft."
    )


class GuidelineOrder(StrictModel):
    """De volgorde van de richtlijnen in de publicatie: content/volgorde.yaml (mag ontbreken)."""

    guidelines: list[Id] = Field(
        min_length=1,
        description="Ids van de richtlijnen, in de volgorde van de navigatie, de startpagina en de zakgids. "
        "Een richtlijn die hier niet staat, komt erna, in de volgorde van de mappen. "
        "Zonder dit bestand staan alle richtlijnen in de volgorde van de mappen.",
    )


class Glossary(StrictModel):
    """De begrippenlijst: content/begrippen.yaml."""

    terms: list[GlossaryTerm] = Field(min_length=1)
