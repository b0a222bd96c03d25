"""Comparing two releases: the facts a "Wat is er veranderd" page is made of."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.model.corpus import Corpus
from generator.problems import ContentError
from generator.release.changes import DiffPart, compare, word_diff
from generator.release.history import version_key
from generator.stages import read_corpus
from tests.conftest import MINIMAL
from tests.releases import SECOND_CHAPTER


def corpus_from(
    tmp_path: Path, name: str, edits: dict[str, list[tuple[str, str]]], extra: dict[str, str] | None = None
) -> Corpus:
    tree = Path(shutil.copytree(MINIMAL, tmp_path / name))
    for relative, replacements in edits.items():
        path = tree / relative
        text = path.read_text("utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text, "utf-8")
    for relative, text in (extra or {}).items():
        (tree / relative).write_text(text, "utf-8")
    return read_corpus(tree / "content", tree / "checklists")


CHAPTER = "content/proef/01-hoofdstuk.yaml"
GAPS = "checklists/_niet-in-checklist.yaml"
GAP_3 = "  - id: proef-3\n    reason: Een proef.\n"


def test_word_diff_marks_removed_and_inserted_words() -> None:
    assert word_diff("Evalueer de hulp twee keer per jaar.", "Evalueer de hulp vier keer per jaar.") == (
        DiffPart("gelijk", "Evalueer de hulp"),
        DiffPart("weg", "twee"),
        DiffPart("nieuw", "vier"),
        DiffPart("gelijk", "keer per jaar."),
    )


def test_identical_corpora_have_no_changes(tmp_path: Path) -> None:
    old = corpus_from(tmp_path, "a", {})
    assert compare(old, corpus_from(tmp_path, "b", {})).empty


def test_added_changed_removed_and_moved(tmp_path: Path) -> None:
    old = corpus_from(tmp_path, "old", {})
    new = corpus_from(
        tmp_path,
        "new",
        {
            CHAPTER: [
                # proef-1 moves to the second chapter; proef-2 changes; proef-3 is new.
                (
                    "      - id: proef-1\n        text: >-\n          Zet in op versterking van informele steun.\n"
                    "          Dit kan door het sociale netwerk van het gezin in kaart te brengen en in te zetten.\n",
                    "",
                ),
                (
                    "text: Verhelder de vraag.",
                    "text: Verhelder samen de vraag.\n      - id: proef-3\n        text: Stel doelen op.",
                ),
            ],
            GAPS: [("    reason: Een proef van een bewuste keuze.\n", "    reason: Een proef van een bewuste keuze.\n" + GAP_3)],
            "content/proef/richtlijn.yaml": [("  - proef-hoofdstuk\n", "  - proef-hoofdstuk\n  - proef-tweede\n")],
            "checklists/proef-checklist.yaml": [("text: Sociaal netwerk in kaart gebracht", "text: Sociaal netwerk in kaart")],
        },
        extra={"content/proef/02-tweede.yaml": SECOND_CHAPTER},
    )
    changes = compare(old, new)
    [guideline] = changes.guidelines
    summary = [(c.kind, c.id, c.chapter, c.previous_chapter) for c in guideline.recommendations]
    assert summary == [
        ("gewijzigd", "proef-2", "1. Voorkomen van uithuisplaatsing", None),
        ("toegevoegd", "proef-3", "1. Voorkomen van uithuisplaatsing", None),
        ("verplaatst", "proef-1", "Interventies", "1. Voorkomen van uithuisplaatsing"),
    ]
    changed = guideline.recommendations[0]
    assert changed.diff == (DiffPart("gelijk", "Verhelder"), DiffPart("nieuw", "samen"), DiffPart("gelijk", "de vraag."))
    [checklist] = changes.checklists
    assert [(i.kind, i.id, i.text) for i in checklist.items] == [("gewijzigd", "netwerk-in-kaart", "Sociaal netwerk in kaart")]
    assert (changes.count("toegevoegd"), changes.count("gewijzigd"), changes.count("verwijderd")) == (1, 2, 0)


def test_an_earlier_release_that_gave_the_reasons_in_content_is_still_read(tmp_path: Path) -> None:
    """Until December 2026 the reason why a recommendation is in no checklist stood on the
    recommendation itself; the model has no such key now, but a release made then is read back
    without it (generator/stages.py), and its text compares as before."""
    tree = Path(shutil.copytree(MINIMAL, tmp_path / "old"))
    chapter = tree / CHAPTER
    text = chapter.read_text("utf-8")
    chapter.write_text(
        text.replace("      - id: proef-2\n", "      - id: proef-2\n        not_in_checklist: Een proef.\n"), "utf-8"
    )
    (tree / GAPS).unlink()
    with pytest.raises(ContentError, match="onbekende sleutel 'not_in_checklist'"):
        read_corpus(tree / "content", tree / "checklists")
    old = read_corpus(tree / "content", tree / "checklists", earlier_release=True)
    assert compare(old, corpus_from(tmp_path, "new", {})).empty


def test_removed_and_renamed(tmp_path: Path) -> None:
    old = corpus_from(tmp_path, "old", {})
    new = corpus_from(
        tmp_path,
        "new",
        {
            CHAPTER: [
                ("      - id: proef-2\n        last_reviewed: 2027-01-10\n        text: Verhelder de vraag.\n", ""),
                ("      - id: proef-1\n", "      - id: proef-netwerk\n        former_ids: [proef-1]\n"),
            ],
            # With proef-2 gone, every recommendation is in a checklist.
            GAPS: [
                ("  - id: proef-2\n    reason: Een proef van een bewuste keuze.\n", ""),
                ("recommendations:\n", "recommendations: []\n"),
            ],
            "checklists/proef-checklist.yaml": [("cites: [proef-1]", "cites: [proef-netwerk]")],
        },
    )
    [guideline] = compare(old, new).guidelines
    assert [(c.kind, c.id, c.previous_id) for c in guideline.recommendations] == [
        ("verplaatst", "proef-netwerk", "proef-1"),
        ("verwijderd", "proef-2", None),
    ]


def test_versions_sort_naturally() -> None:
    assert sorted(["2026.10", "2026.9", "2026.1", "2027.1", "2026.1.1"], key=version_key) == [
        "2026.1",
        "2026.1.1",
        "2026.9",
        "2026.10",
        "2027.1",
    ]


def test_a_pre_release_sorts_before_its_version_and_after_every_lower_one() -> None:
    shuffled = ["2026.10.1", "2026.10", "2026.10-rc2", "2026.9", "2026.10-rc1", "2026.10-beta", "2026.10-dev", "2026.10-a1"]
    assert sorted(shuffled, key=version_key) == [
        "2026.9",
        "2026.10-dev",
        "2026.10-a1",
        "2026.10-beta",
        "2026.10-rc1",
        "2026.10-rc2",
        "2026.10",
        "2026.10.1",
    ]


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("2026.10-rc1", "2026.10"),
        ("2026.10-RC1", "2026.10"),
        ("2026.10-rc.2", "2026.10"),
        ("2026.10.rc1", "2026.10"),
        ("2026.10rc1", "2026.10"),
        ("2026.10-Beta", "2026.10"),
        ("2026.10-b1", "2026.10"),
        ("2026.10-alpha", "2026.10"),
        ("2026.10-a1", "2026.10"),
        ("2026.10-pre", "2026.10"),
        ("2026.10-dev", "2026.10"),
        ("2026.9", "2026.10-rc1"),
        ("2026.9.5", "2026.10-dev"),
        ("2026.10-rc1", "2026.10-rc2"),
        ("2026.10-rc.2", "2026.10-rc.10"),
        ("2026.10-rc9", "2026.10-rc10"),
        ("2026.10-alpha", "2026.10-beta"),
        ("2026.10-b2", "2026.10-rc1"),
        ("2026.10-dev", "2026.10-a1"),
        ("2026.10-pre", "2026.10-rc1"),
        ("2026.10", "2026.10.1-rc1"),
        ("2026.10.1-rc1", "2026.10.1"),
        # Not pre-releases: a lone letter without a separator or a number, and other words.
        ("2026.10", "2026.10a"),
        ("2026.10", "2026.10-hotfix"),
        ("2026.10", "2026.10-bugfix"),
        # mike's own names such as "dev" stay above every numbered version, as mike sorts them.
        ("2027.1", "dev"),
        ("2026.1", "2026.1.1"),
        ("2026.9", "2026.10"),
    ],
)
def test_version_order_pairs(lower: str, higher: str) -> None:
    assert version_key(lower) < version_key(higher)
    assert version_key(higher) > version_key(lower)


def test_release_pages_change_page_feed_and_retired_ids(tmp_path: Path) -> None:
    import datetime as dt
    import xml.etree.ElementTree as ET

    from generator.release.history import Release
    from generator.release.render import ReleaseHistory, render_release_docs

    first = corpus_from(tmp_path, "v1", {})
    second = corpus_from(
        tmp_path,
        "v2",
        {
            CHAPTER: [
                (
                    "      - id: proef-2\n",
                    "      - id: proef-3\n",
                ),
                (
                    "        text: Verhelder de vraag.\n",
                    "        text: Stel doelen op.\n",
                ),
            ],
            GAPS: [("  - id: proef-2\n", "  - id: proef-3\n")],
        },
    )
    history = ReleaseHistory("2", "2026-11-22", second, [(Release("1", "v1", dt.date(2026, 10, 1)), first)])
    tree = render_release_docs(history, "https://example.org/richtlijnen/", "Richtlijnen")
    page = str(tree["wat-is-er-veranderd.md"])
    assert "# Wat is er veranderd in versie 2" in page
    assert "Vergeleken met versie 1 van 1 oktober 2026." in page
    assert "### Toegevoegd (1)" in page
    assert "[Stel doelen op. (proef-3)](proefrichtlijn/hoofdstuk.md#proef-3)" in page
    # Beside a recommendation still in this version, its own data file and card; a removed one has neither.
    assert (
        "(proef-3)](proefrichtlijn/hoofdstuk.md#proef-3) — in 1. Voorkomen van uithuisplaatsing"
        " · [gegevens (JSON)](api/aanbevelingen/proef-3.json) · [insluitkaart van proef-3](embed/proef-3/index.html)\n"
    ) in page
    assert '<a href="../../1/r/proef-2/">Verhelder de vraag. (proef-2)</a> — stond in 1. Voorkomen van uithuisplaatsing\n' in page
    feed = ET.fromstring(str(tree["feed.xml"]))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == ["Versie 2", "Versie 1"]
    assert feed.find("a:entry/a:link", ns).get("href") == "https://example.org/richtlijnen/2/wat-is-er-veranderd/"  # type: ignore[union-attr]
    retired = str(tree["r/proef-2/index.html"])
    assert "proef-2 is vervallen in versie 2" in retired
    assert 'href="../../../1/r/proef-2/"' in retired


def test_the_change_page_lists_each_recommendation_and_checklist_once(tmp_path: Path) -> None:
    import datetime as dt

    from generator.release.history import Release
    from generator.release.render import ReleaseHistory, render_release_docs

    first = corpus_from(tmp_path, "v1", {})
    # proef-1 moves to a second chapter and loses its second sentence; a checklist item is reworded.
    second = corpus_from(
        tmp_path,
        "v2",
        {
            CHAPTER: [
                (
                    "      - id: proef-1\n        text: >-\n          Zet in op versterking van informele steun.\n"
                    "          Dit kan door het sociale netwerk van het gezin in kaart te brengen en in te zetten.\n",
                    "",
                )
            ],
            "content/proef/richtlijn.yaml": [("  - proef-hoofdstuk\n", "  - proef-hoofdstuk\n  - proef-tweede\n")],
            "checklists/proef-checklist.yaml": [("text: Sociaal netwerk in kaart gebracht", "text: Sociaal netwerk in kaart")],
        },
        {
            "content/proef/02-tweede.yaml": SECOND_CHAPTER.replace(
                "          Dit kan door het sociale netwerk van het gezin in kaart te brengen en in te zetten.\n", ""
            )
        },
    )
    history = ReleaseHistory("2", "2026-12-01", second, [(Release("1", "v1", dt.date(2026, 11, 3)), first)])
    page = str(render_release_docs(history, "https://example.org/richtlijnen/", "Richtlijnen")["wat-is-er-veranderd.md"])
    assert "Vergeleken met versie 1 van 3 november 2026." in page
    links = re.findall(r"^- (.*)$", page, flags=re.MULTILINE)
    assert links == [
        "[Zet in op versterking van informele steun. (proef-1)](proefrichtlijn/tweede.md#proef-1)"
        " — van 1. Voorkomen van uithuisplaatsing naar Interventies · [gegevens (JSON)](api/aanbevelingen/proef-1.json)"
        " · [insluitkaart van proef-1](embed/proef-1/index.html)",
        "Gewijzigd (netwerk-in-kaart)",
    ]
    assert "### Verplaatst" not in page  # moved and reworded: listed once, as reworded
    assert "### [Proefchecklist](checklists/proef-checklist.md)" in page
