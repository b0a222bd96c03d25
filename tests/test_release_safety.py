"""`richtlijnen release` refuses what it cannot publish cleanly, and a failed release leaves nothing behind.

These tests are about tags, branches and versions.json, not about the site: `build` is replaced by
a stand-in that reads the content and writes a few small files, so a release takes a fraction of a
second. The real build
is exercised by tests/test_release_published.py and tests/test_release.py.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from mike import commands as mike_commands
from mike import git_utils

from generator.cli import main
from generator.commands import release as release_command
from generator.model.corpus import Corpus
from generator.render.settings import SiteSettings
from generator.stages import SiteExtras, read_corpus
from tests.conftest import editors_repository

CHAPTER = Path("content/proef/01-hoofdstuk.yaml")
FIRST_TEXT = "text: Verhelder de vraag."


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def tip(repo: Path, branch: str) -> str | None:
    completed = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=repo, capture_output=True, text=True, check=False
    )
    return completed.stdout.strip() or None


def tags(repo: Path) -> list[str]:
    return git(repo, "tag", "--list").split()


def versions(repo: Path, branch: str = "gh-pages") -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(git(repo, "show", f"{branch}:versions.json"))
    return data


def on_branch(repo: Path, path: str, text: str | None, branch: str = "gh-pages") -> None:
    """Change one file on the published branch, as a person (or another tool) might."""
    with git_utils.Commit(branch, "Edited by hand") as commit:
        if text is None:
            commit.delete_files([path])
        else:
            commit.add_file(git_utils.FileInfo(path, text))


def commit_edit(repo: Path, old: str, new: str, path: Path = CHAPTER) -> None:
    text = (repo / path).read_text("utf-8")
    assert old in text, old
    (repo / path).write_text(text.replace(old, new, 1), "utf-8")
    git(repo, "commit", "-qam", f"Edit {path.name}")


def fake_build(
    content_dir: Path,
    checklists_dir: Path,
    settings: SiteSettings,
    site_dir: Path,
    *,
    extras: Callable[[Corpus], SiteExtras] | None = None,
    **_: object,
) -> None:
    """A stand-in for the real build: the content read as it reads it, the release's own pages,
    and the text it was built from."""
    corpus = read_corpus(content_dir, checklists_dir)
    added = extras(corpus) if extras is not None else SiteExtras()
    site_dir.mkdir(parents=True)
    (site_dir / "index.html").write_text(f"<p>{settings.release}</p>\n", "utf-8")
    (site_dir / "teksten.txt").write_text(
        "\n".join(t.recommendation.text for t in corpus.recommendations() if t.recommendation), "utf-8"
    )
    for name, body in added.docs.items():
        if name in {"feed.xml", "wat-is-er-veranderd.md"}:
            (site_dir / name).write_text(str(body), "utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = editors_repository(tmp_path / "redactie")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Eerste versie")
    monkeypatch.chdir(repo)  # mike works on the repository in the working directory
    monkeypatch.setattr(release_command, "build", fake_build)
    return repo


def release(*args: str) -> Result:
    return CliRunner().invoke(main, ["release", *args])


def released(*args: str) -> str:
    result = release(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- A failed release leaves no tag and no commit, and can be run again ------------------------


def test_failed_release_leaves_no_tag_or_commit_and_can_be_retried(repo: Path) -> None:
    released("2026.1")
    pages = tip(repo, "gh-pages")
    commit_edit(repo, "  - proef-hoofdstuk\n", "  - proef-hoofdstuk\n  - bestaat-niet\n", Path("content/proef/richtlijn.yaml"))
    result = release("2026.2")
    assert result.exit_code == 1
    # The problem points at the editors' file, not at the export it was read from.
    assert result.stderr.startswith("content/proef/richtlijn.yaml:")
    assert result.stderr.endswith("1 probleem gevonden.\n")
    assert (tags(repo), tip(repo, "gh-pages")) == (["v2026.1"], pages)

    commit_edit(repo, "  - proef-hoofdstuk\n  - bestaat-niet\n", "  - proef-hoofdstuk\n", Path("content/proef/richtlijn.yaml"))
    assert released("2026.2").endswith("Versie 2026.2 gepubliceerd in branch gh-pages (vergeleken met 2026.1); tag v2026.2.\n")
    assert git(repo, "rev-parse", "v2026.2^{commit}") == git(repo, "rev-parse", "HEAD")


def test_failure_while_committing_puts_the_branch_back(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    released("2026.1")
    pages = tip(repo, "gh-pages")

    def broken(*_: object, **__: object) -> None:
        raise git_utils.GitError("schijf vol")

    monkeypatch.setattr(mike_commands, "set_default", broken)
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    result = release("2026.2")
    assert (result.exit_code, result.stderr) == (
        1,
        "Bouwen mislukt: versie 2026.2 kon niet in branch gh-pages worden gezet (schijf vol); "
        "de branch is teruggezet en er is geen tag gemaakt\n",
    )
    assert (tags(repo), tip(repo, "gh-pages")) == (["v2026.1"], pages)
    # A branch the failed release would have made is not left behind either.
    assert release("2026.2", "--branch", "site").exit_code == 1
    assert (tags(repo), tip(repo, "site")) == (["v2026.1"], None)


# --- Publish what the tag holds, and nothing else --------------------------------------------------


def untracked_source(repo: Path) -> str:
    """A source text in the working tree that git has not seen: check would read it, the tag has not."""
    (repo / "sources" / "nieuwe-bron.txt").write_text("Een pagina van de uitgever.\n", "utf-8")
    return "sources/nieuwe-bron.txt (nieuw)"


def changed_config(repo: Path) -> str:
    (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text("utf-8") + "site_name: Niet vastgelegd\n", "utf-8")
    return "mkdocs.yml (gewijzigd)"


def ignored_checklist(repo: Path) -> str:
    text = (repo / "checklists" / "proef-checklist.yaml").read_text("utf-8")
    text = text.replace("id: proef-checklist", "id: lokaal").replace("id: netwerk-in-kaart", "id: lokaal-netwerk")
    (repo / "checklists" / "lokaal.yaml").write_text(text, "utf-8")
    with (repo / ".git" / "info" / "exclude").open("a", encoding="utf-8") as exclude:
        exclude.write("checklists/lokaal.yaml\n")
    return "checklists/lokaal.yaml (genegeerd door git)"


def deleted_checklist(repo: Path) -> str:
    (repo / "checklists" / "proef-checklist.yaml").unlink()
    return "checklists/proef-checklist.yaml (verwijderd)"


@pytest.mark.parametrize("change", [changed_config, ignored_checklist, untracked_source, deleted_checklist])
def test_release_refuses_a_working_tree_that_differs_from_head(repo: Path, change: Any) -> None:
    listed = change(repo)
    head = tip(repo, "main")
    result = release("2026.1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Bouwen mislukt: de werkmap wijkt af van de laatste commit in bestanden waaruit de site wordt gebouwd; "
        f"commit ze of haal ze weg, zodat de site is wat tag v2026.1 bevat:\n  {listed}\n",
    )
    assert (tags(repo), tip(repo, "gh-pages"), tip(repo, "main")) == ([], None, head)


def test_site_is_built_from_head_even_when_git_status_hides_a_change(repo: Path) -> None:
    # skip-worktree hides a changed file from git status; the release must still publish HEAD's text.
    (repo / CHAPTER).write_text((repo / CHAPTER).read_text("utf-8").replace(FIRST_TEXT, "text: Verborgen wijziging."), "utf-8")
    git(repo, "update-index", "--skip-worktree", str(CHAPTER))
    assert git(repo, "status", "--porcelain") == ""
    released("2026.1")
    published = git(repo, "show", "gh-pages:2026.1/teksten.txt")
    assert "Verhelder de vraag." in published
    assert "Verborgen" not in published


# --- Versions: order, aliases and versions.json ---------------------------------------------------


def test_lower_version_is_refused_unless_allowed_and_then_keeps_latest_on_the_newest(repo: Path) -> None:
    released("2026.1")
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    released("2026.2", "--title", "Voorjaar 2026 (concept)")
    pages = tip(repo, "gh-pages")
    result = release("2026.1.1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Bouwen mislukt: versie 2026.1.1 is lager dan de nieuwste gepubliceerde versie (2026.2); "
        "geef --allow-older mee om toch een oudere versie te publiceren\n",
    )
    assert (tags(repo), tip(repo, "gh-pages")) == (["v2026.1", "v2026.2"], pages)

    out = released("2026.1.1", "--allow-older")
    assert out.endswith(
        "Let op: versie 2026.1.1 is ouder dan 2026.2; alias latest blijft bij versie 2026.2; de hoofdpagina verandert niet.\n"
        "Versie 2026.1.1 gepubliceerd in branch gh-pages (vergeleken met 2026.1); tag v2026.1.1.\n"
    )
    assert versions(repo) == [
        {"version": "2026.2", "title": "Voorjaar 2026 (concept)", "aliases": ["latest"]},
        {"version": "2026.1.1", "title": "2026.1.1", "aliases": []},
        {"version": "2026.1", "title": "2026.1", "aliases": []},
    ]
    assert git(repo, "cat-file", "blob", "gh-pages:latest") == "2026.2"
    assert git(repo, "show", f"{pages}:index.html") == git(repo, "show", "gh-pages:index.html")


def test_a_pre_release_of_a_published_version_is_lower_and_refused_unless_allowed(repo: Path) -> None:
    released("2026.10")
    pages = tip(repo, "gh-pages")
    result = release("2026.10-rc1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Bouwen mislukt: versie 2026.10-rc1 is lager dan de nieuwste gepubliceerde versie (2026.10); "
        "geef --allow-older mee om toch een oudere versie te publiceren\n",
    )
    assert (tags(repo), tip(repo, "gh-pages")) == (["v2026.10"], pages)

    out = released("2026.10-rc1", "--allow-older")
    assert out.endswith(
        "Let op: versie 2026.10-rc1 is ouder dan 2026.10; alias latest blijft bij versie 2026.10; "
        "de hoofdpagina verandert niet.\n"
        "Versie 2026.10-rc1 gepubliceerd in branch gh-pages (eerste versie); tag v2026.10-rc1.\n"
    )
    assert git(repo, "cat-file", "blob", "gh-pages:latest") == "2026.10"
    assert git(repo, "show", f"{pages}:index.html") == git(repo, "show", "gh-pages:index.html")


def test_a_pre_release_comes_after_every_lower_version(repo: Path) -> None:
    released("2026.9")
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    assert released("2026.10-rc1").endswith(
        "Versie 2026.10-rc1 gepubliceerd in branch gh-pages (vergeleken met 2026.9); tag v2026.10-rc1.\n"
    )
    assert git(repo, "cat-file", "blob", "gh-pages:latest") == "2026.10-rc1"
    commit_edit(repo, "text: Verhelder samen de vraag.", "text: Verhelder eerst de vraag.")
    assert released("2026.10").endswith(
        "Versie 2026.10 gepubliceerd in branch gh-pages (vergeleken met 2026.10-rc1); tag v2026.10.\n"
    )
    assert git(repo, "cat-file", "blob", "gh-pages:latest") == "2026.10"


@pytest.mark.parametrize(
    ("damage", "note"),
    [
        (None, "versions.json ontbrak in branch gh-pages"),
        ("{", "versions.json in branch gh-pages was beschadigd (geen geldige JSON)"),
        ('{"version": "2026.2"}\n', "versions.json in branch gh-pages was beschadigd (niet de vorm die mike verwacht)"),
        (
            '[{"version": "2026.2", "title": "2026.2"}]\n',
            "versions.json in branch gh-pages was beschadigd (niet de vorm die mike verwacht)",
        ),
    ],
)
def test_missing_or_damaged_versions_json_is_rebuilt_from_the_version_folders(repo: Path, damage: str | None, note: str) -> None:
    released("2026.1")
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    released("2026.2")
    on_branch(repo, "versions.json", damage)
    commit_edit(repo, "text: Verhelder samen de vraag.", "text: Verhelder eerst de vraag.")
    out = released("2026.3")
    assert versions(repo) == [
        {"version": "2026.3", "title": "2026.3", "aliases": ["latest"]},
        {"version": "2026.2", "title": "2026.2", "aliases": []},
        {"version": "2026.1", "title": "2026.1", "aliases": []},
    ]
    assert out.endswith(
        f"Let op: {note}; opnieuw opgebouwd uit de versiemappen (2026.2, 2026.1).\n"
        "Versie 2026.3 gepubliceerd in branch gh-pages (vergeleken met 2026.2); tag v2026.3.\n"
    )


def test_a_title_with_markup_already_in_versions_json_is_reset(repo: Path) -> None:
    released("2026.1")
    entry = {"version": "2026.1", "title": "<img src=x onerror=alert(77)>", "aliases": ["latest"]}
    on_branch(repo, "versions.json", json.dumps([entry]))
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    out = released("2026.2")
    assert [v["title"] for v in versions(repo)] == ["2026.2", "2026.1"]
    assert out.endswith(
        "Let op: de titel van versie 2026.1 in versions.json bevatte tekens die de versiekeuze als opmaak zou uitvoeren; "
        "teruggezet naar 2026.1.\n"
        "Versie 2026.2 gepubliceerd in branch gh-pages (vergeleken met 2026.1); tag v2026.2.\n"
    )


def test_feed_and_comparison_list_only_published_versions(repo: Path) -> None:
    released("2026.1")
    # A tag without a published version, as a failed release used to leave behind.
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    git(repo, "tag", "-a", "v2026.2", "-m", "Mislukte release")
    stray = git(repo, "rev-parse", "v2026.2^{commit}")
    commit_edit(repo, "text: Verhelder samen de vraag.", "text: Verhelder eerst de vraag.")
    head = git(repo, "rev-parse", "HEAD")
    result = release("2026.2")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Bouwen mislukt: tag v2026.2 bestaat al en wijst naar een andere commit ({stray[:10]}) dan HEAD ({head[:10]}); "
        "versie 2026.2 is niet gepubliceerd, dus de tag is vermoedelijk over van een mislukte release: "
        "verwijder hem met 'git tag -d v2026.2' en probeer opnieuw\n",
    )

    assert released("2026.3").endswith("Versie 2026.3 gepubliceerd in branch gh-pages (vergeleken met 2026.1); tag v2026.3.\n")
    feed = ET.fromstring(git(repo, "show", "gh-pages:2026.3/feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == ["Versie 2026.3", "Versie 2026.1"]
    assert "Vergeleken met versie 2026.1 van " in git(repo, "show", "gh-pages:2026.3/wat-is-er-veranderd.md")


def test_a_published_version_without_its_tag_is_named(repo: Path) -> None:
    released("2026.1")
    git(repo, "tag", "-d", "v2026.1")
    commit_edit(repo, FIRST_TEXT, "text: Verhelder samen de vraag.")
    assert released("2026.2") == (
        "Let op: versie 2026.1 staat in branch gh-pages, maar tag v2026.1 ontbreekt; "
        "die versie telt niet mee in de wijzigingen en de feed.\n"
        "Inhoud in orde: 1 richtlijn, 1 bouwsteen, 2 aanbevelingen, 1 begrip, 1 checklist.\n"
        "Versie 2026.2 gepubliceerd in branch gh-pages (eerste versie); tag v2026.2.\n"
    )


# --- Where the site goes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("branch", "message"),
    [
        ("main", "--branch main is de branch waarop je nu werkt; de site hoort in een eigen branch (bijv. gh-pages)"),
        ("heads/main", "--branch heads/main is de branch waarop je nu werkt; de site hoort in een eigen branch (bijv. gh-pages)"),
        (
            "bron",
            "--branch bron bevat de bronnen van de richtlijnen (content); de site hoort in een eigen branch (bijv. gh-pages)",
        ),
        ("oud", "--branch oud is niet de naam van een branch (het wijst naar refs/tags/oud)"),
        ("a..b", "--branch 'a..b' is geen bruikbare branchnaam"),
    ],
)
def test_release_refuses_a_branch_that_is_not_its_own(repo: Path, branch: str, message: str) -> None:
    git(repo, "branch", "bron")
    git(repo, "tag", "oud")
    before = {ref: git(repo, "rev-parse", ref) for ref in ("main", "bron", "oud")}
    result = release("2026.1", "--branch", branch)
    assert (result.exit_code, result.stderr) == (1, f"Bouwen mislukt: {message}\n")
    assert {ref: git(repo, "rev-parse", ref) for ref in before} == before
    assert tags(repo) == ["oud"]


# --- Values that end up on every page ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x<"], "'x<' is geen bruikbaar versienummer (bijv. 2026.2)"),
        (["2026.1\n"], "'2026.1\\n' is geen bruikbaar versienummer (bijv. 2026.2)"),
        (
            ["2026.1", "--title", "<img src=x onerror=alert(77)>"],
            "--title '<img src=x onerror=alert(77)>' is geen bruikbare titel: "
            "gebruik alleen letters, cijfers, spaties en . , : ; ( ) / - _ +",
        ),
        (
            ["2026.1", "--title", "Voorjaar\n2026"],
            "--title 'Voorjaar\\n2026' is geen bruikbare titel: gebruik alleen letters, cijfers, spaties en . , : ; ( ) / - _ +",
        ),
        (
            ["2026.1", "--title", "  "],
            "--title '  ' is geen bruikbare titel: gebruik alleen letters, cijfers, spaties en . , : ; ( ) / - _ +",
        ),
        *(
            (
                ["2026.1", "--alias", alias],
                f"--alias {alias!r} is geen bruikbare alias: begin met een letter en gebruik alleen letters, "
                "cijfers, - en _ (bijv. latest)",
            )
            for alias in ["../x", "a/b", "<b>", "versions.json", "2026.1"]
        ),
        (["2026.1", "--alias", "latest", "--alias", "latest"], "--alias 'latest' staat er twee keer"),
    ],
)
def test_values_that_reach_every_page_are_checked(repo: Path, args: list[str], message: str) -> None:
    result = release(*args)
    assert (result.exit_code, result.stderr) == (1, f"Bouwen mislukt: {message}\n")
    assert (tags(repo), tip(repo, "gh-pages")) == ([], None)


@pytest.mark.parametrize("version", ["1..2", "2026.1.lock", "2026.1.", "2026..1", "2026.1/", "2026.1/x"])
def test_a_version_git_cannot_tag_is_refused_before_anything_is_built(
    repo: Path, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    def not_to_be_built(*_: object, **__: object) -> None:
        pytest.fail("the site was built for a version that cannot be tagged")

    monkeypatch.setattr(release_command, "build", not_to_be_built)
    result = release(version)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Bouwen mislukt: {version!r} is geen bruikbaar versienummer (bijv. 2026.2)\n",
    )
    assert (tags(repo), tip(repo, "gh-pages")) == ([], None)


def test_names_already_taken_on_the_branch_are_refused(repo: Path) -> None:
    # A version published by hand with mike, under a name of mike's own.
    on_branch(repo, "versions.json", json.dumps([{"version": "dev", "title": "dev", "aliases": ["2027"]}]))
    result = release("2026.1", "--alias", "dev")
    assert (result.exit_code, result.stderr) == (
        1,
        "Bouwen mislukt: --alias 'dev' is al een gepubliceerde versie in branch gh-pages\n",
    )
    result = release("2027")
    assert (result.exit_code, result.stderr) == (
        1,
        "Bouwen mislukt: versie 2027 is in branch gh-pages al een alias van versie dev\n",
    )
    assert tags(repo) == []
