"""The whole publication after validation: guidelines with their chapters in order, glossary, checklists.

Everything downstream (Markdown, PDF, short links) reads this, never the YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from generator.model.checklist import Checklist
from generator.model.content import Chapter, Glossary, Guideline, Recommendation, Section

TargetKind = Literal["richtlijn", "bouwsteen", "uitgangsvraag", "aanbeveling", "begrip", "checklist"]


@dataclass(frozen=True)
class GuidelineEntry:
    guideline: Guideline
    chapters: tuple[Chapter, ...]
    folder: Path


@dataclass(frozen=True)
class Target:
    """Something with a corpus-wide id: what a short link /r/<id>/ or a `ref:` link leads to."""

    id: str
    kind: TargetKind
    guideline: Guideline | None = None
    chapter: Chapter | None = None
    section: Section | None = None
    recommendation: Recommendation | None = None
    checklist: Checklist | None = None


@dataclass(frozen=True)
class SourceCoverage:
    """How much of a guideline's sources its text holds: `present` of `total` source sentences."""

    guideline: str  # title
    present: int
    total: int
    faithful: int = 0  # the guideline's own sentences, each found word for word in its sources


@dataclass(frozen=True)
class Corpus:
    guidelines: tuple[GuidelineEntry, ...]
    glossary: Glossary
    checklists: tuple[Checklist, ...]
    coverage: tuple[SourceCoverage, ...] = ()  # per guideline; empty where fidelity was not checked

    def targets(self) -> Iterator[Target]:
        for entry in self.guidelines:
            g = entry.guideline
            yield Target(g.id, "richtlijn", guideline=g)
            for chapter in entry.chapters:
                yield Target(chapter.id, "bouwsteen", guideline=g, chapter=chapter)
                for section in chapter.sections:
                    yield Target(section.id, "uitgangsvraag", guideline=g, chapter=chapter, section=section)
                    for rec in section.recommendations:
                        yield Target(rec.id, "aanbeveling", g, chapter, section, rec)
        for term in self.glossary.terms:
            yield Target(term.id, "begrip")
        for checklist in self.checklists:
            yield Target(checklist.id, "checklist", checklist=checklist)

    def index(self) -> Mapping[str, Target]:
        # Asked for once per page and per checklist item; the corpus is immutable, so build it once.
        return self._index

    @cached_property
    def _index(self) -> Mapping[str, Target]:
        return MappingProxyType({target.id: target for target in self.targets()})

    def former_ids(self) -> dict[str, str]:
        """Old id -> current id, for short links that must keep working after a move or rename."""
        moved: dict[str, str] = {}
        for entry in self.guidelines:
            for chapter in entry.chapters:
                moved.update({old: chapter.id for old in chapter.former_ids})
                for section in chapter.sections:
                    moved.update({old: section.id for old in section.former_ids})
                    for rec in section.recommendations:
                        moved.update({old: rec.id for old in rec.former_ids})
        return moved

    def uncovered_recommendations(self) -> list[str]:
        """Ids of recommendations that no checklist item cites, in corpus order."""
        cited = {rec_id for checklist in self.checklists for item in checklist.all_items() for rec_id in item.cites}
        return [t.id for t in self.recommendations() if t.id not in cited]

    def recommendations(self) -> Iterator[Target]:
        return (t for t in self.targets() if t.kind == "aanbeveling")
