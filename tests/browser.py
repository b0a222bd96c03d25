"""Helpers for tests that look at pages in Chromium."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Page

from tests.conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (from npm, injected from disk) against the page as it is now."""
    assert AXE.is_file(), "axe-core is not installed: run npm ci (scripts/test.sh does)"
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
