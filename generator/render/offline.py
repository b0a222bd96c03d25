"""Offline reading: the service worker's entry file, and what each "offline bewaren" group holds
as far as the model knows it.

A professional on a home visit may have no connection. `sw.js` sits at the root of the site, so
its scope is exactly this site (or this version's folder, `/<version>/`, when mike deploys it),
and it names the release, so a new release replaces its own cache and no other version's. The
worker's logic is the static assets/offline-worker.js, which sw.js imports; assets/offline.js
registers it and draws the controls.

What a save downloads is listed in `offline.json`, whose form is the contract between this
generator and the worker: generator/templates/offline/offline.schema.json states it, with the
rule for what a save downloads and so what its size counts. `MANIFEST_FORMAT` names that form; it
goes into offline.json and into sw.js, and the worker reads no list of another form. The file is
written once, complete, after MkDocs, Pagefind and the policy step (generator/write/offline.py),
because only the built site knows its hashed assets, search files, downloads and sizes; here is
only what the model knows: per guideline, its pages and short links (`offline_guidelines`).
`richtlijnen serve` has no such step: pages still cache as they are visited, but no control shows,
as its control files (`preview_control_files`) say what each page's control would save but not
how much.

A page that has a control (home, a guideline's overview and chapters) carries a hidden marker
where the control goes, naming a small file under `offline/`: the group it saves, its title and
its size. A page reads only that file, so what a page loads does not grow with the number of
guidelines; pages without a marker load nothing for offline reading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import jinja2

from generator.model.corpus import Corpus, Target
from generator.render.addresses import (
    CHECKLIST_OVERVIEW_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    Address,
    SiteMap,
    chapter_page,
    checklist_page,
    guideline_page,
    questionnaire_file,
    short_link_page,
)
from generator.render.settings import SiteSettings

SERVICE_WORKER_FILE = "sw.js"
OFFLINE_MANIFEST_FILE = "offline.json"
# The form of offline.json and of the control files: raise it with every change to
# generator/templates/offline/offline.schema.json (its `format` const; a test compares them).
MANIFEST_FORMAT = 3
PUBLICATION_GROUP = "publicatie"
PUBLICATION_TITLE = "Hele publicatie"
GUIDELINE_GROUP = "richtlijn:"
CONTROL_DIR = "offline"
PUBLICATION_CONTROL_FILE = f"{CONTROL_DIR}/publicatie.json"
# Saved with every guideline: the way in, and the glossary the chapters' abbreviations point to.
COMMON_PAGES = (Address(HOME_PAGE).url, Address(GLOSSARY_PAGE).url)


def guideline_control_file(guideline_id: str) -> str:
    """What a guideline's pages read to draw their control; ids are lowercase words and hyphens."""
    return f"{CONTROL_DIR}/richtlijn-{guideline_id}.json"


@dataclass(frozen=True)
class OfflineGuideline:
    """One guideline's "Richtlijn offline bewaren", as the model knows it: URLs relative to the
    site root, as the built pages have them (folder URLs)."""

    id: str
    title: str
    overview: str
    chapters: list[str]
    checklists: list[str]  # the checklists its recommendations feed, and their overview
    short_links: list[str]  # its ids' and its former ids' short links, which client files hold
    api_files: list[str]  # its checklists as FHIR Questionnaires, which an ECD may fetch by their URL

    @property
    def group(self) -> str:
        return GUIDELINE_GROUP + self.id

    @property
    def control(self) -> str:
        return guideline_control_file(self.id)


def render_offline_files(corpus: Corpus, sitemap: SiteMap, settings: SiteSettings, env: jinja2.Environment) -> dict[str, str]:
    """The worker's entry file; offline.json and the control files are written after the build."""
    worker = env.get_template("offline/sw.js.j2").render(
        release=settings.release, site_name=settings.site_name, manifest_format=MANIFEST_FORMAT
    )
    return {SERVICE_WORKER_FILE: worker}


def preview_control_files(release: str, guidelines: list[OfflineGuideline]) -> dict[str, str]:
    """The control files of `richtlijnen serve`'s preview, which has no last build step to count
    what a save takes. Each names its group without a size, so assets/offline.js draws no control;
    but every page finds the file its marker names, instead of a 404 on every view."""
    groups = [(PUBLICATION_CONTROL_FILE, PUBLICATION_GROUP, "publication", PUBLICATION_TITLE)]
    groups += [(g.control, g.group, "guideline", g.title) for g in guidelines]
    files = {}
    for file, group, kind, title in groups:
        control = {"format": MANIFEST_FORMAT, "release": release, "group": group, "kind": kind, "title": title}
        files[file] = json.dumps(control, ensure_ascii=False) + "\n"
    return files


def offline_guidelines(corpus: Corpus) -> list[OfflineGuideline]:
    """Per guideline, in the corpus's order, the pages its save holds."""
    index = corpus.index()
    # Grouped once: per guideline, walking the whole corpus made this quadratic in its size.
    ids_by_guideline: dict[str, list[str]] = {entry.guideline.id: [] for entry in corpus.guidelines}
    for target in corpus.targets():
        if target.guideline is not None:
            ids_by_guideline[target.guideline.id].append(target.id)
    for old, current in corpus.former_ids().items():
        owner = _guideline_id(index[current])
        if owner is not None:
            ids_by_guideline[owner].append(old)
    # The checklists each guideline feeds: a reader on a home visit ticks them offline.
    checklists_by_guideline: dict[str, list[str]] = {entry.guideline.id: [] for entry in corpus.guidelines}
    api_by_guideline: dict[str, list[str]] = {entry.guideline.id: [] for entry in corpus.guidelines}
    for checklist in corpus.checklists:
        fed = {_guideline_id(index[rec_id]) for item in checklist.all_items() for rec_id in item.cites}
        for guideline_id in checklists_by_guideline.keys() & fed:
            checklists_by_guideline[guideline_id].append(Address(checklist_page(checklist.id)).url)
            api_by_guideline[guideline_id].append(questionnaire_file(checklist.id))
    found = []
    for entry in corpus.guidelines:
        g = entry.guideline
        checklists = checklists_by_guideline[g.id]
        found.append(
            OfflineGuideline(
                id=g.id,
                title=g.title,
                overview=Address(guideline_page(g.slug)).url,
                chapters=[Address(chapter_page(g.slug, c.slug)).url for c in entry.chapters],
                checklists=[Address(CHECKLIST_OVERVIEW_PAGE).url, *checklists] if checklists else [],
                # Short links pasted into a client file must open offline too, former ids included.
                short_links=[short_link_page(target_id).removesuffix("index.html") for target_id in ids_by_guideline[g.id]],
                api_files=api_by_guideline[g.id],
            )
        )
    return found


def _guideline_id(target: Target) -> str | None:
    return target.guideline.id if target.guideline is not None else None
