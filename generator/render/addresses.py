"""Where everything lives on the site: one place decides page paths, anchors and short links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from generator.model.corpus import Corpus, Target
from generator.model.markdown import MARKDOWN_LINK, REF_PREFIX

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "begrippen.md"
CHECKLIST_OVERVIEW_PAGE = "checklists/index.md"
SHORT_LINK_DIR = "r"
# The PDFs live inside the docs tree, so MkDocs copies them and its link validation checks links to them.
DOWNLOADS_DIR = "downloads"
ZAKGIDS_FILE = f"{DOWNLOADS_DIR}/zakgids.pdf"
CHECKLIST_SHEET_DIR = f"{DOWNLOADS_DIR}/checklists"
GUIDELINE_GUIDE_DIR = f"{DOWNLOADS_DIR}/richtlijnen"

# First parts of addresses that the site itself uses, now or as planned (api/, embed/), or that
# MkDocs, Pagefind, the offline worker and a release put at the root of a version. A guideline's
# slug names a folder at that root, so none of these may be one.
RESERVED_NAMES = frozenset(
    {
        "index", GLOSSARY_PAGE.removesuffix(".md"), CHECKLIST_OVERVIEW_PAGE.split("/")[0], SHORT_LINK_DIR,
        DOWNLOADS_DIR, "assets", "offline", "pagefind", "api", "embed", "404", "search", "sitemap",
        "sw", "feed", "versions", "wat-is-er-veranderd", "latest", "stylesheets", "javascripts",
    }
)  # fmt: skip
# Inside a guideline's folder, `index` is the guideline's own overview page.
RESERVED_CHAPTER_SLUGS = frozenset({"index"})
# Anchors the pages make themselves: the site's own elements (rl-zoeken, …), and the heading of a
# recommendation's explanation, `<id>-toelichting`. An id shaped like them would share an anchor
# with them, and its short link would land on the wrong element.
RESERVED_ID_PREFIX = "rl-"
EXPLANATION_ANCHOR_SUFFIX = "-toelichting"


def explanation_anchor(recommendation_id: str) -> str:
    return recommendation_id + EXPLANATION_ANCHOR_SUFFIX


def reserved_id_part(target_id: str) -> str | None:
    """Why an id would collide with an anchor the pages make, in words for the editor, or None."""
    if target_id.startswith(RESERVED_ID_PREFIX):
        return f"begint met '{RESERVED_ID_PREFIX}'"
    if target_id.endswith(EXPLANATION_ANCHOR_SUFFIX):
        return f"eindigt op '{EXPLANATION_ANCHOR_SUFFIX}'"
    return None


@dataclass(frozen=True)
class Address:
    page: str  # Markdown source path relative to docs_dir, with / separators
    anchor: str | None = None

    @property
    def url(self) -> str:
        """The built page's URL relative to the site root (MkDocs directory URLs)."""
        stem = self.page.removesuffix(".md")
        if stem == "index":
            path = ""
        elif stem.endswith("/index"):
            path = stem.removesuffix("index")
        else:
            path = stem + "/"
        return path + (f"#{self.anchor}" if self.anchor else "")


def guideline_page(slug: str) -> str:
    return f"{slug}/index.md"


def checklist_page(checklist_id: str) -> str:
    return f"checklists/{checklist_id}.md"


def chapter_page(guideline_slug: str, chapter_slug: str) -> str:
    return f"{guideline_slug}/{chapter_slug}.md"


def short_link_page(target_id: str) -> str:
    return f"{SHORT_LINK_DIR}/{target_id}/index.html"


def checklist_sheet_file(checklist_id: str) -> str:
    """The printable A4 sheet (werkkaart) of a checklist."""
    return f"{CHECKLIST_SHEET_DIR}/{checklist_id}.pdf"


def guideline_guide_file(guideline_slug: str) -> str:
    """The A6 pocket guide of one guideline: its chapters, its checklists and the terms it uses."""
    return f"{GUIDELINE_GUIDE_DIR}/{guideline_slug}.pdf"


def file_link(from_page: str, path: str) -> str:
    """A relative Markdown link from a page's source to a file in the docs tree."""
    return relative_path(path, posixpath.dirname(from_page))


@lru_cache(maxsize=65536)
def relative_path(path: str, from_dir: str) -> str:
    """posixpath.relpath for paths inside the docs tree ('' is its root), without its
    getcwd and normalising per call: links are made tens of thousands of times at scale."""
    target = path.split("/")
    here = [part for part in from_dir.split("/") if part and part != "."]
    common = 0
    while common < len(here) and common < len(target) - 1 and here[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + target[common:]) or "."


class SiteMap:
    """Resolves ids (current and former) to addresses and to links between pages."""

    def __init__(self, corpus: Corpus) -> None:
        self.addresses: dict[str, Address] = {t.id: _address(t) for t in corpus.targets()}
        self.former: dict[str, str] = corpus.former_ids()

    def resolve(self, target_id: str) -> Address:
        return self.addresses[self.former.get(target_id, target_id)]

    def markdown_link(self, from_page: str, target_id: str) -> str:
        """A relative link to the target's Markdown source, which MkDocs checks and rewrites."""
        address = self.resolve(target_id)
        path = relative_path(address.page, posixpath.dirname(from_page))
        return path + (f"#{address.anchor}" if address.anchor else "")

    def url_from(self, from_page: str, target_id: str) -> str:
        """A relative URL from a built page to the target: works under any base path or version."""
        here = Address(from_page).url if from_page.endswith(".md") else posixpath.dirname(from_page) + "/"
        depth = here.count("/")
        return "../" * depth + self.resolve(target_id).url

    def short_link_from(self, from_page: str, target_id: str) -> str:
        """Points at the redirect file itself, so MkDocs' link validation can check it;
        the page script copies the clean `/r/<id>/` form."""
        return relative_path(short_link_page(target_id), posixpath.dirname(from_page))

    def link_refs(self, text: str, from_page: str) -> str:
        """Replace `[woorden](ref:id)` by a Markdown link to the target; the words stay as they are."""

        def replace(match: object) -> str:
            assert hasattr(match, "group")
            target = match.group("target")
            if not target.startswith(REF_PREFIX):
                return str(match.group(0))
            return f"[{match.group('label')}]({self.markdown_link(from_page, target.removeprefix(REF_PREFIX))})"

        return MARKDOWN_LINK.sub(replace, text)


def _address(target: Target) -> Address:
    if target.kind == "begrip":
        return Address(GLOSSARY_PAGE, target.id)
    if target.kind == "checklist":
        return Address(checklist_page(target.id))
    assert target.guideline is not None
    if target.kind == "richtlijn":
        return Address(guideline_page(target.guideline.slug))
    assert target.chapter is not None
    page = chapter_page(target.guideline.slug, target.chapter.slug)
    return Address(page, None if target.kind == "bouwsteen" else target.id)
