"""How fast the site search answers, in Chromium, through the real search box. Run by hand:

    .venv/bin/python bench/search/latency.py --site site [--queries 20] [--rounds 2] [--cpu-slowdown 4]

Serves the built site on localhost, opens a page, types a warm-up query (that one loads Pagefind,
its WebAssembly and the index root, and is reported apart), then each of `--queries` queries from
queries.yaml, spread over the file. Per query it measures, in the page with performance.now(),
from the input event (the reader's last keystroke) until search.js has put the results into the
list (it then marks the list with `data-rl-query`; a MutationObserver sees that):

  total       what the reader waits, including the pause search.js makes after a keystroke
              (DEBOUNCE_MS) so that it does not search for every letter
  search      from the end of that pause: Pagefind's search, loading the index chunks and
              fragments it needs, search.js's ranking and putting the results on the page

The first round finds the index chunks of each query's words not yet loaded; later rounds repeat
the queries with them in the browser's cache. `--cpu-slowdown 4` makes Chromium's CPU 4× slower,
as Lighthouse does to emulate a mid-range phone.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402

QUERIES = Path(__file__).with_name("queries.yaml")
SEARCH_JS = REPO / "generator" / "templates" / "assets" / "search.js"
WARM_UP = "gezin"
TIMEOUT_MS = 30_000

# Notes when search.js's debounce timer fires, so `search` can be told from `total`. Installed
# before any page script runs; every other timer passes through untouched.
DEBOUNCE_HOOK = """(debounce) => {
  const setTimeoutOriginal = window.setTimeout;
  window.__rlDebounceFired = null;
  window.setTimeout = function (callback, delay, ...rest) {
    if (delay === debounce && typeof callback === "function") {
      const wrapped = function (...args) {
        window.__rlDebounceFired = performance.now();
        return callback.apply(this, args);
      };
      return setTimeoutOriginal.call(this, wrapped, delay, ...rest);
    }
    return setTimeoutOriginal.call(this, callback, delay, ...rest);
  };
}"""

# One query, typed the way fill() types it (one input event after the box holds the whole text).
# The box is emptied first, as a reader clears it, so the list has no answer left from before.
TYPE_AND_TIME = """async ([query, timeout]) => {
  const box = document.querySelector("[data-rl-search-input]");
  const list = document.querySelector("[data-rl-search-results]");
  const status = document.querySelector("[data-rl-search-status]");
  box.value = "";
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return await new Promise((resolve, reject) => {
    let started = 0;
    const observer = new MutationObserver(() => {
      if (list.getAttribute("data-rl-query") !== query) return;
      const done = performance.now();
      observer.disconnect();
      clearTimeout(guard);
      const fired = window.__rlDebounceFired;
      resolve({
        total: done - started,
        search: fired === null ? null : done - fired,
        status: status.textContent,
        links: list.querySelectorAll(".md-search-result__link").length,
      });
    });
    observer.observe(list, { attributes: true, attributeFilter: ["data-rl-query"] });
    const guard = setTimeout(() => { observer.disconnect(); reject(new Error("no answer for " + query)); }, timeout);
    window.__rlDebounceFired = null;
    box.value = query;
    started = performance.now();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
}"""


def pick_queries(count: int) -> list[str]:
    """`count` queries spread evenly over queries.yaml, so every part of the set is represented."""
    queries = [entry["query"] for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]
    if count >= len(queries):
        return queries
    return [queries[math.floor(i * len(queries) / count)] for i in range(count)]


def debounce_ms() -> int | None:
    match = re.search(r"DEBOUNCE_MS\s*=\s*(\d+)", SEARCH_JS.read_text(encoding="utf-8"))
    return int(match.group(1)) if match else None


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 20 values, p95 is the 19th smallest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarise(rows: list[dict[str, Any]], key: str) -> dict[str, float] | None:
    values = [row[key] for row in rows if row[key] is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "p95": percentile(values, 0.95), "max": max(values)}


def measure(page: Page, queries: list[str], rounds: int) -> dict[str, Any]:
    page.locator("[data-rl-search-input]").focus()  # opens the overlay, as a reader's tap does
    warm_up = page.evaluate(TYPE_AND_TIME, [WARM_UP, TIMEOUT_MS])
    results: list[dict[str, Any]] = []
    for round_number in range(1, rounds + 1):
        for query in queries:
            row = page.evaluate(TYPE_AND_TIME, [query, TIMEOUT_MS])
            results.append({"round": round_number, "query": query, **row})
    return {"warm_up": {"query": WARM_UP, **warm_up}, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True, help="a built site with its pagefind/ index")
    parser.add_argument("--page", default="", help="the page to search from (default: the home page)")
    parser.add_argument("--queries", type=int, default=20, help="how many queries from queries.yaml (default: 20)")
    parser.add_argument("--rounds", type=int, default=2, help="how often to type the whole set (default: 2)")
    parser.add_argument("--cpu-slowdown", type=float, default=1, help="Chromium's CPU this many times slower (default: 1)")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args()
    if not (args.site / "pagefind" / "pagefind.js").is_file():
        sys.exit(f"{args.site} has no Pagefind index (pagefind/pagefind.js)")

    queries = pick_queries(args.queries)
    debounce = debounce_ms()
    with serve_directory(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        if debounce is not None:
            context.add_init_script(f"({DEBOUNCE_HOOK})({debounce})")
        page = context.new_page()
        if args.cpu_slowdown != 1:
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": args.cpu_slowdown})
        page.goto(base + args.page, wait_until="networkidle")
        measured = measure(page, queries, args.rounds)
        browser.close()

    rows = measured["results"]
    print(f"{'round':>5} {'query':40} {'total ms':>9} {'search ms':>10}  status")
    for row in rows:
        after_pause = f"{row['search']:.1f}" if row["search"] is not None else "?"
        print(f"{row['round']:>5} {row['query']:40} {row['total']:>9.1f} {after_pause:>10}  {row['status']}")
    warm = measured["warm_up"]
    print(f"\nwarm-up {warm['query']!r} (loads Pagefind): {warm['total']:.0f} ms; debounce: {debounce} ms")
    summary: dict[str, Any] = {}
    print("\n| round | queries | total median | total p95 | search median | search p95 |\n|---|---:|---:|---:|---:|---:|")
    for label, selected in [("first", [r for r in rows if r["round"] == 1]), ("again", [r for r in rows if r["round"] > 1])]:
        total, search = summarise(selected, "total"), summarise(selected, "search")
        if total is None:
            continue
        summary[label] = {"total": total, "search": search}
        shown = f"{search['median']:.0f} ms | {search['p95']:.0f} ms" if search else "? | ?"
        print(f"| {label} | {len(selected)} | {total['median']:.0f} ms | {total['p95']:.0f} ms | {shown} |")
    if args.json:
        report = {
            "site": str(args.site),
            "cpu_slowdown": args.cpu_slowdown,
            "debounce_ms": debounce,
            **measured,
            "summary": summary,
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
