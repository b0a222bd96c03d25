"""View models: everything a page template needs, computed here so templates stay free of logic."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote, urlencode

from generator.model.checklist import Checklist, ChecklistItem
from generator.model.content import Chapter, Guideline, Recommendation, Section, Step
from generator.model.corpus import Corpus, GuidelineEntry
from generator.model.types import text_values
from generator.render.addresses import (
    CHECKLIST_OVERVIEW_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    ZAKGIDS_FILE,
    Address,
    SiteMap,
    chapter_page,
    checklist_sheet_file,
    explanation_anchor,
    file_link,
    guideline_guide_file,
    guideline_page,
)
from generator.render.offline import PUBLICATION_CONTROL_FILE, guideline_control_file
from generator.render.settings import SiteSettings

GLOSSARY_KIND_LABEL = {"abbreviation": "afkorting", "intervention": "interventie"}


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class StepView:
    text: str
    steps: list[StepView]


@dataclass(frozen=True)
class ExplanationView:
    heading: str | None
    paragraphs: list[str]


@dataclass(frozen=True)
class RecommendationView:
    id: str
    heading: str
    text: str
    steps: list[StepView]
    numbered: bool
    closing: list[str]
    explanation: list[ExplanationView]
    references: list[str]
    short_link: str
    feedback: str | None
    explanation_anchor: str
    checklists: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str | None
    audience: str | None
    available: bool
    paragraphs: list[str]
    recommendations: list[RecommendationView]
    provenance: list[str]
    short_link: str
    # Recommendations are h3 under a titled section (h2) and h2 where the section has no title,
    # so heading levels never skip one.
    recommendation_level: int


@dataclass(frozen=True)
class PageFooter:
    """What every page says about where it comes from."""

    release: str
    guideline_version: str | None


@dataclass(frozen=True)
class ChapterPage:
    path: str
    title: str
    chapter_id: str
    guideline: Link
    code: str
    footer: PageFooter
    sections: list[SectionView]
    short_link: str
    feedback: str | None
    abbreviations: list[tuple[str, str]]
    offline_control: str  # the file, from the site root, that the page's "offline bewaren" reads


@dataclass(frozen=True)
class ChapterSummary:
    link: Link
    recommendation_count: int
    unavailable_sections: list[str]


@dataclass(frozen=True)
class GuidelinePage:
    path: str
    id: str
    title: str
    code: str
    footer: PageFooter
    chapters: list[ChapterSummary]
    related: list[Link]
    short_link: str
    recommendation_count: int
    offline_control: str
    guide: Link | None = None  # this guideline's A6 pocket guide; None where the PDFs are not built (preview)


@dataclass(frozen=True)
class HomePage:
    path: str
    site_name: str
    footer: PageFooter
    guidelines: list[GuidelinePage]
    guideline_links: list[Link]
    glossary: Link
    checklists: list[Link]
    offline_control: str
    zakgids: Link | None = None  # the A6 pocket guide; None where the PDFs are not built (preview)


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    kind: str
    expansion: str | None
    used_in: list[Link]


@dataclass(frozen=True)
class GlossaryPage:
    path: str
    footer: PageFooter
    entries: list[GlossaryEntry]
    abbreviations: list[tuple[str, str]]


@dataclass(frozen=True)
class SourceRecommendation:
    id: str
    link: str
    text: str  # Markdown, shown beside the item so the reader can check the source


@dataclass(frozen=True)
class ChecklistItemView:
    id: str
    text: str
    help: str | None
    required: bool
    text_hash: str  # lets the page notice that an item was reworded after it was ticked
    sources: list[SourceRecommendation]


@dataclass(frozen=True)
class ChecklistGroupView:
    title: str | None
    items: list[ChecklistItemView]


@dataclass(frozen=True)
class ChecklistPage:
    path: str
    id: str
    title: str
    purpose: str
    when_to_use: str
    footer: PageFooter
    groups: list[ChecklistGroupView]
    item_count: int
    required_count: int
    page_url: str  # absolute address, printed on paper so a reader can find the page again
    short_link: str
    build_date: str
    sheet_link: str | None = None  # Markdown link to the printable A4 sheet (werkkaart); None in the preview


@dataclass(frozen=True)
class ChecklistOverviewPage:
    path: str
    footer: PageFooter
    checklists: list[ChecklistPage]
    links: list[Link]


class ViewBuilder:
    def __init__(self, corpus: Corpus, settings: SiteSettings, *, downloads: bool = True) -> None:
        self.corpus = corpus
        self.settings = settings
        # Whether the PDFs are in the docs tree: links to them would break where they are not.
        self.downloads = downloads
        self.sitemap = SiteMap(corpus)
        self.abbreviations = sorted(
            (term.term, term.expansion) for term in corpus.glossary.terms if term.expansion and term.kind == "abbreviation"
        )
        self.cited_by: dict[str, list[Checklist]] = {}
        for checklist in corpus.checklists:
            for rec_id in dict.fromkeys(rid for item in checklist.all_items() for rid in item.cites):
                self.cited_by.setdefault(rec_id, []).append(checklist)

    # Pages -------------------------------------------------------------------------------

    def home(self) -> HomePage:
        guidelines = [self.guideline(entry) for entry in self.corpus.guidelines]
        return HomePage(
            path=HOME_PAGE,
            site_name=self.settings.site_name,
            footer=PageFooter(self.settings.release, None),
            guidelines=guidelines,
            guideline_links=[Link(g.title, self.sitemap.markdown_link(HOME_PAGE, g.id)) for g in guidelines],
            glossary=Link("Begrippen en afkortingen", GLOSSARY_PAGE),
            checklists=[Link(c.title, self.sitemap.markdown_link(HOME_PAGE, c.id)) for c in self.corpus.checklists],
            offline_control=PUBLICATION_CONTROL_FILE,
            zakgids=Link("Zakgids (PDF, A6)", file_link(HOME_PAGE, ZAKGIDS_FILE)) if self.downloads else None,
        )

    def guideline(self, entry: GuidelineEntry) -> GuidelinePage:
        g = entry.guideline
        path = guideline_page(g.slug)
        chapters = [
            ChapterSummary(
                link=Link(chapter.numbered_title, self.sitemap.markdown_link(path, chapter.id)),
                recommendation_count=sum(len(s.recommendations) for s in chapter.sections),
                unavailable_sections=[s.title or "" for s in chapter.sections if not s.text_available],
            )
            for chapter in entry.chapters
        ]
        return GuidelinePage(
            path=path,
            id=g.id,
            title=g.title,
            code=g.code,
            footer=PageFooter(self.settings.release, g.version),
            chapters=chapters,
            related=[Link(self._title_of(rid), self.sitemap.markdown_link(path, rid)) for rid in g.related],
            short_link=self.sitemap.short_link_from(path, g.id),
            recommendation_count=sum(c.recommendation_count for c in chapters),
            offline_control=guideline_control_file(g.id),
            guide=Link("Zakgids van deze richtlijn (PDF, A6)", file_link(path, guideline_guide_file(g.slug)))
            if self.downloads
            else None,
        )

    def chapters(self) -> Iterator[ChapterPage]:
        for entry in self.corpus.guidelines:
            for chapter in entry.chapters:
                yield self.chapter(entry.guideline, chapter)

    def chapter(self, guideline: Guideline, chapter: Chapter) -> ChapterPage:
        path = chapter_page(guideline.slug, chapter.slug)
        sections = [self._section(guideline, section, path) for section in chapter.sections]
        return ChapterPage(
            path=path,
            title=chapter.numbered_title,
            chapter_id=chapter.id,
            guideline=Link(guideline.title, self.sitemap.markdown_link(path, guideline.id)),
            code=guideline.code,
            footer=PageFooter(self.settings.release, guideline.version),
            sections=sections,
            short_link=self.sitemap.short_link_from(path, chapter.id),
            feedback=self._feedback(guideline, chapter.id),
            abbreviations=self._abbreviations_in(chapter),
            offline_control=guideline_control_file(guideline.id),
        )

    def glossary(self) -> GlossaryPage:
        usage = self._glossary_usage()
        entries = [
            GlossaryEntry(
                id=term.id,
                term=term.term,
                kind=GLOSSARY_KIND_LABEL[term.kind],
                expansion=term.expansion,
                used_in=usage.get(term.id, []),
            )
            for term in sorted(self.corpus.glossary.terms, key=lambda t: t.term.lower())
        ]
        return GlossaryPage(GLOSSARY_PAGE, PageFooter(self.settings.release, None), entries, self.abbreviations)

    def checklists(self) -> ChecklistOverviewPage:
        pages = [self.checklist(checklist) for checklist in self.corpus.checklists]
        return ChecklistOverviewPage(
            path=CHECKLIST_OVERVIEW_PAGE,
            footer=PageFooter(self.settings.release, None),
            checklists=pages,
            links=[Link(c.title, self.sitemap.markdown_link(CHECKLIST_OVERVIEW_PAGE, c.id)) for c in pages],
        )

    def checklist(self, checklist: Checklist) -> ChecklistPage:
        path = self.sitemap.resolve(checklist.id).page
        index = self.corpus.index()
        groups: list[tuple[str | None, list[ChecklistItem]]] = [(g.title, g.items) for g in checklist.groups]
        groups = groups or [(None, checklist.items)]

        def source(rec_id: str) -> SourceRecommendation:
            rec = index[rec_id].recommendation
            assert rec is not None
            return SourceRecommendation(rec_id, self.sitemap.markdown_link(path, rec_id), self.sitemap.link_refs(rec.text, path))

        views = [
            ChecklistGroupView(
                title,
                [
                    ChecklistItemView(
                        id=item.id,
                        text=item.text,
                        help=self.sitemap.link_refs(item.help, path) if item.help else None,
                        required=item.required,
                        text_hash=hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:12],
                        sources=[source(rec_id) for rec_id in item.cites],
                    )
                    for item in items
                ],
            )
            for title, items in groups
        ]
        items = checklist.all_items()
        return ChecklistPage(
            path=path,
            id=checklist.id,
            title=checklist.title,
            purpose=checklist.purpose,
            when_to_use=checklist.when_to_use,
            footer=PageFooter(self.settings.release, None),
            groups=views,
            item_count=len(items),
            required_count=sum(1 for item in items if item.required),
            page_url=self.settings.site_url + Address(path).url,
            short_link=self.sitemap.short_link_from(path, checklist.id),
            build_date=self.settings.build_date,
            sheet_link=file_link(path, checklist_sheet_file(checklist.id)) if self.downloads else None,
        )

    # Parts -------------------------------------------------------------------------------

    def _section(self, guideline: Guideline, section: Section, path: str) -> SectionView:
        return SectionView(
            id=section.id,
            title=section.title,
            audience=section.audience,
            available=section.text_available,
            paragraphs=[self.sitemap.link_refs(p, path) for p in section.paragraphs],
            recommendations=[self._recommendation(guideline, rec, path) for rec in section.recommendations],
            provenance=[self.sitemap.link_refs(p, path) for p in section.provenance],
            short_link=self.sitemap.short_link_from(path, section.id),
            recommendation_level=3 if section.title else 2,
        )

    def _recommendation(self, guideline: Guideline, rec: Recommendation, path: str) -> RecommendationView:
        link = self.sitemap.link_refs
        return RecommendationView(
            id=rec.id,
            heading=rec.title or "Aanbeveling",
            text=link(rec.text, path),
            steps=[self._step(step, path) for step in rec.steps],
            numbered=rec.steps_style == "numbered",
            closing=[link(p, path) for p in rec.closing],
            explanation=[ExplanationView(b.heading, [link(p, path) for p in b.paragraphs]) for b in rec.explanation],
            references=list(rec.references),
            short_link=self.sitemap.short_link_from(path, rec.id),
            feedback=self._feedback(guideline, rec.id),
            explanation_anchor=explanation_anchor(rec.id),
            checklists=[Link(c.title, self.sitemap.markdown_link(path, c.id)) for c in self.cited_by.get(rec.id, [])],
        )

    def _step(self, step: Step, path: str) -> StepView:
        return StepView(self.sitemap.link_refs(step.text, path), [self._step(s, path) for s in step.steps])

    def _feedback(self, guideline: Guideline, target_id: str) -> str | None:
        """A 'Reageer' link that tells the editors which guideline, part and version it is about."""
        base = self.settings.feedback
        if base is None:
            return None
        fields = {"richtlijn": guideline.title, "onderdeel": target_id, "versie": self.settings.release}
        if base.startswith("mailto:"):
            # Percent-encoding goes character by character, so each part is encoded on its own and
            # the parts every recommendation of a guideline shares come from the cache (quote() was
            # a third of a chapter's views at 100x).
            subject = (
                _quoted("Reactie op ") + _quoted(target_id) + _quoted(f" ({guideline.title}, versie {self.settings.release})")
            )
            body = "".join(_quoted(f"{key.capitalize()}: {value}\n") for key, value in fields.items()) + _quoted(
                "\nMijn reactie:\n"
            )
            return f"{base}?subject={subject}&body={body}"
        return base + ("&" if "?" in base else "?") + urlencode(fields)

    def _title_of(self, target_id: str) -> str:
        target = self.corpus.index()[target_id]
        assert target.guideline is not None
        return target.guideline.title

    def _abbreviations_in(self, chapter: Chapter) -> list[tuple[str, str]]:
        text = " ".join(_strings(chapter))
        return [(term, expansion) for term, expansion in self.abbreviations if _mentions(text, term)]

    def _glossary_usage(self) -> dict[str, list[Link]]:
        usage: dict[str, list[Link]] = {}
        for entry in self.corpus.guidelines:
            for chapter in entry.chapters:
                for section in chapter.sections:
                    parts: list[tuple[str, list[str]]] = [(section.id, list(section.paragraphs))]
                    parts += [(rec.id, list(_strings(rec))) for rec in section.recommendations]
                    for part_id, strings in parts:
                        text = " ".join(strings)
                        for term in self.corpus.glossary.terms:
                            if _mentions(text, term.term):
                                href = self.sitemap.markdown_link(GLOSSARY_PAGE, part_id)
                                usage.setdefault(term.id, []).append(Link(f"{entry.guideline.code} · {part_id}", href))
        return usage


def _mentions(text: str, term: str) -> bool:
    # The substring test first: most parts mention no term, and it is far cheaper than the regex.
    return term in text and _whole_word(term).search(text) is not None


@cache
def _quoted(text: str) -> str:
    return quote(text)


@cache
def _whole_word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")


def _strings(node: object) -> list[str]:
    """What readers see of `node` (the editors' `not_in_checklist` note is not shown)."""
    return [text for key_path, text in text_values(node) if "not_in_checklist" not in key_path]
