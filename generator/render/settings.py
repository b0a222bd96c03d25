"""A publication's own settings, read from its mkdocs.yml and held to their form.

mkdocs.yml holds only what belongs to the publication: its name, address, description, copyright,
where the generated Markdown goes, and the `extra.richtlijnen` block (version, feedback address,
engine).
The theme, the Markdown extensions, the checks and the scripts are the engine's
(generator/render/engine.py), and a mkdocs.yml that still sets one of them is refused with the
line to remove, rather than silently ignored. The file is read as plain YAML (no MkDocs import),
with MkDocs' `!ENV` and `INHERIT:`, and the generated config carries the resolved values.
"""

from __future__ import annotations

import datetime as dt
import difflib
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
from generator.render.engine import DEFAULT_ENGINE, ENGINES, markdown_extensions, overrides_dir, theme_features

DEFAULT_RELEASE = "ontwikkelversie"
# The home page's introduction, in the editors' words (not guideline text); extra.richtlijnen.intro
# replaces it.
DEFAULT_INTRO = (
    "De praktijkrichtlijnen voor jeugdhulp en jeugdbescherming, met hun aanbevelingen en toelichting. "
    "Elke aanbeveling heeft een vaste korte link die je in een dossier of op het intranet kunt plakken."
)
INTRO_MAX = 600
# The logo in the header: an image file of the publication's own, never an address on another
# host (the site asks no other server for anything). Without one, the generator's own
# (templates/assets/logo.svg) is used.
LOGO_SUFFIXES = (".svg", ".png")
LOGO_MAX_BYTES = 512 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]", re.DOTALL)
# Opened on its own (its address typed in), an SVG runs its scripts with the site's rights, and it
# may fetch from other hosts: neither is allowed in a logo.
SVG_ACTIVE = re.compile(
    rb"<script|<foreignObject|\bon[a-z]+\s*=|javascript:|\b(?:href|src)\s*=\s*[\"']?\s*(?!#)[^\s\"'>]|url\(\s*[\"']?\s*(?!#)",
    re.IGNORECASE,
)
# These values land in every page, in Markdown, in HTML attributes, in JavaScript and in the PDFs.
# Rather than escape them correctly for each of those, they are held to what they are for.
RELEASE_PATTERN = re.compile(r"^[0-9A-Za-zÀ-ÿ][0-9A-Za-zÀ-ÿ .+_-]{0,39}$")
RELEASE_RULE = "1 tot 40 letters, cijfers, spaties en . + _ -, beginnend met een letter of cijfer"
ENGINE_RULE = "kies " + ", ".join(ENGINES[:-1]) + " of " + ENGINES[-1]
# A site name is prose; only what could start markup or a link in Markdown or HTML is refused.
# Material writes these texts into pages unescaped (copyright even as HTML), so the rule holds for all.
SITE_NAME_FORBIDDEN = re.compile(r"[<>\[\]{}`*_|\\\"']")
SITE_NAME_MAX = 120
# The plain texts a publication may set: key -> (what the message calls it, longest length).
PLAIN_TEXTS: dict[str, tuple[str, int]] = {
    "site_name": ("naam", SITE_NAME_MAX),
    "site_description": ("beschrijving", 300),
    "site_author": ("naam", SITE_NAME_MAX),
    "copyright": ("tekst", 200),
}
# The generated Markdown goes here unless mkdocs.yml says otherwise; its parent folder holds the
# generated config and the PDF cache, so it is a folder of the build's own, not MkDocs' `docs`.
DEFAULT_DOCS_DIR = "build/docs"
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
    custom_dir: Path | None  # the theme overrides: the engine's, in the installed package
    build_date: str  # ISO date of this build; printed on checklists and in the zakgids
    theme_features: tuple[str, ...] = ()  # Material's `theme.features`, as the engine sets them
    markdown_extensions: tuple[Any, ...] = ()  # as the engine lists them: names, or {name: options}
    site_description: str | None = None
    site_author: str | None = None
    copyright: str | None = None
    engine: str = DEFAULT_ENGINE  # the program that makes the HTML (generator/render/engine.py)
    intro: str = DEFAULT_INTRO  # the home page's introduction, in the editors' words
    logo: Path | None = None  # the publication's own logo (SVG or PNG); None: the generator's


def read_site_settings(config_file: Path, release: str | None = None, engine: str | None = None) -> SiteSettings:
    """The publication's settings; `release` and `engine` are the command's options, which win over the file's."""
    problems = Problems()
    raw = _load_config(config_file, problems)
    if release is not None and not RELEASE_PATTERN.fullmatch(release):
        raise BuildError(f"ongeldige versie voor --release: {_shown(release)}; gebruik {RELEASE_RULE}")
    if engine is not None and engine not in ENGINES:
        raise BuildError(f"onbekend programma voor --engine: {_shown(engine)}; {ENGINE_RULE}")
    date = build_date()
    _check_values(config_file, raw, problems)
    if problems:
        raise ContentError(problems)
    extra = (raw.get("extra") or {}).get("richtlijnen") or {}
    feedback = extra.get("feedback")
    # Relative paths count from the file that sets them, as in MkDocs; _load_config made
    # inherited ones absolute.
    return SiteSettings(
        config_file=config_file,
        site_name=str(raw["site_name"]),
        site_url=str(raw["site_url"]).rstrip("/") + "/",
        release=release or str(extra.get("release") or DEFAULT_RELEASE),
        feedback=str(feedback) if feedback else None,
        docs_dir=config_file.parent / str(raw.get("docs_dir") or DEFAULT_DOCS_DIR),
        custom_dir=overrides_dir(),
        build_date=date,
        theme_features=theme_features(),
        markdown_extensions=markdown_extensions(),
        site_description=_optional_text(raw, "site_description"),
        site_author=_optional_text(raw, "site_author"),
        copyright=_optional_text(raw, "copyright"),
        engine=engine or str(extra.get("engine") or DEFAULT_ENGINE),
        intro=" ".join(str(extra.get("intro") or DEFAULT_INTRO).split()),
        logo=config_file.parent / str(extra["logo"]) if extra.get("logo") else None,
    )


def _optional_text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return str(value) if value else None


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
    extra = raw.get("extra")
    settings = extra.get("richtlijnen") if isinstance(extra, dict) else None
    settings = settings if isinstance(settings, dict) else {}
    found: list[tuple[KeyPath, str]] = []
    release = settings.get("release")
    if release is not None and not (isinstance(release, str) and RELEASE_PATTERN.fullmatch(release)):
        found.append((("extra", "richtlijnen", "release"), f"ongeldige versie {_shown(release)}; gebruik {RELEASE_RULE}"))
    chosen = settings.get("engine")
    if chosen is not None and chosen not in ENGINES:
        found.append((("extra", "richtlijnen", "engine"), f"onbekend programma {_shown(chosen)}; {ENGINE_RULE}"))
    feedback = settings.get("feedback")
    if feedback is not None and not (isinstance(feedback, str) and FEEDBACK_PATTERN.fullmatch(feedback)):
        found.append(
            (
                ("extra", "richtlijnen", "feedback"),
                f"ongeldig adres {_shown(feedback)}; gebruik mailto:naam@domein.nl of https://… zonder spaties, "
                "aanhalingstekens, haakjes of punthaken",
            )
        )
    intro = settings.get("intro")
    if intro is not None and not _plain_text(intro, INTRO_MAX, allow_newlines=True):
        found.append(
            (
                ("extra", "richtlijnen", "intro"),
                f"ongeldige inleiding {_shown(intro)}; gebruik gewone tekst van hooguit {INTRO_MAX} tekens, "
                "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
            )
        )
    logo = settings.get("logo")
    if logo is not None:
        problem = _logo_problem(config_file.parent, logo)
        if problem:
            found.append((("extra", "richtlijnen", "logo"), problem))
    site_url = raw.get("site_url")
    if not site_url:
        found.append((("site_url",), "verplicht veld ontbreekt"))
    elif not (isinstance(site_url, str) and URL_PATTERN.fullmatch(site_url)):
        found.append(
            (("site_url",), f"ongeldig adres {_shown(site_url)}; gebruik https://… zonder spaties, aanhalingstekens of haakjes")
        )
    if raw.get("site_name") in (None, ""):
        found.append((("site_name",), "verplicht veld ontbreekt"))
    for key, (word, longest) in PLAIN_TEXTS.items():
        value = raw.get(key)
        if value is not None and value != "" and not _plain_text(value, longest):
            found.append(
                (
                    (key,),
                    f"ongeldige {word} {_shown(value)}; gebruik gewone tekst van hooguit {longest} tekens, "
                    "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
                )
            )
    docs_dir = raw.get("docs_dir")
    if docs_dir is not None and not (isinstance(docs_dir, str) and docs_dir.strip() and not _has_control(docs_dir)):
        found.append((("docs_dir",), f"moet een pad naar een map zijn, zoals {DEFAULT_DOCS_DIR}"))
    for key_path, message in found:
        problems.add(_locate(config_file, key_path), key_path, message)


def _plain_text(value: object, longest: int, *, allow_newlines: bool = False) -> bool:
    if allow_newlines and isinstance(value, str):
        value = " ".join(value.split())
    return (
        isinstance(value, str)
        and len(value) <= longest
        and not SITE_NAME_FORBIDDEN.search(value)
        and not ENTITY.search(value)
        and not _has_control(value)
    )


def _logo_problem(folder: Path, value: object) -> str | None:
    """Why `value` cannot be the logo, or None: a path to an SVG or PNG file of the publication's own."""
    if not isinstance(value, str) or not value.strip():
        return "verwacht een pad naar een SVG- of PNG-bestand, zoals assets/logo.svg"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", value):
        return (
            f"logo {_shown(value)} is een webadres; de site haalt niets van een andere server: "
            "zet het bestand bij de publicatie en geef het pad, zoals assets/logo.svg"
        )
    path = folder / value
    suffix = path.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        return f"logo {_shown(value)} moet een SVG- of PNG-bestand zijn (.svg of .png)"
    try:
        if not path.is_file():
            return f"logo {_shown(value)} bestaat niet (gezocht in {display_path(path)})"
        with path.open("rb") as file:
            data = file.read(LOGO_MAX_BYTES + 1)
    except OSError as exc:
        return f"logo {_shown(value)} is niet leesbaar ({os_reason(exc)})"
    if len(data) > LOGO_MAX_BYTES:
        return f"logo {_shown(value)} is te groot (meer dan {LOGO_MAX_BYTES // 1024} KB)"
    if suffix == ".png" and not data.startswith(PNG_SIGNATURE):
        return f"logo {_shown(value)} is geen PNG-afbeelding"
    if suffix == ".svg":
        if not SVG_START.match(data):
            return f"logo {_shown(value)} is geen SVG-afbeelding"
        if SVG_ACTIVE.search(data):
            return (
                f"logo {_shown(value)} bevat een script, een gebeurtenis (on…=) of een verwijzing naar een ander "
                "bestand; gebruik een SVG met alleen vormen en kleuren"
            )
    return None


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) in {"Cc", "Cf"} for c in text)


def _shown(value: object) -> str:
    """A value as a message quotes it: control characters visible, never sent raw to a terminal."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if unicodedata.category(c) not in {"Cc", "Cf"} else f"\\u{ord(c):04x}" for c in text)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _locate(config_file: Path, key_path: KeyPath, *, at_key: bool = False) -> Location:
    """The line of a setting in mkdocs.yml (or the file's top if it is inherited or absent): of its
    value, or with `at_key` of its key (for a key that does not belong there)."""
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
        mark, node = (match[0] if at_key and key == key_path[-1] else match[1]).start_mark, match[1]
    return Location(config_file, mark.line + 1, mark.column + 1) if mark is not None else Location(config_file, 1, 1)


# --- Which keys a publication's mkdocs.yml may hold -----------------------------------------------

# What belongs to a publication. Everything else MkDocs knows is the engine's (generator/render/
# engine.py) or a command's option, and is refused with the reason.
PUBLICATION_KEYS: dict[KeyPath, tuple[str, ...]] = {
    (): ("INHERIT", "site_name", "site_description", "site_author", "site_url", "copyright", "docs_dir", "extra"),
    ("extra",): ("richtlijnen",),
    ("extra", "richtlijnen"): ("release", "feedback", "engine", "intro", "logo"),
}
ENGINE_REASON = "hoort bij het programma, niet bij de publicatie (thema, Markdown, controles, opmaak en scripts van de site); haal deze instelling weg"
OWNED_KEYS: dict[KeyPath, str] = {
    **{
        (key,): ENGINE_REASON
        for key in (
            "theme",
            "plugins",
            "hooks",
            "markdown_extensions",
            "mdx_configs",
            "validation",
            "strict",
            "extra_css",
            "extra_javascript",
            "extra_templates",
            "use_directory_urls",
            "exclude_docs",
            "draft_docs",
            "not_in_nav",
            "watch",
            "google_analytics",
        )
    },
    ("extra", "generator"): ENGINE_REASON,
    ("nav",): "de navigatie maakt richtlijnen zelf uit content/ en checklists/; haal deze instelling weg",
    ("pages",): "de navigatie maakt richtlijnen zelf uit content/ en checklists/; haal deze instelling weg",
    ("site_dir",): "de map van de website kies je met --site-dir (standaard: site); haal deze instelling weg",
    ("dev_addr",): "het adres van de voorbeeldweergave kies je met 'richtlijnen serve --dev-addr'; haal deze instelling weg",
    ("remote_branch",): "de branch kies je met 'richtlijnen release --branch'; haal deze instelling weg",
    ("remote_name",): "de remote kies je met 'richtlijnen release --remote'; haal deze instelling weg",
    **{
        (key,): "de site linkt niet naar een repository: Material haalt daarvoor gegevens op bij GitHub of GitLab, "
        "en de site vraagt niets van een andere server; haal deze instelling weg"
        for key in ("repo_url", "repo_name", "edit_uri", "edit_uri_template")
    },
}


def _check_keys(config_file: Path, raw: dict[str, Any], problems: Problems) -> None:
    """Each key of one file where it belongs: a publication's own, the engine's (with why it goes),
    or unknown (with the nearest allowed one)."""
    for parent, allowed in PUBLICATION_KEYS.items():
        node: Any = raw
        for key in parent:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            continue
        for key in node:
            key_path = (*parent, str(key))
            if key in allowed:
                continue
            message = OWNED_KEYS.get(key_path) or _unknown_key(str(key), allowed)
            problems.add(_locate(config_file, key_path, at_key=True), key_path, message)


def _unknown_key(key: str, allowed: tuple[str, ...]) -> str:
    message = f"onbekende sleutel '{key}'"
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        message += f" (bedoel je '{close[0]}'?)"
    return message + f"; toegestaan: {', '.join(allowed)}"


MAX_CONFIG_BYTES = 1024 * 1024
# The sections the generator reads, and the shape each must have.
SHAPES: dict[KeyPath, type] = {
    ("extra",): dict,
    ("extra", "richtlijnen"): dict,
}
SHAPE_WORDS: dict[type, str] = {dict: "een mapping (sleutel: waarde)", list: "een lijst"}


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader with MkDocs' `!ENV` (through the library MkDocs uses for it); any other
    tag MkDocs knows (`!relative`, `!!python/name:` for an extension's option) becomes an empty
    value instead of an error, so that a key that holds one is reported for what it is."""


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
    # Each file on its own, so a problem is reported at its line in the file that has it.
    _check_keys(config_file, raw, problems)
    _check_shapes(config_file, raw, problems)
    parent_name = raw.pop("INHERIT", None)
    if not parent_name:
        return raw
    parent_file = (config_file.parent / str(parent_name)).resolve()
    parent = _load_config(parent_file, problems, (*chain, resolved))
    if isinstance(parent.get("docs_dir"), str):
        parent["docs_dir"] = str(parent_file.parent / parent["docs_dir"])
    inherited = (parent.get("extra") or {}).get("richtlijnen") if isinstance(parent.get("extra"), dict) else None
    if isinstance(inherited, dict) and isinstance(inherited.get("logo"), str) and "://" not in inherited["logo"]:
        inherited["logo"] = str(parent_file.parent / inherited["logo"])
    return _merge(parent, raw)


def _check_shapes(config_file: Path, raw: dict[str, Any], problems: Problems) -> None:
    for key_path, shape in SHAPES.items():
        node: Any = raw
        for key in key_path:
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None and not isinstance(node, shape):
            problems.add(_locate(config_file, key_path), key_path, f"moet {SHAPE_WORDS[shape]} zijn")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
