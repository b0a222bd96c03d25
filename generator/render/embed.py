"""Cards for intranets: `embed/<id>/` for every recommendation and checklist, a page an intranet
puts in an `<iframe>`.

A card is not a page of the site: no theme, no script, no search, nothing stored. It is one small
HTML file (at most 10 KB) with its style inline: the id, the text (a checklist's title and items),
the guideline, the version, and "Lees verder in de richtlijn", which opens the recommendation's
short link, as an absolute address, in the intranet's whole window. The text goes through the
same sanitised Markdown-to-HTML path as the PDFs (render/markup.py): a `ref:` link becomes
plain words, as the card holds nothing to link to.

Its address comes from render/addresses.py (`embed_card`); a release's `latest/` alias holds the
newest version's cards, so `/latest/embed/<id>/` follows every new version. The policy step
(write/csp.py) gives the cards a policy of their own: no script at all, and only their own style.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from markupsafe import Markup

from generator.render.addresses import embed_page
from generator.render.markup import blocks, inline
from generator.render.teksten import tekst
from generator.render.templates import TEMPLATES_DIR, template_environment
from generator.render.view import ChecklistView, GuidelineView, PublicationView, RecommendationView

EMBED_TEMPLATES = TEMPLATES_DIR / "embed"
# The bytes a card may have: an intranet loads one in every page that shows it. The policy step
# (write/csp.py) adds its two meta elements after this one renders: room is kept for them.
CARD_LIMIT = 10 * 1024
POLICY_ROOM = 512
# How tall the frame of the copied code is, in CSS pixels: an estimate from the text's length at
# the width of a sidebar (some 45 characters a line). A longer card scrolls inside its frame; an
# administrator may change the height in the code.
LINE_HEIGHT = 24
CHARACTERS_PER_LINE = 45
FRAME_CHROME = 190  # padding, the heading, the guideline, the version and the link
FRAME_HEIGHTS = (240, 900)

DocsTree = dict[str, str | bytes]
Part = TypeVar("Part", RecommendationView, ChecklistView, str)


@dataclass(frozen=True)
class CardFooter:
    """What every card says about where it comes from, and where to read on."""

    guidelines: str  # "Richtlijn: Uithuisplaatsing en terugplaatsing"
    version: str  # "Versie 2026.2", with the guideline's own version where it has one
    read_more: str  # the short link, absolute: the card lives in another site's page


@dataclass(frozen=True)
class Card(Generic[Part]):
    """A card: its file, the document's <title>, its heading, what it shows and its footer.

    `part` is a recommendation (templates/embed/recommendation.html.j2), a checklist
    (checklist.html.j2), or, for a part whose whole text would pass CARD_LIMIT, the short form the
    site names it by (short.html.j2): a guideline's text is never cut off in the middle."""

    path: str
    title: str
    heading: str
    part: Part
    footer: CardFooter


@dataclass(frozen=True)
class EmbedCode:
    """What "Kopieer insluitcode" puts in its frame: the card's title and a height to start with."""

    title: str
    height: int


def render_embed_cards(view: PublicationView) -> DocsTree:
    """A card per recommendation and per checklist, and one under each former id of either, which
    shows the part as it is now (as the short link of a former id leads to its current place)."""
    env = template_environment(EMBED_TEMPLATES, filters=_filters())
    recommendation_template = env.get_template("recommendation.html.j2")
    checklist_template = env.get_template("checklist.html.j2")
    short_template = env.get_template("short.html.j2")

    def within_limit(html: str, card: Card[Any], short: str) -> str:
        if len(html.encode("utf-8")) <= CARD_LIMIT - POLICY_ROOM:
            return html
        return short_template.render(card=replace(card, part=short))

    out: DocsTree = {}
    for guideline, rec in recommendations(view):
        card = recommendation_card(view, guideline, rec)
        out[rec.embed.page] = within_limit(recommendation_template.render(card=card), card, rec.short)
    for checklist in view.checklists:
        list_card = checklist_card(view, checklist)
        out[checklist.embed.page] = within_limit(checklist_template.render(card=list_card), list_card, checklist.size)
    for former, current in view.sitemap.former.items():
        if embed_page(current) in out:
            out[embed_page(former)] = out[embed_page(current)]
    return out


def recommendations(view: PublicationView) -> Iterable[tuple[GuidelineView, RecommendationView]]:
    for guideline in view.guidelines:
        for chapter in guideline.chapters:
            for rec in chapter.recommendations:
                yield guideline, rec


def recommendation_card(view: PublicationView, guideline: GuidelineView, rec: RecommendationView) -> Card[RecommendationView]:
    return Card(
        path=rec.embed.page,
        title=tekst("insluiten.aanbeveling.titel", id=rec.id, richtlijn=guideline.title),
        heading=tekst("insluiten.aanbeveling.kop", id=rec.id),
        part=rec,
        footer=CardFooter(
            guidelines=tekst("insluiten.richtlijn", titels=guideline.title),
            version=_version(view, guideline.version),
            read_more=view.base.short_link_url(rec.id),
        ),
    )


def checklist_card(view: PublicationView, checklist: ChecklistView) -> Card[ChecklistView]:
    titles = [g.title for g in view.guidelines if g.id in checklist.guidelines]
    named = ", ".join(titles)
    guidelines = tekst("insluiten.richtlijn", titels=named) if len(titles) == 1 else tekst("insluiten.richtlijnen", titels=named)
    return Card(
        path=checklist.embed.page,
        title=tekst("insluiten.checklist.titel", titel=checklist.title),
        heading=checklist.title,
        part=checklist,
        footer=CardFooter(
            guidelines=guidelines,
            version=_version(view, None),
            read_more=view.base.short_link_url(checklist.id),
        ),
    )


def recommendation_code(guideline: GuidelineView, rec: RecommendationView) -> EmbedCode:
    texts = [rec.text, *_step_texts(rec.steps), *rec.closing]
    return EmbedCode(tekst("insluiten.aanbeveling.frame", id=rec.id, richtlijn=guideline.title), _height(texts))


def checklist_code(view: PublicationView, checklist: ChecklistView) -> EmbedCode:
    texts = [checklist.title, *(g.title or "" for g in checklist.groups), *(i.text for g in checklist.groups for i in g.items)]
    title = tekst("insluiten.checklist.frame", titel=checklist.title, publicatie=view.site_name)
    return EmbedCode(title, _height(texts))


def _height(texts: Iterable[str]) -> int:
    lines = sum(math.ceil(len(text) / CHARACTERS_PER_LINE) + 1 for text in texts if text)
    low, high = FRAME_HEIGHTS
    return max(low, min(high, FRAME_CHROME + LINE_HEIGHT * lines))


def _step_texts(steps: Iterable[Any]) -> list[str]:
    return [text for step in steps for text in (step.text, *_step_texts(step.steps))]


def _version(view: PublicationView, guideline_version: str | None) -> str:
    if guideline_version is None:
        return view.release_label
    return tekst("insluiten.versie_richtlijn", versie=view.release_label, richtlijnversie=guideline_version)


def _no_anchor(_target_id: str) -> None:
    return None


def _filters() -> dict[str, Callable[..., Any]]:
    """Guideline text as HTML, through the print path's Markdown and sanitiser; a `ref:` link is
    plain words (there is nothing on the card to link to)."""

    def blocks_filter(text: str) -> Markup:
        return blocks(text, _no_anchor)

    def inline_filter(text: str) -> Markup:
        return inline(text, _no_anchor)

    return {"blocks": blocks_filter, "inline": inline_filter}
