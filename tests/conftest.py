"""What every test may use: the fixtures' folders, the session's built site, a local server.

Nothing here needs the browser stack: the Playwright fixtures (`browser`, `page`, `phone`) are
named here but made by tests/browser.py, which only a test that asks for one of them imports.
Such a test is marked `browser` (pyproject.toml registers the marker; collection refuses a test
that uses them without it), so `pytest -m "not browser"` runs everything else, also where
Playwright is not installed (tests/test_standalone.py shows it).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import http.server
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest

from generator.model.corpus import Corpus
from generator.render.settings import SiteSettings, read_site_settings
from generator.stages import read_corpus

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
INVALID = FIXTURES / "invalid"
# The build date of the session's site, fixed so that no test depends on the day it runs: 30
# september 2026 (the longest Dutch month name), as SOURCE_DATE_EPOCH (00:00 UTC that day).
BUILD_DATE = "2026-09-30"
BUILD_EPOCH = "1790726400"


def overlay_case(case: Path, destination: Path) -> Path:
    """A copy of the minimal valid tree with the case's files laid over it."""
    shutil.copytree(MINIMAL, destination)
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = destination / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return destination


def editors_repository(repo: Path) -> Path:
    """A git repository with the minimal tree and a config that inherits the project's, as an
    editorial team's would be: what `richtlijnen release` works on. Nothing is committed yet."""
    repo.mkdir(parents=True, exist_ok=True)
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Redactie"],
        ["config", "user.email", "redactie@example.org"],
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True)
    for folder in ("content", "sources", "checklists"):
        shutil.copytree(MINIMAL / folder, repo / folder)
    (repo / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build/docs\nsite_url: https://example.org/richtlijnen/\n", "utf-8"
    )
    (repo / ".gitignore").write_text("build/\n", "utf-8")
    return repo


@pytest.fixture
def minimal_tree(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "tree"))


# --- The built site, served on localhost -------------------------------------------------------
# One site build per test session: every test that looks at the site shares it.

mimetypes.add_type("application/wasm", ".wasm")  # Pagefind loads WebAssembly


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_site_into(site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`richtlijnen build` of the repository (or of the folders `extra` names) into `site_dir`, with
    the session's engine."""
    if "--config-file" not in extra:
        # A docs tree of this run's own: the runs side by side (other engines, pytest-xdist's
        # workers) must not wait for each other's lock on build/docs.
        extra = ("--engine", TEST_ENGINE, "--config-file", str(_engine_run_config()), *extra)
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir), *extra],
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
        capture_output=True,
        text=True,
        check=False,
    )


# The engine that builds the session's site (README, "Engines"). scripts/test.sh runs the suite on
# MkDocs, then a smoke set of the tests of the session's site on ProperDocs and on Zensical; a test that
# cannot pass on an engine yet says so with `engine_gap(<engine>="why")`.
TEST_ENGINE_VARIABLE = "RICHTLIJNEN_TEST_ENGINE"
TEST_ENGINE = os.environ.get(TEST_ENGINE_VARIABLE, "mkdocs")


@functools.cache
def _engine_run_config() -> Path:
    """The repository's settings with a docs tree of this process's own: the runs on the three
    engines (scripts/test.sh) and pytest-xdist's workers must not wait for each other's lock on
    build/docs."""
    folder = Path(tempfile.mkdtemp(prefix=f"richtlijnen-{TEST_ENGINE}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {folder / 'build' / 'docs'}\n", encoding="utf-8")
    return config


# Seen in three of four full runs of scripts/test.sh (three suites at once on two cores), never in a
# run of its own: after landing on an anchor, the recommendation is out of view on Zensical 0.0.73.
ZENSICAL_ANCHOR_GAP = "on a busy machine the page sometimes ends scrolled away from the anchor it landed on"

# A site that `richtlijnen build` made of this tree beforehand, as build_site_into does: tests/test_grow.py
# passes the grown copy's, so the tests it runs there do not build the same site again.
PREBUILT_SITE = "RICHTLIJNEN_TEST_SITE"


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get(PREBUILT_SITE):
        return Path(os.environ[PREBUILT_SITE])
    # pytest-xdist's workers of one run share the parent of their temporary folders: the first
    # worker to get here builds the site, the other waits for it and reads the same files (no test
    # writes into it). One build less of the whole publication, on two cores that are always busy.
    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):
        shared = shared.parent
    site = shared / "built" / "site"
    done, failed = shared / "built" / "done", shared / "built" / "failed"
    with (shared / "built.lock").open("w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # A build that failed in the other worker fails here too, with its message, not twice over.
        assert not failed.exists(), failed.read_text("utf-8")
        if not done.exists():
            completed = build_site_into(site)
            if completed.returncode != 0:
                failed.parent.mkdir(parents=True, exist_ok=True)
                failed.write_text(completed.stderr, "utf-8")
            assert completed.returncode == 0, completed.stderr
            done.touch()
    return site


def page_file(site: Path, url_path: str) -> Path:
    """The file of a built site that serves `url_path` (a folder's address, its index.html)."""
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or not path.suffix else path


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """Two real releases of the minimal tree (tests/releases.py): the gh-pages branch's files, served."""
    from tests.releases import publish_two_versions  # it builds on editors_repository, above

    pages = tmp_path_factory.mktemp("gh-pages")
    publish_two_versions(tmp_path_factory.mktemp("repo"), pages)
    with serve_directory(pages) as url:
        yield pages, url


# --- Real headless Chromium: made by tests/browser.py, imported only when a test asks ------------

BROWSER_FIXTURES = frozenset({"browser", "page", "phone"})


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from tests.browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop window, under the site's Content-Security-Policy (tests/browser.py, policed)."""
    from tests.browser import desktop

    with desktop(browser) as opened:
        yield opened


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A 375 px wide touch screen, under the site's Content-Security-Policy."""
    from tests.browser import phone_screen

    with phone_screen(browser) as opened:
        yield opened


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError("these tests use the browser but are not marked browser:\n" + "\n".join(unmarked))
    if TEST_ENGINE != "mkdocs":
        _only_the_session_site(config, items)
    if TEST_ENGINE != "mkdocs":
        _only_the_smoke_tests(config, items)
    _browser_modules_first(items)
    for item in items:
        gap = item.get_closest_marker("engine_gap")
        if gap is not None and TEST_ENGINE in gap.kwargs:
            # Strict: a gap that closes fails the run, so its mark goes as soon as it is not needed;
            # unless it is marked as one that shows only some of the time (strict=False).
            strict = gap.kwargs.get("strict", True)
            item.add_marker(pytest.mark.xfail(reason=f"{TEST_ENGINE}: {gap.kwargs[TEST_ENGINE]}", strict=strict))


def _browser_modules_first(items: list[pytest.Item]) -> None:
    """The browser tests, which take most of the time, first: pytest-xdist hands whole modules
    (`--dist loadfile`) to its workers in the order of their first test, and the many short modules
    that come after them fill both workers to the end, instead of one long module of browser tests
    keeping one worker busy alone."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def _only_the_session_site(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On another engine, only the tests of the session's site run: the rest build with MkDocs
    or do not build at all, and already ran on MkDocs. So do not those marked engine_independent
    (the PDFs, which WeasyPrint makes before the engine runs; the comparison of the engines)."""
    kept = [
        item
        for item in items
        if "built_site" in getattr(item, "fixturenames", ()) and item.get_closest_marker("engine_independent") is None
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


# The tests of the built site that run on the other engines, by file and name: one or two of each
# thing an engine's HTML and scripts could break, from every module of browser tests (page structure,
# axe and page width per page type and per checklist, the header and drawer, search and its
# landings, checklists and their calendar file, offline, short links and anchors, the policy, the
# cards, the data files). The same set on both: Zensical's HTML and scripts are its own; ProperDocs
# makes the same bytes as MkDocs but the generator tag and the offline lists' byte counts
# (tests/test_engines.py compares every file), so every test passes there, and the whole set of
# the built site's tests twice over would keep the suite from its ten minutes on two cores.
SITE_SMOKE = frozenset(
    {
        "test_agenda_browser.py::test_zet_in_je_agenda_downloads_a_repeating_event_that_a_calendar_reads",
        "test_api.py::test_the_built_site_publishes_the_data",
        "test_build.py::test_build_output_and_release_label",
        "test_checklists.py::test_phone_no_sideways_scrolling_and_no_axe_violations",
        "test_checklists.py::test_ticks_survive_a_reload_and_are_stored_by_item_id_with_the_text_hash",
        "test_csp.py::test_no_page_type_breaks_the_policy",
        "test_embed_browser.py::test_a_card_shows_in_another_sites_frame",
        "test_offline.py::test_a_saved_guideline_opens_offline_with_its_chapters_checklists_and_search",
        "test_offline_manifest.py::test_the_built_list_and_controls_hold_to_the_contract",
        "test_one_thumb.py::test_the_first_checkbox_is_on_the_first_screen",
        "test_search.py::test_clicking_a_hit_lands_on_the_recommendation",
        "test_search.py::test_a_search_landing_marks_the_words_found_in_the_recommendation",
        "test_search.py::test_phone_full_screen_search_no_sideways_scrolling_no_axe_violations",
        "test_search.py::test_search_keeps_working_after_instant_navigation",
        "test_site.py::test_short_link_lands_on_the_anchor",
        "test_site.py::test_phone_no_sideways_scrolling_and_no_axe_violations",
        "test_site.py::test_page_requests_only_its_own_host",
        "test_site.py::test_a_chapter_loads_no_checklist_code_and_the_search_code_only_when_the_reader_searches",
        "test_site.py::test_the_phone_navigation_drawer_is_out_of_the_tab_order_until_opened_with_the_keyboard",
        "test_site_files.py::test_every_short_link_resolves_to_an_existing_page_and_anchor",
        "test_site_files.py::test_no_page_has_two_elements_with_one_id",
        "test_teksten.py::test_the_not_found_page_offers_search_and_the_guidelines",
    }
)
# Set to 1 to run every test of the built site on the other engine, not only its smoke set: by hand,
# before an engine or its version changes (ProperDocs: 167 tests, which took ten minutes beside the
# main run of scripts/test.sh).
WHOLE_SET_VARIABLE = "RICHTLIJNEN_TEST_WHOLE_SET"


def _only_the_smoke_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(WHOLE_SET_VARIABLE) == "1":
        return

    def name(item: pytest.Item) -> str:
        return f"{item.path.name}::{getattr(item, 'originalname', item.name)}"

    names = {name(item) for item in items}
    if not (config.option.keyword or config.option.markexpr):
        # Every test of the set in a file that was collected must be found: a renamed test must not
        # drop out unseen.
        files = {item.path.name for item in items}
        missing = {test for test in SITE_SMOKE if test.split("::")[0] in files} - names
        if missing:
            raise pytest.UsageError("SITE_SMOKE names tests that do not exist:\n" + "\n".join(sorted(missing)))
    kept = [item for item in items if name(item) in SITE_SMOKE]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def _playwright_installed() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return True


# A module of browser tests imports Playwright (or tests/browser.py, which does) at its top.
IMPORTS_PLAYWRIGHT = re.compile(r"^(?:from|import) (?:playwright|tests\.browser)\b", re.MULTILINE)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Without Playwright, a module of browser tests cannot even be imported: with `-m "not
    browser"` it is left out instead of failing the run. Such a module holds browser tests only
    (tests/test_standalone.py checks it), so nothing else is lost. Without that option it fails
    loudly, as it should."""
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    if "not browser" not in (config.option.markexpr or "") or _playwright_installed():
        return None
    return True if IMPORTS_PLAYWRIGHT.search(collection_path.read_text(encoding="utf-8")) else None


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The bundled publication, read once for every test that looks at it."""
    return read_corpus(REPO / "content", REPO / "checklists")


@pytest.fixture(scope="session")
def settings() -> SiteSettings:
    """The bundled mkdocs.yml (a module that needs a fixed build date or release overrides this)."""
    return read_site_settings(REPO / "mkdocs.yml")
