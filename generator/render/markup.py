"""Guideline text (Markdown) to HTML for the outputs that are not the site (the PDFs, the cards for
intranets): the words stay exactly as the source has them.

`[woorden](ref:id)` becomes an internal link when the target is in the same document and plain
words otherwise; emphasis, paragraphs and https/mailto links are rendered as the website renders them
(both use Python-Markdown), so print and site never disagree about a sentence. Web and e-mail
addresses in the text are put in a `url` span, which print.css never hyphenates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Protocol

import markdown
from markupsafe import Markup, escape

from generator.model.markdown import MARKDOWN_LINK, REF_PREFIX
from generator.render.addresses import SiteMap
from generator.render.sanitise import sanitise

# id -> anchor in this document, or None when the target is not in it (the words stay, unlinked).
AnchorFor = Callable[[str], str | None]
# A guide's chapter is its `h2` (the guideline's title is the `h1`), so depth 1 below it is `h3`.
CHAPTER_HEADING_LEVEL = 2


class Document(Protocol):
    @property
    def linkable(self) -> frozenset[str]:
        """The ids a link in the document can lead to: what the document holds."""


def print_filters(sitemap: SiteMap) -> dict[str, Callable[..., Any]]:
    """The filters the print templates format the view model with:

    - `blocks` and `inline`: guideline text (Markdown) as HTML, with a `ref:` link to what the
      document holds as an internal link and to anything else as plain words (`doc` says what it holds);
    - `plain`: text that is not Markdown (a literature reference), escaped;
    - `heading_tag`: a heading depth below the chapter's heading as an HTML tag name.
    """

    def anchor_in(doc: Document) -> AnchorFor:
        linkable = doc.linkable

        def anchor(target_id: str) -> str | None:
            current = sitemap.current(target_id)
            return current if current in linkable else None

        return anchor

    def blocks_filter(text: str, doc: Document) -> Markup:
        return blocks(text, anchor_in(doc))

    def inline_filter(text: str, doc: Document) -> Markup:
        return inline(text, anchor_in(doc))

    def heading_tag(depth: int) -> str:
        return f"h{CHAPTER_HEADING_LEVEL + depth}"

    return {"blocks": blocks_filter, "inline": inline_filter, "plain": plain, "heading_tag": heading_tag}


_SINGLE_PARAGRAPH = re.compile(r"^<p>(?P<inner>(?:(?!</?p>).)*)</p>$", re.DOTALL)
# A web address (with its scheme, or starting with www.) or an e-mail address, without the
# punctuation that ends the sentence around it.
_ADDRESS = re.compile(
    r"(?<![\w.@/-])(?:(?:https?://|mailto:|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]’”]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
# Python-Markdown escapes < and > inside attribute values, so this splits its output into tags
# and the text between them.
_TAG = re.compile(r"(<[^>]*>)")


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
    return sanitise(_mark_addresses(_CONVERTER.reset().convert(text)))


def _mark_addresses(html: str) -> str:
    """Every address in the text between the tags in `<span class="url">`; the sanitiser, which
    runs after this, keeps the span and its class."""
    parts = _TAG.split(html)
    for index in range(0, len(parts), 2):
        parts[index] = _ADDRESS.sub(lambda m: f'<span class="url">{m.group(0)}</span>', parts[index])
    return "".join(parts)


def plain(text: str) -> Markup:
    """Text that is not Markdown (a literature reference), escaped, with its addresses in `url` spans."""
    parts: list[str] = []
    last = 0
    for match in _ADDRESS.finditer(text):
        parts += [escape(text[last : match.start()]), Markup('<span class="url">{}</span>').format(match.group(0))]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def inline(text: str, anchor_for: AnchorFor) -> Markup:
    """Text inside a list item, a label or a table cell: no paragraph around a single paragraph."""
    html = str(blocks(text, anchor_for))
    single = _SINGLE_PARAGRAPH.match(html)
    return Markup(single.group("inner") if single else html)
