"""A Content-Security-Policy and a referrer policy in every page of the built site.

The last line of defence: even if some script or style reached a page, the browser would refuse to
run it, and no page can make the browser ask another host for anything. A `<meta http-equiv>` is
used because the site is static files on whatever web server an organisation has (GitHub Pages
sets no headers), so the policy travels with the pages.

The inline scripts that the theme needs (Material's scope script, the short links' redirect) are
allowed by their SHA-256 hash, computed per page from the bytes that are in that page: the same
script differs from page to page by its relative base path. Nothing else inline runs.

This runs as a step of the build (generator/build.py) on the scratch folder, after MkDocs and
Pagefind, before the site replaces the old one.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from generator.render.addresses import EMBED_DIR

# What each directive allows, and why:
# - script-src: the site's own files, the hashed inline scripts of each page, and WebAssembly
#   compilation for Pagefind's search (its index reader is .wasm; 'wasm-unsafe-eval' allows
#   compiling WebAssembly and nothing else: no eval, no new Function);
# - style-src: the site's own stylesheets, and the hashed <style> elements of a page (the page a
#   retired short link leads to styles itself); no style attributes, and scripts that set
#   element.style through the DOM are not affected;
# - img-src: the site's own images, and data: URIs, which Material's stylesheet uses for its
#   icons (a data: URI is in the page already; nothing is fetched);
# - connect-src, worker-src, manifest-src, font-src: the site itself (search index, offline
#   worker and the files it saves);
# - object-src, frame-src: none; base-uri and form-action: the site itself.
# frame-ancestors cannot be set from a <meta>; an intranet may frame the pages.
#
# The cards for intranets (embed/<id>/, render/embed.py) live in another site's frame and need
# nothing but their one inline style: nothing by default, no script at all, that style by its
# hash, no base other than their own <base target>, no form. Which intranets may frame them can only
# be said by an HTTP header (frame-ancestors), which the administrator's web server sets
# (docs/beheer.md).
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-src 'none'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
CARD_POLICY = "default-src 'none'; script-src 'none'; style-src{styles}; base-uri 'none'; form-action 'none'"
# Links to other sites (a source, a mail form) tell them nothing about which page a reader was on.
REFERRER_POLICY = "no-referrer"
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
MARKER = 'http-equiv="Content-Security-Policy"'


class _Inline(HTMLParser):
    """The exact text of every inline script the browser would run, and of every <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        runs = "src" not in named and (named.get("type") or "").strip().lower() in JAVASCRIPT_TYPES
        if (tag == "script" and runs) or tag == "style":
            self._open, self._text = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self.found[tag].append("".join(self._text))
            self._open = None


def policy_for(html: str, *, card: bool = False) -> str:
    """The page's policy; a card's (`card`) allows no script, and its style only by its hash."""
    parser = _Inline()
    parser.feed(html)
    parser.close()

    def hashes(kind: str) -> str:
        return "".join(f" '{h}'" for h in sorted({_sha256(text) for text in parser.found[kind]}))

    if card:
        return CARD_POLICY.format(styles=hashes("style") or " 'none'")
    return POLICY.format(scripts=hashes("script"), styles=hashes("style"))


def _sha256(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def with_policy(html: str, *, card: bool = False) -> str:
    """The page with the two meta elements first in its <head>, so they govern everything after."""
    start = html.find("<head")
    if start < 0:
        return html
    # Already there (a page this step has seen before): only its own <head> counts, as the words of
    # the marker in a page's text (a recommendation may quote them) must not switch the policy off.
    if MARKER in html[start : html.find("</head>", start)]:
        return html
    end = html.find(">", start) + 1
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, card=card)}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    # After <meta charset>, which must come first in the document.
    charset = html.find("<meta charset", end)
    if charset >= 0 and html[end:charset].strip() == "":
        end = html.find(">", charset) + 1
    return html[:end] + meta + html[end:]


def add_policies(site: Path) -> int:
    """Every .html file in the built site; returns how many were written."""
    count = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        updated = with_policy(html, card=path.relative_to(site).parts[0] == EMBED_DIR)
        if updated != html:
            path.write_text(updated, encoding="utf-8")
            count += 1
    return count
