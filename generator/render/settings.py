"""Site settings that the generator needs, read from the `extra.richtlijnen` block of mkdocs.yml.

Keeping them in mkdocs.yml gives administrators one file to configure; the generator reads it as
plain YAML (no MkDocs import), so another engine that reads mkdocs.yml sees the same values.
"""

from __future__ import annotations

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


def read_site_settings(config_file: Path, release: str | None = None) -> SiteSettings:
    problems = Problems()
    try:
        raw: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        problems.add(Location(config_file, 1, 1), (), f"configuratie niet leesbaar: {exc}")
        raise ContentError(problems) from exc
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
    return SiteSettings(
        config_file=config_file,
        site_name=str(raw.get("site_name", "")),
        site_url=str(raw["site_url"]).rstrip("/") + "/",
        release=release or str(extra.get("release") or DEFAULT_RELEASE),
        feedback=str(feedback) if feedback else None,
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        custom_dir=root / str(custom_dir) if custom_dir else None,
    )
