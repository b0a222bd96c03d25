"""Hostile Markdown never reaches a reader: `check` refuses it, and the sanitiser removes what it misses.

Property-based (Hypothesis): generated hostile texts go through the content check and through the
real renderers, the site's Python-Markdown with mkdocs.yml's extensions and the PDFs' converter.
Whatever the check accepts must render safe, and the sanitiser alone must make even the rejected
texts safe.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.model.types import Text
from generator.render.markup import blocks
from generator.render.sanitise import SanitiseExtension, sanitise
from generator.render.settings import read_site_settings
from tests.conftest import REPO

HANDLERS = [
    "onerror=alert(1)",
    'onfocus="alert(document.domain)"',
    "autofocus tabindex=0 onfocus=alert(3)",
    "onclick='alert(1)'",
    'style="background-image:url(https://tracker.example/p.png)"',
    'href="javascript:alert(1)"',
    "src=https://tracker.example/x.png",
    "#id .klasse data-x=1",
]
TARGETS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&#58;alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "https://tracker.example/p.png",
    "//tracker.example/p.png",
    "https://example.org",
    "ref:proef-1",
]
LABELS = ["klik", "klik [hier] nu", "", "*nadruk*", "`code`", "![x](https://tracker.example/i.png)"]
PROSE = ["Zet in op versterking van informele steun.", "Verhelder de vraag", "- punt", "# kop", "1. stap", ""]

labels = st.sampled_from(LABELS)
targets = st.sampled_from(TARGETS)
handlers = st.sampled_from(HANDLERS)
constructs = st.one_of(
    st.builds("[{}]({})".format, labels, targets),
    st.builds("![{}]({})".format, labels, targets),
    st.builds("<{}>".format, targets),
    st.builds("[{}][r]\n\n[r]: {}".format, labels, targets),
    st.builds("[{}]({}){{: {} }}".format, labels, targets, handlers),
    st.builds("*{}*{{: {} }}".format, labels, handlers),
    st.builds("\n{{: {} }}".format, handlers),
    st.builds("\n\n{{: {} }}".format, handlers),
    st.builds("{{{}}}".format, handlers),
    st.builds('<a href="{}">x</a>'.format, targets),
    st.builds("<img src=x {}>".format, handlers),
    st.builds("<svg {}>".format, handlers),
    st.builds("*[MST]: {}".format, handlers),
)
texts = st.lists(st.one_of(constructs, st.sampled_from(PROSE)), min_size=1, max_size=5).map(
    lambda parts: " ".join(parts).strip() or "x"
)

TEXT = TypeAdapter(Text)
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
# Attributes that make the browser fetch something by themselves.
FETCHING = {"src", "srcset", "background", "poster", "data", "action", "formaction", "xlink:href", "ping"}
DANGEROUS_TAGS = {"script", "iframe", "img", "object", "embed", "style", "link", "meta", "svg", "base", "form", "frame"}


def site_markdown() -> markdown.Markdown:
    """Python-Markdown as MkDocs runs it for this site: mkdocs.yml's extensions plus the sanitiser."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in read_site_settings(REPO / "mkdocs.yml").markdown_extensions:
        if isinstance(entry, dict):
            (name, options), *_ = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(str(entry))
    return markdown.Markdown(extensions=[*names, SanitiseExtension()], extension_configs=configs)


class _Unsafe(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event handler {name}")
            if name == "style":
                self.found.append("style attribute")
            if name in FETCHING:
                self.found.append(f"fetching attribute {name}")
            if name == "href" and value is not None:
                # As the WHATWG URL parser reads it: C0 controls and spaces trimmed, tabs and newlines removed.
                cleaned = re.sub(r"[\t\n\r]", "", html.unescape(value).strip("".join(map(chr, range(33))))).lower()
                if cleaned.startswith(SCRIPT_SCHEMES):
                    self.found.append(f"script or file URL {value!r}")


def unsafe(rendered: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(rendered)
    return parser.found


def accepted(text: str) -> bool:
    try:
        TEXT.validate_python(text)
    except ValidationError:
        return False
    return True


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_text_the_check_accepts_renders_safe(text: str) -> None:
    if accepted(text):
        assert unsafe(site_markdown().convert(text)) == []
        assert unsafe(str(blocks(text, lambda _id: "anker"))) == []


@FAST
@given(texts)
def test_sanitiser_alone_makes_every_text_safe(text: str) -> None:
    """As if the check had missed everything: what MkDocs would render for the page, and the PDF text."""
    assert unsafe(site_markdown().convert(text)) == []
    assert unsafe(sanitise(markdown.markdown(text, extensions=["attr_list", "md_in_html"]))) == []


@FAST
@given(texts)
def test_check_refuses_every_hostile_construct(text: str) -> None:
    """Without the sanitiser, the raw renderer would have made something unsafe: the check refuses it."""
    raw = markdown.markdown(text, extensions=["attr_list", "abbr", "md_in_html"])
    if unsafe(raw):
        assert not accepted(text), raw


@pytest.mark.parametrize(
    "text",
    [
        "*Stel*{: autofocus tabindex=0 onfocus=alert(3) } een vraag",
        'Tekst.\n{: autofocus tabindex="0" onfocus="alert(document.domain)" }',
        '[klik](https://example.org){: onclick="alert(1)" }',
        '{: style="background-image:url(https://tracker.example/p.png)"}',
        "[klik [hier] nu](javascript:alert(1))",
        "[](javascript:alert(1))",
        "![x](file:///etc/passwd)",
        "![x](https://tracker.example/p.png)",
        "<https://example.org>",
        "&lt;img src=x onerror=alert(6)&gt;",
        "# Kop",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "tekst\n\n    code",
    ],
)
def test_the_reported_cases_are_refused(text: str) -> None:
    assert not accepted(text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "![" * 50_000,
        "[a](" * 30_000,
        "{" * 200_000,
        "*[" * 8_000,
        "[" * 3000 + "a" + "](https://x.org)" * 3000,
        "<!--" * 20_000,
        ">" + "<!--" * 20_000,
        "<a " * 30_000,
        "< " * 50_000,
        "- " * 5000 + "x",
        "\n".join("  " * i + "- x" for i in range(2000)),
        "> " * 5000 + "x",
    ],
)
def test_texts_that_would_make_the_parser_slow_are_refused_before_it_runs(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each took Python-Markdown from ten seconds to hours, or overflowed its stack; refused by
    counting and a line scan, the parser never sees them. Should a change let one through to the
    parser, this fails at once instead of hanging the suite."""
    from generator.model import markdown as content_markdown

    def reached(_text: str) -> str:
        raise AssertionError("the parser was reached")

    content_markdown.check_markdown.cache_clear()
    monkeypatch.setattr(content_markdown._MD, "convert", reached)
    assert not accepted(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zet in op [versterking](https://example.org) van *informele* steun.",
        "Zie [mail](mailto:a@example.org) of [oud](http://example.org).",
        "- een\n- twee\n\n1. stap",
        "Tekst met **vet** en `code`.",
    ],
)
def test_the_subset_is_accepted_and_renders_unchanged_by_the_sanitiser(text: str) -> None:
    assert accepted(text)
    plain = markdown.markdown(text)
    assert sanitise(plain) == plain
