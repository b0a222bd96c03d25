"""Checks that need more than one file: unique ids, chapter lists, cross-references, citations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from generator.load.discover import FileKind
from generator.load.yaml_reader import SourceDocument
from generator.model.checklist import Checklist
from generator.model.content import Chapter, Glossary, Guideline
from generator.model.corpus import Corpus, GuidelineEntry, SourceCoverage
from generator.model.markdown import ref_targets
from generator.model.types import text_values
from generator.problems import KeyPath, Problems
from generator.render.addresses import (
    CHECKLIST_OVERVIEW_PAGE,
    RESERVED_CHAPTER_SLUGS,
    RESERVED_NAMES,
    Address,
    chapter_page,
    checklist_page,
    guideline_page,
    reserved_id_part,
)
from generator.validate.fidelity import (
    first_difference,
    missing_from,
    nearest,
    normalize,
    read_source,
    sentences,
    source_sentences,
)


@dataclass(frozen=True)
class ParsedFile:
    kind: FileKind
    document: SourceDocument
    model: BaseModel

    @cached_property
    def texts(self) -> list[tuple[KeyPath, str]]:
        """Every text value of the model with its key path, in document order; walked once, read
        by each cross-file check (ids, references and citations are all texts)."""
        return text_values(self.model)


def assemble(files: list[ParsedFile], *, complete: bool, problems: Problems, sources_dir: Path | None = None) -> Corpus | None:
    """Build the corpus; returns None when a cross-file check fails (problems say why).

    When a file could not be read (`complete` is False), only the duplicate-id check runs:
    anything else would report every id in the broken file as unknown, burying the real problem.
    """
    before = len(problems)
    ids = _check_unique_ids(files, problems)
    if not complete:
        return None
    guidelines = _assemble_guidelines(files, problems)
    _check_related(files, problems)
    _check_references(files, ids, problems)
    _check_checklists(files, problems)
    _check_addresses(files, problems)
    _check_glossary_terms(files, problems)
    glossaries = [f.model for f in files if isinstance(f.model, Glossary)]
    if len(problems) > before or len(glossaries) != 1:
        return None
    # Only on an otherwise sound tree: a text the reader already refused is no text to compare.
    coverage = _check_fidelity(files, sources_dir, problems) if sources_dir is not None and not problems else ()
    if len(problems) > before:
        return None
    return Corpus(
        guidelines=tuple(guidelines),
        glossary=glossaries[0],
        checklists=tuple(f.model for f in files if isinstance(f.model, Checklist)),
        coverage=coverage,
    )


def _global_ids(parsed: ParsedFile) -> Iterator[tuple[KeyPath, str]]:
    """The ids that share the corpus-wide namespace, with their key paths (checklist item ids are
    local to their checklist)."""
    for key_path, value in parsed.texts:
        if not key_path or (parsed.kind is FileKind.CHECKLIST and len(key_path) > 1):
            continue
        if key_path[-1] == "id" or (len(key_path) >= 2 and key_path[-2] == "former_ids"):
            yield key_path, value


def _check_unique_ids(files: list[ParsedFile], problems: Problems) -> set[str]:
    # Where each id stands is looked up only for a duplicate: it takes the file's line numbers.
    seen: dict[str, tuple[ParsedFile, KeyPath]] = {}
    for parsed in files:
        for key_path, value in _global_ids(parsed):
            reserved = reserved_id_part(value)
            if reserved:
                problems.add(
                    parsed.document.location_of(key_path),
                    key_path,
                    f"id '{value}' {reserved}; de site gebruikt zulke ids zelf op de pagina, kies een andere",
                )
            if value in seen:
                first, first_key_path = seen[value]
                where = parsed.document.location_of(key_path)
                problems.add(where, key_path, f"id '{value}' bestaat al ({first.document.location_of(first_key_path)})")
            else:
                seen[value] = (parsed, key_path)
    return set(seen)


def _assemble_guidelines(files: list[ParsedFile], problems: Problems) -> list[GuidelineEntry]:
    entries = []
    chapters_by_folder = _chapters_by_folder(files)
    for parsed in files:
        if not isinstance(parsed.model, Guideline):
            continue
        guideline = parsed.model
        folder = parsed.document.path.parent
        chapters_here = chapters_by_folder.get(folder, {})
        ordered: list[Chapter] = []
        for index, chapter_id in enumerate(guideline.chapters):
            if chapter_id in chapters_here:
                chapter = chapters_here[chapter_id].model
                assert isinstance(chapter, Chapter)
                if any(c.id == chapter_id for c in ordered):
                    problems.add(
                        parsed.document.location_of(("chapters", index)),
                        ("chapters", index),
                        f"bouwsteen '{chapter_id}' staat dubbel in de lijst",
                    )
                ordered.append(chapter)
            else:
                problems.add(
                    parsed.document.location_of(("chapters", index)),
                    ("chapters", index),
                    f"bouwsteen '{chapter_id}' niet gevonden in {folder.name}/",
                )
        for chapter_id, chapter_file in chapters_here.items():
            if chapter_id not in guideline.chapters:
                problems.add(
                    chapter_file.document.location_of(("id",)),
                    ("id",),
                    f"bouwsteen '{chapter_id}' staat niet in chapters van {parsed.document.path.name}",
                )
        entries.append(GuidelineEntry(guideline, tuple(ordered), folder))
    return entries


def _chapters_by_folder(files: list[ParsedFile]) -> dict[Path, dict[str, ParsedFile]]:
    """Chapter files by the guideline folder they are in, by chapter id, in file order: grouped
    once, as scanning every file per guideline made the checks quadratic in the corpus."""
    grouped: dict[Path, dict[str, ParsedFile]] = {}
    for f in files:
        if isinstance(f.model, Chapter):
            grouped.setdefault(f.document.path.parent, {})[f.model.id] = f
    return grouped


def _check_related(files: list[ParsedFile], problems: Problems) -> None:
    guideline_ids = {f.model.id for f in files if isinstance(f.model, Guideline)}
    for parsed in files:
        if isinstance(parsed.model, Guideline):
            for index, related in enumerate(parsed.model.related):
                if related not in guideline_ids:
                    key_path = ("related", index)
                    problems.add(parsed.document.location_of(key_path), key_path, f"onbekende richtlijn '{related}'")


def _check_references(files: list[ParsedFile], ids: set[str], problems: Problems) -> None:
    for parsed in files:
        for key_path, value in parsed.texts:
            for target in ref_targets(value):
                if target not in ids:
                    problems.add(
                        parsed.document.location_of_text(key_path, f"ref:{target}"),
                        key_path,
                        f"verwijzing naar onbekende id '{target}' (ref:{target})",
                    )


def _check_checklists(files: list[ParsedFile], problems: Problems) -> None:
    recommendation_ids = {
        value
        for parsed in files
        if isinstance(parsed.model, Chapter)
        for key_path, value in parsed.texts
        if len(key_path) == 5 and key_path[2] == "recommendations" and key_path[4] == "id"
    }
    for parsed in files:
        if not isinstance(parsed.model, Checklist):
            continue
        item_ids: dict[str, KeyPath] = {}
        for key_path, value in parsed.texts:
            if key_path[-1] == "id" and len(key_path) > 1:
                if value in item_ids:
                    where = parsed.document.location_of(key_path)
                    first_line = parsed.document.location_of(item_ids[value]).line
                    problems.add(where, key_path, f"punt-id '{value}' komt al voor in deze checklist (regel {first_line})")
                else:
                    item_ids[value] = key_path
            if len(key_path) >= 2 and key_path[-2] == "cites" and value not in recommendation_ids:
                problems.add(parsed.document.location_of(key_path), key_path, f"onbekende aanbeveling '{value}'")


def _check_addresses(files: list[ParsedFile], problems: Problems) -> None:
    """No two things may land on the same page, and nothing on a page the site makes itself: MkDocs
    would quietly keep one of them, or fail long after `check` said all was well."""
    guidelines = {f.document.path.parent: f for f in files if isinstance(f.model, Guideline)}
    pages: dict[str, tuple[ParsedFile, KeyPath]] = {}

    def claim(page: str, parsed: ParsedFile, key_path: KeyPath, what: str) -> None:
        url = Address(page).url
        if page in pages:
            first, first_key_path = pages[page]
            problems.add(
                parsed.document.location_of(key_path),
                key_path,
                f"{what} geeft dezelfde pagina {url} als {first.document.location_of(first_key_path)}; kies een andere",
            )
        else:
            pages[page] = (parsed, key_path)

    for parsed in files:
        model = parsed.model
        if isinstance(model, Guideline):
            if model.slug in RESERVED_NAMES:
                problems.add(
                    parsed.document.location_of(("slug",)),
                    ("slug",),
                    f"slug '{model.slug}' is het adres van een onderdeel van de site zelf ({model.slug}/); kies een andere",
                )
            else:
                claim(guideline_page(model.slug), parsed, ("slug",), f"slug '{model.slug}'")
        elif isinstance(model, Chapter) and parsed.document.path.parent in guidelines:
            guideline = guidelines[parsed.document.path.parent].model
            assert isinstance(guideline, Guideline)
            if model.slug in RESERVED_CHAPTER_SLUGS:
                problems.add(
                    parsed.document.location_of(("slug",)),
                    ("slug",),
                    f"slug '{model.slug}' is de overzichtspagina van de richtlijn ({guideline.slug}/); kies een andere",
                )
            else:
                claim(chapter_page(guideline.slug, model.slug), parsed, ("slug",), f"slug '{model.slug}'")
        elif isinstance(model, Checklist) and checklist_page(model.id) == CHECKLIST_OVERVIEW_PAGE:
            problems.add(
                parsed.document.location_of(("id",)),
                ("id",),
                f"id '{model.id}' is het adres van het overzicht van de checklists; kies een andere",
            )


def _check_glossary_terms(files: list[ParsedFile], problems: Problems) -> None:
    """Pages mark every abbreviation by its term; of two entries for one term, one would silently win."""
    for parsed in files:
        if not isinstance(parsed.model, Glossary):
            continue
        seen: dict[str, int] = {}
        for index, term in enumerate(parsed.model.terms):
            key = term.term.casefold()
            if key in seen:
                first = parsed.document.location_of(("terms", seen[key], "term"))
                problems.add(
                    parsed.document.location_of(("terms", index, "term")),
                    ("terms", index, "term"),
                    f"begrip '{term.term}' staat al in de lijst ({first})",
                )
            else:
                seen[key] = index


# The fields that hold guideline text (README, "Text that must stand in the sources"); the others
# are names, settings and the editors' own words.
GUIDELINE_TEXT = {"title", "text", "closing", "paragraphs", "heading", "provenance", "references", "audience"}


def _check_fidelity(files: list[ParsedFile], sources_dir: Path, problems: Problems) -> tuple[SourceCoverage, ...]:
    """Every sentence of a guideline's text stands word for word in one of its sources; a short text
    (a title, a heading, a step) stands in them as a whole. Returns how much of each guideline's
    sources its text covers."""
    chapters_by_folder = _chapters_by_folder(files)
    coverage = []
    for parsed in files:
        guideline = parsed.model
        if not isinstance(guideline, Guideline):
            continue
        if not guideline.sources:
            problems.add(
                parsed.document.location_of(("id",)),
                ("sources",),
                f"bronnen ontbreken: noem onder sources: de bestanden in {sources_dir.name}/ waar de tekst van deze richtlijn uit komt",
            )
            continue
        texts = []
        for index, name in enumerate(guideline.sources):
            text, error = read_source(sources_dir / name)
            if error is not None:
                problems.add(parsed.document.location_of(("sources", index)), ("sources", index), error)
            elif text is not None:
                texts.append(text)
        if len(texts) != len(guideline.sources):
            continue
        known = source_sentences(texts)
        whole = normalize("\n".join(texts))
        content: list[str] = []
        for part in [parsed, *chapters_by_folder.get(parsed.document.path.parent, {}).values()]:
            for key_path, value in part.texts:
                if next((k for k in reversed(key_path) if isinstance(k, str)), None) not in GUIDELINE_TEXT:
                    continue
                content += _check_text_in_sources(part, key_path, value, known, whole, problems)
        coverage.append(SourceCoverage(guideline.title, len(known) - len(missing_from(known, content)), len(known)))
    return tuple(coverage)


def _check_text_in_sources(
    parsed: ParsedFile, key_path: KeyPath, value: str, known: list[str], whole: str, problems: Problems
) -> list[str]:
    """Reports what of `value` is not in the sources; returns its sentences, for the coverage."""
    found = sentences(value)
    if not found:  # shorter than a sentence: a title, a heading, a step, a reference
        short = normalize(value)
        # As whole words: "Interventie" does not stand in a source that says "Interventies".
        if short and not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", whole):
            problems.add(
                parsed.document.location_of(key_path),
                key_path,
                f"tekst staat niet letterlijk in de bronnen van deze richtlijn: '{_clip(short)}'",
            )
        return found
    for sentence in found:
        if sentence in whole:
            continue
        close = nearest(sentence, known)
        if close is None:
            message = f"zin staat niet letterlijk in de bronnen van deze richtlijn: '{_clip(sentence)}'; geen bronzin lijkt erop"
            word = sentence.split()[0]
        else:
            word = first_difference(sentence, close)
            message = (
                f"zin staat niet letterlijk in de bronnen van deze richtlijn: '{_clip(sentence)}'; "
                f"dichtstbijzijnde bronzin: '{_clip(close)}' (verschilt vanaf '{word}')"
            )
        raw = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", value, re.IGNORECASE)
        where = parsed.document.location_of_text(key_path, raw.group(0)) if raw else parsed.document.location_of(key_path)
        problems.add(where, key_path, message)
    return found


def _clip(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "…"
