"""Guideline text (Markdown) to HTML for print: the words stay exactly as the source has them.

`[woorden](ref:id)` becomes an internal link when the target is in the same document and plain
words otherwise; emphasis, paragraphs and https/mailto links are rendered as the website renders them
(both use Python-Markdown), so print and site never disagree about a sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import markdown
from markupsafe import Markup

from generator.model.markdown import MARKDOWN_LINK, REF_PREFIX
from generator.render.sanitise import sanitise

# id -> anchor in this document, or None when the target is not in it (the words stay, unlinked).
AnchorFor = Callable[[str], str | None]

_SINGLE_PARAGRAPH = re.compile(r"^<p>(?P<inner>(?:(?!</?p>).)*)</p>$", re.DOTALL)


def _resolve_refs(text: str, anchor_for: AnchorFor) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        if not target.startswith(REF_PREFIX):
            return match.group(0)
        anchor = anchor_for(target.removeprefix(REF_PREFIX))
        label = match.group("label")
        return f"[{label}](#{anchor})" if anchor else label

    return MARKDOWN_LINK.sub(replace, text)


def blocks(text: str, anchor_for: AnchorFor) -> Markup:
    """Text that may hold several paragraphs: one `<p>` per paragraph."""
    # Safe to mark: `check` rejects raw HTML and unsafe Markdown, and the sanitiser removes whatever
    # it missed before the text reaches WeasyPrint (which would fetch an image or write a link).
    return Markup(_convert(_resolve_refs(text, anchor_for)))


_CONVERTER = markdown.Markdown(output_format="html")


@functools.lru_cache(maxsize=65536)
def _convert(text: str) -> str:
    # Remembered: the zakgids and a guideline's own guide print the same texts, and setting up a
    # converter costs more than converting a paragraph. One converter, reset before each text:
    # Python-Markdown keeps state (references, stashed HTML) between conversions.
    return sanitise(_CONVERTER.reset().convert(text))


def inline(text: str, anchor_for: AnchorFor) -> Markup:
    """Text inside a list item, a label or a table cell: no paragraph around a single paragraph."""
    html = str(blocks(text, anchor_for))
    single = _SINGLE_PARAGRAPH.match(html)
    return Markup(single.group("inner") if single else html)
