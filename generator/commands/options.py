"""Options shared by several verbs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.model.corpus import Corpus


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


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config-file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("mkdocs.yml"),
        show_default=True,
        help="MkDocs-configuratie van de website.",
    )(func)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def summary(corpus: Corpus) -> str:
    chapters = sum(len(entry.chapters) for entry in corpus.guidelines)
    recommendations = sum(1 for _ in corpus.recommendations())
    return ", ".join(
        [
            _count(len(corpus.guidelines), "richtlijn", "richtlijnen"),
            _count(chapters, "bouwsteen", "bouwstenen"),
            _count(recommendations, "aanbeveling", "aanbevelingen"),
            _count(len(corpus.glossary.terms), "begrip", "begrippen"),
            _count(len(corpus.checklists), "checklist", "checklists"),
        ]
    )


COVERAGE_LIST_LIMIT = 12  # a longer list scrolls the real problems off the screen


def coverage_note(corpus: Corpus) -> str:
    """Which recommendations no checklist covers; `check` has made sure each says why (not_in_checklist)."""
    uncovered = corpus.uncovered_recommendations()
    total = sum(1 for _ in corpus.recommendations())
    if not uncovered:
        return f"Alle {total} aanbevelingen staan in een checklist."
    shown = ", ".join(uncovered[:COVERAGE_LIST_LIMIT])
    more = len(uncovered) - COVERAGE_LIST_LIMIT
    if more > 0:
        shown += f" en {more} andere"
    return f"{total - len(uncovered)} van {total} aanbevelingen staan in een checklist; bewust niet (not_in_checklist): {shown}."


def source_coverage_lines(corpus: Corpus) -> list[str]:
    """Per guideline, how much of its sources its text holds: a low share means text left out."""
    lines = []
    for item in corpus.coverage:
        share = f"{100 * item.present / item.total:.1f}".replace(".", ",") if item.total else "100,0"
        lines.append(
            f"Bronnen van {item.guideline}: {share}% van de bronzinnen staat in de tekst ({item.present} van {item.total})."
        )
    return lines
