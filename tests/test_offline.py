"""Offline reading in Chromium: pages kept as they are read, "offline bewaren", one cache per version.

The context goes offline with Playwright's set_offline, which also cuts the service worker off:
the tests that an unread page fails offline show that nothing reaches the server any more. The
server here forbids the browser's own HTTP cache (Cache-Control: no-store), so whatever shows
offline came from the service worker's cache. Each test has its own server, so its own origin.
What the build writes for the worker (offline.json, the controls) is tested without a browser in
tests/test_offline_manifest.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from generator.render.view import DUTCH_MONTHS
from tests.browser import axe_violations, horizontal_overflow
from tests.conftest import MINIMAL, REPO, ZENSICAL_ANCHOR_GAP, build_site_into

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

GUIDELINE = "uithuisplaatsing-en-terugplaatsing/"
CHAPTER = GUIDELINE + "voorkomen-van-uithuisplaatsing/"
OTHER_CHAPTER = GUIDELINE + "na-de-crisis/"
CHECKLIST = "checklists/overdracht-na-crisishulp/"  # fed by this guideline
OTHER_GUIDELINE = "residentiele-jeugdhulp/"
CACHE_PREFIX = "richtlijnen-offline "
NOT_AVAILABLE = "Deze pagina is niet offline beschikbaar"


class _NoStoreHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_without_http_cache(directory: Path, handler_class: type[_NoStoreHandler] = _NoStoreHandler) -> Iterator[str]:
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site_url(built_site: Path) -> Iterator[str]:
    """The session's site, on a server of this test's own."""
    with serve_without_http_cache(built_site) as url:
        yield url


def today_in_dutch(page: Page) -> str:
    """The day the browser saves on, written out in Dutch here, independently of the page's own
    formatting. It is the browser's day, not this process's: no test depends on the day it runs."""
    day, month, year = page.evaluate("(() => { const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()]; })()")
    return f"{day} {DUTCH_MONTHS[month]} {year}"


# Cache Storage answers with promises, which wait_for_function does not wait for: these wait in
# the page until the condition holds, and fail after WAIT_MS.
WAIT_MS = 30_000
UNTIL = """async ([condition, arg, limit]) => {
  const holds = new Function("arg", "return (async () => " + condition + ")()");
  const deadline = Date.now() + limit;
  while (!(await holds(arg))) {
    if (Date.now() > deadline) throw new Error("still not true: " + condition);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""


def wait_in_page(page: Page, condition: str, arg: object = None) -> None:
    """Wait until the async expression `condition` (which may use `arg`) is true in the page."""
    page.evaluate(UNTIL, [condition, arg, WAIT_MS])


def wait_until_cached(page: Page, *urls: str) -> None:
    wait_in_page(page, "(await Promise.all(arg.map((u) => caches.match(u)))).every(Boolean)", list(urls))


def read_then_reload_offline(page: Page, url: str, asset: str) -> None:
    """Open `url` once, wait until the worker kept it and `asset`, then reload it without a connection."""
    page.goto(url)
    wait_until_cached(page, url, asset)
    page.context.set_offline(True)
    page.reload()


def wait_until_controlled(page: Page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def cache_names(page: Page) -> set[str]:
    return set(page.evaluate("caches.keys()"))


def cached_urls(page: Page, name: str) -> list[str]:
    return list(page.evaluate("async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)", name))


def status(page: Page) -> Locator:
    return page.locator(".rl-offline__status")


def save_guideline(page: Page) -> None:
    page.get_by_role("button", name="Richtlijn offline bewaren").click()
    expect(status(page)).to_have_text(
        re.compile(rf"^Opgeslagen voor offline gebruik op {today_in_dutch(page)} om \d\d:\d\d\.$"), timeout=30_000
    )


def search(page: Page, query: str) -> list[str]:
    box = page.locator("[data-rl-search-input]")
    if not box.is_visible():
        page.locator("[data-rl-search-open]").click()
    box.fill(query)
    expect(page.locator("[data-rl-search-results]")).to_have_attribute("data-rl-query", query)
    return list(page.eval_on_selector_all("[data-rl-search-results] .md-search-result__link", "links => links.map(a => a.href)"))


# --- Pages kept as they are read ----------------------------------------------------------------


def test_a_read_page_opens_offline_and_an_unread_one_says_so_in_dutch(page: Page, site_url: str) -> None:
    read_then_reload_offline(page, site_url + CHAPTER, site_url + "assets/richtlijnen.css")
    expect(page.locator("h1")).to_have_text("2. Voorkomen van uithuisplaatsing")
    expect(page.locator("[id='uhp-voorkomen-3']")).to_be_attached()
    # Styled from the cache too: the header has the site's own colour, not the browser's white.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(29, 79, 115)"

    page.goto(site_url + OTHER_GUIDELINE)
    expect(page.locator("h1")).to_have_text(NOT_AVAILABLE)
    expect(page.get_by_role("link", name="Naar de startpagina")).to_have_attribute("href", "/")
    assert page.get_attribute("html", "lang") == "nl"
    assert axe_violations(page) == []


def test_a_read_checklist_opens_and_ticks_offline(page: Page, site_url: str) -> None:
    read_then_reload_offline(page, site_url + CHECKLIST, site_url + "assets/checklist.js")
    expect(page.locator(".rl-voortgang")).to_have_text("0 van 10 afgevinkt · Nog 7 verplichte punten open.")
    page.locator("[id='punt-plan-na-stabilisatie']").check()
    expect(page.locator(".rl-voortgang")).to_contain_text("1 van 10 afgevinkt")
    stored = json.loads(page.evaluate("localStorage.getItem('rl-checklist:overdracht-na-crisishulp')"))
    assert list(stored["runs"][0]["ticks"]) == ["plan-na-stabilisatie"]


# --- "Offline bewaren" -------------------------------------------------------------------------


@pytest.mark.engine_gap(zensical=ZENSICAL_ANCHOR_GAP, strict=False)
def test_a_saved_guideline_opens_offline_with_its_chapters_checklists_and_search(page: Page, site_url: str) -> None:
    page.goto(site_url + GUIDELINE)
    expect(status(page)).to_have_text(re.compile(r"^Nog niet offline bewaard\. .* \(ongeveer (\d+ kB|\d+,\d MB)\)\.$"))
    wait_until_controlled(page)
    # Until something is saved, the worker leaves the search index to the browser (it made each
    # search's fetches twice as slow); a save stores all of it.
    assert search(page, "terugplaatsing")
    [cache] = [name for name in cache_names(page) if name.startswith("richtlijnen-offline ")]
    assert [url for url in cached_urls(page, cache) if "/pagefind/" in url] == []
    page.keyboard.press("Escape")  # closes the search overlay
    save_guideline(page)
    expect(page.get_by_role("button", name="Offline kopie verwijderen")).to_be_visible()
    assert any("/pagefind/fragment/" in url for url in cached_urls(page, cache))

    page.context.set_offline(True)
    page.goto(site_url + OTHER_CHAPTER)  # never opened
    expect(page.locator("h1")).to_have_text("Na de crisis")
    # The control on a chapter page says the same, and that it is about the whole guideline.
    expect(page.locator(".rl-offline__kop")).to_have_text("Offline lezen: de hele richtlijn Uithuisplaatsing en terugplaatsing")
    expect(status(page)).to_contain_text(f"Opgeslagen voor offline gebruik op {today_in_dutch(page)}")
    page.goto(site_url + CHECKLIST)
    expect(page.locator(".rl-bediening")).to_be_visible()
    page.goto(site_url + "r/uhp-voorkomen-3/")  # a short link from a client file
    page.wait_for_url(re.compile(r"/voorkomen-van-uithuisplaatsing/#uhp-voorkomen-3$"))
    expect(page.locator("[id='uhp-voorkomen-3']")).to_be_in_viewport()
    links = search(page, "terugplaatsing")
    assert any("/uithuisplaatsing-en-terugplaatsing/" in link for link in links), links

    page.goto(site_url + OTHER_GUIDELINE)  # another guideline: not saved
    expect(page.locator("h1")).to_have_text(NOT_AVAILABLE)
    expect(page.get_by_role("link", name="Uithuisplaatsing en terugplaatsing")).to_have_attribute(
        "href", re.compile(f"/{GUIDELINE}$")
    )


def test_the_offline_copy_can_be_removed_again(page: Page, site_url: str) -> None:
    page.goto(site_url + GUIDELINE)
    save_guideline(page)
    page.get_by_role("button", name="Offline kopie verwijderen").click()
    expect(status(page)).to_have_text(re.compile(r"^Nog niet offline bewaard\."))
    expect(page.get_by_role("button", name="Offline kopie verwijderen")).to_be_hidden()
    # Among the page's live regions (the theme may have one of its own: Zensical's dialog has).
    expect(page.get_by_role("status").filter(has_text="verwijderd")).to_have_text("De offline kopie is verwijderd.")
    assert page.evaluate("async (url) => (await caches.match(url)) === undefined", site_url + OTHER_CHAPTER)
    # What other pages need stays: pages read earlier must keep their look.
    assert page.evaluate("async (url) => (await caches.match(url)) !== undefined", site_url + "assets/richtlijnen.css")
    page.context.set_offline(True)
    page.goto(site_url + OTHER_CHAPTER)
    expect(page.locator("h1")).to_have_text(NOT_AVAILABLE)


def test_saving_without_a_connection_says_so_in_dutch(page: Page, site_url: str) -> None:
    page.goto(site_url + GUIDELINE)
    expect(status(page)).to_have_text(re.compile(r"^Nog niet offline bewaard\."))
    page.context.set_offline(True)
    page.get_by_role("button", name="Richtlijn offline bewaren").click()
    expect(status(page)).to_have_text(
        "Opslaan is niet gelukt: er is geen verbinding met de website. Probeer het opnieuw zodra je online bent."
    )
    expect(page.locator(".rl-offline")).to_have_class(re.compile(r"\brl-offline--fout\b"))
    expect(page.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
    assert axe_violations(page) == []
    page.context.set_offline(False)
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(status(page)).to_contain_text("Opgeslagen voor offline gebruik op")


def test_the_control_works_with_the_keyboard_on_a_phone_without_axe_violations(phone: Page, site_url: str) -> None:
    phone.goto(site_url + GUIDELINE)
    save = phone.get_by_role("button", name="Richtlijn offline bewaren")
    expect(save).to_be_visible()
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
    # From the link just before it, the page's last (the header's search box keeps Tab to itself
    # on a phone).
    phone.locator("article.md-content__inner ul a").last.focus()
    phone.keyboard.press("Tab")
    expect(save).to_be_focused()
    phone.keyboard.press("Enter")
    expect(status(phone)).to_contain_text(f"Opgeslagen voor offline gebruik op {today_in_dutch(phone)}", timeout=30_000)
    expect(phone.get_by_role("button", name="Opnieuw opslaan")).to_be_focused()  # focus stays on the button
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("button", name="Offline kopie verwijderen")).to_be_focused()
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
    phone.keyboard.press("Enter")
    expect(status(phone)).to_have_text(re.compile(r"^Nog niet offline bewaard\."))


def test_the_whole_publication_is_saved_from_the_home_page(page: Page, site_url: str) -> None:
    page.goto(site_url)
    save = page.get_by_role("button", name="Hele publicatie offline bewaren")
    expect(save).to_be_visible()
    # After the content, the last thing of the page.
    assert page.evaluate("document.querySelector('article.md-content__inner > .rl-offline').nextElementSibling") is None
    expect(status(page)).to_have_text(re.compile(r"\(ongeveer \d,\d MB\)\.$"))
    save.click()
    expect(status(page)).to_contain_text(f"Opgeslagen voor offline gebruik op {today_in_dutch(page)}", timeout=30_000)
    data = site_url + "api/aanbevelingen/uhp-voorkomen-3.json"
    wait_until_cached(page, site_url + "downloads/zakgids.pdf", site_url + "pagefind/pagefind.js", data)
    page.context.set_offline(True)
    for path, title in [
        (OTHER_GUIDELINE, "Residentiële jeugdhulp"),
        ("begrippen/", "Begrippen en afkortingen"),
        ("checklists/samen-beslissen-beslisproces/", "Samen beslissen: het beslisproces"),
    ]:
        page.goto(site_url + path)
        expect(page.locator("h1")).to_have_text(title)
    # The publication as data (api/) is in the copy too.
    assert page.evaluate("async (url) => (await (await fetch(url)).json()).aanbeveling.id", data) == "uhp-voorkomen-3"


def test_on_a_phone_the_control_comes_below_the_guidelines(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    control = phone.get_by_role("group", name="Offline lezen: hele publicatie")
    expect(control).to_be_visible()
    guidelines = phone.locator("h2:has-text('Richtlijnen') + ul")
    assert guidelines.locator("li").count() == 4
    list_box, control_box = guidelines.bounding_box(), control.bounding_box()
    assert list_box is not None and control_box is not None
    assert control_box["y"] >= list_box["y"] + list_box["height"]
    assert list_box["y"] < 740  # the list starts on the first screen; the control is not in its way


# --- A check that is slow or fails ------------------------------------------------------------------
# The server holds back or breaks what the browser fetches; the page's own code runs unchanged.

SLOW = "Nog niet bekend of dit offline bewaard is: nagaan duurt lang. Je kunt het wel al bewaren."
NOT_SAVED = re.compile(r"^Nog niet offline bewaard\. Bewaar deze richtlijn")


class _SlowWorker(_NoStoreHandler):
    """Holds sw.js back until the test releases it, so no worker becomes active meanwhile."""

    release = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/sw.js":
            self.release.wait()
        super().do_GET()


class _BrokenCaches(_NoStoreHandler):
    """Serves sw.js with a Cache Storage whose has() throws, as a browser that refuses storage does."""

    def do_GET(self) -> None:
        if self.path != "/sw.js":
            super().do_GET()
            return
        broken = 'self.caches.has = () => Promise.reject(new DOMException("Geen toegang", "SecurityError"));\n'
        body = (broken + Path(self.translate_path(self.path)).read_text(encoding="utf-8")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _NoControlFile(_NoStoreHandler):
    """Fails every control file under offline/."""

    def do_GET(self) -> None:
        if self.path.startswith("/offline/"):
            self.send_error(500)
            return
        super().do_GET()


def test_a_slow_check_offers_the_save_and_then_says_what_it_found(page: Page, built_site: Path) -> None:
    _SlowWorker.release.clear()
    with serve_without_http_cache(built_site, _SlowWorker) as url:
        try:
            page.goto(url + GUIDELINE)
            expect(status(page)).to_have_text(SLOW, timeout=20_000)
            expect(page.get_by_role("button", name="Richtlijn offline bewaren")).to_be_visible()
            expect(page.get_by_role("button", name="Richtlijn offline bewaren")).to_have_attribute("aria-disabled", "false")
            assert axe_violations(page) == []
        finally:
            _SlowWorker.release.set()
        expect(status(page)).to_have_text(NOT_SAVED, timeout=20_000)


def test_a_failing_check_says_so_in_dutch(page: Page, built_site: Path) -> None:
    with serve_without_http_cache(built_site, _BrokenCaches) as url:
        page.goto(url + GUIDELINE)
        expect(status(page)).to_have_text(
            "Nagaan of dit offline bewaard is, is niet gelukt. Probeer het later opnieuw.", timeout=20_000
        )
        expect(page.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
        expect(page.get_by_role("button", name="Offline kopie verwijderen")).to_be_hidden()
        assert axe_violations(page) == []


def test_a_control_file_that_fails_to_load_says_so_in_dutch(page: Page, built_site: Path) -> None:
    with serve_without_http_cache(built_site, _NoControlFile) as url:
        page.goto(url + GUIDELINE)
        control = page.get_by_role("group", name="Offline lezen")
        expect(control).to_have_text(
            "Offline bewaren kan nu niet: de gegevens daarvoor konden niet worden opgehaald. Probeer het later opnieuw."
        )
        expect(control.get_by_role("button")).to_have_count(0)
        assert axe_violations(page) == []


# --- Versions, and Material's instant navigation ----------------------------------------------------
# Built from the minimal fixture, which builds in half the time of the real content.

PROEF = "proefrichtlijn/"
PROEF_CHAPTER = PROEF + "hoofdstuk/"
PROEF_CHECKLIST = "checklists/proef-checklist/"  # saved with the guideline


def build_version(base: Path, url: str, folder: str, release: str) -> None:
    """A site in `<root>/<folder>/`, with that folder's address as site_url, as mike deploys it."""
    config = base / f"mkdocs-{folder}.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build-{folder}/docs\nsite_url: {url}{folder}/\n", "utf-8")
    completed = build_site_into(
        base / "web" / folder,
        *("--content", str(MINIMAL / "content"), "--checklists", str(MINIMAL / "checklists")),
        *("--config-file", str(config), "--release", release),
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """Versions 1.0 and 2.0 in two folders under one server root."""
    base = tmp_path_factory.mktemp("versies")
    (base / "web").mkdir()
    with serve_without_http_cache(base / "web") as url:
        for version in ("1.0", "2.0"):
            build_version(base, url, version, version)
        yield base, url


def test_instant_navigation_reads_from_the_cache_offline(page: Page, versions: tuple[Path, str]) -> None:
    _, url = versions
    site = url + "1.0/"
    page.goto(site + PROEF)
    wait_until_controlled(page)
    chapter_link = page.locator("article a[href$='/proefrichtlijn/hoofdstuk/']").first
    chapter_link.click()
    expect(page.locator("h1")).to_have_text("1. Voorkomen van uithuisplaatsing")
    wait_until_cached(page, site + PROEF_CHAPTER)
    page.evaluate("window.rlSamePage = true")  # gone after a full page load
    page.go_back()
    expect(page.locator("h1")).to_have_text("Proefrichtlijn")

    page.context.set_offline(True)
    chapter_link.click()
    expect(page.locator("h1")).to_have_text("1. Voorkomen van uithuisplaatsing")
    assert page.evaluate("window.rlSamePage") is True, "Material did not navigate instantly"
    # A page that is not there: Material gives up on it and lets the browser load it.
    page.locator(".md-sidebar--primary a.md-nav__link[href$='/begrippen/']").click()
    expect(page.locator("h1")).to_have_text(NOT_AVAILABLE)


def test_each_version_has_its_own_cache_and_a_new_release_replaces_only_its_own(
    browser: Browser, versions: tuple[Path, str]
) -> None:
    base, url = versions
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(url + "1.0/" + PROEF_CHAPTER)
        wait_until_cached(page, url + "1.0/" + PROEF_CHAPTER)
        page.goto(url + "2.0/" + PROEF)
        save_guideline(page)
        assert cache_names(page) == {f"{CACHE_PREFIX}/1.0/ 1.0", f"{CACHE_PREFIX}/2.0/ 2.0"}
        scopes = page.evaluate("navigator.serviceWorker.getRegistrations().then((rs) => rs.map((r) => r.scope))")
        assert sorted(scopes) == [url + "1.0/", url + "2.0/"]
        for folder, other in [("1.0", "2.0"), ("2.0", "1.0")]:
            urls = cached_urls(page, f"{CACHE_PREFIX}/{folder}/ {folder}")
            assert urls and all(u.startswith(f"{url}{folder}/") for u in urls), f"{other} in the cache of {folder}"

        # A new release in the 2.0 folder: its worker takes over and saves the guideline again.
        build_version(base, url, "2.0", "2.1")
        page.reload()
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_in_page(
            page,
            "(await caches.keys()).includes(arg + '/2.0/ 2.1') && !(await caches.keys()).includes(arg + '/2.0/ 2.0')",
            CACHE_PREFIX,
        )
        assert cache_names(page) == {f"{CACHE_PREFIX}/1.0/ 1.0", f"{CACHE_PREFIX}/2.0/ 2.1"}
        page.reload()
        expect(status(page)).to_contain_text(f"Opgeslagen voor offline gebruik op {today_in_dutch(page)}")

        context.set_offline(True)
        page.goto(url + "2.0/" + PROEF_CHECKLIST)  # never opened; saved again from release 2.1
        expect(page.locator(".rl-context").first).to_contain_text("Versie 2.1")
        page.goto(url + "1.0/" + PROEF_CHAPTER)  # the other version's cache is untouched
        expect(page.locator(".rl-context").first).to_contain_text("Versie 1.0")
    finally:
        context.close()
