"""Checks that need more than one file: unique ids, chapter lists, the order of the guidelines,
cross-references, citations, the recommendations that are in no checklist."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from generator.load.discover import CHECKLIST_GAPS_FILE, FileKind
from generator.load.yaml_reader import MAX_FILE_BYTES, SourceDocument
from generator.model.checklist import Checklist, ChecklistGaps, ChecklistItem
from generator.model.content import Chapter, Glossary, Guideline, GuidelineOrder, Recommendation
from generator.model.corpus import Corpus, GuidelineEntry, SourceCoverage, TargetKind
from generator.model.markdown import ref_targets
from generator.model.types import text_values
from generator.problems import KeyPath, Problems, display_path
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
    sentence_pairs,
    source_sentence_texts,
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


@dataclass(frozen=True)
class FailedFile:
    """A file that did not pass its own checks (its problems are reported already). The ids it
    seems to define are read from its lines, so that the cross-file checks of the other files do
    not call them unknown: one broken file must not bury the real mistakes under false ones."""

    kind: FileKind
    path: Path

    @cached_property
    def ids(self) -> frozenset[str]:
        try:
            with self.path.open("rb") as file:
                text = file.read(MAX_FILE_BYTES).decode("utf-8", errors="replace")
        except OSError:
            return frozenset()
        return frozenset(_ID_LINE.findall(text))


# `id: x`, `- id: x`, and `- x` (a former id, a listed chapter): where a file names its ids.
_ID_LINE = re.compile(r"^[ \t]*(?:-[ \t]+(?:id:[ \t]*)?|id:[ \t]*)['\"]?([a-z0-9]+(?:-[a-z0-9]+)*)['\"]?[ \t]*$", re.MULTILINE)


def assemble(
    files: list[ParsedFile],
    *,
    failed: Sequence[FailedFile] = (),
    problems: Problems,
    sources_dir: Path | None = None,
    decisions: bool = True,
    checklist_gaps: Path | None = None,
) -> Corpus | None:
    """Build the corpus; returns None when a check fails (problems say why).

    The cross-file checks run over every file that passed its own checks, even when others did
    not (`failed`), so that one run reports every mistake. With `sources_dir`, the guideline text
    is checked against its sources; with `decisions`, every recommendation is in a checklist or
    listed with the reason in the file `checklist_gaps` (named in the message; it need not exist).
    An earlier release's tag may predate both rules."""
    before = len(problems)
    names = _Names(files, failed)
    _check_unique_ids(files, problems)
    guidelines = _in_publication_order(_assemble_guidelines(files, failed, names, problems), files, names, problems)
    _check_related(files, names, problems)
    _check_references(files, names, problems)
    citations_known = _check_checklists(files, names, problems)
    _check_schedules(files, names, problems)
    gaps_known = _check_checklist_gaps(files, names, problems)
    _check_addresses(files, problems)
    _check_glossary_terms(files, problems)
    # Texts of files that passed their own checks are sound; the others are no text to compare.
    coverage = _check_fidelity(files, sources_dir, problems) if sources_dir is not None else ()
    # A checklist or list of gaps that failed, or names an unknown id, may have meant any recommendation.
    if decisions and citations_known and gaps_known and not any(f.kind in _NAMES_RECOMMENDATIONS for f in failed):
        _check_checklist_decisions(files, problems, checklist_gaps)
    glossaries = [f.model for f in files if isinstance(f.model, Glossary)]
    if failed or len(problems) > before or len(glossaries) != 1:
        return None
    return Corpus(
        guidelines=tuple(guidelines),
        glossary=glossaries[0],
        checklists=tuple(f.model for f in files if isinstance(f.model, Checklist)),
        coverage=coverage,
    )


def _global_ids(parsed: ParsedFile) -> Iterator[tuple[KeyPath, str]]:
    """The ids that share the corpus-wide namespace, with their key paths (checklist item ids are
    local to their checklist; the list of gaps names recommendations, it defines none)."""
    if parsed.kind is FileKind.CHECKLIST_GAPS:
        return
    for key_path, value in parsed.texts:
        if not key_path or (parsed.kind is FileKind.CHECKLIST and len(key_path) > 1):
            continue
        if key_path[-1] == "id" or (len(key_path) >= 2 and key_path[-2] == "former_ids"):
            yield key_path, value


_RECOMMENDATION: tuple[TargetKind, ...] = ("aanbeveling",)
_CHAPTER: tuple[TargetKind, ...] = ("bouwsteen",)
_GUIDELINE: tuple[TargetKind, ...] = ("richtlijn",)
# The files that name recommendations: whether each is in a checklist is decided there.
_NAMES_RECOMMENDATIONS = (FileKind.CHECKLIST, FileKind.CHECKLIST_GAPS)
# The files that only name what others define: the ids in them are no guess at a definition.
_DEFINES_NOTHING = (FileKind.CHECKLIST_GAPS, FileKind.ORDER)
_BY_FILE_KIND: dict[FileKind, TargetKind] = {
    FileKind.GUIDELINE: "richtlijn",
    FileKind.GLOSSARY: "begrip",
    FileKind.CHECKLIST: "checklist",
}


def _id_kind(parsed: ParsedFile, key_path: KeyPath) -> TargetKind:
    """What an id names, from where it stands: `sections[0].recommendations[2].id` is an aanbeveling."""
    if parsed.kind is FileKind.CHAPTER:
        return "aanbeveling" if "recommendations" in key_path else "uitgangsvraag" if "sections" in key_path else "bouwsteen"
    return _BY_FILE_KIND[parsed.kind]


class _Names:
    """Every id in the corpus with what it names, and the other names an editor may write where an
    id belongs (a folder, a slug, a file name, a term), for the "bedoel je …?" of an unknown id."""

    def __init__(self, files: list[ParsedFile], failed: Sequence[FailedFile]) -> None:
        self.kinds: dict[str, TargetKind] = {}
        # Other name -> (what it is, the id to write instead)
        self.aliases: dict[str, list[tuple[str, str]]] = {}
        self.guessed = frozenset(i for f in failed if f.kind not in _DEFINES_NOTHING for i in f.ids)
        # A failed file without a readable id (empty, not UTF-8) may have meant to define anything:
        # then no id is called unknown, as the report would most likely be false.
        self.blind = any(not f.ids for f in failed if f.kind not in (*_NAMES_RECOMMENDATIONS, *_DEFINES_NOTHING))
        # A recommendation's former id -> its id now: known (a short link still leads there), but a
        # checklist or the list of gaps names a recommendation by what it is called now.
        self.former: dict[str, str] = {}
        for parsed in files:
            for key_path, value in _global_ids(parsed):
                self.kinds.setdefault(value, _id_kind(parsed, key_path))
            model = parsed.model
            if isinstance(model, Guideline):
                self._alias(parsed.document.path.parent.name, "de mapnaam van een richtlijn", model.id)
                self._alias(model.slug, "de slug van een richtlijn", model.id)
            elif isinstance(model, Chapter):
                self._alias(parsed.document.path.stem, "de bestandsnaam van een bouwsteen", model.id)
                self._alias(model.slug, "de slug van een bouwsteen", model.id)
                for section in model.sections:
                    for rec in section.recommendations:
                        self.former.update(dict.fromkeys(rec.former_ids, rec.id))
            elif isinstance(model, Glossary):
                for term in model.terms:
                    self._alias(term.term.casefold(), "een begrip", term.id)

    def _alias(self, name: str, what: str, id_: str) -> None:
        # A folder named like its slug is one hint, not two.
        if name != id_ and all(known != id_ for _, known in self.aliases.get(name, [])):
            self.aliases.setdefault(name, []).append((what, id_))

    def known(self, value: str, kinds: Collection[TargetKind] = ()) -> bool:
        kind = self.kinds.get(value)
        if kind is not None:
            return not kinds or kind in kinds
        return self.blind or value in self.guessed

    def not_a_recommendation(self, value: str) -> str | None:
        """Why `value` is not the id of a recommendation as it is called now; None when it is."""
        if value in self.former:
            return f"'{value}' is een eerdere id van een aanbeveling; schrijf de id: '{self.former[value]}'"
        if self.known(value, _RECOMMENDATION):
            return None
        return self.unknown(value, _RECOMMENDATION, said=f"onbekende aanbeveling '{value}'")

    def unknown(self, value: str, kinds: Collection[TargetKind], *, said: str, among: Iterable[str] | None = None) -> str:
        """The message for `value` where an id of `kinds` belongs: what `value` is and which id to
        write, when the corpus knows; else `said`, with the nearest id of those kinds (or `among`)."""
        kind = self.kinds.get(value)
        if kind is not None and kind not in kinds:
            return f"'{value}' is een {kind}, geen {' of '.join(kinds)}"
        candidates = sorted(set(among)) if among is not None else sorted(i for i, k in self.kinds.items() if k in kinds)
        aliases = [(what, id_) for what, id_ in self.aliases.get(value.casefold(), []) if id_ in candidates]
        if len(aliases) == 1:
            what, id_ = aliases[0]
            return f"'{value}' is {what}; schrijf de id: '{id_}'"
        if aliases:
            whats = sorted({what for what, _ in aliases})
            return f"'{value}' is {' en '.join(whats)}; schrijf de id van de juiste: {', '.join(i for _, i in aliases)}"
        close = _nearest_id(value, candidates)
        return f"{said} (bedoel je '{close}'?)" if close else said


def _nearest_id(value: str, candidates: list[str]) -> str | None:
    """The one id most like `value`. A high bar, and no tie: a far-fetched or arbitrary suggestion
    (proef-1 or proef-2 for proef-9?) sends the editor looking in the wrong place."""
    matcher = difflib.SequenceMatcher(b=value)
    scored = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        scored.append((matcher.ratio(), candidate))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < 0.75 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _check_unique_ids(files: list[ParsedFile], problems: Problems) -> None:
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


def _assemble_guidelines(
    files: list[ParsedFile], failed: Sequence[FailedFile], names: _Names, problems: Problems
) -> list[GuidelineEntry]:
    entries = []
    chapters_by_folder = _chapters_by_folder(files)
    broken_folders = {f.path.parent for f in failed if f.kind in (FileKind.GUIDELINE, FileKind.CHAPTER)}
    for parsed in files:
        if not isinstance(parsed.model, Guideline):
            continue
        guideline = parsed.model
        folder = parsed.document.path.parent
        chapters_here = chapters_by_folder.get(folder, {})
        failed_here = [f for f in failed if f.kind is FileKind.CHAPTER and f.path.parent == folder]
        guessed_here = {i for f in failed_here for i in f.ids}
        blind = any(not f.ids for f in failed_here)
        ordered: list[Chapter] = []
        for index, chapter_id in enumerate(guideline.chapters):
            key_path = ("chapters", index)
            if chapter_id in chapters_here:
                chapter = chapters_here[chapter_id].model
                assert isinstance(chapter, Chapter)
                if any(c.id == chapter_id for c in ordered):
                    problems.add(
                        parsed.document.location_of(key_path), key_path, f"bouwsteen '{chapter_id}' staat dubbel in de lijst"
                    )
                ordered.append(chapter)
            elif chapter_id not in guessed_here and not blind:
                said = f"bouwsteen '{chapter_id}' niet gevonden in {folder.name}/"
                message = names.unknown(chapter_id, _CHAPTER, said=said, among=chapters_here)
                problems.add(parsed.document.location_of(key_path), key_path, message)
        # A chapter listed by its slug or file name has had its hint already.
        meant = {id_ for value in guideline.chapters for _, id_ in names.aliases.get(value, [])}
        for chapter_id, chapter_file in chapters_here.items():
            if chapter_id not in guideline.chapters and chapter_id not in meant:
                problems.add(
                    chapter_file.document.location_of(("id",)),
                    ("id",),
                    f"bouwsteen '{chapter_id}' staat niet in de lijst chapters: van {parsed.document.path.name}; "
                    "zet de id daar op zijn plaats, of haal het bestand uit de map",
                )
        if folder not in broken_folders:
            entries.append(GuidelineEntry(guideline, tuple(ordered), folder))
    return entries


def _in_publication_order(
    guidelines: list[GuidelineEntry], files: list[ParsedFile], names: _Names, problems: Problems
) -> list[GuidelineEntry]:
    """The guidelines in the order content/volgorde.yaml sets, for the navigation, the home page and
    the zakgids; those it leaves out, or all without it, follow in folder order (discover's)."""
    orders = [f for f in files if isinstance(f.model, GuidelineOrder)]
    if not orders:
        return guidelines
    parsed = orders[0]
    assert isinstance(parsed.model, GuidelineOrder)
    rank: dict[str, int] = {}
    for index, guideline_id in enumerate(parsed.model.guidelines):
        key_path: KeyPath = ("guidelines", index)
        if not names.known(guideline_id, _GUIDELINE):
            message = names.unknown(guideline_id, _GUIDELINE, said=f"onbekende richtlijn '{guideline_id}'")
            problems.add(parsed.document.location_of(key_path), key_path, message)
        elif guideline_id in rank:
            first_line = parsed.document.location_of(("guidelines", rank[guideline_id])).line
            message = f"richtlijn '{guideline_id}' staat al eerder in de volgorde (regel {first_line})"
            problems.add(parsed.document.location_of(key_path), key_path, message)
        else:
            rank[guideline_id] = index
    # sorted() is stable: the guidelines not in the list keep their folder order, after the others.
    return sorted(guidelines, key=lambda entry: rank.get(entry.guideline.id, len(rank)))


def _chapters_by_folder(files: list[ParsedFile]) -> dict[Path, dict[str, ParsedFile]]:
    """Chapter files by the guideline folder they are in, by chapter id, in file order: grouped
    once, as scanning every file per guideline made the checks quadratic in the corpus."""
    grouped: dict[Path, dict[str, ParsedFile]] = {}
    for f in files:
        if isinstance(f.model, Chapter):
            grouped.setdefault(f.document.path.parent, {})[f.model.id] = f
    return grouped


def _check_related(files: list[ParsedFile], names: _Names, problems: Problems) -> None:
    for parsed in files:
        if isinstance(parsed.model, Guideline):
            for index, related in enumerate(parsed.model.related):
                if not names.known(related, _GUIDELINE):
                    key_path = ("related", index)
                    message = names.unknown(related, _GUIDELINE, said=f"onbekende richtlijn '{related}'")
                    problems.add(parsed.document.location_of(key_path), key_path, message)


def _check_references(files: list[ParsedFile], names: _Names, problems: Problems) -> None:
    everything: tuple[TargetKind, ...] = ("richtlijn", "bouwsteen", "uitgangsvraag", "aanbeveling", "begrip", "checklist")
    for parsed in files:
        for key_path, value in parsed.texts:
            for target in ref_targets(value):
                if not names.known(target):
                    problems.add(
                        parsed.document.location_of_text(key_path, f"ref:{target}"),
                        key_path,
                        f"verwijzing ref:{target}: {names.unknown(target, everything, said='onbekende id')}",
                    )


def _check_checklists(files: list[ParsedFile], names: _Names, problems: Problems) -> bool:
    """Returns whether every citation names a current recommendation. A former id is known (a
    short link still leads there), but a checklist cites what the recommendation is called now."""
    all_known = True
    for parsed in files:
        if not isinstance(parsed.model, Checklist):
            continue
        stem = parsed.document.path.stem
        if stem != parsed.model.id:
            problems.add(
                parsed.document.location_of(("id",)),
                ("id",),
                f"id '{parsed.model.id}' verschilt van de bestandsnaam {parsed.document.path.name}; "
                f"geef het bestand de naam {parsed.model.id}.yaml, of de checklist de id '{stem}'",
            )
        item_ids: dict[str, KeyPath] = {}
        for key_path, value in parsed.texts:
            if key_path[-1] == "id" and len(key_path) > 1:
                if value in item_ids:
                    where = parsed.document.location_of(key_path)
                    first_line = parsed.document.location_of(item_ids[value]).line
                    problems.add(where, key_path, f"punt-id '{value}' komt al voor in deze checklist (regel {first_line})")
                else:
                    item_ids[value] = key_path
            if len(key_path) >= 2 and key_path[-2] == "cites" and (message := names.not_a_recommendation(value)):
                problems.add(parsed.document.location_of(key_path), key_path, message)
                all_known = False
    return all_known


def _recommendation_words(rec: Recommendation) -> str:
    """A recommendation's own text (its text, steps and closing, not its explanation), normalised
    as the fidelity check compares texts."""
    own = {"text", "steps", "closing"}
    return normalize("\n\n".join(text for key_path, text in text_values(rec) if key_path[0] in own))


def _check_schedules(files: list[ParsedFile], names: _Names, problems: Problems) -> None:
    """A checklist's schedule comes from a recommendation that the checklist cites, and its quote
    stands word for word in that recommendation: the page shows it as the guideline's words."""
    recommendations = {
        rec.id: rec
        for parsed in files
        if isinstance(parsed.model, Chapter)
        for section in parsed.model.sections
        for rec in section.recommendations
    }
    for parsed in files:
        checklist = parsed.model
        if not isinstance(checklist, Checklist) or checklist.schedule is None:
            continue
        schedule = checklist.schedule
        source_path: KeyPath = ("schedule", "source")
        if message := names.not_a_recommendation(schedule.source):
            problems.add(parsed.document.location_of(source_path), source_path, message)
            continue
        if not any(schedule.source in item.cites for item in checklist.all_items()):
            problems.add(
                parsed.document.location_of(source_path),
                source_path,
                f"aanbeveling '{schedule.source}' staat bij geen punt van deze checklist; "
                "noem bij schedule een aanbeveling die een punt noemt (cites)",
            )
        rec = recommendations.get(schedule.source)
        # As whole words, as the fidelity check looks for a short text: "vier keer" is not in "vierkeer".
        quote = rf"(?<!\w){re.escape(normalize(schedule.quote))}(?!\w)"
        if rec is not None and not re.search(quote, _recommendation_words(rec)):
            quote_path: KeyPath = ("schedule", "quote")
            problems.add(
                parsed.document.location_of(quote_path),
                quote_path,
                f"'{_clip(' '.join(schedule.quote.split()))}' staat niet letterlijk in aanbeveling '{schedule.source}'; "
                "neem de woorden over die de frequentie noemen",
            )


def _check_checklist_gaps(files: list[ParsedFile], names: _Names, problems: Problems) -> bool:
    """The list of recommendations that are in no checklist names each current recommendation
    once. Returns whether every entry names one (else the list may have meant any of them)."""
    all_known = True
    for parsed in files:
        if not isinstance(parsed.model, ChecklistGaps):
            continue
        seen: dict[str, KeyPath] = {}
        for index, gap in enumerate(parsed.model.recommendations):
            key_path: KeyPath = ("recommendations", index, "id")
            if message := names.not_a_recommendation(gap.id):
                problems.add(parsed.document.location_of(key_path), key_path, message)
                all_known = False
            elif gap.id in seen:
                first_line = parsed.document.location_of(seen[gap.id]).line
                message = f"aanbeveling '{gap.id}' komt al voor in dit bestand (regel {first_line})"
                problems.add(parsed.document.location_of(key_path), key_path, message)
            else:
                seen[gap.id] = key_path
    return all_known


def _check_checklist_decisions(files: list[ParsedFile], problems: Problems, gaps_file: Path | None) -> None:
    """A recommendation that no checklist cites is a decision, recorded with its reason beside the
    checklists, in the editors' own words (`checklist_gaps`): not in content/, which holds only
    guideline text. An undecided gap is reported, and so is a reason for a recommendation that a
    checklist does cite."""
    cited_by: dict[str, list[str]] = {}
    for parsed in files:
        if isinstance(parsed.model, Checklist):
            for item in parsed.model.all_items():
                for rec_id in item.cites:
                    if parsed.model.id not in cited_by.setdefault(rec_id, []):
                        cited_by[rec_id].append(parsed.model.id)
    reasons = {gap.id for parsed in files if isinstance(parsed.model, ChecklistGaps) for gap in parsed.model.recommendations}
    where = display_path(gaps_file) if gaps_file is not None else CHECKLIST_GAPS_FILE
    for parsed in files:
        if isinstance(parsed.model, Chapter):
            for s_index, section in enumerate(parsed.model.sections):
                for r_index, rec in enumerate(section.recommendations):
                    if rec.id not in cited_by and rec.id not in reasons:
                        key_path: KeyPath = ("sections", s_index, "recommendations", r_index, "id")
                        problems.add(
                            parsed.document.location_of(key_path),
                            key_path,
                            f"aanbeveling '{rec.id}' staat in geen enkele checklist; neem haar op in een checklist, "
                            f"of leg in {where} vast waarom niet",
                        )
        elif isinstance(parsed.model, ChecklistGaps):
            for index, gap in enumerate(parsed.model.recommendations):
                if gap.id in cited_by:
                    key_path = ("recommendations", index, "id")
                    quoted = [f"'{c}'" for c in cited_by[gap.id]]
                    checklists = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} en {quoted[-1]}"
                    which = "de checklist" if len(quoted) == 1 else "de checklists"
                    problems.add(
                        parsed.document.location_of(key_path),
                        key_path,
                        f"aanbeveling '{gap.id}' staat wel in {which} {checklists}; haal haar hier weg, of haal haar uit {which}",
                    )


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
        # A slug names a page, unless the site already has a page by that name: (page, whose it is).
        slug_page: tuple[str, str | None] | None = None
        if isinstance(model, Guideline):
            reserved = model.slug in RESERVED_NAMES
            slug_page = (
                guideline_page(model.slug),
                f"het adres van een onderdeel van de site zelf ({model.slug}/)" if reserved else None,
            )
        elif isinstance(model, Chapter) and parsed.document.path.parent in guidelines:
            guideline = guidelines[parsed.document.path.parent].model
            assert isinstance(guideline, Guideline)
            reserved = model.slug in RESERVED_CHAPTER_SLUGS
            slug_page = (
                chapter_page(guideline.slug, model.slug),
                f"de overzichtspagina van de richtlijn ({guideline.slug}/)" if reserved else None,
            )
        if slug_page is not None:
            assert isinstance(model, Guideline | Chapter)
            page, taken_by = slug_page
            if taken_by is not None:
                problems.add(
                    parsed.document.location_of(("slug",)), ("slug",), f"slug '{model.slug}' is {taken_by}; kies een andere"
                )
            else:
                claim(page, parsed, ("slug",), f"slug '{model.slug}'")
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


# The fields that hold guideline text (docs/redactie.md, "Text that must stand in the sources"); the others
# are names, settings and the editors' own words.
GUIDELINE_TEXT = {"title", "text", "closing", "paragraphs", "heading", "provenance", "references", "audience"}


def _check_fidelity(files: list[ParsedFile], sources_dir: Path, problems: Problems) -> tuple[SourceCoverage, ...]:
    """Every sentence of a guideline's text stands word for word in one of its sources; a short text
    (a title, a heading, a step) stands in them as a whole. Returns how much of each guideline's
    sources its text covers."""
    chapters_by_folder = _chapters_by_folder(files)
    coverage = []
    by_folder: dict[Path, tuple[dict[str, str], str]] = {}  # each guideline's source sentences and text
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
        known = source_sentence_texts(texts)
        whole = normalize("\n".join(texts))
        content: list[str] = []
        for part in [parsed, *chapters_by_folder.get(parsed.document.path.parent, {}).values()]:
            for key_path, value in part.texts:
                if next((k for k in reversed(key_path) if isinstance(k, str)), None) not in GUIDELINE_TEXT:
                    continue
                content += _check_text_in_sources(part, key_path, value, known, whole, problems)
        present = len(known) - len(missing_from(list(known), content))
        # Counted only for a sound guideline: `check` prints it when no sentence was refused.
        faithful = len(set(content))
        coverage.append(SourceCoverage(guideline.title, present, len(known), faithful))
        by_folder[parsed.document.path.parent] = (known, whole)
    _check_help_texts(files, chapters_by_folder, by_folder, problems)
    return tuple(coverage)


def _check_help_texts(
    files: list[ParsedFile],
    chapters_by_folder: dict[Path, dict[str, ParsedFile]],
    by_folder: dict[Path, tuple[dict[str, str], str]],
    problems: Problems,
) -> None:
    """A checklist item's `help` quotes the guideline: it stands in the sources of the
    recommendations the item cites (its `text` is the editors' own words, and is not compared)."""
    folder_of = {
        rec.id: folder
        for folder, chapters in chapters_by_folder.items()
        for chapter in chapters.values()
        if isinstance(chapter.model, Chapter)
        for section in chapter.model.sections
        for rec in section.recommendations
    }
    for parsed in files:
        if not isinstance(parsed.model, Checklist):
            continue
        checklist = parsed.model
        places: list[tuple[KeyPath, ChecklistItem]] = [(("items", i), item) for i, item in enumerate(checklist.items)]
        places += [
            (("groups", g, "items", i), item) for g, group in enumerate(checklist.groups) for i, item in enumerate(group.items)
        ]
        for key_path, item in places:
            folders = list(dict.fromkeys(folder_of[c] for c in item.cites if c in folder_of))
            if item.help is None or not folders or any(f not in by_folder for f in folders):
                continue  # no sources to compare with: reported elsewhere
            known = {k: v for f in folders for k, v in by_folder[f][0].items()}
            whole = "\n".join(by_folder[f][1] for f in folders)
            _check_text_in_sources(
                parsed, (*key_path, "help"), item.help, known, whole, problems, whose="van de aanbevelingen die dit punt noemt"
            )


def _check_text_in_sources(
    parsed: ParsedFile,
    key_path: KeyPath,
    value: str,
    known: dict[str, str],
    whole: str,
    problems: Problems,
    whose: str = "van deze richtlijn",
) -> list[str]:
    """Reports what of `value` is not in the sources; returns its sentences, for the coverage.
    Messages quote the text as written, and mark the first word that differs from the nearest
    source sentence."""
    found = sentence_pairs(value)
    if not found:  # shorter than a sentence: a title, a heading, a step, a reference
        short = normalize(value)
        # As whole words: "Interventie" does not stand in a source that says "Interventies".
        if short and not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", whole):
            problems.add(
                parsed.document.location_of(key_path),
                key_path,
                f"'{_clip(' '.join(value.split()))}' staat niet letterlijk in de bronnen {whose}",
            )
        return []
    for sentence, written in found:
        if sentence in whole:
            continue
        close = nearest(sentence, list(known))
        if close is None:
            word = sentence.split()[0]
            message = f"de zin '{_clip(written)}' staat niet letterlijk in de bronnen {whose}, en geen bronzin lijkt erop"
        else:
            word = first_difference(sentence, close)
            raw_word = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", written, re.IGNORECASE)
            message = (
                f"de zin '{_clip(written)}' staat niet letterlijk in de bronnen {whose}; "
                f"de bron zegt: '{_clip(known[close])}' (verschil vanaf '{raw_word.group(0) if raw_word else word}')"
            )
        raw = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", value, re.IGNORECASE)
        where = parsed.document.location_of_text(key_path, raw.group(0)) if raw else parsed.document.location_of(key_path)
        problems.add(where, key_path, message)
    return [sentence for sentence, _ in found]


def _clip(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "…"
