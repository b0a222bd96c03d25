"""Write an in-memory tree to a folder, touching only what changed.

Unchanged files keep their modification time, so `mkdocs serve` reloads only what an edit affects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.parallel import in_two_processes

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
            else:
                (Path(folder) / name).unlink()
                removed += 1
        left += sum(1 for name in subfolders if str(Path(folder) / name) not in emptied)
        if left == 0 and prefix:
            Path(folder).rmdir()
            emptied.add(folder)
    return removed
