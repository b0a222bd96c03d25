"""`richtlijnen serve`: a live preview that regenerates when content/, checklists/ or sources/ change."""

from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
    FileSystemMovedEvent,
)
from watchdog.observers import Observer

from generator.commands.options import config_option, engine_option, source_dirs
from generator.commands.report import summary
from generator.load.discover import YAML_SUFFIXES, sources_folder
from generator.problems import BuildError, ContentError
from generator.render.engine import ZENSICAL
from generator.render.offline import preview_control_files
from generator.render.settings import SiteSettings, read_site_settings
from generator.stages import RenderedSite, read_corpus, render_site
from generator.write.sources import write_sources

DEBOUNCE_SECONDS = 0.3  # editors save several files (and swap files) in quick succession
SOURCE_SUFFIX = ".txt"  # the publisher's pages in sources/

# The events that can change a file. Opening a file and closing it unwritten cannot, and watchdog 7
# reports both for every read, the preview's own reads included: regenerating on them made a loop.
# FileClosedEvent is a close after writing; FileAttribEvent a touch or a chmod (and the access time
# a read may set, which the fingerprint below ignores).
FILE_CHANGES = (FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent, FileAttribEvent)
# A folder is also "modified" when a file in it is: that file's own event counts instead.
FOLDER_CHANGES = (DirCreatedEvent, DirMovedEvent, DirDeletedEvent)
# Given to the observer too, so that the operating system need not even report the rest.
WATCHED_EVENTS: list[type[FileSystemEvent]] = [*FILE_CHANGES, *FOLDER_CHANGES]

# What a file looked like: any write, touch, chmod or rename onto it changes this; reading it does
# not (a read may set the access time, never the change time).
Fingerprint = dict[Path, tuple[int, ...]]


@dataclass(frozen=True)
class Watched:
    """The files the preview is made of: the YAML in content/ and checklists/ (every name
    `discover` reads or reports), and the sources' text files. Editors' swap and backup files
    (`.x.yaml.swp`, `x.yaml~`, vim's `4913`) end otherwise and are not among them."""

    content: Path
    checklists: Path
    sources: Path

    @classmethod
    def of(cls, content_dir: Path, checklists_dir: Path) -> Watched:
        # Resolved, as the folders are watched: the events name files by the watched folder's path.
        return cls(content_dir.resolve(), checklists_dir.resolve(), sources_folder(content_dir).resolve())

    def folders(self) -> list[Path]:
        return [folder for folder in (self.content, self.checklists, self.sources) if folder.is_dir()]

    def holds(self, path: Path, *, is_directory: bool = False) -> bool:
        if path.is_relative_to(self.sources):
            return is_directory or path.suffix == SOURCE_SUFFIX
        if path.is_relative_to(self.content) or path.is_relative_to(self.checklists):
            # Any case: `check` reports a `.YAML` file, so it changes what the preview shows.
            return is_directory or path.suffix.lower() in YAML_SUFFIXES
        return False

    def fingerprint(self) -> Fingerprint:
        """Every watched file with its stat. Comparing two tells whether anything changed at all:
        events say that something happened, not what, and a regeneration that changes nothing
        would only print its line (or its errors) again.

        The stat and not a hash of the contents: touching a file is the way to ask for a fresh
        preview, and it changes only the times. So a touch regenerates once, not never (and, as
        with every change, not again and again); so does a file an editor saves unchanged."""
        found: Fingerprint = {}
        for folder in self.folders():
            for parent, _folders, names in os.walk(folder):
                for name in names:
                    path = Path(parent, name)
                    if self.holds(path):
                        try:
                            info = path.stat()
                        except OSError:  # a broken link, or deleted meanwhile
                            found[path] = ()
                        else:
                            found[path] = (info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return found


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
    # Nor what an offline save takes, which a build counts after the engine: each page's control
    # reads a file that gives no size, and so shows nothing (docs/beheer.md, "Offline reading").
    controls = preview_control_files(settings.release, rendered.offline)
    rendered = dataclasses.replace(rendered, docs={**rendered.docs, **controls})
    report = write_sources(rendered, settings)
    click.echo(f"Bijgewerkt: {summary(corpus)}; {report.written} bestanden gewijzigd.")
    return rendered


class Changes(FileSystemEventHandler):
    """Passes on the events that may have changed a watched file, and nothing else."""

    def __init__(self, watched: Watched, on_change: Callable[[], None]) -> None:
        self.watched = watched
        self.on_change = on_change

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not isinstance(event, (*FILE_CHANGES, *FOLDER_CHANGES)):
            return
        # An atomic save writes a temporary file and renames it onto the real one: dest_path.
        paths = [event.src_path, event.dest_path] if isinstance(event, FileSystemMovedEvent) else [event.src_path]
        if any(path and self.watched.holds(Path(os.fsdecode(path)), is_directory=event.is_directory) for path in paths):
            self.on_change()


class Debounced:
    """Runs `action` on a thread of its own once changes have stopped coming for `delay` seconds.
    A burst of saves gives one run; runs never overlap (they write the same folder); changes
    during a run give exactly one run after it."""

    def __init__(self, action: Callable[[], None], delay: float = DEBOUNCE_SECONDS) -> None:
        self.action = action
        self.delay = delay
        self.condition = threading.Condition()
        self.last_change: float | None = None
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="richtlijnen-serve", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def changed(self) -> None:
        with self.condition:
            self.last_change = time.monotonic()
            self.condition.notify()

    def stop(self) -> None:
        """Waits for a run in progress, so that no half-written docs folder is left."""
        with self.condition:
            self.stopping = True
            self.condition.notify()
        if self.thread.is_alive():
            self.thread.join()

    def _run(self) -> None:
        while self._quiet_after_change():
            self.action()

    def _quiet_after_change(self) -> bool:
        """Waits for a change, then for `delay` seconds without one; False once stopping."""
        with self.condition:
            while not self.stopping:
                if self.last_change is None:
                    self.condition.wait()
                    continue
                quiet_for = self.last_change + self.delay - time.monotonic()
                if quiet_for <= 0:
                    self.last_change = None
                    return True
                self.condition.wait(quiet_for)
            return False


class Preview:
    """Regenerates only when a watched file changed since the last pass: whatever events the
    preview's own reads cause (the access time a read sets), they do not make it run again."""

    def __init__(self, content_dir: Path, checklists_dir: Path, settings: SiteSettings) -> None:
        self.args = (content_dir, checklists_dir, settings)
        self.watched = Watched.of(content_dir, checklists_dir)
        self.seen: Fingerprint | None = None

    def refresh(self) -> RenderedSite | None:
        # Taken before reading: a save during the pass is then a change for the next one.
        now = self.watched.fingerprint()
        if now == self.seen:
            return None
        self.seen = now
        return regenerate(*self.args)

    def refresh_quietly(self) -> None:
        """The watcher's pass: a failure is told once and the preview keeps running."""
        try:
            self.refresh()
        except BuildError as exc:
            click.echo(f"Bouwen mislukt: {exc}", err=True)
            click.echo("De voorbeeldweergave toont de laatste goede versie.", err=True)
        except Exception as exc:  # noqa: BLE001 - the watcher thread must survive it, or the preview stops silently
            click.echo(f"Interne fout: {type(exc).__name__}: {exc}", err=True)
            click.echo("De voorbeeldweergave toont de laatste goede versie.", err=True)


def serve_with_engine(engine: str, config_file: Path, dev_addr: str) -> None:
    """The engine's own development server, until Ctrl+C."""
    if engine == ZENSICAL:
        # Zensical's server is its own program; it gets the Ctrl+C too and stops.
        subprocess.run([sys.executable, "-m", "zensical", "serve", "-f", str(config_file), "-a", dev_addr], check=False)
        return
    # Imported here: the serve machinery is only needed by this verb. ProperDocs kept MkDocs' API,
    # and its package name is the engine's name, as MkDocs' is.
    serve = importlib.import_module(f"{engine}.commands.serve").serve
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)


@click.command("serve")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@source_dirs
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Adres van de voorbeeldweergave.")
@engine_option
def command(content_dir: Path, checklists_dir: Path, config_file: Path, dev_addr: str, engine: str | None) -> None:
    """Bekijk de website terwijl je de inhoud bewerkt; ververst bij elke wijziging."""
    settings = read_site_settings(config_file, engine=engine)
    preview = Preview(content_dir, checklists_dir, settings)
    passes = Debounced(preview.refresh_quietly)
    observer = Observer()
    handler = Changes(preview.watched, passes.changed)
    for folder in preview.watched.folders():
        observer.schedule(handler, str(folder), recursive=True, event_filter=WATCHED_EVENTS)
    # Watching before the first pass, so that a save during it is not missed.
    observer.start()
    try:
        rendered = preview.refresh()
        if rendered is None:
            raise click.exceptions.Exit(1)
        passes.start()
        click.echo(f"Voorbeeldweergave op http://{dev_addr}/ (zoeken werkt pas na 'richtlijnen build'). Stop met Ctrl+C.")
        # The engine watches the generated docs folder and reloads the browser when a file changes.
        serve_with_engine(settings.engine, rendered.config_file, dev_addr)
    finally:
        observer.stop()
        observer.join()
        passes.stop()
