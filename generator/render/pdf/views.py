"""The printed documents: which parts of the view model (render/view.py) each PDF holds, and what
only print has (a cover, a table of contents, QR codes). The templates in templates/zakgids/
format these, with the HTML filters of render/markup.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from generator.model.corpus import Corpus
from generator.render.pdf.qr import QrCode, qr_code
from generator.render.settings import SiteSettings
from generator.render.teksten import tekst
from generator.render.view import (
    UNRELEASED_LABEL,
    ChecklistView,
    Day,
    GuidelineView,
    PublicationView,
    TermView,
    dutch_date,
    publication_view,
)

__all__ = ["PdfViewBuilder", "ShortLink", "TocEntry", "Werkkaart", "Zakgids", "dutch_date"]

# Anchors of the guide's own parts. Content ids never contain '_', so these cannot clash with them.
TOC_ANCHOR = "zakgids_inhoud"
CHECKLISTS_ANCHOR = "zakgids_checklists"
GLOSSARY_ANCHOR = "zakgids_begrippen"
COLOPHON_ANCHOR = "zakgids_colofon"


@dataclass(frozen=True)
class Publication:
    """What every printed document says about where and when it comes from."""

    site_name: str
    release: str
    date: Day  # the build's
    site_url: str  # this version's site
    current_url: str  # where the newest version is: the site's root
    home_qr: QrCode  # leads to current_url
    release_label: str = ""  # "Versie …", or "Conceptversie — niet gepubliceerd"
    released: bool = False  # whether release_label is "Versie" and the release
    about_url: str = ""  # "Over deze publicatie" online


class TocEntry(NamedTuple):
    """A line of a PDF's table of contents: a heading, where it is, and how deep."""

    title: str
    anchor: str
    level: int


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


class ShortLink(NamedTuple):
    """A real short link, where the colophon explains them: paper shows no placeholder like <id>."""

    id: str
    url: str


@dataclass(frozen=True)
class Zakgids:
    """A pocket guide: the whole publication, or one guideline with its checklists and terms."""

    publication: Publication
    title: str
    description: str  # the PDF's subject in its metadata
    cover: Cover
    anchors: PartAnchors
    toc: tuple[TocEntry, ...]
    guidelines: tuple[GuidelineView, ...]
    checklists: tuple[ChecklistView, ...]
    glossary: tuple[TermView, ...]
    # The ids a link in this document can lead to: a reference to anything else stays plain words.
    linkable: frozenset[str]
    qr: Mapping[str, QrCode]  # per guideline and checklist: the same page online
    short_link_example: ShortLink  # of its first recommendation (or guideline, if it has none)


@dataclass(frozen=True)
class Werkkaart:
    publication: Publication
    title: str
    checklist: ChecklistView
    qr: QrCode
    linkable: frozenset[str] = frozenset()  # a sheet holds no recommendations to link to
    guidelines: tuple[GuidelineView, ...] = ()  # those its items cite: their publishers' attribution


class PdfViewBuilder:
    def __init__(self, corpus: Corpus, settings: SiteSettings) -> None:
        self.view: PublicationView = publication_view(corpus, settings)
        base = self.view.base
        self.publication = Publication(
            site_name=self.view.site_name,
            release=self.view.release,
            date=self.view.build_date,
            site_url=base.url,
            current_url=base.root,
            home_qr=qr_code(base.root, tekst("pdf.qr.naar.startpagina")),
            release_label=self.view.release_label,
            released=self.view.release_label != UNRELEASED_LABEL,
            about_url=base.page_url(self.view.about_page),
        )
        self.qr = {g.id: qr_code(g.page_url, tekst("pdf.qr.naar.richtlijn", titel=g.title)) for g in self.view.guidelines}
        self.qr.update({c.id: qr_code(c.page_url, tekst("pdf.qr.naar.checklist", titel=c.title)) for c in self.view.checklists})

    # Documents ---------------------------------------------------------------------------

    def zakgids(self) -> Zakgids:
        site_name = self.view.site_name
        return self._guide(
            title=tekst("pdf.titel.zakgids", naam=site_name),
            description=tekst("pdf.omschrijving.zakgids", site=site_name),
            cover=Cover(site_name, None),
            guidelines=self.view.guidelines,
            checklists=self.view.checklists,
            glossary=self.view.glossary,
        )

    def guideline_guide(self, guideline: GuidelineView) -> Zakgids:
        """One guideline as a pocket guide, with the checklists that cite its recommendations and
        the glossary terms that its text or those checklists use."""
        checklists = tuple(c for c in self.view.checklists if c.id in guideline.checklists)
        used = guideline.terms.union(*(c.terms for c in checklists))
        site_name = self.view.site_name
        return self._guide(
            title=tekst("pdf.titel.zakgids", naam=guideline.title),
            description=tekst("pdf.omschrijving.richtlijngids", titel=guideline.title, site=site_name),
            cover=Cover(guideline.title, tekst("pdf.omslag.richtlijn", code=guideline.code, site=site_name)),
            guidelines=(guideline,),
            checklists=checklists,
            glossary=tuple(t for t in self.view.glossary if t.id in used),
        )

    def _guide(
        self,
        *,
        title: str,
        description: str,
        cover: Cover,
        guidelines: tuple[GuidelineView, ...],
        checklists: tuple[ChecklistView, ...],
        glossary: tuple[TermView, ...],
    ) -> Zakgids:
        linkable = frozenset().union(*(g.parts for g in guidelines)) | {c.id for c in checklists} | {t.id for t in glossary}
        toc: list[TocEntry] = []
        for guideline in guidelines:
            toc.append(TocEntry(guideline.title, guideline.id, 1))
            toc += [TocEntry(chapter.title, chapter.id, 2) for chapter in guideline.chapters]
        if checklists:
            toc.append(TocEntry(tekst("checklists.titel"), CHECKLISTS_ANCHOR, 1))
            toc += [TocEntry(c.title, c.id, 2) for c in checklists]
        if glossary:
            toc.append(TocEntry(tekst("begrippen.titel"), GLOSSARY_ANCHOR, 1))
        toc.append(TocEntry("Colofon", COLOPHON_ANCHOR, 1))
        first = guidelines[0]
        example = next((rec.id for chapter in first.chapters for rec in chapter.recommendations), first.id)
        return Zakgids(
            publication=self.publication,
            title=title,
            description=description,
            cover=cover,
            anchors=PartAnchors(),
            toc=tuple(toc),
            guidelines=guidelines,
            checklists=checklists,
            glossary=glossary,
            linkable=linkable,
            qr=self.qr,
            short_link_example=ShortLink(example, self.view.base.short_link_url(example)),
        )

    def werkkaart(self, checklist: ChecklistView) -> Werkkaart:
        return Werkkaart(
            publication=self.publication,
            title=tekst("pdf.titel.werkkaart", titel=checklist.title),
            checklist=checklist,
            qr=self.qr[checklist.id],
            guidelines=tuple(g for g in self.view.guidelines if g.id in checklist.guidelines),
        )
