"""`richtlijnen build`: validate, then produce every output from the validated corpus."""

from __future__ import annotations

import time
from pathlib import Path

import click

from generator.build import build
from generator.commands.options import config_option, engine_option, path_option, release_option, source_dirs
from generator.commands.report import coverage_note, pdf_summary, report_progress, summary
from generator.model.corpus import Corpus
from generator.render.settings import read_site_settings


@click.command("build")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
@config_option
@path_option("--site-dir", default="site", help="Map voor de website.")
@release_option
@engine_option
def command(
    content_dir: Path, checklists_dir: Path, config_file: Path, site_dir: Path, release: str | None, engine: str | None
) -> None:
    """Controleer de inhoud en bouw de website. Bij een fout blijft de vorige site staan."""
    started = time.perf_counter()
    settings = read_site_settings(config_file, release, engine)

    def content_ok(corpus: Corpus) -> None:
        click.echo(f"Inhoud in orde: {summary(corpus)}.")
        click.echo(coverage_note(corpus, checklists_dir))

    publication = build(content_dir, checklists_dir, settings, site_dir, on_corpus=content_ok, on_pdf=report_progress)
    click.echo(pdf_summary(publication.pdfs))
    report = publication.sources
    click.echo(f"Bronbestanden: {report.written} geschreven, {report.unchanged} ongewijzigd, {report.removed} verwijderd.")
    click.echo(f"Website gebouwd in {site_dir} ({time.perf_counter() - started:.1f} s).")
