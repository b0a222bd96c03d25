"""Cards for intranets (embed/<id>/, generator/render/embed.py): the files of the session's site
(one card of each kind and the "Kopieer insluitcode" buttons in Chromium: tests/test_embed_browser.py;
the cards of a release: tests/test_release_published.py)."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model.corpus import Corpus
from generator.render.embed import CARD_LIMIT, render_embed_cards
from generator.render.settings import SiteSettings, read_site_settings
from generator.render.view import publication_view
from generator.stages import read_corpus
from generator.write.csp import policy_for
from tests.conftest import REPO

RECOMMENDATION = "uhp-voorkomen-2"
CHECKLIST = "overdracht-na-crisishulp"
CHAPTER_PAGE = "uithuisplaatsing-en-terugplaatsing/voorkomen-van-uithuisplaatsing/"
# The site_url of mkdocs.yml: a card's "Lees verder" is absolute, as it lives in another site's page.
SITE = "https://richtlijnen.example.org/"
NARROW = 320  # px: the narrowest phone the cards must fit without sideways scrolling


class _Card(HTMLParser):
    """What a card holds: its tags, and every address in an attribute, by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.addresses: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        for name, value in attrs:
            if name in {"href", "src", "action", "srcset", "poster", "data"} and value is not None:
                self.addresses.append((tag, name, value))


def cards(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted((site / "embed").glob("*/index.html")):
        yield path.parent.name, path


def test_every_card_is_small_self_contained_and_asks_for_nothing(built_site: Path, corpus: Corpus) -> None:
    found = dict(cards(built_site))
    expected = {t.id for t in corpus.targets() if t.kind in {"aanbeveling", "checklist"}}
    expected |= {old for old, current in corpus.former_ids().items() if current in expected}
    assert set(found) == expected
    for card_id, path in found.items():
        data = path.read_bytes()
        assert len(data) <= CARD_LIMIT, (card_id, len(data))
        html = data.decode("utf-8")
        parsed = _Card()
        parsed.feed(html)
        assert parsed.lang == "nl", card_id
        assert "script" not in parsed.tags and "<script" not in html.lower(), card_id
        assert {"title", "main", "h1", "style"} <= set(parsed.tags), card_id
        assert not {"link", "img", "iframe", "form", "input", "object"} & set(parsed.tags), card_id
        # Addresses only in links; the only address outside them is none.
        assert all(tag == "a" for tag, _, _ in parsed.addresses), (card_id, parsed.addresses)
        outside_links = re.sub(r'<a [^>]*href="[^"]*"', "", html)
        assert not re.search(r"https?://", outside_links), card_id
        read_more = re.findall(r'<a href="([^"]+)" target="_top">Lees verder in de richtlijn</a>', html)
        assert len(read_more) == 1, card_id
        assert read_more[0] in {f"{SITE}r/{card_id}/", *(f"{SITE}r/{t}/" for t in expected)}, card_id
        # The policy step gave it the cards' policy: nothing but its own style, by its hash.
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy is not None, card_id
        assert policy.group(1) == policy_for(html, card=True)
        assert "default-src 'none'; script-src 'none'; style-src 'sha256-" in policy.group(1)
        assert '<meta name="referrer" content="no-referrer">' in html


def test_a_card_shows_the_text_the_guideline_and_the_version(built_site: Path, corpus: Corpus) -> None:
    rec = corpus.index()[RECOMMENDATION]
    assert rec.recommendation is not None and rec.guideline is not None
    html = (built_site / "embed" / RECOMMENDATION / "index.html").read_text("utf-8")
    assert f"<title>Aanbeveling {RECOMMENDATION} · {rec.guideline.title}</title>" in html
    assert f"<h1>Aanbeveling {RECOMMENDATION}</h1>" in html
    assert f"<p>{rec.recommendation.text.strip()}</p>" in html
    assert f"Richtlijn: {rec.guideline.title}<br>Conceptversie — niet gepubliceerd" in html
    checklist = next(c for c in corpus.checklists if c.id == CHECKLIST)
    html = (built_site / "embed" / CHECKLIST / "index.html").read_text("utf-8")
    assert f"<h1>{checklist.title}</h1>" in html
    items = re.findall(r"<li>(.*?)</li>", html)
    assert [re.sub(r" <strong>\(verplicht\)</strong>$", "", i) for i in items] == [i.text for i in checklist.all_items()]
    assert [i.endswith("<strong>(verplicht)</strong>") for i in items] == [i.required for i in checklist.all_items()]
    assert "<input" not in html


def test_no_card_is_a_page_of_the_search_the_sitemap_or_a_guidelines_offline_save(built_site: Path) -> None:
    indexed = []
    for path in (built_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        indexed.append(json.loads(data[data.index(b"{") :])["url"])
    assert indexed and not [url for url in indexed if "/embed/" in url]
    assert "/embed/" not in (built_site / "sitemap.xml").read_text("utf-8")
    manifest = json.loads((built_site / "offline.json").read_text("utf-8"))
    groups = {group["id"]: group for group in manifest["groups"]}
    # The whole publication holds them; a guideline's save, for a home visit, holds its pages.
    assert f"embed/{RECOMMENDATION}/" in groups["publicatie"]["pages"]
    assert f"embed/{CHECKLIST}/" in groups["publicatie"]["pages"]
    assert not [page for group in manifest["groups"][1:] for page in group["pages"] if page.startswith("embed/")]


def test_a_former_id_keeps_its_card_with_the_current_text(minimal_tree: Path) -> None:
    """Like its short link, the card of a renamed recommendation's old id shows it as it is now."""
    chapter = minimal_tree / "content" / "proef" / "01-hoofdstuk.yaml"
    text = chapter.read_text("utf-8")
    chapter.write_text(text.replace("      - id: proef-2\n", "      - id: proef-2\n        former_ids: [proef-oud]\n"), "utf-8")
    corpus = read_corpus(minimal_tree / "content", minimal_tree / "checklists")
    cards = render_embed_cards(publication_view(corpus, read_site_settings(REPO / "mkdocs.yml")))
    assert cards["embed/proef-oud/index.html"] == cards["embed/proef-2/index.html"]
    assert set(cards) == {f"embed/{card}/index.html" for card in ("proef-1", "proef-2", "proef-oud", "proef-checklist")}


# --- In Chromium ------------------------------------------------------------------------------


def test_a_card_too_long_for_the_limit_names_its_part_and_leads_to_the_text(
    corpus: Corpus, settings: SiteSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text is never cut off: a card that would pass the limit holds the short form (a
    checklist: its size) and says that the whole text is in the guideline."""
    import generator.render.embed as embed

    view = publication_view(corpus, settings)
    whole = render_embed_cards(view)
    sizes = sorted(len(str(html).encode("utf-8")) for html in whole.values())
    # A limit between the smallest card and the largest: some stay whole, some become short.
    monkeypatch.setattr(embed, "CARD_LIMIT", (sizes[0] + sizes[-1]) // 2 + embed.POLICY_ROOM)
    cut = render_embed_cards(view)
    short = {path for path, html in cut.items() if html != whole[path]}
    assert short and short != set(cut)
    note = "De hele tekst is te lang voor deze kaart; je leest hem in de richtlijn."
    for path in short:
        html = str(cut[path])
        assert note in html and "Lees verder in de richtlijn" in html
        assert len(html.encode("utf-8")) <= embed.CARD_LIMIT - embed.POLICY_ROOM
    rec = next(r for g in view.guidelines for c in g.chapters for r in c.recommendations if r.embed.page in short)
    assert f"<h1>Aanbeveling {rec.id}</h1>\n<p>{rec.short}</p>" in str(cut[rec.embed.page])
