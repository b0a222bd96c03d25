"""The website's pages: which parts of the view model (render/view.py) each page shows, where it
goes in the docs tree, and what only the website has (the page footer, "Reageer" links, offline
controls, links to the PDFs). The page templates in templates/pages/ format these."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, urlencode

from generator.render.addresses import Address, guideline_page
from generator.render.embed import EmbedCode, checklist_code, recommendation_code
from generator.render.offline import PUBLICATION_CONTROL_FILE, guideline_control_file
from generator.render.settings import SiteSettings
from generator.render.teksten import tekst
from generator.render.view import (
    ChapterView,
    ChecklistView,
    CitedRecommendation,
    Day,
    GuidelineView,
    PublicationView,
    TermView,
    day,
)


@dataclass(frozen=True)
class PageFooter:
    """What every page says about where it comes from."""

    release: str
    guideline_version: str | None
    release_label: str = ""  # "Versie …", or "Conceptversie — niet gepubliceerd" for a build never released


@dataclass(frozen=True)
class Download:
    """A PDF a page offers, with the words of its link."""

    text: str
    address: Address


@dataclass(frozen=True, kw_only=True)
class Page:
    """What every page of the website has: its file in the docs tree and its footer."""

    path: str
    footer: PageFooter


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    publication: PublicationView
    offline_control: str  # the file, from the site root, that the page's "offline bewaren" reads
    zakgids: Download | None  # the A6 pocket guide; None where the PDFs are not built (preview)
    changes: Address | None = None  # a release's "Wat is er veranderd" page; None in a plain build


@dataclass(frozen=True, kw_only=True)
class AboutPage(Page):
    """The page "Over deze publicatie": what it is, which guidelines, who authorised them, how to cite each."""

    publication: PublicationView


@dataclass(frozen=True, kw_only=True)
class GuidelinePage(Page):
    guideline: GuidelineView
    offline_control: str
    guide: Download | None  # this guideline's A6 pocket guide; None where the PDFs are not built


@dataclass(frozen=True, kw_only=True)
class ChapterPage(Page):
    chapter: ChapterView
    guideline: GuidelineView
    feedback: Mapping[str, str]  # a "Reageer" link per id of the page; empty when none is configured
    embeds: Mapping[str, EmbedCode]  # per recommendation, what "Kopieer insluitcode" copies
    abbreviations: tuple[tuple[str, str], ...]  # (term, expansion) of the abbreviations it uses
    offline_control: str


@dataclass(frozen=True, kw_only=True)
class GlossaryPage(Page):
    terms: tuple[TermView, ...]
    abbreviations: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class ChecklistPage(Page):
    checklist: ChecklistView
    build_date: Day  # printed above the list on paper
    sheet: Download | None  # the printable A4 sheet (werkkaart); None in the preview
    embed: EmbedCode  # what "Kopieer insluitcode" copies
    # Per item id, the cited recommendations whose text the item offers to unfold: each one only at
    # the first item that cites it, so a recommendation that eight items cite is not shown eight times.
    source_texts: Mapping[str, tuple[CitedRecommendation, ...]]


@dataclass(frozen=True, kw_only=True)
class ChecklistOverviewPage(Page):
    checklists: tuple[ChecklistView, ...]


class SitePages:
    def __init__(
        self, view: PublicationView, settings: SiteSettings, *, downloads: bool = True, changes: Address | None = None
    ) -> None:
        self.view = view
        self.changes = changes  # a release's change page, which the home page links to
        self.settings = settings
        # Whether the PDFs are in the docs tree: links to them would break where they are not.
        self.downloads = downloads
        self.footer = PageFooter(view.release, None, view.release_label)
        self.abbreviations = tuple(sorted((t.term, t.expansion) for t in view.glossary if t.expansion and t.abbreviation))
        self.abbreviation_of = {t.id: (t.term, t.expansion) for t in view.glossary if t.expansion and t.abbreviation}

    def home(self) -> HomePage:
        return HomePage(
            path=self.view.home.page,
            footer=self.footer,
            publication=self.view,
            offline_control=PUBLICATION_CONTROL_FILE,
            zakgids=Download(tekst("home.zakgids"), self.view.zakgids_file) if self.downloads else None,
            changes=self.changes,
        )

    def about(self) -> AboutPage:
        return AboutPage(path=self.view.about_page.page, footer=self.footer, publication=self.view)

    def guidelines(self) -> Iterator[GuidelinePage]:
        for g in self.view.guidelines:
            yield GuidelinePage(
                path=guideline_page(g.slug),
                guideline=g,
                footer=PageFooter(self.view.release, g.version, self.view.release_label),
                offline_control=guideline_control_file(g.id),
                guide=Download(tekst("richtlijn.zakgids"), g.guide_file) if self.downloads else None,
            )

    def chapters(self) -> Iterator[ChapterPage]:
        for g in self.view.guidelines:
            for chapter in g.chapters:
                yield self.chapter(g, chapter)

    def chapter(self, guideline: GuidelineView, chapter: ChapterView) -> ChapterPage:
        ids = [r.id for s in chapter.sections for r in s.recommendations]
        return ChapterPage(
            path=chapter.address.page,
            chapter=chapter,
            guideline=guideline,
            footer=PageFooter(self.view.release, guideline.version, self.view.release_label),
            feedback={target_id: link for target_id in ids if (link := self._feedback(guideline, target_id))},
            embeds={rec.id: recommendation_code(guideline, rec) for rec in chapter.recommendations},
            abbreviations=tuple(sorted(self.abbreviation_of[t] for t in chapter.terms if t in self.abbreviation_of)),
            offline_control=guideline_control_file(guideline.id),
        )

    def glossary(self) -> GlossaryPage:
        return GlossaryPage(
            path=self.view.glossary_page.page, footer=self.footer, terms=self.view.glossary, abbreviations=self.abbreviations
        )

    def checklist_overview(self) -> ChecklistOverviewPage:
        return ChecklistOverviewPage(path=self.view.checklist_overview.page, footer=self.footer, checklists=self.view.checklists)

    def checklists(self) -> Iterator[ChecklistPage]:
        for checklist in self.view.checklists:
            yield self.checklist(checklist)

    def checklist(self, checklist: ChecklistView) -> ChecklistPage:
        return ChecklistPage(
            path=checklist.address.page,
            checklist=checklist,
            footer=self.footer,
            build_date=day(self.settings.build_date),
            sheet=Download(tekst("checklist.werkkaart"), checklist.sheet_file) if self.downloads else None,
            embed=checklist_code(self.view, checklist),
            source_texts=_first_citations(checklist),
        )

    def _feedback(self, guideline: GuidelineView, target_id: str) -> str | None:
        """A 'Reageer' link that tells the editors which guideline, part and version it is about."""
        base = self.settings.feedback
        if base is None:
            return None
        release = self.view.release
        fields = {"richtlijn": guideline.title, "onderdeel": target_id, "versie": release}
        if base.startswith("mailto:"):
            subject = quote(
                tekst("hoofdstuk.reageer_mail.onderwerp", onderdeel=target_id, richtlijn=guideline.title, versie=release)
            )
            # Percent-encoding goes character by character, so each line is encoded on its own and
            # the lines every recommendation of a guideline shares come from the cache (quote() was
            # a third of a chapter's views at 100x).
            body = (
                _mail_line(tekst("hoofdstuk.reageer_mail.richtlijn", waarde=guideline.title))
                + _mail_line(tekst("hoofdstuk.reageer_mail.onderdeel", waarde=target_id))
                + _mail_line(tekst("hoofdstuk.reageer_mail.versie", waarde=release))
                + quote("\n" + tekst("hoofdstuk.reageer_mail.reactie") + "\n")
            )
            return f"{base}?subject={subject}&body={body}"
        return base + ("&" if "?" in base else "?") + urlencode(fields)


@cache
def _mail_line(line: str) -> str:
    """A line of a "Reageer" e-mail ("Onderdeel: uhp-voorkomen-3"), percent-encoded."""
    return quote(line + "\n")


def _first_citations(checklist: ChecklistView) -> dict[str, tuple[CitedRecommendation, ...]]:
    shown: set[str] = set()
    texts: dict[str, tuple[CitedRecommendation, ...]] = {}
    for group in checklist.groups:
        for item in group.items:
            texts[item.id] = tuple(source for source in item.sources if source.id not in shown)
            shown.update(source.id for source in item.sources)
    return texts
