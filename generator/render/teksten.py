"""The catalogue of every word a reader sees (generator/templates/teksten.yaml): the site's pages,
the PDFs and the site's scripts take their Dutch from it, so that a reviewer reads the whole voice of
the publication in one file, and a change of wording is made in one place.

Guideline text is not here: it comes from content/ word for word. What is here is the publication's
own furniture: headings, labels, buttons, messages, aria-labels.

A text may hold placeholders in braces, `{aantal}`; `tekst()` fills them and refuses a missing or
an unknown one, so a template cannot print a half-made sentence. The part under `scripts:` goes into
every page as JSON (overrides/main.html), where assets/common.js `tekst()` reads it.
"""

from __future__ import annotations

import copy
import functools
import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape

CATALOGUE_FILE = Path(__file__).resolve().parents[1] / "templates" / "teksten.yaml"
SCRIPTS = "scripts"
KEY_PART = re.compile(r"^[a-z][a-z0-9_]*$")


class CatalogueError(Exception):
    """A fault in the catalogue itself, or a key or placeholder the code asks for that it lacks:
    a developer's mistake, which the tests find, never a reader's or an editor's."""


def _flatten(node: Any, prefix: str, into: dict[str, str]) -> None:
    if not isinstance(node, dict):
        raise CatalogueError(f"{CATALOGUE_FILE.name}: {prefix or 'the top'} must be a mapping of names to texts")
    for name, value in node.items():
        if not isinstance(name, str) or not KEY_PART.match(name):
            raise CatalogueError(f"{CATALOGUE_FILE.name}: {prefix}{name!r} is not a name (a-z, 0-9, _)")
        key = f"{prefix}{name}"
        if isinstance(value, str):
            into[key] = value
        else:
            _flatten(value, f"{key}.", into)


@functools.cache
def _read() -> tuple[dict[str, Any], Mapping[str, str]]:
    tree = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    flat: dict[str, str] = {}
    _flatten(tree, "", flat)
    return tree, flat


def catalogue() -> Mapping[str, str]:
    """Every text by its dotted key, e.g. `checklist.verplicht`."""
    return _read()[1]


def section(name: str) -> dict[str, Any]:
    """A top-level part of the catalogue as nested mappings, unfilled: what the engine's templates
    read as `config.extra.teksten.<name>` (generator/render/site.py)."""
    return copy.deepcopy(_read()[0][name])


def placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def tekst(key: str, **values: object) -> str:
    """The catalogue's text for `key`, with its placeholders filled from `values`."""
    text = _unfilled(key, values)
    return text.format_map(values) if values else text


def tekst_html(key: str, **values: object) -> Markup:
    """The text for `key` as HTML: its own words escaped, and each value escaped unless it is markup
    already, so a value can stand in an element of its own (a version or a date in print, which is
    never hyphenated) without the sentence being cut into pieces around it."""
    html = escape(_unfilled(key, values))
    return html.format_map(values) if values else html


def _unfilled(key: str, values: Mapping[str, object]) -> str:
    """The text for `key`, refused unless `values` fill exactly its placeholders."""
    text = tekst_voor_script(key)
    wanted = placeholders(text)
    if wanted != set(values):
        raise CatalogueError(f"{key!r} wants {sorted(wanted)}, was given {sorted(values)}")
    return text


def aantal(key: str, n: int, **values: object) -> str:
    """The text for `n` of something: `key.een` for 1, `key.meer` with {aantal} for any other number
    (Dutch has only these two forms), and `key.geen` for 0 where the catalogue words that apart
    ("nog zonder aanbevelingen" reads better than "0 aanbevelingen")."""
    if n == 0 and f"{key}.geen" in catalogue():
        return tekst(f"{key}.geen", **values)
    if n == 1:
        return tekst(f"{key}.een", **values)
    return tekst(f"{key}.meer", aantal=n, **values)


def tekst_voor_script(key: str) -> str:
    """The text for `key` with its placeholders left in, for a script that fills them itself: the
    service worker, which cannot read the page's JSON (templates/offline/sw.js.j2)."""
    try:
        return catalogue()[key]
    except KeyError:
        raise CatalogueError(f"{CATALOGUE_FILE.name} has no text {key!r}") from None


def for_scripts() -> dict[str, str]:
    """The texts the site's scripts show, by their key below `scripts.`, unfilled."""
    prefix = f"{SCRIPTS}."
    return {key.removeprefix(prefix): text for key, text in catalogue().items() if key.startswith(prefix)}
