"""Which file is which: the folder layout of `content/` and `checklists/` decides a file's kind.

content/
  begrippen.yaml               the glossary
  <richtlijn>/richtlijn.yaml   a guideline
  <richtlijn>/<anything>.yaml  a chapter (bouwsteen) of that guideline
checklists/
  <id>.yaml                    a checklist
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Location, Problems

GUIDELINE_FILE = "richtlijn.yaml"
GLOSSARY_FILE = "begrippen.yaml"
YAML_SUFFIXES = {".yaml", ".yml"}


class FileKind(enum.Enum):
    GUIDELINE = "richtlijn"
    CHAPTER = "bouwsteen"
    GLOSSARY = "begrippen"
    CHECKLIST = "checklist"

    @property
    def schema_file(self) -> str:
        return f"{self.value}.schema.json"


@dataclass(frozen=True)
class SourceFile:
    kind: FileKind
    path: Path


def discover(content_dir: Path, checklists_dir: Path, problems: Problems) -> list[SourceFile]:
    found: list[SourceFile] = []
    if not content_dir.is_dir():
        problems.add(Location(content_dir, 1, 1), (), "map met inhoud bestaat niet")
    else:
        found.extend(_discover_content(content_dir, problems))
    if not checklists_dir.is_dir():
        problems.add(Location(checklists_dir, 1, 1), (), "map met checklists bestaat niet")
    else:
        for path in sorted(checklists_dir.iterdir()):
            if _is_yaml_file(path):
                found.append(SourceFile(FileKind.CHECKLIST, path))
    return found


def _discover_content(content_dir: Path, problems: Problems) -> list[SourceFile]:
    found: list[SourceFile] = []
    for path in sorted(content_dir.iterdir()):
        if _is_yaml_file(path):
            if path.name == GLOSSARY_FILE:
                found.append(SourceFile(FileKind.GLOSSARY, path))
            else:
                problems.add(
                    Location(path, 1, 1),
                    (),
                    f"onbekend bestand: bovenin content/ hoort alleen {GLOSSARY_FILE}; een richtlijn krijgt een eigen map",
                )
        elif path.is_dir() and not path.name.startswith((".", "_")):
            found.extend(_discover_guideline(path, problems))
    if not any(f.kind is FileKind.GLOSSARY for f in found):
        problems.add(Location(content_dir / GLOSSARY_FILE, 1, 1), (), "begrippenlijst ontbreekt")
    return found


def _discover_guideline(folder: Path, problems: Problems) -> list[SourceFile]:
    yaml_files = sorted(p for p in folder.iterdir() if _is_yaml_file(p))
    if not any(p.name == GUIDELINE_FILE for p in yaml_files):
        problems.add(Location(folder / GUIDELINE_FILE, 1, 1), (), f"map van een richtlijn zonder {GUIDELINE_FILE}")
    return [SourceFile(FileKind.GUIDELINE if p.name == GUIDELINE_FILE else FileKind.CHAPTER, p) for p in yaml_files]


def _is_yaml_file(path: Path) -> bool:
    # Not `is_file()`: a broken link named *.yaml must be reported, not silently skipped.
    return path.suffix in YAML_SUFFIXES and not path.is_dir()
