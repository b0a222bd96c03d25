"""The last word on what content HTML may contain: an allowlist sanitiser (nh3, i.e. ammonia).

`check` already refuses everything outside the content Markdown subset (model/markdown.py). This is
the second line, for whatever the check misses: every page's Markdown output (the article of each
site page, where the content text lands) and every text in the PDFs passes through `sanitise`.
Only the tags and attributes that the page templates themselves produce survive; event handlers,
`style`, images and frames do not, and links keep only the http(s) and mailto schemes or a
relative address. Material's own templates (header, navigation, scripts) are not Markdown output
and are not touched.

For the site it is a Python-Markdown extension (`makeExtension`), which the generated MkDocs
config always adds: any engine that renders the docs tree with Python-Markdown runs it too.
"""

from __future__ import annotations

from typing import Any

import markdown
import nh3
from markdown.postprocessors import Postprocessor

# Everything the page templates (generator/templates/pages, generator/templates/release) and Python-Markdown
# make of the content subset; a test builds the bundled site and checks that nothing is lost.
TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "input", "ins", "label", "li", "ol", "p", "pre", "span", "strong", "summary",
        "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
GENERIC_ATTRIBUTES = frozenset({"class", "id", "hidden", "title", "lang", "role"})
ATTRIBUTES = {
    "*": set(GENERIC_ATTRIBUTES),
    "a": {"href"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
# data-rl-* carry the checklist and offline state for the page scripts; aria-* are for screen readers.
ATTRIBUTE_PREFIXES = frozenset({"data-", "aria-"})
# Relative addresses (other pages, anchors) pass as well: ammonia's default for them.
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        # No rel added: every link is either to this site or one an editor wrote on purpose.
        link_rel=None,
        strip_comments=True,
    )


class _SanitisePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return sanitise(text)


class SanitiseExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Priority 0: after raw HTML is put back (30) and ampersands restored (20), so nothing
        # reaches the page that this did not see.
        md.postprocessors.register(_SanitisePostprocessor(md), "rl_sanitise", 0)


def makeExtension(**kwargs: Any) -> SanitiseExtension:  # noqa: N802 (the name Python-Markdown looks for)
    return SanitiseExtension(**kwargs)


# The name MkDocs loads it by, in the generated config.
EXTENSION_NAME = __name__
