"""Which file is which: the folder layout of `content/` and `checklists/` decides a file's kind.

content/
  begrippen.yaml               the glossary
  volgorde.yaml                the order of the guidelines in the publication (optional)
  <richtlijn>/richtlijn.yaml   a guideline
  <richtlijn>/<anything>.yaml  a chapter (bouwsteen) of that guideline
checklists/
  <id>.yaml                    a checklist
  _niet-in-checklist.yaml      the recommendations deliberately in no checklist, with the reasons
                               (optional; no checklist id starts with '_')
"""

from __future__ import annotations

import difflib
import enum
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Location, Problems

GUIDELINE_FILE = "richtlijn.yaml"
# The publisher's pages as text, beside content/: what every sentence of guideline text must stand in.
SOURCES_DIR = "sources"
GLOSSARY_FILE = "begrippen.yaml"
ORDER_FILE = "volgorde.yaml"
# Beside the checklists, not one of them: an id cannot start with '_' (ID_PATTERN).
CHECKLIST_GAPS_FILE = "_niet-in-checklist.yaml"
YAML_SUFFIXES = {".yaml", ".yml"}


class FileKind(enum.Enum):
    GUIDELINE = "richtlijn"
    CHAPTER = "bouwsteen"
    GLOSSARY = "begrippen"
    CHECKLIST = "checklist"
    CHECKLIST_GAPS = "niet-in-checklist"
    ORDER = "volgorde"

    @property
    def schema_file(self) -> str:
        return f"{self.value}.schema.json"


@dataclass(frozen=True)
class SourceFile:
    kind: FileKind
    path: Path


def sources_folder(content_dir: Path) -> Path:
    return content_dir.parent / SOURCES_DIR


def discover(content_dir: Path, checklists_dir: Path, problems: Problems) -> list[SourceFile]:
    """Only regular files inside the two trees are read: a link out of the tree, a pipe or a
    device named *.yaml is reported, so `check` never reads what an editor did not write, never
    blocks on a pipe and never reads /dev/zero."""
    found: list[SourceFile] = []
    if not content_dir.is_dir():
        problems.add(Location(content_dir, 1, 1), (), "map met inhoud bestaat niet")
    else:
        found.extend(_discover_content(content_dir, problems))
    if not checklists_dir.is_dir():
        problems.add(Location(checklists_dir, 1, 1), (), "map met checklists bestaat niet")
    else:
        found.extend(_discover_checklists(checklists_dir, problems))
    return found


def _discover_checklists(checklists_dir: Path, problems: Problems) -> list[SourceFile]:
    found: list[SourceFile] = []
    tree = _Tree(checklists_dir, problems)
    for path in sorted(checklists_dir.iterdir()):
        if not tree.is_yaml_file(path):
            tree.report_folder(path, "zet checklists direct in checklists/")
        elif path.name == CHECKLIST_GAPS_FILE:
            found.append(SourceFile(FileKind.CHECKLIST_GAPS, path))
        elif path.name.startswith("_"):
            # Read as a checklist, it would only get a list of missing fields.
            close = difflib.get_close_matches(path.name, [CHECKLIST_GAPS_FILE], n=1)
            advice = f"bedoel je {CHECKLIST_GAPS_FILE}?" if close else f"het enige bestand dat zo begint is {CHECKLIST_GAPS_FILE}"
            problems.add(
                Location(path, 1, 1),
                (),
                f"onbekend bestand: met '_' vooraan is het geen checklist (een id begint niet met '_'); {advice}",
            )
        else:
            found.append(SourceFile(FileKind.CHECKLIST, path))
    return found


def checklist_gaps_file(checklists_dir: Path) -> Path:
    """Where the recommendations that are in no checklist are listed, with the reasons; it may not exist."""
    return checklists_dir / CHECKLIST_GAPS_FILE


class _Tree:
    """One of the two source trees: decides, and reports, what in it may be read."""

    def __init__(self, root: Path, problems: Problems) -> None:
        self.root = root.resolve()
        self.problems = problems

    def is_yaml_file(self, path: Path) -> bool:
        # Hidden files are editors' swap and lock files (Emacs' `.#x.yaml`, a link to nowhere while
        # a buffer has unsaved changes), never content.
        if path.name.startswith("."):
            return False
        suffix = path.suffix
        if suffix.lower() in YAML_SUFFIXES and suffix not in YAML_SUFFIXES:
            self.problems.add(
                Location(path, 1, 1),
                (),
                f"bestandsnaam eindigt op '{suffix}'; gebruik kleine letters ('.yaml'), anders wordt het niet gelezen",
            )
            return False
        if suffix not in YAML_SUFFIXES:
            return False
        return self._readable(path, want_dir=False)

    def is_folder(self, path: Path) -> bool:
        if not path.is_dir():
            return False
        return self._readable(path, want_dir=True)

    def report_folder(self, path: Path, advice: str) -> None:
        """A folder where none is read: its files would be left out without a word."""
        if not path.name.startswith((".", "_")) and path.suffix.lower() not in YAML_SUFFIXES and path.is_dir():
            self.problems.add(Location(path, 1, 1), (), f"map wordt niet gelezen; {advice}")

    def _readable(self, path: Path, *, want_dir: bool) -> bool:
        try:
            mode = path.stat().st_mode
        except OSError:
            # A broken link: reading it reports the error, with the name the editor knows.
            return not want_dir
        if path.is_symlink() and not path.resolve().is_relative_to(self.root):
            self.problems.add(
                Location(path, 1, 1),
                (),
                f"verwijst (symbolische link) naar {path.resolve()}, buiten {self.root.name}/; zet het bestand zelf in de map",
            )
            return False
        if want_dir:
            return stat.S_ISDIR(mode)
        if stat.S_ISDIR(mode):
            self.problems.add(Location(path, 1, 1), (), "is een map, geen bestand; geef de map een naam zonder .yaml")
            return False
        if not stat.S_ISREG(mode):
            self.problems.add(
                Location(path, 1, 1),
                (),
                "is geen gewoon bestand (maar een pipe, socket of apparaat); alleen gewone bestanden worden gelezen",
            )
            return False
        return True


def _discover_content(content_dir: Path, problems: Problems) -> list[SourceFile]:
    found: list[SourceFile] = []
    tree = _Tree(content_dir, problems)
    for path in sorted(content_dir.iterdir()):
        if tree.is_yaml_file(path):
            if path.name == GLOSSARY_FILE:
                found.append(SourceFile(FileKind.GLOSSARY, path))
            elif path.name == ORDER_FILE:
                found.append(SourceFile(FileKind.ORDER, path))
            else:
                problems.add(
                    Location(path, 1, 1),
                    (),
                    f"onbekend bestand: bovenin content/ horen alleen {GLOSSARY_FILE} en {ORDER_FILE}; een richtlijn krijgt een eigen map",
                )
        elif not path.name.startswith((".", "_")) and tree.is_folder(path):
            found.extend(_discover_guideline(path, tree))
    if not any(f.kind is FileKind.GLOSSARY for f in found):
        problems.add(Location(content_dir / GLOSSARY_FILE, 1, 1), (), "begrippenlijst ontbreekt")
    return found


def _discover_guideline(folder: Path, tree: _Tree) -> list[SourceFile]:
    yaml_files = []
    for path in sorted(folder.iterdir()):
        if tree.is_yaml_file(path):
            yaml_files.append(path)
        else:
            tree.report_folder(path, "zet de bouwstenen direct in de map van de richtlijn")
    if not any(p.name == GUIDELINE_FILE for p in yaml_files):
        tree.problems.add(Location(folder / GUIDELINE_FILE, 1, 1), (), f"map van een richtlijn zonder {GUIDELINE_FILE}")
    return [SourceFile(FileKind.GUIDELINE if p.name == GUIDELINE_FILE else FileKind.CHAPTER, p) for p in yaml_files]
