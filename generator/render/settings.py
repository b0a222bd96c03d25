"""Site settings that the generator needs, read from the `extra.richtlijnen` block of mkdocs.yml.

Keeping them in mkdocs.yml gives administrators one file to configure; the generator reads it as
plain YAML (no MkDocs import), so another engine that reads mkdocs.yml sees the same values.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from generator.load.yaml_reader import dutch_syntax_message
from generator.model.markdown import ENTITY
from generator.problems import BuildError, ContentError, KeyPath, Location, Problems, display_path, os_reason

DEFAULT_RELEASE = "ontwikkelversie"
# These values land in every page, in Markdown, in HTML attributes, in JavaScript and in the PDFs.
# Rather than escape them correctly for each of those, they are held to what they are for.
RELEASE_PATTERN = re.compile(r"^[0-9A-Za-zÀ-ÿ][0-9A-Za-zÀ-ÿ .+_-]{0,39}$")
RELEASE_RULE = "1 tot 40 letters, cijfers, spaties en . + _ -, beginnend met een letter of cijfer"
# A site name is prose; only what could start markup or a link in Markdown or HTML is refused.
SITE_NAME_FORBIDDEN = re.compile(r"[<>\[\]{}`*_|\\\"']")
SITE_NAME_MAX = 120
# No quotes, spaces, angle brackets or parentheses: the address goes into Markdown links and
# HTML attributes as it is.
URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&+,;=:@%/-]*)?$")
FEEDBACK_PATTERN = re.compile(
    r"^(mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+(\?[A-Za-z0-9._~!$&+,;=:@%/-]*)?|https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&+,;=:@%/-]*)?(\?[A-Za-z0-9._~!$&+,;=:@%/-]*)?)$"
)

# The reproducible-builds convention (https://reproducible-builds.org/specs/source-date-epoch/):
# when set, the build date is this moment's day in UTC instead of today, so a build can be repeated
# with the same date, and the tests can fix it.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
# Whole seconds since 1970-01-01 00:00 UTC, ASCII digits only, up to the last second of year 9999.
EPOCH_DIGITS = re.compile(r"[0-9]{1,12}")
LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC


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
    markdown_extensions: tuple[Any, ...] = ()  # as mkdocs.yml lists them: names, or {name: options}


def read_site_settings(config_file: Path, release: str | None = None) -> SiteSettings:
    problems = Problems()
    raw = _load_config(config_file, problems)
    extra = (raw.get("extra") or {}).get("richtlijnen") or {}
    if release is not None and not RELEASE_PATTERN.fullmatch(release):
        raise BuildError(f"ongeldige versie voor --release: {_shown(release)}; gebruik {RELEASE_RULE}")
    date = build_date()
    _check_values(config_file, raw, problems)
    if problems:
        raise ContentError(problems)
    feedback = extra.get("feedback")
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
        build_date=date,
        theme_features=tuple(str(f) for f in (raw.get("theme") or {}).get("features") or ()),
        markdown_extensions=tuple(raw.get("markdown_extensions") or ()),
    )


def build_date(environ: Mapping[str, str] = os.environ) -> str:
    """The ISO date of this build: SOURCE_DATE_EPOCH's day in UTC when it is set, else today.

    An empty value counts as not set, as in Python's own compileall; any other value that is not a
    whole number of seconds is an error rather than a silently wrong date on every page and PDF.
    """
    value = environ.get(SOURCE_DATE_EPOCH, "")
    if not value:
        return dt.date.today().isoformat()
    if not EPOCH_DIGITS.fullmatch(value) or int(value) > LAST_EPOCH:
        raise BuildError(
            f"ongeldige {SOURCE_DATE_EPOCH} {_shown(value)}; gebruik een geheel aantal seconden sinds "
            f"1 januari 1970 (UTC), zoals 1790726400 voor 30 september 2026, of laat de variabele weg"
        )
    return dt.datetime.fromtimestamp(int(value), dt.UTC).date().isoformat()


def _check_values(config_file: Path, raw: dict[str, Any], problems: Problems) -> None:
    """Every setting that reaches a page, held to its form; the location is looked up only for a problem."""
    extra = raw.get("extra") or {}
    settings = extra.get("richtlijnen") or {} if isinstance(extra, dict) else {}
    found: list[tuple[KeyPath, str]] = []
    release = settings.get("release")
    if release is not None and not (isinstance(release, str) and RELEASE_PATTERN.fullmatch(release)):
        found.append((("extra", "richtlijnen", "release"), f"ongeldige versie {_shown(release)}; gebruik {RELEASE_RULE}"))
    feedback = settings.get("feedback")
    if feedback is not None and not (isinstance(feedback, str) and FEEDBACK_PATTERN.fullmatch(feedback)):
        found.append(
            (
                ("extra", "richtlijnen", "feedback"),
                f"ongeldig adres {_shown(feedback)}; gebruik mailto:naam@domein.nl of https://… zonder spaties, "
                "aanhalingstekens, haakjes of punthaken",
            )
        )
    site_url = raw.get("site_url")
    if not site_url:
        found.append((("site_url",), "verplicht veld ontbreekt"))
    elif not (isinstance(site_url, str) and URL_PATTERN.fullmatch(site_url)):
        found.append(
            (("site_url",), f"ongeldig adres {_shown(site_url)}; gebruik https://… zonder spaties, aanhalingstekens of haakjes")
        )
    site_name = raw.get("site_name", "")
    if (
        not isinstance(site_name, str)
        or len(site_name) > SITE_NAME_MAX
        or SITE_NAME_FORBIDDEN.search(site_name)
        or ENTITY.search(site_name)
        or _has_control(site_name)
    ):
        found.append(
            (
                ("site_name",),
                f"ongeldige naam {_shown(site_name)}; gebruik gewone tekst van hooguit {SITE_NAME_MAX} tekens, "
                "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
            )
        )
    for key_path, message in found:
        problems.add(_locate(config_file, key_path), key_path, message)


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) in {"Cc", "Cf"} for c in text)


def _shown(value: object) -> str:
    """A value as a message quotes it: control characters visible, never sent raw to a terminal."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if unicodedata.category(c) not in {"Cc", "Cf"} else f"\\u{ord(c):04x}" for c in text)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _locate(config_file: Path, key_path: KeyPath) -> Location:
    """The line of a setting in mkdocs.yml (or the file's top if it is inherited or absent)."""
    try:
        node: Any = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        node = None
    mark = node.start_mark if node is not None else None
    for key in key_path:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if match is None:
            break
        mark, node = match[1].start_mark, match[1]
    return Location(config_file, mark.line + 1, mark.column + 1) if mark is not None else Location(config_file, 1, 1)


MAX_CONFIG_BYTES = 1024 * 1024
# The sections the generator reads, and the shape each must have: anything else is MkDocs' business.
SHAPES: dict[KeyPath, type] = {
    ("extra",): dict,
    ("extra", "richtlijnen"): dict,
    ("theme",): dict,
    ("theme", "features"): list,
    ("markdown_extensions",): list,
}
SHAPE_WORDS: dict[type, str] = {dict: "een mapping (sleutel: waarde)", list: "een lijst"}


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader with MkDocs' `!ENV` (through the library MkDocs uses for it); any other
    tag MkDocs knows and we do not read (`!relative`, `!!python/name:` for an extension's option)
    becomes an empty value instead of an error: those settings are MkDocs' to interpret."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


def read_config_file(config_file: Path) -> Any:
    """One configuration file as plain data, or ContentError with a Dutch message at file:line."""
    problems = Problems()
    try:
        if not stat.S_ISREG(config_file.stat().st_mode):
            problems.add(Location(config_file, 1, 1), (), "configuratie is geen gewoon bestand")
            raise ContentError(problems)
        with config_file.open("rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        problems.add(Location(config_file, 1, 1), (), f"configuratie niet leesbaar ({os_reason(exc)})")
        raise ContentError(problems) from exc
    if len(data) > MAX_CONFIG_BYTES:
        problems.add(Location(config_file, 1, 1), (), f"configuratie is te groot (meer dan {MAX_CONFIG_BYTES // 1024} KB)")
        raise ContentError(problems)
    try:
        return yaml.load(data.decode("utf-8"), Loader=_ConfigLoader)  # a SafeLoader, with two tags added
    except UnicodeDecodeError as exc:
        problems.add(Location(config_file, 1, 1), (), "configuratie is geen geldige UTF-8")
        raise ContentError(problems) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(config_file, mark.line + 1, mark.column + 1) if mark else Location(config_file, 1, 1)
        problems.add(where, (), f"ongeldige YAML: {dutch_syntax_message(exc)}")
        raise ContentError(problems) from exc
    except yaml.YAMLError as exc:
        problems.add(Location(config_file, 1, 1), (), "ongeldige YAML")
        raise ContentError(problems) from exc


def _load_config(config_file: Path, problems: Problems, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """mkdocs.yml as plain data, with `INHERIT:` resolved the way MkDocs does (child wins, dicts merge)."""
    resolved = config_file.resolve()
    if resolved in chain:
        circle = " -> ".join(display_path(p) for p in (*chain, resolved))
        problems.add(Location(config_file, 1, 1), ("INHERIT",), f"INHERIT verwijst in een kring: {circle}")
        raise ContentError(problems)
    raw = read_config_file(config_file)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.add(Location(config_file, 1, 1), (), "de configuratie moet een mapping (sleutel: waarde) zijn")
        raise ContentError(problems)
    _check_shapes(config_file, raw, problems)
    parent_name = raw.pop("INHERIT", None)
    if not parent_name:
        return raw
    parent_file = (config_file.parent / str(parent_name)).resolve()
    parent = _load_config(parent_file, problems, (*chain, resolved))
    for key in ("docs_dir", "site_dir"):
        if key in parent:
            parent[key] = str(parent_file.parent / str(parent[key]))
    theme = parent.get("theme") or {}
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(parent_file.parent / str(theme["custom_dir"]))
    return _merge(parent, raw)


def _check_shapes(config_file: Path, raw: dict[str, Any], problems: Problems) -> None:
    for key_path, shape in SHAPES.items():
        node: Any = raw
        for key in key_path:
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None and not isinstance(node, shape):
            problems.add(_locate(config_file, key_path), key_path, f"moet {SHAPE_WORDS[shape]} zijn")
    if problems:
        raise ContentError(problems)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
