"""The site search (Pagefind in Material's overlay), used as readers use it: in Chromium, through the UI.

The query set is bench/search/queries.yaml; bench/search/recall.py compares it with Material's lunr.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser import axe_violations, foreign, horizontal_overflow, record_requests
from tests.conftest import page_file, serve_directory
from tests.search_queries import Query, answer_pages, load_queries

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

TOP = 5
TARGET_RECALL = 0.95
SHOWN_LINKS = """(top) => [...document.querySelectorAll('[data-rl-search-results] .md-search-result__link')]
    .filter((a) => a.getClientRects().length > 0).slice(0, top).map((a) => a.href)"""


def rank_of(links: list[str], site_url: str, page_path: str, anchor: str) -> int | None:
    """1-based position of the first link to `anchor` on the page (the words to mark, ?zoek=,
    may stand between them), or None."""
    expected = urlparse(site_url + page_path).path
    for position, link in enumerate(links, start=1):
        url = urlparse(link)
        if re.sub(r"index\.html$", "", unquote(url.path)) == expected and unquote(url.fragment) == anchor:
            return position
    return None


def search(page: Page, query: str) -> list[str]:
    """Type a query into the open search and return the first result links as shown."""
    box = page.locator("[data-rl-search-input]")
    opener = page.locator("[data-rl-search-open]")
    # on-demand.js puts the box (desktop) or the button (phone) in the header once it runs.
    expect(box.or_(opener).filter(visible=True).first).to_be_visible()
    if not box.is_visible():
        opener.click()
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
    pages = answer_pages(built_site)
    queries = load_queries()
    misses = [q for q in queries if rank_of(answers[q.query], site_url, *pages[q.expect]) is None]
    recall = 1 - len(misses) / len(queries)
    shown = "\n".join(f"  {q.query!r} -> {q.expect}: {answers[q.query]}" for q in misses)
    assert recall >= TARGET_RECALL, f"recall@{TOP} {recall:.1%} < {TARGET_RECALL:.0%}; misses:\n{shown}"


def test_each_inflection_pair_finds_the_same_recommendation(
    answers: dict[str, list[str]], built_site: Path, site_url: str
) -> None:
    pages = answer_pages(built_site)
    pairs: dict[str, list[Query]] = {}
    for q in load_queries():
        if q.pair:
            pairs.setdefault(q.pair, []).append(q)
    for name, forms in pairs.items():
        assert len(forms) == 2 and forms[0].expect == forms[1].expect, name
        for q in forms:
            assert rank_of(answers[q.query], site_url, *pages[q.expect]), f"{q.query!r}: {answers[q.query]}"


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
    page.wait_for_url(re.compile(r"/na-de-crisis/\?zoek=[^#]+#uhp-na-de-crisis-1$"))
    assert page.evaluate("location.hash") == "#uhp-na-de-crisis-1"
    expect(page.locator("[id='uhp-na-de-crisis-1']")).to_be_in_viewport()
    assert not is_open(page)


# --- Where a hit points: the place of a result, and the words marked where it lands ------------

PLACES = """() => [...document.querySelectorAll('[data-rl-search-results] .md-search-result__link')].map((a) => ({
    href: a.href,
    place: a.querySelector('.rl-zoeken-pagina')?.textContent ?? null,
    heading: a.querySelector('.rl-zoeken-kop')?.textContent ?? null,
}))"""
# The words marked on the page, with the recommendation or checklist item each stands in.
MARKS = """() => [...document.querySelectorAll('mark')].filter((m) => !m.closest('[data-rl-search]')).map((m) => ({
    text: m.textContent,
    inside: m.closest('.rl-aanbeveling, .rl-punt')?.querySelector('h2[id], h3[id], h4[id], input[id]')?.id ?? null,
}))"""
TARGET_TEXT = "(id) => document.getElementById(id).closest('.rl-aanbeveling, .rl-punt').textContent"
# Material's look for a highlight: the page's own --md-typeset-mark-color, resolved as a colour.
MARK_COLOUR = """() => {
  const probe = document.createElement('span');
  probe.style.backgroundColor = 'var(--md-typeset-mark-color)';
  document.querySelector('.md-typeset').append(probe);
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
}"""


def heading_text(site: Path, url_path: str, anchor: str) -> str:
    """The text of the heading with this id, as the built page has it."""
    source = page_file(site, url_path).read_text(encoding="utf-8")
    found = re.search(rf'<h[1-6] id="{re.escape(anchor)}"[^>]*>(.*?)</h[1-6]>', source, re.S)
    assert found, anchor
    inner = re.sub(r'<a class="headerlink".*?</a>', "", found[1], flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split())


def test_results_name_guideline_and_chapter_and_a_recommendation_by_id_and_short_form(
    phone: Page, site_url: str, built_site: Path
) -> None:
    phone.goto(site_url, wait_until="networkidle")
    phone.locator("[data-rl-search-open]").tap()
    assert search(phone, "gezinnen")
    wait_for_transitions(phone)
    results = phone.evaluate(PLACES)
    recommendations = 0
    guidelines = set()
    for result in results:
        url = urlparse(result["href"])
        source = page_file(built_site, url.path).read_text(encoding="utf-8")
        # A chapter page names its place on each recommendation (the view model's "guideline ›
        # chapter"); its first result must show the same words.
        place = re.search(r'data-rl-plaats="([^"]+)"', source)
        if result["place"] is not None and place:
            assert result["place"] == html.unescape(place[1]), result
            guidelines.add(result["place"].split(" › ")[0])
        if url.fragment and re.search(rf'<div class="rl-aanbeveling"[^>]*>\s*<h[1-6] id="{re.escape(url.fragment)}"', source):
            recommendations += 1
            expected = heading_text(built_site, url.path, url.fragment)
            assert result["heading"] == expected, result
            assert re.match(rf"{re.escape(url.fragment)} · \S", expected), expected
    assert len(guidelines) >= 2, results
    assert recommendations >= 3, results
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []


def land_from_search(page: Page, site_url: str, query: str, anchor: str) -> str:
    """Search from the home page and tap the result for `anchor`, as a reader does; the address landed on."""
    serve_sitemap_as_deployed(page, site_url)
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.rlSamePage = true")
    search(page, query)
    page.locator(f"[data-rl-search-results] a[href$='#{anchor}']").first.click()
    page.wait_for_url(re.compile(rf"\?zoek=[^#]+#{re.escape(anchor)}$"))
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
    expect(page.locator("mark.rl-treffer").first).to_be_attached()
    return page.url


def test_a_search_landing_marks_the_words_found_in_the_recommendation(phone: Page, site_url: str) -> None:
    landed = land_from_search(phone, site_url, "crisisplannen", "uhp-na-de-crisis-1")
    assert phone.evaluate("window.rlSamePage === true"), "no instant navigation: the marks came from a full load"
    marks = phone.evaluate(MARKS)
    # Pagefind stems: "crisisplannen" found "crisisplan", and that word is what is marked, only
    # in the recommendation landed on.
    assert marks and {m["text"].lower() for m in marks} == {"crisisplan"}, marks
    assert {m["inside"] for m in marks} == {"uhp-na-de-crisis-1"}, marks
    # Material's look for a highlight, and nothing a screen reader would read differently: a
    # plain <mark> around whole words, no labels or hidden text.
    mark = phone.locator("mark.rl-treffer").first
    colour = phone.evaluate(MARK_COLOUR)
    assert colour not in ("", "rgba(0, 0, 0, 0)"), "the theme defines no highlight colour"
    assert mark.evaluate("(m) => getComputedStyle(m).backgroundColor") == colour
    assert mark.evaluate(
        "(m) => m.children.length === 0 && ![...m.attributes].some((a) => a.name === 'role' || a.name.startsWith('aria-'))"
    )
    phone.screenshot()  # the marks are drawn: axe checks them as a reader sees them
    assert axe_violations(phone) == []
    # Marking only wraps: the text of the recommendation is the text of the page without marks.
    marked_text = phone.evaluate(TARGET_TEXT, "uhp-na-de-crisis-1")
    phone.goto(landed.replace("?zoek=crisisplan", ""), wait_until="networkidle")
    assert phone.evaluate(MARKS) == []  # not arriving from a search: nothing marked
    assert phone.evaluate(TARGET_TEXT, "uhp-na-de-crisis-1") == marked_text


def test_a_word_of_a_checklist_item_finds_the_item_and_lands_on_it(phone: Page, site_url: str) -> None:
    # "naadloze" stands in one item's text and in the recommendation it cites; before, Pagefind
    # never indexed the item (a <label>) and the checklist was not found.
    serve_sitemap_as_deployed(phone, site_url)
    phone.goto(site_url, wait_until="networkidle")
    phone.locator("[data-rl-search-open]").tap()
    search(phone, "naadloze")
    results = phone.evaluate(PLACES)
    item = [
        r for r in results if re.search(r"/checklists/overdracht-na-crisishulp/\?zoek=naadloze#punt-geen-wachttijd$", r["href"])
    ]
    assert item, results
    assert item[0]["place"] == "Checklist › Overdracht na crisishulp — compleetheid", item
    wait_for_transitions(phone)
    assert axe_violations(phone) == []
    phone.keyboard.press("Escape")
    land_from_search(phone, site_url, "naadloze", "punt-geen-wachttijd")
    expect(phone.locator(".rl-punt[data-rl-item='geen-wachttijd']")).to_be_in_viewport()
    marks = phone.evaluate(MARKS)
    assert marks and {(m["text"], m["inside"]) for m in marks} == {("naadloze", "punt-geen-wachttijd")}, marks
    assert axe_violations(phone) == []


def test_a_hit_on_each_page_of_the_query_set_lands_with_the_words_marked(
    answers: dict[str, list[str]], built_site: Path, site_url: str, page: Page
) -> None:
    """The query set's other kind of answer: every hit names the words to mark, and where the
    first hit on each page of the set leads, something is marked in the recommendation or checklist
    item it points at. One landing per page, not per hit: a landing is a full page load, and the
    other hits of a page differ only in their anchor, which the tests above land on."""
    pages = answer_pages(built_site)
    hits: dict[str, str] = {}  # expected answer -> the link of its first hit, one per page
    landed_pages: set[str] = set()
    for q in load_queries():
        path, anchor = pages[q.expect]
        position = rank_of(answers[q.query], site_url, path, anchor)
        if position is not None:  # a miss counts against recall, above
            link = answers[q.query][position - 1]
            assert parse_qs(urlparse(link).query).get("zoek"), f"{q.query!r}: {link} names no words to mark"
            if path not in landed_pages:
                landed_pages.add(path)
                hits.setdefault(q.expect, link)
    unmarked = []
    for expected, link in hits.items():
        anchor = pages[expected][1]
        page.goto(link, wait_until="commit")
        marked = "(id) => document.getElementById(id)?.closest('.rl-aanbeveling, .rl-punt')?.querySelector('mark.rl-treffer')"
        try:
            page.wait_for_function(marked, arg=anchor, timeout=5000)
        except PlaywrightTimeoutError:
            unmarked.append(link)
    assert unmarked == []


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
    page.wait_for_url(re.compile(r"/vasthouden-van-resultaten-na-vertrek/\?zoek=[^#]+#rjh-organisatie-2$"))
    expect(page.locator("[id='rjh-organisatie-2']")).to_be_in_viewport()
    settle(page)
    links = search(page, "familiegroepsplan")
    assert any(re.search(r"/kernaanbevelingen/\?zoek=[^#]+#sbh-doelen-en-besluit$", link) for link in links), links
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
