"""Pages a release adds to the site: the change page, the Atom feed, and pages for retired ids."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

import jinja2

from generator.model.corpus import Corpus
from generator.release.changes import ChangeKind, DiffPart, ReleaseChanges, compare
from generator.release.history import Release
from generator.render.addresses import SiteMap, short_link_page
from generator.render.site import SITE_TEMPLATES, DocsTree, template_environment

CHANGES_PAGE = "wat-is-er-veranderd.md"
FEED_FILE = "feed.xml"
KIND_LABELS: dict[ChangeKind, str] = {
    "toegevoegd": "Toegevoegd",
    "gewijzigd": "Gewijzigd",
    "verplaatst": "Verplaatst",
    "verwijderd": "Verwijderd",
}
TARGET_LABELS = {
    "aanbeveling": "Aanbeveling",
    "bouwsteen": "Bouwsteen",
    "uitgangsvraag": "Onderdeel",
    "richtlijn": "Richtlijn",
    "checklist": "Checklist",
}


@dataclass(frozen=True)
class ReleaseHistory:
    """This release and every earlier one, each with its corpus: everything a release page needs."""

    version: str
    date: str
    corpus: Corpus
    earlier: list[tuple[Release, Corpus]]  # oldest first

    @property
    def previous(self) -> tuple[Release, Corpus] | None:
        return self.earlier[-1] if self.earlier else None


@dataclass(frozen=True)
class Entry:
    link: str  # Markdown
    note: str | None
    diff: str | None  # inline HTML with <del>/<ins>


@dataclass(frozen=True)
class Group:
    label: str
    entries: list[Entry]


@dataclass(frozen=True)
class GuidelineView:
    title: str
    groups: list[Group]


@dataclass(frozen=True)
class ChecklistView:
    title: str
    entries: list[Entry]


@dataclass(frozen=True)
class ChangesPage:
    version: str
    previous: Release | None
    empty: bool
    guidelines: list[GuidelineView]
    checklists: list[ChecklistView]


@dataclass(frozen=True)
class FeedEntry:
    version: str
    id: str
    url: str
    updated: str
    summary: str


@dataclass(frozen=True)
class Feed:
    title: str
    id: str
    self_url: str
    home_url: str
    updated: str
    entries: list[FeedEntry]


@dataclass(frozen=True)
class Retired:
    id: str
    label: str
    removed_in: str
    last_version: str
    last_url: str
    home_url: str


def render_release_docs(history: ReleaseHistory, site_root_url: str, site_title: str) -> DocsTree:
    """`site_root_url` is the address of the versions' parent folder (where versions.json lives)."""
    env = template_environment()
    env.loader = jinja2.FileSystemLoader([SITE_TEMPLATES / "release", SITE_TEMPLATES / "pages"])
    tree: DocsTree = {}
    previous = history.previous
    changes = compare(previous[1], history.corpus) if previous else None
    page = _changes_page(history, changes)
    tree[CHANGES_PAGE] = env.get_template("changes.md.j2").render(page=page)
    tree[FEED_FILE] = env.get_template("feed.xml.j2").render(feed=_feed(history, site_root_url, site_title))
    retired_template = env.get_template("retired.html.j2")
    for retired in _retired(history):
        tree[short_link_page(retired.id)] = retired_template.render(retired=retired)
    return tree


def _changes_page(history: ReleaseHistory, changes: ReleaseChanges | None) -> ChangesPage:
    previous = history.previous
    sitemap = SiteMap(history.corpus)
    guidelines = []
    checklists = []
    if changes is not None and previous is not None:
        for g in changes.guidelines:
            groups = []
            for kind, label in KIND_LABELS.items():
                entries = [
                    _entry(
                        sitemap,
                        previous[0].version,
                        c.id,
                        c.heading,
                        kind,
                        _rec_note(c.kind, c.chapter, c.previous_chapter, c.previous_id),
                        c.diff,
                    )
                    for c in g.recommendations
                    if c.kind == kind
                ]
                if entries:
                    groups.append(Group(label, entries))
            guidelines.append(GuidelineView(g.title, groups))
        for c in changes.checklists:
            entries = [
                Entry(
                    link=f"{KIND_LABELS[i.kind]}: {html.escape(i.text)} ({i.id})",
                    note=None,
                    diff=_diff_html(i.diff) if i.diff else None,
                )
                for i in c.items
            ]
            if c.id in sitemap.addresses:
                entries = [Entry(f"[{c.title}]({_link(sitemap, c.id)})", None, None), *entries]
            checklists.append(ChecklistView(c.title, entries))
    return ChangesPage(
        version=history.version,
        previous=previous[0] if previous else None,
        empty=changes.empty if changes else True,
        guidelines=guidelines,
        checklists=checklists,
    )


def _entry(
    sitemap: SiteMap,
    previous_version: str,
    rec_id: str,
    heading: str,
    kind: ChangeKind,
    note: str | None,
    diff: tuple[DiffPart, ...],
) -> Entry:
    label = f"{html.escape(heading)} ({rec_id})"
    if kind == "verwijderd":
        # Not on this version's pages any more: link to the release that still had it.
        url = "../" + posixpath.join("..", previous_version, "r", rec_id) + "/"
        return Entry(f'<a href="{url}">{label}</a>', note, None)
    return Entry(f"[{label}]({_link(sitemap, rec_id)})", note, _diff_html(diff) if diff else None)


def _link(sitemap: SiteMap, target_id: str) -> str:
    return sitemap.markdown_link(CHANGES_PAGE, target_id)


def _rec_note(kind: ChangeKind, chapter: str, previous_chapter: str | None, previous_id: str | None) -> str | None:
    if kind == "verplaatst":
        note = f"van {previous_chapter} naar {chapter}" if previous_chapter != chapter else f"in {chapter}"
        return note + (f"; had id {previous_id}" if previous_id else "")
    if kind == "verwijderd":
        return f"stond in {chapter}"
    return f"in {chapter}"


def _diff_html(diff: tuple[DiffPart, ...]) -> str:
    out = []
    for part in diff:
        text = html.escape(part.text)
        if part.op == "weg":
            out.append(f'<del><span class="rl-visueel-verborgen">verwijderd: </span>{text}</del>')
        elif part.op == "nieuw":
            out.append(f'<ins><span class="rl-visueel-verborgen">toegevoegd: </span>{text}</ins>')
        else:
            out.append(text)
    return " ".join(out)


def _summary(changes: ReleaseChanges | None) -> str:
    if changes is None:
        return "Eerste versie."
    if changes.empty:
        return "Geen wijzigingen in aanbevelingen of checklists."
    parts = [f"{changes.count(kind)} {kind}" for kind in KIND_LABELS if changes.count(kind)]
    return "Aanbevelingen en checklistpunten: " + ", ".join(parts) + "."


def _feed(history: ReleaseHistory, root: str, title: str) -> Feed:
    releases = [(r.version, r.date.isoformat(), corpus) for r, corpus in history.earlier]
    releases.append((history.version, history.date, history.corpus))
    entries = []
    for index, (version, date, corpus) in enumerate(releases):
        changes = compare(releases[index - 1][2], corpus) if index else None
        entries.append(
            FeedEntry(
                version=version,
                id=f"{root}{version}/",
                url=f"{root}{version}/wat-is-er-veranderd/",
                updated=f"{date}T00:00:00Z",
                summary=_summary(changes),
            )
        )
    entries.reverse()  # newest first
    return Feed(
        title=f"{title}: nieuwe versies",
        id=f"{root}{FEED_FILE}",
        self_url=f"{root}latest/{FEED_FILE}",
        home_url=f"{root}latest/",
        updated=entries[0].updated,
        entries=entries,
    )


def _retired(history: ReleaseHistory) -> list[Retired]:
    """Ids that an earlier release had and this one does not: their short links must not 404."""
    current = history.corpus.index()
    moved = history.corpus.former_ids()
    last_seen: dict[str, tuple[str, str]] = {}  # id -> (last version that had it, its kind)
    removed_in: dict[str, str] = {}
    versions = [r.version for r, _ in history.earlier] + [history.version]
    for index, (release, corpus) in enumerate(history.earlier):
        next_version = versions[index + 1]
        for target in corpus.targets():
            if target.kind == "begrip":
                continue
            last_seen[target.id] = (release.version, target.kind)
            removed_in[target.id] = next_version
    retired = []
    for target_id, (last_version, kind) in sorted(last_seen.items()):
        if target_id in current or target_id in moved:
            continue
        retired.append(
            Retired(
                id=target_id,
                label=TARGET_LABELS.get(kind, "Onderdeel"),
                removed_in=removed_in[target_id],
                last_version=last_version,
                last_url=f"../../../{last_version}/r/{target_id}/",
                home_url="../../",
            )
        )
    return retired
