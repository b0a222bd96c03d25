"""The engine's part of the MkDocs configuration, which the generator owns (templates/mkdocs.engine.yml).

A publication's mkdocs.yml holds only its own settings (generator/render/settings.py); the theme, the
Markdown extensions, the link checks, the stylesheets and the scripts come from the package, so
every publication built with this version of the tool gets the same, tested site.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
ENGINE_FILE = TEMPLATES_DIR / "mkdocs.engine.yml"


@functools.cache
def _engine() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ENGINE_FILE.read_text(encoding="utf-8"))
    theme = data["theme"]
    # Absolute, resolved where the package is installed: the generated config lives in the
    # publication's build folder, far from the package.
    theme["custom_dir"] = str((ENGINE_FILE.parent / theme["custom_dir"]).resolve())
    return data


def engine_config() -> dict[str, Any]:
    """A fresh copy of the engine's settings, for the caller to add a publication's to."""
    return copy.deepcopy(_engine())


def overrides_dir() -> Path:
    """The theme overrides (Material's `custom_dir`) in the installed package."""
    return Path(_engine()["theme"]["custom_dir"])


def theme_features() -> tuple[str, ...]:
    return tuple(str(feature) for feature in _engine()["theme"]["features"])


def markdown_extensions() -> tuple[Any, ...]:
    """As the engine lists them: names, or {name: options}; without the sanitiser, which the
    generated config always adds last."""
    return tuple(copy.deepcopy(_engine()["markdown_extensions"]))
