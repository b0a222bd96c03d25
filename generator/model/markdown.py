"""The Markdown that content may use: a small, safe subset, checked with the real parser.

Content text is published by Python-Markdown (through MkDocs on the site, directly in the PDFs).
Rather than guess with regular expressions what that parser will make of a text, `check_markdown`
runs the same parser with the same syntax extensions the site enables, and watches which of its
processors fire. Whatever fires outside the subset is reported with the piece of source text that
made it fire, so the editor's message can point at the right line.

Allowed: paragraphs, emphasis, lists, line breaks, code, and inline links `[woorden](adres)` to
`https:`, `http:`, `mailto:` or `ref:<id>`. Not allowed: attribute lists (`{: … }`, which can set
any HTML attribute, event handlers included; braces are refused wherever they stand), reference-style link definitions, images, autolinks
(`<https://…>`), abbreviation definitions (the glossary is the one place for those).

What the check cannot see, the sanitiser (generator/render/sanitise.py) still removes on output.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast
from xml.etree import ElementTree

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.inlinepatterns import AutolinkInlineProcessor, AutomailInlineProcessor
from markdown.treeprocessors import Treeprocessor

# The link syntax the generator resolves (`[woorden](ref:id)` -> a link to the page of that id).
# Only used on texts the check accepted, whose every link the parser and this pattern agree on.
MARKDOWN_LINK = re.compile(r"(?<!!)\[(?P<label>[^\]]+)\]\((?P<target>[^)\s]+)\)")
REF_PREFIX = "ref:"
LINK_SCHEMES = ("https:", "http:", "mailto:")
REF_TARGET = re.compile(r"^ref:[a-z0-9]+(-[a-z0-9]+)*$")
# Characters without which no inline construct outside the subset can be written, and lines that
# could start a block (a table, an indented code block): a text without any of them is plain prose
# and lists, and skipping the parser for it keeps `check` fast at scale.
SYNTAX_CHARACTERS = re.compile(r"[\[{<|]|^(?: {4,}|\t)", re.MULTILINE)
# Blocks outside the subset that a line's start gives away, each in the words an editor knows. Read
# before the parser, in one pass: Python-Markdown recurses into nested lists and quotes, and 2,000
# levels of them took 90 s and then overflowed the stack.
BLOCKS = re.compile(
    r"(?P<kop>^ {0,3}#{1,6}(?:[ \t]|$))"
    r"|(?P<citaat>^ {0,3}>)"
    r"|(?P<codeblok>^ {0,3}(?:```|~~~))"
    r"|(?P<kader>^ {0,3}[!?]{3})"
    r"|(?P<lijn>^ {0,3}(?:[=-]+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})[ \t]*$)"
    r"|(?P<geneste_lijst>^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+){2,}\S)"
    r"|(?P<inspringing>^(?: {13,}|\t))",
    re.MULTILINE,
)
BLOCK_WORDS = {
    "kop": "een kop (# …)",
    "citaat": "een citaat (> …)",
    "codeblok": "een codeblok (``` …)",
    "kader": "een kader (!!! …)",
    "lijn": "een lijn of kop met === of ---",
    "geneste_lijst": "een lijst in een lijst op één regel",
    "inspringing": "een regel die meer dan 12 spaties inspringt",
}
# HTML character references: `&lt;img …&gt;` is no tag to the HTML check, but a page script that
# shows a title as HTML (Material's tooltips) turns it into one.
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Bounds on what makes the parser's work grow faster than the text: a run of 8,000 `[` took 10 s.
# The bundled texts have at most 1,165 characters and one link each.
MAX_TEXT_LENGTH = 10_000
MAX_MARKUP = 20
MARKUP_CHARACTERS = "[{<>"
# What the subset renders to; anything else the parser makes (a table, a code block, a heading a
# line of === made) is outside it.
SUBSET_TAGS = frozenset({"div", "p", "em", "strong", "a", "ul", "ol", "li", "br", "code", "img"})
# Browsers ignore these inside a URL's scheme ("java\tscript:" runs), so they are removed before
# the scheme is read, as the WHATWG URL parser does.
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class MarkdownProblem:
    code: str  # for pydantic's error type
    message: str  # Dutch
    needle: str  # the source text that caused it, to find its line


class _Recorder:
    """What the instrumented parser saw in one text."""

    def __init__(self) -> None:
        self.autolinks: list[str] = []


class _RecordingAutolink(AutolinkInlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> Any:  # type: ignore[override]  # noqa: N802
        self.md.recorder.autolinks.append(m.group(0))  # type: ignore[attr-defined]
        return super().handleMatch(m, data)


class _RecordingAutomail(AutomailInlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> Any:  # type: ignore[override]  # noqa: N802
        self.md.recorder.autolinks.append(m.group(0))  # type: ignore[attr-defined]
        return super().handleMatch(m, data)


class _KeepTree(Treeprocessor):
    """Keeps the finished element tree: links and images are read from it, as the parser made them."""

    def run(self, root: ElementTree.Element) -> None:
        self.md.tree = root  # type: ignore[attr-defined]


def _parser() -> tuple[markdown.Markdown, AbbrExtension]:
    abbr = AbbrExtension()
    md = markdown.Markdown(extensions=[abbr, "tables"])
    # Same patterns as the stock ones (same regex, same priority), but recording what they match.
    patterns = {item.name: item.priority for item in cast(Any, md.inlinePatterns)._priority}
    autolink, automail = md.inlinePatterns["autolink"], md.inlinePatterns["automail"]
    assert isinstance(autolink, AutolinkInlineProcessor) and isinstance(automail, AutomailInlineProcessor)
    md.inlinePatterns.register(_RecordingAutolink(autolink.pattern, md), "autolink", patterns["autolink"])
    md.inlinePatterns.register(_RecordingAutomail(automail.pattern, md), "automail", patterns["automail"])
    md.treeprocessors.register(_KeepTree(md), "rl_keep_tree", 0)  # last: after the inline patterns ran
    return md, abbr


_MD, _ABBR = _parser()
TAG_WORDS = {
    "table": "tabel",
    "pre": "codeblok",
    "h1": "kop",
    "h2": "kop",
    "h3": "kop",
    "h4": "kop",
    "h5": "kop",
    "h6": "kop",
    "hr": "lijn",
    "blockquote": "citaat",
}
_ATTRIBUTE_LIST = re.compile(AttrListTreeprocessor.BASE_RE)


@lru_cache(maxsize=65536)
def check_markdown(text: str) -> MarkdownProblem | None:
    """The first construct outside the subset in `text`, or None. Remembered: the same short texts
    (titles, item texts) recur, and at scale the parser is most of the check's time."""
    if len(text) > MAX_TEXT_LENGTH:
        return MarkdownProblem(
            "text_too_long",
            f"tekst is te lang ({len(text)} tekens, hooguit {MAX_TEXT_LENGTH}); verdeel hem over meer alinea's of onderdelen",
            text[:30],
        )
    entity = ENTITY.search(text)
    if entity:
        return MarkdownProblem(
            "html_entity",
            f"HTML-code '{entity.group(0)}' is niet toegestaan; schrijf het teken zelf",
            entity.group(0),
        )
    for character in MARKUP_CHARACTERS:
        if text.count(character) > MAX_MARKUP:
            return MarkdownProblem("too_much_markup", f"te veel '{character}' in één tekst (hooguit {MAX_MARKUP})", character * 2)
    block = BLOCKS.search(text)
    if block:
        assert block.lastgroup is not None
        return MarkdownProblem(
            "block",
            f"{BLOCK_WORDS[block.lastgroup]} is niet toegestaan; gebruik alinea's, lijsten en nadruk",
            _line_at(text, block.start()),
        )
    if not SYNTAX_CHARACTERS.search(text):
        return None
    # Where a text lands on a page (after a heading, inside a list item, at the end of a block)
    # is the templates' choice, and attr_list reads `{…}` differently in each of those places. So
    # its own pattern is applied to every line, whatever the place: content has no use for braces.
    attribute_list = _ATTRIBUTE_LIST.search(text)
    if attribute_list:
        found = attribute_list.group(0)
        return MarkdownProblem(
            "attribute_list",
            f"attribuutlijst '{_short(found)}' is niet toegestaan; tekst krijgt zijn opmaak van de site, "
            "niet van {…} (gebruik geen accolades)",
            found,
        )
    recorder = _Recorder()
    _MD.recorder = recorder  # type: ignore[attr-defined]
    _MD.reset()
    _MD.convert(text)
    tree: ElementTree.Element = _MD.tree  # type: ignore[attr-defined]
    if _MD.references:
        label = next(iter(_MD.references))
        needle = _definition_needle(text, label)
        return MarkdownProblem(
            "link_definition",
            f"linkdefinitie '{_short(needle)}' is niet toegestaan; schrijf de link in de zin: [woorden](adres)",
            needle,
        )
    abbreviations: dict[str, str] = cast(Any, _ABBR).abbrs  # the stubs predate the attribute
    if abbreviations:
        term = next(iter(abbreviations))
        return MarkdownProblem(
            "abbreviation_definition",
            f"afkortingsdefinitie '*[{_short(term)}]' is niet toegestaan; zet het begrip in content/begrippen.yaml",
            f"*[{term}]",
        )
    if recorder.autolinks:
        found = recorder.autolinks[0]
        address = found.strip("<>")
        if "@" in address and not address.lower().startswith("mailto:"):
            address = "mailto:" + address
        return MarkdownProblem(
            "autolink",
            f"los adres '{_short(found)}' is niet toegestaan; schrijf de link als [woorden]({_short(address)})",
            found,
        )
    for image in tree.iter("img"):
        source = image.get("src", "")
        return MarkdownProblem(
            "image",
            f"afbeelding '{_short(source)}' is niet toegestaan; de richtlijnen zijn tekst (beschrijf wat er te zien is)",
            source or "![",
        )
    outside = next((element.tag for element in tree.iter() if element.tag not in SUBSET_TAGS), None)
    if outside is not None:
        return MarkdownProblem(
            "block",
            f"opmaak die een {TAG_WORDS.get(outside, outside)} maakt is niet toegestaan; gebruik alinea's, lijsten en nadruk",
            _first_line(text, "|" if outside in {"table", "thead", "tbody", "tr", "th", "td"} else "    "),
        )
    links = [element for element in tree.iter("a")]
    for link in links:
        target = html.unescape(link.get("href", ""))
        if not _allowed_target(target):
            return MarkdownProblem(
                "link_target",
                f"link naar '{_short(target)}' is niet toegestaan; gebruik ref:<id>, https://, http:// of mailto:",
                link.get("href", "") or "](",
            )
        if not "".join(link.itertext()).strip():
            return MarkdownProblem(
                "empty_link", f"link naar '{_short(target)}' heeft geen woorden; schrijf [woorden]({_short(target)})", target
            )
    # The pages resolve `ref:` links with MARKDOWN_LINK; a link the parser sees but the pattern does
    # not (brackets in the words, a parenthesis in the address) would be published unresolved.
    simple = [m.group("target") for m in MARKDOWN_LINK.finditer(text)]
    parsed = [link.get("href", "") for link in links]
    if simple != parsed:
        odd = next((href for href in parsed if href not in simple), parsed[0] if parsed else "[")
        return MarkdownProblem(
            "link_shape",
            f"link naar '{_short(html.unescape(odd))}' kan niet worden verwerkt; gebruik geen haken [ ] in de woorden "
            "en geen haakjes ( ), spaties of titel in het adres",
            odd,
        )
    return None


def _allowed_target(target: str) -> bool:
    if REF_TARGET.match(target):
        return True
    cleaned = URL_IGNORED.sub("", target).lower()
    return cleaned.startswith(LINK_SCHEMES) and len(cleaned) > len("https:")


def _definition_needle(text: str, label: str) -> str:
    """The definition line as the editor wrote it (Python-Markdown lowercases the label)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.lower().startswith(f"[{label}]:"):
            return stripped
    return "]:"


def _line_at(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return text[text.rfind("\n", 0, offset) + 1 : end if end >= 0 else len(text)].strip() or text.strip()[:20]


def _first_line(text: str, mark: str) -> str:
    """The first line that holds `mark` (a table's bar, a code block's indentation), to point at."""
    return next((line.strip() for line in text.splitlines() if mark in line and line.strip()), text.strip()[:20])


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


def ref_targets(text: str) -> list[str]:
    """The ids that `[woorden](ref:id)` links in a text point to."""
    return [
        m.group("target").removeprefix(REF_PREFIX)
        for m in MARKDOWN_LINK.finditer(text)
        if m.group("target").startswith(REF_PREFIX)
    ]
