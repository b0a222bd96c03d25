"""Fast rebuilds of the PDFs: the content-hash cache and the process pool.

On a small tree (the minimal fixture plus a second guideline and checklist), so each test renders
a handful of short documents. PDFs are compared by their bytes only against each other (cache,
processes), and checked by their structure otherwise.
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model.corpus import Corpus
from generator.render.addresses import ZAKGIDS_FILE, checklist_sheet_file, guideline_guide_file
from generator.render.pdf import render as pdf_render
from generator.render.pdf.render import PdfJob, PdfRun, font_faces, pdf_jobs, render_jobs, render_pdfs, rendering_environment
from generator.render.settings import SiteSettings, read_site_settings
from generator.stages import read_corpus
from generator.write.pdf_cache import PdfCache
from tests.conftest import BUILD_DATE, BUILD_EPOCH, MINIMAL, REPO

RELEASE = "2027.1"
SECOND_GUIDELINE = """\
id: tweede
slug: tweede-richtlijn
code: TW
title: Tweede richtlijn
chapters:
  - tweede-hoofdstuk
sources:
  - proef.txt
"""
SECOND_CHAPTER = """\
id: tweede-hoofdstuk
slug: hoofdstuk
number: 1
title: Samenwerken met het netwerk
sections:
  - id: tweede-sectie
    title: Afspraken
    recommendations:
      - id: tweede-1
        text: Spreek af wie wat doet; zie ook de [proefrichtlijn](ref:proef).
"""
SECOND_CHECKLIST = """\
id: tweede-checklist
title: Tweede checklist
purpose: Nagaan of de afspraken helder zijn.
when_to_use: Bij de start van de hulp.
items:
  - id: afspraken-gemaakt
    text: Afgesproken wie wat doet
    cites: [tweede-1]
"""
PROEF_GUIDE = guideline_guide_file("proefrichtlijn")
TWEEDE_GUIDE = guideline_guide_file("tweede-richtlijn")
ALL_PATHS = [
    ZAKGIDS_FILE,
    PROEF_GUIDE,
    TWEEDE_GUIDE,
    checklist_sheet_file("proef-checklist"),
    checklist_sheet_file("tweede-checklist"),
]


def make_tree(destination: Path) -> Path:
    tree = Path(shutil.copytree(MINIMAL, destination))
    (tree / "content" / "tweede").mkdir()
    (tree / "content" / "tweede" / "richtlijn.yaml").write_text(SECOND_GUIDELINE, encoding="utf-8")
    (tree / "content" / "tweede" / "01-hoofdstuk.yaml").write_text(SECOND_CHAPTER, encoding="utf-8")
    (tree / "checklists" / "tweede-checklist.yaml").write_text(SECOND_CHECKLIST, encoding="utf-8")
    return tree


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def corpus_of(tree: Path) -> Corpus:
    return read_corpus(tree / "content", tree / "checklists")


def rendered_paths(run: PdfRun) -> set[str]:
    return {pdf.path for pdf in run.pdfs if not pdf.cached}


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages).split())


@dataclass(frozen=True)
class Warm:
    tree: Path
    cache: Path
    run: PdfRun


@pytest.fixture(scope="module")
def settings() -> SiteSettings:
    # A fixed day: the date is printed, so a test that runs past midnight would see every PDF change.
    # The session's (SOURCE_DATE_EPOCH), so a build here finds the PDFs of the cold render below.
    return dataclasses.replace(read_site_settings(REPO / "mkdocs.yml", RELEASE), build_date=BUILD_DATE)


def render_pruned(corpus: Corpus, settings: SiteSettings, cache_dir: Path, workers: int | None = None) -> PdfRun:
    """As a build renders: through the cache, which keeps only this run's PDFs afterwards."""
    cache = PdfCache(cache_dir)
    run = render_pdfs(corpus, settings, cache=cache, workers=workers)
    cache.prune()
    return run


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory, settings: SiteSettings) -> Warm:
    """One cold render into an empty cache, in two processes; tests work on copies of the cache."""
    base = tmp_path_factory.mktemp("cache")
    tree = make_tree(base / "tree")
    run = render_pruned(corpus_of(tree), settings, base / "pdf-cache", workers=2)
    return Warm(tree, base / "pdf-cache", run)


@pytest.fixture
def cache(warm: Warm, tmp_path: Path) -> Path:
    return Path(shutil.copytree(warm.cache, tmp_path / "pdf-cache"))


def test_cold_render_makes_every_pdf_in_parallel_without_warnings(warm: Warm) -> None:
    assert [pdf.path for pdf in warm.run.pdfs] == ALL_PATHS
    assert warm.run.rendered == len(ALL_PATHS) and warm.run.cached == 0
    assert warm.run.workers == 2
    assert all(pdf.warnings == [] for pdf in warm.run.pdfs), [pdf.warnings for pdf in warm.run.pdfs]
    # An entry per PDF: the PDF and its page count.
    assert len(list(warm.cache.glob("*.pdf"))) == len(list(warm.cache.glob("*.json"))) == len(ALL_PATHS)


def test_second_render_takes_everything_from_the_cache(warm: Warm, cache: Path, settings: SiteSettings) -> None:
    again = render_pruned(corpus_of(warm.tree), settings, cache)
    assert again.rendered == 0 and again.cached == len(ALL_PATHS)
    assert again.workers == 0  # no process started, WeasyPrint not called
    assert [(p.path, p.pages, p.data) for p in again.pdfs] == [(p.path, p.pages, p.data) for p in warm.run.pdfs]


def test_editing_a_recommendation_renders_only_the_pdfs_that_show_it(
    warm: Warm, cache: Path, settings: SiteSettings, tmp_path: Path
) -> None:
    tree = Path(shutil.copytree(warm.tree, tmp_path / "tree"))
    edit(tree / "content" / "proef" / "01-hoofdstuk.yaml", "text: Verhelder de vraag.", "text: Verhelder samen de vraag.")
    run = render_pruned(corpus_of(tree), settings, cache)
    # The werkkaart shows the ids of its sources, not their text, so it stays as it was.
    assert rendered_paths(run) == {ZAKGIDS_FILE, PROEF_GUIDE}
    assert "Verhelder samen de vraag." in text_of(run.pdfs[ALL_PATHS.index(PROEF_GUIDE)].data)
    # The other guideline's guide and the sheets are the very bytes of the first render.
    for path in ALL_PATHS[2:]:
        assert run.pdfs[ALL_PATHS.index(path)].data == warm.run.pdfs[ALL_PATHS.index(path)].data

    # A checklist item is in the zakgids, in the guide of the guideline it cites, and on its sheet.
    edit(tree / "checklists" / "tweede-checklist.yaml", "text: Afgesproken wie wat doet", "text: Samen afgesproken wie wat doet")
    run = render_pruned(corpus_of(tree), settings, cache)
    assert rendered_paths(run) == {ZAKGIDS_FILE, TWEEDE_GUIDE, checklist_sheet_file("tweede-checklist")}
    # The entries of the replaced versions are pruned: one entry per current PDF is left.
    assert len(list(cache.glob("*.pdf"))) == len(list(cache.glob("*.json"))) == len(ALL_PATHS)


def test_a_damaged_cache_entry_is_rendered_again(warm: Warm, cache: Path, settings: SiteSettings) -> None:
    # A build that was killed or ran out of disk space may leave a cut-off PDF behind.
    damaged = sorted(cache.glob("*.pdf"))[0]
    damaged.write_bytes(damaged.read_bytes()[:2000])
    run = render_pruned(corpus_of(warm.tree), settings, cache)
    assert run.rendered == 1 and run.cached == len(ALL_PATHS) - 1
    assert [p.data for p in run.pdfs] == [p.data for p in warm.run.pdfs]
    assert damaged.read_bytes() == next(p.data for p in run.pdfs if not p.cached)


def test_parallel_rendering_gives_the_same_bytes_as_rendering_in_this_process(warm: Warm, settings: SiteSettings) -> None:
    in_process = render_jobs(pdf_jobs(corpus_of(warm.tree), settings), workers=1)
    assert in_process.workers == 1
    assert [(p.path, p.pages, p.data) for p in in_process.pdfs] == [(p.path, p.pages, p.data) for p in warm.run.pdfs]


def test_a_guideline_guide_links_only_to_what_it_holds(warm: Warm) -> None:
    # tweede-1 refers to the proefrichtlijn: a link in the zakgids, which holds it; plain words in
    # the guide of the second guideline, which does not.
    def link_targets(data: bytes) -> set[str]:
        reader = pypdf.PdfReader(io.BytesIO(data))
        return {
            str(annotation.get_object()["/Dest"])
            for page in reader.pages
            for annotation in page.get("/Annots", [])
            if "/Dest" in annotation.get_object()
        }

    by_path = {pdf.path: pdf for pdf in warm.run.pdfs}
    assert "proef" in link_targets(by_path[ZAKGIDS_FILE].data)
    assert "proef" not in link_targets(by_path[TWEEDE_GUIDE].data)
    assert "zie ook de proefrichtlijn." in text_of(by_path[TWEEDE_GUIDE].data)
    names = set(pypdf.PdfReader(io.BytesIO(by_path[TWEEDE_GUIDE].data)).named_destinations)
    assert {"tweede", "tweede-1", "tweede-checklist"} <= names
    assert not names & {"proef", "proef-1", "proef-2", "proef-checklist"}


def test_warnings_come_back_with_a_cached_pdf(tmp_path: Path) -> None:
    # WeasyPrint's remark about the layout must not go quiet after the build that rendered it.
    html = '<html lang="nl"><head><title>Proef</title></head><body><p style="kleur: rood">Tekst</p></body></html>'
    job = PdfJob("werkkaart", "proef.pdf", "Proef", html, "werkkaart.css", font_faces())
    first = render_jobs([job], cache=PdfCache(tmp_path))
    second = render_jobs([job], cache=PdfCache(tmp_path))
    assert not first.pdfs[0].cached and second.pdfs[0].cached
    assert second.pdfs[0].warnings == first.pdfs[0].warnings
    assert any("kleur" in warning for warning in first.pdfs[0].warnings)


def test_cache_key_follows_stylesheets_and_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = Path(shutil.copytree(pdf_render.PRINT_TEMPLATES, tmp_path / "zakgids"))
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in pdf_render.FONT_FILES.values():
        shutil.copy2(pdf_render.FONT_DIR / name, fonts / name)
    monkeypatch.setattr(pdf_render, "PRINT_TEMPLATES", templates)
    monkeypatch.setattr(pdf_render, "FONT_DIR", fonts)
    before = rendering_environment()
    assert rendering_environment() == before  # stable while nothing changes

    # print.css is only @imported by the others, and still counts.
    (templates / "print.css").write_text((templates / "print.css").read_text("utf-8") + "\np { color: #000; }\n", "utf-8")
    after_css = rendering_environment()
    assert after_css != before

    regular = fonts / pdf_render.FONT_FILES[("normal", "normal")]
    stat = regular.stat()
    os.utime(regular, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a reinstalled font package
    assert rendering_environment() != after_css


def test_build_reports_what_it_rendered_and_what_came_from_the_cache(
    warm: Warm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build finds all but one of its PDFs in the cache (the cold render above had the
    same content and settings: `build` and rendering share it), the second finds them all."""
    # A config of its own, so this build has its own build folder and PDF cache.
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build/docs\n", encoding="utf-8")
    cache = Path(shutil.copytree(warm.cache, tmp_path / "build" / "pdf-cache"))
    smallest = min(cache.glob("*.pdf"), key=lambda pdf: pdf.stat().st_size)  # a werkkaart: quick to render again
    smallest.unlink()
    smallest.with_suffix(".json").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    args = ["build", "--config-file", str(config), "--site-dir", str(tmp_path / "site"), "--release", RELEASE]
    args += ["--content", str(warm.tree / "content"), "--checklists", str(warm.tree / "checklists")]

    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "PDF's: zakgids (" in first.stdout
    assert "pagina's), 2 richtlijngidsen, 2 werkkaarten; 1 gemaakt, 4 uit de cache (" in first.stdout
    # Progress: a line per rendered PDF as it is done, on stderr.
    assert sum(1 for line in first.stderr.splitlines() if line.endswith(" s).") and "pagina" in line) == 1
    assert (tmp_path / "site" / "downloads" / "richtlijnen" / "tweede-richtlijn.pdf").is_file()
    assert len(list(cache.glob("*.pdf"))) == len(ALL_PATHS)

    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0, second.output
    assert "2 werkkaarten; 0 gemaakt, 5 uit de cache (" in second.stdout
    assert second.stderr == ""
