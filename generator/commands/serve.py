"""`richtlijnen serve`: a live preview that regenerates when content/ or checklists/ change."""

from __future__ import annotations

import threading
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.commands.options import config_option, source_dirs, summary
from generator.load.discover import sources_folder
from generator.problems import ContentError
from generator.render.settings import SiteSettings, read_site_settings
from generator.stages import RenderedSite, read_corpus, render_site, write_site_sources

DEBOUNCE_SECONDS = 0.3  # editors save several files (and swap files) in quick succession


def regenerate(content_dir: Path, checklists_dir: Path, settings: SiteSettings) -> RenderedSite | None:
    """One pass of load -> validate -> render -> write; problems are printed, not raised,
    so the preview keeps showing the last good version while the editor fixes them."""
    try:
        corpus = read_corpus(content_dir, checklists_dir)
    except ContentError as exc:
        for problem in exc.problems.sorted():
            click.echo(str(problem), err=True)
        click.echo("De voorbeeldweergave toont de laatste goede versie.", err=True)
        return None
    # No PDFs in the preview: they take seconds per edit, and `richtlijnen pdf` makes them on demand.
    rendered = render_site(corpus, settings, pdfs=False)
    report = write_site_sources(rendered, settings)
    click.echo(f"Bijgewerkt: {summary(corpus)}; {report.written} bestanden gewijzigd.")
    return rendered


class _Regenerator(FileSystemEventHandler):
    def __init__(self, content_dir: Path, checklists_dir: Path, settings: SiteSettings) -> None:
        self.args = (content_dir, checklists_dir, settings)
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or not str(event.src_path).endswith((".yaml", ".yml")):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, regenerate, self.args)
            self.timer.daemon = True
            self.timer.start()


@click.command("serve")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Adres van de voorbeeldweergave.")
def command(content_dir: Path, checklists_dir: Path, config_file: Path, dev_addr: str) -> None:
    """Bekijk de website terwijl je de inhoud bewerkt; ververst bij elke wijziging."""
    # Imported here: MkDocs' serve machinery is only needed by this verb.
    from mkdocs.commands.serve import serve

    settings = read_site_settings(config_file)
    rendered = regenerate(content_dir, checklists_dir, settings)
    if rendered is None:
        raise click.exceptions.Exit(1)
    observer = Observer()
    handler = _Regenerator(content_dir, checklists_dir, settings)
    for folder in (content_dir, checklists_dir, *[f for f in [sources_folder(content_dir)] if f.is_dir()]):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    click.echo(f"Voorbeeldweergave op http://{dev_addr}/ (zoeken werkt pas na 'richtlijnen build'). Stop met Ctrl+C.")
    try:
        # MkDocs watches the generated docs folder and reloads the browser when a file changes.
        serve(config_file=str(rendered.config_file), dev_addr=dev_addr, livereload=True)
    finally:
        observer.stop()
        observer.join()
