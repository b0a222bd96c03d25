"""The tool as another organisation gets it: a wheel, installed (not editable) into a fresh venv,
run in a folder outside this repository that holds only a publication's own files; and
`richtlijnen init`, which makes such a folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.commands import init as init_command
from generator.render.settings import read_site_settings
from tests.conftest import BUILD_EPOCH, REPO
from tests.init_example import TARGET, differences, render, stored

# What `richtlijnen init` copies and what a publication holds: everything else stays behind.
PUBLICATION = ("content", "checklists", "sources")


def user_environment() -> dict[str, str]:
    """The environment without what points Python at this checkout (the suite's own runner may set it)."""
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    return env


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    timings: dict[str, float]

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """The installed `richtlijnen`, as a user runs it: its own script, no path into the repository."""
        env = user_environment()
        started = time.perf_counter()
        completed = subprocess.run(
            [str(self.venv / "bin" / "richtlijnen"), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
        self.timings[" ".join(args[:1])] = self.timings.get(" ".join(args[:1]), 0.0) + time.perf_counter() - started
        return completed


def _run(command: list[str | Path]) -> None:
    completed = subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel, built from a copy of exactly what it is built from, and installed with --no-deps.

    The venv gets its dependencies from the project's venv through a .pth file instead of a
    download: this test is about what the wheel carries (package data, paths resolved where it is
    installed), not about dependency resolution, which pip does from the pins in pyproject.toml.
    """
    work = tmp_path_factory.mktemp("pakket")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    source = work / "bron"
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    # No build isolation and no index: setuptools is the one pinned in the test needs, the same
    # version as [build-system], so nothing is downloaded.
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", work / "wiel", source])
    (wheel,) = (work / "wiel").glob("*.whl")
    timings["wheel"] = time.perf_counter() - started
    started = time.perf_counter()
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    _run([*pip, "--python", venv / "bin" / "python", "install", "--no-deps", "--no-index", "-q", wheel])
    own = subprocess.run(
        [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(own) / "richtlijnen-test-afhankelijkheden.pth").write_text("\n".join(sorted(shared)) + "\n", "utf-8")
    timings["venv"] = time.perf_counter() - started
    yield Installed(wheel, venv, timings)
    print("\nTimings of the installed package, s:", ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


def _no_repository_path(folder: Path, *forbidden: Path) -> list[str]:
    """Files under `folder` that name one of the paths (as bytes, so binary files count too)."""
    needles = [str(path).encode() for path in forbidden]
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and any(needle in path.read_bytes() for needle in needles)
    )


def test_the_wheel_carries_the_package_and_its_data_and_no_repository_path(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        leaks = [name for name in names if str(REPO).encode() in wheel.read(name)]
    assert all(name.startswith(("generator/", "richtlijnen_publicatie-")) for name in names)
    expected = {
        "generator/cli.py",
        "generator/templates/mkdocs.engine.yml",
        "generator/templates/overrides/main.html",
        "generator/templates/assets/search.js",
        "generator/templates/zakgids/zakgids.html.j2",
        "generator/init_example/mkdocs.yml",
        *(f"generator/init_example/{path}" for path in stored()),
    }
    assert expected <= names
    assert leaks == []
    # The installed package is the one that runs, not this checkout.
    where = subprocess.run(
        [installed.venv / "bin" / "python", "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed.venv,
        env=user_environment(),
    ).stdout
    assert where.startswith(str(installed.venv))


def test_a_publication_outside_the_repository_builds_with_the_installed_package(installed: Installed, tmp_path: Path) -> None:
    """This repository's publication, copied without anything else, builds in full: site, search, PDFs."""
    folder = tmp_path / "publicatie"
    for name in PUBLICATION:
        shutil.copytree(REPO / name, folder / name)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    built = installed.run("build", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    site = folder / "site"
    for guideline in (REPO / "content").glob("*/richtlijn.yaml"):
        slug = yaml.safe_load(guideline.read_text("utf-8"))["slug"]
        assert (site / slug / "index.html").is_file()
        assert (site / "downloads" / "richtlijnen" / f"{slug}.pdf").is_file()
        for chapter in guideline.parent.glob("*.yaml"):
            if chapter.name != "richtlijn.yaml":
                data = yaml.safe_load(chapter.read_text("utf-8"))
                page = (site / slug / data["slug"] / "index.html").read_text("utf-8")
                assert all(f'id="{section["id"]}"' in page for section in data["sections"])
    for checklist in (REPO / "checklists").glob("[!_]*.yaml"):  # not _niet-in-checklist.yaml
        assert (site / "downloads" / "checklists" / f"{checklist.stem}.pdf").is_file()
    for asset in ("richtlijnen.css", "search.css", "richtlijnen.js", "search.js", "offline-worker.js"):
        assert (site / "assets" / asset).is_file(), asset
    assert (site / "downloads" / "zakgids.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "pagefind" / "pagefind.js").is_file() and list((site / "pagefind").glob("pagefind.*.pf_meta"))
    # The engine's settings came from the installed package, whole: nothing to inherit.
    generated = yaml.safe_load((folder / "build" / "mkdocs.generated.yml").read_text("utf-8"))
    assert "INHERIT" not in generated
    assert Path(generated["theme"]["custom_dir"]).is_relative_to(installed.venv)
    assert _no_repository_path(site, REPO, installed.venv) == []


def test_init_makes_a_publication_that_checks_and_builds(installed: Installed, tmp_path: Path) -> None:
    made = installed.run("init", "mijn-richtlijnen", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    folder = tmp_path / "mijn-richtlijnen"
    assert made.stdout.splitlines() == [
        "Nieuwe publicatie gemaakt in mijn-richtlijnen:",
        "  mkdocs.yml: de naam, het webadres en de versie van de publicatie",
        "  content/: de voorbeeldrichtlijn 'Residentiële jeugdhulp' en 4 begrippen",
        "  checklists/: de checklist 'Inventarisatie hulp na vertrek'",
        "  sources/: 1 bron van de voorbeeldrichtlijn, waar check elke zin in terugvindt",
        "  schemas/: aanvulling en uitleg bij de YAML-bestanden in je editor",
        "Zet de naam en het webadres van je publicatie in mijn-richtlijnen/mkdocs.yml. Draai daarna in mijn-richtlijnen:",
        "  richtlijnen check",
        "  richtlijnen build",
    ]
    checked = installed.run("check", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (
        checked.stdout.splitlines()[0] == "Inhoud in orde: 1 richtlijn, 1 bouwsteen, 13 aanbevelingen, 4 begrippen, 1 checklist."
    )
    assert "100,0% van de bronzinnen staat in de tekst" in checked.stdout
    built = installed.run("build", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    site = folder / "site"
    assert (site / "residentiele-jeugdhulp" / "index.html").is_file()
    assert (site / "checklists" / "inventarisatie-hulp-na-vertrek" / "index.html").is_file()
    assert (site / "downloads" / "zakgids.pdf").is_file()
    assert "Richtlijnen en protocollen" in (site / "index.html").read_text("utf-8")
    assert _no_repository_path(site, REPO, installed.venv) == []


# --- init, in this process ---------------------------------------------------------------------


def test_the_packaged_example_is_the_bundled_content() -> None:
    """The example is copied from content/, checklists/ and sources/; it cannot drift from them."""
    assert differences(render(), stored()) == [], "run: .venv/bin/python scripts/update_init_example.py"
    assert init_command.EXAMPLE_DIR == TARGET


def test_the_example_sets_only_what_belongs_to_a_publication() -> None:
    """Only the publication's own settings, which read_site_settings accepts (it refuses the engine's)."""
    example = yaml.safe_load((TARGET / "mkdocs.yml").read_text("utf-8"))
    assert set(example) == {"site_name", "site_description", "site_url", "extra"}
    assert read_site_settings(TARGET / "mkdocs.yml").site_name == example["site_name"]


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


NOT_EMPTY = "mijn bestaat al en is niet leeg; kies een nieuwe of een lege map (init schrijft nooit over bestaande bestanden heen)"


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        ({"mijn/notities.txt": "van mij"}, NOT_EMPTY),
        ({"mijn/.git/HEAD": "ref: refs/heads/main\n"}, NOT_EMPTY),
        ({"mijn": "een bestand"}, "mijn bestaat al en is geen map; kies een nieuwe of een lege map"),
    ],
    ids=["not-empty", "hidden-file", "file"],
)
def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: dict[str, str], message: str
) -> None:
    for path, text in existing.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["init", "mijn"])
    assert (result.exit_code, result.stderr) == (1, f"Publicatie niet gemaakt: {message}\n")
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


def test_init_fills_an_empty_folder_and_the_current_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "leeg").mkdir()
    monkeypatch.chdir(tmp_path / "leeg")
    result = CliRunner().invoke(main, ["init", "."])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-3:] == [
        "Zet de naam en het webadres van je publicatie in mkdocs.yml. Draai daarna:",
        "  richtlijnen check",
        "  richtlijnen build",
    ]
    files = {str(p.relative_to(tmp_path / "leeg")) for p in (tmp_path / "leeg").rglob("*") if p.is_file()}
    assert files == set(init_command.example_files())
    assert {".gitignore", "mkdocs.yml", "schemas/richtlijn.schema.json", "sources/002_047a0c9691f90531.txt"} <= files
    # The schemas the YAML files point their editor at are there, and current.
    assert CliRunner().invoke(main, ["schema", "--check"]).exit_code == 0


def test_init_removes_what_it_made_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open
    written: list[Path] = []

    def failing_open(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "x" in mode:
            if len(written) == 3:
                raise OSError(28, "No space left on device", str(self))
            written.append(self)
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", failing_open)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leeg").mkdir()
    result = CliRunner().invoke(main, ["init", "nieuw/publicatie"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Publicatie niet gemaakt: kon ")
    assert result.stderr.endswith("niet schrijven (geen ruimte meer op de schijf); wat al gemaakt was, is weer weggehaald\n")
    assert [p.name for p in tmp_path.iterdir()] == ["leeg"]
