"""The publication as data (api/, generator/render/api.py): every file holds to the JSON Schema
generated from the same models and published beside it, says what the content says, with absolute
addresses and the build's own date, and goes into the built site and its offline copy.
tests/test_release_published.py follows a changed recommendation through two real releases."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.model.corpus import Corpus
from generator.render.addresses import (
    PUBLICATION_DATA_FILE,
    PUBLICATION_DATA_SCHEMA,
    RECOMMENDATION_DATA_DIR,
    RECOMMENDATION_DATA_SCHEMA,
    versioned_site_url,
)
from generator.render.api import FORMAT, plain_text, render_data_files
from generator.render.settings import SiteSettings, read_site_settings
from generator.render.view import publication_view
from generator.stages import read_corpus
from generator.write.api import json_files
from tests.conftest import BUILD_DATE, MINIMAL, REPO

ROOT = "https://richtlijnen.example.org/"  # the bundled mkdocs.yml's site_url


def data_documents(files: dict[str, Any]) -> dict[str, Any]:
    """publicatie.json and the recommendations' files, without the schemas (and without what
    other outputs may put under api/)."""
    return {p: d for p, d in files.items() if p == PUBLICATION_DATA_FILE or p.startswith(RECOMMENDATION_DATA_DIR + "/")}


def schema_errors(files: dict[str, Any]) -> dict[str, list[str]]:
    """Per data file, what the schema published beside it finds wrong (dates checked as dates)."""
    found = {}
    for path, document in data_documents(files).items():
        schema = files[PUBLICATION_DATA_SCHEMA if path == PUBLICATION_DATA_FILE else RECOMMENDATION_DATA_SCHEMA]
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document))
        if errors:
            found[path] = errors
    return found


def parsed(documents: dict[str, Any]) -> dict[str, Any]:
    """The files as the build writes them (generator/write/api.py), read back."""
    return {path: json.loads(data) for path, data in json_files(documents).items()}


def recommendations(publication: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        rec
        for g in publication["richtlijnen"]
        for c in g["bouwstenen"]
        for s in c["uitgangsvragen"]
        for rec in s["aanbevelingen"]
    ]


def texts(node: Any) -> list[dict[str, str]]:
    """Every text the files give as Markdown and plain text."""
    if isinstance(node, dict):
        own = [node] if set(node) == {"markdown", "platte_tekst"} else []
        return own + [t for value in node.values() for t in texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in texts(value)]
    return []


@pytest.fixture(scope="module")
def minimal_settings() -> SiteSettings:
    return dataclasses.replace(read_site_settings(REPO / "mkdocs.yml", "2027.1"), build_date="2027-01-15")


@pytest.fixture(scope="module")
def minimal_files(minimal_settings: SiteSettings) -> dict[str, Any]:
    corpus = read_corpus(MINIMAL / "content", MINIMAL / "checklists")
    return parsed(render_data_files(publication_view(corpus, minimal_settings)))


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("*Samen* beslissen, **altijd**.", "Samen beslissen, altijd."),
        ("Eerst:\n\n1. vraag\n2. plan\n\nDan klaar.", "Eerst:\n\n1. vraag\n2. plan\n\nDan klaar."),
        ("- een\n    - half\n- twee", "- een\n  - half\n- twee"),
        ("Lees [de richtlijn](https://example.org/) eerst.", "Lees de richtlijn eerst."),
        ("A & B < C en `code`", "A & B < C en code"),
        ("regel  \nvolgende", "regel\nvolgende"),
        ("Een\nzin over\n  regels.", "Een zin over regels."),
        # What the sanitiser removes on the site is not in the plain text either.
        ("<script>alert(1)</script>Tekst", "Tekst"),
    ],
)
def test_plain_text_is_the_words_the_site_shows(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain


def test_the_files_of_the_minimal_tree(minimal_files: dict[str, Any]) -> None:
    assert set(minimal_files) == {
        "api/publicatie.json",
        "api/publicatie.schema.json",
        "api/aanbeveling.schema.json",
        "api/aanbevelingen/proef-1.json",
        "api/aanbevelingen/proef-2.json",
    }
    for path in (PUBLICATION_DATA_SCHEMA, RECOMMENDATION_DATA_SCHEMA):
        schema = minimal_files[path]
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == ROOT + path
        assert schema["properties"]["formaat"]["const"] == FORMAT
    assert schema_errors(minimal_files) == {}

    publication = minimal_files[PUBLICATION_DATA_FILE]
    assert publication["formaat"] == FORMAT
    assert publication["publicatie"] == {
        "naam": "Richtlijnen Jeugdhulp en Jeugdbescherming",
        "versie": "2027.1",
        "datum": "2027-01-15",  # the build's date, not today's
        "webadres": ROOT,
        "gegevens": ROOT + "api/publicatie.json",
        "nieuwste": None,  # a plain build has no versions
    }
    (guideline,) = publication["richtlijnen"]
    assert (guideline["id"], guideline["code"], guideline["webadres"]) == ("proef", "PR", ROOT + "proefrichtlijn/")
    assert guideline["zakgids"] == ROOT + "downloads/richtlijnen/proefrichtlijn.pdf"
    assert guideline["checklists"] == ["proef-checklist"]
    (chapter,) = guideline["bouwstenen"]
    assert chapter["titel"] == "1. Voorkomen van uithuisplaatsing"
    section, unavailable = chapter["uitgangsvragen"]
    assert unavailable["tekst_beschikbaar"] is False and unavailable["aanbevelingen"] == []
    first, second = section["aanbevelingen"]
    assert first["id"] == "proef-1"
    assert first["tekst"]["platte_tekst"] == (
        "Zet in op versterking van informele steun. "
        "Dit kan door het sociale netwerk van het gezin in kaart te brengen en in te zetten."
    )
    assert first["korte_vorm"] == "Zet in op versterking van informele steun."
    assert first["webadres"] == ROOT + "proefrichtlijn/hoofdstuk/#proef-1"
    assert first["korte_link"] == ROOT + "r/proef-1/"
    assert first["gegevens"] == ROOT + "api/aanbevelingen/proef-1.json"
    assert first["checklists"] == [
        {"id": "proef-checklist", "titel": "Proefchecklist", "webadres": ROOT + "checklists/proef-checklist/"}
    ]
    assert first["plaats"] == {
        "richtlijn": "proef",
        "bouwsteen": "proef-hoofdstuk",
        "uitgangsvraag": "proef-sectie",
        "omschrijving": "Proefrichtlijn › 1. Voorkomen van uithuisplaatsing",
    }
    assert (second["laatst_nagekeken"], second["checklists"]) == ("2027-01-10", [])
    (checklist,) = publication["checklists"]
    assert checklist["werkkaart"] == ROOT + "downloads/checklists/proef-checklist.pdf"
    item = checklist["groepen"][0]["punten"][0]
    assert (item["id"], item["verplicht"], item["bronnen"]) == ("netwerk-in-kaart", True, ["proef-1"])
    # Each recommendation's own file holds it as publicatie.json does, with the same facts.
    for rec in (first, second):
        own = minimal_files[f"api/aanbevelingen/{rec['id']}.json"]
        assert own == {"formaat": FORMAT, "publicatie": publication["publicatie"], "aanbeveling": rec}


def test_a_release_gives_its_own_addresses_and_the_newest(minimal_settings: SiteSettings) -> None:
    settings = dataclasses.replace(minimal_settings, site_url=versioned_site_url("https://example.org/richtlijnen/", "2027.1"))
    corpus = read_corpus(MINIMAL / "content", MINIMAL / "checklists")
    files = parsed(render_data_files(publication_view(corpus, settings), downloads=False))
    facts = files[PUBLICATION_DATA_FILE]["publicatie"]
    assert facts["webadres"] == "https://example.org/richtlijnen/2027.1/"
    assert facts["nieuwste"] == "https://example.org/richtlijnen/latest/api/publicatie.json"
    assert files[RECOMMENDATION_DATA_SCHEMA]["$id"] == "https://example.org/richtlijnen/2027.1/api/aanbeveling.schema.json"
    rec = files["api/aanbevelingen/proef-2.json"]["aanbeveling"]
    assert rec["webadres"] == "https://example.org/richtlijnen/2027.1/proefrichtlijn/hoofdstuk/#proef-2"
    # Without PDFs (the preview), no addresses of PDFs.
    assert files[PUBLICATION_DATA_FILE]["richtlijnen"][0]["zakgids"] is None
    assert schema_errors(files) == {}


def test_the_bundled_publication_as_data(corpus: Corpus, settings: SiteSettings) -> None:
    """From the view model: every recommendation, with `ref:` links as absolute web addresses."""
    view = publication_view(corpus, settings)
    files = parsed(render_data_files(view))
    assert schema_errors(files) == {}
    publication = files[PUBLICATION_DATA_FILE]
    ids = [r["id"] for r in recommendations(publication)]
    assert ids == [r.id for g in view.guidelines for c in g.chapters for r in c.recommendations]
    assert {f"api/aanbevelingen/{i}.json" for i in ids} == {p for p in files if p.startswith(RECOMMENDATION_DATA_DIR + "/")}
    assert [t["id"] for t in publication["begrippen"]] == [t.id for t in view.glossary]
    found = texts(publication)
    assert len(found) > 100
    linked = [t["markdown"] for t in found if "](" in t["markdown"]]
    assert linked, "the bundled content links to other parts"
    for markdown in (t["markdown"] for t in found):
        assert "ref:" not in markdown
        assert all(target.startswith(("https://", "http://", "mailto:")) for target in re.findall(r"\]\(([^)]+)\)", markdown))
    for text in found:
        assert "](" not in text["platte_tekst"] and "*" not in text["platte_tekst"]


def test_the_built_site_publishes_the_data(built_site: Path) -> None:
    """Beside the pages, validated against the schemas beside them, in the whole publication's
    offline copy, and not pages: not in the sitemap and not indexed by the search."""
    api = built_site / "api"
    files = {p.relative_to(built_site).as_posix(): json.loads(p.read_text("utf-8")) for p in api.rglob("*.json")}
    documents = data_documents(files)
    assert len(documents) > 30
    assert schema_errors(files) == {}
    publication = files[PUBLICATION_DATA_FILE]
    assert publication["publicatie"]["datum"] == BUILD_DATE
    assert publication["publicatie"]["gegevens"] == ROOT + PUBLICATION_DATA_FILE
    assert len(recommendations(publication)) == len(documents) - 1
    offline = json.loads((built_site / "offline.json").read_text("utf-8"))
    whole = next(g for g in offline["groups"] if g["id"] == "publicatie")
    assert set(files) <= set(whole["pages"])
    assert "api/" not in (built_site / "sitemap.xml").read_text("utf-8")
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    pages = [p for p in built_site.rglob("index.html") if 'class="md-content__inner' in p.read_text("utf-8")]
    assert indexed == len(pages)
