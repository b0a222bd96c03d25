"""Render the MkDocs source tree (Markdown pages, short-link pages, assets) in memory.

The pages format the view model (render/view.py, through the page views of render/pages.py) with
the Markdown filters of render/site_markdown.py; addresses come from render/addresses.py."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator.model.corpus import Corpus
from generator.parallel import in_two_processes
from generator.render.addresses import (
    ABOUT_PAGE,
    CHECKLIST_OVERVIEW_PAGE,
    GLOSSARY_PAGE,
    Address,
    SiteMap,
    chapter_page,
    guideline_page,
    short_link_page,
)
from generator.render.embed import render_embed_cards
from generator.render.engine import engine_config
from generator.render.offline import render_offline_files
from generator.render.pages import SitePages
from generator.render.sanitise import EXTENSION_NAME as SANITISE_EXTENSION
from generator.render.settings import SiteSettings
from generator.render.site_markdown import Page, markdown_environment
from generator.render.teksten import tekst
from generator.render.templates import TEMPLATES_DIR
from generator.render.view import publication_view

SITE_TEMPLATES = TEMPLATES_DIR
ASSETS_DIR = SITE_TEMPLATES / "assets"
KIND_LABEL = {
    "richtlijn": tekst("doorverwijzing.soort.richtlijn"),
    "bouwsteen": tekst("doorverwijzing.soort.bouwsteen"),
    "uitgangsvraag": tekst("doorverwijzing.soort.uitgangsvraag"),
    "aanbeveling": tekst("doorverwijzing.soort.aanbeveling"),
    "begrip": tekst("doorverwijzing.soort.begrip"),
    "checklist": tekst("doorverwijzing.soort.checklist"),
}

# Path inside the docs tree -> file content. Only the writer turns this into files.
DocsTree = dict[str, str | bytes]


@dataclass(frozen=True)
class Redirect:
    id: str
    target: str
    title: str
    note: str
    label: str


def render_docs_tree(
    corpus: Corpus, settings: SiteSettings, *, downloads: bool = True, changes: Address | None = None
) -> DocsTree:
    """`downloads`: whether the PDFs will be in the tree, so pages may link to them. `changes`: a
    release's change page, which the home page then links to."""
    # Built before the halves part: the view model and its indexes are walks over the corpus.
    view = publication_view(corpus, settings)
    pages = SitePages(view, settings, downloads=downloads, changes=changes)
    env = markdown_environment(view.sitemap, TEMPLATES_DIR / "pages", TEMPLATES_DIR)

    def page(template: str, page_view: Page) -> tuple[str, str]:
        return page_view.path, _tidy(env.get_template(template).render(page=page_view))

    def reading_pages() -> DocsTree:
        tree: DocsTree = dict([page("home.md.j2", pages.home())])
        tree.update(page("guideline.md.j2", guideline) for guideline in pages.guidelines())
        tree.update(page("chapter.md.j2", chapter) for chapter in pages.chapters())
        tree.update([page("glossary.md.j2", pages.glossary())])
        tree.update([page("about.md.j2", pages.about())])
        return tree

    def checklists_and_links() -> DocsTree:
        tree: DocsTree = {}
        if view.checklists:
            tree.update([page("checklists.md.j2", pages.checklist_overview())])
            tree.update(page("checklist.md.j2", checklist) for checklist in pages.checklists())
        tree.update(render_short_links(corpus, view.sitemap, env))
        tree.update(render_embed_cards(view))
        tree.update(render_offline_files(corpus, view.sitemap, settings, env))
        tree.update(_assets())
        if settings.logo is not None:
            tree[logo_path(settings)] = settings.logo.read_bytes()
        return tree

    # Two halves of about equal work at scale (0.6 s and 0.5 s at 100x content, bench/).
    first, second = in_two_processes(reading_pages, checklists_and_links)
    return {**first, **second}


def render_short_links(corpus: Corpus, sitemap: SiteMap, env: jinja2.Environment) -> DocsTree:
    """`r/<id>/index.html` for every id, and for every former id, pointing at the current place."""
    template = env.get_template("redirect.html.j2")
    index = corpus.index()
    out: DocsTree = {}
    ids = [(t.id, t.id) for t in corpus.targets() if t.kind != "begrip"]
    ids += list(sitemap.former.items())
    for short_id, current_id in ids:
        path = short_link_page(short_id)
        target = index[current_id]
        label = tekst("doorverwijzing.doel", soort=KIND_LABEL[target.kind], id=current_id)
        moved = short_id != current_id
        redirect = Redirect(
            id=short_id,
            target=sitemap.url_from(path, current_id),
            title=tekst("doorverwijzing.titel", doel=label),
            note=tekst("doorverwijzing.hernoemd", oud=short_id, nieuw=current_id) if moved else tekst("doorverwijzing.actueel"),
            label=label,
        )
        out[path] = template.render(redirect=redirect)
    return out


def render_mkdocs_config(
    settings: SiteSettings,
    corpus: Corpus,
    build_dir: Path,
    extra_nav: list[object] | None = None,
    extra: dict[str, object] | None = None,
) -> str:
    """The whole MkDocs config, fully resolved: the publication's settings from mkdocs.yml, the
    engine's (generator/render/engine.py, with the theme overrides' absolute path) and the nav.

    It lives next to the generated docs, so docs_dir is that folder's name; nothing points back
    at mkdocs.yml, and MkDocs reads no file of the publication but the docs tree.
    """
    engine = engine_config(settings.engine)
    config: dict[str, object] = {"site_name": settings.site_name, "site_url": settings.site_url}
    for key in ("site_description", "site_author", "copyright"):
        value = getattr(settings, key)
        if value:
            config[key] = value
    config["docs_dir"] = settings.docs_dir.name
    theme = engine["theme"]
    theme["features"] = list(_theme_features(tuple(theme.get("features") or ()), _page_count(corpus)))
    # Always there and always last: nothing a page's Markdown makes escapes the sanitiser.
    extensions = [e for e in engine.get("markdown_extensions") or () if e != SANITISE_EXTENSION]
    engine["markdown_extensions"] = [*extensions, SANITISE_EXTENSION]
    theme["logo"] = logo_path(settings)
    # The same picture as the browser tab's icon: the publication's own, not Material's (and, as an
    # SVG, 0.4 KiB instead of its 2 KiB PNG on a first visit).
    theme["favicon"] = logo_path(settings)
    view = publication_view(corpus, settings)
    # For the footer of every page (overrides/partials/copyright.html): the publishers' attribution.
    attribution = {
        "permissions": list(view.attribution.permissions),
        "authorised_by": list(view.attribution.authorised_by),
        "about": view.about_page.url,
        "label": view.release_label,
    }
    richtlijnen: dict[str, object] = {"release": settings.release, "attribution": attribution}
    if settings.feedback:
        richtlijnen["feedback"] = settings.feedback
    # The guidelines the "niet gevonden" page links to (overrides/404.html).
    guidelines = [{"titel": g.title, "pad": g.address.url} for g in view.guidelines]
    shown = {"richtlijnen_lijst": guidelines}
    engine["extra"] = {**(engine.get("extra") or {}), "richtlijnen": richtlijnen, **shown, **(extra or {})}
    config.update(engine)
    config["nav"] = _nav(corpus) + (extra_nav or [])
    header = (
        "# Generated by `richtlijnen build`; do not edit. The publication's settings live in its mkdocs.yml,\n"
        "# the engine's (theme, extensions, scripts) in the richtlijnen package.\n"
    )
    # libyaml's emitter where PyYAML has it: the navigation of a large corpus is thousands of lines.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False)


# Up to this many pages, Material's instant navigation stays on, as the engine asks. It fetches and
# parses sitemap.xml on every page load, before the reader can use the page: at 1303 pages (100x
# content, bench/) that was 400 ms of a phone's main thread and cost 4 points of Lighthouse
# performance. Beyond the limit each link loads its page in full, which on a large publication is
# the cheaper way for a reader who comes in from an intranet link and reads one or two pages.
INSTANT_NAVIGATION_PAGE_LIMIT = 200


def _page_count(corpus: Corpus) -> int:
    """The Markdown pages, as sitemap.xml lists them: home, glossary, about, guidelines, chapters, checklists."""
    checklist_pages = len(corpus.checklists) + 1 if corpus.checklists else 0
    return 3 + sum(1 + len(entry.chapters) for entry in corpus.guidelines) + checklist_pages


def _theme_features(features: tuple[str, ...], page_count: int) -> tuple[str, ...]:
    if page_count <= INSTANT_NAVIGATION_PAGE_LIMIT:
        return features
    return tuple(f for f in features if f != "navigation.instant" and not f.startswith("navigation.instant."))


# Up to this many guidelines (or checklists), the sidebar lists them all. Beyond it, they are grouped
# in alphabetical runs, so that with navigation.prune a page carries about the square root of them:
# a flat list of 400 made every page's sidebar, and the browser's work on it, grow with the corpus.
NAV_FLAT_LIMIT = 15


def _nav(corpus: Corpus) -> list[object]:
    views_nav: list[object] = [{tekst("navigatie.start"): "index.md"}]
    guidelines: list[tuple[str, object]] = []
    for entry in corpus.guidelines:
        g = entry.guideline
        children: list[object] = [guideline_page(g.slug)]
        children += [{c.numbered_title: chapter_page(g.slug, c.slug)} for c in entry.chapters]
        guidelines.append((g.title, {g.title: children}))
    views_nav += _in_runs(tekst("home.richtlijnen"), guidelines)
    if corpus.checklists:
        checklists: list[object] = [CHECKLIST_OVERVIEW_PAGE]
        checklists += _in_runs(
            tekst("checklists.titel"), [(c.title, {c.title: f"checklists/{c.id}.md"}) for c in corpus.checklists]
        )
        views_nav.append({tekst("checklists.titel"): checklists})
    views_nav.append({tekst("begrippen.titel"): GLOSSARY_PAGE})
    views_nav.append({tekst("over_publicatie.titel"): ABOUT_PAGE})
    return views_nav


def _in_runs(label: str, items: list[tuple[str, object]]) -> list[object]:
    """The items as they are, or, when there are many, in sections such as "Richtlijnen A–C"."""
    if len(items) <= NAV_FLAT_LIMIT:
        return [item for _, item in items]
    ordered = sorted(items, key=lambda item: _sort_key(item[0]))
    size = math.ceil(math.sqrt(len(ordered)))
    runs: list[object] = []
    seen: dict[str, int] = {}
    for start in range(0, len(ordered), size):
        run = ordered[start : start + size]
        first, last = _initial(run[0][0]), _initial(run[-1][0])
        name = f"{label} {first}" if first == last else f"{label} {first}–{last}"
        seen[name] = seen.get(name, 0) + 1
        runs.append({name if seen[name] == 1 else f"{name} ({seen[name]})": [item for _, item in run]})
    return runs


def _sort_key(title: str) -> str:
    return unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()


def _initial(title: str) -> str:
    return (_sort_key(title)[:1] or "?").upper()


DEFAULT_LOGO = "assets/logo.svg"


def logo_path(settings: SiteSettings) -> str:
    """Where the header's logo is in the docs tree: the publication's own, or the generator's."""
    return f"assets/logo{settings.logo.suffix.lower()}" if settings.logo is not None else DEFAULT_LOGO


def asset_paths() -> list[str]:
    """Where the site's own scripts and stylesheets are, relative to the site root."""
    return [f"assets/{p.relative_to(ASSETS_DIR).as_posix()}" for p in sorted(ASSETS_DIR.rglob("*")) if p.is_file()]


def _assets() -> DocsTree:
    return {path: (ASSETS_DIR / path.removeprefix("assets/")).read_bytes() for path in asset_paths()}


def _tidy(markdown: str) -> str:
    """Collapse runs of blank lines the templates leave, so the generated files are easy to read."""
    lines = markdown.splitlines()
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line.rstrip())
    return "\n".join(out).strip() + "\n"
