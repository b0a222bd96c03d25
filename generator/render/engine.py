"""The engine's part of the MkDocs configuration, which the generator owns (templates/mkdocs.engine.yml).

A publication's mkdocs.yml holds only its own settings (generator/render/settings.py); the theme, the
Markdown extensions, the link checks, the stylesheets and the scripts come from the package, so
every publication built with this version of the tool gets the same, tested site.

The engine is the program that turns the generated docs tree into HTML (README, "Engines"): MkDocs
with Material, ProperDocs (a maintained fork of MkDocs, the same Material theme) or Zensical
(Material's successor, which reads the same configuration). All three read one generated config;
what differs is written here, and how each is run is in generator/write/site.py.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

from generator.render.teksten import for_scripts, section

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
ENGINE_FILE = TEMPLATES_DIR / "mkdocs.engine.yml"

MKDOCS = "mkdocs"
PROPERDOCS = "properdocs"
ZENSICAL = "zensical"
ENGINES = (MKDOCS, PROPERDOCS, ZENSICAL)
DEFAULT_ENGINE = MKDOCS
# Zensical has no `--site-dir`; it writes to the config's `site_dir`, which must lie below the
# config's own folder (the build folder). generator/write/site.py moves the result into place.
ZENSICAL_SITE_DIR = "zensical-site"


@functools.cache
def _engine() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ENGINE_FILE.read_text(encoding="utf-8"))
    theme = data["theme"]
    # Absolute, resolved where the package is installed: the generated config lives in the
    # publication's build folder, far from the package.
    theme["custom_dir"] = str((ENGINE_FILE.parent / theme["custom_dir"]).resolve())
    return data


def engine_config(engine: str = DEFAULT_ENGINE) -> dict[str, Any]:
    """A fresh copy of the engine's settings, for the caller to add a publication's to."""
    config = copy.deepcopy(_engine())
    # The words the theme's templates show (overrides/; render/teksten.py): part of every config
    # the engine reads, so no template meets a config without them.
    config.setdefault("extra", {})["teksten"] = {"thema": section("thema"), "scripts": for_scripts()}
    if engine == ZENSICAL:
        config["site_dir"] = ZENSICAL_SITE_DIR
        config["plugins"] = [{"search": {"enabled": False}}]  # on unless switched off by name
    return config


def overrides_dir() -> Path:
    """The theme overrides (Material's `custom_dir`) in the installed package."""
    return Path(_engine()["theme"]["custom_dir"])


def theme_features() -> tuple[str, ...]:
    return tuple(str(feature) for feature in _engine()["theme"]["features"])


def markdown_extensions() -> tuple[Any, ...]:
    """As the engine lists them: names, or {name: options}; without the sanitiser, which the
    generated config always adds last."""
    return tuple(copy.deepcopy(_engine()["markdown_extensions"]))
