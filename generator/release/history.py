"""Earlier releases, read back from their git tags (`v<version>`), so changes are computed, not written."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.model.corpus import Corpus
from generator.problems import BuildError, ContentError
from generator.stages import read_corpus

TAG_PREFIX = "v"


@dataclass(frozen=True)
class Release:
    version: str
    tag: str
    date: dt.date


# A pre-release suffix right after the numbers: 2026.10-rc1, 2026.10.rc.2, 2026.10rc1, 2026.10-beta, 2026.10-a1.
# A lone letter needs a separator or a number after it: 2026.10a may just as well be a reissue of 2026.10.
NUMBERS = re.compile(r"\d+(?:\.\d+)*")
PRE_RELEASE = re.compile(
    r"(?:[-.]?(?P<word>dev|alpha|beta|preview|pre|rc)|[-.](?P<letter>[ab])|(?P<glued>[ab])(?=\d))(?=$|[-.\d])", re.IGNORECASE
)
PRE_RELEASE_RANK = {"dev": 0, "alpha": 1, "a": 1, "beta": 2, "b": 2, "preview": 3, "pre": 3, "rc": 4}


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: 2026.10 comes after 2026.9, and 2026.1 before 2026.1.1. A pre-release comes
    before its version and after every lower one: 2026.9 < 2026.10-rc1 < 2026.10-rc2 < 2026.10 < 2026.10.1.

    Numbers are (0, n) and other text (1, text); every key ends in (-1, version), which sorts below
    any further part, so 2026.10 comes before 2026.10.1 (and the version itself breaks ties such as
    2026.10-RC1 and 2026.10-rc1). A pre-release label is (-2, rank), lower still, so 2026.10-rc1
    comes before 2026.10 and before anything else that follows the same numbers.
    """
    numbers = NUMBERS.match(version)
    head, rest = (numbers.group(), version[numbers.end() :]) if numbers else ("", version)
    parts = _natural(head)
    pre = PRE_RELEASE.match(rest) if numbers else None  # mike's "dev" is a name, not a pre-release
    if pre:
        label = (pre["word"] or pre["letter"] or pre["glued"]).lower()
        parts.append((-2, PRE_RELEASE_RANK[label]))
        rest = rest[pre.end() :].lstrip("-.")
    return (*parts, *_natural(rest), (-1, version))


def _natural(text: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|[^\d.]+", text)]


def git(repo: Path, *args: str) -> bytes:
    completed = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if completed.returncode != 0:
        raise BuildError(f"git {' '.join(args)} mislukte: {completed.stderr.decode('utf-8', 'replace').strip()}")
    return completed.stdout


def releases(repo: Path) -> list[Release]:
    """Every release tag in the repository, oldest first."""
    out = git(repo, "tag", "--list", f"{TAG_PREFIX}*", "--format=%(refname:short) %(creatordate:short)").decode()
    found = []
    for line in out.splitlines():
        tag, _, date = line.partition(" ")
        found.append(Release(tag.removeprefix(TAG_PREFIX), tag, dt.date.fromisoformat(date)))
    return sorted(found, key=lambda r: version_key(r.version))


def corpus_at(repo: Path, tag: str, content_dir: Path, checklists_dir: Path) -> Corpus:
    """The corpus as it was at `tag`; the two folders are given as in the working tree."""
    top = Path(git(repo, "rev-parse", "--show-toplevel").decode().strip())
    folders = [p.resolve().relative_to(top).as_posix() for p in (content_dir, checklists_dir)]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        export(top, tag, folders, root)
        (root / folders[1]).mkdir(parents=True, exist_ok=True)  # a release before checklists existed
        try:
            # Earlier tags may predate sources/: their text was checked when they were released.
            return read_corpus(root / folders[0], root / folders[1], earlier_release=True)
        except ContentError as exc:
            raise BuildError(
                f"de inhoud van release {tag} is niet te lezen met dit model ({len(exc.problems)} problemen), "
                "dus de wijzigingen kunnen niet worden bepaald"
            ) from exc


def export(top: Path, rev: str, paths: list[str], destination: Path) -> None:
    """The files under `paths` as `rev` holds them. `top` is the top of the working tree: git takes
    paths relative to the folder it runs in. A path that `rev` does not have is left out."""
    present = [p for p in paths if git(top, "ls-tree", rev, "--", p).strip()]
    if not present:
        return
    archive = git(top, "archive", "--format=tar", rev, "--", *present)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # git archive output is trusted, but stay inside the destination all the same
        # (Debian 12's Python 3.11.2 predates tarfile's extraction filters).
        members = [
            m
            for m in tar.getmembers()
            if (m.isfile() or m.isdir()) and not Path(m.name).is_absolute() and ".." not in Path(m.name).parts
        ]
        tar.extractall(destination, members=members)
