"""The site search index: Pagefind, run on the freshly built site before it replaces the old one
(generator/build.py).

Pagefind stems Dutch, so gezin/gezinnen and plan/plannen find the same recommendation, which
Material's lunr search does not do (docs/beheer.md, "Search"). It indexes only the article of each
page, chosen here (ROOT) rather than marked in the templates, so the theme's container needs no
copy and every engine that builds Material's markup (MkDocs with Material, Zensical) gets the same
index. It writes `pagefind/` into the site; assets/search.js shows the results in the search overlay.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.write.site import run_tool

# What Pagefind reads of a page: the article, not the navigation, header or footer. A page without
# one (the short links' redirect pages under r/) is not indexed at all.
ROOT = "article.md-content__inner"
# The pages it reads: with directory URLs (generator/templates/mkdocs.engine.yml) every page is an
# index.html, except the engine's 404.html, which has an article too but nothing to find.
PAGES = "**/index.html"

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
    # A checklist item's "required" note and its sources: the same words under many items, and
    # a search for a recommendation's id should lead to the recommendation.
    ".rl-nodig",
    ".rl-bronnen",
    # The "Toelichting" heading has an id, so Pagefind would make it a section of its own and
    # send a hit in the explanation to #<id>-toelichting instead of to the recommendation.
    ".rl-toelichting h2",
    ".rl-toelichting h3",
    ".rl-toelichting h4",
)


def pagefind_command(site: Path) -> list[str]:
    """The indexer's command line for a built site (bench/run.py times it on its own)."""
    # The venv's interpreter, so the pinned pagefind package (and its binary) is the one that runs.
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        PAGES,
        "--root-selector",
        ROOT,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]


def index_search(site: Path) -> None:
    """Write `pagefind/` into the built site."""
    run_tool(pagefind_command(site), "Pagefind")
