"""Nothing depends on the date. The build date comes from SOURCE_DATE_EPOCH when it is set (the
session's site is built with one, tests/conftest.py); dates, versions, ids and web addresses are
printed whole in the PDFs, never hyphenated at a line end; and the PDFs are checked at fixed dates,
the longest Dutch month name among them. scripts/test-dates.sh runs the date-sensitive tests with
the clock itself set to other days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.model.corpus import Corpus
from generator.problems import BuildError
from generator.render import markup
from generator.render.pdf import render as pdf_render
from generator.render.pdf.render import PdfJob
from generator.render.settings import SiteSettings, build_date, read_site_settings
from generator.render.view import dutch_date
from generator.stages import read_corpus
from tests.conftest import BUILD_DATE, BUILD_EPOCH, MINIMAL, REPO
from tests.test_pdf import PRINT_EDGE

# (SOURCE_DATE_EPOCH, the day in UTC, as printed)
DAYS = [
    ("1796083200", "2026-12-01", "1 december 2026"),  # the day a PDF said "1 de-cember 2026"
    ("1790726400", "2026-09-30", "30 september 2026"),  # the longest month name
    ("1803772800", "2027-02-28", "28 februari 2027"),
    ("1835395200", "2028-02-29", "29 februari 2028"),  # a leap day
    ("1798761599", "2026-12-31", "31 december 2026"),  # its last second
    ("1893456000", "2030-01-01", "1 januari 2030"),
]
# What WeasyPrint adds when it hyphenates (U+2010), a soft hyphen, or a plain one.
ADDED_HYPHEN = "[\u2010\u00ad-]"


def whole(value: str) -> str:
    """A pattern for `value` as text extraction gives it: a line may end anywhere inside it (a
    space may become the line end), but no character may be added."""
    return r"\n?".join(r"[ \n]" if char == " " else re.escape(char) for char in value)


def loose(value: str) -> str:
    """`value` with a hyphen allowed at any line end inside it: what a hyphenated print would show."""
    return f"(?:{ADDED_HYPHEN}?\\n)?".join(r"[ \n]" if char == " " else re.escape(char) for char in value)


def printed(value: str, text: str) -> list[str]:
    """Every place `value` stands in `text`; fails if one of them has a hyphen added at a line end."""
    found = [m.group(0) for m in re.finditer(loose(value), text)]
    hyphenated = [f for f in found if not re.fullmatch(whole(value), f)]
    assert hyphenated == [], f"afgebroken met een streepje: {hyphenated}"
    return found


def pdf_text(data: bytes) -> str:
    """In the order it is drawn: a werkkaart's QR caption, beside its title, stays in one piece."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text(use_text_flow=True) or "" for page in pdf.pages)


@pytest.fixture(scope="module")
def minimal_corpus() -> Corpus:
    return read_corpus(MINIMAL / "content", MINIMAL / "checklists")


# --- The build date -----------------------------------------------------------------------------


@pytest.mark.parametrize(("epoch", "day", "in_dutch"), DAYS)
def test_source_date_epoch_sets_the_build_date(epoch: str, day: str, in_dutch: str) -> None:
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == day
    assert dutch_date(day) == in_dutch


def test_build_date_is_the_day_of_source_date_epoch_in_utc() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01"
    assert build_date({"SOURCE_DATE_EPOCH": str(int(BUILD_EPOCH) + 86399)}) == BUILD_DATE
    assert build_date({"SOURCE_DATE_EPOCH": "253402300799"}) == "9999-12-31"


def test_without_source_date_epoch_the_build_date_is_today() -> None:
    for environ in ({}, {"SOURCE_DATE_EPOCH": ""}):  # empty counts as not set
        before = dt.date.today().isoformat()
        found = build_date(environ)
        assert found in {before, dt.date.today().isoformat()}  # midnight may pass in between


@pytest.mark.parametrize(
    "value", ["morgen", "1.5", "-1", "+1790726400", " 1790726400", "1790726400\n", "1e9", "١٢٣", "253402300800", "9" * 13]
)
def test_a_malformed_source_date_epoch_is_an_error(value: str) -> None:
    with pytest.raises(BuildError, match=r"^ongeldige SOURCE_DATE_EPOCH '.*'; gebruik een geheel aantal seconden"):
        build_date({"SOURCE_DATE_EPOCH": value})


def test_settings_take_the_build_date_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    assert read_site_settings(REPO / "mkdocs.yml").build_date == BUILD_DATE


def test_a_malformed_source_date_epoch_stops_the_build_in_dutch(tmp_path: Path, minimal_tree: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            *("pdf", "--out", str(tmp_path / "uit"), "--content", str(minimal_tree / "content")),
            *("--checklists", str(minimal_tree / "checklists"), "--config-file", str(REPO / "mkdocs.yml")),
        ],
        env={"SOURCE_DATE_EPOCH": "30-09-2026"},
    )
    assert result.exit_code == 1
    assert "Bouwen mislukt: ongeldige SOURCE_DATE_EPOCH '30-09-2026'; gebruik een geheel aantal seconden" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "uit").exists()


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Zie www.nji.nl/richtlijnen.", 'Zie <span class="url">www.nji.nl/richtlijnen</span>.'),
        ("Mail info@nji.nl, of bel.", 'Mail <span class="url">info@nji.nl</span>, of bel.'),
        (
            "[https://nji.nl/a-b?x=1&y=2](https://nji.nl/a-b?x=1&y=2) of [de site](https://nji.nl/)",
            '<a href="https://nji.nl/a-b?x=1&amp;y=2"><span class="url">https://nji.nl/a-b?x=1&amp;y=2</span></a> '
            'of <a href="https://nji.nl/">de site</a>',
        ),
        ("Een zin (zie https://nji.nl/a).", 'Een zin (zie <span class="url">https://nji.nl/a</span>).'),
        ("Geen adres: awww.nl, 1.2 en 3@4.", "Geen adres: awww.nl, 1.2 en 3@4."),
    ],
)
def test_addresses_in_guideline_text_are_marked_for_print(text: str, html: str) -> None:
    assert markup.inline(text, lambda _target: None) == html


def test_addresses_in_references_are_marked_for_print() -> None:
    assert markup.plain("Vogtländer & Van Arum, 2016; https://nji.nl/a?b=1&c=2. <b>") == (
        'Vogtländer &amp; Van Arum, 2016; <span class="url">https://nji.nl/a?b=1&amp;c=2</span>. &lt;b&gt;'
    )


# --- Printed dates ------------------------------------------------------------------------------


def dated_jobs(corpus: Corpus, settings: SiteSettings, epoch: str) -> dict[str, PdfJob]:
    dated = dataclasses.replace(settings, build_date=build_date({"SOURCE_DATE_EPOCH": epoch}))
    return {job.kind: job for job in pdf_render.pdf_jobs(corpus, dated)}


@pytest.mark.parametrize(("epoch", "day", "in_dutch"), DAYS)
def test_a_werkkaart_prints_the_build_date_whole(
    minimal_corpus: Corpus, settings: SiteSettings, epoch: str, day: str, in_dutch: str
) -> None:
    rendered = pdf_render.render_job(dated_jobs(minimal_corpus, settings, epoch)["werkkaart"])
    text = pdf_text(rendered.data)
    assert len(printed(f"gemaakt op {in_dutch}", text)) == 2, text  # the head, and the foot of its page
    metadata = pypdf.PdfReader(io.BytesIO(rendered.data)).metadata
    assert metadata is not None and metadata.creation_date is not None
    assert metadata.creation_date.date() == dt.date.fromisoformat(day)


@pytest.mark.parametrize(("epoch", "day", "in_dutch"), [DAYS[0]])
def test_the_zakgids_prints_the_build_date_whole(
    minimal_corpus: Corpus, settings: SiteSettings, epoch: str, day: str, in_dutch: str
) -> None:
    """On its cover and in its colophon. One day is enough here: the long values below are printed
    on the 30th of september, and scripts/test-dates.sh runs the session's build at other days."""
    text = pdf_text(pdf_render.render_job(dated_jobs(minimal_corpus, settings, epoch)["zakgids"]).data)
    assert len(printed(in_dutch, text)) == 2, text
    assert re.search(r"Gemaakt op[ \n]" + whole(in_dutch), text)
    assert re.search(r"gemaakt op[ \n]" + whole(in_dutch) + r"\.", text)


# --- Long values in narrow places ---------------------------------------------------------------

# As long as the settings and the model allow (40 characters for a release, 80 for an id).
LONG_RELEASE = "2026.10-voorjaarseditie-van-de-jeugdzorg"
LONG_ID = "proef-aanbeveling-over-het-versterken-van-de-informele-steun-rond-het-gezin-nr-1"
LONG_URL = "https://richtlijnen-jeugdhulp-en-jeugdbescherming.voorbeeld.example.org/publicaties/"
GUIDELINE_VERSION = "2.1-concept-na-de-landelijke-consultatieronde"
REFERENCE_URL = "https://www.nederlands-jeugdinstituut.example.nl/richtlijnen/uithuisplaatsing/literatuurlijst/"
REFERENCE = f"Jeugdinstituut, 2026, {REFERENCE_URL}"


@pytest.fixture(scope="module")
def long_values(tmp_path_factory: pytest.TempPathFactory, settings: SiteSettings) -> list[PdfJob]:
    """The zakgids and the werkkaart of the minimal tree with the longest values there may be."""
    tree = tmp_path_factory.mktemp("lang") / "tree"
    shutil.copytree(MINIMAL, tree)
    for file in [*tree.rglob("*.yaml")]:
        file.write_text(re.sub(r"(?<![\w-])proef-1(?![\w-])", LONG_ID, file.read_text("utf-8")), "utf-8")
    for chapter in (tree / "content" / "proef").glob("*.yaml"):
        data = yaml.safe_load(chapter.read_text("utf-8"))
        for section in data.get("sections") or []:
            for rec in section.get("recommendations") or []:
                if rec["id"] == LONG_ID:
                    rec["references"] = [REFERENCE]
                    chapter.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    with (tree / "sources" / "proef.txt").open("a", encoding="utf-8") as source:
        source.write(f"\n{REFERENCE}\n")  # a reference too must stand in the sources
    guideline = tree / "content" / "proef" / "richtlijn.yaml"
    guideline.write_text(
        guideline.read_text("utf-8") + f"version: {GUIDELINE_VERSION}\npublished: 2026-09-30\nrevised: 2028-02-29\n", "utf-8"
    )
    corpus = read_corpus(tree / "content", tree / "checklists")
    (long_one,) = [t.recommendation for t in corpus.recommendations() if t.id == LONG_ID]
    assert long_one is not None and long_one.references
    long = dataclasses.replace(settings, release=LONG_RELEASE, site_url=LONG_URL, build_date="2026-09-30")
    return [job for job in pdf_render.pdf_jobs(corpus, long) if job.kind in {"zakgids", "werkkaart"}]


CHECKLIST_URL = f"{LONG_URL}checklists/proef-checklist/"
# Each value, and the class of the span that print.css keeps it whole in.
LONG_VALUES = {
    "30 september 2026": "datum",  # the build date, and the guideline's publication date
    "29 februari 2028": "datum",  # the guideline's revision
    LONG_RELEASE: "versie",
    GUIDELINE_VERSION: "versie",
    LONG_ID: "id",
    LONG_URL: "url",
    CHECKLIST_URL: "url",
    REFERENCE_URL: "url",
}
# A werkkaart does not name the guideline, so neither its version nor its dates.
ON_A_SHEET = {"30 september 2026", LONG_RELEASE, LONG_ID, LONG_URL, CHECKLIST_URL}


class _Spans(HTMLParser):
    """The text of a document with, per piece, the classes of the elements around it."""

    VOID = frozenset({"meta", "img", "br", "link", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[set[str]] = []
        self.pieces: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(set((dict(attrs).get("class") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.pieces.append((data, set().union(*self.stack)))


def test_templates_put_dates_versions_ids_and_addresses_in_their_spans(long_values: list[PdfJob]) -> None:
    for job in long_values:
        parser = _Spans()
        parser.feed(job.html)
        for value, wanted in LONG_VALUES.items():
            for text, classes in parser.pieces:
                if value in text:
                    # An address that holds the value (the colophon's example short link) is kept whole too.
                    assert wanted in classes or "url" in classes, (
                        f"{job.kind}: {value} buiten een {wanted}-span: {text.strip()[:80]}"
                    )
        assert any(LONG_ID in text for text, _ in parser.pieces), job.kind


def test_long_values_are_printed_whole_and_on_the_paper(long_values: list[PdfJob]) -> None:
    wrapped = 0
    for job in long_values:
        rendered = pdf_render.render_job(job)
        text = pdf_text(rendered.data)
        for value in LONG_VALUES:
            found = printed(value, text)
            if job.kind == "zakgids" or value in ON_A_SHEET:
                assert found, f"{job.kind}: {value} niet gevonden"
            wrapped += sum("\n" in f for f in found)
        with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
            for page in pdf.pages:
                outside = [c["text"] for c in page.chars if c["x0"] < PRINT_EDGE or c["x1"] > page.width - PRINT_EDGE]
                assert outside == [], f"{job.kind} pagina {page.page_number}: {''.join(outside)}"
    assert wrapped > 0  # the narrow A6 page made some of them break over lines, without a hyphen


def test_print_css_hyphenates_words_but_not_these() -> None:
    """The same column holds a long word, which is hyphenated, and the values, which are not."""
    word = "jeugdbeschermingsmaatregelen"
    spans = "".join(f'<p>{word} <span class="{cls}">{value}</span></p>' for value, cls in LONG_VALUES.items())
    html = f'<html lang="nl"><body><div style="width: 24mm">{spans}</div></body></html>'
    renderer = pdf_render.PdfRenderer(pdf_render.font_faces())
    data, _pages, warnings = renderer.render(html, "zakgids.css")
    assert warnings == []
    text = pdf_text(data)
    assert "\u2010\n" in text  # the word was hyphenated: the column is narrow enough to tell
    for value in LONG_VALUES:
        assert printed(value, text), value
