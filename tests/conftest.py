from __future__ import annotations

import contextlib
import functools
import http.server
import mimetypes
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

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


# --- The built site, served on localhost, and real headless Chromium --------------------------
# One site build per test session: every browser test shares it.

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own background traffic would otherwise show up as requests to other hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


mimetypes.add_type("application/wasm", ".wasm")  # Pagefind loads WebAssembly


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_site_into(site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir), *extra],
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    completed = build_site_into(site)
    assert completed.returncode == 0, completed.stderr
    return site


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
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Every page of every browser test runs under the site's Content-Security-Policy; whatever a test
# does, nothing it makes the page do may break the policy (tests/test_csp.py tests the policy itself).
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__rlReportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''} (${location.pathname})`);
});
"""


@contextlib.contextmanager
def policed(context: BrowserContext) -> Iterator[Page]:
    violations: list[str] = []
    context.expose_binding("__rlReportViolation", lambda _source, text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    yield context.new_page()
    context.close()
    assert violations == [], violations


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with policed(browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")) as opened:
        yield opened


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL")
    with policed(context) as opened:
        yield opened
