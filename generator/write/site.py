"""Build the site in a scratch folder, and put it in place only if every step succeeded.

`new_site` claims the site folder (generator/write/files.py: checked, locked), gives the build a
scratch folder in the site's work folder and, when the steps inside it all succeeded, exchanges it
with the previous site in one step, so a reader, or a kill at any moment, finds either the whole
old site or the whole new one, never none. A step that fails leaves the previous site untouched.
The steps (generator/build.py): the engine (`run_engine`: MkDocs, ProperDocs or Zensical, in a
process of its own, as its own `build` command runs), then the search index, the policies and the
offline files.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.problems import BuildError, display_path, os_reason
from generator.render.engine import MKDOCS, PROPERDOCS, ZENSICAL, ZENSICAL_SITE_DIR
from generator.write.files import MARKER, MARKER_TEXT, NEW_PREFIX, OLD_PREFIX, Output, claimed, remove_leftover


def site_output(site_dir: Path) -> Output:
    return Output(site_dir, "de website", "--site-dir", "site", create=False)


@contextmanager
def new_site(site_dir: Path) -> Iterator[Path]:
    """A scratch folder to build the site in; swapped in for `site_dir` when the block succeeds.

    The site folder is claimed (checked, locked) here too, unless the caller already holds it."""
    with claimed([site_output(site_dir)]) as (output,):
        scratch = output.work / f"{NEW_PREFIX}{os.getpid()}-{time.time_ns()}"
        scratch.mkdir()
        try:
            yield scratch
            # After every step, so nothing lists it (offline.json, the search index).
            (scratch / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap(scratch, output.folder)
        finally:
            # After the swap, the scratch folder holds the previous site.
            remove_leftover(scratch)


# The name each engine has in messages.
ENGINE_NAMES = {MKDOCS: "MkDocs", PROPERDOCS: "ProperDocs", ZENSICAL: "Zensical"}


def run_engine(engine: str, config_file: Path, site: Path) -> None:
    """The engine's strict build of the generated config into the empty folder `site`: a warning
    (a broken link, a missing anchor) fails the build."""
    name = ENGINE_NAMES[engine]
    if engine != ZENSICAL:
        run_tool([sys.executable, "-m", engine, "build", "--strict", "-f", str(config_file), "-d", str(site)], name)
        return
    # Zensical writes only to the config's site_dir (generator/render/engine.py), below the build
    # folder; the folder is the build's own, emptied first so no page of an earlier build stays.
    built = config_file.parent / ZENSICAL_SITE_DIR
    shutil.rmtree(built, ignore_errors=True)
    run_tool([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)], name)
    if not built.is_dir():
        raise BuildError(
            f"{name} meldde geen fout, maar schreef geen site in {display_path(built)}; de vorige site is niet aangeraakt."
        )
    for entry in built.iterdir():
        shutil.move(entry, site / entry.name)  # a rename, unless the site is on another file system
    built.rmdir()


def run_tool(command: list[str], name: str) -> None:
    """A program the build runs on the site (the engine, Pagefind); its output only when it fails."""
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr + completed.stdout).strip()
        raise BuildError(f"{name} kon de site niet bouwen; de vorige site is niet aangeraakt.\n{output[-4000:]}")


# --- The swap -------------------------------------------------------------------------------------

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h
# What renameat2 answers where the kernel or the file system cannot exchange.
NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}


def _find_renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


# None where there is no exchange; then swap() falls back to two renames.
RENAMEAT2 = _find_renameat2()


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two folders in one step; False where the system cannot."""
    if RENAMEAT2 is None:
        return False
    if RENAMEAT2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap(new: Path, site_dir: Path) -> None:
    """Put `new` (a folder in the site's work folder) in place of `site_dir`; `new` then holds
    the previous site, for the caller to remove."""
    try:
        if not os.path.lexists(site_dir):
            new.rename(site_dir)
            return
        if _exchange(new, site_dir):
            return
        # Two renames: a kill between them leaves no site, but the old one in the work folder,
        # where the next run's claim (files.tidy) finds it and puts it back.
        old = new.with_name(f"{OLD_PREFIX}{time.time_ns():020d}")
        site_dir.rename(old)
        try:
            new.rename(site_dir)
        except OSError:
            old.rename(site_dir)
            raise
        old.rename(new)  # a name the next run removes instead of restoring
    except OSError as exc:
        shown = display_path(site_dir)
        raise BuildError(
            f"de nieuwe site kon niet op de plaats van {shown} komen ({os_reason(exc)}); de vorige site is niet "
            f"aangeraakt. Controleer of {shown} en de map erboven te wijzigen zijn."
        ) from exc
