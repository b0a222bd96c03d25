"""The catalogue of the publication's own words (generator/templates/teksten.yaml): every text a
template, a script or the code asks for is in it, every text in it is used, and no page shows an
English word of the theme or the browser's furniture."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.render.teksten import CATALOGUE_FILE, CatalogueError, aantal, catalogue, placeholders, section, tekst
from tests.conftest import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page

GENERATOR = REPO / "generator"
OVERRIDES = GENERATOR / "templates" / "overrides"
# The English a reader could meet on a page of an English theme, a browser or a version selector,
# as whole words. Case matters where a Dutch word has the same letters ("Clear" not "clear").
ENGLISH = re.compile(
    r"\b(Not found|Header|Footer|latest|[Rr]elease|Search|Skip to content|Previous|Next|Copy to clipboard|"
    r"Back to top|Table of contents|Type to start searching|Clear|Share|Select version|Navigation|Loading|"
    r"Close|Open|Menu|Download|Print|Save|Cancel|Delete|required|checklist item)\b"
)
# Where the code asks for a text: tekst("a.b") in Python, Jinja and JavaScript, and the theme's
# templates, which read the catalogue from the generated config (config.extra.teksten.thema.a.b).
ASKED = re.compile(r"""\btekst(?:_voor_script|_html)?\(\s*["']([a-z0-9_.]+)["']|config\.extra\.teksten\.(thema\.[a-z0-9_.]+)""")
# aantal("a.b", n) asks for the singular a.b.een and the plural a.b.meer (render/teksten.py, common.js).
ASKED_COUNTED = re.compile(r"""\baantal\(\s*["']([a-z0-9_.]+)["']""")


def _sources() -> list[Path]:
    kinds = ("*.py", "*.j2", "*.html", "*.js")
    return [path for kind in kinds for path in GENERATOR.rglob(kind) if "init_example" not in path.parts]


def _asked() -> dict[str, list[str]]:
    asked: dict[str, list[str]] = {}
    for path in _sources():
        for match in ASKED.finditer(path.read_text(encoding="utf-8")):
            key = match.group(1) or match.group(2)
            # A script names its text below `scripts.`; the catalogue holds it with that prefix.
            key = f"scripts.{key}" if path.suffix == ".js" else key
            asked.setdefault(key, []).append(path.relative_to(REPO).as_posix())
        for match in ASKED_COUNTED.finditer(path.read_text(encoding="utf-8")):
            base = f"scripts.{match.group(1)}" if path.suffix == ".js" else match.group(1)
            # `geen`, for 0, is the catalogue's choice: asked for where the catalogue has it.
            forms = ["een", "meer"] + (["geen"] if f"{base}.geen" in catalogue() else [])
            for form in forms:
                asked.setdefault(f"{base}.{form}", []).append(path.relative_to(REPO).as_posix())
    return asked


def test_every_text_asked_for_is_in_the_catalogue() -> None:
    missing = {key: where for key, where in _asked().items() if key not in catalogue()}
    assert missing == {}


def test_every_text_in_the_catalogue_is_used() -> None:
    # The words of Material's own templates are asked for by the theme, under their own names.
    unused = set(catalogue()) - set(_asked()) - {key for key in catalogue() if key.startswith("thema.material.")}
    assert sorted(unused) == []


def test_no_text_of_the_catalogue_is_english() -> None:
    english = {key: text for key, text in catalogue().items() if ENGLISH.search(text)}
    assert english == {}


def test_materials_words_are_those_of_the_catalogue() -> None:
    """The theme renders overrides/partials/languages/custom.html itself and cannot read the
    catalogue: the two must say the same."""
    template = (OVERRIDES / "partials" / "languages" / "custom.html").read_text(encoding="utf-8")
    in_template = dict(re.findall(r'^\s*"([a-z.]+)": "([^"]*)"', template, re.MULTILINE))
    assert in_template == section("thema")["material"]


def test_a_text_refuses_a_missing_or_an_unknown_placeholder() -> None:
    assert placeholders(catalogue()["wijzigingen.titel"]) == {"versie"}
    assert tekst("wijzigingen.titel", versie="1.1") == "Wat is er veranderd in versie 1.1"
    with pytest.raises(CatalogueError, match="wants \\['versie'\\], was given \\[\\]"):
        tekst("wijzigingen.titel")
    with pytest.raises(CatalogueError, match="was given \\['jaar', 'versie'\\]"):
        tekst("wijzigingen.titel", versie="1.1", jaar="2026")
    with pytest.raises(CatalogueError, match=r"has no text 'wijzigingen\.bestaat_niet'"):
        tekst("wijzigingen.bestaat_niet")


def test_a_count_is_singular_for_one_and_may_have_its_own_words_for_none() -> None:
    assert aantal("telling.aanbevelingen", 0) == "nog zonder aanbevelingen"
    assert aantal("telling.aanbevelingen", 1) == "1 aanbeveling"
    assert aantal("telling.aanbevelingen", 12) == "12 aanbevelingen"
    assert aantal("telling.bouwstenen", 0) == "0 bouwstenen"  # no `geen` form: the plural
    assert aantal("checklist.punten", 1) == "1 punt"


def test_the_catalogue_is_one_file_of_the_package() -> None:
    assert CATALOGUE_FILE == GENERATOR / "templates" / "teksten.yaml"


# One page of each type, with what the scripts add to it; the 404 page is the theme's own.
PAGES = {
    "home": "",
    "guideline": "uithuisplaatsing-en-terugplaatsing/",
    "chapter": "uithuisplaatsing-en-terugplaatsing/na-de-crisis/",
    "checklist": "checklists/overdracht-na-crisishulp/",
    "checklists": "checklists/",
    "glossary": "begrippen/",
    "not-found": "404.html",
}
# The words a reader meets outside the guideline text: the page's furniture, and every label a
# screen reader speaks. Guideline text (the article's paragraphs) may quote English titles.
UI_WORDS = """() => {
  const article = document.querySelector("article");
  const furniture = [...document.body.querySelectorAll("header, nav, footer, .md-sidebar, .md-dialog, .md-top")]
    .map((node) => node.innerText);
  const controls = [...document.querySelectorAll("button, label, summary, [role=status], h1, h2, .rl-context")]
    .map((node) => node.innerText);
  const named = [...document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]
    .flatMap((node) => ["aria-label", "title", "placeholder", "alt"].map((name) => node.getAttribute(name) || ""));
  return [...furniture, ...controls, ...named, article && !article.querySelector(".rl-aanbeveling") ? article.innerText : ""].join("\\n");
}"""


# A date in figures, ISO or dd-mm-jjjj: a reader reads dates as "1 december 2026".
NUMERIC_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}-\d{2}-\d{4}\b")
# What a page shows, and the head of a checklist that only paper shows.
SHOWN_TEXT = """() => [document.body.innerText, ...[...document.querySelectorAll(".rl-printkop")].map((n) => n.textContent)]
  .join("\\n")"""


@pytest.mark.browser
@pytest.mark.parametrize("page_type", list(PAGES))
def test_no_page_type_shows_an_english_word_or_a_date_in_figures(phone: Page, site_url: str, page_type: str) -> None:
    phone.goto(site_url + PAGES[page_type], wait_until="networkidle")
    words = phone.evaluate(UI_WORDS)
    assert ENGLISH.findall(words) == [], words
    assert NUMERIC_DATE.findall(phone.evaluate(SHOWN_TEXT)) == []


@pytest.mark.browser
def test_the_not_found_page_offers_search_and_the_guidelines(phone: Page, site_url: str) -> None:
    from tests.browser import axe_violations, horizontal_overflow

    phone.goto(site_url + "404.html", wait_until="networkidle")
    assert phone.locator("h1").inner_text() == tekst("thema.niet_gevonden.titel")
    assert phone.locator("article li a").count() == 4
    phone.get_by_role("button", name=tekst("thema.niet_gevonden.zoeken")).click()
    assert phone.locator("[data-rl-search-input]").is_visible()
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
