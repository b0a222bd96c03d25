"""Write offline.json and the control files into the built site: once, complete, with their sizes.

The last step of a build (generator/build.py), on the scratch folder before it replaces the site:
after MkDocs, Pagefind and the policy step, because what a save downloads, and how many bytes,
is known only then. The form of the files is generator/templates/offline/offline.schema.json,
the contract with the worker (assets/offline-worker.js); in short:

- `shared`: every file a page loads (stylesheets, scripts, icon), the site's own scripts and
  stylesheets also where no page names them (assets/on-demand.js loads the search's on first
  use), and sitemap.xml, which Material's instant navigation reads before it fetches a page; the
  Pagefind files the search box loads (not Pagefind's own UI, unused here); offline.json itself and the publication's control;
- `groups`: the whole publication (every page, every download, the publication as data under
  api/, and the guidelines' controls, so that each control shows offline), and per guideline its
  pages, checklists and short links (generator/render/offline.py), the PDFs its pages link to
  (its own pocket guide, its checklists' sheets), the home page, the glossary and its control;
- per group, `size`: the bytes of `pages` + `files` + `shared`, each address once. The files
  written here count too, so the sizes are settled first and everything is then written once.

All addresses are relative to the site root, so the same file serves `/` and `/<version>/`.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.render.addresses import API_DIR, CHECKLIST_OVERVIEW_PAGE, DOWNLOADS_DIR, Address
from generator.render.offline import (
    COMMON_PAGES,
    MANIFEST_FORMAT,
    OFFLINE_MANIFEST_FILE,
    PUBLICATION_CONTROL_FILE,
    PUBLICATION_GROUP,
    PUBLICATION_TITLE,
    OfflineGuideline,
)
from generator.render.site import asset_paths

PAGEFIND_DIR = "pagefind"
# pagefind-highlight.js: a page reached from a search result marks the words found (assets/search.js).
PAGEFIND_RUNTIME = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind-highlight.js")
PAGEFIND_CHUNKS = ("index", "fragment", "filter")
CHECKLIST_OVERVIEW_URL = Address(CHECKLIST_OVERVIEW_PAGE).url
# Tags whose address a page loads by itself (links to other pages are saved as pages, or not).
LOADED = {"link": "href", "script": "src", "img": "src"}
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload"}
# Each round writes the sizes of the last into the files; the digits settle within a few rounds.
SIZE_ROUNDS = 10


def write_offline_files(site: Path, release: str, guidelines: list[OfflineGuideline]) -> None:
    """offline.json and every control file, each written once."""
    for path, text in offline_files(site, offline_manifest(site, release, guidelines)).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")


def offline_manifest(site: Path, release: str, guidelines: list[OfflineGuideline]) -> dict[str, Any]:
    """The manifest of the built site, without the sizes (offline_files settles them)."""
    indexes = sorted(site.rglob("index.html"))
    pages = sorted(_folder_url(site, index) for index in indexes)
    assets: set[str] = set()
    for index in indexes:
        assets.update(_loaded_files(site, index))
    assets.update(path for path in asset_paths() if (site / path).is_file())
    if (site / "sitemap.xml").is_file():
        assets.add("sitemap.xml")
    downloads = sorted(_relative(site, p) for p in (site / DOWNLOADS_DIR).rglob("*") if p.is_file())
    # The publication as data: "Hele publicatie" saves everything; a guideline's save is for reading.
    data = sorted(_relative(site, p) for p in (site / API_DIR).rglob("*") if p.is_file())
    groups: list[dict[str, Any]] = [
        {
            "id": PUBLICATION_GROUP,
            "kind": "publication",
            "title": PUBLICATION_TITLE,
            "start": "",
            "control": PUBLICATION_CONTROL_FILE,
            "pages": [*pages, *downloads, *data],
            "files": [g.control for g in guidelines],
        }
    ]
    for g in guidelines:
        # Not the checklist overview's, which links every checklist's sheet.
        own = [g.overview, *g.chapters, *(u for u in g.checklists if u != CHECKLIST_OVERVIEW_URL)]
        groups.append(
            {
                "id": g.group,
                "kind": "guideline",
                "title": g.title,
                "start": g.overview,
                "control": g.control,
                "pages": _unique([g.overview, *g.chapters, *g.checklists, *g.short_links, *_linked_downloads(site, own)]),
                "files": _unique([*COMMON_PAGES, g.control]),
            }
        )
    shared = [*sorted(assets), *_search_files(site), OFFLINE_MANIFEST_FILE, PUBLICATION_CONTROL_FILE]
    return {"format": MANIFEST_FORMAT, "release": release, "shared": shared, "groups": groups}


def downloaded(manifest: dict[str, Any], group: dict[str, Any]) -> list[str]:
    """What a save of `group` downloads: the rule of offline.schema.json, as planFor in
    assets/offline-worker.js applies it."""
    return _unique([*group["pages"], *group["files"], *manifest["shared"]])


def control(manifest: dict[str, Any], group: dict[str, Any]) -> dict[str, Any]:
    """The small file a page with the group's marker reads."""
    keys = ("kind", "title", "size")
    return {"format": manifest["format"], "release": manifest["release"], "group": group["id"], **{k: group[k] for k in keys}}


def offline_files(site: Path, manifest: dict[str, Any]) -> dict[str, str]:
    """offline.json and the control files, by path, with each group's size in them. The sizes
    count these files as written, so they are settled first: each round writes the last round's."""
    on_disk: dict[str, int] = {}

    def size(url: str, texts: dict[str, str]) -> int:
        if url in texts:
            return len(texts[url].encode("utf-8"))
        if url not in on_disk:
            path = site / url / "index.html" if url == "" or url.endswith("/") else site / url
            on_disk[url] = path.stat().st_size if path.is_file() else 0
        return on_disk[url]

    sizes = {group["id"]: 0 for group in manifest["groups"]}
    for _ in range(SIZE_ROUNDS):
        texts = _serialised(manifest, sizes)
        settled = {group["id"]: sum(size(url, texts) for url in downloaded(manifest, group)) for group in manifest["groups"]}
        if settled == sizes:
            return texts
        sizes = settled
    raise AssertionError(f"the sizes in {OFFLINE_MANIFEST_FILE} did not settle")


def _serialised(manifest: dict[str, Any], sizes: dict[str, int]) -> dict[str, str]:
    complete = {**manifest, "groups": [{**group, "size": sizes[group["id"]]} for group in manifest["groups"]]}
    texts = {OFFLINE_MANIFEST_FILE: json.dumps(complete, ensure_ascii=False, indent=1) + "\n"}
    for group in complete["groups"]:
        texts[group["control"]] = json.dumps(control(complete, group), ensure_ascii=False) + "\n"
    return texts


def _unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(urls))


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
