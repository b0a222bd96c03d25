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


@dataclass(frozen=True)
class Query:
    query: str
    expect: str
    pair: str | None = None


def load_queries() -> list[Query]:
    return [Query(**entry) for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]


def recommendation_pages(site: Path) -> dict[str, str]:
    """Recommendation id -> URL path (from the site root) of the chapter page that shows it."""
    pages: dict[str, str] = {}
    for html in site.rglob("index.html"):
        relative = html.parent.relative_to(site).as_posix()
        if not relative.startswith("r/"):
            pages.update(dict.fromkeys(RECOMMENDATION.findall(html.read_text(encoding="utf-8")), f"{relative}/"))
    return pages
