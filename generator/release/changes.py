"""Compare two releases of the corpus: recommendations and checklist items added, changed, removed, moved.

The result feeds the generated "Wat is er veranderd" page and the Atom feed; nothing is written here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from generator.model.checklist import Checklist, ChecklistItem
from generator.model.content import Recommendation
from generator.model.corpus import Corpus, Target
from generator.model.types import reader_texts
from generator.render.view import short_form

ChangeKind = Literal["toegevoegd", "gewijzigd", "verwijderd", "verplaatst"]
DiffOp = Literal["gelijk", "weg", "nieuw"]
WORD = re.compile(r"\S+")


class DiffPart(NamedTuple):
    """A run of words of a reworded text: kept ("gelijk"), dropped ("weg") or added ("nieuw"), as
    difflib's opcodes give them."""

    op: DiffOp
    text: str


@dataclass(frozen=True)
class RecommendationChange:
    kind: ChangeKind
    id: str
    heading: str  # its short form (render/view.py), as the change page and the feed name it
    chapter: str  # where it is now (or was, when removed)
    previous_chapter: str | None = None  # for moves
    previous_id: str | None = None  # when it was renamed and lists its old id in former_ids
    diff: tuple[DiffPart, ...] = ()


@dataclass(frozen=True)
class ChecklistItemChange:
    kind: ChangeKind
    id: str
    text: str
    diff: tuple[DiffPart, ...] = ()


@dataclass
class GuidelineChanges:
    id: str
    title: str
    recommendations: list[RecommendationChange] = field(default_factory=list)


@dataclass
class ChecklistChanges:
    id: str
    title: str
    items: list[ChecklistItemChange] = field(default_factory=list)


@dataclass
class ReleaseChanges:
    guidelines: list[GuidelineChanges]
    checklists: list[ChecklistChanges]

    @property
    def empty(self) -> bool:
        return not any(g.recommendations for g in self.guidelines) and not any(c.items for c in self.checklists)

    def count(self, kind: ChangeKind) -> int:
        recs = sum(1 for g in self.guidelines for r in g.recommendations if r.kind == kind)
        items = sum(1 for c in self.checklists for i in c.items if i.kind == kind)
        return recs + items


def word_diff(old: str, new: str) -> tuple[DiffPart, ...]:
    """A word-level diff: runs of unchanged, removed and inserted words, in reading order."""
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("gelijk", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("weg", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("nieuw", " ".join(new_words[j1:j2])))
    return tuple(parts)


def compare(old: Corpus, new: Corpus) -> ReleaseChanges:
    return ReleaseChanges(guidelines=_compare_recommendations(old, new), checklists=_compare_checklists(old, new))


def _compare_recommendations(old: Corpus, new: Corpus) -> list[GuidelineChanges]:
    old_recs = {t.id: t for t in old.recommendations()}
    new_recs = {t.id: t for t in new.recommendations()}
    renamed_from = {former: t.id for t in new_recs.values() for former in _rec(t).former_ids if former in old_recs}
    by_guideline: dict[str, GuidelineChanges] = {}

    def bucket(target: Target) -> GuidelineChanges:
        assert target.guideline is not None
        g = target.guideline
        return by_guideline.setdefault(g.id, GuidelineChanges(g.id, g.title))

    for rec_id, target in new_recs.items():
        previous_id = rec_id if rec_id in old_recs else next((o for o, n in renamed_from.items() if n == rec_id), None)
        if previous_id is None:
            bucket(target).recommendations.append(RecommendationChange("toegevoegd", rec_id, _heading(target), _chapter(target)))
            continue
        before = old_recs[previous_id]
        if _chapter_id(before) != _chapter_id(target) or previous_id != rec_id:
            bucket(target).recommendations.append(
                RecommendationChange(
                    "verplaatst",
                    rec_id,
                    _heading(target),
                    _chapter(target),
                    previous_chapter=_chapter(before),
                    previous_id=previous_id if previous_id != rec_id else None,
                )
            )
        old_text, new_text = _full_text(_rec(before)), _full_text(_rec(target))
        if old_text != new_text:
            bucket(target).recommendations.append(
                RecommendationChange("gewijzigd", rec_id, _heading(target), _chapter(target), diff=word_diff(old_text, new_text))
            )
    for rec_id, target in old_recs.items():
        if rec_id not in new_recs and rec_id not in renamed_from:
            bucket(target).recommendations.append(RecommendationChange("verwijderd", rec_id, _heading(target), _chapter(target)))
    order = [entry.guideline.id for entry in new.guidelines] + [entry.guideline.id for entry in old.guidelines]
    return sorted(by_guideline.values(), key=lambda g: order.index(g.id))


def _compare_checklists(old: Corpus, new: Corpus) -> list[ChecklistChanges]:
    old_lists = {c.id: c for c in old.checklists}
    new_lists = {c.id: c for c in new.checklists}
    out: list[ChecklistChanges] = []
    for checklist_id in list(new_lists) + [c for c in old_lists if c not in new_lists]:
        before, after = old_lists.get(checklist_id), new_lists.get(checklist_id)
        current = after or before
        assert current is not None
        changes = ChecklistChanges(checklist_id, current.title)
        old_items, new_items = _items(before), _items(after)
        for item_id, item in new_items.items():
            if item_id not in old_items:
                changes.items.append(ChecklistItemChange("toegevoegd", item_id, item.text))
            elif old_items[item_id].text != item.text:
                diff = word_diff(old_items[item_id].text, item.text)
                changes.items.append(ChecklistItemChange("gewijzigd", item_id, item.text, diff))
        changes.items += [ChecklistItemChange("verwijderd", i, item.text) for i, item in old_items.items() if i not in new_items]
        if changes.items:
            out.append(changes)
    return out


def _items(checklist: Checklist | None) -> dict[str, ChecklistItem]:
    return {item.id: item for item in checklist.all_items()} if checklist else {}


def _rec(target: Target) -> Recommendation:
    assert target.recommendation is not None
    return target.recommendation


def _heading(target: Target) -> str:
    return short_form(_rec(target))


def _chapter(target: Target) -> str:
    assert target.chapter is not None
    return target.chapter.numbered_title


def _chapter_id(target: Target) -> str:
    assert target.chapter is not None
    return target.chapter.id


def _full_text(node: object) -> str:
    """Everything a reader sees of a recommendation, in order, as one string of words."""
    return " ".join(reader_texts(node))
