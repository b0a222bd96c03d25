"""Content can grow without touching the tests: one more guideline, added to a copy of the
repository the way docs/redactie.md, "Add a guideline", tells an editor, passes `check`, keeps the tests
that read the bundled content green, and reaches every part of the built site.

The guideline is fictional (a made-up publisher page about working with a child's school); only
its form matters. The copy is built once for the module: the build is most of the time this takes.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tests.conftest import BUILD_EPOCH, PREBUILT_SITE, REPO

# What the build and the tests need of the repository (README, "Project layout").
COPIED = ["generator", "content", "checklists", "sources", "schemas", "tests", "bench", "scripts"]
COPIED_FILES = ["mkdocs.yml", "pyproject.toml", ".gitignore"]
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "node_modules", "results")

SLUG = "samenwerken-met-school"
TITLE = "Samenwerken met school"
CHAPTER_SLUG = "afspraken-met-school"
CHECKLIST_ID = "afspraken-met-school-compleet"
CHECKLIST_TITLE = f"{TITLE}: afspraken"  # the werkkaart names its guideline only in its title
SOURCE_NAME = "005_5a3c8e1f9d2b7046.txt"
NEW_TERMS = ["OPP", "ZAT", "Terug naar de Klas"]

# The publisher's page as text, as an editor would copy it into sources/ (step 1).
SOURCE = """\
Overslaan en naar de inhoud gaan
Richtlijn
Samenwerken met school
Leerling in de klas

1. Afspraken met school

Contact met school

Leg bij de start van de hulp contact met de school van de jeugdige, met toestemming van de jeugdige en de ouders. Bespreek samen welke informatie de school nodig heeft om de jeugdige goed te begeleiden.

Het ontwikkelingsperspectief

Vraag of de school een Ontwikkelingsperspectiefplan (OPP) voor de jeugdige heeft opgesteld. Stem de doelen van de hulp af op de doelen in het OPP.

Overleg in het zorg- en adviesteam

Neem deel aan het Zorg- en adviesteam (ZAT) als de school de jeugdige daar bespreekt. Maak in het ZAT afspraken over wie wat doet en wanneer:
  • Spreek een vast aanspreekpunt op school af.
  • Plan een moment om de afspraken te evalueren.
Leg de afspraken vast in het hulpverleningsplan.

Terug naar school na verzuim

Zet bij langdurig schoolverzuim een interventie in zoals Terug naar de Klas. Volg bij de keuze voor deze hulp de stappen van Samen beslissen over hulp.

Waarom vroeg terug naar school

Een jeugdige die lang thuiszit, verliest snel het contact met klasgenoten en leraren. Hoe eerder de jeugdige weer naar school gaat, hoe kleiner de achterstand (Jansen & De Vries, 2021).

Privacy

Deel met de school alleen de informatie die nodig is voor de begeleiding van de jeugdige op school.

Evaluatie met school
Reageer!
"""

# Step 3: the guideline, listing its chapter and its source.
GUIDELINE = f"""\
# yaml-language-server: $schema=../../schemas/richtlijn.schema.json
id: {SLUG}
slug: {SLUG}
code: SWS
title: {TITLE}
related:
  - samen-beslissen
chapters:
  - sws-afspraken
sources:
  - {SOURCE_NAME}
"""

# Step 4: a chapter, one sentence per line, every one word for word in the source; a link to a
# recommendation of another guideline; a section whose text the source does not give.
CHAPTER = f"""\
# yaml-language-server: $schema=../../schemas/bouwsteen.schema.json
id: sws-afspraken
slug: {CHAPTER_SLUG}
number: 1
title: Afspraken met school
sections:
  - id: sws-samenwerking
    recommendations:
      - id: sws-contact
        title: Contact met school
        text: >-
          Leg bij de start van de hulp contact met de school van de jeugdige, met toestemming van de jeugdige en de ouders.
          Bespreek samen welke informatie de school nodig heeft om de jeugdige goed te begeleiden.
      - id: sws-ontwikkelingsperspectief
        title: Het ontwikkelingsperspectief
        text: >-
          Vraag of de school een Ontwikkelingsperspectiefplan (OPP) voor de jeugdige heeft opgesteld.
          Stem de doelen van de hulp af op de doelen in het OPP.
      - id: sws-zat
        title: Overleg in het zorg- en adviesteam
        text: >-
          Neem deel aan het Zorg- en adviesteam (ZAT) als de school de jeugdige daar bespreekt.
          Maak in het ZAT afspraken over wie wat doet en wanneer:
        steps_style: bulleted
        steps:
          - text: Spreek een vast aanspreekpunt op school af.
          - text: Plan een moment om de afspraken te evalueren.
        closing:
          - Leg de afspraken vast in het hulpverleningsplan.
      - id: sws-verzuim
        title: Terug naar school na verzuim
        text: >-
          Zet bij langdurig schoolverzuim een interventie in zoals Terug naar de Klas.
          Volg bij de keuze voor deze hulp de stappen van [Samen beslissen over hulp](ref:sbh-beslisproces).
        explanation:
          - heading: Waarom vroeg terug naar school
            paragraphs:
              - >-
                Een jeugdige die lang thuiszit, verliest snel het contact met klasgenoten en leraren.
                Hoe eerder de jeugdige weer naar school gaat, hoe kleiner de achterstand (Jansen & De Vries, 2021).
        references:
          - Jansen & De Vries, 2021
      - id: sws-privacy
        title: Privacy
        text: >-
          Deel met de school alleen de informatie die nodig is voor de begeleiding van de jeugdige op school.
  - id: sws-evaluatie
    title: Evaluatie met school
    text_available: false
"""

# The glossary: three terms the new text uses, expansions only as the source spells them out.
TERMS = """\
  - id: opp
    term: OPP
    kind: abbreviation
    expansion: Ontwikkelingsperspectiefplan
  - id: zat
    term: ZAT
    kind: abbreviation
    expansion: Zorg- en adviesteam
  - id: terug-naar-de-klas
    term: Terug naar de Klas
    kind: intervention
"""

CHECKLIST = f"""\
# yaml-language-server: $schema=../schemas/checklist.schema.json
id: {CHECKLIST_ID}
title: "{CHECKLIST_TITLE}"
purpose: >-
  Nagaan of de afspraken met de school van de jeugdige gemaakt en vastgelegd zijn.
when_to_use: >-
  Bij de start van de hulp aan een schoolgaande jeugdige, en na elk overleg met de school.
items:
  - id: contact-school
    text: Leg met toestemming van jeugdige en ouders contact met de school
    cites: [sws-contact]
    required: true
  - id: doelen-opp
    text: Stem de doelen van de hulp af op het OPP
    cites: [sws-ontwikkelingsperspectief]
  - id: aanspreekpunt
    text: Spreek een vast aanspreekpunt op school af
    help: Leg de afspraken vast in het hulpverleningsplan.
    cites: [sws-zat]
    required: true
  - id: verzuim
    text: Zet bij langdurig schoolverzuim een passende interventie in
    cites: [sws-verzuim]
"""

# The one recommendation the checklist leaves out, with the editors' reason, beside the checklists.
GAP = """\
  - id: sws-privacy
    reason: Een voorwaarde bij elk contact met school, geen stap om af te vinken.
"""

# The test modules that read the bundled content; every test in them but the browser tests.
CONTENT_TESTS = [
    "tests/test_content.py",
    "tests/test_check_cli.py",
    "tests/test_schema.py",
    "tests/test_build.py",
    "tests/test_site_files.py",
    "tests/test_offline_manifest.py",
    "tests/test_csp_policy.py",
    "tests/test_api.py",
]
# Builds whose outcome a new guideline cannot change, left out for time (the suite must stay well
# under ten minutes): a release of the minimal fixture, and sites of the content copied many times
# over (the sidebar's groups, instant navigation's page limit).
SLOW_AND_BESIDE_THE_POINT = (
    "not test_release_option_and_a_moved_recommendations_old_short_link"
    " and not test_many_guidelines_are_grouped_in_the_sidebar"
    " and not test_instant_navigation_is_off_beyond_the_page_limit"
)


def add_a_guideline(tree: Path) -> None:
    """docs/redactie.md's "Add a guideline", step by step, plus its glossary terms and checklist."""
    (tree / "sources" / SOURCE_NAME).write_text(SOURCE, "utf-8")
    folder = tree / "content" / SLUG
    folder.mkdir()
    (folder / "richtlijn.yaml").write_text(GUIDELINE, "utf-8")
    (folder / "01-afspraken-met-school.yaml").write_text(CHAPTER, "utf-8")
    glossary = tree / "content" / "begrippen.yaml"
    glossary.write_text(glossary.read_text("utf-8").rstrip("\n") + "\n" + TERMS, "utf-8")
    (tree / "checklists" / f"{CHECKLIST_ID}.yaml").write_text(CHECKLIST, "utf-8")
    gaps = tree / "checklists" / "_niet-in-checklist.yaml"
    gaps.write_text(gaps.read_text("utf-8").rstrip("\n") + "\n" + GAP, "utf-8")


def run(tree: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The copy's own package and tests: the current folder comes first on the path of `python -m`.
    # The build date is the fixed one of the session's site (nothing depends on the day it runs), so
    # the copy's own site build in its tests finds the PDFs of this build in the copy's cache.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=tree,
        env={**environment, "SOURCE_DATE_EPOCH": BUILD_EPOCH, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass(frozen=True)
class Grown:
    tree: Path
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.tree / "site"

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Grown]:
    tree = tmp_path_factory.mktemp("grown") / "repo"
    for name in COPIED:
        shutil.copytree(REPO / name, tree / name, ignore=LEFT_OUT)
    for name in COPIED_FILES:
        shutil.copyfile(REPO / name, tree / name)
    add_a_guideline(tree)
    check = run(tree, "-m", "generator", "check")
    build = run(tree, "-m", "generator", "build") if check.returncode == 0 else check
    yield Grown(tree, check, build)


def guidelines_in(tree: Path) -> int:
    return len(list((tree / "content").glob("*/richtlijn.yaml")))


def test_check_accepts_the_new_guideline_and_counts_it(grown: Grown) -> None:
    assert grown.check.returncode == 0, grown.check.stderr
    assert guidelines_in(grown.tree) == guidelines_in(REPO) + 1
    assert grown.check.stdout.startswith(f"Inhoud in orde: {guidelines_in(REPO) + 1} richtlijnen, "), grown.check.stdout
    assert f"Bronnen van {TITLE}: 100,0% van de bronzinnen staat in de tekst" in grown.check.stdout
    assert "sws-privacy" in grown.check.stdout  # left out of the checklist, with its reason


def test_the_tests_that_read_the_content_pass_in_the_grown_tree(grown: Grown, tmp_path: Path) -> None:
    """What ./scripts/test.sh runs on the content, without the browser: a new guideline needs no
    change to any test."""
    args = ["-m", "pytest", "-m", "not browser", "-p", "no:cacheprovider", "-v", "--no-header"]
    args += ["--basetemp", str(tmp_path / "basetemp"), "-k", SLOW_AND_BESIDE_THE_POINT, *CONTENT_TESTS]
    # Their site is the one the grown copy built above (the same command, the same date).
    completed = run(grown.tree, *args, **{PREBUILT_SITE: str(grown.site)})
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-2000:]
    # The new guideline was among what they tested.
    assert f"test_the_text_stands_in_its_sources_and_covers_them[{SLUG}] PASSED" in completed.stdout
    assert re.search(r"^=+ \d+ passed, \d+ deselected in ", completed.stdout, re.MULTILINE), completed.stdout[-2000:]


def test_the_build_makes_its_pages_and_short_links(grown: Grown) -> None:
    assert grown.build.returncode == 0, grown.build.stderr
    assert TITLE in grown.page(SLUG)
    chapter = grown.page(f"{SLUG}/{CHAPTER_SLUG}")
    for rec_id in ("sws-contact", "sws-ontwikkelingsperspectief", "sws-zat", "sws-verzuim", "sws-privacy"):
        assert f'id="{rec_id}"' in chapter, rec_id
    assert "Tekst nog niet beschikbaar" in chapter
    # The cross-reference leads to the recommendation in the other guideline.
    assert re.search(r'href="\.\./\.\./samen-beslissen-over-hulp/kernaanbevelingen/#sbh-beslisproces"', chapter)
    redirect = grown.page("r/sws-verzuim")
    assert re.search(rf'url=\.\./\.\./{SLUG}/{CHAPTER_SLUG}/#sws-verzuim"', redirect), redirect
    assert TITLE in grown.page("")  # the home page lists it


def test_its_recommendations_are_in_the_publication_as_data(grown: Grown) -> None:
    assert grown.build.returncode == 0, grown.build.stderr
    publication = json.loads((grown.site / "api" / "publicatie.json").read_text("utf-8"))
    (guideline,) = [g for g in publication["richtlijnen"] if g["titel"] == TITLE]
    ids = [r["id"] for c in guideline["bouwstenen"] for s in c["uitgangsvragen"] for r in s["aanbevelingen"]]
    assert "sws-verzuim" in ids
    own = json.loads((grown.site / "api" / "aanbevelingen" / "sws-verzuim.json").read_text("utf-8"))
    assert own["aanbeveling"]["plaats"]["richtlijn"] == guideline["id"]
    assert own["aanbeveling"]["webadres"].endswith(f"/{SLUG}/{CHAPTER_SLUG}/#sws-verzuim")


def test_the_glossary_and_the_checklist_pages_show_it(grown: Grown) -> None:
    assert grown.build.returncode == 0, grown.build.stderr
    glossary = grown.page("begrippen")
    for term_id, term in zip(("opp", "zat", "terug-naar-de-klas"), NEW_TERMS, strict=True):
        assert f'id="{term_id}"' in glossary and term in glossary, term
    assert "Zorg- en adviesteam" in glossary
    checklist = grown.page(f"checklists/{CHECKLIST_ID}")
    assert CHECKLIST_TITLE in checklist
    assert "Spreek een vast aanspreekpunt op school af" in checklist
    assert f"{SLUG}/{CHAPTER_SLUG}/#sws-zat" in checklist  # the item's source recommendation


def pagefind_fragments(site: Path) -> list[dict[str, Any]]:
    """The pages as Pagefind indexed them: each fragment is gzip'd JSON after a signature."""
    fragments = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{") :]))
    return fragments


def test_the_search_index_holds_its_words(grown: Grown) -> None:
    assert grown.build.returncode == 0, grown.build.stderr
    by_url = {f["url"]: f for f in pagefind_fragments(grown.site)}
    chapter = by_url[f"/{SLUG}/{CHAPTER_SLUG}/"]
    assert "Ontwikkelingsperspectiefplan" in chapter["content"]
    assert "klasgenoten" in chapter["content"]
    # A hit leads to the recommendation it is in: each is an anchor of the page in the index.
    anchors = {a["id"] for a in chapter["anchors"]}
    assert {"sws-contact", "sws-ontwikkelingsperspectief", "sws-zat", "sws-verzuim", "sws-privacy"} <= anchors


def squeeze(text: str) -> str:
    """Without spaces and hyphens: how text compares whatever the line breaks and hyphenation."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return squeeze("".join(page.extract_text() or "" for page in pdf.pages))


def test_its_pocket_guide_and_werkkaart_are_made(grown: Grown) -> None:
    assert grown.build.returncode == 0, grown.build.stderr
    downloads = grown.site / "downloads"
    for pdf in (downloads / "richtlijnen" / f"{SLUG}.pdf", downloads / "zakgids.pdf"):
        assert squeeze(TITLE) in pdf_text(pdf), pdf.name
    werkkaart = pdf_text(downloads / "checklists" / f"{CHECKLIST_ID}.pdf")
    assert squeeze(CHECKLIST_TITLE) in werkkaart and squeeze(TITLE) in werkkaart
    assert squeeze("sws-zat") in werkkaart  # the ids of its source recommendations
