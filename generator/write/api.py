"""Files for other programs (under api/): JSON documents by their path in the docs tree, as the
bytes that go into it. One form for all of them: UTF-8, two-space indents, keys in the order
the renderer gave them, a newline at the end, so a rebuild gives the same bytes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def json_files(documents: Mapping[str, Any]) -> dict[str, bytes]:
    """Path -> JSON document, made into path -> the file's bytes."""
    return {
        path: (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8") for path, document in documents.items()
    }
