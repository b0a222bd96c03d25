"""The site search index: Pagefind, run on the freshly built site before it replaces the old one.

Pagefind stems Dutch, so gezin/gezinnen and plan/plannen find the same recommendation, which
Material's lunr search does not do (README, "Search"). It indexes only the `data-pagefind-body`
article of each page (generator/templates/overrides/main.html) and writes `pagefind/` into the site;
assets/search.js shows the results in Material's search overlay.
"""

from __future__ import annotations

import sys

# Left out of the index, each for a reason a reader would notice in the results:
EXCLUDED = (
    # Checklist pages repeat the full text of every recommendation an item cites; a search should
    # lead to the recommendation itself, not to a copy in a collapsed block.
    ".rl-brontekst",
    # The word-level diffs on a release's "Wat is er veranderd" page: old and new text again.
    ".rl-diff",
    # "Kopieer link" and "Reageer" under every recommendation would match everywhere.
    ".rl-acties",
    # The line under each title (guideline, publication version) and the print header of a
    # checklist (version, build date, address): about the page, not what it says.
    ".rl-context",
    ".rl-printkop",
    # The "Toelichting" heading has an id, so Pagefind would make it a section of its own and
    # send a hit in the explanation to #<id>-toelichting instead of to the recommendation.
    ".rl-toelichting h2",
    ".rl-toelichting h3",
    ".rl-toelichting h4",
)


def search_index_step() -> list[str]:
    """The indexer as a `build_site` extra step; `{site}` is the scratch folder MkDocs built into."""
    # The venv's interpreter, so the pinned pagefind package (and its binary) is the one that runs.
    return [sys.executable, "-m", "pagefind", "--site", "{site}", "--exclude-selectors", ", ".join(EXCLUDED)]
