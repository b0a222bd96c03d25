"""Pages a release adds to the site: the change page, the Atom feed, and pages for retired ids.

The change page is a Markdown page of the site: its template formats the view built here with the
site's Markdown filters (render/site_markdown.py), and the diff's markup is the template's. Names
come from the view model's rules (render/view.py: a recommendation's short form, a chapter's
numbered title), and every address, of this version and of others, from render/addresses.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.corpus import Corpus
from generator.release.changes import ChangeKind, DiffPart, RecommendationChange, ReleaseChanges, compare
from generator.release.history import Release
from generator.render.addresses import (
    CHANGES_PAGE,
    FEED_FILE,
    HOME_PAGE,
    LATEST_ALIAS,
    Address,
    SiteBase,
    SiteMap,
    embed_card,
    recommendation_data_file,
    short_link,
    short_link_page,
    url_from,
    version_link,
)
from generator.render.site_markdown import markdown_environment
from generator.render.templates import TEMPLATES_DIR, template_environment
from generator.render.view import Day, day

# CHANGES_PAGE: where the release command puts the change page in the navigation.
__all__ = ["CHANGES_PAGE", "ReleaseHistory", "render_release_docs"]

# The docs tree: path -> content (as render/site.py's DocsTree).
DocsTree = dict[str, str | bytes]
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
    id: str
    label: str  # a recommendation's short form, or "Gewijzigd: <item text>"
    note: str | None
    diff: tuple[DiffPart, ...]
    address: Address | None = None  # in this version
    url: str | None = None  # in an earlier version, relative to the change page
    data: Address | None = None  # a recommendation's own JSON file in this version (api/aanbevelingen/)
    embed: Address | None = None  # a recommendation's card (embed/<id>/) in this version


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
    link: Address | None  # the checklist's page, when this version still has it
    entries: list[Entry]


@dataclass(frozen=True)
class PreviousRelease:
    version: str
    date: Day


@dataclass(frozen=True)
class ChangesPage:
    path: str
    version: str
    previous: PreviousRelease | None
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
    sitemap = SiteMap(history.corpus)
    pages = markdown_environment(sitemap, TEMPLATES_DIR / "release", TEMPLATES_DIR / "pages")
    html = template_environment(TEMPLATES_DIR / "release")
    tree: DocsTree = {}
    previous = history.previous
    changes = compare(previous[1], history.corpus) if previous else None
    tree[CHANGES_PAGE] = pages.get_template("changes.md.j2").render(page=_changes_page(history, changes, sitemap))
    tree[FEED_FILE] = html.get_template("feed.xml.j2").render(feed=_feed(history, SiteBase(site_root_url), site_title))
    retired_template = html.get_template("retired.html.j2")
    for retired in _retired(history):
        tree[short_link_page(retired.id)] = retired_template.render(retired=retired)
    return tree


def _changes_page(history: ReleaseHistory, changes: ReleaseChanges | None, sitemap: SiteMap) -> ChangesPage:
    previous = history.previous
    guidelines = []
    checklists = []
    if changes is not None and previous is not None:
        for g in changes.guidelines:
            groups = []
            # One entry per recommendation: one that moved and was reworded is listed as reworded,
            # with where it moved in its note.
            moved = {c.id: c for c in g.recommendations if c.kind == "verplaatst"}
            reworded = {c.id for c in g.recommendations if c.kind == "gewijzigd"}
            for kind, label in KIND_LABELS.items():
                entries = [
                    Entry(
                        id=c.id,
                        label=c.heading,
                        note=_rec_note(c.kind, c.chapter, *_moved_from(moved.get(c.id) if kind == "gewijzigd" else c)),
                        diff=c.diff,
                        # A removed one is not on this version's pages: link to the release that still had it.
                        address=sitemap.resolve(c.id) if kind != "verwijderd" else None,
                        url=version_link(CHANGES_PAGE, previous[0].version, short_link(c.id)) if kind == "verwijderd" else None,
                        # Its data changed with it; a removed one has none in this version.
                        data=Address(recommendation_data_file(c.id)) if kind != "verwijderd" else None,
                        embed=embed_card(c.id) if kind != "verwijderd" else None,
                    )
                    for c in g.recommendations
                    if c.kind == kind and not (kind == "verplaatst" and c.id in reworded)
                ]
                if entries:
                    groups.append(Group(label, entries))
            guidelines.append(GuidelineView(g.title, groups))
        for c in changes.checklists:
            # A reworded item shows its words in the diff: the label does not repeat them.
            entries = [
                Entry(i.id, KIND_LABELS[i.kind] if i.diff else f"{KIND_LABELS[i.kind]}: {i.text}", None, i.diff) for i in c.items
            ]
            link = sitemap.resolve(c.id) if c.id in sitemap.addresses else None
            checklists.append(ChecklistView(c.title, link, entries))
    return ChangesPage(
        path=CHANGES_PAGE,
        version=history.version,
        previous=PreviousRelease(previous[0].version, day(previous[0].date)) if previous else None,
        empty=changes.empty if changes else True,
        guidelines=guidelines,
        checklists=checklists,
    )


def _moved_from(change: RecommendationChange | None) -> tuple[str | None, str | None]:
    """Where a moved recommendation was, and its former id: (None, None) when it did not move."""
    return (change.previous_chapter, change.previous_id) if change and change.kind == "verplaatst" else (None, None)


def _rec_note(kind: ChangeKind, chapter: str, previous_chapter: str | None, previous_id: str | None) -> str | None:
    if kind == "gewijzigd" and previous_chapter is not None:
        kind = "verplaatst"  # reworded and moved: the note says where from
    if kind == "verplaatst":
        note = f"van {previous_chapter} naar {chapter}" if previous_chapter != chapter else f"in {chapter}"
        return note + (f"; had id {previous_id}" if previous_id else "")
    if kind == "verwijderd":
        return f"stond in {chapter}"
    return f"in {chapter}"


def _summary(changes: ReleaseChanges | None) -> str:
    if changes is None:
        return "Eerste versie."
    if changes.empty:
        return "Geen wijzigingen in aanbevelingen of checklists."
    parts = [f"{changes.count(kind)} {kind}" for kind in KIND_LABELS if changes.count(kind)]
    return "Aanbevelingen en checklistpunten: " + ", ".join(parts) + "."


def _feed(history: ReleaseHistory, root: SiteBase, title: str) -> Feed:
    releases = [(r.version, r.date.isoformat(), corpus) for r, corpus in history.earlier]
    releases.append((history.version, history.date, history.corpus))
    entries = []
    for index, (version, date, corpus) in enumerate(releases):
        changes = compare(releases[index - 1][2], corpus) if index else None
        entries.append(
            FeedEntry(
                version=version,
                id=root.version_url(version),
                url=SiteBase(root.root, version).page_url(Address(CHANGES_PAGE)),
                updated=f"{date}T00:00:00Z",
                summary=_summary(changes),
            )
        )
    entries.reverse()  # newest first
    return Feed(
        title=f"{title}: nieuwe versies",
        id=root.page_url(Address(FEED_FILE)),
        self_url=SiteBase(root.root, LATEST_ALIAS).page_url(Address(FEED_FILE)),
        home_url=root.version_url(LATEST_ALIAS),
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
        page = short_link_page(target_id)
        retired.append(
            Retired(
                id=target_id,
                label=TARGET_LABELS.get(kind, "Onderdeel"),
                removed_in=removed_in[target_id],
                last_version=last_version,
                last_url=version_link(page, last_version, short_link(target_id)),
                home_url=url_from(page, Address(HOME_PAGE)),
            )
        )
    return retired
