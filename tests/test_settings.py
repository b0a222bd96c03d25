"""Every setting and CLI value that reaches a page is held to its form, with a Dutch message at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.render.sanitise import EXTENSION_NAME
from generator.render.settings import read_site_settings
from generator.render.site import render_mkdocs_config
from tests.conftest import MINIMAL, REPO

RELEASE_RULE = "1 tot 40 letters, cijfers, spaties en . + _ -, beginnend met een letter of cijfer"


def config_with(tmp_path: Path, **extra: str) -> Path:
    """A mkdocs.yml that inherits the project's and overrides a few values, one per line."""
    lines = [f"INHERIT: {REPO / 'mkdocs.yml'}", f"docs_dir: {tmp_path / 'build' / 'docs'}"]
    for key, value in extra.items():
        if key in {"release", "feedback"}:
            continue
        lines.append(f"{key}: {value}")
    if "release" in extra or "feedback" in extra:
        lines += ["extra:", "  richtlijnen:"]
        lines += [f"    {key}: {extra[key]}" for key in ("release", "feedback") if key in extra]
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
    dotted = f"extra.richtlijnen.{key}" if key in {"release", "feedback"} else key
    assert code == 1
    assert stderr == f"{config}:{where}: {dotted}: {message}\n1 probleem gevonden.\n"
    assert not (tmp_path / "site").exists()


def test_the_release_option_is_refused_when_it_is_not_a_version(tmp_path: Path) -> None:
    code, stderr = build(tmp_path, config_with(tmp_path), "--release", "<b>1</b>")
    assert code == 1
    assert stderr == f"Bouwen mislukt: ongeldige versie voor --release: '<b>1</b>'; gebruik {RELEASE_RULE}\n"
    assert not (tmp_path / "site").exists()


def test_the_bundled_settings_are_accepted() -> None:
    settings = read_site_settings(REPO / "mkdocs.yml", "2026.10 rc-1")
    assert settings.release == "2026.10 rc-1"


def test_the_generated_config_always_adds_the_sanitiser(tmp_path: Path) -> None:
    """Even when mkdocs.yml lists its own extensions (or already names the sanitiser)."""
    from generator.stages import read_corpus

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\nmarkdown_extensions:\n  - attr_list\n  - {EXTENSION_NAME}\n  - toc:\n      permalink: false\n",
        encoding="utf-8",
    )
    settings = read_site_settings(config)
    text = render_mkdocs_config(settings, read_corpus(MINIMAL / "content", MINIMAL / "checklists"), tmp_path)
    assert f"markdown_extensions:\n- attr_list\n- toc:\n    permalink: false\n- {EXTENSION_NAME}\n" in text


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
        ("site_url: https://x.org/\nextra: [1]\n", "{config}:2:8: extra: moet een mapping (sleutel: waarde) zijn"),
        ("site_url: https://x.org/\nmarkdown_extensions: 5\n", "{config}:2:22: markdown_extensions: moet een lijst zijn"),
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


def test_tags_mkdocs_knows_are_tolerated(tmp_path: Path) -> None:
    config = write(
        tmp_path / "mkdocs.yml",
        f"INHERIT: {REPO / 'mkdocs.yml'}\nsite_name: !ENV [NAAM, 'Richtlijnen']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )
    settings = read_site_settings(config)
    assert settings.markdown_extensions == ({"pymdownx.emoji": {"emoji_index": None}},)
