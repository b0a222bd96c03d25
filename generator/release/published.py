"""The versions a branch actually publishes, from its versions.json, checked before mike reads it.

mike treats a missing versions.json as "no versions yet" (the next release then lists only itself)
and stops with a traceback on a damaged one. Both are rebuilt here from the version folders on the
branch. Titles are checked too: Material's version selector shows them as markup on every page.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mike import git_utils

from generator.release.history import git, version_key
from generator.release.names import VERSION_PATTERN, safe_title

VERSIONS_FILE = "versions.json"
# What mike accepts as a version or alias and cannot be markup. Wider than our own patterns, so a
# version published by hand with mike (e.g. "dev") is kept, not dropped as damage.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
SYMLINK_MODE = "120000"


@dataclass(frozen=True)
class PublishedVersion:
    version: str
    title: str
    aliases: tuple[str, ...] = ()
    properties: Any = None  # mike's free-form per-version data, kept as it was

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "title": self.title, "aliases": list(self.aliases)}
        if self.properties:
            data["properties"] = self.properties
        return data


@dataclass(frozen=True)
class Published:
    branch: str
    versions: list[PublishedVersion]  # newest first
    repairs: list[str] = field(default_factory=list)  # Dutch notes; empty when versions.json is fine as it is

    @property
    def names(self) -> set[str]:
        return {v.version for v in self.versions}

    def holder(self, alias: str) -> str | None:
        return next((v.version for v in self.versions if alias in v.aliases), None)

    def newest(self) -> str | None:
        """The highest numbered version; mike's "dev"-like versions are not releases of ours."""
        numbered = [v.version for v in self.versions if VERSION_PATTERN.fullmatch(v.version)]
        return max(numbered, key=version_key) if numbered else None


def branch_tip(repo: Path, branch: str) -> str | None:
    completed = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.strip() or None


def read_published(repo: Path, branch: str) -> Published:
    tip = branch_tip(repo, branch)
    if tip is None:
        return Published(branch, [])
    listing = _top_level(repo, tip)
    if VERSIONS_FILE not in listing:
        folders = _from_folders(repo, tip, listing)
        if not folders:  # a branch mike has not published to yet: nothing to repair
            return Published(branch, [])
        return Published(branch, folders, [f"{VERSIONS_FILE} ontbrak in branch {branch}; {_rebuilt(folders)}"])
    raw = git(repo, "show", f"{tip}:{VERSIONS_FILE}")
    try:
        data = json.loads(raw)
    except ValueError:
        return _rebuild(repo, tip, listing, branch, "geen geldige JSON")
    versions = _parse(data)
    if versions is None:
        return _rebuild(repo, tip, listing, branch, "niet de vorm die mike verwacht")
    repairs = []
    checked = []
    for v in versions:
        if safe_title(v.title):
            checked.append(v)
            continue
        repairs.append(
            f"de titel van versie {v.version} in {VERSIONS_FILE} bevatte tekens die de versiekeuze als opmaak "
            f"zou uitvoeren; teruggezet naar {v.version}"
        )
        checked.append(PublishedVersion(v.version, v.version, v.aliases, v.properties))
    return Published(branch, _newest_first(checked), repairs)


def write_versions(published: Published) -> None:
    """Commit the repaired versions.json; mike, like this, works on the repository in the working directory."""
    text = json.dumps([v.to_json() for v in published.versions], indent=2) + "\n"
    with git_utils.Commit(published.branch, f"Rebuilt {VERSIONS_FILE} (richtlijnen release)") as commit:
        commit.add_file(git_utils.FileInfo(VERSIONS_FILE, text))


def _rebuild(repo: Path, tip: str, listing: dict[str, tuple[str, str]], branch: str, reason: str) -> Published:
    folders = _from_folders(repo, tip, listing)
    return Published(branch, folders, [f"{VERSIONS_FILE} in branch {branch} was beschadigd ({reason}); {_rebuilt(folders)}"])


def _rebuilt(folders: list[PublishedVersion]) -> str:
    return f"opnieuw opgebouwd uit de versiemappen ({', '.join(v.version for v in folders) or 'geen'})"


def _top_level(repo: Path, tip: str) -> dict[str, tuple[str, str]]:
    """name -> (mode, object id) of everything at the top of the branch."""
    out: dict[str, tuple[str, str]] = {}
    for line in git(repo, "ls-tree", "-z", tip).decode("utf-8", "replace").split("\0"):
        if line:
            meta, _, name = line.partition("\t")
            mode, _kind, oid = meta.split(" ")
            out[name] = (mode, oid)
    return out


def _from_folders(repo: Path, tip: str, listing: dict[str, tuple[str, str]]) -> list[PublishedVersion]:
    """A version is a folder with an index.html; an alias is a symlink to one (mike's symlink aliases).
    Titles are lost with the file; each version is named by itself, as mike does without --title."""
    versions = [
        name
        for name, (mode, _) in listing.items()
        if mode == "040000" and SAFE_NAME.fullmatch(name) and _has_index(repo, tip, name)
    ]
    aliases: dict[str, list[str]] = {v: [] for v in versions}
    for name, (mode, oid) in listing.items():
        if mode == SYMLINK_MODE and SAFE_NAME.fullmatch(name):
            target = git(repo, "cat-file", "blob", oid).decode("utf-8", "replace").strip().rstrip("/")
            if target in aliases:
                aliases[target].append(name)
    return _newest_first([PublishedVersion(v, v, tuple(sorted(aliases[v]))) for v in versions])


def _has_index(repo: Path, tip: str, folder: str) -> bool:
    return bool(git(repo, "ls-tree", tip, "--", f"{folder}/index.html").strip())


def _parse(data: object) -> list[PublishedVersion] | None:
    """The entries of versions.json, or None when it is not a list of mike's version entries."""
    if not isinstance(data, list):
        return None
    versions: list[PublishedVersion] = []
    taken: set[str] = set()
    for item in data:
        if not isinstance(item, dict) or not {"version", "title", "aliases"} <= item.keys():
            return None
        version, title, aliases = item["version"], item["title"], item["aliases"]
        if not isinstance(version, str) or not isinstance(title, str) or not isinstance(aliases, list):
            return None
        names = [version, *aliases]
        if not all(isinstance(n, str) and SAFE_NAME.fullmatch(n) for n in names) or taken & set(names):
            return None  # mike itself refuses a name used twice
        if len(set(names)) != len(names):
            return None
        taken |= set(names)
        versions.append(PublishedVersion(version, title, tuple(aliases), item.get("properties")))
    return versions


def _newest_first(versions: list[PublishedVersion]) -> list[PublishedVersion]:
    return sorted(versions, key=lambda v: version_key(v.version), reverse=True)
