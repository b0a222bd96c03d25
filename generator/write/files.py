"""Write an in-memory tree to a folder, touching only what changed; and claim the folders a
command writes into, so that no command deletes or overwrites what it did not make.

Unchanged files keep their modification time, so `mkdocs serve` reloads only what an edit affects.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from generator.parallel import in_two_processes
from generator.problems import BuildError, display_path, os_reason

# A tree this large is written by two processes; a smaller one (the generated config, a few PDFs)
# is done before a second process would have started.
TWO_PROCESSES_FROM = 200


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_tree(tree: dict[str, str | bytes], out_dir: Path, *, prune: bool = True) -> WriteReport:
    """Write `tree` under `out_dir`; with `prune`, remove files that are no longer in the tree."""
    # Plain string paths: at 100x content the tree has 7,700 files, and making a Path for each
    # (and hashing its parent) cost more than a tenth of the writing (bench/).
    base = os.fspath(out_dir)
    fresh = not os.path.isdir(base) or _is_empty(base)
    os.makedirs(base, exist_ok=True)
    items = list(tree.items())
    if len(items) < TWO_PROCESSES_FROM:
        first, second = _write_items(base, items, fresh), (0, 0)
    else:
        # Creating files is mostly the kernel's work, so two processes write about twice as fast
        # as one (100x content into an empty folder: 0.8 -> 0.5 s, bench/). Every other file each,
        # so both get as many large pages and small short-link pages.
        first, second = in_two_processes(
            lambda: _write_items(base, items[0::2], fresh), lambda: _write_items(base, items[1::2], fresh)
        )
    written, unchanged = first[0] + second[0], first[1] + second[1]
    # In a folder that was empty, nothing can be stale: at scale the walk cost more than the writing.
    removed = _remove_stale(out_dir, set(tree)) if prune and not fresh else 0
    return WriteReport(written, unchanged, removed)


def _write_items(base: str, items: list[tuple[str, str | bytes]], fresh: bool) -> tuple[int, int]:
    """(written, unchanged)"""
    written = unchanged = 0
    folders = {base}
    for relative, content in items:
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = os.path.join(base, relative)
        if not fresh and _holds(target, data):
            unchanged += 1
            continue
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)  # the other process may make it at the same moment
            folders.add(folder)
        if fresh:
            # Nothing reads a folder that was empty; a rename per file was a fifth of the writing.
            _write(target, data)
        else:
            # Through a temporary file, so a preview server never reads half a page.
            _write(target + ".tmp", data)
            os.replace(target + ".tmp", target)
        written += 1
    return written, unchanged


def _is_empty(folder: str) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data)


def _holds(target: str, data: bytes) -> bool:
    try:
        with open(target, "rb") as file:
            return file.read() == data
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    # os.walk, bottom up, so emptied folders go too; Path.rglob with a stat per entry took longer
    # than writing the tree itself at 100x content (bench/).
    removed = 0
    emptied: set[str] = set()
    for folder, subfolders, files in os.walk(out_dir, topdown=False):
        prefix = os.path.relpath(folder, out_dir).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        left = 0
        for name in files:
            if prefix + name in keep:
                left += 1
            elif not prefix and name == MARKER:
                left += 1  # not part of the tree, but what makes the folder ours
            else:
                (Path(folder) / name).unlink()
                removed += 1
        left += sum(1 for name in subfolders if str(Path(folder) / name) not in emptied)
        if left == 0 and prefix:
            Path(folder).rmdir()
            emptied.add(folder)
    return removed


# --- Output folders: a command writes only where richtlijnen wrote before -----------------------

# In every folder a command writes into. A dot-file, because MkDocs skips those in docs_dir: the
# one in the docs tree never reaches the site (which gets its own, harmless, when it is built).
MARKER = ".richtlijnen-uitvoer"
MARKER_TEXT = (
    "Deze map is gemaakt door richtlijnen (build, release of pdf). Die opdrachten mogen de inhoud\n"
    "vervangen; een map zonder dit bestand laten ze ongemoeid.\n"
)
# Next to each output folder while a command runs: its lock and, for the site, the new build and
# the old site on their way in and out. Its own .gitignore keeps git quiet wherever it is; it is
# removed again when nothing is left in it.
WORK_PREFIX = ".richtlijnen-werk-"
LOCK_FILE = "lock"
NEW_PREFIX = "nieuw-"
OLD_PREFIX = "oud-"
LOCK_ATTEMPTS = 20  # each retry means the run before us removed the work folder at that moment


@dataclass(frozen=True)
class Output:
    """A folder a command writes into, with the words that name it in a refusal."""

    folder: Path
    label: str  # what goes there: "de website"
    setting: str  # where the user chooses the folder: "--site-dir"
    example: str  # a folder that would do: "site"
    # The site is swapped in whole and need not exist beforehand; the others are written in place.
    create: bool = True

    @property
    def work(self) -> Path:
        return work_folder(self.folder)


def work_folder(folder: Path) -> Path:
    return folder.parent / f"{WORK_PREFIX}{folder.name}"


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _real(path: Path) -> Path:
    # Symlinks resolved: a link to content/ is content/.
    return Path(os.path.realpath(path))


def _overlap(first: Path, second: Path) -> bool:
    return first == second or first in second.parents or second in first.parents


def _foreign(output: Output) -> str | None:
    """Why the folder is not ours, or None when it is: missing, empty, or holding the marker.

    Only the marker counts: file names a build also makes (offline.json, index.md) are names
    anyone's files can have, and so are a guideline's folder names. The marker must be a plain
    file: a folder by that name is someone's, and through a link the marker would be written
    wherever the link points."""
    try:
        with os.scandir(output.folder) as entries:
            found = {entry.name: entry for entry in entries}
    except FileNotFoundError:
        return None
    if not found:
        return None
    marker = found.get(MARKER)
    if marker is None:
        return f"er staat geen {MARKER} in"
    if not marker.is_file(follow_symlinks=False):
        return f"er staat wel een {MARKER} in, maar dat is geen gewoon bestand"
    return None


def _check_place(output: Output, inputs: Sequence[Path]) -> None:
    folder = _real(output.folder)
    shown = display_path(folder)
    refusal = f"die map gebruikt richtlijnen niet voor {output.label}"
    choose = f"Kies met {output.setting} een eigen map, bijvoorbeeld {output.example}."
    cwd = _real(Path.cwd())
    if folder == cwd or folder in cwd.parents:
        raise BuildError(f"{shown} is de huidige map of ligt erboven; {refusal}. {choose}")
    if ".git" in folder.parts:
        raise BuildError(f"{shown} ligt in de .git-map van een repository; {refusal}. {choose}")
    if os.path.lexists(folder / ".git"):
        raise BuildError(f"{shown} bevat een git-repository (.git); {refusal}. {choose}")
    for source in inputs:
        real = _real(source)
        if _overlap(folder, real):
            relation = "is" if folder == real else "bevat" if folder in real.parents else "ligt in"
            raise BuildError(
                f"{shown} {relation} de invoer {display_path(source)}; {refusal}. "
                f"Kies met {output.setting} een map buiten de invoer, bijvoorbeeld {output.example}."
            )
    if os.path.lexists(folder) and not folder.is_dir():
        raise BuildError(f"{shown} is een bestand, geen map. {choose}")


def _refuse_foreign(output: Output) -> None:
    reason = _foreign(output)
    if reason is not None:
        raise BuildError(
            f"{display_path(output.folder)} is niet leeg en is niet door richtlijnen gemaakt ({reason}); "
            f"die map gebruikt richtlijnen niet voor {output.label}, zodat er niets verloren gaat. "
            f"Kies met {output.setting} een nieuwe of lege map, of maak deze map eerst zelf leeg."
        )


def mark_output(output: Output) -> None:
    """Refuse a folder that is not ours; make (if it should exist) and mark one that is."""
    _refuse_foreign(output)
    try:
        if output.create:
            output.folder.mkdir(parents=True, exist_ok=True)
        elif not output.folder.is_dir():
            return  # the site: its new build brings the marker
        if not (output.folder / MARKER).is_file():
            (output.folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    except OSError as exc:
        raise BuildError(
            f"kan niet schrijven in {display_path(output.folder)} ({os_reason(exc)}); controleer de rechten op die map."
        ) from exc


# Folders this process holds the lock of, with how often: `build` claims the site and
# `new_site` claims it again.
_held: dict[Path, int] = {}


@contextmanager
def claimed(outputs: Sequence[Output], inputs: Sequence[Path] = ()) -> Iterator[list[Output]]:
    """Check every output (nothing is written before all pass), then lock each one, so that a
    second command writing into it refuses at once instead of mixing its files in; tidy what a
    killed run left next to it; and mark it. Yields the outputs with their folders resolved."""
    real = [replace(output, folder=_real(output.folder)) for output in outputs]
    for output in real:
        _check_place(output, inputs)
    for index, first in enumerate(real):
        for second in real[index + 1 :]:
            if _overlap(first.folder, second.folder):
                place = (
                    "is al de map"
                    if first.folder == second.folder
                    else f"{'bevat' if second.folder in first.folder.parents else 'ligt in'} {display_path(first.folder)}, de map"
                )
                raise BuildError(
                    f"{display_path(second.folder)} {place} voor {first.label}; {second.label} heeft een eigen map nodig. "
                    f"Kies met {second.setting} een andere map."
                )
    for output in real:
        _refuse_foreign(output)
    with ExitStack() as stack:
        for output in real:
            stack.enter_context(_locked(output))
        yield real


@contextmanager
def _locked(output: Output) -> Iterator[None]:
    folder = output.folder
    if folder in _held:
        _held[folder] += 1
        try:
            yield
        finally:
            _held[folder] -= 1
        return
    descriptor = _lock(output)
    _held[folder] = 1
    try:
        tidy(output)
        mark_output(output)
        yield
    finally:
        del _held[folder]
        _unlock(output, descriptor)


def _lock(output: Output) -> int:
    work = output.work
    for _ in range(LOCK_ATTEMPTS):
        try:
            work.mkdir(parents=True, exist_ok=True)
            _ignore_in_git(work)
            descriptor = os.open(work / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except FileNotFoundError:
            continue  # the run before us removed the work folder just now
        except OSError as exc:
            raise _unusable(work, exc) from exc
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise BuildError(
                f"er loopt al een richtlijnen-opdracht die in {display_path(output.folder)} schrijft; "
                "wacht tot die klaar is en probeer het dan opnieuw."
            ) from None
        # The run before us removes the lock file while it holds it (see _unlock): a lock on a
        # file that is no longer there would lock nothing, so check that ours is the one there.
        try:
            current = os.stat(work / LOCK_FILE)
        except FileNotFoundError:
            current = None
        mine = os.fstat(descriptor)
        if current is not None and (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino):
            try:
                _ignore_in_git(work)  # again: the run before us may have removed it after we looked
            except OSError as exc:
                os.close(descriptor)
                raise _unusable(work, exc) from exc
            return descriptor
        os.close(descriptor)
    raise BuildError(f"kan de werkmap {display_path(work)} niet vergrendelen; probeer het opnieuw.")


def _ignore_in_git(work: Path) -> None:
    try:
        with open(work / ".gitignore", "x", encoding="utf-8") as ignore:
            ignore.write("*\n")
    except FileExistsError:
        pass


def _unusable(work: Path, exc: OSError) -> BuildError:
    return BuildError(
        f"kan de werkmap {display_path(work)} niet maken ({os_reason(exc)}); controleer de rechten op {display_path(work.parent)}."
    )


def _unlock(output: Output, descriptor: int) -> None:
    work = output.work
    try:
        if set(os.listdir(work)) <= {LOCK_FILE, ".gitignore"}:
            # Still locked while it goes, so no one else can hold a lock on it meanwhile.
            for name in (LOCK_FILE, ".gitignore"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(work / name)
            os.rmdir(work)
    except OSError:
        pass  # leftovers it could not remove, or a run that just started: the folder stays
    finally:
        os.close(descriptor)


def tidy(output: Output) -> None:
    """Put back a folder that a kill took away between the two renames of a swap (where the
    system has no atomic exchange), then remove what killed runs left in the work folder."""
    work = output.work
    leftovers = sorted(name for name in os.listdir(work) if name.startswith((NEW_PREFIX, OLD_PREFIX)))
    olds = [name for name in leftovers if name.startswith(OLD_PREFIX)]
    if olds and not os.path.lexists(output.folder):
        shown = display_path(output.folder)
        leftovers.remove(olds[-1])  # the newest (names carry the time); kept if it cannot go back
        try:
            os.rename(work / olds[-1], output.folder)
            _warn(f"Let op: {shown} ontbrak na een afgebroken build; de vorige versie is teruggezet.")
        except OSError as exc:
            _warn(f"Let op: {shown} ontbrak na een afgebroken build; terugzetten lukte niet ({os_reason(exc)}).")
    for name in leftovers:
        remove_leftover(work / name)


def remove_leftover(path: Path) -> None:
    """Remove a scratch build or an old site; failing to is worth a warning, never a failed build."""
    errors: list[BaseException] = []
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, onerror=lambda _function, _name, info: errors.append(info[1]))
    else:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            errors.append(exc)
    if errors and os.path.lexists(path):
        reason = os_reason(errors[0]) if isinstance(errors[0], OSError) else str(errors[0])
        _warn(f"Let op: {display_path(path)} kon niet worden opgeruimd ({reason}); de volgende build probeert het opnieuw.")
