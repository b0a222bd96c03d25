"""In Chromium, no page type breaks the Content-Security-Policy, and hostile content gets nowhere
(tests/test_csp_policy.py checks the policy itself and that every page carries it).

The hostile site is built as if `check` had let everything through: hostile Markdown is written
into the generated docs tree after validation, then MkDocs (with the sanitiser the generated config
adds) and the policy step run as in a real build. Chromium then loads it and must see no dialog,
no policy violation and no request to another host.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from generator.render.settings import read_site_settings
from generator.stages import read_corpus, render_site
from generator.write.csp import add_policies
from generator.write.files import write_tree
from tests.browser import foreign, record_requests
from tests.conftest import MINIMAL, REPO, serve_directory

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
});
"""

PAGE_TYPES = [
    "",
    "uithuisplaatsing-en-terugplaatsing/",
    "uithuisplaatsing-en-terugplaatsing/na-de-crisis/",
    "checklists/",
    "checklists/overdracht-na-crisishulp/",
    "begrippen/",
    "over-deze-publicatie/",
    "404.html",
    "r/uhp-voorkomen-1/",
]

HOSTILE = """

Zet in op *steun*{: autofocus tabindex=0 onfocus=alert(3) } een vraag.
{: autofocus tabindex="0" onfocus="alert(document.domain)" }

[klik](https://example.org){: onclick="alert(1)" } en [klik [hier] nu](javascript:alert(2)) en [](javascript:alert(4))

{: style="background-image:url(https://tracker.example/p.png)"}

![x](https://tracker.example/i.png) ![y](file:///etc/passwd) <https://tracker.example/auto>

<img src=x onerror=alert(5)><script>alert(6)</script><iframe src="https://tracker.example/f"></iframe>

[ref][1]

[1]: javascript:alert(7)
"""


def watched(page: Page) -> tuple[list[str], list[str]]:
    dialogs: list[str] = []

    def seen(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    page.add_init_script(RECORD_VIOLATIONS)
    return dialogs, record_requests(page)


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_page_type_breaks_the_policy(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    dialogs, requests = watched(page)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if path == "":
        page.keyboard.press("/")  # search: Pagefind's WebAssembly must run under the policy
        page.keyboard.type("gezin")
        page.wait_for_selector(".rl-zoekresultaat, .md-search-result__item", timeout=10_000)
    assert page.evaluate("window.__violations") == []
    assert dialogs == []
    assert foreign(requests, site_url) == []
    context.close()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("vijandig")
    config = root / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build/docs\n", encoding="utf-8")
    settings = read_site_settings(config)
    rendered = render_site(read_corpus(MINIMAL / "content", MINIMAL / "checklists"), settings, pdfs=False)
    docs = dict(rendered.docs)
    chapter = "proefrichtlijn/hoofdstuk.md"
    docs[chapter] = str(docs[chapter]) + HOSTILE
    write_tree(docs, settings.docs_dir)
    write_tree({rendered.config_file.name: rendered.config_text}, rendered.config_file.parent, prune=False)
    site = root / "site"
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(rendered.config_file), "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    add_policies(site)
    with serve_directory(site) as url:
        yield url + "proefrichtlijn/hoofdstuk/"


def test_hostile_content_runs_nothing_and_reaches_no_other_host(browser: Browser, hostile_site: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    dialogs, requests = watched(page)
    page.goto(hostile_site)
    page.wait_for_load_state("networkidle")
    for link in page.locator("article a").all():
        link.focus()
    page.keyboard.press("Tab")
    assert dialogs == []
    assert page.evaluate("window.__violations") == []
    assert foreign(requests, hostile_site) == []
    elements = page.evaluate(
        "[...document.querySelectorAll('article *')].map(e => [e.localName, ...[...e.attributes].map(a => [a.name, a.value])])"
    )
    assert not [e for e in elements if e[0] in {"img", "script", "iframe", "svg", "style", "object", "embed"}]
    attributes = [(name, value) for e in elements for name, value in e[1:]]
    assert not [a for a in attributes if a[0].startswith("on") or a[0] in {"style", "src", "srcset", "autofocus"}]
    assert not [a for a in attributes if a[0] == "href" and a[1].strip().lower().startswith(("javascript:", "data:", "file:"))]
    context.close()


def test_the_policy_blocks_what_the_sanitiser_would_have_missed(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    """The second layer on its own: script and an outside image put into a finished page."""
    import shutil

    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    page_file = site / "begrippen" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(
        html.replace("</article>", '<script>alert(1)</script><img src="https://tracker.example/p.png"></article>'),
        encoding="utf-8",
    )
    with serve_directory(site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs, requests = watched(page)
        blocked: list[str] = []
        page.on("requestfailed", lambda r: blocked.append(r.url) if r.failure == "csp" else None)
        page.goto(url + "begrippen/")
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        context.close()
    assert dialogs == []
    # Chromium reports the image as a request that the policy then stopped before it left.
    assert foreign(requests, url) == blocked == ["https://tracker.example/p.png"]
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src https://tracker.example/p.png") for v in violations), violations
