"""The search tests' query set (bench/search/queries.yaml) and the pages its answers are on: shared
by tests/test_search.py, which types it into the search in Chromium, and
tests/test_search_queries.py, which checks the set itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.conftest import REPO

QUERIES = REPO / "bench" / "search" / "queries.yaml"
RECOMMENDATION = re.compile(r'<div class="rl-aanbeveling"[^>]*>\s*<h[1-6] id="([^"]+)"')
# A checklist page names its checklist, and each item's checkbox carries the item's anchor.
CHECKLIST = re.compile(r'data-rl-checklist="([^"]+)"')
ITEM_ANCHOR = re.compile(r'<input type="checkbox"[^>]* id="punt-([^"]+)"')


@dataclass(frozen=True)
class Query:
    query: str
    expect: str
    pair: str | None = None


def load_queries() -> list[Query]:
    return [Query(**entry) for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]


def answer_pages(site: Path) -> dict[str, tuple[str, str]]:
    """Every answer a query may expect -> (URL path from the site root, anchor): a recommendation
    by its id on its chapter page, a checklist item as `<checklist id>#<item id>` on its checklist."""
    pages: dict[str, tuple[str, str]] = {}
    for html in site.rglob("index.html"):
        relative = html.parent.relative_to(site).as_posix()
        if relative.startswith("r/"):
            continue
        text = html.read_text(encoding="utf-8")
        pages.update({rec_id: (f"{relative}/", rec_id) for rec_id in RECOMMENDATION.findall(text)})
        checklist = CHECKLIST.search(text)
        if checklist:
            items = ITEM_ANCHOR.findall(text)
            pages.update({f"{checklist[1]}#{item}": (f"{relative}/", f"punt-{item}") for item in items})
    return pages
