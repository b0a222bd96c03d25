"""View models for the printed outputs: everything the print templates need, computed here so the
templates stay free of logic. Text fields that hold guideline text are Markup made by `markup`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from generator.model.checklist import Checklist, ChecklistItem
from generator.model.content import Chapter, GlossaryTerm, Recommendation, Section, Step
from generator.model.corpus import Corpus, GuidelineEntry
from generator.model.markdown import ref_targets
from generator.render.addresses import SiteMap
from generator.render.pdf import markup
from generator.render.pdf.markup import AnchorFor
from generator.render.pdf.qr import QrCode, qr_code
from generator.render.settings import SiteSettings

# The site's own rule for "this text uses that term", so the glossary page and a guideline's
# pocket guide never disagree about which terms a guideline uses.
from generator.render.views import GLOSSARY_KIND_LABEL, _mentions, _strings

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
    references: Markup | None
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
    about: Markup | None  # the publisher's version and dates, only where the content gives them
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
    about: Markup | None


@dataclass(frozen=True)
class PartAnchors:
    toc: str = TOC_ANCHOR
    checklists: str = CHECKLISTS_ANCHOR
    glossary: str = GLOSSARY_ANCHOR
    colophon: str = COLOPHON_ANCHOR


@dataclass(frozen=True)
class Cover:
    title: str  # the site's name on the whole zakgids, the guideline's title on its own guide
    subtitle: str | None


@dataclass(frozen=True)
class Zakgids:
    """A pocket guide: the whole publication, or one guideline with its checklists and terms."""

    publication: Publication
    title: str
    description: str  # the PDF's subject in its metadata
    cover: Cover
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
        # Per guideline, the ids of its own parts: what its pocket guide can link to.
        self.parts_of: dict[str, set[str]] = {}
        for target in self.index.values():
            if target.guideline is not None:
                self.parts_of.setdefault(target.guideline.id, set()).add(target.id)
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
        site_name = self.settings.site_name
        return self._guide(
            title=f"Zakgids {site_name}",
            description=f"Zakgids met de aanbevelingen, checklists en begrippen van de {site_name}",
            cover=Cover(site_name, None),
            entries=list(self.corpus.guidelines),
            checklists=list(self.corpus.checklists),
            terms=list(self.corpus.glossary.terms),
        )

    def guideline_guide(self, entry: GuidelineEntry) -> Zakgids:
        """One guideline as a pocket guide, with the checklists that cite its recommendations and
        the glossary terms that its text or those checklists use."""
        g = entry.guideline
        own = self.parts_of[g.id]
        checklists = [c for c in self.corpus.checklists if any(rid in own for i in c.all_items() for rid in i.cites)]
        text = " ".join([*_strings(list(entry.chapters)), *_strings(checklists)])
        referred = set(ref_targets(text))
        terms = [t for t in self.corpus.glossary.terms if t.id in referred or _mentions(text, t.term)]
        site_name = self.settings.site_name
        return self._guide(
            title=f"Zakgids {g.title}",
            description=f"Zakgids met de aanbevelingen, checklists en begrippen van de richtlijn {g.title} uit de {site_name}",
            cover=Cover(g.title, f"Richtlijn {g.code} uit de {site_name}"),
            entries=[entry],
            checklists=checklists,
            terms=terms,
        )

    def _guide(
        self,
        *,
        title: str,
        description: str,
        cover: Cover,
        entries: list[GuidelineEntry],
        checklists: list[Checklist],
        terms: list[GlossaryTerm],
    ) -> Zakgids:
        # What is in this document: a reference to anything else stays plain words.
        present = {part for entry in entries for part in self.parts_of[entry.guideline.id]}
        present |= {c.id for c in checklists} | {t.id for t in terms}
        anchor = self._anchor_in(present)
        guidelines = [self._guideline(entry, anchor) for entry in entries]
        checklist_views = [self._checklist(c, anchor) for c in checklists]
        toc: list[TocEntry] = []
        for guideline in guidelines:
            toc.append(TocEntry(guideline.title, guideline.id, 1))
            toc += [TocEntry(chapter.title, chapter.id, 2) for chapter in guideline.chapters]
        if checklist_views:
            toc.append(TocEntry("Checklists", CHECKLISTS_ANCHOR, 1))
            toc += [TocEntry(c.title, c.id, 2) for c in checklist_views]
        if terms:
            toc.append(TocEntry("Begrippen en afkortingen", GLOSSARY_ANCHOR, 1))
        toc.append(TocEntry("Colofon", COLOPHON_ANCHOR, 1))
        glossary = [
            GlossaryEntryView(term.id, term.term, GLOSSARY_KIND_LABEL[term.kind], term.expansion)
            for term in sorted(terms, key=lambda t: t.term.lower())
        ]
        return Zakgids(
            publication=self.publication,
            title=title,
            description=description,
            cover=cover,
            anchors=PartAnchors(),
            toc=toc,
            guidelines=guidelines,
            checklists=checklist_views,
            glossary=glossary,
            sources=[SourceGuideline(g.title, g.code, g.about) for g in guidelines],
        )

    def werkkaart(self, checklist: Checklist) -> Werkkaart:
        # A sheet holds no recommendations: references to them stay plain words.
        view = self._checklist(checklist, lambda _id: None)
        return Werkkaart(publication=self.publication, title=f"Werkkaart {checklist.title}", checklist=view)

    # Parts -------------------------------------------------------------------------------

    def _anchor_in(self, present: set[str]) -> AnchorFor:
        """Links to what is in the document, under its current id; other targets stay plain words."""

        def anchor(target_id: str) -> str | None:
            current = self.sitemap.former.get(target_id, target_id)
            return current if current in present else None

        return anchor

    def _page_url(self, target_id: str) -> str:
        return self.settings.site_url + self.sitemap.resolve(target_id).url

    def _guideline(self, entry: GuidelineEntry, anchor: AnchorFor) -> GuidelineView:
        g = entry.guideline
        # The version and the dates in spans of their own, which print.css never hyphenates.
        about = [Markup('versie <span class="versie">{}</span>').format(g.version)] if g.version else []
        if g.published:
            about.append(Markup('gepubliceerd <span class="datum">{}</span>').format(dutch_date(g.published.isoformat())))
        if g.revised:
            about.append(Markup('herzien <span class="datum">{}</span>').format(dutch_date(g.revised.isoformat())))
        return GuidelineView(
            id=g.id,
            title=g.title,
            code=g.code,
            about=Markup(", ").join(about) or None,
            qr=qr_code(self._page_url(g.id), f"de richtlijn {g.title}"),
            chapters=[self._chapter(chapter, anchor) for chapter in entry.chapters],
        )

    def _chapter(self, chapter: Chapter, anchor: AnchorFor) -> ChapterView:
        return ChapterView(chapter.id, chapter.numbered_title, [self._section(s, anchor) for s in chapter.sections])

    def _section(self, section: Section, anchor: AnchorFor) -> SectionView:
        return SectionView(
            id=section.id,
            title=section.title,
            audience=section.audience,
            available=section.text_available,
            paragraphs=[markup.blocks(p, anchor) for p in section.paragraphs],
            recommendations=[self._recommendation(rec, 4 if section.title else 3, anchor) for rec in section.recommendations],
            provenance=[markup.blocks(p, anchor) for p in section.provenance],
        )

    def _recommendation(self, rec: Recommendation, level: int, anchor: AnchorFor) -> RecommendationView:
        return RecommendationView(
            id=rec.id,
            title=rec.title or "Aanbeveling",
            text=markup.blocks(rec.text, anchor),
            steps=[self._step(step, anchor) for step in rec.steps],
            list_tag="ol" if rec.steps_style == "numbered" else "ul",
            closing=[markup.blocks(p, anchor) for p in rec.closing],
            explanation=[
                ExplanationView(block.heading, [markup.blocks(p, anchor) for p in block.paragraphs]) for block in rec.explanation
            ],
            references=markup.plain("; ".join(rec.references)) or None,
            # A guide holds every checklist that cites one of its recommendations, so these links resolve.
            checklists=[InternalLink(c.title, c.id) for c in self.cited_by.get(rec.id, [])],
            heading_tag=f"h{level}",
            explanation_tag=f"h{level + 1}",
        )

    def _step(self, step: Step, anchor: AnchorFor) -> StepView:
        return StepView(markup.inline(step.text, anchor), [self._step(s, anchor) for s in step.steps])

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
