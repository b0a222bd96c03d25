"""View models for the printed outputs: everything the print templates need, computed here so the
templates stay free of logic. Text fields that hold guideline text are Markup made by `markup`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from generator.model.checklist import Checklist, ChecklistItem
from generator.model.content import Chapter, Recommendation, Section, Step
from generator.model.corpus import Corpus, GuidelineEntry
from generator.render.addresses import SiteMap
from generator.render.pdf import markup
from generator.render.pdf.markup import AnchorFor
from generator.render.pdf.qr import QrCode, qr_code
from generator.render.settings import SiteSettings
from generator.render.views import GLOSSARY_KIND_LABEL, numbered_title

DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Anchors of the guide's own parts. Content ids never contain '_', so these cannot clash with them.
TOC_ANCHOR = "zakgids_inhoud"
CHECKLISTS_ANCHOR = "zakgids_checklists"
GLOSSARY_ANCHOR = "zakgids_begrippen"
COLOPHON_ANCHOR = "zakgids_colofon"


def dutch_date(iso: str) -> str:
    """'2026-11-03' -> '3 november 2026': how a Dutch reader writes a date on paper."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def current_site_url(settings: SiteSettings) -> str:
    """The site's root, which leads to the newest version.

    `richtlijnen release` builds each version with site_url set to `<root><version>/`, so the pages
    and QR codes of that print point into its own frozen copy; the root redirects to the newest one.
    """
    suffix = f"{settings.release}/"
    if settings.site_url.endswith("/" + suffix):
        return settings.site_url.removesuffix(suffix)
    return settings.site_url


@dataclass(frozen=True)
class Publication:
    """What every printed document says about where and when it comes from."""

    site_name: str
    release: str
    date: str  # Dutch, for readers
    date_iso: str  # for the PDF metadata
    site_url: str  # this version's site
    current_url: str  # where the newest version is
    home_qr: QrCode  # leads to current_url


@dataclass(frozen=True)
class InternalLink:
    text: str
    anchor: str


@dataclass(frozen=True)
class StepView:
    text: Markup
    steps: list[StepView]


@dataclass(frozen=True)
class ExplanationView:
    heading: str | None
    paragraphs: list[Markup]


@dataclass(frozen=True)
class RecommendationView:
    id: str
    title: str
    text: Markup
    steps: list[StepView]
    list_tag: Literal["ol", "ul"]  # numbered steps happen in order; bulleted ones are a plain list
    closing: list[Markup]
    explanation: list[ExplanationView]
    references: str | None
    checklists: list[InternalLink]
    heading_tag: str  # h3 under a section without a title, h4 under one with: levels never skip
    explanation_tag: str


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str | None
    audience: str | None
    available: bool
    paragraphs: list[Markup]
    recommendations: list[RecommendationView]
    provenance: list[Markup]


@dataclass(frozen=True)
class ChapterView:
    id: str
    title: str
    sections: list[SectionView]


@dataclass(frozen=True)
class GuidelineView:
    id: str
    title: str
    code: str
    about: str | None  # the publisher's version and dates, only where the content gives them
    qr: QrCode
    chapters: list[ChapterView]


@dataclass(frozen=True)
class SourceView:
    id: str
    anchor: str | None  # None on a sheet, which does not hold the recommendations


@dataclass(frozen=True)
class ChecklistItemView:
    text: Markup
    help: Markup | None
    required: bool
    sources: list[SourceView]


@dataclass(frozen=True)
class ChecklistGroupView:
    title: str | None
    items: list[ChecklistItemView]


@dataclass(frozen=True)
class ChecklistView:
    id: str
    title: str
    purpose: Markup
    when_to_use: Markup
    groups: list[ChecklistGroupView]
    summary: str
    qr: QrCode


@dataclass(frozen=True)
class GlossaryEntryView:
    id: str
    term: str
    kind: str
    expansion: str | None


@dataclass(frozen=True)
class TocEntry:
    title: str
    anchor: str
    level: int


@dataclass(frozen=True)
class SourceGuideline:
    title: str
    code: str
    about: str | None


@dataclass(frozen=True)
class PartAnchors:
    toc: str = TOC_ANCHOR
    checklists: str = CHECKLISTS_ANCHOR
    glossary: str = GLOSSARY_ANCHOR
    colophon: str = COLOPHON_ANCHOR


@dataclass(frozen=True)
class Zakgids:
    publication: Publication
    title: str
    anchors: PartAnchors
    toc: list[TocEntry]
    guidelines: list[GuidelineView]
    checklists: list[ChecklistView]
    glossary: list[GlossaryEntryView]
    sources: list[SourceGuideline]


@dataclass(frozen=True)
class Werkkaart:
    publication: Publication
    title: str
    checklist: ChecklistView


class PdfViewBuilder:
    def __init__(self, corpus: Corpus, settings: SiteSettings) -> None:
        self.corpus = corpus
        self.settings = settings
        self.sitemap = SiteMap(corpus)
        self.index = corpus.index()
        self.cited_by: dict[str, list[Checklist]] = {}
        for checklist in corpus.checklists:
            for rec_id in dict.fromkeys(rid for item in checklist.all_items() for rid in item.cites):
                self.cited_by.setdefault(rec_id, []).append(checklist)
        current = current_site_url(settings)
        self.publication = Publication(
            site_name=settings.site_name,
            release=settings.release,
            date=dutch_date(settings.build_date),
            date_iso=settings.build_date,
            site_url=settings.site_url,
            current_url=current,
            home_qr=qr_code(current, "de startpagina"),
        )

    # Documents ---------------------------------------------------------------------------

    def zakgids(self) -> Zakgids:
        guidelines = [self._guideline(entry) for entry in self.corpus.guidelines]
        checklists = [self._checklist(c, self._anchor_in_guide) for c in self.corpus.checklists]
        toc: list[TocEntry] = []
        for guideline in guidelines:
            toc.append(TocEntry(guideline.title, guideline.id, 1))
            toc += [TocEntry(chapter.title, chapter.id, 2) for chapter in guideline.chapters]
        if checklists:
            toc.append(TocEntry("Checklists", CHECKLISTS_ANCHOR, 1))
            toc += [TocEntry(c.title, c.id, 2) for c in checklists]
        toc.append(TocEntry("Begrippen en afkortingen", GLOSSARY_ANCHOR, 1))
        toc.append(TocEntry("Colofon", COLOPHON_ANCHOR, 1))
        glossary = [
            GlossaryEntryView(term.id, term.term, GLOSSARY_KIND_LABEL[term.kind], term.expansion)
            for term in sorted(self.corpus.glossary.terms, key=lambda t: t.term.lower())
        ]
        sources = [SourceGuideline(g.title, g.code, g.about) for g in guidelines]
        return Zakgids(
            publication=self.publication,
            title=f"Zakgids {self.settings.site_name}",
            anchors=PartAnchors(),
            toc=toc,
            guidelines=guidelines,
            checklists=checklists,
            glossary=glossary,
            sources=sources,
        )

    def werkkaart(self, checklist: Checklist) -> Werkkaart:
        # A sheet holds no recommendations: references to them stay plain words.
        view = self._checklist(checklist, lambda _id: None)
        return Werkkaart(publication=self.publication, title=f"Werkkaart {checklist.title}", checklist=view)

    # Parts -------------------------------------------------------------------------------

    def _anchor_in_guide(self, target_id: str) -> str | None:
        """Everything with an id is in the guide, under its current id."""
        current = self.sitemap.former.get(target_id, target_id)
        return current if current in self.index else None

    def _page_url(self, target_id: str) -> str:
        return self.settings.site_url + self.sitemap.resolve(target_id).url

    def _guideline(self, entry: GuidelineEntry) -> GuidelineView:
        g = entry.guideline
        about = [f"versie {g.version}"] if g.version else []
        about += [f"gepubliceerd {dutch_date(g.published.isoformat())}"] if g.published else []
        about += [f"herzien {dutch_date(g.revised.isoformat())}"] if g.revised else []
        return GuidelineView(
            id=g.id,
            title=g.title,
            code=g.code,
            about=", ".join(about) or None,
            qr=qr_code(self._page_url(g.id), f"de richtlijn {g.title}"),
            chapters=[self._chapter(chapter) for chapter in entry.chapters],
        )

    def _chapter(self, chapter: Chapter) -> ChapterView:
        return ChapterView(chapter.id, numbered_title(chapter), [self._section(s) for s in chapter.sections])

    def _section(self, section: Section) -> SectionView:
        anchor = self._anchor_in_guide
        return SectionView(
            id=section.id,
            title=section.title,
            audience=section.audience,
            available=section.text_available,
            paragraphs=[markup.blocks(p, anchor) for p in section.paragraphs],
            recommendations=[self._recommendation(rec, 4 if section.title else 3) for rec in section.recommendations],
            provenance=[markup.blocks(p, anchor) for p in section.provenance],
        )

    def _recommendation(self, rec: Recommendation, level: int) -> RecommendationView:
        anchor = self._anchor_in_guide
        return RecommendationView(
            id=rec.id,
            title=rec.title or "Aanbeveling",
            text=markup.blocks(rec.text, anchor),
            steps=[self._step(step) for step in rec.steps],
            list_tag="ol" if rec.steps_style == "numbered" else "ul",
            closing=[markup.blocks(p, anchor) for p in rec.closing],
            explanation=[
                ExplanationView(block.heading, [markup.blocks(p, anchor) for p in block.paragraphs]) for block in rec.explanation
            ],
            references="; ".join(rec.references) or None,
            checklists=[InternalLink(c.title, c.id) for c in self.cited_by.get(rec.id, [])],
            heading_tag=f"h{level}",
            explanation_tag=f"h{level + 1}",
        )

    def _step(self, step: Step) -> StepView:
        return StepView(markup.inline(step.text, self._anchor_in_guide), [self._step(s) for s in step.steps])

    def _checklist(self, checklist: Checklist, anchor_for: AnchorFor) -> ChecklistView:
        def item_view(item: ChecklistItem) -> ChecklistItemView:
            return ChecklistItemView(
                text=markup.inline(item.text, anchor_for),
                help=markup.inline(item.help, anchor_for) if item.help else None,
                required=item.required,
                sources=[SourceView(rec_id, anchor_for(rec_id)) for rec_id in item.cites],
            )

        groups = [ChecklistGroupView(g.title, [item_view(i) for i in g.items]) for g in checklist.groups]
        groups = groups or [ChecklistGroupView(None, [item_view(i) for i in checklist.items])]
        items = checklist.all_items()
        required = sum(1 for item in items if item.required)
        return ChecklistView(
            id=checklist.id,
            title=checklist.title,
            purpose=markup.inline(checklist.purpose, anchor_for),
            when_to_use=markup.inline(checklist.when_to_use, anchor_for),
            groups=groups,
            summary=f"{len(items)} punten, waarvan {required} nodig voor een complete checklist.",
            qr=qr_code(self._page_url(checklist.id), f"de checklist {checklist.title}"),
        )
