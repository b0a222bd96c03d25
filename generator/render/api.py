"""The publication as data: `api/publicatie.json` (everything), `api/aanbevelingen/<id>.json` (one
recommendation each) and the JSON Schemas of both, for an intranet that shows or searches the
guidelines in its own pages (docs/beheer.md, "The publication as data").

Like every output, this formats the view model (render/view.py) and walks no corpus of its own;
every address comes from render/addresses.py, absolute (the site's address from `site_url`), so
the files can be used anywhere. The form of the files is declared once, as the pydantic models
below; their JSON Schemas are generated from the same models and published beside the files, and
`FORMAT` names that form: it is raised with every change that could break a reader of the files
(a field removed, renamed or given another type). A field added leaves it as it is.

The field names are Dutch, as the file names are: the readers are Dutch intranet developers, and
the words are the publication's own (richtlijn, bouwsteen, uitgangsvraag, aanbeveling,
toelichting, begrip), which have no exact English counterparts; English names would have to be
translated back to match the pages. Names are lowercase ASCII with underscores, so `jq` reaches
every field with a plain `.name`.

Text is given twice: as the Markdown the content has, with every `ref:` link made the part's full
web address, and as plain text, made with the real parser: the Markdown is rendered as the site
renders it (Python-Markdown), cleaned by the site's sanitiser, and its text read by an HTML parser
(paragraphs apart by a blank line, list items on a line each).

Nothing is written here: `render_data_files` returns path -> bytes, and the docs tree's writer
(generator/write/sources.py) writes them, so MkDocs copies them into the site.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.render.addresses import (
    PUBLICATION_DATA_FILE,
    PUBLICATION_DATA_SCHEMA,
    RECOMMENDATION_DATA_SCHEMA,
    Address,
    recommendation_data_file,
)
from generator.render.markup import blocks
from generator.render.view import (
    ChapterView,
    ChecklistView,
    GuidelineView,
    PublicationView,
    RecommendationView,
    SectionView,
    StepView,
    TermView,
)

# The form of the files: raise it with every change a reader of the files would notice other than
# a new field (tests/test_api.py holds the schema to it).
FORMAT: Literal[1] = 1
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class DataModel(BaseModel):
    """Strict and closed, as the content model is: what is written is exactly what is declared."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# The class docstrings and the field descriptions are the schemas' descriptions: Dutch, for the
# developers who read them.


class Tekst(DataModel):
    """Een tekst uit de richtlijn, letterlijk: als Markdown en als platte tekst."""

    markdown: str = Field(description="De tekst als Markdown; links naar andere onderdelen zijn volledige webadressen.")
    platte_tekst: str = Field(
        description="Dezelfde tekst zonder opmaak: alinea's gescheiden door een lege regel, lijstpunten elk op een regel."
    )


class Stap(DataModel):
    """Een stap van een aanbeveling, met de stappen eronder."""

    tekst: Tekst
    stappen: list[Stap]


class Toelichtingsdeel(DataModel):
    """Een deel van de toelichting bij een aanbeveling."""

    kop: str | None = Field(description="De tussenkop van dit deel, als het er een heeft.")
    alineas: list[Tekst]


class ChecklistVerwijzing(DataModel):
    """Een checklist die de aanbeveling noemt."""

    id: str
    titel: str
    webadres: str


class Plaats(DataModel):
    """Waar een aanbeveling staat."""

    richtlijn: str = Field(description="De id van de richtlijn.")
    bouwsteen: str = Field(description="De id van de bouwsteen (het hoofdstuk).")
    uitgangsvraag: str = Field(description="De id van de uitgangsvraag.")
    omschrijving: str = Field(description="Zoals de site het schrijft: 'richtlijn › bouwsteen'.")


class Aanbeveling(DataModel):
    """Een aanbeveling, letterlijk uit de richtlijn."""

    id: str = Field(description="Vaste id; de korte link en het gegevensbestand dragen hem.")
    korte_vorm: str = Field(description="De titel, of de eerste zin (ingekort): hoe de site haar naast de id noemt.")
    tekst: Tekst
    stappen: list[Stap]
    stappen_genummerd: bool = Field(description="true: de stappen gaan in volgorde; false: een opsomming.")
    slot: list[Tekst] = Field(description="Alinea's na de stappen.")
    toelichting: list[Toelichtingsdeel]
    referenties: list[str] = Field(description="Literatuur, als platte tekst.")
    laatst_nagekeken: dt.date | None = Field(description="Wanneer de redactie haar het laatst naast de bron legde.")
    plaats: Plaats
    webadres: str = Field(description="De aanbeveling op de site (volledig adres, met anker).")
    korte_link: str = Field(description="De korte link die altijd naar de aanbeveling leidt.")
    gegevens: str = Field(description="Het adres van het eigen gegevensbestand: api/aanbevelingen/<id>.json.")
    checklists: list[ChecklistVerwijzing] = Field(description="De checklists met een punt dat haar noemt.")


class Uitgangsvraag(DataModel):
    """Een uitgangsvraag (deel van een bouwsteen) met haar aanbevelingen."""

    id: str
    titel: str | None = Field(description="null als de uitgangsvraag heet als haar bouwsteen.")
    doelgroep: str | None
    tekst_beschikbaar: bool = Field(description="false: de bron geeft alleen de kop.")
    alineas: list[Tekst] = Field(description="Lopende tekst die geen aanbeveling is.")
    aanbevelingen: list[Aanbeveling]
    herkomst: list[Tekst] = Field(description="Waar de tekst vandaan komt, zoals de bron het zegt.")
    webadres: str
    korte_link: str


class Bouwsteen(DataModel):
    """Een bouwsteen (hoofdstuk) van een richtlijn."""

    id: str
    titel: str = Field(description="Genummerd zoals de bron nummert: '2. Voorkomen van uithuisplaatsing'.")
    webadres: str
    korte_link: str
    uitgangsvragen: list[Uitgangsvraag]


class Uitgever(DataModel):
    """Wat de uitgever over de richtlijn zegt, voor zover de inhoud het geeft."""

    gegevens_van: str = Field(description="De pagina van de uitgever waar deze gegevens vandaan komen.")
    webadres: str | None = Field(description="De richtlijn op de site van de uitgever.")
    geautoriseerd_door: str | None
    auteursrecht: str | None
    citeren_als: str | None
    jaar: int | None
    toestemming: str | None = Field(description="De bronvermelding die de uitgever vraagt, letterlijk.")


class Richtlijn(DataModel):
    """Een richtlijn met haar bouwstenen."""

    id: str
    code: str = Field(description="Korte code in hoofdletters, zoals UHP.")
    titel: str
    versie: str | None = Field(description="De versie volgens de uitgever, als bekend.")
    gepubliceerd: dt.date | None
    herzien: dt.date | None
    webadres: str
    korte_link: str
    zakgids: str | None = Field(description="De eigen zakgids (PDF, A6); null waar de site geen PDF's heeft.")
    verwant: list[str] = Field(description="Ids van verwante richtlijnen.")
    checklists: list[str] = Field(description="Ids van de checklists die een van haar aanbevelingen noemen.")
    aantal_aanbevelingen: int
    uitgever: Uitgever | None
    bouwstenen: list[Bouwsteen]


class Checklistpunt(DataModel):
    """Een punt van een checklist: een handeling, in de woorden van de redactie."""

    id: str = Field(description="Vaste id; de vinkjes op een apparaat hangen eraan.")
    tekst: Tekst
    uitleg: Tekst | None
    verplicht: bool
    bronnen: list[str] = Field(description="Ids van de aanbevelingen waar het punt uit voortkomt.")


class Checklistgroep(DataModel):
    """Punten onder een titel; een checklist zonder groepen heeft er een zonder titel."""

    titel: str | None
    punten: list[Checklistpunt]


class Checklist(DataModel):
    """Een checklist, afgeleid van de aanbevelingen."""

    id: str
    titel: str
    doel: Tekst
    wanneer: Tekst = Field(description="Wanneer je de checklist gebruikt.")
    webadres: str
    korte_link: str
    werkkaart: str | None = Field(description="De werkkaart (PDF, A4); null waar de site geen PDF's heeft.")
    richtlijnen: list[str] = Field(description="Ids van de richtlijnen waarvan ze aanbevelingen noemt.")
    groepen: list[Checklistgroep]


class Begrip(DataModel):
    """Een begrip uit de begrippenlijst."""

    id: str
    begrip: str
    soort: Literal["afkorting", "interventie"]
    voluit: str | None = Field(description="Alleen waar een richtlijn het uitschrijft.")
    webadres: str
    gebruikt_in: list[str] = Field(description="Ids van de uitgangsvragen en aanbevelingen die het gebruiken.")


class Bronvermelding(DataModel):
    """Wat de publicatie aan haar bronnen verschuldigd is: elke bronvermelding en elke autoriserende instantie één keer."""

    toestemmingen: list[str]
    geautoriseerd_door: list[str]


class Publicatiegegevens(DataModel):
    """Welke publicatie dit is."""

    naam: str
    versie: str = Field(description="De versie van de publicatie, zoals 2026.2; een bouw die nooit is uitgebracht heet anders.")
    datum: dt.date = Field(description="De dag waarop deze versie is gebouwd.")
    webadres: str = Field(description="De site van deze versie.")
    gegevens: str = Field(description="Het adres van api/publicatie.json van deze versie.")
    nieuwste: str | None = Field(
        description="Het adres van api/publicatie.json van de nieuwste versie (onder latest/); null waar de site geen versies heeft."
    )


class Publicatie(DataModel):
    """De hele publicatie als gegevens: api/publicatie.json."""

    formaat: Literal[1] = Field(
        description="De vorm van dit bestand; gaat alleen omhoog bij een wijziging die een lezer van het bestand kan breken."
    )
    publicatie: Publicatiegegevens
    bronvermelding: Bronvermelding
    richtlijnen: list[Richtlijn]
    checklists: list[Checklist]
    begrippen: list[Begrip] = Field(description="Op alfabet.")


class Aanbevelingsbestand(DataModel):
    """Eén aanbeveling als gegevens: api/aanbevelingen/<id>.json."""

    formaat: Literal[1] = Field(description="De vorm van dit bestand, als in api/publicatie.json.")
    publicatie: Publicatiegegevens
    aanbeveling: Aanbeveling


# --- Plain text ---------------------------------------------------------------------------------

_LINE_BREAK = "\x00"  # stands for <br> while white space is folded


class _PlainText(HTMLParser):
    """The words of sanitised HTML: a paragraph or list item per block, lists marked as a reader
    would type them ("- " or "1. ", indented two spaces a level)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, is a list item)
        self._words: list[str] = []
        self._lists: list[list[int]] = []  # per open list: [next number], or [] for a bulleted one
        self._marker: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "ul", "ol", "li", "div"}:
            self._flush()
        if tag == "ul":
            self._lists.append([])
        elif tag == "ol":
            start = dict(attrs).get("start")
            self._lists.append([int(start) if start and start.isdigit() else 1])
        elif tag == "li":
            counter = self._lists[-1] if self._lists else []
            indent = "  " * max(len(self._lists) - 1, 0)
            if counter:
                self._marker = f"{indent}{counter[0]}. "
                counter[0] += 1
            else:
                self._marker = f"{indent}- "
        elif tag == "br":
            self._words.append(_LINE_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "li", "ul", "ol", "div"}:
            self._flush()
        if tag in {"ul", "ol"} and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        self._words.append(data)

    def _flush(self) -> None:
        lines = ("".join(self._words)).split(_LINE_BREAK)
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        self._words = []
        if text:
            self.blocks.append(((self._marker or "") + text, self._marker is not None))
            self._marker = None

    def text(self) -> str:
        self.close()
        self._flush()
        out = ""
        for index, (text, item) in enumerate(self.blocks):
            if index:
                out += "\n" if item and self.blocks[index - 1][1] else "\n\n"
            out += text
        return out


@lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Markdown as plain text: rendered and sanitised as on the site, then its words read by a parser.
    Remembered: the same texts recur (a recommendation in publicatie.json and in its own file)."""
    parser = _PlainText()
    # Links are absolute by now (PublicationView.absolute_links): no `ref:` is left to resolve.
    parser.feed(str(blocks(text, lambda _target: None)))
    return parser.text()


# --- From the view model ------------------------------------------------------------------------


class _Data:
    def __init__(self, view: PublicationView, downloads: bool) -> None:
        self.view = view
        self.base = view.base
        self.downloads = downloads

    def url(self, address: Address) -> str:
        return self.base.page_url(address)

    def text(self, markdown_text: str) -> Tekst:
        absolute = self.view.absolute_links(markdown_text)
        return Tekst(markdown=absolute, platte_tekst=plain_text(absolute))

    def publication_facts(self) -> Publicatiegegevens:
        return Publicatiegegevens(
            naam=self.view.site_name,
            versie=self.view.release,
            datum=self.view.build_date.date,
            webadres=self.base.url,
            gegevens=self.url(Address(PUBLICATION_DATA_FILE)),
            nieuwste=self.base.latest_url(Address(PUBLICATION_DATA_FILE)),
        )

    def publication(self, facts: Publicatiegegevens) -> Publicatie:
        view = self.view
        return Publicatie(
            formaat=FORMAT,
            publicatie=facts,
            bronvermelding=Bronvermelding(
                toestemmingen=list(view.attribution.permissions), geautoriseerd_door=list(view.attribution.authorised_by)
            ),
            richtlijnen=[self.guideline(g) for g in view.guidelines],
            checklists=[self.checklist(c) for c in view.checklists],
            begrippen=[self.term(t) for t in view.glossary],
        )

    def guideline(self, g: GuidelineView) -> Richtlijn:
        p = g.provenance
        return Richtlijn(
            id=g.id,
            code=g.code,
            titel=g.title,
            versie=g.version,
            gepubliceerd=g.published.date if g.published else None,
            herzien=g.revised.date if g.revised else None,
            webadres=self.url(g.address),
            korte_link=self.url(g.short_link),
            zakgids=self.url(g.guide_file) if self.downloads else None,
            verwant=[r.id for r in g.related],
            checklists=list(g.checklists),
            aantal_aanbevelingen=g.recommendation_count,
            uitgever=Uitgever(
                gegevens_van=p.facts_from,
                webadres=p.url,
                geautoriseerd_door=p.authorised_by,
                auteursrecht=p.copyright,
                citeren_als=p.cite_as,
                jaar=p.year,
                toestemming=p.permission,
            )
            if p
            else None,
            bouwstenen=[self.chapter(g, c) for c in g.chapters],
        )

    def chapter(self, g: GuidelineView, c: ChapterView) -> Bouwsteen:
        return Bouwsteen(
            id=c.id,
            titel=c.title,
            webadres=self.url(c.address),
            korte_link=self.url(c.short_link),
            uitgangsvragen=[self.section(g, c, s) for s in c.sections],
        )

    def section(self, g: GuidelineView, c: ChapterView, s: SectionView) -> Uitgangsvraag:
        return Uitgangsvraag(
            id=s.id,
            titel=s.title,
            doelgroep=s.audience,
            tekst_beschikbaar=s.available,
            alineas=[self.text(p) for p in s.paragraphs],
            aanbevelingen=[
                self.recommendation(r, Plaats(richtlijn=g.id, bouwsteen=c.id, uitgangsvraag=s.id, omschrijving=c.place))
                for r in s.recommendations
            ],
            herkomst=[self.text(p) for p in s.provenance],
            webadres=self.url(s.address),
            korte_link=self.url(s.short_link),
        )

    def recommendation(self, r: RecommendationView, place: Plaats) -> Aanbeveling:
        return Aanbeveling(
            id=r.id,
            korte_vorm=r.short,
            tekst=self.text(r.text),
            stappen=[self.step(s) for s in r.steps],
            stappen_genummerd=r.numbered,
            slot=[self.text(p) for p in r.closing],
            toelichting=[Toelichtingsdeel(kop=e.heading, alineas=[self.text(p) for p in e.paragraphs]) for e in r.explanation],
            referenties=list(r.references),
            laatst_nagekeken=r.last_reviewed.date if r.last_reviewed else None,
            plaats=place,
            webadres=self.url(r.address),
            korte_link=self.url(r.short_link),
            gegevens=self.url(Address(recommendation_data_file(r.id))),
            checklists=[ChecklistVerwijzing(id=c.id, titel=c.title, webadres=self.url(c.address)) for c in r.checklists],
        )

    def step(self, s: StepView) -> Stap:
        return Stap(tekst=self.text(s.text), stappen=[self.step(sub) for sub in s.steps])

    def checklist(self, c: ChecklistView) -> Checklist:
        return Checklist(
            id=c.id,
            titel=c.title,
            doel=self.text(c.purpose),
            wanneer=self.text(c.when_to_use),
            webadres=self.url(c.address),
            korte_link=self.url(c.short_link),
            werkkaart=self.url(c.sheet_file) if self.downloads else None,
            richtlijnen=[g.id for g in self.view.guidelines if g.id in c.guidelines],
            groepen=[
                Checklistgroep(
                    titel=group.title,
                    punten=[
                        Checklistpunt(
                            id=item.id,
                            tekst=self.text(item.text),
                            uitleg=self.text(item.help) if item.help else None,
                            verplicht=item.required,
                            bronnen=[source.id for source in item.sources],
                        )
                        for item in group.items
                    ],
                )
                for group in c.groups
            ],
        )

    def term(self, t: TermView) -> Begrip:
        return Begrip(
            id=t.id,
            begrip=t.term,
            soort="afkorting" if t.abbreviation else "interventie",
            voluit=t.expansion,
            webadres=self.url(t.address),
            gebruikt_in=list(dict.fromkeys(u.id for u in t.used_in)),
        )


def data_schema(model: type[DataModel], address: str, title: str) -> dict[str, Any]:
    """The JSON Schema of a file, generated from its model; `$id` is where it is published."""
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": address, **model.model_json_schema(), "title": title}


def render_data_files(view: PublicationView, *, downloads: bool = True) -> dict[str, DataModel | dict[str, Any]]:
    """Every file of the publication as data, by its path in the docs tree (generator/write/api.py
    makes them into bytes). `downloads`: whether the PDFs are in
    the site, so the data may give their addresses."""
    data = _Data(view, downloads)
    facts = data.publication_facts()
    publication = data.publication(facts)
    documents: dict[str, DataModel | dict[str, Any]] = {PUBLICATION_DATA_FILE: publication}
    for guideline in publication.richtlijnen:
        for chapter in guideline.bouwstenen:
            for section in chapter.uitgangsvragen:
                for rec in section.aanbevelingen:
                    documents[recommendation_data_file(rec.id)] = Aanbevelingsbestand(
                        formaat=FORMAT, publicatie=facts, aanbeveling=rec
                    )
    documents[PUBLICATION_DATA_SCHEMA] = data_schema(
        Publicatie, data.url(Address(PUBLICATION_DATA_SCHEMA)), "api/publicatie.json"
    )
    documents[RECOMMENDATION_DATA_SCHEMA] = data_schema(
        Aanbevelingsbestand, data.url(Address(RECOMMENDATION_DATA_SCHEMA)), "api/aanbevelingen/<id>.json"
    )
    return documents
