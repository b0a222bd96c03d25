"""Where everything lives on the site: the one place that decides page paths, anchors, short links,
downloads, absolute addresses (QR codes, printed addresses, the feed) and the folders of released
versions, and that writes every link between them.

Paths are those of the docs tree (`uithuisplaatsing/na-de-crisis.md`, `r/<id>/index.html`,
`downloads/zakgids.pdf`); `Address.url` is the address MkDocs gives the built page, relative to the
site's root (`uithuisplaatsing/na-de-crisis/`). A release puts each version in a folder of its own
under one root, `<root><version>/`, with aliases such as `latest/` beside them: that is how mike
deploys and how Material's version selector finds the other versions (`../<version>/` from a
version's root). `SiteBase` holds the root and the version; nothing else joins those two.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from generator.model.corpus import Corpus, Target
from generator.model.markdown import MARKDOWN_LINK, REF_PREFIX

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "begrippen.md"
ABOUT_PAGE = "over-deze-publicatie.md"
CHECKLIST_OVERVIEW_PAGE = "checklists/index.md"
SHORT_LINK_DIR = "r"
# Cards for intranets: a page of its own per recommendation and checklist, to put in an <iframe>.
EMBED_DIR = "embed"
# Pages a release adds: what changed since the previous version, and the Atom feed of all versions.
CHANGES_PAGE = "wat-is-er-veranderd.md"
FEED_FILE = "feed.xml"
# The alias that always holds the newest version; the feed's own address lives under it.
LATEST_ALIAS = "latest"
# The PDFs live inside the docs tree, so MkDocs copies them and its link validation checks links to them.
DOWNLOADS_DIR = "downloads"
ZAKGIDS_FILE = f"{DOWNLOADS_DIR}/zakgids.pdf"
CHECKLIST_SHEET_DIR = f"{DOWNLOADS_DIR}/checklists"
GUIDELINE_GUIDE_DIR = f"{DOWNLOADS_DIR}/richtlijnen"
# The publication as data (generator/render/api.py): one file with everything, one per
# recommendation, and the JSON Schemas of both beside them. Inside the docs tree, so MkDocs copies
# them and checks the links to them.
API_DIR = "api"
PUBLICATION_DATA_FILE = f"{API_DIR}/publicatie.json"
PUBLICATION_DATA_SCHEMA = f"{API_DIR}/publicatie.schema.json"
RECOMMENDATION_DATA_DIR = f"{API_DIR}/aanbevelingen"
RECOMMENDATION_DATA_SCHEMA = f"{API_DIR}/aanbeveling.schema.json"
# The checklists as FHIR R4 Questionnaires (generator/render/fhir.py), named as FHIR names a
# resource: <type>-<id>.json.
FHIR_DIR = f"{API_DIR}/fhir"

# First parts of addresses that the site itself uses, now or as planned (api/, embed/), or that
# MkDocs, Pagefind, the offline worker and a release put at the root of a version. A guideline's
# slug names a folder at that root, so none of these may be one.
RESERVED_NAMES = frozenset(
    {
        "index", GLOSSARY_PAGE.removesuffix(".md"), ABOUT_PAGE.removesuffix(".md"), CHECKLIST_OVERVIEW_PAGE.split("/")[0], SHORT_LINK_DIR,
        DOWNLOADS_DIR, "assets", "offline", "pagefind", API_DIR, EMBED_DIR, "404", "search", "sitemap",
        "sw", FEED_FILE.removesuffix(".xml"), "versions", CHANGES_PAGE.removesuffix(".md"), LATEST_ALIAS,
        "stylesheets", "javascripts",
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
    page: str  # a path in the docs tree, with / separators: a Markdown page, an HTML page or a file
    anchor: str | None = None

    @property
    def url(self) -> str:
        """The built page's URL relative to the site root (MkDocs directory URLs); a file's own path."""
        return _built_path(self.page) + (f"#{self.anchor}" if self.anchor else "")


def _built_path(page: str) -> str:
    if page.endswith(".md"):
        stem = page.removesuffix(".md")
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"
    if page == "index.html" or page.endswith("/index.html"):
        return page.removesuffix("index.html")
    return page


def link(from_page: str, address: Address) -> str:
    """A relative link from a page of the docs tree to a page, an anchor or a file in it, as the
    Markdown source writes it: MkDocs checks it and rewrites it to the built page."""
    return relative_path(address.page, posixpath.dirname(from_page)) + (f"#{address.anchor}" if address.anchor else "")


def url_from(from_page: str, address: Address) -> str:
    """A relative URL from a built page to another built page: for HTML that MkDocs does not
    rewrite (the short links' redirects, a release's own pages). Works under any root or version."""
    return "../" * _depth(from_page) + address.url


def _depth(from_page: str) -> int:
    """How many folders the built page is below the site's (or the version's) root."""
    page = from_page.endswith(".md") or from_page == "index.html" or from_page.endswith("/index.html")
    here = _built_path(from_page) if page else posixpath.dirname(from_page) + "/"
    return here.lstrip("/").count("/")


@dataclass(frozen=True)
class SiteBase:
    """Where a build lives: the site's root address, and for a release the version in it."""

    root: str  # ends in /: the site of a plain build, the parent of the version folders of a release
    version: str | None = None

    @property
    def url(self) -> str:
        """This build's site: the root, or the version's folder under it."""
        return self.version_url(self.version) if self.version else self.root

    def version_url(self, version: str) -> str:
        """The site of a version (or of an alias such as `latest`) under the root."""
        return f"{self.root}{version}/"

    def page_url(self, address: Address) -> str:
        """The absolute address of a page of this build: for QR codes, print and the feed."""
        return self.url + address.url

    def short_link_url(self, target_id: str) -> str:
        return self.page_url(Address(short_link_page(target_id)))

    @property
    def canonical_root(self) -> str:
        """Where the publication is named whatever its version: a release's `latest` alias under
        the root (always the newest version), or a plain build's own site. FHIR's canonical URLs
        start here, so they stay the same from one release to the next."""
        return self.version_url(LATEST_ALIAS) if self.version else self.root

    def canonical_url(self, address: Address) -> str:
        return self.canonical_root + address.url

    @property
    def short_link_system(self) -> str:
        """The short links' folder as a version-independent URI: `<system><id>/` is an id's short
        link, so the FHIR files name a recommendation by this system and its id as the code."""
        return f"{self.canonical_root}{SHORT_LINK_DIR}/"

    def latest_url(self, address: Address) -> str | None:
        """The absolute address of a page or file under the `latest` alias, which always holds the
        newest release: None for a build that is no release (it has no versions)."""
        return SiteBase(self.root, LATEST_ALIAS).page_url(address) if self.version else None


def versioned_site_url(root: str, version: str) -> str:
    """The site_url a release builds with: its version's folder under the root."""
    return SiteBase(root, version).url


def site_base(site_url: str, release: str) -> SiteBase:
    """The base of a build from its site_url: a site_url that ends in the release's folder (as
    `versioned_site_url` makes it) is that version under its root; any other is a plain site."""
    suffix = f"{release}/"
    if site_url.endswith("/" + suffix):
        return SiteBase(site_url.removesuffix(suffix), release)
    return SiteBase(site_url)


def version_link(from_page: str, version: str, address: Address) -> str:
    """A relative URL from a built page of one version to a page of another version (or alias):
    up to this version's root, one more to the root of all versions, then into `version`."""
    return "../" * (_depth(from_page) + 1) + f"{version}/" + address.url


def guideline_page(slug: str) -> str:
    return f"{slug}/index.md"


def checklist_page(checklist_id: str) -> str:
    return f"checklists/{checklist_id}.md"


def chapter_page(guideline_slug: str, chapter_slug: str) -> str:
    return f"{guideline_slug}/{chapter_slug}.md"


def short_link_page(target_id: str) -> str:
    """The redirect page of a short link; its address is `r/<id>/`."""
    return f"{SHORT_LINK_DIR}/{target_id}/index.html"


def short_link(target_id: str) -> Address:
    return Address(short_link_page(target_id))


def embed_page(target_id: str) -> str:
    """The card of a recommendation or a checklist that an intranet puts in a frame; its address
    is `embed/<id>/`, and under a release's `latest/` alias it follows the newest version."""
    return f"{EMBED_DIR}/{target_id}/index.html"


def embed_card(target_id: str) -> Address:
    return Address(embed_page(target_id))


def checklist_sheet_file(checklist_id: str) -> str:
    """The printable A4 sheet (werkkaart) of a checklist."""
    return f"{CHECKLIST_SHEET_DIR}/{checklist_id}.pdf"


def questionnaire_file(checklist_id: str) -> str:
    """A checklist as a FHIR R4 Questionnaire."""
    return f"{FHIR_DIR}/Questionnaire-{checklist_id}.json"


def guideline_guide_file(guideline_slug: str) -> str:
    """The A6 pocket guide of one guideline: its chapters, its checklists and the terms it uses."""
    return f"{GUIDELINE_GUIDE_DIR}/{guideline_slug}.pdf"


def recommendation_data_file(recommendation_id: str) -> str:
    """A recommendation as data: `api/aanbevelingen/<id>.json`."""
    return f"{RECOMMENDATION_DATA_DIR}/{recommendation_id}.json"


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

    def current(self, target_id: str) -> str:
        """The id under which a target lives now (a former id leads to its new id)."""
        return self.former.get(target_id, target_id)

    def resolve(self, target_id: str) -> Address:
        return self.addresses[self.current(target_id)]

    def markdown_link(self, from_page: str, target_id: str) -> str:
        """A relative link to the target's Markdown source, which MkDocs checks and rewrites."""
        return link(from_page, self.resolve(target_id))

    def url_from(self, from_page: str, target_id: str) -> str:
        """A relative URL from a built page to the target: works under any base path or version."""
        return url_from(from_page, self.resolve(target_id))

    def short_link_from(self, from_page: str, target_id: str) -> str:
        """Points at the redirect file itself, so MkDocs' link validation can check it;
        the page script copies the clean `/r/<id>/` form."""
        return link(from_page, short_link(target_id))

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
