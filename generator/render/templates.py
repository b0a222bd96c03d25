"""The one Jinja2 environment factory every output uses: the website's Markdown pages, the PDFs'
HTML and the release's pages. Each output names its own template folders and its own filters;
nothing overwrites another output's loader or reaches for its helpers.

Templates format a view model (generator/render/view.py) and hold no logic of their own, so an
undefined name is an error (StrictUndefined), never an empty string on a published page. HTML and
XML templates (`*.html.j2`, `*.xml.j2`) escape every value; Markdown templates (`*.md.j2`) do not,
as guideline text is Markdown that `check` has held to a safe subset and the sanitiser cleans
again, and escape by hand (`| e`) where a value lands in an HTML attribute.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from generator.render.teksten import aantal, tekst, tekst_html, tekst_voor_script

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
ESCAPED_SUFFIXES = (".html", ".html.j2", ".xml", ".xml.j2")


def _escapes(template_name: str | None) -> bool:
    return template_name is not None and template_name.endswith(ESCAPED_SUFFIXES)


def template_environment(*folders: Path, filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """An environment that loads templates from `folders` (searched in order) with `filters` added."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=_escapes,
        # One environment per build: no template changes underneath it, so the cache need not stat
        # the template file on each of the thousands of pages.
        auto_reload=False,
    )
    env.filters.update(filters or {})
    # Every word a template shows a reader comes from the catalogue (render/teksten.py).
    env.globals["tekst"] = tekst
    env.globals["tekst_html"] = tekst_html
    env.globals["aantal"] = aantal
    env.globals["tekst_voor_script"] = tekst_voor_script
    return env
