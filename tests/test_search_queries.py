"""The search tests' query set is realistic: large enough, with inflection pairs, and every answer
it expects is a recommendation on the built site (tests/test_search.py runs it in Chromium)."""

from __future__ import annotations

from pathlib import Path

from tests.search_queries import load_queries, recommendation_pages


def test_query_set_is_realistic_and_large_enough(built_site: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 30
    assert {q.expect for q in queries} <= set(recommendation_pages(built_site))
    pairs = {q.pair for q in queries if q.pair}
    assert {"gezin", "plan", "jeugdige", "uithuisplaatsing"} <= pairs
