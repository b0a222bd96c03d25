"""Command-line options shared by several verbs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def source_dirs(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--checklists",
        "checklists_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("checklists"),
        show_default=True,
        help="Map met de checklists.",
    )(func)
    return click.option(
        "--content",
        "content_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("content"),
        show_default=True,
        help="Map met de richtlijnen.",
    )(func)


def engine_option(func: Callable[..., Any]) -> Callable[..., Any]:
    # A plain text, not a click.Choice: read_site_settings checks it and says what to choose, in Dutch.
    return click.option(
        "--engine",
        default=None,
        metavar="PROGRAMMA",
        help="Programma dat de HTML maakt: mkdocs, properdocs of zensical (standaard: extra.richtlijnen.engine, anders mkdocs).",
    )(func)


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config-file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("mkdocs.yml"),
        show_default=True,
        help="Instellingen van de publicatie.",
    )(func)
