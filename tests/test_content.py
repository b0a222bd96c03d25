"""The bundled content against its sources in sources/: nothing invented, nothing left out."""

from __future__ import annotations

import re

import pytest

from generator.model.corpus import Corpus
from generator.model.types import text_values
from generator.stages import read_corpus
from generator.validate.fidelity import measure, source_sentences
from tests.conftest import REPO

SEEDS = REPO / "sources"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return read_corpus(REPO / "content", REPO / "checklists")


@pytest.fixture(scope="module")
def seed_lines() -> set[str]:
    assert SEEDS.is_dir(), f"sources not found at {SEEDS}"
    lines = {
        line.replace("\xa0", " ").strip().lstrip("•").strip()
        for seed in SEEDS.glob("*.txt")
        for line in seed.read_text("utf-8").splitlines()
    }
    return lines | {re.sub(r"^\d+\. ", "", line) for line in lines}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return " ".join(" ".join(seed.read_text("utf-8").split()) for seed in sorted(SEEDS.glob("*.txt")))


def test_fidelity_is_100_and_coverage_at_least_95(corpus: Corpus) -> None:
    sources = source_sentences(path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt")))
    models = [corpus.glossary, *(m for entry in corpus.guidelines for m in (entry.guideline, *entry.chapters))]
    result = measure((text for model in models for _, text in text_values(model)), sources)
    assert result.invented == []
    assert result.fidelity == 100.0
    assert result.coverage(sources) >= 95.0, result.missing


def test_titles_and_headings_stand_in_a_seed(corpus: Corpus, seed_lines: set[str]) -> None:
    # The fidelity tool skips strings under five words; titles and headings are checked here.
    headings = []
    for entry in corpus.guidelines:
        headings.append(entry.guideline.title)
        for chapter in entry.chapters:
            headings.append(chapter.title)
            for section in chapter.sections:
                headings.extend(h for h in [section.title] if h)
                for rec in section.recommendations:
                    headings.extend(h for h in [rec.title] if h)
                    headings.extend(block.heading for block in rec.explanation if block.heading)
    missing = [h for h in headings if h not in seed_lines]
    assert missing == []


def test_chapter_numbers_are_those_of_the_seeds(corpus: Corpus, seed_lines: set[str]) -> None:
    for entry in corpus.guidelines:
        for chapter in entry.chapters:
            if chapter.number is not None:
                assert f"{chapter.number}. {chapter.title}" in seed_lines


def test_short_texts_stand_in_a_seed(corpus: Corpus, seed_text: str) -> None:
    # Steps and references can be shorter than the fidelity tool's five words.
    short = []
    for target in corpus.recommendations():
        assert target.recommendation is not None
        rec = target.recommendation
        stack = list(rec.steps)
        while stack:
            step = stack.pop()
            short.append(step.text)
            stack.extend(step.steps)
        short.extend(rec.references)
    plain = [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s) for s in short]
    assert [s for s in plain if " ".join(s.split()) not in seed_text] == []


def test_glossary_gives_only_expansions_the_sources_give(corpus: Corpus, seed_text: str) -> None:
    for term in corpus.glossary.terms:
        assert term.term in seed_text, term.term
        if term.expansion:
            assert f"{term.expansion} ({term.term})" in seed_text, term.expansion


def test_headings_without_text_are_marked_not_available(corpus: Corpus) -> None:
    unavailable = {
        section.title
        for entry in corpus.guidelines
        for chapter in entry.chapters
        for section in chapter.sections
        if not section.text_available
    }
    assert unavailable == {
        "Evalueren",
        "Begeleiding en interventies na vertrek uit de instelling",
        "Samenwerking tussen hulpverleners",
        "Activeren",
    }


def test_guidelines_and_recommendation_counts(corpus: Corpus) -> None:
    counts = {
        entry.guideline.title: sum(len(s.recommendations) for c in entry.chapters for s in c.sections)
        for entry in corpus.guidelines
    }
    assert counts == {
        "Uithuisplaatsing en terugplaatsing": 14,
        "Samen beslissen over hulp": 5,
        "Residentiële jeugdhulp": 13,
        "Gezinnen met meervoudige en complexe problemen": 0,
    }


def test_checklist_help_texts_are_verbatim_guideline_text(corpus: Corpus, seed_text: str) -> None:
    # Items are our own short action phrases; help text, where given, quotes the guideline.
    helps = [item.help for checklist in corpus.checklists for item in checklist.all_items() if item.help]
    assert helps
    assert [h for h in helps if " ".join(h.split()) not in seed_text] == []


def test_every_required_checklist_is_there(corpus: Corpus) -> None:
    titles = {checklist.title for checklist in corpus.checklists}
    assert {
        "Overdracht na crisishulp — compleetheid",
        "Inventarisatie hulp na vertrek",
        "Samen beslissen: het beslisproces",
        "Voorkomen van uithuisplaatsing: evalueren",
    } <= titles


def test_only_the_documented_recommendations_are_outside_checklists(corpus: Corpus) -> None:
    # The README explains why these four are left out on purpose; a new gap must be decided on too.
    assert corpus.uncovered_recommendations() == ["uhp-voorkomen-1", "uhp-voorkomen-4", "uhp-voorkomen-8", "uhp-interventies-2"]
