"""`richtlijnen init DIR`: a new publication, so another organisation can publish its own guidelines.

It holds one real guideline with its source page, the glossary terms it uses and its checklist
(generator/init_example/, copied from this repository's content by scripts/update_init_example.py,
and a test keeps them equal: guideline text is never invented), its own mkdocs.yml, the JSON
Schemas for the editor and a .gitignore. `check` and `build` succeed in it as it is.

Like every command, it destroys nothing it did not make: DIR must not exist or be empty, files are
created only where none is (never overwritten), and when writing fails halfway what it made is
removed again.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import NoReturn

import click
import yaml

from generator.commands.report import count
from generator.problems import os_reason
from generator.schema import render_schemas

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "init_example"
SCHEMAS_DIR = "schemas"
# The folders build writes by default: the generated docs tree (with the PDF cache) and the site.
GITIGNORE = "# Wat 'richtlijnen build' maakt: de gegenereerde bronbestanden en de website.\nbuild/\nsite/\n"


@click.command("init")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@click.argument("folder", metavar="MAP", type=click.Path(path_type=Path))
def command(folder: Path) -> None:
    """Maak een nieuwe publicatie in MAP, met een voorbeeldrichtlijn en een eigen mkdocs.yml.

    MAP mag nog niet bestaan of moet leeg zijn. De voorbeeldrichtlijn komt uit de Richtlijnen
    Jeugdhulp en Jeugdbescherming, met haar bron, begrippen en checklist; vervang haar door je eigen.
    """
    files = example_files()
    refusal = _refusal(folder)
    if refusal:
        _fail(f"{folder} {refusal}")
    try:
        _write(folder, files)
    except OSError as exc:
        shown = exc.filename or folder
        _fail(f"kon {shown} niet schrijven ({os_reason(exc)}); wat al gemaakt was, is weer weggehaald")
    for line in report_lines(folder, files):
        click.echo(line)


def example_files() -> dict[str, str | bytes]:
    """Path in the new publication -> content: the packaged example, the schemas and a .gitignore."""
    files: dict[str, str | bytes] = {
        path.relative_to(EXAMPLE_DIR).as_posix(): path.read_bytes()
        for path in sorted(EXAMPLE_DIR.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    files.update({f"{SCHEMAS_DIR}/{name}": text for name, text in render_schemas().items()})
    files[".gitignore"] = GITIGNORE
    return files


def report_lines(folder: Path, files: dict[str, str | bytes]) -> list[str]:
    guidelines = sorted(path for path in files if path.startswith("content/") and path.endswith("/richtlijn.yaml"))
    # Not checklists/_niet-in-checklist.yaml, should the example have recommendations in no checklist.
    checklists = sorted(path for path in files if path.startswith("checklists/") and not path.startswith("checklists/_"))
    sources = sorted(path for path in files if path.startswith("sources/"))
    glossary = yaml.safe_load(files["content/begrippen.yaml"])["terms"] or []
    titles = [str(yaml.safe_load(files[path])["title"]) for path in guidelines]
    checklist_titles = [str(yaml.safe_load(files[path])["title"]) for path in checklists]
    where = "" if folder.resolve() == Path.cwd().resolve() else f" in {folder}"
    return [
        f"Nieuwe publicatie gemaakt in {folder}:",
        "  mkdocs.yml: de naam, het webadres en de versie van de publicatie",
        f"  content/: de voorbeeldrichtlijn {_listed(titles)} en {count(len(glossary), 'begrip', 'begrippen')}",
        f"  checklists/: de checklist {_listed(checklist_titles)}",
        f"  sources/: {count(len(sources), 'bron', 'bronnen')} van de voorbeeldrichtlijn, waar check elke zin in terugvindt",
        f"  {SCHEMAS_DIR}/: aanvulling en uitleg bij de YAML-bestanden in je editor",
        f"Zet de naam en het webadres van je publicatie in {folder / 'mkdocs.yml'}. Draai daarna{where}:",
        "  richtlijnen check",
        "  richtlijnen build",
    ]


def _listed(titles: list[str]) -> str:
    return ", ".join(f"'{title}'" for title in titles)


def _refusal(folder: Path) -> str | None:
    """Why the folder cannot hold a new publication, or None when it does not exist or is empty."""
    try:
        if not folder.exists() and not folder.is_symlink():
            return None
        if not folder.is_dir():
            return "bestaat al en is geen map; kies een nieuwe of een lege map"
        if any(folder.iterdir()):
            return (
                "bestaat al en is niet leeg; kies een nieuwe of een lege map (init schrijft nooit over bestaande bestanden heen)"
            )
    except OSError as exc:
        return f"is niet te lezen ({os_reason(exc)})"
    return None


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    """Every file, created only where none is; on a failure, what was made is removed again."""
    made: list[Path] = []
    try:
        for parent in reversed([folder, *folder.parents]):
            if not parent.exists():
                parent.mkdir()
                made.append(parent)
        for relative, content in files.items():
            target = folder / relative
            for parent in reversed(target.relative_to(folder).parents):
                directory = folder / parent
                if not directory.exists():
                    directory.mkdir()
                    made.append(directory)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with target.open("xb") as file:  # exclusive: never over a file that appeared meanwhile
                made.append(target)
                file.write(data)
    except OSError:
        for path in reversed(made):
            try:
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
            except OSError as cleanup:
                if cleanup.errno != errno.ENOENT:
                    click.echo(f"Let op: {path} kon niet worden weggehaald ({os_reason(cleanup)}).", err=True)
        raise


def _fail(message: str) -> NoReturn:
    click.echo(f"Publicatie niet gemaakt: {message}", err=True)
    raise click.exceptions.Exit(1)
