"""`richtlijnen check`: the exact Dutch message and exit code for every kind of bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.problems import ContentError
from tests.conftest import INVALID, MINIMAL, REPO, overlay_case

CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())

# The cases the content issue names; each must have its own fixture.
REQUIRED_CASES = {
    "yaml-syntax",
    "tab-indentation",
    "duplicate-key",
    "unknown-key",
    "wrong-type",
    "yaml11-boolean",
    "yaml11-float",
    "missing-field",
    "duplicate-id",
    "unknown-reference",
    "empty-file",
    "not-utf8",
    "list-instead-of-mapping",
    "raw-html",
}


def test_every_required_case_has_a_fixture() -> None:
    assert {case.name for case in CASES} >= REQUIRED_CASES


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input_gives_exact_message_and_exit_1(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(overlay_case(case, tmp_path / "tree"))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (case / "expected.txt").read_text(encoding="utf-8")


def test_minimal_tree_passes(minimal_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(minimal_tree)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Inhoud in orde: 1 richtlijn, 1 bouwsteen, 2 aanbevelingen, 1 begrip, 1 checklist.\n"
        "1 van 2 aanbevelingen staan in een checklist; bewust niet (reden in checklists/_niet-in-checklist.yaml): proef-2.\n"
        "Bronnen van Proefrichtlijn: 50,0% van de bronzinnen staat in de tekst (2 van 4); "
        "alle 2 zinnen van de tekst staan er letterlijk in.\n"
    )


def test_bundled_content_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.stderr
    # Derived from the tree, so that a fifth guideline keeps this test green.
    guidelines = len(list((REPO / "content").glob("*/richtlijn.yaml")))
    checklists = len(list((REPO / "checklists").glob("[!_]*.yaml")))  # not _niet-in-checklist.yaml
    assert result.stdout.startswith(f"Inhoud in orde: {guidelines} richtlijnen, ")
    assert f", {checklists} checklists.\n" in result.stdout
    assert result.stdout.count("Bronnen van ") == guidelines


def test_a_folder_name_where_an_id_belongs_gets_the_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "tree"
    for folder in ("content", "checklists", "sources"):
        shutil.copytree(REPO / folder, tree / folder)
    guideline = tree / "content" / "uithuisplaatsing-en-terugplaatsing" / "richtlijn.yaml"
    text = guideline.read_text("utf-8")
    assert "\nrelated:\n  - samen-beslissen\n" in text
    guideline.write_text(text.replace("\n  - samen-beslissen\n", "\n  - samen-beslissen-over-hulp\n", 1), "utf-8")
    line = guideline.read_text("utf-8").splitlines().index("  - samen-beslissen-over-hulp") + 1
    monkeypatch.chdir(tree)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"content/uithuisplaatsing-en-terugplaatsing/richtlijn.yaml:{line}:5: related[0]: "
        "'samen-beslissen-over-hulp' is de mapnaam van een richtlijn; schrijf de id: 'samen-beslissen'\n"
        "1 probleem gevonden.\n"
    )


def test_content_and_checklists_options_point_at_other_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    args = ["check", "--content", str(MINIMAL / "content"), "--checklists", str(MINIMAL / "checklists")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert "1 richtlijn," in result.stdout
    assert "bewust niet (reden in tests/fixtures/minimal/checklists/_niet-in-checklist.yaml): proef-2." in result.stdout


def test_without_gaps_no_list_of_them_is_needed(minimal_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (minimal_tree / "checklists" / "_niet-in-checklist.yaml").unlink()
    checklist = minimal_tree / "checklists" / "proef-checklist.yaml"
    checklist.write_text(checklist.read_text("utf-8").replace("cites: [proef-1]", "cites: [proef-1, proef-2]"), "utf-8")
    monkeypatch.chdir(minimal_tree)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.stderr
    assert "Alle 2 aanbevelingen staan in een checklist.\n" in result.stdout


def test_a_gap_under_a_former_id_gets_the_current_id(minimal_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chapter = minimal_tree / "content" / "proef" / "01-hoofdstuk.yaml"
    chapter.write_text(
        chapter.read_text("utf-8").replace("      - id: proef-2\n", "      - id: proef-vraag\n        former_ids: [proef-2]\n"),
        "utf-8",
    )
    monkeypatch.chdir(minimal_tree)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr == (
        "checklists/_niet-in-checklist.yaml:3:9: recommendations[0].id: "
        "'proef-2' is een eerdere id van een aanbeveling; schrijf de id: 'proef-vraag'\n"
        "1 probleem gevonden.\n"
    )


def test_missing_folders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--content", "geen-inhoud", "--checklists", "geen-checklists"])
    assert result.exit_code == 1
    assert result.stderr == (
        "geen-checklists:1:1: map met checklists bestaat niet\n"
        "geen-inhoud:1:1: map met inhoud bestaat niet\n"
        "2 problemen gevonden.\n"
    )


def test_debug_shows_the_underlying_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(overlay_case(INVALID / "unknown-key", tmp_path / "tree"))
    result = CliRunner().invoke(main, ["--debug", "check"])
    assert isinstance(result.exception, ContentError)
    assert len(result.exception.problems) == 2


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    tree = overlay_case(INVALID / "yaml-syntax", tmp_path / "tree")
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=tree, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert completed.stderr.startswith("content/proef/01-hoofdstuk.yaml:3:17: ongeldige YAML:")


def test_unreadable_file_is_a_problem_not_a_traceback(minimal_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (minimal_tree / "content" / "proef" / "02-kapot.yaml").symlink_to(minimal_tree / "bestaat-niet.yaml")
    monkeypatch.chdir(minimal_tree)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr == (
        "content/proef/02-kapot.yaml:1:1: bestand kan niet worden gelezen (bestaat niet)\n1 probleem gevonden.\n"
    )


def test_internal_error_is_short_dutch_message_and_exit_2(minimal_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.chdir(minimal_tree)
    monkeypatch.setattr("generator.commands.check.read_corpus", broken)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.stderr == ("Interne fout: RuntimeError: kapot\nDraai opnieuw met 'richtlijnen --debug …' voor de details.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bouw"], "onbekende opdracht 'bouw'; kies uit: build, check, init, pdf, release, schema, serve\nZie 'richtlijnen -h'"),
        (["build", "--sit", "x"], "onbekende optie '--sit' (bedoel je --site-dir?)\nZie 'richtlijnen build -h'"),
        (["release"], "argument VERSION ontbreekt\nZie 'richtlijnen release -h'"),
        (["check", "extra"], "onverwacht argument: extra\nZie 'richtlijnen check -h'"),
    ],
)
def test_a_mistyped_command_line_is_answered_in_dutch(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="richtlijnen")
    assert result.exit_code == 2
    assert result.stderr == f"{message} voor de mogelijkheden.\n"


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["pdf"], ["release"], ["schema"], ["serve"]])
def test_help_is_dutch_around_the_texts_too(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "-h"], prog_name="richtlijnen")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Gebruik: richtlijnen {' '.join(command)}".rstrip() + " [OPTIES]")
    for english in ("Usage:", "Options:", "Commands:", "[default:", "[required]", " DIRECTORY", " TEXT", " FILE"):
        assert english not in result.stdout


def test_a_file_where_a_folder_belongs_is_said_in_dutch() -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(REPO / "mkdocs.yml")], prog_name="richtlijnen")
    assert result.exit_code == 2
    assert result.stderr == (
        f"ongeldige waarde voor --content: '{REPO / 'mkdocs.yml'}' is een bestand, geen map\n"
        "Zie 'richtlijnen check -h' voor de mogelijkheden.\n"
    )
