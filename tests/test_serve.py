"""`richtlijnen serve`: the preview follows an edit to the YAML without a manual rebuild, once per
saved change: its own reads, editors' swap files and a burst of saves do not make it loop."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from watchdog.events import (
    DirModifiedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
    FileSystemEvent,
)

from generator.commands.serve import Changes, Debounced, Watched
from tests.conftest import MINIMAL, REPO
from tests.test_offline_manifest import validator

# How long the preview is left alone after an edit: a loop printed a line about three times a second.
IDLE_SECONDS = 4
UPDATED = "Bijgewerkt: "


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch_until(url: str, needle: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                last = str(response.read().decode("utf-8"))
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout} s")


class _Output:
    """The lines a process prints, read on a thread of its own so that a full pipe never blocks it."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stdout is not None
        stream = process.stdout
        self.thread = threading.Thread(target=lambda: self.lines.extend(line for line in stream), daemon=True)
        self.thread.start()

    def mark(self) -> int:
        return len(self.lines)

    def since(self, mark: int, needle: str) -> list[str]:
        return [line for line in self.lines[mark:] if needle in line]

    def wait_for(self, needle: str, *, after: int = 0, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.since(after, needle):
            assert time.monotonic() < deadline, f"{needle!r} not printed within {timeout} s:\n{''.join(self.lines)}"
            time.sleep(0.05)

    def idle_then(self, needle: str, *, after: int) -> list[str]:
        """The lines with `needle` since `after`, once the first has come and the preview was left alone."""
        self.wait_for(needle, after=after)
        time.sleep(IDLE_SECONDS)
        return self.since(after, needle)


@contextmanager
def _serving(tmp_path: Path, *extra: str) -> Iterator[tuple[Path, str, _Output]]:
    """`richtlijnen serve` on a copy of the minimal tree: (the tree, the preview's address, its output)."""
    tree = Path(shutil.copytree(MINIMAL, tmp_path / "tree"))
    # A config of its own, so the preview writes into tmp_path and not into the repository's build/.
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build/docs\n", encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "generator", "serve",
            "--content", str(tree / "content"), "--checklists", str(tree / "checklists"),
            "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}", *extra,
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )  # fmt: skip
    try:
        output = _Output(process)
        output.wait_for("Voorbeeldweergave op", timeout=60)
        yield tree, f"http://127.0.0.1:{port}", output
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_serve_regenerates_once_per_edit(tmp_path: Path) -> None:
    with _serving(tmp_path) as (tree, address, output):
        url = f"{address}/proefrichtlijn/hoofdstuk/"
        _fetch_until(url, "Interventies", timeout=60)
        mark = output.mark()
        _edit(tree / "content" / "proef" / "01-hoofdstuk.yaml", "title: Interventies", "title: Evalueren en bijsturen")
        _fetch_until(url, "Evalueren en bijsturen", timeout=60)
        assert (tmp_path / "build" / "docs" / "proefrichtlijn" / "hoofdstuk.md").is_file()
        # Its own reads of the files made watchdog report them, which regenerated again, and again.
        assert len(output.idle_then(UPDATED, after=mark)) == 1, "".join(output.lines[mark:])

        # The case: one touch of the glossary printed 24 lines in 10 s. A touch changes
        # nothing but the file's times: it is the way to ask for a fresh preview, so once.
        mark = output.mark()
        subprocess.run(["touch", str(tree / "content" / "begrippen.yaml")], check=True)
        assert len(output.idle_then(UPDATED, after=mark)) == 1, "".join(output.lines[mark:])


def test_every_offline_control_file_the_preview_asks_for_is_there_and_shows_no_control(tmp_path: Path) -> None:
    """The preview has no offline.json (a build counts a save's bytes after the engine), so it
    shows no "offline bewaren"; but each page's marker names a file, which answered 404."""
    with _serving(tmp_path) as (_tree, address, _output):
        pages = [_fetch_until(f"{address}/{path}", "rl-offline-plek", timeout=60) for path in ("", "proefrichtlijn/")]
        asked = sorted({file for page in pages for file in re.findall(r'data-rl-offline="([^"]+)"', page)})
        assert asked == ["offline/publicatie.json", "offline/richtlijn-proef.json"]
        for file in asked:
            with urllib.request.urlopen(f"{address}/{file}", timeout=5) as response:
                control = json.loads(response.read())
            # assets/offline.js draws a control only for a file with a size; the schema allows its absence.
            assert "size" not in control and control["title"], (file, control)
            validator("control").validate(control)


def test_serve_reports_an_error_once(tmp_path: Path) -> None:
    with _serving(tmp_path) as (tree, _address, output):
        chapter = tree / "content" / "proef" / "01-hoofdstuk.yaml"
        good = chapter.read_text("utf-8")
        mark = output.mark()
        chapter.write_text(good + "title: [\n", "utf-8")
        errors = output.idle_then("01-hoofdstuk.yaml:", after=mark)
        assert len(errors) == 1, "".join(output.lines[mark:])
        assert "ongeldige YAML" in errors[0]
        assert len(output.since(mark, "toont de laatste goede versie")) == 1
        assert not output.since(mark, UPDATED)

        # Fixed: the preview follows again, and the error is not repeated.
        chapter.write_text(good, "utf-8")
        output.wait_for(UPDATED, after=mark)
        assert len(output.since(mark, "01-hoofdstuk.yaml:")) == 1


def test_serve_regenerates_once_for_a_burst_of_saves(tmp_path: Path) -> None:
    with _serving(tmp_path) as (tree, address, output):
        # MkDocs watches the docs only after its first build: a change before then it never shows.
        url = f"{address}/proefrichtlijn/hoofdstuk/"
        _fetch_until(url, "Interventies", timeout=60)
        mark = output.mark()
        content = tree / "content"
        # "Save all" in an editor: several files within a fraction of a second, one of them the
        # atomic way (a temporary file renamed onto it), with a swap file made and removed.
        swap = content / ".begrippen.yaml.swp"
        swap.write_bytes(b"swap")
        _edit(content / "begrippen.yaml", "term: JIM", "term: JIM  # burst")
        time.sleep(0.05)
        _edit(tree / "checklists" / "proef-checklist.yaml", "title: Proefchecklist", "title: Proefchecklist  # burst")
        time.sleep(0.05)
        chapter = content / "proef" / "01-hoofdstuk.yaml"
        temporary = content / "proef" / "01-hoofdstuk.yaml.tmp"
        temporary.write_text(chapter.read_text("utf-8").replace("title: Interventies", "title: Evalueren en bijsturen"), "utf-8")
        temporary.replace(chapter)
        swap.unlink()
        assert len(output.idle_then(UPDATED, after=mark)) == 1, "".join(output.lines[mark:])
        _fetch_until(url, "Evalueren en bijsturen", timeout=10)


def _counted(watched: Watched, event: FileSystemEvent) -> bool:
    calls: list[None] = []
    Changes(watched, lambda: calls.append(None)).on_any_event(event)
    return bool(calls)


def test_only_changes_to_watched_files_count(tmp_path: Path) -> None:
    tree = Path(shutil.copytree(MINIMAL, tmp_path / "tree"))
    watched = Watched.of(tree / "content", tree / "checklists")
    glossary = str(watched.content / "begrippen.yaml")
    # What a read looks like, the preview's own included; and changes to files nothing reads.
    for event in [
        FileOpenedEvent(glossary),
        FileClosedNoWriteEvent(glossary),
        DirModifiedEvent(str(watched.content)),
        *(FileModifiedEvent(str(watched.content / name)) for name in (".begrippen.yaml.swp", "begrippen.yaml~", "4913")),
        FileCreatedEvent(str(watched.content / "proef" / "01-hoofdstuk.yaml.tmp")),
        FileModifiedEvent(str(watched.sources / ".proef.txt.swp")),
        FileModifiedEvent(str(tmp_path / "build" / "docs" / "index.yaml")),
    ]:
        assert not _counted(watched, event), event
    for event in [
        FileModifiedEvent(glossary),
        FileClosedEvent(glossary),
        FileAttribEvent(glossary),
        FileCreatedEvent(str(watched.checklists / "nieuw.yml")),
        FileDeletedEvent(str(watched.content / "proef" / "01-hoofdstuk.yaml")),
        FileModifiedEvent(str(watched.sources / "proef.txt")),
        # An atomic save: the temporary file is renamed onto the real one.
        FileMovedEvent(
            str(watched.content / "proef" / ".01-hoofdstuk.yaml.XYZ"), str(watched.content / "proef" / "01-hoofdstuk.yaml")
        ),
    ]:
        assert _counted(watched, event), event


def test_the_fingerprint_ignores_reads_and_sees_a_touch(tmp_path: Path) -> None:
    tree = Path(shutil.copytree(MINIMAL, tmp_path / "tree"))
    watched = Watched.of(tree / "content", tree / "checklists")
    before = watched.fingerprint()
    assert watched.content / "begrippen.yaml" in before
    assert watched.sources / "proef.txt" in before
    (tree / "content" / "begrippen.yaml").read_bytes()
    (tree / "content" / ".begrippen.yaml.swp").write_bytes(b"swap")
    assert watched.fingerprint() == before
    stat = (tree / "content" / "begrippen.yaml").stat()
    os.utime(tree / "content" / "begrippen.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert watched.fingerprint() != before


def test_passes_run_one_at_a_time_and_once_after_a_change_during_one() -> None:
    first_started, release = threading.Event(), threading.Event()
    active: list[None] = []
    runs: list[int] = []  # for each run: how many runs were going on at its start, itself included

    def action() -> None:
        active.append(None)
        runs.append(len(active))
        first_started.set()
        release.wait(timeout=10)
        active.pop()

    passes = Debounced(action, delay=0.05)
    passes.start()
    try:
        for _ in range(5):  # a burst: one run
            passes.changed()
        assert first_started.wait(timeout=5)
        for _ in range(5):  # saves during that run: one run after it, not one beside it
            passes.changed()
        time.sleep(0.3)
        assert runs == [1]
        release.set()
        deadline = time.monotonic() + 5
        while len(runs) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)
        assert runs == [1, 1]
    finally:
        release.set()
        passes.stop()


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_preview_runs_on_the_other_engines(tmp_path: Path, engine: str) -> None:
    """Each engine's own preview server shows the generated pages (ProperDocs' refused the config once)."""
    with _serving(tmp_path, "--engine", engine) as (_tree, address, _output):
        assert "Proefrichtlijn" in _fetch_until(f"{address}/proefrichtlijn/", "Proefrichtlijn", timeout=60)
