"""The checklists as FHIR Questionnaires (generator/render/fhir.py, api/fhir/): every file of the
session's site read by the R4B models of fhir.resources, and held to the checklists it comes from.

fhir.resources checks the structure, the data types and the cardinalities, not the codes of a
required value set (it accepts `status: "bogus"`), so the few codes these files use are compared
here as well. The QuestionnaireResponse a checklist page makes is tested in Chromium
(tests/test_checklists.py) and with Node (tests/js/checklist-state.test.js)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire, QuestionnaireItem

from generator.model.corpus import Corpus
from generator.render.addresses import questionnaire_file, versioned_site_url
from generator.render.fhir import computable_name, questionnaire
from generator.render.settings import DEFAULT_RELEASE, SiteSettings
from generator.render.view import GROUP_LINK_ID, publication_view, short_form
from tests.conftest import BUILD_DATE

# Required value sets of R4's Questionnaire for the elements these files use.
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url"}
ITEM_TYPES |= {"choice", "open-choice", "attachment", "reference", "quantity"}


def read_questionnaire(path: Path) -> Questionnaire:
    return Questionnaire.model_validate(json.loads(path.read_text(encoding="utf-8")))


def walk(items: list[QuestionnaireItem] | None) -> list[QuestionnaireItem]:
    return [entry for item in items or [] for entry in (item, *walk(item.item))]


def test_every_checklist_is_a_valid_questionnaire_with_its_items(
    built_site: Path, corpus: Corpus, settings: SiteSettings
) -> None:
    files = sorted((built_site / "api" / "fhir").glob("*.json"))
    assert [f.relative_to(built_site).as_posix() for f in files] == sorted(questionnaire_file(c.id) for c in corpus.checklists)
    short_links = {p.parent.name for p in (built_site / "r").glob("*/index.html")}
    index = corpus.index()
    for checklist in corpus.checklists:
        resource = read_questionnaire(built_site / questionnaire_file(checklist.id))
        assert resource.id == checklist.id
        assert resource.url == f"{settings.site_url}{questionnaire_file(checklist.id)}"
        assert resource.version == DEFAULT_RELEASE and resource.status == "draft"  # the session's site is no release
        assert resource.status in PUBLICATION_STATUS
        assert resource.name == computable_name(checklist.id) and resource.name[0].isupper() and resource.name.isalnum()
        assert resource.title == checklist.title
        assert resource.description == checklist.purpose
        assert str(resource.date) == BUILD_DATE
        assert resource.publisher is None  # mkdocs.yml names no site_author: nothing is made up

        items = walk(resource.item)
        assert all(item.type in ITEM_TYPES for item in items)
        groups = [item for item in items if item.type == "group"]
        questions = [item for item in items if item.type != "group"]
        assert [(g.linkId, g.text) for g in groups] == [
            (GROUP_LINK_ID.format(number=n), group.title) for n, group in enumerate(checklist.groups, 1)
        ]
        if checklist.groups:
            assert [item.linkId for item in resource.item or []] == [g.linkId for g in groups]
        model_items = checklist.all_items()
        assert [(q.linkId, q.text, q.type, bool(q.required)) for q in questions] == [
            (i.id, i.text, "boolean", i.required) for i in model_items
        ]
        for question, item in zip(questions, model_items, strict=True):
            codes = question.code or []
            assert [c.code for c in codes] == item.cites
            for coding in codes:
                assert coding.system == f"{settings.site_url}r/"
                assert coding.code in short_links  # system + code + "/" is the short link
                rec = index[str(coding.code)].recommendation
                assert rec is not None and coding.display == short_form(rec)


def test_a_release_names_its_questionnaires_by_the_latest_alias_and_its_version(corpus: Corpus, settings: SiteSettings) -> None:
    root = "https://richtlijnen.example.org/jeugd/"
    released = dataclasses.replace(
        settings,
        release="2026.3",
        site_url=versioned_site_url(root, "2026.3"),
        site_author="Redactie Richtlijnen",
        copyright="© 2026",
    )
    view = publication_view(corpus, released)
    checklist = view.checklists[0]
    resource: dict[str, Any] = questionnaire(checklist, view, released)
    Questionnaire.model_validate(resource)
    assert resource["url"] == f"{root}latest/{questionnaire_file(checklist.id)}"
    assert resource["version"] == "2026.3" and resource["status"] == "active"
    assert resource["publisher"] == "Redactie Richtlijnen" and resource["copyright"] == "© 2026"
    codings = [c for item in walk(Questionnaire.model_validate(resource).item) for c in item.code or []]
    assert codings and {c.system for c in codings} == {f"{root}latest/r/"}


def test_a_link_in_the_purpose_becomes_an_absolute_address(corpus: Corpus, settings: SiteSettings) -> None:
    """No bundled checklist links in its purpose yet; another program cannot follow a relative link."""
    view = publication_view(corpus, settings)
    checklist = dataclasses.replace(view.checklists[0], purpose="Zie [deze aanbeveling](ref:uhp-voorkomen-3).")
    resource = questionnaire(checklist, view, settings)
    address = view.sitemap.resolve("uhp-voorkomen-3")
    assert resource["description"] == f"Zie [deze aanbeveling]({settings.site_url}{address.url})."
    assert "#uhp-voorkomen-3" in resource["description"]
