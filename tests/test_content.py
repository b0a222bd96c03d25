"""The bundled content against its sources in sources/: nothing invented, nothing left out.

Every expectation here is derived from the files in content/, checklists/ and sources/, read with
plain YAML rather than the generator's loader, so that a new guideline, chapter or checklist keeps
these tests green without a change to them (tests/test_grow.py adds a fifth guideline to prove it).
The guideline text is compared with the sources its richtlijn.yaml lists, using the fidelity
measure directly: a cross-check of what `richtlijnen check` reports, not a second copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.model.corpus import Corpus
from generator.validate.fidelity import measure, normalize, sentences, source_sentences
from tests.conftest import REPO

CONTENT = REPO / "content"
CHECKLISTS = REPO / "checklists"
SOURCES = REPO / "sources"
# The fields that hold guideline text, as docs/redactie.md lists them ("Text that must stand in the sources").
GUIDELINE_TEXT = {"title", "text", "closing", "paragraphs", "heading", "provenance", "references", "audience"}
# The other keys of a guideline's files that hold a string: names and settings, not words.
NAMES = {"id", "former_ids", "slug", "code", "steps_style", "sources", "related", "chapters", "version"}
# What the publisher says about a guideline (its `publisher:` block): facts copied from the page that
# facts_from names, not guideline text (docs/redactie.md).
PUBLISHER_FACTS = {"facts_from", "url", "authorised_by", "copyright", "cite_as", "permission"}
# Beside the checklists: the recommendations that are in no checklist, with the editors' reasons.
CHECKLIST_GAPS = CHECKLISTS / "_niet-in-checklist.yaml"
# Every guideline's text holds at least this share of its sources' sentences: text left out shows.
COVERAGE_FLOOR = 95.0
FOLDERS = sorted(path.parent.name for path in CONTENT.glob("*/richtlijn.yaml"))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


@dataclass(frozen=True)
class Folder:
    """One guideline as its files say it: richtlijn.yaml, its chapter files, its sources."""

    name: str
    guideline: dict[str, Any]
    chapters: list[dict[str, Any]]  # in the order richtlijn.yaml lists them
    sources: list[str]  # the texts of the files listed under sources:

    def sections(self) -> Iterator[dict[str, Any]]:
        for chapter in self.chapters:
            yield from chapter.get("sections", [])

    def recommendations(self) -> Iterator[dict[str, Any]]:
        for section in self.sections():
            yield from section.get("recommendations", [])

    def lines(self) -> set[str]:
        """The lines of its sources, as a heading stands on one: without list bullets, and also
        without a chapter number."""
        found = {line.replace("\xa0", " ").strip().lstrip("•").strip() for source in self.sources for line in source.splitlines()}
        return found | {re.sub(r"^\d+\. ", "", line) for line in found}


@cache
def folder(name: str) -> Folder:
    path = CONTENT / name
    guideline = load(path / "richtlijn.yaml")
    by_id = {}
    for file in sorted(path.iterdir()):
        if file.suffix in {".yaml", ".yml"} and file.name != "richtlijn.yaml":
            chapter = load(file)
            by_id[chapter["id"]] = chapter
    assert sorted(by_id) == sorted(guideline["chapters"]), f"{name}: chapter files and chapters: differ"
    sources = [(SOURCES / source).read_text("utf-8") for source in guideline.get("sources", [])]
    return Folder(name, guideline, [by_id[c] for c in guideline["chapters"]], sources)


def keyed_strings(node: Any, key: str | None = None) -> Iterator[tuple[str | None, str]]:
    """Every string of a file with the key it stands under (a list item takes its list's key)."""
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, list):
        for item in node:
            yield from keyed_strings(item, key)
    elif isinstance(node, dict):
        for name, value in node.items():
            yield from keyed_strings(value, name)


def guideline_texts(node: Any) -> Iterator[str]:
    """Every text of a file under one of the guideline-text fields."""
    return (text for key, text in keyed_strings(node) if key in GUIDELINE_TEXT)


def string_keys(node: Any) -> Iterator[str | None]:
    """The key of every string in a file."""
    return (key for key, _text in keyed_strings(node))


def checklist_files() -> list[dict[str, Any]]:
    return [load(path) for path in sorted(CHECKLISTS.glob("*.yaml")) if path != CHECKLIST_GAPS]


def test_the_corpus_holds_every_guideline_chapter_and_recommendation_of_the_files(corpus: Corpus) -> None:
    assert FOLDERS, "no guideline in content/"
    in_files = {
        name: (
            folder(name).guideline["id"],
            folder(name).guideline["title"],
            [chapter["id"] for chapter in folder(name).chapters],
            [rec["id"] for rec in folder(name).recommendations()],
        )
        for name in FOLDERS
    }
    in_corpus = {
        entry.folder.name: (
            entry.guideline.id,
            entry.guideline.title,
            [chapter.id for chapter in entry.chapters],
            [rec.id for chapter in entry.chapters for section in chapter.sections for rec in section.recommendations],
        )
        for entry in corpus.guidelines
    }
    assert in_corpus == in_files


@pytest.mark.parametrize("name", FOLDERS)
def test_the_text_stands_in_its_sources_and_covers_them(name: str, corpus: Corpus) -> None:
    guideline = folder(name)
    assert guideline.sources, f"{name}: richtlijn.yaml lists no sources"
    texts = [text for file in [guideline.guideline, *guideline.chapters] for text in guideline_texts(file)]
    known = source_sentences(guideline.sources)
    result = measure(texts, known)
    assert result.invented == []
    # A text shorter than a sentence (a title, a step, a reference) stands in them as whole words.
    whole = normalize("\n".join(guideline.sources))
    short = [t for t in texts if not sentences(t) and not re.search(rf"(?<!\w){re.escape(normalize(t))}(?!\w)", whole)]
    assert short == []
    assert result.coverage(known) >= COVERAGE_FLOOR, result.missing
    # What `check` prints for this guideline is the same figure.
    [reported] = [c for c in corpus.coverage if c.guideline == guideline.guideline["title"]]
    assert (reported.present, reported.total) == (len(known) - len(result.missing), len(known))


@pytest.mark.parametrize("name", FOLDERS)
def test_a_guideline_s_files_hold_guideline_text_and_names_only(name: str) -> None:
    """content/ holds the guideline's words, which the test above finds in its sources, and the
    names that tie them together; the editors' own words live in checklists/."""
    guideline = folder(name)
    keys = {key for file in [guideline.guideline, *guideline.chapters] for key in string_keys(file)}
    assert keys - GUIDELINE_TEXT - NAMES - PUBLISHER_FACTS == set()


@pytest.mark.parametrize("name", FOLDERS)
def test_titles_and_headings_are_lines_of_its_sources(name: str) -> None:
    guideline = folder(name)
    lines = guideline.lines()
    headings = [guideline.guideline["title"]]
    for chapter in guideline.chapters:
        headings.append(chapter["title"])
        if "number" in chapter:
            headings.append(f"{chapter['number']}. {chapter['title']}")
    headings += [section["title"] for section in guideline.sections() if section.get("title")]
    for rec in guideline.recommendations():
        headings += [rec["title"]] if rec.get("title") else []
        headings += [block["heading"] for block in rec.get("explanation", []) if block.get("heading")]
    assert [h for h in headings if h not in lines] == []


@pytest.mark.parametrize("name", FOLDERS)
def test_a_section_marked_without_text_has_none_in_its_sources(name: str) -> None:
    """The source shows the heading, and no sentence follows it before the next blank line."""
    guideline = folder(name)
    for section in guideline.sections():
        if section.get("text_available", True):
            continue
        title = section["title"]
        followed_by = []
        for source in guideline.sources:
            lines = [line.strip() for line in source.splitlines()]
            for index in (i for i, line in enumerate(lines) if line == title):
                rest = lines[index + 1 :]
                while rest and not rest[0]:
                    rest.pop(0)
                block = rest[: rest.index("")] if "" in rest else rest
                followed_by.append(block)
        assert followed_by, f"{title!r} is no line of the sources of {name}"
        assert all(not sentences(line) for block in followed_by for line in block), (title, followed_by)


def test_glossary_gives_only_expansions_the_sources_give() -> None:
    everything = " ".join(" ".join(path.read_text("utf-8").split()) for path in sorted(SOURCES.glob("*.txt")))
    for term in load(CONTENT / "begrippen.yaml")["terms"]:
        assert term["term"] in everything, term["term"]
        if term.get("expansion"):
            assert f"{term['expansion']} ({term['term']})" in everything, term["expansion"]


def test_the_corpus_holds_every_checklist_file(corpus: Corpus) -> None:
    in_files = {c["id"]: (c["title"], sorted({rec for item in items_of(c) for rec in item["cites"]})) for c in checklist_files()}
    in_corpus = {c.id: (c.title, sorted({rec for item in c.all_items() for rec in item.cites})) for c in corpus.checklists}
    assert in_corpus == in_files


def items_of(checklist: dict[str, Any]) -> list[dict[str, Any]]:
    return [*checklist.get("items", []), *(item for group in checklist.get("groups", []) for item in group["items"])]


def test_checklist_help_texts_quote_the_sources_of_what_they_cite() -> None:
    # Items are the editors' own short action phrases; help text, where given, quotes the guideline.
    sources_of = {rec["id"]: folder(name).sources for name in FOLDERS for rec in folder(name).recommendations()}
    for checklist in checklist_files():
        for item in items_of(checklist):
            if item.get("help"):
                known = source_sentences(text for rec in item["cites"] for text in sources_of[rec])
                assert measure([item["help"]], known).invented == [], (checklist["id"], item["id"])


def test_a_recommendation_is_left_out_of_every_checklist_only_with_a_reason(corpus: Corpus) -> None:
    cited = {rec for checklist in checklist_files() for item in items_of(checklist) for rec in item["cites"]}
    recommendations = [rec for name in FOLDERS for rec in folder(name).recommendations()]
    uncovered = {rec["id"] for rec in recommendations if rec["id"] not in cited}
    listed = load(CHECKLIST_GAPS)["recommendations"] if CHECKLIST_GAPS.exists() else []
    reasons = {gap["id"]: gap["reason"] for gap in listed}
    assert len(reasons) == len(listed)
    assert set(reasons) == uncovered
    assert all(isinstance(reason, str) and reason.strip() for reason in reasons.values())
    assert set(corpus.uncovered_recommendations()) == uncovered
