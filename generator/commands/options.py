"""Command-line options shared by several verbs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def path_option(*names: str, default: str, help: str, folder: bool = True) -> Decorator:
    """An option that names a folder (or, with `folder=False`, a file), its default shown in --help."""
    kind = click.Path(path_type=Path, file_okay=False) if folder else click.Path(path_type=Path, dir_okay=False)
    return click.option(*names, type=kind, default=Path(default), show_default=True, help=help)


def source_dirs(func: Callable[..., Any]) -> Callable[..., Any]:
    func = path_option("--checklists", "checklists_dir", default="checklists", help="Map met de checklists.")(func)
    return path_option("--content", "content_dir", default="content", help="Map met de richtlijnen.")(func)


config_option = path_option("--config-file", default="mkdocs.yml", help="Instellingen van de publicatie.", folder=False)
release_option = click.option(
    "--release", default=None, help="Versie die op elke pagina staat (standaard: extra.richtlijnen.release)."
)
# A plain text, not a click.Choice: read_site_settings checks it and says what to choose, in Dutch.
engine_option = click.option(
    "--engine",
    default=None,
    metavar="PROGRAMMA",
    help="Programma dat de HTML maakt: mkdocs, properdocs of zensical (standaard: extra.richtlijnen.engine, anders mkdocs).",
)
