"""Files for other programs (under api/): JSON documents by their path in the docs tree, as the
bytes that go into it. One form for all of them: UTF-8, indented, keys in the order the renderer
gave them, a newline at the end, so a rebuild gives the same bytes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel


def json_files(documents: Mapping[str, BaseModel | Mapping[str, Any]]) -> dict[str, bytes]:
    """Path -> the document as UTF-8 JSON, indented, with a final newline: a pydantic model as it
    gives its fields, a plain mapping (a schema, a FHIR resource) as it is. Indented, so a person can
    read a file and a change to one shows as lines (tests/golden/); for the bundled content that
    costs publicatie.json 6% more bytes once compressed, as web servers send it."""
    files = {}
    for path, document in documents.items():
        data = document.model_dump(mode="json") if isinstance(document, BaseModel) else document
        files[path] = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files
