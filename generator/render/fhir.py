"""The checklists as FHIR R4 Questionnaires, for an electronic client file (ECD) to import:
`api/fhir/Questionnaire-<checklist id>.json` (the path from render/addresses.py).

Made from the view model (render/view.py), as plain JSON-ready dicts; generator/write/api.py turns
them into files. The form follows FHIR R4 (and R4B, which has the same Questionnaire); the tests
check every file with the R4B models of `fhir.resources`. What each element holds:

- `url`: a canonical URL that stays the same from one release to the next (SiteBase.canonical_root:
  a release's `latest/` alias, or a plain build's own site), `version`: the publication's release.
  A QuestionnaireResponse names its Questionnaire as `url|version` (assets/checklist-state.js).
- `status`: `active` for a release, `draft` for a build that was never released; `date`: the
  build's date (SOURCE_DATE_EPOCH's day, so a rebuild gives the same file).
- `publisher` and `copyright` only where mkdocs.yml gives them (site_author, copyright): nothing
  is made up.
- One `boolean` item per checklist item, `linkId` its id (unique within a checklist, checked by
  `richtlijnen check`), `required` where it is required; groups become `group` items.
- The recommendations an item comes from are its `code`s: `system` is the short links' folder
  (`<canonical root>r/`), `code` a recommendation's id, so that `system + code + "/"` is its short
  link, and `display` its short form, verbatim.
"""

from __future__ import annotations

from typing import Any

from generator.render.settings import DEFAULT_RELEASE, SiteSettings
from generator.render.view import ChecklistGroupView, ChecklistItemView, ChecklistView, PublicationView

LANGUAGE = "nl"

Json = dict[str, Any]


def questionnaires(view: PublicationView, settings: SiteSettings) -> dict[str, Json]:
    """Every checklist's Questionnaire, by its path in the docs tree."""
    return {c.questionnaire.page: questionnaire(c, view, settings) for c in view.checklists}


def questionnaire(checklist: ChecklistView, view: PublicationView, settings: SiteSettings) -> Json:
    resource: Json = {
        "resourceType": "Questionnaire",
        "id": checklist.id,
        "language": LANGUAGE,
        "url": checklist.questionnaire_url,
        "version": view.release,
        "name": computable_name(checklist.id),
        "title": checklist.title,
        "status": "draft" if view.release == DEFAULT_RELEASE else "active",
        "date": view.build_date.iso,
    }
    if settings.site_author:
        resource["publisher"] = settings.site_author
    resource["description"] = view.absolute_links(checklist.purpose)
    if settings.copyright:
        resource["copyright"] = settings.copyright
    system = view.base.short_link_system
    resource["item"] = [entry for group in checklist.groups for entry in _group(group, system)]
    return resource


def _group(group: ChecklistGroupView, system: str) -> list[Json]:
    """A `group` item, or the items alone for a checklist without groups."""
    if group.link_id is None:
        return [_item(item, system) for item in group.items]
    return [
        {
            "linkId": group.link_id,
            "text": group.title,
            "type": "group",
            "item": [_item(item, system) for item in group.items],
        }
    ]


def _item(item: ChecklistItemView, system: str) -> Json:
    resource: Json = {
        "linkId": item.id,
        "code": [{"system": system, "code": source.id, "display": source.short} for source in item.sources],
        "text": item.text,
        "type": "boolean",
    }
    if item.required:
        resource["required"] = True
    return resource


def computable_name(checklist_id: str) -> str:
    """FHIR's `name`, for programs: 'overdracht-na-crisishulp' -> 'OverdrachtNaCrisishulp'
    (a capital first, then letters, digits and underscores: the rule que-0 of FHIR)."""
    name = "".join(part[:1].upper() + part[1:] for part in checklist_id.split("-"))
    return name if name[:1].isalpha() else "Checklist" + name
