"""Two halves of a stage at once: one in this process, one in a forked copy of it.

Rendering and writing the docs tree are pure Python and system calls, so threads would only take
turns at the interpreter lock; a second process uses the second core. A fork shares the validated
corpus and the page views already built, so nothing is sent to the copy, and only its result
(text) comes back through a pipe. Sphinx's parallel build works the same way.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

First = TypeVar("First")
Second = TypeVar("Second")


class ForkedHalfError(RuntimeError):
    """The half that ran in the forked process raised: the message is its last line ("OSError:
    …"), and a note holds its traceback, which `richtlijnen --debug` shows."""


def forking_is_safe() -> bool:
    """Fork only a process with one thread: a thread holding a lock at the moment of the fork
    (the preview's file watcher, a browser driver in the tests) would leave it locked in the
    copy. macOS and Windows have no safe fork at all."""
    return sys.platform == "linux" and threading.active_count() == 1


def in_two_processes(first: Callable[[], First], second: Callable[[], Second]) -> tuple[First, Second]:
    """`first()` here and `second()` in a forked copy of this process, at the same time; one
    after the other where forking is not safe. `second`'s result must be picklable."""
    if not forking_is_safe():
        return first(), second()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _run_forked_half(second, read_end, write_end)  # never returns
    os.close(write_end)
    try:
        mine = first()
    finally:
        # Read to the end before waiting: a result larger than the pipe holds keeps the copy
        # writing until it is read. Also when `first` raised, so the copy never outlives us.
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
    if not payload:
        raise ForkedHalfError(f"the forked half (process {pid}) ended without a result")
    succeeded, theirs = pickle.loads(payload)
    if not succeeded:
        summary, details = theirs
        error = ForkedHalfError(summary)
        error.add_note(details)
        raise error
    return mine, theirs


def _run_forked_half(work: Callable[[], object], read_end: int, write_end: int) -> None:
    os.close(read_end)
    try:
        try:
            payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, as text
            summary = "".join(traceback.format_exception_only(exc)).strip()
            payload = pickle.dumps((False, (summary, traceback.format_exc())))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    finally:
        # Straight out: no atexit handlers, no flushing of output buffered before the fork, no
        # clean-up of the parent's temporary folders. They all belong to the parent.
        os._exit(0)
