"""`richtlijnen pdf`: only the printed outputs, the zakgids (A6) and a werkkaart (A4) per checklist."""

from __future__ import annotations

import posixpath
import time
from pathlib import Path

import click

from generator.commands.options import config_option, source_dirs, summary
from generator.render.addresses import DOWNLOADS_DIR
from generator.render.pdf.render import RenderedPdf, render_pdfs
from generator.render.settings import read_site_settings
from generator.stages import read_corpus
from generator.write.files import write_tree


def progress_line(pdf: RenderedPdf) -> str:
    pages = "1 pagina" if pdf.pages == 1 else f"{pdf.pages} pagina's"
    return f"{pdf.label}: {pages}, {len(pdf.data) // 1024} kB ({pdf.seconds:.1f} s)."


def pdf_summary(pdfs: list[RenderedPdf]) -> str:
    """One line for `build`, which makes the same PDFs as part of the site."""
    sheets = len(pdfs) - 1
    seconds = sum(pdf.seconds for pdf in pdfs)
    return (
        f"PDF's: zakgids ({pdfs[0].pages} pagina's), {sheets} {'werkkaart' if sheets == 1 else 'werkkaarten'} ({seconds:.1f} s)."
    )


def report_warnings(pdf: RenderedPdf) -> None:
    """WeasyPrint's remarks about the templates; they mean a layout may be off, so show them."""
    for warning in pdf.warnings:
        click.echo(f"Let op bij {pdf.label}: {warning}", err=True)


@click.command("pdf")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
@config_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build/pdf"),
    show_default=True,
    help="Map voor de PDF's: zakgids.pdf en checklists/<id>.pdf.",
)
@click.option("--release", default=None, help="Versie die op elke pagina staat (standaard: extra.richtlijnen.release).")
def command(content_dir: Path, checklists_dir: Path, config_file: Path, out_dir: Path, release: str | None) -> None:
    """Maak alleen de zakgids (A6) en de werkkaarten per checklist (A4) als PDF."""
    started = time.perf_counter()
    corpus = read_corpus(content_dir, checklists_dir)
    settings = read_site_settings(config_file, release)
    click.echo(f"Inhoud in orde: {summary(corpus)}.")
    documents: dict[str, str | bytes] = {}
    for pdf in render_pdfs(corpus, settings):
        # One line per document as it is done: the zakgids takes a few seconds.
        click.echo(progress_line(pdf), err=True)
        report_warnings(pdf)
        documents[posixpath.relpath(pdf.path, DOWNLOADS_DIR)] = pdf.data
    # No pruning: --out may be a folder that holds other files too.
    write_tree(documents, out_dir, prune=False)
    click.echo(f"{len(documents)} PDF's in {out_dir} ({time.perf_counter() - started:.1f} s).")
