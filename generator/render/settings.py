"""Site settings that the generator needs, read from the `extra.richtlijnen` block of mkdocs.yml.

Keeping them in mkdocs.yml gives administrators one file to configure; the generator reads it as
plain YAML (no MkDocs import), so another engine that reads mkdocs.yml sees the same values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import ContentError, Location, Problems

DEFAULT_RELEASE = "ontwikkelversie"


@dataclass(frozen=True)
class SiteSettings:
    config_file: Path
    site_name: str
    site_url: str
    release: str
    feedback: str | None  # mailto: address or https:// form; None hides the "Reageer" links
    docs_dir: Path
    custom_dir: Path | None
    build_date: str  # ISO date of this build; printed on checklists and in the zakgids
    theme_features: tuple[str, ...] = ()  # Material's `theme.features`, as mkdocs.yml sets them


def read_site_settings(config_file: Path, release: str | None = None) -> SiteSettings:
    problems = Problems()
    raw = _load_config(config_file, problems)
    extra = (raw.get("extra") or {}).get("richtlijnen") or {}
    feedback = extra.get("feedback")
    if feedback is not None and not str(feedback).startswith(("mailto:", "https://")):
        problems.add(Location(config_file, 1, 1), ("extra", "richtlijnen", "feedback"), "moet beginnen met mailto: of https://")
    if not raw.get("site_url"):
        problems.add(Location(config_file, 1, 1), ("site_url",), "verplicht veld ontbreekt")
    if problems:
        raise ContentError(problems)
    root = config_file.parent
    custom_dir = (raw.get("theme") or {}).get("custom_dir")
    # Relative paths count from the file that sets them, as in MkDocs; _load_config made
    # inherited ones absolute.
    return SiteSettings(
        config_file=config_file,
        site_name=str(raw.get("site_name", "")),
        site_url=str(raw["site_url"]).rstrip("/") + "/",
        release=release or str(extra.get("release") or DEFAULT_RELEASE),
        feedback=str(feedback) if feedback else None,
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        custom_dir=root / str(custom_dir) if custom_dir else None,
        build_date=dt.date.today().isoformat(),
        theme_features=tuple(str(f) for f in (raw.get("theme") or {}).get("features") or ()),
    )


def _load_config(config_file: Path, problems: Problems) -> dict[str, Any]:
    """mkdocs.yml as plain data, with `INHERIT:` resolved the way MkDocs does (child wins, dicts merge)."""
    try:
        raw: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        problems.add(Location(config_file, 1, 1), (), f"configuratie niet leesbaar: {exc}")
        raise ContentError(problems) from exc
    parent_name = raw.pop("INHERIT", None)
    if not parent_name:
        return raw
    parent_file = (config_file.parent / str(parent_name)).resolve()
    parent = _load_config(parent_file, problems)
    for key in ("docs_dir", "site_dir"):
        if key in parent:
            parent[key] = str(parent_file.parent / str(parent[key]))
    theme = parent.get("theme") or {}
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(parent_file.parent / str(theme["custom_dir"]))
    return _merge(parent, raw)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
