"""Turn pydantic's validation errors into Dutch messages for editors, with the known keys at hand."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from generator.model.types import CODE_PATTERN, ID_PATTERN, SOURCE_NAME_PATTERN, WEB_ADDRESS_PATTERN

# pydantic's own error types carry English messages; ours (PydanticCustomError) are Dutch already.
PYDANTIC_ERROR_TYPES = frozenset(typing.get_args(ErrorType))


def describe(value: Any) -> str:
    """What an editor wrote, in words: 'tekst', 'een lijst', ..."""
    if isinstance(value, bool):
        return f"de ja/nee-waarde {str(value).lower()}"
    if isinstance(value, int):
        return f"het getal {value}"
    if isinstance(value, str):
        return f"de tekst '{value[:40]}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een mapping (sleutel: waarde)"
    if isinstance(value, dt.date):
        return f"de datum {value.isoformat()}"
    if value is None:
        return "een lege waarde"
    return type(value).__name__


# Rules whose message needs only the value found ({found}) and the rule's own figures (pydantic's
# ctx: {max_length}, {gt}, {ge}, {le}).
SIMPLE_MESSAGES = {
    "string_type": "verwacht tekst, maar vond {found}; zet tekst zo nodig tussen aanhalingstekens",
    "int_type": "verwacht een geheel getal, maar vond {found}",
    "bool_type": "verwacht true of false, maar vond {found}",
    "list_type": "verwacht een lijst (regels die met '- ' beginnen), maar vond {found}",
    "model_type": "verwacht een mapping (sleutel: waarde), maar vond {found}",
    "dict_type": "verwacht een mapping (sleutel: waarde), maar vond {found}",
    "model_attributes_type": "verwacht een mapping (sleutel: waarde), maar vond {found}",
    "date_type": "verwacht een datum als JJJJ-MM-DD, maar vond {found}",
    "string_too_short": "mag niet leeg zijn",
    "too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang (hooguit {max_length} tekens)",
    "too_long": "is te lang (hooguit {max_length})",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hooguit {le} zijn",
}
# A value that does not have its field's form, by the field's pattern ({value}: what was found).
PATTERN_MESSAGES = {
    ID_PATTERN: "ongeldige id '{value}': gebruik kleine letters, cijfers en streepjes (bijv. uhp-voorkomen-1)",
    SOURCE_NAME_PATTERN: "ongeldig bronbestand '{value}': geef een pad binnen sources/, zonder '..' en zonder '/' vooraan",
    WEB_ADDRESS_PATTERN: "ongeldig webadres '{value}': gebruik een volledig adres dat met https:// begint, "
    "zonder spaties, aanhalingstekens of haakjes",
    CODE_PATTERN: "ongeldige code '{value}': gebruik 2 tot 6 hoofdletters (bijv. UHP)",
}


def dutch_message(error: ErrorDetails, root_model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        return _unknown_key_message(str(loc[-1]), _known_keys(root_model, loc[:-1]))
    if kind in SIMPLE_MESSAGES:
        return SIMPLE_MESSAGES[kind].format(found=describe(value), **ctx)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN and loc and loc[-1] == "slug":
            return f"ongeldige slug '{value}': gebruik kleine letters, cijfers en streepjes (bijv. samen-beslissen-over-hulp)"
        return PATTERN_MESSAGES.get(str(ctx.get("pattern")), "'{value}' kan hier niet").format(value=value)
    if kind == "literal_error":
        return _choice_message(value, typing.get_args(_unwrap(_annotation_at(root_model, loc))), _help_at(root_model, loc))
    if kind in PYDANTIC_ERROR_TYPES:
        # A rule of the model this function does not word yet: still Dutch, never pydantic's English.
        return f"{describe(value)} kan hier niet"
    return str(error["msg"])


def _choice_message(value: Any, choices: tuple[Any, ...], help_text: str | None) -> str:
    """The values are English words in Dutch files: the field's description says what each means."""
    allowed = [str(c) for c in choices]
    shown = f"'{value}'" if isinstance(value, str) else describe(value)
    message = f"{shown} kan hier niet"
    close = difflib.get_close_matches(str(value), allowed, n=1) if isinstance(value, str) else []
    if close:
        message += f" (bedoel je '{close[0]}'?)"
    if allowed:
        message += f"; kies uit: {' of '.join(allowed)}"
    if help_text:
        message += f" ({help_text.rstrip('.')})"
    return message


def _unknown_key_message(key: str, known: list[str]) -> str:
    message = f"onbekende sleutel '{key}'"
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        message += f" (bedoel je '{close[0]}'?)"
    if known:
        message += f"; toegestaan: {', '.join(known)}"
    return message


def _known_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Which keys the mapping at `loc` accepts."""
    current = _unwrap(_annotation_at(model, loc))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _annotation_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> Any:
    """Walk the model's field types along `loc`: the type of the value there (None if unknown)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue  # an index into a list: _unwrap already stepped into the item type
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = current.model_fields[part].annotation
    return current


def _help_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """The description of the field at `loc`, as editors read it in the JSON Schema."""
    index = max((i for i, part in enumerate(loc) if isinstance(part, str)), default=None)
    if index is None:
        return None
    parent = _unwrap(_annotation_at(model, loc[:index]))
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)) or loc[index] not in parent.model_fields:
        return None
    return parent.model_fields[str(loc[index])].description


def _unwrap(annotation: Any) -> Any:
    """`list[X] | None` -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation
