"""Validate one read YAML document against its model class, with Dutch messages at file:line:column."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.load.yaml_reader import SourceDocument
from generator.problems import Problems
from generator.validate.messages import dutch_message

ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_document(document: SourceDocument, model: type[ModelT], problems: Problems) -> ModelT | None:
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            if loc in document.reported:
                continue
            if error["type"] == "extra_forbidden":
                where = document.location_of(loc, prefer_key=True)
            elif error["type"] == "missing":
                # A missing key has no place of its own: point at the mapping that lacks it.
                where = document.location_of(loc[:-1])
            elif "needle" in (error.get("ctx") or {}):
                where = document.location_of_text(loc, str(error["ctx"]["needle"]))
            else:
                where = document.location_of(loc)
            problems.add(where, loc, dutch_message(error, model))
        return None
