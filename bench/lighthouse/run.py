"""Lighthouse 12 (mobile) on a chapter page, plus the page weight of a first visit. Run by hand:

    .venv/bin/richtlijnen build
    (cd bench/lighthouse && npm ci)
    .venv/bin/python bench/lighthouse/run.py [--page PATH] [--site DIR]
    # only the first-visit weight (no Lighthouse, no npm), of the chapter, a checklist and the home page:
    .venv/bin/python bench/lighthouse/run.py --weight-only --requests

The site is served from this machine with gzip, as GitHub Pages serves it, so the byte figures are
what a phone would download. The scores go in bench/README.md by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHROMIUM = "/usr/bin/chromium"
DEFAULT_PAGE = "uithuisplaatsing-en-terugplaatsing/voorkomen-van-uithuisplaatsing/"
# The pages whose first-visit weight bench/README.md records: a chapter, a checklist, the home page.
WEIGHT_PAGES = (DEFAULT_PAGE, "checklists/overdracht-na-crisishulp/", "")
LATE_REQUESTS_MS = 5000
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".pf_meta", ".pf_fragment", ".pf_index")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed when the browser accepts it, like GitHub Pages."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def page_weight(url: str) -> dict[str, Any]:
    """Bytes on the wire for a first visit with an empty cache (a fresh browser context), the number
    of responses, and each of them (address and bytes), to see what a page loads that it does not
    need. The bytes are Chromium's encodedDataLength: the gzip-encoded body plus the headers."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).new_page()
        client = page.context.new_cdp_session(page)
        client.send("Network.enable")
        sizes: dict[str, int] = {}
        addresses: dict[str, str] = {}
        client.on("Network.requestWillBeSent", lambda e: addresses.__setitem__(e["requestId"], e["request"]["url"]))
        client.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        page.goto(url, wait_until="networkidle")
        # Some requests come later, when the page is idle (Material's sitemap.xml for instant
        # navigation, the offline manifest); Lighthouse counts them too.
        page.wait_for_timeout(LATE_REQUESTS_MS)
        browser.close()
    # data: URIs (Material's inline icons) are no requests to the server.
    listed = [(addresses.get(key, "?"), size) for key, size in sizes.items() if not addresses.get(key, "").startswith("data:")]
    listed.sort(key=lambda item: -item[1])
    return {"requests": len(listed), "bytes": sum(size for _, size in listed), "list": listed}


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")


def lighthouse(url: str) -> dict[str, Any]:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit("Lighthouse is not installed: run (cd bench/lighthouse && npm ci)")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        flags = (
            "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
        )
        subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}"],
            check=True,
            env=env,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    scores: dict[str, Any] = {name: round(category["score"] * 100) for name, category in data["categories"].items()}
    scores["total-byte-weight"] = int(data["audits"]["total-byte-weight"]["numericValue"])
    scores["metrics"] = {metric: data["audits"][metric].get("displayValue", "") for metric in METRICS}
    # Where the main thread's time went, per script and per kind of work: what to look at when the
    # blocking time grows with the content.
    scores["bootup"] = [
        (item["url"], round(item["total"]), round(item["scripting"]))
        for item in data["audits"]["bootup-time"]["details"]["items"]
    ]
    scores["long_tasks"] = [
        (item["url"], round(item["startTime"]), round(item["duration"]))
        for item in data["audits"].get("long-tasks", {}).get("details", {}).get("items", [])
    ]
    scores["main_thread"] = [
        (item["groupLabel"], round(item["duration"])) for item in data["audits"]["mainthread-work-breakdown"]["details"]["items"]
    ]
    for name, category in data["categories"].items():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f" = {audit['displayValue']}" if audit.get("displayValue") else ""
                print(f"  {name}: {audit['id']} ({audit['score']}){shown}: {audit['title']}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--page", default=DEFAULT_PAGE)
    parser.add_argument("--requests", action="store_true", help="list every request of the first visit with its bytes")
    parser.add_argument("--runs", type=int, default=1, help="run Lighthouse this often and report the median (default: 1)")
    parser.add_argument("--details", action="store_true", help="where the main thread's time went, in the median run")
    parser.add_argument(
        "--weight-only",
        action="store_true",
        help="no Lighthouse: the first-visit weight of a chapter, a checklist and the home page",
    )
    args = parser.parse_args()
    if args.weight_only:
        with serve(args.site) as base:
            for page in WEIGHT_PAGES:
                weight = page_weight(base + page)
                print(f"{page or '(home page)'}: {weight['requests']} responses, {weight['bytes'] / 1024:.1f} KiB (gzip)")
                if args.requests:
                    for address, size in weight["list"]:
                        print(f"  {size / 1024:8.1f} KiB  {address.removeprefix(base)}")
        return
    with serve(args.site) as base:
        url = base + args.page
        weight = page_weight(url)
        runs = [lighthouse(url) for _ in range(args.runs)]
    print(f"page: {args.page}")
    print(f"first visit: {weight['requests']} requests, {weight['bytes'] / 1024:.1f} KiB transferred (gzip)")
    if args.requests:
        for address, size in weight["list"]:
            print(f"  {size / 1024:8.1f} KiB  {address.removeprefix(base)}")
    # The run with the median performance score, as Lighthouse's own docs advise for noisy scores.
    runs.sort(key=lambda r: r["performance"])
    median = runs[len(runs) // 2]
    if args.runs > 1:
        print(f"performance of each run: {', '.join(str(r['performance']) for r in runs)}; the median run:")
    print("  " + ", ".join(f"{name} {value}" for name, value in median["metrics"].items()))
    if args.details:
        print("  main thread, ms: " + ", ".join(f"{label} {ms}" for label, ms in median["main_thread"]))
        for address, total, scripting in median["bootup"]:
            print(f"  script {address.removeprefix(base)}: {total} ms ({scripting} ms running)")
        for address, start, duration in median["long_tasks"]:
            print(f"  long task at {start} ms: {duration} ms, {address.removeprefix(base)}")
    print("| category | score |\n|---|---|")
    for name in ("performance", "accessibility", "best-practices", "seo"):
        print(f"| {name} | {median[name]} |")


if __name__ == "__main__":
    main()
