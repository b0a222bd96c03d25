"""The lines the verbs print about what they did: counts, coverage, PDFs. Dutch, in one voice;
shared by the verbs so that none imports another."""

from __future__ import annotations

from pathlib import Path

import click

from generator.load.discover import checklist_gaps_file
from generator.model.corpus import Corpus
from generator.problems import display_path
from generator.render.pdf.render import PdfRun, RenderedPdf


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def summary(corpus: Corpus) -> str:
    chapters = sum(len(entry.chapters) for entry in corpus.guidelines)
    recommendations = sum(1 for _ in corpus.recommendations())
    return ", ".join(
        [
            count(len(corpus.guidelines), "richtlijn", "richtlijnen"),
            count(chapters, "bouwsteen", "bouwstenen"),
            count(recommendations, "aanbeveling", "aanbevelingen"),
            count(len(corpus.glossary.terms), "begrip", "begrippen"),
            count(len(corpus.checklists), "checklist", "checklists"),
        ]
    )


COVERAGE_LIST_LIMIT = 12  # a longer list scrolls the real problems off the screen


def coverage_note(corpus: Corpus, checklists_dir: Path) -> str:
    """Which recommendations no checklist covers; `check` has made sure that the list of gaps beside
    the checklists says why for each."""
    uncovered = corpus.uncovered_recommendations()
    total = sum(1 for _ in corpus.recommendations())
    if not uncovered:
        return f"Alle {total} aanbevelingen staan in een checklist."
    shown = ", ".join(uncovered[:COVERAGE_LIST_LIMIT])
    more = len(uncovered) - COVERAGE_LIST_LIMIT
    if more > 0:
        shown += f" en {more} andere"
    reasons = display_path(checklist_gaps_file(checklists_dir))
    return (
        f"{total - len(uncovered)} van {total} aanbevelingen staan in een checklist; bewust niet (reden in {reasons}): {shown}."
    )


def source_coverage_lines(corpus: Corpus) -> list[str]:
    """Per guideline, how much of its sources its text holds: a low share means text left out."""
    lines = []
    for item in corpus.coverage:
        share = f"{100 * item.present / item.total:.1f}".replace(".", ",") if item.total else "100,0"
        lines.append(
            f"Bronnen van {item.guideline}: {share}% van de bronzinnen staat in de tekst ({item.present} van {item.total}); "
            f"{_faithful(item.faithful)}."
        )
    return lines


def _faithful(sentences: int) -> str:
    """The fidelity: `check` passed, so every sentence of the text stands in the sources."""
    if sentences == 0:
        return "de tekst heeft nog geen zinnen van vijf woorden of meer"
    if sentences == 1:
        return "de ene zin van de tekst staat er letterlijk in"
    return f"alle {sentences} zinnen van de tekst staan er letterlijk in"


def progress_line(pdf: RenderedPdf) -> str:
    pages = count(pdf.pages, "pagina", "pagina's")
    when = "uit de cache" if pdf.cached else f"{pdf.seconds:.1f} s"
    return f"{pdf.label}: {pages}, {len(pdf.data) // 1024} kB ({when})."


def run_summary(run: PdfRun) -> str:
    """How many PDFs were rendered (in how many processes) and how many came from the cache."""
    rendered = f"{run.rendered} gemaakt" + (f" in {run.workers} processen" if run.workers > 1 else "")
    return f"{rendered}, {run.cached} uit de cache ({run.seconds:.1f} s)"


def pdf_summary(run: PdfRun) -> str:
    """One line for `build`, which makes the same PDFs as part of the site."""
    guide = next(pdf for pdf in run.pdfs if pdf.kind == "zakgids")
    guides = sum(1 for pdf in run.pdfs if pdf.kind == "richtlijngids")
    sheets = sum(1 for pdf in run.pdfs if pdf.kind == "werkkaart")
    pages = count(guide.pages, "pagina", "pagina's")
    parts = [
        f"zakgids ({pages})",
        count(guides, "richtlijngids", "richtlijngidsen"),
        count(sheets, "werkkaart", "werkkaarten"),
    ]
    return f"PDF's: {', '.join(parts)}; {run_summary(run)}."


def report_warnings(pdf: RenderedPdf) -> None:
    """WeasyPrint's remarks about the templates; they mean a layout may be off, so show them
    (a PDF from the cache brings the remarks of its rendering along)."""
    for warning in pdf.warnings:
        click.echo(f"Let op bij {pdf.label}: {warning}", err=True)


def report_progress(pdf: RenderedPdf) -> None:
    """For `build`: a line per PDF that had to be rendered, as it is done, so a long render shows
    that it is moving; PDFs from the cache are only counted in the summary."""
    if not pdf.cached:
        click.echo(progress_line(pdf), err=True)
    report_warnings(pdf)


def report_every_pdf(pdf: RenderedPdf) -> None:
    click.echo(progress_line(pdf), err=True)
    report_warnings(pdf)
