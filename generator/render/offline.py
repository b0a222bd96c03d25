"""Offline reading: the service worker's entry file and the list of what "offline bewaren" saves.

A professional on a home visit may have no connection. `sw.js` sits at the root of the site, so
its scope is exactly this site (or this version's folder, `/<version>/`, when mike deploys it),
and it names the release, so a new release replaces its own cache and no other version's. The
worker's logic is the static assets/offline-worker.js, which sw.js imports; assets/offline.js
registers it and draws the controls.

`offline.json` lists, per guideline, the pages that "Richtlijn offline bewaren" saves. After
MkDocs and Pagefind ran, generator/write/offline.py adds what only the built site knows: every
page, the theme's hashed assets, the search index files and the downloads. Without that step
(`richtlijnen serve`) the pages still cache as they are visited, but no control is shown.

A page that has a control (home, a guideline's overview and chapters) carries a hidden marker
where the control goes, naming a small file under `offline/`: the group it saves, its title and,
after the build, its size. A page reads only that file, so what a page loads does not grow with
the number of guidelines; pages without a marker load nothing for offline reading.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2

from generator.model.corpus import Corpus, Target
from generator.render.addresses import (
    CHECKLIST_OVERVIEW_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    Address,
    SiteMap,
    chapter_page,
    guideline_page,
    short_link_page,
)
from generator.render.settings import SiteSettings

SERVICE_WORKER_FILE = "sw.js"
OFFLINE_MANIFEST_FILE = "offline.json"
MANIFEST_FORMAT = 2
PUBLICATION_GROUP = "publicatie"
GUIDELINE_GROUP = "richtlijn:"
CONTROL_DIR = "offline"
PUBLICATION_CONTROL_FILE = f"{CONTROL_DIR}/publicatie.json"


def guideline_control_file(guideline_id: str) -> str:
    """What a guideline's pages read to draw their control; ids are lowercase words and hyphens."""
    return f"{CONTROL_DIR}/richtlijn-{guideline_id}.json"


def render_offline_files(corpus: Corpus, sitemap: SiteMap, settings: SiteSettings, env: jinja2.Environment) -> dict[str, str]:
    worker = env.get_template("offline/sw.js.j2").render(release=settings.release, site_name=settings.site_name)
    manifest = offline_manifest(corpus, sitemap, settings)
    return {
        SERVICE_WORKER_FILE: worker,
        OFFLINE_MANIFEST_FILE: json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
        **{path: json.dumps(control, ensure_ascii=False) + "\n" for path, control in controls(manifest).items()},
    }


def controls(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The small file per control, by path; with `size` only once the build completed the manifest."""
    sizes = manifest.get("sizes")
    release = {"format": manifest["format"], "release": manifest["release"]}
    found = {manifest["control"]: {**release, "group": PUBLICATION_GROUP, "kind": "publication"}}
    for g in manifest["guidelines"]:
        found[g["control"]] = {**release, "group": GUIDELINE_GROUP + g["id"], "kind": "guideline", "title": g["title"]}
    if sizes is not None:
        for control in found.values():
            control["size"] = sizes[control["group"]]
    return found


def offline_manifest(corpus: Corpus, sitemap: SiteMap, settings: SiteSettings) -> dict[str, Any]:
    """URLs relative to the site root, as the built pages have them (directory URLs)."""
    index = corpus.index()
    # Grouped once: per guideline, walking the whole corpus made this quadratic in its size.
    ids_by_guideline: dict[str, list[str]] = {entry.guideline.id: [] for entry in corpus.guidelines}
    for target in corpus.targets():
        if target.guideline is not None:
            ids_by_guideline[target.guideline.id].append(target.id)
    for old, current in sitemap.former.items():
        owner = _guideline_id(index[current])
        if owner is not None:
            ids_by_guideline[owner].append(old)
    # The checklists each guideline feeds: a reader on a home visit ticks them offline.
    checklists_by_guideline: dict[str, list[str]] = {entry.guideline.id: [] for entry in corpus.guidelines}
    for checklist in corpus.checklists:
        fed = {_guideline_id(index[rec_id]) for item in checklist.all_items() for rec_id in item.cites}
        for guideline_id in checklists_by_guideline.keys() & fed:
            checklists_by_guideline[guideline_id].append(Address(sitemap.resolve(checklist.id).page).url)
    guidelines: list[dict[str, object]] = []
    for entry in corpus.guidelines:
        g = entry.guideline
        checklists = checklists_by_guideline[g.id]
        # Short links pasted into a client file must open offline too, former ids included.
        own = ids_by_guideline[g.id]
        guidelines.append(
            {
                "id": g.id,
                "title": g.title,
                "overview": Address(guideline_page(g.slug)).url,
                "chapters": [Address(chapter_page(g.slug, c.slug)).url for c in entry.chapters],
                "checklists": [Address(CHECKLIST_OVERVIEW_PAGE).url, *checklists] if checklists else [],
                "short_links": [short_link_page(target_id).removesuffix("index.html") for target_id in own],
                "control": guideline_control_file(g.id),
            }
        )
    return {
        "format": MANIFEST_FORMAT,
        "release": settings.release,
        # Saved with every guideline: the way in, and the glossary the chapters' abbreviations point to.
        "common": [Address(HOME_PAGE).url, Address(GLOSSARY_PAGE).url],
        "control": PUBLICATION_CONTROL_FILE,
        "guidelines": guidelines,
    }


def _guideline_id(target: Target) -> str | None:
    return target.guideline.id if target.guideline is not None else None
