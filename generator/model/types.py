"""Field types shared by every content file.

Descriptions are Dutch: they surface in the editors' YAML completion through the JSON Schema.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.model.markdown import check_markdown
from generator.problems import KeyPath

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[A-Z]{2,6}$"

# Text is published as Markdown. Raw HTML is rejected rather than escaped: an editor who types
# `<script>` or `<br>` gets told so at check time instead of seeing it silently altered on the site.
# No two neighbouring parts can take the same characters, and _check_text looks only up to the last
# ">": without both, a text of many "<!--" or of "<" and spaces without a ">" took minutes.
HTML_TAG = re.compile(r"<(?:[\s/]*[A-Za-z][A-Za-z0-9-]*(?![A-Za-z0-9-])[^>]*|!--[^>]*)>")
# An autolink is not HTML; the Markdown check (model/markdown.py) reports it in its own words.
AUTOLINK = re.compile(r"^<(https?|mailto):[^>\s]+>$")


class StrictModel(BaseModel):
    """Strict: `2` is not a string and `"yes"` is not a boolean; unknown keys are errors."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def text_values(node: Any, key_path: KeyPath = ()) -> list[tuple[KeyPath, str]]:
    """Every text in a model (or a list of them) with its key path, in document order: what the
    cross-file checks look for ids and references in, and where the pages look for abbreviations."""
    found: list[tuple[KeyPath, str]] = []
    _collect_texts(node, key_path, found)
    return found


# Keys whose values are names and settings: never text that a reader sees.
NOT_FOR_READERS = frozenset(
    {"id", "former_ids", "slug", "code", "steps_style", "sources", "related", "chapters", "facts_from", "url", "source", "per"}
)


def reader_texts(node: Any) -> list[str]:
    """The texts of a model that readers see, in document order (what a change of wording and a
    glossary mention are looked for in)."""
    return [text for key_path, text in text_values(node) if NOT_FOR_READERS.isdisjoint(k for k in key_path if isinstance(k, str))]


def _collect_texts(node: Any, key_path: KeyPath, found: list[tuple[KeyPath, str]]) -> None:
    # Recursion that stops at a text at once, and a model's __dict__ (its fields, in declaration
    # order, as extra keys are forbidden) rather than getattr per field: the checks visit every
    # value of the corpus, 600,000 of them at 100x content.
    if isinstance(node, str):
        found.append((key_path, node))
    elif isinstance(node, BaseModel):
        for name, value in node.__dict__.items():
            _collect_texts(value, (*key_path, name), found)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _collect_texts(item, (*key_path, index), found)


def _check_text(value: str) -> str:
    for match in HTML_TAG.finditer(value, 0, value.rfind(">") + 1):
        if not AUTOLINK.match(match.group(0)):
            raise PydanticCustomError(
                "html_in_text",
                "HTML is niet toegestaan in tekst ('{tag}'); schrijf gewone tekst of Markdown",
                {"tag": match.group(0)[:40], "needle": match.group(0)},
            )
    problem = check_markdown(value)
    if problem is not None:
        # The message is made whole here: pydantic would read any braces in it as placeholders.
        raise PydanticCustomError(problem.code, "{message}", {"message": problem.message, "needle": problem.needle})
    stripped = value.strip()
    if not stripped:
        raise PydanticCustomError("empty_text", "mag niet leeg zijn")
    # Block scalars (`>` and `|`) end with a newline that carries no meaning.
    return stripped


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=80,
        description="Vaste, leesbare id: kleine letters, cijfers en streepjes (bijv. uhp-voorkomen-1). "
        "Wordt het anker en de korte link /r/<id>/; verander hem niet meer na publicatie.",
    ),
]
Slug = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=80, description="Deel van het webadres: kleine letters, cijfers en streepjes."),
]
Text = Annotated[
    str,
    AfterValidator(_check_text),
    Field(
        min_length=1,
        description="Letterlijke tekst uit de richtlijn. Markdown is toegestaan; links naar andere onderdelen als [woorden](ref:id). Geen HTML.",
    ),
]
ShortText = Annotated[
    str,
    AfterValidator(_check_text),
    Field(min_length=1, max_length=200, description="Korte tekst, zoals een titel of kop."),
]

# An address on the web that a page links to: http(s) only, and none of the characters that could
# end a Markdown link or an HTML attribute early (quotes, spaces, angle brackets, parentheses).
WEB_ADDRESS_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&+,;=:@%/-]*)?(\?[A-Za-z0-9._~!$&+,;=:@%/?-]*)?$"
WebAddress = Annotated[
    str,
    Field(
        pattern=WEB_ADDRESS_PATTERN,
        max_length=300,
        description="Een webadres dat met https:// (of http://) begint, zonder spaties, aanhalingstekens of haakjes.",
    ),
]

# A year of a guideline's version, as its publisher gives it.
Year = Annotated[int, Field(ge=1900, le=2100)]

# A file in sources/, named relative to it: plain names, no way up or out of the folder.
SOURCE_NAME_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$"
SourceName = Annotated[
    str,
    Field(
        pattern=SOURCE_NAME_PATTERN,
        max_length=200,
        description="Pad van een bronbestand binnen sources/, bijv. 000_c205a3720613b09f.txt.",
    ),
]
