"""Problems found in the editors' YAML, reported as `path:line:column: key.path: message`.

Every stage collects problems instead of raising on the first one, so an editor sees
everything that is wrong with a tree in a single run.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from pathlib import Path

KeyPath = tuple[str | int, ...]


def format_key_path(key_path: KeyPath) -> str:
    """`('sections', 0, 'title')` -> `sections[0].title`."""
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, order=True, slots=True)  # slots: one per YAML node, 140,000 at 100x
class Location:
    path: Path
    line: int  # 1-based, as editors count
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


def display_path(path: Path) -> str:
    """Paths relative to the working directory where possible: shorter, and clickable in editors."""
    try:
        # absolute(), not resolve(): a symlinked file keeps the name the editor knows it by.
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    key_path: KeyPath
    message: str  # Dutch: editors read it

    def __str__(self) -> str:
        # A problem with the file as a whole (empty, not UTF-8, bad YAML) has no key to name.
        where = f"{self.location}: {format_key_path(self.key_path)}" if self.key_path else str(self.location)
        return visible(f"{where}: {self.message}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Control characters from a file (in a key, a value or a file name) shown as \\u001b: a message
    printed to a terminal must not be able to move the cursor, recolour or hide what follows."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@dataclass
class Problems:
    """An ordered collection; stages append, the CLI prints them sorted by file and line."""

    items: list[Problem] = field(default_factory=list)

    def add(self, location: Location, key_path: KeyPath, message: str) -> None:
        self.items.append(Problem(location, key_path, message))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (str(p.location.path), p.location.line, p.location.column, p.message))


class ContentError(Exception):
    """Raised by the library when content is invalid; the CLI prints the problems and exits 1."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems)} probleem/problemen in de inhoud")
        self.problems = problems

    def __str__(self) -> str:
        # The problems themselves, for a library user or a failing test (`--debug` shows this too).
        return "\n".join([super().__str__(), *(str(problem) for problem in self.problems.sorted())])


class BuildError(Exception):
    """A build step other than content validation failed (MkDocs, the search indexer, …).

    The message is Dutch and complete; the CLI prints it as is.
    """


# The operating system's reasons, in Dutch: its own strerror follows the machine's locale, which
# is English on most servers.
OS_REASONS = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toegang",
    errno.EPERM: "niet toegestaan",
    errno.EISDIR: "is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ELOOP: "te veel symbolische links na elkaar",
    errno.ENOSPC: "geen ruimte meer op de schijf",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.EBUSY: "is in gebruik",
    errno.ENOTEMPTY: "map is niet leeg",
    errno.EEXIST: "bestaat al",
    errno.EIO: "lees- of schrijffout van de schijf",
    errno.ENAMETOOLONG: "naam is te lang",
    errno.EXDEV: "ligt op een ander bestandssysteem",
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in Dutch where the reason is a common one."""
    if exc.errno in OS_REASONS:
        return OS_REASONS[exc.errno]
    return exc.strerror or str(exc)
