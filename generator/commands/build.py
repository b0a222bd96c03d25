"""`richtlijnen build`: validate, then produce every output from the validated corpus."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.options import source_dirs, summary
from generator.stages import read_corpus


@click.command("build")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
def command(content_dir: Path, checklists_dir: Path) -> None:
    """Controleer de inhoud en bouw de publicatie."""
    corpus = read_corpus(content_dir, checklists_dir)
    click.echo(f"Inhoud in orde: {summary(corpus)}.")
