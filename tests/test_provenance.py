"""Who stands behind the text, as the publisher requires: its facts about each guideline on the
guideline's page, the attribution in the footer of every page, on "Over deze publicatie" and in the
colophon of every PDF (model/content.py, Publisher).

The bundled guidelines hold only the facts their publisher's pages give (docs/redactie.md), so the
whole set (an attribution sentence, authorising bodies, copyright, how to cite) is tested on one
build of the minimal fixture, whose made-up guideline has them all; the session's site is checked
for what its content gives. Expectations come from the content, not from pinned words.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.model.content import Publisher
from generator.model.corpus import Corpus
from generator.render.view import UNRELEASED_LABEL
from generator.stages import read_corpus
from tests.conftest import MINIMAL, build_site_into, page_file

ABOUT = "over-deze-publicatie/"
MINIMAL_PAGES = [
    "",
    "proefrichtlijn/",
    "proefrichtlijn/hoofdstuk/",
    "checklists/",
    "checklists/proef-checklist/",
    "begrippen/",
    ABOUT,
    "404.html",
]  # not the short links' pages: they only forward to the page, at once


def plain(markup: str) -> str:
    """Text as a reader sees it: tags gone, entities resolved, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def footer(page: str) -> str:
    match = re.search(r'<footer class="md-footer">(.*?)</footer>', page, re.DOTALL)
    assert match, "no footer"
    return match.group(1)


def article(page: str) -> str:
    match = re.search(r"<article[^>]*>(.*?)</article>", page, re.DOTALL)
    assert match, "no article"
    return match.group(1)


def pdf_text(path: Path, last_pages: int | None = None) -> str:
    pages = PdfReader(path).pages
    chosen = list(pages)[-last_pages:] if last_pages else list(pages)
    # WeasyPrint breaks lines with a hyphen (U+2010) where it hyphenates; a reader reads on.
    return " ".join(re.sub("\u2010\n", "", "\n".join(p.extract_text() for p in chosen)).split())


@pytest.fixture(scope="module")
def minimal_corpus() -> Corpus:
    return read_corpus(MINIMAL / "content", MINIMAL / "checklists")


@pytest.fixture(scope="module")
def facts(minimal_corpus: Corpus) -> Publisher:
    publisher = minimal_corpus.guidelines[0].guideline.publisher
    assert publisher is not None and publisher.permission and publisher.authorised_by and publisher.cite_as
    return publisher


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("provenance") / "tree"))
    site = tree.parent / "site"
    completed = build_site_into(site, "--content", str(tree / "content"), "--checklists", str(tree / "checklists"))
    assert completed.returncode == 0, completed.stderr
    return site


@pytest.mark.parametrize("path", MINIMAL_PAGES)
def test_every_page_type_has_the_attribution_in_its_footer(minimal_site: Path, facts: Publisher, path: str) -> None:
    page = page_file(minimal_site, path).read_text("utf-8")
    text = plain(footer(page))
    assert f"‘{facts.permission}’" in text
    assert f"Geautoriseerd door {facts.authorised_by}." in text
    assert UNRELEASED_LABEL in text
    link = re.search(r'<a href="([^"]*)">Over deze publicatie</a>', footer(page))
    assert link, "no link to the about page"
    href = link.group(1)
    # The 404 page may be served at any depth, so its links are absolute from the site's root, as
    # all of the theme's are there (site_url has no path here).
    target = minimal_site / href.lstrip("/") if href.startswith("/") else page_file(minimal_site, path).parent / href
    assert target.resolve() == (minimal_site / ABOUT).resolve(), href


def test_the_guideline_page_shows_what_the_publisher_says(minimal_site: Path, facts: Publisher) -> None:
    page = article(page_file(minimal_site, "proefrichtlijn/").read_text("utf-8"))
    text = plain(page)
    assert facts.permission and facts.permission in text
    assert f"Geautoriseerd door: {facts.authorised_by}" in text
    assert f"Auteursrecht: © {facts.copyright}" in text
    assert f"Jaar van deze versie: {facts.year}" in text
    assert f"Zo verwijs je naar deze richtlijn: {facts.cite_as}" in text
    assert f'href="{facts.url}"' in page
    assert f'href="{facts.facts_from}"' in page


def test_the_about_page_says_what_the_publication_is_and_how_to_cite(minimal_site: Path, minimal_corpus: Corpus) -> None:
    page = article(page_file(minimal_site, ABOUT).read_text("utf-8"))
    text = plain(page)
    assert "Over deze publicatie" in text
    assert f"{UNRELEASED_LABEL} Gemaakt op 30 september 2026" in text
    for entry in minimal_corpus.guidelines:
        p = entry.guideline.publisher
        assert p is not None
        assert entry.guideline.title in text
        assert f"‘{p.permission}’" in text or str(p.permission) in text
        assert f"Geautoriseerd door: {p.authorised_by}" in text
        assert f"Zo verwijs je naar deze richtlijn: {p.cite_as}" in text
        assert f'href="{p.facts_from}"' in page


def test_the_home_page_introduces_the_publication_and_links_the_about_page(minimal_site: Path) -> None:
    page = article(page_file(minimal_site, "").read_text("utf-8"))
    assert re.search(r'<p class="rl-intro">[^<]*aanbeveling[^<]*</p>', page), "no introduction"
    assert re.search(r'<a href="over-deze-publicatie/">Over deze publicatie</a>', page)


def test_every_pdf_names_the_attribution_in_its_colophon(minimal_site: Path, facts: Publisher) -> None:
    pdfs = sorted((minimal_site / "downloads").rglob("*.pdf"))
    assert {p.parent.name for p in pdfs} == {"downloads", "checklists", "richtlijnen"}
    for pdf in pdfs:
        # The colophon is the end of a zakgids and the foot of a werkkaart's last page.
        text = pdf_text(pdf, last_pages=1)
        assert f"‘{facts.permission}’" in text, pdf.name
        assert f"geautoriseerd door {facts.authorised_by}" in text, pdf.name
        assert f"Verwijs ernaar als: ‘{facts.cite_as}’" in text, pdf.name
        assert UNRELEASED_LABEL in text, pdf.name


# --- The session's site: the bundled guidelines, with what their publisher's pages give -----------


def test_each_bundled_guideline_names_the_publisher_page_its_facts_come_from(built_site: Path, corpus: Corpus) -> None:
    about = article(page_file(built_site, ABOUT).read_text("utf-8"))
    for entry in corpus.guidelines:
        g = entry.guideline
        page = article(page_file(built_site, f"{g.slug}/").read_text("utf-8"))
        if g.publisher is None:
            assert "zijn in deze publicatie nog niet ingevuld" in plain(page), g.id
            continue
        for address in (g.publisher.facts_from, g.publisher.url):
            if address:
                assert f'href="{address}"' in page, (g.id, address)
                assert f'href="{address}"' in about, (g.id, address)
        if g.publisher.year:
            assert f"Jaar van deze versie: {g.publisher.year}" in plain(page)


@pytest.mark.parametrize(
    "path",
    ["", "uithuisplaatsing-en-terugplaatsing/", "uithuisplaatsing-en-terugplaatsing/na-de-crisis/", "checklists/",
     "checklists/overdracht-na-crisishulp/", "begrippen/", ABOUT, "404.html"],
)  # fmt: skip
def test_every_bundled_page_type_links_the_about_page_from_its_footer(built_site: Path, corpus: Corpus, path: str) -> None:
    page = page_file(built_site, path).read_text("utf-8")
    text = plain(footer(page))
    assert f"{UNRELEASED_LABEL} Over deze publicatie" in text
    for entry in corpus.guidelines:
        p = entry.guideline.publisher
        for sentence in (p.permission, p.authorised_by) if p else ():
            assert sentence is None or sentence in text
