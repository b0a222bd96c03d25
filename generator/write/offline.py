"""Complete offline.json in the built site with what only the built site knows.

The generator writes offline.json with the pages of each guideline (generator/render/offline.py).
Which files the theme loads (Material's names carry a content hash), which files Pagefind wrote,
and which pages a release added are known only after MkDocs and Pagefind ran, so this runs as the
last `build_site` step, on the scratch folder, before it replaces the site. It adds:

- `site.pages`: every page, as its folder URL, short links and release pages included;
- `site.assets`: every file a page loads (stylesheets, scripts, icon), and sitemap.xml, which
  Material's instant navigation reads before it fetches a page;
- `site.search`: the Pagefind files the search box loads (not Pagefind's own UI, unused here);
- `site.downloads`: the PDFs, saved with the whole publication; and per guideline, `downloads`:
  the PDFs its pages link to (its own pocket guide, its checklists' sheets);
- `sizes`: bytes per group, so the control can say how much a save takes.

It then writes the small file of each control again (generator/render/offline.py), with the size.

All URLs are relative to the site root, so the same file serves `/` and `/<version>/`.
"""

from __future__ import annotations

import json
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.render.addresses import CHECKLIST_OVERVIEW_PAGE, Address
from generator.render.offline import GUIDELINE_GROUP, OFFLINE_MANIFEST_FILE, PUBLICATION_GROUP, controls

PAGEFIND_DIR = "pagefind"
PAGEFIND_RUNTIME = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
PAGEFIND_CHUNKS = ("index", "fragment", "filter")
DOWNLOADS_DIR = "downloads"
CHECKLIST_OVERVIEW_URL = Address(CHECKLIST_OVERVIEW_PAGE).url
# Tags whose address a page loads by itself (links to other pages are saved as pages, or not).
LOADED = {"link": "href", "script": "src", "img": "src"}
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload"}


def offline_files_step() -> list[str]:
    """This module as a `build_site` extra step; `{site}` is the scratch folder MkDocs built into."""
    return [sys.executable, "-m", "generator.write.offline", "{site}"]


def complete_manifest(site: Path) -> dict[str, Any]:
    manifest_file = site / OFFLINE_MANIFEST_FILE
    manifest: dict[str, Any] = json.loads(manifest_file.read_text(encoding="utf-8"))
    pages = sorted(_folder_url(site, index) for index in site.rglob("index.html"))
    assets: set[str] = set()
    for index in site.rglob("index.html"):
        assets.update(_loaded_files(site, index))
    if (site / "sitemap.xml").is_file():
        assets.add("sitemap.xml")
    manifest["site"] = {
        "pages": pages,
        "assets": sorted(assets),
        "search": _search_files(site),
        "downloads": sorted(_relative(site, p) for p in (site / DOWNLOADS_DIR).rglob("*") if p.is_file()),
    }
    for g in manifest["guidelines"]:
        # Not the checklist overview, which links every checklist's sheet.
        own = [g["overview"], *g["chapters"], *(u for u in g["checklists"] if u != CHECKLIST_OVERVIEW_URL)]
        g["downloads"] = _linked_downloads(site, own)
    manifest["sizes"] = _sizes(site, manifest)
    manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for path, control in controls(manifest).items():
        (site / path).write_text(json.dumps(control, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _relative(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def _folder_url(site: Path, index: Path) -> str:
    folder = _relative(site, index.parent)
    return "" if folder == "." else folder + "/"


class _Addresses(HTMLParser):
    """The addresses a page loads by itself, and those of the downloads it links to."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.linked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.linked.append(str(values["href"]))
        attribute = LOADED.get(tag)
        if attribute is None or not values.get(attribute):
            return
        if tag == "link" and not set((values.get("rel") or "").lower().split()) & LOADED_LINK_RELS:
            return
        self.loaded.append(str(values[attribute]))


def _addresses(page: Path) -> _Addresses:
    parser = _Addresses()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _files(site: Path, page: Path, addresses: list[str]) -> set[str]:
    """The addresses that name a file of this site (not a page), relative to the site root."""
    base = _relative(site, page.parent)
    found: set[str] = set()
    for address in addresses:
        address = address.split("#", 1)[0].split("?", 1)[0]
        if not address or "//" in address or address.startswith("/") or ":" in address.split("/", 1)[0]:
            continue  # another host, or a path outside this (version's) folder
        path = posixpath.normpath(posixpath.join(base, address))
        if not path.startswith("../") and (site / path).is_file() and not path.endswith(".html"):
            found.add(path)
    return found


def _loaded_files(site: Path, page: Path) -> set[str]:
    return _files(site, page, _addresses(page).loaded)


def _linked_downloads(site: Path, page_urls: list[str]) -> list[str]:
    """The PDFs these pages link to: a guideline's own pocket guide, its checklists' sheets."""
    found: set[str] = set()
    for url in page_urls:
        page = site / url / "index.html"
        if page.is_file():
            found |= {f for f in _files(site, page, _addresses(page).linked) if f.startswith(DOWNLOADS_DIR + "/")}
    return sorted(found)


def _search_files(site: Path) -> list[str]:
    folder = site / PAGEFIND_DIR
    entry_file = folder / "pagefind-entry.json"
    if not entry_file.is_file():
        return []
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    wasm = [f"wasm.{language['wasm']}.pagefind" for language in entry.get("languages", {}).values() if language.get("wasm")]
    files = [folder / name for name in (*PAGEFIND_RUNTIME, *wasm)]
    files += sorted(folder.glob("*.pf_meta"))
    for chunks in PAGEFIND_CHUNKS:
        files += sorted(p for p in (folder / chunks).rglob("*") if p.is_file())
    return [_relative(site, f) for f in files if f.is_file()]


def _sizes(site: Path, manifest: dict[str, Any]) -> dict[str, int]:
    """What each save downloads, as assets/offline-worker.js plans it (planFor)."""

    def size(url: str) -> int:
        path = site / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.stat().st_size if path.is_file() else 0

    listing = manifest["site"]
    shared = [*listing["assets"], *listing["search"], OFFLINE_MANIFEST_FILE, manifest["control"]]
    all_controls = [g["control"] for g in manifest["guidelines"]]
    sizes = {PUBLICATION_GROUP: sum(size(u) for u in {*listing["pages"], *listing["downloads"], *shared, *all_controls})}
    for g in manifest["guidelines"]:
        urls = {g["overview"], *g["chapters"], *g["checklists"], *g["short_links"], *g["downloads"], *manifest["common"], *shared}
        sizes[GUIDELINE_GROUP + g["id"]] = sum(size(u) for u in {*urls, g["control"]})
    return sizes


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("gebruik: python -m generator.write.offline SITE", file=sys.stderr)
        return 2
    complete_manifest(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
