"""The website's files as the build leaves them: every recommendation an anchor, every short link
landing on a page and an anchor, one element per id (tests/test_site.py opens the pages in Chromium)."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from generator.model.corpus import Corpus
from generator.render.settings import SiteSettings
from generator.render.site import ASSETS_DIR
from generator.render.view import publication_view
from generator.write.minify import minified
from tests.conftest import REPO, page_file


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def ids_in(html_file: Path) -> set[str]:
    parser = _Ids()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.ids


def test_every_recommendation_id_is_an_anchor_on_its_page(built_site: Path, corpus: Corpus) -> None:
    anchors = set().union(*(ids_in(p) for p in built_site.rglob("*.html") if "/r/" not in p.as_posix()))
    missing = [t.id for t in corpus.targets() if t.kind in {"aanbeveling", "uitgangsvraag"} and t.id not in anchors]
    assert missing == []


def test_every_short_link_resolves_to_an_existing_page_and_anchor(built_site: Path, corpus: Corpus) -> None:
    expected = {t.id for t in corpus.targets() if t.kind != "begrip"}
    short_links = {p.parent.name: p for p in (built_site / "r").glob("*/index.html")}
    assert expected <= set(short_links)
    for short_id, redirect in short_links.items():
        html = redirect.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        assert target, short_id
        resolved = urlparse(urljoin(f"http://site/r/{short_id}/", target.group(1)))
        destination = page_file(built_site, resolved.path)
        assert destination.is_file(), f"{short_id} -> {resolved.path}"
        if resolved.fragment:
            assert resolved.fragment in ids_in(destination), f"{short_id} -> #{resolved.fragment}"


def test_generated_sources_are_not_in_git(built_site: Path) -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "/site/" in ignored
    assert "/build/" in ignored


def test_no_page_has_two_elements_with_one_id(built_site: Path) -> None:
    """Anchors and short links must land on one element: the page's own headings carry rl- ids,
    which content ids may not use."""
    for path in built_site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert duplicates == [], (path, duplicates)


class _Headings(HTMLParser):
    """The text of every heading of a page, in order (a heading's permalink sign left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = []
        elif tag == "a" and self._open is not None and ("class", "headerlink") in attrs:
            self._open.append("\0")  # the permalink: its sign is cut off below

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._open is not None:
            self.headings.append(" ".join("".join(self._open).split("\0")[0].split()))
            self._open = None


def test_no_heading_repeats_the_one_above_it(built_site: Path) -> None:
    """A chapter's number aside ("2. Voorkomen van uithuisplaatsing" over "Voorkomen van uithuisplaatsing")."""
    repeats = []
    for html in sorted(built_site.rglob("*.html")):
        parser = _Headings()
        parser.feed(html.read_text(encoding="utf-8"))
        words = [re.sub(r"^\d+\.\s*", "", heading) for heading in parser.headings]
        repeats += [(html.relative_to(built_site).as_posix(), a) for a, b in itertools.pairwise(words) if a == b]
    assert repeats == []


def test_only_a_checklist_page_names_the_checklist_code_and_no_page_the_search_code(built_site: Path) -> None:
    """assets/on-demand.js loads them where and when they are needed (tests/test_site.py)."""
    checklist = page_file(built_site, "/checklists/overdracht-na-crisishulp/").read_text(encoding="utf-8")
    for name in ("checklist.css", "checklist.js", "checklist-state.js", "agenda.js"):
        assert f'assets/{name}"' in checklist, name
    for index in built_site.rglob("index.html"):
        html = index.read_text(encoding="utf-8")
        named = set(re.findall(r"assets/((?:checklist|search|agenda)[\w.-]*\.(?:js|css))\"", html))
        assert named <= {"search.css"} | (
            {"checklist.css", "checklist.js", "checklist-state.js", "agenda.js"} if "data-rl-checklist=" in html else set()
        ), index


def test_the_sites_own_scripts_and_stylesheets_are_served_minified(built_site: Path) -> None:
    sources = sorted(p for p in ASSETS_DIR.iterdir() if p.suffix in {".js", ".css"})
    assert len(sources) > 10
    for source in sources:
        served = (built_site / "assets" / source.name).read_text(encoding="utf-8")
        text = source.read_text(encoding="utf-8")
        assert "/*" in text or "//" in text, f"{source.name} has no comment to take out: the test would prove nothing"
        assert len(served) < 0.8 * len(text), source.name
        # No comments and no indentation left; the code itself is still there.
        assert not re.search(r"^\s*(//|/\*)", served, re.MULTILINE), source.name
        assert not re.search(r"^ {2}", served, re.MULTILINE), source.name
        assert served.count("\n") < text.count("\n") / 3, source.name
    served_js = (built_site / "assets" / "on-demand.js").read_text(encoding="utf-8")
    assert 'import("./search.js")' in served_js and "export" not in served_js
    assert "export function siteRoot()" in (built_site / "assets" / "common.js").read_text(encoding="utf-8")


def test_minifying_touches_only_the_sites_own_scripts_and_stylesheets() -> None:
    script = "/* why */\nexport const a = 1; // what\n"
    tree: dict[str, str | bytes] = {
        "assets/x.js": script,
        "assets/x.css": b"/* why */\n.a {\n  color: red;\n}\n",
        "sw.js": script,
        "index.md": "/* kept */\n",
        "assets/logo.svg": b"<svg/>",
    }
    assert minified(tree) == {**tree, "assets/x.js": "export const a=1;\n", "assets/x.css": ".a{color:red}\n"}


def test_the_table_of_contents_lists_the_recommendations_and_no_toelichting(
    built_site: Path, corpus: Corpus, settings: SiteSettings
) -> None:
    """Beside a chapter: "In deze bouwsteen", each titled section and each recommendation, also those
    under a titled section (generator/render/contents.py); never a recommendation's "Toelichting"."""
    for guideline in publication_view(corpus, settings).guidelines:
        for chapter in guideline.chapters:
            html = page_file(built_site, chapter.address.url).read_text(encoding="utf-8")
            # The last table of contents on the page is the one beside the text (the first, in the
            # navigation drawer, is the same list for phones).
            contents = html[html.rindex("md-nav--secondary") :].split('<div class="md-content"')[0]
            expected = ["rl-in-deze-bouwsteen"] + [
                anchor
                for section in chapter.sections
                for anchor in ([section.id] if section.title else []) + [r.id for r in section.recommendations]
            ]
            assert re.findall(r'href="#([^"]+)"', contents) == expected, chapter.id
