"""The browser stack of the tests that look at pages in Chromium: Playwright, axe-core, and helpers.

Imported only by browser tests (marked `browser`), and by the `browser`, `page` and `phone`
fixtures of tests/conftest.py when such a test asks for one; the other tests run without
Playwright installed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.conftest import REPO

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
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Real headless Chromium, Debian's; one per test session (the `browser` fixture)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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


def desktop(browser: Browser) -> contextlib.AbstractContextManager[Page]:
    """The `page` fixture: a desktop window."""
    return policed(browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL"))


def phone_screen(browser: Browser) -> contextlib.AbstractContextManager[Page]:
    """The `phone` fixture: 375 px wide, touch."""
    return policed(browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"))


# Every finite animation or transition of the page has ended (an endless one, a spinner, never does).
SETTLED = """() => document.getAnimations().every(
  (a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity
)"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (from npm, injected from disk) against the page as it is now."""
    assert AXE.is_file(), "axe-core is not installed: run npm ci (scripts/test.sh does)"
    # The page as a reader sees it once it is still: a panel halfway through fading in has text
    # at part of its contrast (seen on a busy machine with the search overlay just opened).
    page.wait_for_function(SETTLED)
    # Evaluated through the DevTools protocol, not as a <script> tag: the pages' Content-Security-
    # Policy rightly refuses an inline script it has no hash for, and the test must not loosen it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [*WCAG_TAGS, "best-practice"],
    )
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def record_requests(page: Page) -> list[str]:
    """Every URL the page asks for from now on, including those of workers and failed ones."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def foreign(urls: list[str], site_url: str) -> list[str]:
    own = urlparse(site_url).netloc
    return [u for u in urls if urlparse(u).scheme in {"http", "https", "ws", "wss"} and urlparse(u).netloc != own]


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))
