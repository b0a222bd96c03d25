"""The view model: the publication as every output shows it, built once from the corpus.

The website's Markdown pages (render/pages.py), the PDFs (render/pdf/views.py), a release's
change page (release/render.py) and the publication as data (render/api.py) only format what is
here: numbered titles, heading levels, labels, which checklists cite a recommendation, which
glossary terms a part uses, the recommendations a checklist item cites, and every address, from
render/addresses.py.

Text stays the Markdown the content has, `ref:` links included: how a link is written depends on
the output (a relative link between Markdown pages, an anchor in a PDF, or plain words where the
target is not in the document), so each output's filters do that, as they do escaping and markup.

A new field of a recommendation goes into the model, `RecommendationView` and `_recommendation`
here, one template per output (chapter.md.j2, zakgids.html.j2) and the data's `Aanbeveling` (render/api.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple

from generator.model.checklist import Checklist, ChecklistItem, Schedule
from generator.model.content import Chapter, GlossaryTerm, Guideline, Recommendation, Section, Step
from generator.model.corpus import Corpus, GuidelineEntry
from generator.model.markdown import MARKDOWN_LINK, REF_PREFIX, ref_targets
from generator.model.types import reader_texts
from generator.render.addresses import (
    ABOUT_PAGE,
    CHECKLIST_OVERVIEW_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    ZAKGIDS_FILE,
    Address,
    SiteBase,
    SiteMap,
    checklist_sheet_file,
    embed_card,
    explanation_anchor,
    guideline_guide_file,
    questionnaire_file,
    short_link,
    site_base,
)
from generator.render.settings import DEFAULT_RELEASE, SiteSettings
from generator.render.teksten import aantal, tekst

GLOSSARY_KIND_LABEL = {"abbreviation": tekst("begrippen.soort.afkorting"), "intervention": tekst("begrippen.soort.interventie")}
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
# A recommendation without a title is named by its first sentence, cut at a word boundary beyond
# this many characters: about three lines of body text on a 375 px phone (some 40 characters a
# line), so a chapter's list of its recommendations stays short enough to scan.
SHORT_FORM_LENGTH = 100
# A sentence ends at ".", "?" or "!" followed by white space.
SENTENCE_END = re.compile(r"(?<=[.?!])\s")
# A checklist group's linkId in FHIR: a group has no id of its own, and this one cannot be an item's,
# whose ids are lowercase words and hyphens (model/types.py, ID_PATTERN).
GROUP_LINK_ID = "groep.{number}"


def dutch_date(iso: str) -> str:
    """'2026-11-03' -> '3 november 2026': how a Dutch reader writes a date."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Day:
    """A date as the outputs show it: in words for readers, ISO for metadata."""

    iso: str
    text: str

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.iso)


def day(value: dt.date | str) -> Day:
    iso = value if isinstance(value, str) else value.isoformat()
    return Day(iso, dutch_date(iso))


def short_form(rec: Recommendation) -> str:
    """A recommendation in a few words: its title, or the first sentence of its text, verbatim
    (links keep their words), shortened at a word boundary with an ellipsis when it is long."""
    if rec.title:
        return rec.title
    sentence = SENTENCE_END.split(MARKDOWN_LINK.sub(lambda m: m.group("label"), rec.text.strip()), 1)[0]
    if len(sentence) <= SHORT_FORM_LENGTH:
        return sentence
    opening = sentence[: SHORT_FORM_LENGTH + 1].rsplit(" ", 1)[0]
    return opening.rstrip(",;:") + "…"


@dataclass(frozen=True)
class Ref:
    """Another part a link leads to: its id, the words a link shows, and where it lives."""

    id: str
    title: str
    address: Address


class StepView(NamedTuple):
    """A step of a recommendation, with the steps under it."""

    text: str
    steps: tuple[StepView, ...]


class ExplanationView(NamedTuple):
    """A part of a recommendation's toelichting: its own heading, if it has one, and its paragraphs."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class PartView:
    """What every part of the publication has that a reader can land on: a guideline, chapter,
    section, recommendation or checklist."""

    id: str
    address: Address  # its page, and the anchor on it
    short_link: Address
    # Ids of the glossary terms its text uses or links to: a section's own text (title, audience,
    # paragraphs, provenance), the whole of any other part.
    terms: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class RecommendationView(PartView):
    """A recommendation as every output shows it: its words, where it stands, what cites it."""

    # Its title, or its first sentence (shortened): how its heading, a chapter's list of its
    # recommendations and a list of changes name it, always beside its id.
    short: str
    text: str
    steps: tuple[StepView, ...]
    numbered: bool  # numbered steps happen in order; bulleted ones are a plain list
    closing: tuple[str, ...]
    explanation: tuple[ExplanationView, ...]
    references: tuple[str, ...]
    last_reviewed: Day | None  # when the editors last checked it against its source
    # Heading depth below the chapter's heading: 1 under a section without a title, 2 under one
    # with a title, so heading levels never skip one; the toelichting's heading is one deeper.
    level: int
    explanation_level: int
    explanation_anchor: str
    embed: Address  # its card for an intranet's frame (render/embed.py)
    checklists: tuple[Ref, ...]  # the checklists that cite it, in checklist order


@dataclass(frozen=True, kw_only=True)
class SectionView(PartView):
    title: str | None
    level: int  # heading depth below the chapter's heading (a section's title, when it has one)
    audience: str | None
    available: bool  # False: the source gives only the heading, and the outputs say so
    paragraphs: tuple[str, ...]
    recommendations: tuple[RecommendationView, ...]
    provenance: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ChapterView(PartView):
    title: str  # numbered as the source numbers it: "2. Voorkomen van uithuisplaatsing"
    sections: tuple[SectionView, ...]
    recommendations: tuple[RecommendationView, ...]  # of all its sections, in order: "In deze bouwsteen"
    # Where a recommendation stands, for a reader who lands on it from a short link:
    # "Uithuisplaatsing en terugplaatsing › 2. Voorkomen van uithuisplaatsing".
    place: str
    recommendation_count: int
    unavailable_sections: tuple[str, ...]  # titles of its sections without text


@dataclass(frozen=True)
class AboutPart:
    """One fact the publisher gives about a guideline: its version or a date."""

    label: str  # "versie", "gepubliceerd", "herzien", "geautoriseerd door", "©"
    value: str
    kind: Literal["versie", "datum", "tekst"]


@dataclass(frozen=True)
class ProvenanceView:
    """What the publisher says about a guideline, only as far as the content gives it
    (model/content.py, Publisher): who authorised it, who holds the copyright, how to cite it."""

    facts_from: str  # the publisher's page these facts come from
    url: str | None
    authorised_by: str | None
    copyright: str | None
    cite_as: str | None
    year: int | None
    permission: str | None  # the publisher's attribution sentence, verbatim
    facts: tuple[AboutPart, ...] = ()  # who authorised it, the copyright, the year: for one line in print
    separate_source: bool = True  # whether facts_from is another page than url
    url_text: str = ""  # url as a link's words: without "https://" and "www."
    facts_from_text: str = ""


@dataclass(frozen=True)
class Attribution:
    """What the whole publication owes its sources: every attribution sentence and every
    authorising body the guidelines' publishers give, each once, in the guidelines' order."""

    permissions: tuple[str, ...]
    authorised_by: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class GuidelineView(PartView):
    slug: str
    code: str
    title: str
    version: str | None
    published: Day | None  # the publisher's dates, where the content gives them
    revised: Day | None
    about: tuple[AboutPart, ...]  # the publisher's version and dates, only where the content gives them
    related: tuple[Ref, ...]
    chapters: tuple[ChapterView, ...]
    page_url: str  # absolute: where a QR code on paper leads
    guide_file: Address  # its own A6 pocket guide
    recommendation_count: int
    parts: frozenset[str]  # the ids of its chapters, sections and recommendations
    checklists: tuple[str, ...]  # ids of the checklists that cite one of its recommendations
    provenance: ProvenanceView | None = None  # None: the content gives no facts from the publisher


@dataclass(frozen=True)
class CitedRecommendation:
    """A recommendation a checklist item comes from, with its text for a reader to check."""

    id: str
    address: Address
    text: str
    short: str  # its short form (short_form), which a werkkaart prints beside the id


@dataclass(frozen=True)
class ChecklistItemView:
    id: str
    text: str
    help: str | None
    required: bool
    text_hash: str  # lets the site notice that an item was reworded after it was ticked
    sources: tuple[CitedRecommendation, ...]


@dataclass(frozen=True)
class ChecklistGroupView:
    """Items of a checklist under one title; a checklist without groups has one, without a title."""

    title: str | None
    items: tuple[ChecklistItemView, ...]
    # Its linkId in the FHIR Questionnaire (render/fhir.py) and in a QuestionnaireResponse the page
    # makes; None for the one group without a title, whose items stand on their own there.
    link_id: str | None = None


@dataclass(frozen=True)
class ScheduleView:
    """How often a checklist comes back, by a recommendation that says so: the page offers it as a
    repeating event in the reader's own calendar (assets/agenda.js makes the file)."""

    source: CitedRecommendation  # the recommendation that gives the frequency
    source_url: str  # absolute: its short link, in the calendar event's description
    quote: str  # its words that give the frequency, verbatim
    rrule: str  # RFC 5545: "FREQ=MONTHLY;INTERVAL=3" for four times a year


@dataclass(frozen=True, kw_only=True)
class ChecklistView(PartView):
    title: str
    purpose: str
    when_to_use: str
    groups: tuple[ChecklistGroupView, ...]  # one group without a title when the checklist has no groups
    item_count: int
    required_count: int
    embed: Address  # its card for an intranet's frame (render/embed.py)
    page_url: str  # absolute: printed on paper and in QR codes, so a reader can find the page again
    sheet_file: Address  # its A4 werkkaart
    guidelines: frozenset[str]  # ids of the guidelines whose recommendations it cites
    questionnaire: Address  # the checklist as a FHIR Questionnaire (render/fhir.py)
    questionnaire_url: str  # its canonical URL, the same in every version; the version is the release
    schedule: ScheduleView | None = None  # None: no recommendation it cites says how often

    @property
    def size(self) -> str:
        """How big it is, in words: "12 punten, waarvan 5 verplicht."."""
        items = aantal("checklist.punten", self.item_count)
        if self.required_count == 0:
            return tekst("checklist.omvang.geen_verplicht", punten=items)
        return tekst("checklist.omvang.verplicht", punten=items, aantal=self.required_count)


@dataclass(frozen=True)
class Usage:
    """Where a glossary term is used: a section or a recommendation."""

    label: str  # "UHP · uhp-voorkomen-5"
    address: Address
    id: str  # the section's or recommendation's


@dataclass(frozen=True)
class TermView:
    id: str
    term: str
    kind: str  # in Dutch: afkorting, interventie
    abbreviation: bool
    expansion: str | None  # only where a guideline spells it out
    address: Address
    used_in: tuple[Usage, ...]


@dataclass(frozen=True)
class PublicationView:
    site_name: str
    release: str
    release_label: str  # "Versie 2026.1", or for a build that was never released a clear warning
    build_date: Day
    base: SiteBase  # this build's site, and for a release the root of all versions
    sitemap: SiteMap  # ids, current and former, to addresses
    guidelines: tuple[GuidelineView, ...]
    checklists: tuple[ChecklistView, ...]
    glossary: tuple[TermView, ...]  # in alphabetical order
    home: Address
    glossary_page: Address
    checklist_overview: Address
    zakgids_file: Address
    about_page: Address  # "Over deze publicatie"
    attribution: Attribution
    intro: str  # the editors' introduction of the publication (extra.richtlijnen.intro)

    def absolute_links(self, text: str) -> str:
        """Markdown for another program (the data files, the FHIR files): each `ref:` link leads to
        its page in this version by its absolute address."""
        if REF_PREFIX not in text:
            return text

        def replace(match: re.Match[str]) -> str:
            target = match.group("target")
            if not target.startswith(REF_PREFIX):
                return match.group(0)
            return f"[{match.group('label')}]({self.base.page_url(self.sitemap.resolve(target.removeprefix(REF_PREFIX)))})"

        return MARKDOWN_LINK.sub(replace, text)


# One slot: a build renders the site and the PDFs from the same corpus and settings, so the view
# model is built once for both. Keyed by identity: the corpus is immutable, and hashing it would
# walk all of it.
_last: tuple[Corpus, SiteSettings, PublicationView] | None = None


def publication_view(corpus: Corpus, settings: SiteSettings) -> PublicationView:
    global _last
    if _last is not None and _last[0] is corpus and _last[1] == settings:
        return _last[2]
    view = _Builder(corpus, settings).publication()
    _last = (corpus, settings, view)
    return view


class _Builder:
    def __init__(self, corpus: Corpus, settings: SiteSettings) -> None:
        self.corpus = corpus
        self.settings = settings
        self.sitemap = SiteMap(corpus)
        self.base = site_base(settings.site_url, settings.release)
        self.index = corpus.index()
        self.terms: tuple[GlossaryTerm, ...] = tuple(corpus.glossary.terms)
        self.checklist_refs = {c.id: Ref(c.id, c.title, self.sitemap.resolve(c.id)) for c in corpus.checklists}
        self.cited_by: dict[str, list[Ref]] = {}
        for checklist in corpus.checklists:
            for rec_id in dict.fromkeys(rid for item in checklist.all_items() for rid in item.cites):
                self.cited_by.setdefault(rec_id, []).append(self.checklist_refs[checklist.id])

    def publication(self) -> PublicationView:
        checklists = tuple(self._checklist(c) for c in self.corpus.checklists)
        guidelines = tuple(self._guideline(entry, checklists) for entry in self.corpus.guidelines)
        return PublicationView(
            site_name=self.settings.site_name,
            release=self.settings.release,
            release_label=release_label(self.settings.release),
            build_date=day(self.settings.build_date),
            base=self.base,
            sitemap=self.sitemap,
            guidelines=guidelines,
            checklists=checklists,
            glossary=self._glossary(guidelines),
            home=Address(HOME_PAGE),
            glossary_page=Address(GLOSSARY_PAGE),
            checklist_overview=Address(CHECKLIST_OVERVIEW_PAGE),
            zakgids_file=Address(ZAKGIDS_FILE),
            about_page=Address(ABOUT_PAGE),
            attribution=_attribution(guidelines),
            intro=self.settings.intro,
        )

    # Guidelines --------------------------------------------------------------------------

    def _guideline(self, entry: GuidelineEntry, checklists: tuple[ChecklistView, ...]) -> GuidelineView:
        g = entry.guideline
        chapters = tuple(self._chapter(chapter, g.title) for chapter in entry.chapters)
        parts = frozenset(
            [
                *(chapter.id for chapter in chapters),
                *(section.id for chapter in chapters for section in chapter.sections),
                *(rec.id for chapter in chapters for section in chapter.sections for rec in section.recommendations),
            ]
        )
        address = self.sitemap.resolve(g.id)
        return GuidelineView(
            id=g.id,
            slug=g.slug,
            code=g.code,
            title=g.title,
            version=g.version,
            published=day(g.published) if g.published else None,
            revised=day(g.revised) if g.revised else None,
            about=_about(g),
            related=tuple(self._ref_to_guideline(rid) for rid in g.related),
            chapters=chapters,
            address=address,
            short_link=short_link(g.id),
            page_url=self.base.page_url(address),
            guide_file=Address(guideline_guide_file(g.slug)),
            recommendation_count=sum(c.recommendation_count for c in chapters),
            parts=parts | {g.id},
            checklists=tuple(c.id for c in checklists if g.id in c.guidelines),
            terms=frozenset().union(*(c.terms for c in chapters)),
            provenance=_provenance(g),
        )

    def _ref_to_guideline(self, target_id: str) -> Ref:
        target = self.index[target_id]
        assert target.guideline is not None
        return Ref(target_id, target.guideline.title, self.sitemap.resolve(target_id))

    def _chapter(self, chapter: Chapter, guideline_title: str) -> ChapterView:
        sections = tuple(self._section(section, chapter.title) for section in chapter.sections)
        own = self._terms_in([chapter.title])
        return ChapterView(
            id=chapter.id,
            title=chapter.numbered_title,
            sections=sections,
            recommendations=tuple(rec for s in sections for rec in s.recommendations),
            place=f"{guideline_title} › {chapter.numbered_title}",
            address=self.sitemap.resolve(chapter.id),
            short_link=short_link(chapter.id),
            recommendation_count=sum(len(s.recommendations) for s in sections),
            unavailable_sections=tuple(s.title or "" for s in sections if not s.available),
            terms=own.union(*(s.terms for s in sections), *(r.terms for s in sections for r in s.recommendations)),
        )

    def _section(self, section: Section, chapter_title: str) -> SectionView:
        # A section named as its chapter gets no heading of its own: it would repeat the one above.
        title = section.title if section.title != chapter_title else None
        level = 2 if title else 1
        own = [section.title or "", section.audience or "", *section.paragraphs, *section.provenance]
        return SectionView(
            id=section.id,
            title=title,
            level=1,
            audience=section.audience,
            available=section.text_available,
            paragraphs=tuple(section.paragraphs),
            recommendations=tuple(self._recommendation(rec, level) for rec in section.recommendations),
            provenance=tuple(section.provenance),
            address=self.sitemap.resolve(section.id),
            short_link=short_link(section.id),
            terms=self._terms_in(own),
        )

    def _recommendation(self, rec: Recommendation, level: int) -> RecommendationView:
        return RecommendationView(
            id=rec.id,
            short=short_form(rec),
            text=rec.text,
            steps=tuple(_step(step) for step in rec.steps),
            numbered=rec.steps_style == "numbered",
            closing=tuple(rec.closing),
            explanation=tuple(ExplanationView(b.heading, tuple(b.paragraphs)) for b in rec.explanation),
            references=tuple(rec.references),
            last_reviewed=day(rec.last_reviewed) if rec.last_reviewed else None,
            level=level,
            explanation_level=level + 1,
            explanation_anchor=explanation_anchor(rec.id),
            address=self.sitemap.resolve(rec.id),
            short_link=short_link(rec.id),
            embed=embed_card(rec.id),
            checklists=tuple(self.cited_by.get(rec.id, ())),
            terms=self._terms_in(reader_texts(rec)),
        )

    # Checklists --------------------------------------------------------------------------

    def _checklist(self, checklist: Checklist) -> ChecklistView:
        groups = tuple(
            ChecklistGroupView(g.title, tuple(self._item(i) for i in g.items), GROUP_LINK_ID.format(number=number))
            for number, g in enumerate(checklist.groups, 1)
        )
        groups = groups or (ChecklistGroupView(None, tuple(self._item(i) for i in checklist.items)),)
        items = checklist.all_items()
        address = self.sitemap.resolve(checklist.id)
        questionnaire = Address(questionnaire_file(checklist.id))
        cited = {guideline.id for item in items for rec_id in item.cites if (guideline := self.index[rec_id].guideline)}
        return ChecklistView(
            id=checklist.id,
            title=checklist.title,
            purpose=checklist.purpose,
            when_to_use=checklist.when_to_use,
            groups=groups,
            item_count=len(items),
            required_count=sum(1 for item in items if item.required),
            address=address,
            short_link=short_link(checklist.id),
            embed=embed_card(checklist.id),
            page_url=self.base.page_url(address),
            sheet_file=Address(checklist_sheet_file(checklist.id)),
            guidelines=frozenset(cited),
            terms=self._terms_in(reader_texts(checklist)),
            schedule=self._schedule(checklist.schedule),
            questionnaire=questionnaire,
            questionnaire_url=self.base.canonical_url(questionnaire),
        )

    def _schedule(self, schedule: Schedule | None) -> ScheduleView | None:
        if schedule is None:
            return None
        return ScheduleView(
            source=self._cited(schedule.source),
            source_url=self.base.short_link_url(schedule.source),
            quote=schedule.quote,
            rrule=schedule.rrule,
        )

    def _item(self, item: ChecklistItem) -> ChecklistItemView:
        return ChecklistItemView(
            id=item.id,
            text=item.text,
            help=item.help,
            required=item.required,
            text_hash=hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:12],
            sources=tuple(self._cited(rec_id) for rec_id in item.cites),
        )

    def _cited(self, rec_id: str) -> CitedRecommendation:
        rec = self.index[rec_id].recommendation
        assert rec is not None
        return CitedRecommendation(rec_id, self.sitemap.resolve(rec_id), rec.text, short_form(rec))

    # Glossary ----------------------------------------------------------------------------

    def _glossary(self, guidelines: tuple[GuidelineView, ...]) -> tuple[TermView, ...]:
        usage: dict[str, list[Usage]] = {}
        for g in guidelines:
            for chapter in g.chapters:
                for section in chapter.sections:
                    parts: list[SectionView | RecommendationView] = [section, *section.recommendations]
                    for part in parts:
                        for term_id in self._in_glossary_order(part.terms):
                            usage.setdefault(term_id, []).append(Usage(f"{g.code} · {part.id}", part.address, part.id))
        return tuple(
            TermView(
                id=term.id,
                term=term.term,
                kind=GLOSSARY_KIND_LABEL[term.kind],
                abbreviation=term.kind == "abbreviation",
                expansion=term.expansion,
                address=self.sitemap.resolve(term.id),
                used_in=tuple(usage.get(term.id, ())),
            )
            for term in sorted(self.terms, key=lambda t: t.term.lower())
        )

    def _in_glossary_order(self, term_ids: frozenset[str]) -> list[str]:
        return [term.id for term in self.terms if term.id in term_ids] if term_ids else []

    def _terms_in(self, texts: Iterable[str]) -> frozenset[str]:
        """The glossary terms that `texts` use: by the term's own word, or by a `ref:` link."""
        text = " ".join(texts)
        referred = set(ref_targets(text)) if "ref:" in text else set()
        return frozenset(t.id for t in self.terms if t.id in referred or _mentions(text, t.term))


def _step(step: Step) -> StepView:
    return StepView(step.text, tuple(_step(s) for s in step.steps))


def _about(g: Guideline) -> tuple[AboutPart, ...]:
    about = [AboutPart(tekst("richtlijn.over.versie"), g.version, "versie")] if g.version else []
    if g.published:
        about.append(AboutPart(tekst("richtlijn.over.gepubliceerd"), dutch_date(g.published.isoformat()), "datum"))
    if g.revised:
        about.append(AboutPart(tekst("richtlijn.over.herzien"), dutch_date(g.revised.isoformat()), "datum"))
    return tuple(about)


UNRELEASED_LABEL = tekst("versie.concept")


def release_label(release: str) -> str:
    """How every page and PDF names its version: a build that was never released says so plainly."""
    return UNRELEASED_LABEL if release == DEFAULT_RELEASE else tekst("versie.uitgebracht", versie=release)


def _provenance(g: Guideline) -> ProvenanceView | None:
    p = g.publisher
    if p is None:
        return None
    facts = []
    if p.authorised_by:
        facts.append(AboutPart("geautoriseerd door", p.authorised_by, "tekst"))
    if p.copyright:
        facts.append(AboutPart("©", p.copyright, "tekst"))
    if p.year:
        facts.append(AboutPart("versie", str(p.year), "versie"))
    return ProvenanceView(
        p.facts_from,
        p.url,
        p.authorised_by,
        p.copyright,
        p.cite_as,
        p.year,
        p.permission,
        facts=tuple(facts),
        separate_source=p.facts_from != p.url,
        url_text=_address_text(p.url) if p.url else "",
        facts_from_text=_address_text(p.facts_from),
    )


def _address_text(url: str) -> str:
    """A web address as words: what a reader would type, without the scheme and "www."."""
    return re.sub(r"^https?://(www\.)?", "", url)


def _attribution(guidelines: tuple[GuidelineView, ...]) -> Attribution:
    facts = [g.provenance for g in guidelines if g.provenance is not None]
    return Attribution(
        permissions=tuple(dict.fromkeys(p.permission for p in facts if p.permission)),
        authorised_by=tuple(dict.fromkeys(p.authorised_by for p in facts if p.authorised_by)),
    )


def _mentions(text: str, term: str) -> bool:
    # The substring test first: most parts mention no term, and it is far cheaper than the regex.
    return term in text and _whole_word(term).search(text) is not None


@cache
def _whole_word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
