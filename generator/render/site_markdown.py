"""The website's output format: Markdown for MkDocs. The filters here turn the view model into
Markdown syntax for the page templates (render/site.py) and a release's change page
(release/render.py), which both land in the docs tree:

- `link`: an address as a relative link from the page being rendered, which MkDocs checks and
  rewrites to the built page;
- `md`: guideline text with its `[woorden](ref:id)` links made such relative links;
- `hashes`: a heading depth below the chapter's heading as Markdown's `#` marks (a chapter's title
  is the page's `#` heading).

Templates pass the page (its `path`) explicitly: a link is relative to the page it stands on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import jinja2

from generator.render.addresses import Address, SiteMap, link
from generator.render.templates import template_environment

# The chapter's title is the page's title (`#`), so depth 1 below it is `##`.
CHAPTER_HEADING_LEVEL = 1


class Page(Protocol):
    @property
    def path(self) -> str:
        """Where the page goes in the docs tree."""


def markdown_filters(sitemap: SiteMap) -> dict[str, Callable[..., Any]]:
    def link_filter(address: Address, page: Page) -> str:
        return link(page.path, address)

    def md(text: str, page: Page) -> str:
        return sitemap.link_refs(text, page.path)

    def hashes(depth: int) -> str:
        return "#" * (CHAPTER_HEADING_LEVEL + depth)

    return {"link": link_filter, "md": md, "hashes": hashes}


def markdown_environment(sitemap: SiteMap, *folders: Path) -> jinja2.Environment:
    return template_environment(*folders, filters=markdown_filters(sitemap))
