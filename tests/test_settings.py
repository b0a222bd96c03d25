"""Every setting and CLI value that reaches a page is held to its form, with a Dutch message at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.render.engine import ENGINE_FILE
from generator.render.sanitise import EXTENSION_NAME
from generator.render.settings import read_site_settings
from generator.render.site import render_mkdocs_config
from generator.render.teksten import for_scripts, section
from tests.conftest import MINIMAL, REPO

EXTRA_KEYS = {"release", "feedback", "engine", "intro", "logo"}  # under extra.richtlijnen
RELEASE_RULE = "1 tot 40 letters, cijfers, spaties en . + _ -, beginnend met een letter of cijfer"


def config_with(tmp_path: Path, **extra: str) -> Path:
    """A mkdocs.yml that inherits the project's (a publication may share its settings that way) and
    overrides a few values, one per line."""
    lines = [f"INHERIT: {REPO / 'mkdocs.yml'}", f"docs_dir: {tmp_path / 'build' / 'docs'}"]
    for key, value in extra.items():
        if key in EXTRA_KEYS:
            continue
        lines.append(f"{key}: {value}")
    if EXTRA_KEYS & extra.keys():
        lines += ["extra:", "  richtlijnen:"]
        lines += [f"    {key}: {extra[key]}" for key in EXTRA_KEYS if key in extra]
    config = tmp_path / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build(tmp_path: Path, config: Path, *extra: str) -> tuple[int, str]:
    args = ["build", "--content", str(MINIMAL / "content"), "--checklists", str(MINIMAL / "checklists")]
    args += ["--config-file", str(config), "--site-dir", str(tmp_path / "site"), *extra]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("key", "value", "where", "message"),
    [
        (
            "release",
            "'<img src=x onerror=alert(1)>'",
            "5:14",
            f"ongeldige versie '<img src=x onerror=alert(1)>'; gebruik {RELEASE_RULE}",
        ),
        (
            "feedback",
            "'javascript:alert(1)'",
            "5:15",
            "ongeldig adres 'javascript:alert(1)'; gebruik mailto:naam@domein.nl of https://… zonder spaties, "
            "aanhalingstekens, haakjes of punthaken",
        ),
        (
            "feedback",
            "'https://example.org/\" onmouseover=\"alert(1)'",
            "5:15",
            "ongeldig adres 'https://example.org/\" onmouseover=\"alert(1)'; gebruik mailto:naam@domein.nl of https://… "
            "zonder spaties, aanhalingstekens, haakjes of punthaken",
        ),
        (
            "engine",
            "'mkdocs; rm -rf /'",
            "5:13",
            "onbekend programma 'mkdocs; rm -rf /'; kies mkdocs, properdocs of zensical",
        ),
        (
            "site_url",
            "'https://example.org/\"><script>'",
            "3:11",
            "ongeldig adres 'https://example.org/\"><script>'; gebruik https://… zonder spaties, aanhalingstekens of haakjes",
        ),
        (
            "site_name",
            "'Richtlijnen <script>alert(1)</script>'",
            "3:12",
            "ongeldige naam 'Richtlijnen <script>alert(1)</script>'; gebruik gewone tekst van hooguit 120 tekens, "
            "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
        ),
        (
            "site_name",
            "'Richtlijnen &#60;script&#62;'",
            "3:12",
            "ongeldige naam 'Richtlijnen &#60;script&#62;'; gebruik gewone tekst van hooguit 120 tekens, "
            "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
        ),
        (
            "site_name",
            '"Richtlijnen\\e[31m"',
            "3:12",
            "ongeldige naam 'Richtlijnen\\u001b[31m'; gebruik gewone tekst van hooguit 120 tekens, zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
        ),
    ],
)
def test_a_setting_that_would_reach_a_page_unsafe_is_refused(
    tmp_path: Path, key: str, value: str, where: str, message: str
) -> None:
    config = config_with(tmp_path, **{key: value})
    code, stderr = build(tmp_path, config)
    dotted = f"extra.richtlijnen.{key}" if key in EXTRA_KEYS else key
    assert code == 1
    assert stderr == f"{config}:{where}: {dotted}: {message}\n1 probleem gevonden.\n"
    assert not (tmp_path / "site").exists()


def test_the_release_option_is_refused_when_it_is_not_a_version(tmp_path: Path) -> None:
    code, stderr = build(tmp_path, config_with(tmp_path), "--release", "<b>1</b>")
    assert code == 1
    assert stderr == f"Bouwen mislukt: ongeldige versie voor --release: '<b>1</b>'; gebruik {RELEASE_RULE}\n"
    assert not (tmp_path / "site").exists()


def test_the_engine_option_is_refused_when_it_is_not_an_engine(tmp_path: Path) -> None:
    code, stderr = build(tmp_path, config_with(tmp_path), "--engine", "Zensical")
    assert code == 1
    assert stderr == "Bouwen mislukt: onbekend programma voor --engine: 'Zensical'; kies mkdocs, properdocs of zensical\n"
    assert not (tmp_path / "site").exists()


def test_the_engine_option_wins_over_the_setting(tmp_path: Path) -> None:
    config = config_with(tmp_path, engine="properdocs")
    assert read_site_settings(config).engine == "properdocs"
    assert read_site_settings(config, engine="zensical").engine == "zensical"
    (tmp_path / "b").mkdir()
    assert read_site_settings(config_with(tmp_path / "b")).engine == "mkdocs"


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_only_zensical_gets_settings_of_its_own(tmp_path: Path, engine: str) -> None:
    """One config for all three: Zensical has no --site-dir, and its search is on unless switched
    off by name (which ProperDocs' serve refuses). (Its look, `theme.variant: classic`,
    is in the engine settings for all: Material ignores the key.)"""
    from generator.stages import read_corpus

    settings = read_site_settings(config_with(tmp_path), engine=engine)
    text = render_mkdocs_config(settings, read_corpus(MINIMAL / "content", MINIMAL / "checklists"), tmp_path / "build")
    generated = yaml.safe_load(text)
    zensical = engine == "zensical"
    assert generated.get("site_dir") == ("zensical-site" if zensical else None)
    assert generated["theme"]["variant"] == "classic"
    assert generated["plugins"] == ([{"search": {"enabled": False}}] if zensical else [])


def test_the_bundled_settings_are_accepted() -> None:
    settings = read_site_settings(REPO / "mkdocs.yml", "2026.10 rc-1")
    assert settings.release == "2026.10 rc-1"


def test_the_generated_config_is_whole_and_always_ends_with_the_sanitiser(tmp_path: Path) -> None:
    """The publication's settings merged into the engine's, with nothing left to inherit."""
    from generator.stages import read_corpus

    config = write(
        tmp_path / "mkdocs.yml",
        "site_name: Protocollen van Jeugdzorg Oost\nsite_url: https://protocollen.example.org/\n"
        "site_description: Onze protocollen.\ncopyright: © 2026 Jeugdzorg Oost\n"
        "extra:\n  richtlijnen:\n    feedback: https://example.org/reactie\n",
    )
    settings = read_site_settings(config, "2026.1")
    text = render_mkdocs_config(settings, read_corpus(MINIMAL / "content", MINIMAL / "checklists"), tmp_path / "build")
    generated = yaml.safe_load(text)
    assert "INHERIT" not in generated and str(tmp_path) not in text
    expected = {
        "site_name": "Protocollen van Jeugdzorg Oost",
        "site_url": "https://protocollen.example.org/",
        "site_description": "Onze protocollen.",
        "copyright": "© 2026 Jeugdzorg Oost",
        "docs_dir": "docs",
    }
    assert {key: generated[key] for key in expected} == expected
    engine = yaml.safe_load(ENGINE_FILE.read_text("utf-8"))
    for key in ("use_directory_urls", "plugins", "validation", "extra_css", "extra_javascript"):
        assert generated[key] == engine[key], key
    overrides = str(REPO / "generator" / "templates" / "overrides")
    assert generated["theme"] == {
        **engine["theme"],
        "custom_dir": overrides,
        "logo": "assets/logo.svg",
        "favicon": "assets/logo.svg",
    }
    assert generated["markdown_extensions"] == [*engine["markdown_extensions"], EXTENSION_NAME]
    assert generated["extra"] == {
        "generator": False,
        "richtlijnen": {
            "release": "2026.1",
            "feedback": "https://example.org/reactie",
            "attribution": {
                "permissions": [
                    "Op voorwaarde van naamsvermelding wordt toestemming gegeven voor het kopiëren, opslaan en "
                    "openbaar maken van de tekst in deze publicatie."
                ],
                "authorised_by": ["BPSW, NIP en NVO"],
                "about": "over-deze-publicatie/",
                "label": "Versie 2026.1",
            },
        },
        # The words of the theme's templates (render/teksten.py), and the guidelines of the 404 page.
        "teksten": {"thema": section("thema"), "scripts": for_scripts()},
        "richtlijnen_lijst": [{"titel": "Proefrichtlijn", "pad": "proefrichtlijn/"}],
    }
    assert Path(generated["theme"]["custom_dir"], "main.html").is_file()


# The repository's mkdocs.yml as it was before the engine's settings moved into the package.
OLD_CONFIG = """site_name: Richtlijnen
site_url: https://richtlijnen.example.org/
docs_dir: build/docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  custom_dir: generator/templates/overrides
plugins: []
markdown_extensions:
  - abbr
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra_javascript:
  - path: assets/richtlijnen.js
    type: module
repo_url: https://github.com/org/richtlijnen
extra:
  generator: false
  richtlijnen:
    release: ontwikkelversie
"""


def test_a_setting_the_engine_owns_is_refused_at_its_line(tmp_path: Path) -> None:
    config = write(tmp_path / "mkdocs.yml", OLD_CONFIG)
    code, stderr = build(tmp_path, config)
    engine = "hoort bij het programma, niet bij de publicatie (thema, Markdown, controles, opmaak en scripts van de site); haal deze instelling weg"
    assert code == 1
    assert stderr.splitlines() == [
        f"{config}:4:1: site_dir: de map van de website kies je met --site-dir (standaard: site); haal deze instelling weg",
        f"{config}:5:1: use_directory_urls: {engine}",
        f"{config}:6:1: theme: {engine}",
        f"{config}:9:1: plugins: {engine}",
        f"{config}:10:1: markdown_extensions: {engine}",
        f"{config}:14:1: extra_javascript: {engine}",
        f"{config}:17:1: repo_url: de site linkt niet naar een repository: Material haalt daarvoor gegevens op bij GitHub "
        "of GitLab, en de site vraagt niets van een andere server; haal deze instelling weg",
        f"{config}:19:3: extra.generator: {engine}",
        "8 problemen gevonden.",
    ]
    assert not (tmp_path / "site").exists() and not (tmp_path / "build").exists()


def test_an_unknown_setting_is_refused_with_the_nearest_known_one(tmp_path: Path) -> None:
    config = write(
        tmp_path / "mkdocs.yml",
        "site_name: Richtlijnen\nsite_ulr: https://x.org/\nextra:\n  richtlijnen:\n    relaese: 2026.1\n",
    )
    code, stderr = build(tmp_path, config)
    assert code == 1
    assert stderr.splitlines() == [
        f"{config}:1:1: site_url: verplicht veld ontbreekt",
        f"{config}:2:1: site_ulr: onbekende sleutel 'site_ulr' (bedoel je 'site_url'?); toegestaan: INHERIT, site_name, "
        "site_description, site_author, site_url, copyright, docs_dir, extra",
        f"{config}:5:5: extra.richtlijnen.relaese: onbekende sleutel 'relaese' (bedoel je 'release'?); "
        "toegestaan: release, feedback, engine, intro, logo",
        "3 problemen gevonden.",
    ]


def test_a_setting_in_an_inherited_file_is_reported_in_that_file(tmp_path: Path) -> None:
    shared = write(tmp_path / "gedeeld.yml", "site_name: Richtlijnen\nsite_url: https://x.org/\ntheme:\n  name: material\n")
    config = write(tmp_path / "mkdocs.yml", "INHERIT: gedeeld.yml\ncopyright: '<b>2026</b>'\n")
    code, stderr = build(tmp_path, config)
    assert code == 1
    assert stderr.splitlines() == [
        f"{shared}:3:1: theme: hoort bij het programma, niet bij de publicatie (thema, Markdown, controles, opmaak en "
        "scripts van de site); haal deze instelling weg",
        f"{config}:2:12: copyright: ongeldige tekst '<b>2026</b>'; gebruik gewone tekst van hooguit 200 tekens, "
        "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
        "2 problemen gevonden.",
    ]


def test_the_publication_settings_alone_are_enough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """site_name and site_url are all a publication must set; MkDocs' !ENV reads the environment."""
    monkeypatch.setenv("NAAM", "Protocollen")
    config = write(tmp_path / "mkdocs.yml", "site_name: !ENV [NAAM, 'Richtlijnen']\nsite_url: https://x.org\n")
    settings = read_site_settings(config)
    assert (settings.site_name, settings.site_url, settings.release, settings.feedback) == (
        "Protocollen",
        "https://x.org/",
        "ontwikkelversie",
        None,
    )
    assert settings.docs_dir == tmp_path / "build" / "docs"


@pytest.mark.parametrize(
    ("key", "value", "where", "message"),
    [
        ("release", '"2026.1\\n"', "5:14", f"ongeldige versie '2026.1\\u000a'; gebruik {RELEASE_RULE}"),
        (
            "site_name",
            "'Richtlijnen\" onmouseover=\"alert(1)'",
            "3:12",
            "ongeldige naam 'Richtlijnen\" onmouseover=\"alert(1)'; gebruik gewone tekst van hooguit 120 tekens, "
            "zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;",
        ),
    ],
)
def test_a_trailing_newline_or_a_quote_is_refused(tmp_path: Path, key: str, value: str, where: str, message: str) -> None:
    config = config_with(tmp_path, **{key: value})
    code, stderr = build(tmp_path, config)
    dotted = f"extra.richtlijnen.{key}" if key == "release" else key
    assert code == 1
    assert stderr == f"{config}:{where}: {dotted}: {message}\n1 probleem gevonden.\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INHERIT: /dev/zero\n", "{config}:1:1: INHERIT: configuratie is geen gewoon bestand"),
        ("INHERIT: mkdocs.yml\n", "{config}:1:1: INHERIT: INHERIT verwijst in een kring: {config} -> {config}"),
        ("- een\n- lijst\n", "{config}:1:1: de configuratie moet een mapping (sleutel: waarde) zijn"),
        ("site_name: R\nsite_url: https://x.org/\nextra: [1]\n", "{config}:3:8: extra: moet een mapping (sleutel: waarde) zijn"),
        (
            "site_name: R\nsite_url: https://x.org/\nextra:\n  richtlijnen: 5\n",
            "{config}:4:16: extra.richtlijnen: moet een mapping (sleutel: waarde) zijn",
        ),
        (
            "site_name: R\nsite_url: https://x.org/\ndocs_dir: [a]\n",
            "{config}:3:11: docs_dir: moet een pad naar een map zijn, zoals build/docs",
        ),
        ("site_url: [https://x.org/\n", "{config}:2:1: ongeldige YAML: "),
    ],
)
def test_a_broken_configuration_is_a_dutch_message_not_an_internal_error(tmp_path: Path, text: str, expected: str) -> None:
    config = write(tmp_path / "mkdocs.yml", text)
    code, stderr = build(tmp_path, config)
    assert code == 1
    first = stderr.splitlines()[0]
    if expected.endswith(": "):
        assert first.startswith(expected.format(config=config)) and "expected" not in first
    else:
        dev_zero = "/dev/zero" if "dev/zero" in text else str(config)
        assert first == expected.format(config=config).replace(
            f"{config}:1:1: INHERIT: configuratie", f"{dev_zero}:1:1: configuratie"
        )


# --- The logo and the introduction ----------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0h24v24H0z"/></svg>'


@pytest.mark.parametrize(
    ("files", "value", "message"),
    [
        (
            {},
            "https://beeldbank.example.org/logo.svg",
            "logo 'https://beeldbank.example.org/logo.svg' is een webadres; de site haalt niets van een andere server: "
            "zet het bestand bij de publicatie en geef het pad, zoals assets/logo.svg",
        ),
        ({}, "//beeldbank.example.org/logo.png", None),  # same message shape, checked below
        ({}, "eigen/logo.svg", "logo 'eigen/logo.svg' bestaat niet (gezocht in {folder}/eigen/logo.svg)"),
        ({"logo.gif": b"GIF89a"}, "logo.gif", "logo 'logo.gif' moet een SVG- of PNG-bestand zijn (.svg of .png)"),
        ({"logo.png": SVG}, "logo.png", "logo 'logo.png' is geen PNG-afbeelding"),
        ({"logo.svg": b"<html><body>logo</body></html>"}, "logo.svg", "logo 'logo.svg' is geen SVG-afbeelding"),
        (
            {"logo.svg": SVG.replace(b"<path", b"<script>alert(1)</script><path")},
            "logo.svg",
            "logo 'logo.svg' bevat een script, een gebeurtenis (on…=) of een verwijzing naar een ander bestand; "
            "gebruik een SVG met alleen vormen en kleuren",
        ),
        (
            {"logo.svg": SVG.replace(b"<path", b'<image href="https://example.org/x.png"/><path')},
            "logo.svg",
            "logo 'logo.svg' bevat een script, een gebeurtenis (on…=) of een verwijzing naar een ander bestand; "
            "gebruik een SVG met alleen vormen en kleuren",
        ),
    ],
)
def test_the_logo_must_be_an_image_of_the_publication_own(
    tmp_path: Path, files: dict[str, bytes], value: str, message: str | None
) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    config = config_with(tmp_path, logo=f"'{value}'")
    code, stderr = build(tmp_path, config)
    assert code == 1
    if message is None:
        assert f"{config}:5:11: extra.richtlijnen.logo: logo '{value}' is een webadres;" in stderr
    else:
        expected = message.format(folder=tmp_path)
        assert stderr == f"{config}:5:11: extra.richtlijnen.logo: {expected}\n1 probleem gevonden.\n"
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("name", "data"), [("eigen-logo.png", PNG), ("eigen-logo.svg", SVG)])
def test_the_publication_logo_replaces_the_default_one(tmp_path: Path, name: str, data: bytes) -> None:
    from generator.render.site import render_docs_tree
    from generator.stages import read_corpus

    corpus = read_corpus(MINIMAL / "content", MINIMAL / "checklists")
    default = read_site_settings(config_with(tmp_path))
    theme = yaml.safe_load(render_mkdocs_config(default, corpus, tmp_path / "build"))["theme"]
    assert (theme["logo"], theme["favicon"]) == ("assets/logo.svg", "assets/logo.svg")
    (tmp_path / name).write_bytes(data)
    settings = read_site_settings(config_with(tmp_path, logo=name))
    logo = "assets/logo" + Path(name).suffix
    theme = yaml.safe_load(render_mkdocs_config(settings, corpus, tmp_path / "build"))["theme"]
    assert (theme["logo"], theme["favicon"]) == (logo, logo)  # the browser tab's icon too
    assert render_docs_tree(corpus, settings, downloads=False)[logo] == data


def test_the_introduction_is_plain_text_of_the_editors(tmp_path: Path) -> None:
    config = config_with(tmp_path, intro="'Onze <b>richtlijnen</b>.'")
    code, stderr = build(tmp_path, config)
    assert code == 1
    assert stderr == (
        f"{config}:5:12: extra.richtlijnen.intro: ongeldige inleiding 'Onze <b>richtlijnen</b>.'; gebruik gewone tekst "
        "van hooguit 600 tekens, zonder < > [ ] { } ` * _ | \\ \" ' en zonder HTML-codes als &lt;\n1 probleem gevonden.\n"
    )
    settings = read_site_settings(config_with(tmp_path, intro=">-\n      Eerste zin van de redactie.\n      Tweede zin."))
    assert settings.intro == "Eerste zin van de redactie. Tweede zin."
