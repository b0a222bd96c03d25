"""The site search (Pagefind in Material's overlay), used as readers use it: in Chromium, through the UI.

The query set is bench/search/queries.yaml; bench/search/recall.py compares it with Material's lunr.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser import axe_violations, foreign, horizontal_overflow, record_requests
from tests.conftest import serve_directory
from tests.search_queries import Query, load_queries, recommendation_pages

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

TOP = 5
TARGET_RECALL = 0.95
SHOWN_LINKS = """(top) => [...document.querySelectorAll('[data-rl-search-results] .md-search-result__link')]
    .filter((a) => a.getClientRects().length > 0).slice(0, top).map((a) => a.href)"""


def rank_of(links: list[str], site_url: str, page_path: str, rec_id: str) -> int | None:
    expected = urlparse(site_url + page_path).path
    for position, link in enumerate(links, start=1):
        url = urlparse(link)
        if re.sub(r"index\.html$", "", unquote(url.path)) == expected and unquote(url.fragment) == rec_id:
            return position
    return None


def search(page: Page, query: str) -> list[str]:
    """Type a query into the open search and return the first result links as shown."""
    box = page.locator("[data-rl-search-input]")
    if not box.is_visible():
        page.locator("[data-rl-search-open]").click()
    box.fill(query)
    # search.js marks the list with the query it shows the answer to (also when there is none).
    expect(page.locator("[data-rl-search-results]")).to_have_attribute("data-rl-query", query)
    links: list[str] = page.evaluate(SHOWN_LINKS, TOP)
    return links


# Types each query the way fill() does (one input event) and waits in the page for its answer:
# Playwright's polling between queries would make the whole set several times slower.
SEARCH_ALL = """async ([queries, top]) => {
  const box = document.querySelector('[data-rl-search-input]');
  const list = document.querySelector('[data-rl-search-results]');
  const shown = () => [...list.querySelectorAll('.md-search-result__link')]
    .filter((a) => a.getClientRects().length > 0).slice(0, top).map((a) => a.href);
  const answers = {};
  for (const query of queries) {
    box.value = query;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    const started = Date.now();
    while (list.getAttribute('data-rl-query') !== query) {
      if (Date.now() - started > 10000) throw new Error('no answer for ' + query);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    answers[query] = shown();
  }
  return answers;
}"""


def settle(page: Page) -> None:
    """Material closes the search 125 ms after the address changes (also for a #hash on load);
    a reader does not type that fast, a test does."""
    page.wait_for_timeout(300)


def wait_for_transitions(page: Page) -> None:
    """Material opens its search with animations (on a phone a circle grows over the page, which
    for a moment is wider than the screen); measure what the reader then sees, not a frame of it."""
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")


def is_open(page: Page) -> bool:
    return bool(page.evaluate("document.getElementById('__search').checked"))


@pytest.fixture(scope="module")
def answers(browser: Browser, site_url: str) -> Iterator[dict[str, list[str]]]:
    """Every query of the set, typed into one page: the first five links each one shows."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.locator("[data-rl-search-input]").focus()
    yield page.evaluate(SEARCH_ALL, [[q.query for q in load_queries()], TOP])
    context.close()


# --- What it finds ----------------------------------------------------------------------------


def test_recall_at_5_of_the_query_set(answers: dict[str, list[str]], built_site: Path, site_url: str) -> None:
    pages = recommendation_pages(built_site)
    queries = load_queries()
    misses = [q for q in queries if rank_of(answers[q.query], site_url, pages[q.expect], q.expect) is None]
    recall = 1 - len(misses) / len(queries)
    shown = "\n".join(f"  {q.query!r} -> {q.expect}: {answers[q.query]}" for q in misses)
    assert recall >= TARGET_RECALL, f"recall@{TOP} {recall:.1%} < {TARGET_RECALL:.0%}; misses:\n{shown}"


def test_each_inflection_pair_finds_the_same_recommendation(
    answers: dict[str, list[str]], built_site: Path, site_url: str
) -> None:
    pages = recommendation_pages(built_site)
    pairs: dict[str, list[Query]] = {}
    for q in load_queries():
        if q.pair:
            pairs.setdefault(q.pair, []).append(q)
    for name, forms in pairs.items():
        assert len(forms) == 2 and forms[0].expect == forms[1].expect, name
        for q in forms:
            assert rank_of(answers[q.query], site_url, pages[q.expect], q.expect), f"{q.query!r}: {answers[q.query]}"


def test_dutch_texts(page: Page, site_url: str) -> None:
    page.goto(site_url)
    expect(page.locator("[data-rl-search-input]")).to_have_attribute("placeholder", "Zoeken")
    search(page, "studiefinanciering")
    expect(page.locator("[data-rl-search-status]")).to_have_text(re.compile(r"^(1 resultaat|[2-9]\d* resultaten)$"))
    assert search(page, "xyzzyq") == []
    expect(page.locator("[data-rl-search-status]")).to_have_text("Geen resultaten gevonden")


# --- Where a hit leads ------------------------------------------------------------------------


def test_clicking_a_hit_lands_on_the_recommendation(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "terugvalpreventieplan")
    page.locator("[data-rl-search-results] a[href$='#uhp-na-de-crisis-1']").first.click()
    page.wait_for_url(re.compile(r"/na-de-crisis/#uhp-na-de-crisis-1$"))
    assert page.evaluate("location.hash") == "#uhp-na-de-crisis-1"
    expect(page.locator("[id='uhp-na-de-crisis-1']")).to_be_in_viewport()
    assert not is_open(page)


def serve_sitemap_as_deployed(page: Page, site_url: str) -> None:
    """Material's instant navigation follows only links listed in sitemap.xml, which names the
    pages under `site_url`; it maps them onto the current host but drops the port. Deployed, the
    two agree; here the sitemap is rewritten to the test server's address so that they do."""
    public = "https://richtlijnen.example.org/"

    def rewrite(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(public, site_url))

    page.route("**/sitemap.xml", rewrite)


def test_search_keeps_working_after_instant_navigation(page: Page, site_url: str) -> None:
    serve_sitemap_as_deployed(page, site_url)
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.rlSamePage = true")  # gone after a full page load
    page.locator(".md-sidebar--primary a.md-nav__link[href$='begrippen/']").click()
    page.wait_for_url(re.compile(r"/begrippen/$"))
    expect(page.locator("h1")).to_have_text("Begrippen en afkortingen")
    settle(page)
    search(page, "ketensamenwerking")
    page.locator("[data-rl-search-results] a[href$='#rjh-organisatie-2']").first.click()
    page.wait_for_url(re.compile(r"/vasthouden-van-resultaten-na-vertrek/#rjh-organisatie-2$"))
    expect(page.locator("[id='rjh-organisatie-2']")).to_be_in_viewport()
    settle(page)
    links = search(page, "familiegroepsplan")
    assert any(link.endswith("/kernaanbevelingen/#sbh-doelen-en-besluit") for link in links), links
    assert page.evaluate("window.rlSamePage === true"), "the page was reloaded: instant navigation is off"


def test_works_under_a_sub_path(built_site: Path, page: Page, tmp_path: Path) -> None:
    # Versioned deploys serve the site under /latest/ or /2026.2/: Pagefind and the links follow.
    (tmp_path / "latest").symlink_to(built_site, target_is_directory=True)
    with serve_directory(tmp_path) as root:
        page.goto(root + "latest/begrippen/")
        links = search(page, "studiefinanciering")
        assert links, "no results under /latest/"
        assert all(urlparse(link).path.startswith("/latest/") for link in links), links


# --- Privacy, accessibility, phones, keyboard -------------------------------------------------


def test_searching_requests_only_the_own_host(page: Page, site_url: str) -> None:
    requests = record_requests(page)
    page.goto(site_url, wait_until="networkidle")
    for query in ["gezinnen", "plannen van aanpak", "jeugdigen"]:
        search(page, query)
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url for url in requests), "Pagefind was not loaded"
    assert foreign(requests, site_url) == []


def test_no_axe_violations_with_results_open(page: Page, site_url: str) -> None:
    page.goto(site_url + "uithuisplaatsing-en-terugplaatsing/voorkomen-van-uithuisplaatsing/", wait_until="networkidle")
    assert search(page, "gezinnen")
    assert is_open(page)
    wait_for_transitions(page)
    assert axe_violations(page) == []


def test_phone_full_screen_search_no_sideways_scrolling_no_axe_violations(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "samen-beslissen-over-hulp/kernaanbevelingen/", wait_until="networkidle")
    phone.locator("[data-rl-search-open]").tap()
    assert search(phone, "uithuisplaatsingen")
    wait_for_transitions(phone)
    assert horizontal_overflow(phone) == 0
    # Full screen, as Material shows its search on a phone.
    box = phone.locator(".md-search__inner").bounding_box()
    assert box is not None and (box["width"], box["height"]) == (375, 740), box
    assert axe_violations(phone) == []


def test_keyboard_only_desktop(page: Page, site_url: str) -> None:
    page.goto(site_url + "begrippen/")
    box = page.locator("[data-rl-search-input]")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-rl-search-input]')"):
            break
    expect(box).to_be_focused()
    assert is_open(page)
    page.keyboard.type("studiefinanciering")
    expect(page.locator("[data-rl-search-results][data-rl-query='studiefinanciering']")).to_be_attached()
    page.keyboard.press("ArrowDown")
    first = page.locator("[data-rl-search-results] .md-search-result__link").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    href = first.get_attribute("href")
    assert href is not None and href.endswith("#rjh-vasthouden-9"), href
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#rjh-vasthouden-9$"))
    expect(page.locator("[id='rjh-vasthouden-9']")).to_be_in_viewport()
    settle(page)
    # "/" opens the search again, as in Material; Escape closes it.
    page.keyboard.press("/")
    expect(box).to_be_focused()
    assert is_open(page)
    page.keyboard.press("Escape")
    assert not is_open(page)


def test_keyboard_only_phone(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "begrippen/")
    button = phone.locator("[data-rl-search-open]")
    for _ in range(10):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.matches('[data-rl-search-open]')"):
            break
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    phone.keyboard.press("Space")
    expect(phone.locator("[data-rl-search-input]")).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "true")
    phone.keyboard.type("laaggeletterdheid")
    expect(phone.locator("[data-rl-search-results][data-rl-query='laaggeletterdheid']")).to_be_attached()
    phone.keyboard.press("Escape")
    assert not is_open(phone)
    expect(button).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone.locator("[data-rl-search-input]")).to_be_focused()
    phone.keyboard.press("Tab")
    expect(phone.locator("[data-rl-search-results] .md-search-result__link").first).to_be_focused()
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"#sbh-analyse$"))
    expect(phone.locator("[id='sbh-analyse']")).to_be_in_viewport()


def test_phone_tab_passes_the_search_without_being_caught(phone: Page, site_url: str) -> None:
    """A keyboard reader who only passes the search box must get past it, not circle back."""
    phone.goto(site_url + "begrippen/")
    seen: list[str] = []
    for _ in range(6):
        phone.keyboard.press("Tab")
        seen.append(
            phone.evaluate(
                "(() => { const e = document.activeElement;"
                " return Array.from(document.querySelectorAll('*')).indexOf(e) + ' ' + e.tagName + '.' + e.className; })()"
            )
        )
    assert len(set(seen)) == len(seen), seen  # every Tab reached something new
    assert any("md-search__input" in s for s in seen), seen
    assert not is_open(phone)
