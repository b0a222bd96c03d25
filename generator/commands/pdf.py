"""`richtlijnen pdf`: only the printed outputs: the zakgids (A6), a guide per guideline (A6) and a
werkkaart (A4) per checklist."""

from __future__ import annotations

import dataclasses
import posixpath
import time
from pathlib import Path

import click

from generator.build import publication_inputs
from generator.commands.options import config_option, path_option, release_option, source_dirs
from generator.commands.report import report_every_pdf, run_summary, summary
from generator.render.addresses import DOWNLOADS_DIR
from generator.render.pdf.render import render_pdfs
from generator.render.settings import read_site_settings
from generator.stages import read_corpus
from generator.write.files import Output, claimed, mark_output, write_tree
from generator.write.pdf_cache import PdfCache, pdf_cache_dir


@click.command("pdf")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
@config_option
@path_option(
    "--out",
    "out_dir",
    default="build/pdf",
    help="Map voor de PDF's: zakgids.pdf, richtlijnen/<slug>.pdf en checklists/<id>.pdf.",
)
@release_option
def command(content_dir: Path, checklists_dir: Path, config_file: Path, out_dir: Path, release: str | None) -> None:
    """Maak alleen de zakgidsen (A6) en de werkkaarten (A4) als PDF."""
    started = time.perf_counter()
    corpus = read_corpus(content_dir, checklists_dir)
    settings = read_site_settings(config_file, release)
    click.echo(f"Inhoud in orde: {summary(corpus)}.")
    # Made only when there are PDFs to put in it, so a failed run leaves no empty folder behind.
    output = Output(out_dir, "de PDF's", "--out", "build/pdf", create=False)
    with claimed([output], publication_inputs(settings, (content_dir, checklists_dir))):
        # The same cache as `build`: after `richtlijnen pdf`, a build with the same settings renders
        # nothing. Only a build prunes it, so a trial with another --release does not empty it.
        run = render_pdfs(corpus, settings, cache=PdfCache(pdf_cache_dir(settings)), on_pdf=report_every_pdf)
        documents: dict[str, str | bytes] = {posixpath.relpath(pdf.path, DOWNLOADS_DIR): pdf.data for pdf in run.pdfs}
        mark_output(dataclasses.replace(output, create=True))
        # No pruning: a PDF of a guideline that is gone stays until the folder is emptied.
        write_tree(documents, out_dir, prune=False)
    click.echo(f"{len(documents)} PDF's in {out_dir}: {run_summary(run)}; klaar in {time.perf_counter() - started:.1f} s.")
