"""The values a release writes into its pages and into versions.json: version, aliases and title.

Material's version selector puts every title and alias of versions.json into every page of every
version, so a value that is not checked here is shown (and, as markup, run) everywhere for good.
"""

from __future__ import annotations

import re
import subprocess

from generator.problems import BuildError
from generator.release.history import TAG_PREFIX

# Patterns are used with fullmatch: `$` would also accept a trailing newline.
# A version starts with a digit, so it can never be taken for an alias (which starts with a letter).
VERSION_PATTERN = re.compile(r"[0-9][0-9A-Za-z.-]*")
# No dots: an alias becomes a folder (a symlink) next to index.html and versions.json on the branch.
ALIAS_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# An allowlist rather than a list of dangerous characters: the selector's markup rules are Material's,
# not ours, and may change with any Material version.
TITLE_PATTERN = re.compile(r"[\w .,:;()/+-]+")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
TITLE_HELP = "letters, cijfers, spaties en . , : ; ( ) / - _ +"


def check_version(version: str) -> None:
    # The release is tagged v<version> only after the whole build: git's own rules for a tag name
    # (no "..", no trailing "." or ".lock", and whatever later versions of git add) are checked first.
    if not VERSION_PATTERN.fullmatch(version) or not valid_tag_name(f"{TAG_PREFIX}{version}"):
        raise BuildError(f"{version!r} is geen bruikbaar versienummer (bijv. 2026.2)")


def valid_tag_name(tag: str) -> bool:
    completed = subprocess.run(["git", "check-ref-format", f"refs/tags/{tag}"], capture_output=True, check=False)
    return completed.returncode == 0


def check_aliases(aliases: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for alias in aliases:
        if not ALIAS_PATTERN.fullmatch(alias):
            raise BuildError(
                f"--alias {alias!r} is geen bruikbare alias: begin met een letter en gebruik alleen letters, "
                "cijfers, - en _ (bijv. latest)"
            )
        if alias in seen:
            raise BuildError(f"--alias {alias!r} staat er twee keer")
        seen.add(alias)


def check_title(title: str | None) -> None:
    if title is not None and not safe_title(title):
        raise BuildError(f"--title {title!r} is geen bruikbare titel: gebruik alleen {TITLE_HELP}")


def safe_title(title: str) -> bool:
    # At least one letter or digit: an empty or blank title leaves the selector without a name.
    return bool(TITLE_PATTERN.fullmatch(title) and LETTER_OR_DIGIT.search(title))
