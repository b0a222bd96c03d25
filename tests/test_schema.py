"""The committed JSON Schemas match the model, and every YAML file points its editor at the right one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.load.discover import FileKind, discover
from generator.load.yaml_reader import read_yaml
from generator.problems import Problems
from generator.schema import render_schemas
from tests.conftest import MINIMAL, REPO

SCHEMAS = REPO / "schemas"


def _sources(root: Path) -> list[tuple[FileKind, Path]]:
    return [(s.kind, s.path) for s in discover(root / "content", root / "checklists", Problems())]


ALL_SOURCES = _sources(REPO) + _sources(MINIMAL)


def test_committed_schemas_match_the_model() -> None:
    rendered = render_schemas()
    assert sorted(rendered) == sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    for name, text in rendered.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"{name} is verouderd: draai 'richtlijnen schema'"


def test_schema_check_option_detects_a_stale_schema(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    runner = CliRunner()
    assert runner.invoke(main, ["schema", "--out", str(out)]).exit_code == 0
    assert runner.invoke(main, ["schema", "--out", str(out), "--check"]).stdout == "Schema's zijn actueel.\n"
    (out / "bouwsteen.schema.json").write_text("{}\n", encoding="utf-8")
    result = runner.invoke(main, ["schema", "--out", str(out), "--check"])
    assert result.exit_code == 1
    assert result.stderr.endswith("bouwsteen.schema.json: verouderd; draai 'richtlijnen schema'\n")


@pytest.mark.parametrize(("kind", "path"), ALL_SOURCES, ids=lambda v: str(v).rsplit("/", 2)[-1] if isinstance(v, Path) else "")
def test_yaml_file_starts_with_schema_line_for_its_kind(kind: FileKind, path: Path) -> None:
    document = read_yaml(path, Problems())
    assert document is not None
    assert document.schema_comment is not None, f"{path}: eerste regel mist '# yaml-language-server: $schema=…'"
    target = (path.parent / document.schema_comment).resolve()
    assert target == (SCHEMAS / kind.schema_file).resolve()


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize(("kind", "path"), ALL_SOURCES, ids=lambda v: str(v).rsplit("/", 2)[-1] if isinstance(v, Path) else "")
def test_yaml_file_is_valid_against_exported_schema(kind: FileKind, path: Path) -> None:
    # What the editor's language server checks must agree with `richtlijnen check`.
    schema = json.loads((SCHEMAS / kind.schema_file).read_text(encoding="utf-8"))
    document = read_yaml(path, Problems())
    assert document is not None
    jsonschema.validate(_as_json(document.data), schema)


def test_schema_rejects_an_unknown_key_as_the_checker_does() -> None:
    schema = json.loads((SCHEMAS / "richtlijn.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="'titel' was unexpected"):
        jsonschema.validate({"id": "x", "slug": "x", "code": "XX", "title": "X", "chapters": ["y"], "titel": "X"}, schema)
