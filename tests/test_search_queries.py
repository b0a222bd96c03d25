"""The search tests' query set is realistic: large enough, with inflection pairs, and every answer
it expects is a recommendation or checklist item on the built site (tests/test_search.py runs it in Chromium)."""

from __future__ import annotations

from pathlib import Path

from tests.search_queries import answer_pages, load_queries


def test_query_set_is_realistic_and_large_enough(built_site: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 30
    assert {q.expect for q in queries} <= set(answer_pages(built_site))
    pairs = {q.pair for q in queries if q.pair}
    assert {"gezin", "plan", "jeugdige", "uithuisplaatsing", "crisisplan"} <= pairs
    # The new kind of answer: a checklist item, found by the words of its own text.
    assert sum("#" in q.expect for q in queries) >= 5
