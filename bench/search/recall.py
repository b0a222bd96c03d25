"""Recall@5 of the site search, Material's lunr search against Pagefind, measured in Chromium.

    .venv/bin/python bench/search/recall.py            # both engines, per-query table and totals
    .venv/bin/python bench/search/recall.py --engine pagefind --misses

Builds the site twice with `richtlijnen build`, each into its own scratch folder (build/ and site/
are not touched): once with Material's search plugin (`lang: nl`) switched on, once as mkdocs.yml
has it (Pagefind). Then it types every query of queries.yaml into the real search box of each site
in headless Chromium, waits for the results, and reads the first five result links in the order
they are shown. A query is a hit when one of them points at the expected recommendation's page
with `#<id>` as fragment (or the checklist item's, `#punt-<item>`): a link to the top of the page
does not count.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402

QUERIES = Path(__file__).with_name("queries.yaml")
TOP = 5
ENGINES: dict[str, list[object] | None] = {
    # Material's built-in search as it was configured before Pagefind: its plugin in MkDocs' plugins.
    "lunr": [{"search": {"lang": "nl"}}],
    # The site as `richtlijnen build` makes it: no search plugin, Pagefind index and assets/search.js.
    "pagefind": None,
}
RECOMMENDATION = re.compile(r'<div class="rl-aanbeveling"[^>]*>\s*<h[1-6] id="([^"]+)"')
CHECKLIST = re.compile(r'data-rl-checklist="([^"]+)"')
ITEM_ANCHOR = re.compile(r'<input type="checkbox"[^>]* id="punt-([^"]+)"')

# The first result links as shown: links inside a closed "more on this page" block are not shown.
SHOWN_LINKS = """(top) => [...document.querySelectorAll('.md-search-result__link')]
    .filter((a) => a.getClientRects().length > 0).slice(0, top).map((a) => a.href)"""


@dataclass(frozen=True)
class Query:
    query: str
    expect: str
    pair: str | None = None


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(**entry) for entry in data["queries"]]


def answer_pages(site: Path) -> dict[str, tuple[str, str]]:
    """Expected answer -> (URL path, anchor): a recommendation by its id on its chapter page, a
    checklist item as `<checklist id>#<item id>` on its checklist page (queries.yaml)."""
    pages: dict[str, tuple[str, str]] = {}
    for html in site.rglob("index.html"):
        relative = html.parent.relative_to(site).as_posix()
        if relative.startswith("r/"):
            continue
        path = "/" if relative == "." else f"/{relative}/"
        text = html.read_text(encoding="utf-8")
        for rec_id in RECOMMENDATION.findall(text):
            pages[rec_id] = (path, rec_id)
        checklist = CHECKLIST.search(text)
        if checklist:
            for item in ITEM_ANCHOR.findall(text):
                pages[f"{checklist[1]}#{item}"] = (path, f"punt-{item}")
    return pages


def rank_of(links: list[str], page_path: str, anchor: str) -> int | None:
    """1-based position of the first link to the answer's anchor (whatever ?zoek= it adds), or None."""
    for position, link in enumerate(links, start=1):
        url = urlparse(link)
        path = re.sub(r"index\.html$", "", unquote(url.path))
        if path == page_path and unquote(url.fragment) == anchor:
            return position
    return None


def build(engine: str, work: Path) -> Path:
    folder = work / engine
    config = work / f"{engine}.yml"
    settings = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(folder / "docs")}
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    site = folder / "site"
    command = [sys.executable, "-m", "generator", "build", "--config-file", str(config), "--site-dir", str(site)]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.exit(f"{engine}: build failed\n{completed.stdout}\n{completed.stderr}")
    plugins = ENGINES[engine]
    if plugins is None:
        return site
    # The plugins are the engine's setting, not mkdocs.yml's: MkDocs builds the same docs tree again
    # from the generated config, which holds everything, with these plugins instead.
    generated = yaml.safe_load((folder / "mkdocs.generated.yml").read_text(encoding="utf-8"))
    variant = folder / f"mkdocs.{engine}.yml"
    variant.write_text(yaml.safe_dump({**generated, "plugins": plugins}, allow_unicode=True, sort_keys=False), "utf-8")
    site = folder / f"site-{engine}"
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(variant), "-d", str(site)]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.exit(f"{engine}: MkDocs failed\n{completed.stdout}\n{completed.stderr}")
    return site


def search_lunr(page: Page, query: str) -> list[str]:
    """Type into Material's search box; its results settle when nothing changes for a while."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    seen: tuple[str, list[str]] | None = None
    stable_since = time.monotonic()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        meta = page.locator(".md-search-result__meta").inner_text()
        now = (meta, page.evaluate(SHOWN_LINKS, TOP))
        if now != seen:
            seen, stable_since = now, time.monotonic()
        elif "initialiseren" not in meta and time.monotonic() - stable_since > 0.6:
            return now[1]
        page.wait_for_timeout(100)
    raise TimeoutError(f"lunr: no stable results for {query!r}")


def search_pagefind(page: Page, query: str) -> list[str]:
    """Type into our search box; search.js marks the list with the query it answers."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    answered = page.locator("[data-rl-search-results]").and_(page.locator(f"[data-rl-query={_css_string(query)}]"))
    no_results = page.locator("[data-rl-search-status]", has_text="Geen resultaten gevonden")
    answered.or_(no_results).first.wait_for(timeout=10_000)
    links: list[str] = page.evaluate(SHOWN_LINKS, TOP)
    return links


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


SEARCHERS = {"lunr": search_lunr, "pagefind": search_pagefind}


def measure(engine: str, site: Path, queries: list[Query]) -> list[int | None]:
    pages = answer_pages(site)
    missing = sorted({q.expect for q in queries} - set(pages))
    if missing:
        sys.exit(f"queries.yaml expects answers the site does not have: {', '.join(missing)}")
    ranks: list[int | None] = []
    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page.goto(url, wait_until="networkidle")
        for q in queries:
            links = SEARCHERS[engine](page, q.query)
            ranks.append(rank_of(links, *pages[q.expect]))
        browser.close()
    return ranks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=sorted(ENGINES), action="append", help="only this engine (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list only the queries that missed")
    parser.add_argument("--work", type=Path, help="folder for the builds (default: a temporary folder)")
    args = parser.parse_args()
    engines = args.engine or list(ENGINES)
    queries = load_queries()

    with tempfile.TemporaryDirectory(prefix="zoekbench-") as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        ranks = {engine: measure(engine, build(engine, work), queries) for engine in engines}

    print(f"{'query':42} {'expected':24} " + " ".join(f"{e:>9}" for e in engines))
    for i, q in enumerate(queries):
        row = [ranks[e][i] for e in engines]
        if args.misses and all(r is not None for r in row):
            continue
        cells = " ".join(f"{('#' + str(r)) if r else 'miss':>9}" for r in row)
        print(f"{q.query:42} {q.expect:24} {cells}")
    print()
    for engine in engines:
        hits = sum(r is not None for r in ranks[engine])
        print(f"recall@{TOP} {engine:9} {hits}/{len(queries)} = {hits / len(queries):.1%}")


if __name__ == "__main__":
    main()
