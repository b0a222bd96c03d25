"""No command deletes what it did not make, and builds survive faults: refused folders, the lock,
kills during the swap of the site, dead PDF workers, broken fonts, and leftovers git ignores.

Real processes and real signals throughout: a child process runs the real swap and is killed with
SIGKILL at every step of it (its MkDocs run is replaced by copying a finished site, which is not
what is tested here); PDF workers are killed with SIGKILL, as the OOM killer does.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.problems import BuildError
from generator.render.engine import engine_config
from generator.render.pdf import render as pdf_render
from generator.write import site as site_module
from generator.write.files import MARKER, Output, claimed
from generator.write.site import new_site, run_engine, site_output
from tests.conftest import MINIMAL, REPO

PYTHON = sys.executable
# Commands that run in a project folder of their own still import this checkout's generator.
CHECKOUT = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}


def make_project(root: Path) -> Path:
    """A project of its own: the minimal content, and a config whose build folder is inside it."""
    shutil.copytree(MINIMAL, root)
    (root / "mkdocs.yml").write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build/docs\n", encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under `folder`, the folder itself included."""
    found: dict[str, bytes | None] = {".": None}
    for path in folder.rglob("*"):
        found[path.relative_to(folder).as_posix()] = path.read_bytes() if path.is_file() else None
    return found


def files_of(folder: Path) -> dict[str, str]:
    """A site's pages, without the marker."""
    return {
        p.relative_to(folder).as_posix(): p.read_text("utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def invoke(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr.splitlines()


# --- Folders a command did not make ----------------------------------------------------------------

FOREIGN = (
    "is niet leeg en is niet door richtlijnen gemaakt (er staat geen .richtlijnen-uitvoer in); die map gebruikt "
    "richtlijnen niet voor {label}, zodat er niets verloren gaat. Kies met {setting} een nieuwe of lege map, of "
    "maak deze map eerst zelf leeg."
)


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (
            ["build", "--site-dir", "content"],
            None,
            "content is de invoer content; die map gebruikt richtlijnen niet voor de website. "
            "Kies met --site-dir een map buiten de invoer, bijvoorbeeld site.",
        ),
        (
            ["build", "--site-dir", "checklists"],
            None,
            "checklists is de invoer checklists; die map gebruikt richtlijnen niet voor de website. "
            "Kies met --site-dir een map buiten de invoer, bijvoorbeeld site.",
        ),
        (
            ["build", "--site-dir", "content/proef"],
            None,
            "content/proef ligt in de invoer content; die map gebruikt richtlijnen niet voor de website. "
            "Kies met --site-dir een map buiten de invoer, bijvoorbeeld site.",
        ),
        (
            ["build", "--site-dir", "."],
            None,
            ". is de huidige map of ligt erboven; die map gebruikt richtlijnen niet voor de website. "
            "Kies met --site-dir een eigen map, bijvoorbeeld site.",
        ),
        (
            ["build", "--site-dir", "repo"],
            None,
            "repo bevat een git-repository (.git); die map gebruikt richtlijnen niet voor de website. "
            "Kies met --site-dir een eigen map, bijvoorbeeld site.",
        ),
        (["build", "--site-dir", "eigen"], None, "eigen " + FOREIGN.format(label="de website", setting="--site-dir")),
        (["pdf", "--out", "eigen"], None, "eigen " + FOREIGN.format(label="de PDF's", setting="--out")),
        (
            ["pdf", "--out", "content"],
            None,
            "content is de invoer content; die map gebruikt richtlijnen niet voor de PDF's. "
            "Kies met --out een map buiten de invoer, bijvoorbeeld build/pdf.",
        ),
        (
            ["build"],
            "eigen",
            "eigen " + FOREIGN.format(label="de gegenereerde bronbestanden", setting="docs_dir in mkdocs.yml"),
        ),
        (
            ["build"],
            ".",
            ". is de huidige map of ligt erboven; die map gebruikt richtlijnen niet voor de gegenereerde "
            "bronbestanden. Kies met docs_dir in mkdocs.yml een eigen map, bijvoorbeeld build/docs.",
        ),
        (
            ["build", "--site-dir", "build"],
            None,
            "build bevat build/docs, de map voor de gegenereerde bronbestanden; de website heeft een eigen map "
            "nodig. Kies met --site-dir een andere map.",
        ),
    ],
)
def test_a_folder_it_did_not_make_is_refused_and_left_alone(
    project: Path, args: list[str], config: str | None, message: str
) -> None:
    (project / "eigen").mkdir()
    (project / "eigen" / "notities.txt").write_text("van mij", encoding="utf-8")
    (project / "repo" / ".git").mkdir(parents=True)
    (project / "repo" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "repo" / "README").write_text("werk", encoding="utf-8")
    (project / "build" / "docs").mkdir(parents=True)
    (project / "build" / "docs" / MARKER).write_text("", encoding="utf-8")
    if config is not None:
        (project / "mkdocs.yml").write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {config}\n", encoding="utf-8")
    before = snapshot(project)
    code, stderr = invoke(*args)
    assert (code, stderr[-1]) == (1, f"Bouwen mislukt: {message}")
    assert snapshot(project) == before  # nothing written, nothing removed, no work folder


def test_a_folder_with_the_marker_is_taken_over(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    config = tmp_path / "mkdocs.generated.yml"
    # A whole MkDocs config, as the generator writes one: the engine's settings and a site name.
    config.write_text(yaml.safe_dump({"site_name": "Proef", **engine_config(), "docs_dir": "docs"}), encoding="utf-8")
    marked = tmp_path / "gemarkeerd"
    marked.mkdir()
    (marked / MARKER).write_text("", encoding="utf-8")
    (marked / "verouderd.html").write_text("weg ermee", encoding="utf-8")
    with new_site(marked) as scratch:
        run_engine("mkdocs", config, scratch)
    assert (marked / "index.html").is_file() and (marked / MARKER).is_file()
    assert not (marked / "verouderd.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "gemarkeerd", "mkdocs.generated.yml"]


# Files a richtlijnen build also makes do not make a folder richtlijnen's: only the marker does.
@pytest.mark.parametrize(
    ("args", "config", "files", "message"),
    [
        (
            ["build", "--site-dir", "zijn"],
            None,
            ["offline.json", "sw.js", "sitemap.xml", "scriptie.docx"],
            "zijn " + FOREIGN.format(label="de website", setting="--site-dir"),
        ),
        (
            ["build"],
            "zijn",
            ["index.md", "offline.json", "sw.js", "thesis.md"],
            "zijn " + FOREIGN.format(label="de gegenereerde bronbestanden", setting="docs_dir in mkdocs.yml"),
        ),
    ],
    ids=["site", "docs"],
)
def test_a_folder_that_only_looks_like_a_build_is_refused_and_left_alone(
    project: Path, args: list[str], config: str | None, files: list[str], message: str
) -> None:
    (project / "zijn").mkdir()
    for name in files:
        (project / "zijn" / name).write_text(f"van iemand anders: {name}", encoding="utf-8")
    if config is not None:
        (project / "mkdocs.yml").write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {config}\n", encoding="utf-8")
    before = snapshot(project)
    code, stderr = invoke(*args)
    assert (code, stderr[-1]) == (1, f"Bouwen mislukt: {message}")
    assert (project / "zijn" / files[-1]).read_text("utf-8") == f"van iemand anders: {files[-1]}"
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("args", "label", "setting", "kind"),
    [
        (["build", "--site-dir", "zijn"], "de website", "--site-dir", "map"),
        (["pdf", "--out", "zijn"], "de PDF's", "--out", "map"),
        (["build", "--site-dir", "zijn"], "de website", "--site-dir", "koppeling"),
    ],
    ids=["site-map", "pdf-map", "site-koppeling"],
)
def test_a_marker_that_is_not_a_plain_file_does_not_make_the_folder_ours(
    project: Path, args: list[str], label: str, setting: str, kind: str
) -> None:
    (project / "zijn").mkdir()
    if kind == "map":
        (project / "zijn" / MARKER).mkdir()
        (project / "zijn" / MARKER / "notities.txt").write_text("van mij", encoding="utf-8")
    else:  # pointing to where nothing is yet: writing the marker would make a file out there
        (project / "zijn" / MARKER).symlink_to(project / "elders.txt")
    (project / "zijn" / "verslag.txt").write_text("ook van mij", encoding="utf-8")
    before = snapshot(project)
    code, stderr = invoke(*args)
    assert (code, stderr[-1]) == (
        1,
        f"Bouwen mislukt: zijn is niet leeg en is niet door richtlijnen gemaakt (er staat wel een {MARKER} in, maar "
        f"dat is geen gewoon bestand); die map gebruikt richtlijnen niet voor {label}, zodat er niets verloren gaat. "
        f"Kies met {setting} een nieuwe of lege map, of maak deze map eerst zelf leeg.",
    )
    assert snapshot(project) == before
    assert not (project / "elders.txt").exists()


# --- Two commands at once ------------------------------------------------------------------------------


def test_a_second_build_on_the_same_folders_refuses_at_once(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")

    def build(release: str) -> subprocess.Popen[str]:
        command = [PYTHON, "-m", "generator", "build", "--release", release]
        return subprocess.Popen(command, cwd=root, env=CHECKOUT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    first = build("2031.1")
    try:
        # The docs folder appears once the first build holds its lock (and before it writes a page).
        deadline = time.monotonic() + 30
        while not (root / "build" / "docs").exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        second = build("2031.2")
        _, second_err = second.communicate(timeout=60)
        _, first_err = first.communicate(timeout=60)
    finally:
        first.kill()
    assert first.returncode == 0, first_err
    assert second.returncode == 1
    assert second_err.splitlines()[-1] == (
        "Bouwen mislukt: er loopt al een richtlijnen-opdracht die in build/docs schrijft; "
        "wacht tot die klaar is en probeer het dan opnieuw."
    )
    site = root / "site"
    pages = [p.read_text("utf-8") for p in site.rglob("index.html")]
    assert pages and all("2031.2" not in page for page in pages)
    assert "Versie 2031.1" in (site / "index.html").read_text("utf-8")
    # The marker is in the site, and nothing lists it: it was written after MkDocs, Pagefind and offline.json.
    assert (site / MARKER).is_file()
    for listing in ("offline.json", "sitemap.xml", "sw.js"):
        assert MARKER not in (site / listing).read_text("utf-8")
    assert not list(root.rglob(".richtlijnen-werk-*"))  # work folders go when the build is done


def test_a_pdf_run_refuses_a_folder_another_command_holds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    with claimed([Output(root / "uit", "de PDF's", "--out", "build/pdf")]):
        completed = subprocess.run(
            [PYTHON, "-m", "generator", "pdf", "--out", "uit"],
            cwd=root,
            env=CHECKOUT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[-1] == (
        "Bouwen mislukt: er loopt al een richtlijnen-opdracht die in uit schrijft; wacht tot die klaar is en probeer het dan opnieuw."
    )
    assert sorted(p.name for p in (root / "uit").iterdir()) == [MARKER]


# --- Kills during the swap ---------------------------------------------------------------------------

# Runs the build's site stage (run_engine in new_site, as generator/build.py does), with MkDocs
# replaced by copying a finished site into its scratch folder, and kills itself with SIGKILL at the
# Nth line executed after that (in the site and file writers and in shutil), or at the first line
# of the swap; N = 0 runs to the end and prints how many lines there were.
SWAP_CHILD = """
import os, shutil, signal, sys
from pathlib import Path
import generator.write.files
import generator.write.site as site_module

site, new_site = Path(sys.argv[1]), Path(sys.argv[2])
kill_at = -1 if sys.argv[3] == "swap" else int(sys.argv[3])
if sys.argv[4] == "twee-renames":
    site_module.RENAMEAT2 = None
watched = {site_module.__file__, generator.write.files.__file__, shutil.__file__}
state = {"counting": False, "lines": 0}

def copy_instead_of_mkdocs(command, name):
    shutil.copytree(new_site, command[command.index("-d") + 1], dirs_exist_ok=True)
    state["counting"] = True

site_module.run_tool = copy_instead_of_mkdocs

def line(frame, event, arg):
    if event == "line" and state["counting"]:
        state["lines"] += 1
        if state["lines"] == kill_at or (kill_at == -1 and frame.f_code.co_name.lstrip("_") == "swap"):
            os.kill(os.getpid(), signal.SIGKILL)
    return line

sys.settrace(lambda frame, event, arg: line if frame.f_code.co_filename in watched else None)
with site_module.new_site(site) as scratch:
    site_module.run_engine("mkdocs", Path("niet-gebruikt.yml"), scratch)
sys.settrace(None)
print(state["lines"])
"""

OLD_SITE = {"index.html": "oud", "alleen-oud.html": "oud", "sub/pagina.html": "oud"}
NEW_SITE = {"index.html": "nieuw", "alleen-nieuw.html": "nieuw", "sub/pagina.html": "nieuw", "sub/diep/x.html": "nieuw"}
DENSE_KILLS = 30


def write_site(folder: Path, pages: dict[str, str], *, marked: bool) -> None:
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    if marked:
        (folder / MARKER).write_text("", encoding="utf-8")


def state_of(site: Path) -> str:
    if not site.exists():
        return "geen"
    pages = files_of(site)
    return "oud" if pages == OLD_SITE else "nieuw" if pages == NEW_SITE else "half"


def run_swap(site: Path, new: Path, kill_at: int | str, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-c", SWAP_CHILD, str(site), str(new), str(kill_at), mode], cwd=REPO, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("mode", ["exchange", "twee-renames"])
def test_a_kill_at_any_step_of_the_swap_leaves_a_whole_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    """With the exchange the site is whole at every moment; with two renames (where the system
    cannot exchange) a kill between them is repaired by the next run before it does anything."""
    new = tmp_path / "nieuw"
    write_site(new, NEW_SITE, marked=False)
    site = tmp_path / "site"
    write_site(site, OLD_SITE, marked=True)
    whole = run_swap(site, new, 0, mode)
    assert whole.returncode == 0, whole.stderr
    assert files_of(site) == NEW_SITE
    lines = int(whole.stdout)
    # Every line up to well past the swap (about line 12), then every 8th: removing the old site.
    points = [*range(1, min(lines, DENSE_KILLS) + 1), *range(DENSE_KILLS + 1, lines + 1, 8)]
    outcomes, afterwards, leftovers = [], [], []
    for kill_at in points:
        shutil.rmtree(site, ignore_errors=True)
        write_site(site, OLD_SITE, marked=True)
        killed = run_swap(site, new, kill_at, mode)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        outcomes.append(state_of(site))
        capsys.readouterr()
        with claimed([site_output(site)]):  # the next run's start: puts back, cleans up
            pass
        if outcomes[-1] == "geen":
            assert capsys.readouterr().err == f"Let op: {site} ontbrak na een afgebroken build; de vorige versie is teruggezet.\n"
        afterwards.append(files_of(site) in (OLD_SITE, NEW_SITE))
        leftovers += [p.name for p in tmp_path.iterdir() if p.name not in ("nieuw", "site")]
    # Only two renames leave a moment without a site; the next run put the old one back.
    assert ("geen" in outcomes) == (mode == "twee-renames"), dict(zip(points, outcomes, strict=True))
    assert "half" not in outcomes
    assert {"oud", "nieuw"} <= set(outcomes)  # the kills did fall before and after the swap
    assert all(afterwards)
    assert leftovers == []


def test_leftovers_of_a_killed_build_are_ignored_by_git(tmp_path: Path) -> None:
    """In the default place through the project's .gitignore and the work folder's own; anywhere
    else through the work folder's own alone."""
    new = tmp_path / "nieuw"
    write_site(new, NEW_SITE, marked=False)
    project, elsewhere = tmp_path / "project", tmp_path / "elders"
    for repo in (project, elsewhere):
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(REPO / ".gitignore", project / ".gitignore")
    sites = [project / "site", elsewhere / "uitvoer" / "site"]
    for site in sites:
        write_site(site, OLD_SITE, marked=True)
        killed = run_swap(site, new, "swap", "exchange")  # the new site is there, not yet swapped in
        assert killed.returncode == -signal.SIGKILL, killed.stderr

    def status(repo: Path) -> list[str]:
        command = ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()

    assert status(project) == ["?? .gitignore"]
    assert status(elsewhere) == sorted(f"?? uitvoer/site/{name}" for name in [*OLD_SITE, MARKER])
    for site in sites:  # and there were leftovers to ignore
        assert len(list(site.parent.glob(".richtlijnen-werk-site/nieuw-*/index.html"))) == 1


# --- A site that cannot be changed or removed ---------------------------------------------------------


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """`chattr +i` (root ignores file modes, not this); undone afterwards so tmp_path can go."""
    marked: list[Path] = []
    yield marked
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def make_immutable(path: Path, marked: list[Path]) -> None:
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i does not work here")
    marked.append(path)


def old_site_and_a_finished_new_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An earlier build's site, and a new one that "MkDocs" (a copy of a finished folder: these
    tests are about replacing the site, not about building it) writes into the scratch folder."""
    new = tmp_path / "nieuw"
    write_site(new, NEW_SITE, marked=False)

    def run(command: list[str], name: str) -> None:
        shutil.copytree(new, command[command.index("-d") + 1], dirs_exist_ok=True)

    monkeypatch.setattr(site_module, "run_tool", run)
    site = tmp_path / "site"
    write_site(site, OLD_SITE, marked=True)
    return site


def test_an_old_site_that_cannot_be_removed_warns_and_later_builds_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], immutable: list[Path]
) -> None:
    site = old_site_and_a_finished_new_one(tmp_path, monkeypatch)
    make_immutable(site / "sub" / "pagina.html", immutable)  # so site/sub cannot be emptied
    monkeypatch.chdir(tmp_path)
    warnings = []
    for _ in range(2):  # the second build tries the first one's leftover again, and works as well
        with new_site(site) as scratch:
            run_engine("mkdocs", tmp_path / "niet-gebruikt.yml", scratch)
        assert files_of(site) == NEW_SITE
        warnings.append(capsys.readouterr().err)
    (leftover,) = (tmp_path / ".richtlijnen-werk-site").glob("nieuw-*")
    warning = (
        f"Let op: .richtlijnen-werk-site/{leftover.name} kon niet worden opgeruimd (niet toegestaan); "
        "de volgende build probeert het opnieuw.\n"
    )
    assert warnings == [warning, warning]


def test_a_site_that_cannot_be_replaced_fails_with_a_message_and_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, immutable: list[Path]
) -> None:
    site = old_site_and_a_finished_new_one(tmp_path, monkeypatch)
    make_immutable(site, immutable)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BuildError) as raised, new_site(site) as scratch:
        run_engine("mkdocs", tmp_path / "niet-gebruikt.yml", scratch)
    assert str(raised.value) == (
        "de nieuwe site kon niet op de plaats van site komen (niet toegestaan); de vorige site is niet "
        "aangeraakt. Controleer of site en de map erboven te wijzigen zijn."
    )
    assert files_of(site) == OLD_SITE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nieuw", "site"]


# --- PDF workers ---------------------------------------------------------------------------------------

# Four documents of some seconds each (and larger than a pipe holds) for two worker processes.
WORKERS_CHILD = """
import sys
from generator.problems import BuildError
from generator.render.pdf.render import PdfJob, font_faces, render_jobs

html = "<html><body>" + "".join(f"<p>Alinea {i}: " + "woorden " * 12 + "</p>" for i in range(1500)) + "</body></html>"
jobs = [PdfJob("werkkaart", f"{n}.pdf", f"Proef {n}", html, "werkkaart.css", font_faces()) for n in range(4)]
try:
    render_jobs(jobs, workers=2)
except BuildError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
"""


def children(parent: int) -> list[int]:
    """The spawned workers of `parent` (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, that is: a zombie that no one reaped has stopped."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def render_child() -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    child = subprocess.Popen([PYTHON, "-c", WORKERS_CHILD], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = children(child.pid)
        assert len(workers) == 2, child.communicate()[1] if child.poll() is not None else "no workers"
        time.sleep(1.5)  # past their start-up: rendering
        yield child, workers
    finally:
        for pid in [child.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        child.wait()


def test_a_killed_pdf_worker_fails_the_build_within_seconds(render_child: tuple[subprocess.Popen[str], list[int]]) -> None:
    child, workers = render_child
    killed = time.monotonic()
    os.kill(workers[0], signal.SIGKILL)
    try:
        _, stderr = child.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("the build still runs 10 s after a worker was killed")
    assert time.monotonic() - killed < 5
    assert (child.returncode, stderr.strip()) == (
        1,
        "PDF maken mislukt: een van de 2 processen die de PDF's maken stopte onverwacht "
        "(gestopt door SIGKILL; te weinig geheugen?). Probeer het opnieuw.",
    )
    assert not any(alive(pid) for pid in workers)


def test_pdf_workers_die_with_a_killed_build(render_child: tuple[subprocess.Popen[str], list[int]]) -> None:
    child, workers = render_child
    os.kill(child.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if alive(pid)] == []


# --- Fonts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda fonts: (fonts / "NotoSans-Bold.ttf").write_bytes((fonts / "NotoSans-Bold.ttf").read_bytes()[:200_000]),
            "lettertype beschadigd: {fonts}/NotoSans-Bold.ttf is geen leesbaar lettertype (afgekapt of beschadigd). ",
        ),
        (
            lambda fonts: shutil.copy(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), fonts / "NotoSans-Regular.ttf"),
            "verkeerd lettertype: {fonts}/NotoSans-Regular.ttf is DejaVu Sans Book, niet Noto Sans Regular. ",
        ),
        (
            lambda fonts: shutil.copy(fonts / "NotoSans-Regular.ttf", fonts / "NotoSans-Italic.ttf"),
            "verkeerd lettertype: {fonts}/NotoSans-Italic.ttf is Noto Sans Regular, niet Noto Sans Italic. ",
        ),
    ],
    ids=["afgekapt", "ander-lettertype", "andere-stijl"],
)
def test_a_broken_or_wrong_font_fails_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, damage: object, message: str
) -> None:
    fonts = project.parent / "fonts"
    fonts.mkdir()
    for name in pdf_render.FONT_FILES.values():
        shutil.copy(pdf_render.FONT_DIR / name, fonts / name)
    if "DejaVu" in message and not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file():
        pytest.skip("no DejaVu Sans to stand in for the wrong font")
    assert callable(damage)
    damage(fonts)
    monkeypatch.setattr(pdf_render, "FONT_DIR", fonts)
    code, stderr = invoke("pdf", "--out", "uit")
    assert (code, stderr[-1]) == (
        1,
        "Bouwen mislukt: "
        + message.format(fonts=fonts)
        + "Installeer het Debian-pakket fonts-noto-core opnieuw (apt-get install --reinstall fonts-noto-core) "
        "en probeer het opnieuw.",
    )
    assert not (project / "uit").exists()
