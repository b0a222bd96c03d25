"""`richtlijnen check`: validate content/ and checklists/ without writing anything."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.options import source_dirs
from generator.commands.report import coverage_note, source_coverage_lines, summary
from generator.stages import read_corpus


@click.command("check")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
def command(content_dir: Path, checklists_dir: Path) -> None:
    """Controleer de richtlijnen en checklists. Meldt elk probleem als bestand:regel:kolom."""
    corpus = read_corpus(content_dir, checklists_dir)
    click.echo(f"Inhoud in orde: {summary(corpus)}.")
    click.echo(coverage_note(corpus, checklists_dir))
    for line in source_coverage_lines(corpus):
        click.echo(line)
