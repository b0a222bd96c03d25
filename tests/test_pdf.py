"""The printed outputs: the A6 zakgids, the A6 guide per guideline and the A4 werkkaarten, checked
by their structure, never their bytes. The PDFs come from the session's site build (`built_site`);
`richtlijnen pdf` runs once, on the small fixture tree. Caching and parallel rendering:
tests/test_pdf_cache.py; dates, versions, ids and addresses that are never hyphenated, and the
build date: tests/test_dates.py."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.model.corpus import Corpus
from generator.model.markdown import MARKDOWN_LINK
from generator.problems import BuildError
from generator.render import markup
from generator.render.addresses import SiteMap, link
from generator.render.pages import SitePages
from generator.render.pdf import render as pdf_render
from generator.render.pdf.views import PdfViewBuilder, TocEntry, dutch_date
from generator.render.settings import SiteSettings
from generator.render.view import ChecklistGroupView, publication_view, short_form
from generator.stages import read_corpus
from tests.conftest import BUILD_DATE, MINIMAL, REPO

# WeasyPrint makes the PDFs before the engine runs: one run, on MkDocs, looks at them (conftest.py).
pytestmark = pytest.mark.engine_independent

MM = 72 / 25.4
A6 = (105 * MM, 148 * MM)
A4 = (210 * MM, 297 * MM)
# Printers leave an unprinted edge of a few millimetres; nothing may stand there.
PRINT_EDGE = 4 * MM
# Line breaks, and the hyphens WeasyPrint adds when it hyphenates (U+2010) or that the text has.
SPACE_AND_HYPHENS = re.compile(r"[\s\-\u2010\u00ad]+")
# What WeasyPrint prints where it hyphenates a word: U+2010 (or a soft hyphen) at a line end.
ADDED_HYPHEN = re.compile(r"[\u2010\u00ad]\n")
# Placeholders a template might leave in print: <id>, {{ … }}, {% … %}, TODO, XXX.
PLACEHOLDER = re.compile(r"<[a-z][\w-]*>|\{\{|\}\}|\{%|%\}|\bTODO\b|\bXXX\b|\bFIXME\b", re.IGNORECASE)


@dataclass
class Pdf:
    path: Path
    reader: pypdf.PdfReader
    pages: list[str]  # text per page, as pdfplumber reads it (list markers included)
    bodies: list[str]  # the same without the running header and footer in the page margins
    chars: list[list[dict[str, Any]]]
    sizes: list[tuple[float, float]]
    # Text per page in the order it is drawn, where `pages` reads it by lines across the page: the
    # werkkaart's QR caption stands beside its title, and there the lines of the two interleave.
    flows: list[str]

    def page_of(self, anchor: str) -> int:
        """0-based page index of a named destination (an element id in the HTML)."""
        page = self.reader.get_destination_page_number(self.reader.named_destinations[anchor])
        assert page is not None, anchor
        return page

    def links_on(self, index: int) -> list[tuple[str, list[float]]]:
        found = []
        for annotation in self.reader.pages[index].get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                found.append((str(annotation["/Dest"]), [float(v) for v in annotation["/Rect"]]))
        return found


def open_pdf(path: Path, *, flow: bool = False) -> Pdf:
    reader = pypdf.PdfReader(path)
    with pdfplumber.open(path) as plumber:
        pages = [page.extract_text() or "" for page in plumber.pages]
        # Both the zakgids and the sheets keep their header and footer 10 mm or more from the edge.
        bodies = [
            page.within_bbox((0, 10 * MM, page.width, page.height - 10 * MM)).extract_text() or "" for page in plumber.pages
        ]
        chars = [list(page.chars) for page in plumber.pages]
        sizes = [(float(page.width), float(page.height)) for page in plumber.pages]
        flows = [page.extract_text(use_text_flow=True) or "" for page in plumber.pages] if flow else []
    return Pdf(path, reader, pages, bodies, chars, sizes, flows)


def squeeze(text: str) -> str:
    return SPACE_AND_HYPHENS.sub("", text)


def plain(markdown_text: str) -> str:
    """The words a reader sees: link labels instead of link syntax, no emphasis markers."""
    return MARKDOWN_LINK.sub(lambda m: m.group("label"), markdown_text).replace("**", "").replace("*", "")


def decode_qr_codes(pdf: Path, page_index: int, scratch: Path) -> set[str]:
    prefix = scratch / f"{pdf.stem}-{page_index}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "300", "-f", str(page_index + 1), "-l", str(page_index + 1), str(pdf), str(prefix)],
        check=True,
    )
    (image,) = scratch.glob(f"{prefix.name}*.png")
    completed = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=False)
    return set(completed.stdout.split())


@pytest.fixture(scope="module")
def guide(built_site: Path) -> Pdf:
    return open_pdf(built_site / "downloads" / "zakgids.pdf")


@pytest.fixture(scope="module")
def sheets(built_site: Path, corpus: Corpus) -> dict[str, Pdf]:
    return {c.id: open_pdf(built_site / "downloads" / "checklists" / f"{c.id}.pdf", flow=True) for c in corpus.checklists}


@pytest.fixture(scope="module")
def guideline_guides(built_site: Path, corpus: Corpus) -> dict[str, Pdf]:
    """The A6 guide of each guideline, by guideline id."""
    folder = built_site / "downloads" / "richtlijnen"
    return {entry.guideline.id: open_pdf(folder / f"{entry.guideline.slug}.pdf") for entry in corpus.guidelines}


@pytest.fixture(scope="module")
def toc(corpus: Corpus, settings: SiteSettings) -> tuple[TocEntry, ...]:
    return PdfViewBuilder(corpus, settings).zakgids().toc


@pytest.fixture(scope="module")
def build_date() -> str:
    """The session's site is built with a fixed date (SOURCE_DATE_EPOCH), not today's."""
    return dutch_date(BUILD_DATE)


def page_url(corpus: Corpus, settings: SiteSettings, target_id: str) -> str:
    return settings.site_url + SiteMap(corpus).resolve(target_id).url


Outline = list[tuple[str, int | None, list[Any]]]


def outline_of(pdf: Pdf) -> Outline:
    """The bookmarks as (title, 0-based page, children)."""

    def tree(items: list[Any]) -> Outline:
        out: Outline = []
        for item in items:
            if isinstance(item, list):
                title, page, _ = out[-1]
                out[-1] = (title, page, tree(item))
            else:
                out.append((str(item.title), pdf.reader.get_destination_page_number(item), []))
        return out

    return tree(pdf.reader.outline)


def recommendation_ids(corpus: Corpus, guideline_id: str | None = None) -> set[str]:
    return {
        t.id
        for t in corpus.recommendations()
        if guideline_id is None or (t.guideline is not None and t.guideline.id == guideline_id)
    }


# --- Paper ------------------------------------------------------------------------------------


def test_guide_is_a6_and_sheets_are_a4(guide: Pdf, guideline_guides: dict[str, Pdf], sheets: dict[str, Pdf]) -> None:
    for pdf in [guide, *guideline_guides.values()]:
        assert all(size == pytest.approx(A6, abs=1) for size in pdf.sizes), pdf.path.name
    for sheet in sheets.values():
        assert all(size == pytest.approx(A4, abs=1) for size in sheet.sizes), sheet.path.name


def test_no_character_outside_the_printable_area(guide: Pdf, guideline_guides: dict[str, Pdf], sheets: dict[str, Pdf]) -> None:
    for pdf in [guide, *guideline_guides.values(), *sheets.values()]:
        for index, (chars, (width, height)) in enumerate(zip(pdf.chars, pdf.sizes, strict=True)):
            outside = [
                c["text"]
                for c in chars
                if c["x0"] < PRINT_EDGE
                or c["x1"] > width - PRINT_EDGE
                or c["top"] < PRINT_EDGE
                or c["bottom"] > height - PRINT_EDGE
            ]
            assert outside == [], f"{pdf.path.name} pagina {index + 1}: {''.join(outside)[:60]}"


def test_fonts_are_embedded(guide: Pdf, guideline_guides: dict[str, Pdf], sheets: dict[str, Pdf]) -> None:
    for pdf in [guide, *guideline_guides.values(), *sheets.values()]:
        listing = subprocess.run(["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:]]
        assert rows, pdf.path.name
        for row in rows:
            # name, type…, encoding, emb, sub, uni, object, generation: 'emb' is the fifth field from the end.
            assert row[-5] == "yes", f"{pdf.path.name}: {row[0]} niet ingebed"
            assert "Noto-Sans" in row[0], row[0]


def test_pdfs_are_tagged_and_dutch(guide: Pdf, guideline_guides: dict[str, Pdf], sheets: dict[str, Pdf]) -> None:
    for pdf in [guide, *guideline_guides.values(), *sheets.values()]:
        catalog: Any = pdf.reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog, pdf.path.name
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert catalog["/Lang"] == "nl"
        assert pdf.reader.metadata is not None and pdf.reader.metadata.title


# --- The zakgids ------------------------------------------------------------------------------


def test_cover_has_title_version_and_date(guide: Pdf, settings: SiteSettings, build_date: str) -> None:
    cover = guide.pages[0]
    assert "ZAKGIDS" in cover  # in capitals by CSS; tagged text follows what is printed
    assert settings.site_name in cover.replace("\n", " ")
    assert f"Publicatie {settings.release}" in cover
    assert f"Gemaakt op {build_date}" in cover


def test_every_recommendation_with_its_id_and_opening_words(guide: Pdf, corpus: Corpus) -> None:
    for target in corpus.recommendations():
        assert target.recommendation is not None
        page = guide.page_of(target.id)
        # The text may run on to the next page; the id and its heading never wrap.
        text = guide.bodies[page] + guide.bodies[page + 1]
        assert target.id in guide.pages[page], target.id
        opening = " ".join(plain(target.recommendation.text).split()[:8])
        assert squeeze(opening) in squeeze(text), target.id


def test_every_recommendation_is_headed_by_its_id_and_short_form(guide: Pdf, corpus: Corpus) -> None:
    """Not by the bare word "Aanbeveling": its id, and under it its title or first sentence."""
    for target in corpus.recommendations():
        assert target.recommendation is not None
        page = guide.page_of(target.id)
        lines = "\n".join(guide.bodies[page : page + 2]).splitlines()
        (at,) = [index for index, line in enumerate(lines) if line.strip() == target.id]
        heading = squeeze(" ".join(lines[at + 1 : at + 5]))
        assert heading.startswith(squeeze(plain(short_form(target.recommendation)))), target.id
    assert "Aanbeveling\n" not in "\n".join(guide.bodies)


def publication_order() -> list[str]:
    """The guideline ids as the bundled content/volgorde.yaml orders them."""
    order = yaml.safe_load((REPO / "content" / "volgorde.yaml").read_text("utf-8"))["guidelines"]
    assert isinstance(order, list)
    return [str(guideline_id) for guideline_id in order]


def test_guidelines_follow_the_order_the_content_sets(guide: Pdf, corpus: Corpus) -> None:
    """content/volgorde.yaml sets an order that is not the folders' (which opened with a guideline
    without recommendations); the table of contents, the bookmarks and the pages follow it."""
    order = publication_order()
    titles = {entry.guideline.id: entry.guideline.title for entry in corpus.guidelines}
    assert set(order) == set(titles)
    assert order != [entry.guideline.id for entry in sorted(corpus.guidelines, key=lambda entry: entry.folder.name)]
    assert [title for title, _, _ in outline_of(guide)][: len(order)] == [titles[i] for i in order]
    toc = " ".join(guide.pages[guide.page_of("zakgids_inhoud")].split())
    positions = [toc.index(titles[i]) for i in order]
    assert positions == sorted(positions)
    pages = [guide.page_of(i) for i in order]
    assert pages == sorted(pages) and pages[0] == guide.page_of("zakgids_inhoud") + 1


def test_guidelines_left_out_of_the_order_follow_in_folder_order(tmp_path: Path, settings: SiteSettings) -> None:
    tree = tmp_path / "tree"
    for folder in ("content", "checklists", "sources"):
        shutil.copytree(REPO / folder, tree / folder)
    order_file = tree / "content" / "volgorde.yaml"
    order_file.unlink()
    unset = read_corpus(tree / "content", tree / "checklists")
    folders = [entry.guideline.id for entry in unset.guidelines]
    assert [entry.folder.name for entry in unset.guidelines] == sorted(entry.folder.name for entry in unset.guidelines)
    last_two = folders[-2:]
    order_file.write_text("guidelines:\n" + "".join(f"  - {i}\n" for i in last_two), "utf-8")
    partial = read_corpus(tree / "content", tree / "checklists")
    assert [entry.guideline.id for entry in partial.guidelines] == [*last_two, *folders[:-2]]
    toc = PdfViewBuilder(partial, settings).zakgids().toc
    assert [entry.anchor for entry in toc if entry.level == 1][: len(folders)] == [*last_two, *folders[:-2]]


def test_home_page_and_navigation_follow_the_order_the_content_sets(built_site: Path, corpus: Corpus) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    slugs = {entry.guideline.id: entry.guideline.slug for entry in corpus.guidelines}
    order = publication_order()
    for part in (home[home.index('id="richtlijnen"') :], home[home.index("md-nav--primary") :]):
        positions = [part.index(f'href="{slugs[i]}/"') for i in order]
        assert positions == sorted(positions)


def test_every_step_closing_and_explanation_is_there(guide: Pdf, corpus: Corpus) -> None:
    everything = squeeze("".join(guide.bodies))
    for target in corpus.recommendations():
        rec = target.recommendation
        assert rec is not None
        parts = [step.text for step in rec.steps] + [sub.text for step in rec.steps for sub in step.steps]
        parts += list(rec.closing) + [p for block in rec.explanation for p in block.paragraphs] + list(rec.references)
        for part in parts:
            assert squeeze(plain(part)) in everything, f"{target.id}: {part[:50]}"


def test_steps_are_numbered_or_bulleted_and_nested(guide: Pdf) -> None:
    steps = guide.pages[guide.page_of("sbh-beslisproces")]
    assert "1. Verhelder de vraag." in steps
    assert "4. Beslis over passende hulp:" in steps
    assert "a. Verken en mobiliseer" in steps  # a sub-step, numbered within its step
    bullets = guide.pages[guide.page_of("sbh-vraagverheldering")]
    assert "• Bij een alledaags of licht probleem" in bullets


def test_references_to_other_parts_are_internal_links(guide: Pdf) -> None:
    # sbh-vraagverheldering: "… raadpleeg je de richtlijn [Uithuisplaatsing en terugplaatsing](ref:uithuisplaatsing)."
    page = guide.page_of("sbh-vraagverheldering")
    destinations = {dest for dest, _ in guide.links_on(page) + guide.links_on(page + 1)}
    assert "uithuisplaatsing" in destinations
    assert "raadpleeg je de richtlijn Uithuisplaatsing en terugplaatsing." in " ".join(
        guide.bodies[page].split() + guide.bodies[page + 1].split()
    )


def test_sections_without_text_say_so(guide: Pdf, corpus: Corpus) -> None:
    unavailable = [t for t in corpus.targets() if t.kind == "uitgangsvraag" and t.section and not t.section.text_available]
    assert unavailable
    for target in unavailable:
        page = guide.pages[guide.page_of(target.id)]
        assert "Tekst nog niet beschikbaar" in page, target.id


def test_bookmarks_are_guidelines_with_their_chapters(guide: Pdf, corpus: Corpus) -> None:
    outline = outline_of(guide)
    expected = [(entry.guideline.title, [chapter.numbered_title for chapter in entry.chapters]) for entry in corpus.guidelines]
    expected += [("Checklists", [c.title for c in corpus.checklists]), ("Begrippen en afkortingen", []), ("Colofon", [])]
    assert [(title, [child[0] for child in children]) for title, _, children in outline] == expected
    for entry, (_, page, children) in zip(corpus.guidelines, outline, strict=False):
        assert page == guide.page_of(entry.guideline.id)
        assert [child[1] for child in children] == [guide.page_of(chapter.id) for chapter in entry.chapters]


def test_toc_links_lead_to_the_pages_it_prints(guide: Pdf, toc: tuple[TocEntry, ...]) -> None:
    toc_page = guide.page_of("zakgids_inhoud")
    with pdfplumber.open(guide.path) as plumber:
        page = plumber.pages[toc_page]
        height = float(page.height)
        words = page.extract_words()
    links = guide.links_on(toc_page)
    assert {dest for dest, _ in links} == {entry.anchor for entry in toc}
    for entry in toc:
        # An entry is one link in several boxes (title, leader, number); the number ends the last one.
        x0, y0, _, y1 = max((rect for dest, rect in links if dest == entry.anchor), key=lambda r: (-r[1], r[2]))
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        numbers = [w["text"] for w in words if w["top"] >= top - 1 and w["bottom"] <= bottom + 1 and w["x0"] >= x0 - 1]
        numbers = [n for n in numbers if n.isdigit()]
        assert numbers, entry.title
        target = guide.page_of(entry.anchor)
        assert int(numbers[-1]) == target + 1, entry.title
        assert squeeze(entry.title)[:20] in squeeze(guide.pages[target]), entry.title


def test_running_header_and_page_numbers(guide: Pdf, corpus: Corpus) -> None:
    total = len(guide.pages)
    for index, text in enumerate(guide.pages[1:], start=1):
        assert f"{index + 1} / {total}" in text
    starts = [guide.page_of(entry.guideline.id) for entry in corpus.guidelines] + [guide.page_of("zakgids_checklists")]
    for entry, start, end in zip(corpus.guidelines, starts, starts[1:], strict=False):
        for index in range(start, end):
            assert guide.pages[index].splitlines()[0] == entry.guideline.title, index + 1
    assert not re.search(r"\d+ / \d+", guide.pages[0])  # no page number on the cover


def test_checklists_are_forms_with_sources(guide: Pdf, corpus: Corpus) -> None:
    for checklist in corpus.checklists:
        start = guide.page_of(checklist.id)
        text = squeeze("".join(guide.bodies[start : start + 4]))
        for item in checklist.all_items():
            assert squeeze(plain(item.text)) in text, item.id
            assert all(squeeze(rec_id) in text for rec_id in item.cites)
    # An empty box per item: a stroked square drawn before the item's text.
    with pdfplumber.open(guide.path) as plumber:
        page = plumber.pages[guide.page_of(corpus.checklists[0].id)]
        boxes = [r for r in page.rects if abs(r["width"] - r["height"]) < 0.5 and 8 < r["width"] < 12]
    assert boxes


def test_glossary_gives_expansions_only_where_the_content_does(guide: Pdf, corpus: Corpus) -> None:
    text = guide.pages[guide.page_of("zakgids_begrippen")]
    for term in corpus.glossary.terms:
        assert term.term in text
        if term.expansion:
            assert term.expansion in text


def test_colophon_names_sources_version_date_and_website(
    guide: Pdf, corpus: Corpus, settings: SiteSettings, build_date: str
) -> None:
    text = " ".join("".join(guide.pages[guide.page_of("zakgids_colofon") :]).split())
    assert "De website heeft altijd de actuele versie" in text
    assert settings.site_url in text
    assert f"publicatie {settings.release}, gemaakt op {build_date}" in text
    for entry in corpus.guidelines:
        assert f"{entry.guideline.title} ({entry.guideline.code})" in text


def test_no_placeholder_in_any_pdf(
    guide: Pdf, guideline_guides: dict[str, Pdf], sheets: dict[str, Pdf], corpus: Corpus, settings: SiteSettings
) -> None:
    for pdf in [guide, *guideline_guides.values(), *sheets.values()]:
        assert PLACEHOLDER.findall("\n".join(pdf.pages)) == [], pdf.path.name
    # Where the colophon explains short links, it shows a real one: the first recommendation's.
    colophon = " ".join("".join(guide.pages[guide.page_of("zakgids_colofon") :]).split())
    first = next(corpus.recommendations()).id
    assert squeeze(f"zoals die van {first}: {settings.site_url}r/{first}/") in squeeze(colophon)


def test_qr_codes_lead_to_the_same_pages_online(
    guide: Pdf, sheets: dict[str, Pdf], corpus: Corpus, settings: SiteSettings, tmp_path: Path
) -> None:
    # Every code the view model gives leads to its page; one printed code of each kind is read
    # back from the page image (reading all thirteen took half a minute of the suite).
    view = PdfViewBuilder(corpus, settings).zakgids()
    for target_id in [*(entry.guideline.id for entry in corpus.guidelines), *(c.id for c in corpus.checklists)]:
        assert view.qr[target_id].url == page_url(corpus, settings, target_id)
    assert settings.site_url in decode_qr_codes(guide.path, 0, tmp_path)
    first_guideline, first_checklist = corpus.guidelines[0].guideline.id, corpus.checklists[0].id
    assert page_url(corpus, settings, first_guideline) in decode_qr_codes(guide.path, guide.page_of(first_guideline), tmp_path)
    expected = page_url(corpus, settings, first_checklist)
    assert expected in decode_qr_codes(guide.path, guide.page_of(first_checklist), tmp_path)
    assert expected in decode_qr_codes(sheets[first_checklist].path, 0, tmp_path)


def test_qr_codes_of_a_release_point_into_that_version(corpus: Corpus, settings: SiteSettings) -> None:
    versioned = dataclasses.replace(settings, site_url=f"{settings.site_url}2026.2/", release="2026.2")
    guide = PdfViewBuilder(corpus, versioned).zakgids()
    assert guide.qr[guide.guidelines[0].id].url.startswith("https://richtlijnen.example.org/2026.2/")
    assert guide.qr[guide.checklists[0].id].url == f"https://richtlijnen.example.org/2026.2/checklists/{corpus.checklists[0].id}/"
    assert guide.short_link_example.url == f"https://richtlijnen.example.org/2026.2/r/{guide.short_link_example.id}/"
    # "De actuele versie staat op …": the root, which leads to the newest version, not this frozen one.
    assert guide.publication.home_qr.url == "https://richtlijnen.example.org/"


# --- The guide per guideline -------------------------------------------------------------------


def test_guideline_guide_holds_its_guideline_its_checklists_and_no_other_guideline(
    guideline_guides: dict[str, Pdf], corpus: Corpus, settings: SiteSettings
) -> None:
    all_recommendations = recommendation_ids(corpus)
    with_glossary = foreign_sources = 0
    for entry in corpus.guidelines:
        g = entry.guideline
        pdf = guideline_guides[g.id]
        own = recommendation_ids(corpus, g.id)
        citing = [c for c in corpus.checklists if any(rid in own for item in c.all_items() for rid in item.cites)]
        cover = squeeze(pdf.pages[0])
        assert squeeze(g.title) in cover and squeeze(f"Richtlijn {g.code} uit de {settings.site_name}") in cover
        expected = [(g.title, [chapter.numbered_title for chapter in entry.chapters])]
        expected += [("Checklists", [c.title for c in citing])] if citing else []
        has_glossary = "zakgids_begrippen" in pdf.reader.named_destinations
        expected += [("Begrippen en afkortingen", [])] if has_glossary else []
        expected += [("Colofon", [])]
        assert [(title, [child[0] for child in children]) for title, _, children in outline_of(pdf)] == expected, g.id
        # Every recommendation of its own has its anchor; no other guideline's recommendation has one.
        anchors = set(pdf.reader.named_destinations)
        assert own <= anchors, g.id
        assert not (anchors & (all_recommendations - own)), g.id
        # Another guideline's id only shows as the source of a checklist item that this guide holds.
        text = "\n".join(pdf.bodies).replace("-\n", "-")  # an id may wrap after one of its hyphens
        shown = {rid for rid in all_recommendations - own if re.search(rf"(?<![\w-]){re.escape(rid)}(?![\w-])", text)}
        assert shown <= {rid for c in citing for item in c.all_items() for rid in item.cites}, g.id
        foreign_sources += len(shown)
        if has_glossary:
            with_glossary += 1
            glossary_page = pdf.page_of("zakgids_begrippen")
            before = squeeze("".join(pdf.bodies[:glossary_page]))
            terms = [t for t in corpus.glossary.terms if t.id in anchors]
            assert terms, g.id
            assert all(squeeze(term.term) in before for term in terms), g.id  # only terms that it uses
    assert 0 < with_glossary < len(corpus.guidelines)  # both cases occur in the bundled content
    assert foreign_sources > 0  # overdracht-na-crisishulp cites two guidelines


def test_references_to_another_guideline_are_plain_words_in_a_guideline_guide(guideline_guides: dict[str, Pdf]) -> None:
    # The same sentence as in test_references_to_other_parts_are_internal_links: in the guide of
    # samen-beslissen, the guideline it refers to is not there to link to.
    pdf = guideline_guides["samen-beslissen"]
    page = pdf.page_of("sbh-vraagverheldering")
    assert "raadpleeg je de richtlijn Uithuisplaatsing en terugplaatsing." in " ".join(
        pdf.bodies[page].split() + pdf.bodies[page + 1].split()
    )
    destinations = {dest for index in range(len(pdf.pages)) for dest, _ in pdf.links_on(index)}
    assert "uithuisplaatsing" not in destinations
    assert destinations <= set(pdf.reader.named_destinations)


def test_guideline_guide_qr_codes_lead_to_its_page(
    guideline_guides: dict[str, Pdf], corpus: Corpus, settings: SiteSettings, tmp_path: Path
) -> None:
    entry = corpus.guidelines[0]
    pdf = guideline_guides[entry.guideline.id]
    found = decode_qr_codes(pdf.path, pdf.page_of(entry.guideline.id), tmp_path)
    assert page_url(corpus, settings, entry.guideline.id) in found


# --- The werkkaarten --------------------------------------------------------------------------


def test_sheet_has_items_sources_version_date_and_room_to_write(
    sheets: dict[str, Pdf], corpus: Corpus, settings: SiteSettings, build_date: str
) -> None:
    for checklist in corpus.checklists:
        sheet = sheets[checklist.id]
        text = squeeze("".join(sheet.bodies))
        assert squeeze(checklist.title) in squeeze("".join(sheet.flows))  # beside the QR caption
        for item in checklist.all_items():
            assert squeeze(plain(item.text)) in text, item.id
            assert all(squeeze(rec_id) in text for rec_id in item.cites)
        first = " ".join(sheet.flows[0].split())
        assert f"publicatie {settings.release} · gemaakt op {build_date}" in first
        assert f"Pagina 1 / {len(sheet.pages)}" in first
        with pdfplumber.open(sheet.path) as plumber:
            page = plumber.pages[0]
            squares = [r for r in page.rects if abs(r["width"] - r["height"]) < 0.5 and 12 < r["width"] < 16]
            # A bordered box is drawn as nested squares around one centre: count it once.
            boxes = list({(round(r["x0"] + r["width"] / 2), round(r["top"] + r["height"] / 2)): r for r in squares}.values())
            # WeasyPrint draws a border as the area between two rectangles; a writing line is the
            # bottom border of a wide box indented past the tick boxes.
            lines = {
                (round(r["x0"]), round(r["top"]))
                for r in page.rects
                if r["width"] > 100 * MM and boxes and r["x0"] > max(b["x1"] for b in boxes)
            }
        assert len(boxes) >= min(len(checklist.all_items()), 5)
        assert len(lines) >= len(boxes)  # room to write under every item


def test_sheet_marks_required_items_and_explains_the_mark(sheets: dict[str, Pdf], corpus: Corpus) -> None:
    marked = 0
    for checklist in corpus.checklists:
        text = "\n".join(sheets[checklist.id].bodies)
        assert "nodig voor compleet" not in text  # the words that ran on after an item, in bold
        required = [item for item in checklist.all_items() if item.required]
        assert ("Punten met * zijn verplicht." in " ".join(text.split())) == bool(required), checklist.id
        lines = text.splitlines()
        for item in checklist.all_items():
            opening = " ".join(plain(item.text).split()[:8])
            (line,) = [line for line in lines if line.removeprefix("* ").startswith(opening)]
            assert line.startswith("* ") == item.required, (checklist.id, item.id, line)
            marked += item.required
    assert marked > 0


def test_sheet_prints_each_cited_id_with_its_short_form(sheets: dict[str, Pdf], corpus: Corpus) -> None:
    index = corpus.index()
    for checklist in corpus.checklists:
        text = squeeze("".join(sheets[checklist.id].bodies))
        for item in checklist.all_items():
            for rec_id in item.cites:
                rec = index[rec_id].recommendation
                assert rec is not None
                assert squeeze(f"{rec_id}‘{plain(short_form(rec))}’") in text, (checklist.id, rec_id)


def test_sheet_hyphenates_no_word_and_prints_caption_date_and_ids_whole(
    sheets: dict[str, Pdf], corpus: Corpus, build_date: str
) -> None:
    """The QR caption once read "ver-sie" and the date "de-cember"; A4 is wide enough for whole words."""
    for checklist in corpus.checklists:
        flows = sheets[checklist.id].flows
        text = "\n".join(flows)
        assert ADDED_HYPHEN.findall(text) == [], checklist.id
        words = " ".join(text.split())
        assert "Deze checklist online; daar zie je of er een nieuwere versie is:" in words
        assert f"gemaakt op {build_date}" in " ".join(flows[0].split())
        lines = set(text.replace("‘", "\n").split())  # an id stands whole, never split over two lines
        assert {rec_id for item in checklist.all_items() for rec_id in item.cites} <= {w.rstrip(";,") for w in lines}


def sheet_of(checklist_view: Any, corpus: Corpus, settings: SiteSettings) -> pdf_render.RenderedPdf:
    views = PdfViewBuilder(corpus, settings)
    env = pdf_render.print_environment(views.view.sitemap)
    html = env.get_template("werkkaart.html.j2").render(doc=views.werkkaart(checklist_view))
    return pdf_render.render_job(
        pdf_render.PdfJob("werkkaart", "proef.pdf", "proef", html, "werkkaart.css", pdf_render.font_faces())
    )


def test_twelve_items_and_the_notes_fit_one_sheet(
    sheets: dict[str, Pdf], corpus: Corpus, settings: SiteSettings, tmp_path: Path
) -> None:
    """Ten to twelve items once spilled the notes onto a second, nearly empty page. A checklist of
    the twelve longest item texts of the bundled ones, in three groups, fits one sheet; so does
    every bundled checklist of up to 13 items, and the longest (17) prints 12 or more on its first."""
    view = publication_view(corpus, settings)
    items = sorted((i for c in view.checklists for g in c.groups for i in g.items), key=lambda i: -len(i.text))[:12]
    assert any(item.help for item in items) and any(item.required for item in items)
    groups = tuple(ChecklistGroupView(f"Onderdeel {n + 1} van deze proef", tuple(items[n * 4 : n * 4 + 4])) for n in range(3))
    base = view.checklists[0]
    twelve = dataclasses.replace(base, groups=groups, item_count=12, required_count=sum(i.required for i in items))
    rendered = sheet_of(twelve, corpus, settings)
    (tmp_path / "twaalf.pdf").write_bytes(rendered.data)
    sheet = open_pdf(tmp_path / "twaalf.pdf")
    assert rendered.pages == 1, "12 punten passen niet op één A4"
    text = squeeze(sheet.bodies[0])
    assert all(squeeze(plain(item.text)) in text for item in items)
    assert "Aantekeningen en afspraken" in sheet.bodies[0]
    for checklist in corpus.checklists:
        pages = sheets[checklist.id].bodies
        count = len(checklist.all_items())
        if count <= 13:
            assert len(pages) == 1, checklist.id
        else:
            on_first = [i for i in checklist.all_items() if squeeze(plain(i.text)) in squeeze(pages[0])]
            assert len(on_first) >= 12 and len(pages) == 2, checklist.id
    assert max(len(c.all_items()) for c in corpus.checklists) > 13  # the longest does take two


# --- On the site and on the command line ------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.links.append((data.strip(), self._href))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None


def test_home_page_links_to_the_zakgids(built_site: Path) -> None:
    parser = _Links()
    parser.feed((built_site / "index.html").read_text("utf-8"))
    (href,) = [href for text, href in parser.links if text == "Zakgids (PDF, A6)"]
    target = (built_site / href).resolve()
    assert target == (built_site / "downloads" / "zakgids.pdf").resolve()
    assert target.read_bytes().startswith(b"%PDF-")


def test_checklist_pages_know_the_link_to_their_sheet(corpus: Corpus, settings: SiteSettings) -> None:
    view = publication_view(corpus, settings)
    page = SitePages(view, settings).checklist(view.checklists[0])
    assert page.sheet is not None
    assert link(page.path, page.sheet.address) == f"../downloads/checklists/{corpus.checklists[0].id}.pdf"
    assert SitePages(view, settings, downloads=False).checklist(view.checklists[0]).sheet is None


def test_built_checklist_pages_link_to_their_sheet(built_site: Path, corpus: Corpus) -> None:
    for checklist in corpus.checklists:
        parser = _Links()
        page_dir = built_site / "checklists" / checklist.id
        parser.feed((page_dir / "index.html").read_text("utf-8"))
        (href,) = [href for text, href in parser.links if text == "Werkkaart om te printen (PDF, A4)"]
        target = (page_dir / href).resolve()
        assert target == (built_site / "downloads" / "checklists" / f"{checklist.id}.pdf").resolve()
        assert target.read_bytes().startswith(b"%PDF-")


def test_guideline_pages_link_to_their_guide(built_site: Path, corpus: Corpus, settings: SiteSettings) -> None:
    for entry in corpus.guidelines:
        parser = _Links()
        page_dir = built_site / entry.guideline.slug
        parser.feed((page_dir / "index.html").read_text("utf-8"))
        (href,) = [href for text, href in parser.links if text == "Zakgids van deze richtlijn (PDF, A6)"]
        target = (page_dir / href).resolve()
        assert target == (built_site / "downloads" / "richtlijnen" / f"{entry.guideline.slug}.pdf").resolve()
        assert target.read_bytes().startswith(b"%PDF-")
    # The preview builds no PDFs, so its pages do not link to them.
    preview = SitePages(publication_view(corpus, settings), settings, downloads=False)
    assert all(page.guide is None for page in preview.guidelines())


@pytest.fixture(scope="module")
def pdf_command(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, subprocess.CompletedProcess[str]]]:
    out = tmp_path_factory.mktemp("pdf") / "uit"
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "generator", "pdf", "--out", str(out)),
            *("--content", str(MINIMAL / "content"), "--checklists", str(MINIMAL / "checklists"), "--release", "2027.1"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    yield out, completed


def test_pdf_command_writes_the_guide_and_a_sheet_per_checklist(
    pdf_command: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, completed = pdf_command
    assert completed.returncode == 0, completed.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        "checklists/proef-checklist.pdf",
        "richtlijnen/proefrichtlijn.pdf",
        "zakgids.pdf",
    ]
    # Progress: one Dutch line per document (rendered, or taken from the cache of an earlier run),
    # and no complaints from WeasyPrint about the templates.
    assert re.search(r"^Zakgids \(A6\): \d+ pagina's, \d+ kB \((\d+\.\d s|uit de cache)\)\.$", completed.stderr, re.MULTILINE)
    assert "Richtlijngids proefrichtlijn (A6)" in completed.stderr
    assert "Werkkaart proef-checklist (A4)" in completed.stderr
    assert re.search(r"^3 PDF's in .*: \d gemaakt( in \d+ processen)?, \d uit de cache \(", completed.stdout, re.MULTILINE)
    assert "Let op" not in completed.stderr
    guide = open_pdf(out / "zakgids.pdf")
    assert "Publicatie 2027.1" in guide.pages[0]
    assert "Tekst nog niet beschikbaar" in guide.pages[guide.page_of("proef-evalueren")]
    # An editors' field of a recommendation (last_reviewed, in the fixture's proef-2) is printed too.
    assert "Laatst nagekeken door de redactie: 10 januari 2027" in " ".join(" ".join(guide.bodies).split())


def test_missing_font_is_a_dutch_error_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minimal_tree: Path
) -> None:
    monkeypatch.setattr(pdf_render, "FONT_DIR", tmp_path / "geen-fonts")
    result = CliRunner().invoke(
        main,
        [
            *("pdf", "--out", str(tmp_path / "uit"), "--content", str(minimal_tree / "content")),
            *("--checklists", str(minimal_tree / "checklists"), "--config-file", str(REPO / "mkdocs.yml")),
        ],
    )
    assert result.exit_code == 1
    assert "Bouwen mislukt: lettertype ontbreekt" in result.stderr
    assert "fonts-noto-core" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "uit").exists()


# --- Guideline text in print ------------------------------------------------------------------


def test_ref_links_become_internal_links_or_plain_words() -> None:
    text = "Raadpleeg de richtlijn [Uithuisplaatsing en terugplaatsing](ref:uithuisplaatsing) of [deze](ref:elders)."
    html = markup.inline(text, lambda target: target if target == "uithuisplaatsing" else None)
    assert html == 'Raadpleeg de richtlijn <a href="#uithuisplaatsing">Uithuisplaatsing en terugplaatsing</a> of deze.'


def test_markdown_emphasis_and_paragraphs_are_rendered_and_words_kept() -> None:
    html = markup.blocks("Zorg voor **samenwerking** met ‘wat werkt’ & *nadruk*.\n\nTweede alinea.", lambda _t: None)
    assert html == (
        "<p>Zorg voor <strong>samenwerking</strong> met ‘wat werkt’ &amp; <em>nadruk</em>.</p>\n<p>Tweede alinea.</p>"
    )


@pytest.mark.parametrize("source", ["file:///etc/passwd", "file:///etc/hostname", "https://tracker.example/p.png"])
def test_the_pdf_renderer_reads_no_file_but_its_templates_and_fonts(source: str) -> None:
    """The third layer, behind `check` and the sanitiser: WeasyPrint itself is given nothing else."""
    renderer = pdf_render.PdfRenderer(pdf_render.font_faces())
    html = f'<html lang="nl"><body><p>Tekst</p><img src="{source}" alt="x"></body></html>'
    with pytest.raises(BuildError, match="PDF maken mislukt"):
        renderer.render(html, "werkkaart.css")
    data, pages, _warnings = renderer.render('<html lang="nl"><body><p>Tekst</p></body></html>', "werkkaart.css")
    assert pages == 1 and data.startswith(b"%PDF")
