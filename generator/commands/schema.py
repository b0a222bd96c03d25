"""`richtlijnen schema`: write (or verify) the JSON Schemas that the YAML files point to."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.commands.options import path_option
from generator.schema import render_schemas


@click.command("schema")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@path_option("--out", "out_dir", default="schemas", help="Map voor de schema's.")
@click.option("--check", "verify", is_flag=True, help="Schrijf niets; meld het als de schema's verouderd zijn.")
def command(out_dir: Path, verify: bool) -> None:
    """Schrijf de JSON Schema's voor de YAML-bestanden (voor aanvulling in je editor)."""
    outdated = []
    for name, text in render_schemas().items():
        target = out_dir / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        outdated.append(target)
        if not verify:
            out_dir.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            click.echo(f"Geschreven: {target}")
    if verify and outdated:
        for target in outdated:
            click.echo(f"{target}: verouderd; draai 'richtlijnen schema'", err=True)
        sys.exit(1)
    if not outdated:
        click.echo("Schema's zijn actueel.")
