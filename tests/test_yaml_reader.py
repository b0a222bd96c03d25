"""The YAML reader: locations, and YAML 1.1 readings that would silently change meaning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.load.yaml_reader import read_yaml
from generator.problems import Problems
from tests.conftest import REPO


def read(tmp_path: Path, text: str | bytes) -> tuple[object, list[str]]:
    path = tmp_path / "f.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    problems = Problems()
    document = read_yaml(path, problems)
    messages = [f"{p.location.line}:{p.location.column} {p.message}" for p in problems.sorted()]
    return (document.data if document else None), messages


def test_locations_of_nested_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a:\n  - b: 1\n    c: tekst\n", encoding="utf-8")
    document = read_yaml(path, Problems())
    assert document is not None
    assert (document.location_of(("a", 0, "c")).line, document.location_of(("a", 0, "c")).column) == (3, 8)
    assert document.location_of(("a", 0, "c"), prefer_key=True).column == 5
    # An unknown path falls back to its nearest known parent.
    assert document.location_of(("a", 0, "missing")).line == 2


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y", "n"])
def test_yaml11_booleans_are_errors(tmp_path: Path, word: str) -> None:
    if word in {"y", "n"}:  # PyYAML's resolver does not treat single letters as booleans
        assert read(tmp_path, f"k: {word}\n") == ({"k": word}, [])
        return
    _data, messages = read(tmp_path, f"k: {word}\n")
    assert messages == [
        f"1:4 '{word}' wordt in YAML 1.1 gelezen als ja/nee-waarde; schrijf true of false, of zet tekst tussen aanhalingstekens (\"{word}\")"
    ]


def test_true_false_and_quoted_words_are_fine(tmp_path: Path) -> None:
    assert read(tmp_path, "a: true\nb: false\nc: \"no\"\nd: 'yes'\n") == ({"a": True, "b": False, "c": "no", "d": "yes"}, [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026.10", "'2026.10' wordt gelezen als kommagetal 2026.1"),
        ("1e3", None),  # PyYAML reads 1e3 as a string: harmless
        (".inf", "'.inf' wordt gelezen als kommagetal inf"),
        ("010", "'010' wordt gelezen als getal"),
        ("0x1A", "'0x1A' wordt gelezen als getal"),
        ("1_000", "'1_000' wordt gelezen als getal"),
        ("1:20", "'1:20' wordt gelezen als getal"),
        ("2026-11-22T10:00:00", "'2026-11-22T10:00:00' wordt gelezen als tijdstip"),
    ],
)
def test_numbers_and_times_that_change_meaning(tmp_path: Path, value: str, message: str | None) -> None:
    _data, messages = read(tmp_path, f"k: {value}\n")
    if message is None:
        assert messages == []
    else:
        assert len(messages) == 1
        assert messages[0].startswith(f"1:4 {message}")


def test_plain_integers_and_dates_are_read(tmp_path: Path) -> None:
    assert read(tmp_path, "n: 4\nd: 2026-11-22\nz: 0\n") == ({"n": 4, "d": dt.date(2026, 11, 22), "z": 0}, [])


def test_impossible_date(tmp_path: Path) -> None:
    assert read(tmp_path, "d: 2026-02-30\n")[1] == ["1:4 '2026-02-30' is geen bestaande datum"]


def test_keys_that_are_not_text(tmp_path: Path) -> None:
    assert read(tmp_path, "no: 1\n")[1] == ["1:1 sleutel 'no' wordt niet als tekst gelezen; zet hem tussen aanhalingstekens"]


def test_merge_keys_and_custom_tags_are_refused(tmp_path: Path) -> None:
    _, messages = read(tmp_path, "k:\n  <<: {x: 1}\nt: !python/name:os.system x\n")
    assert messages == [
        "2:3 alleen gewone tekst is toegestaan als sleutel",
        "3:4 YAML-tag '!python/name:os.system' wordt niet ondersteund",
    ]


def test_anchors_and_aliases_are_refused_before_anything_expands(tmp_path: Path) -> None:
    _, messages = read(tmp_path, "base: &b {x: 1}\nk:\n  <<: *b\n")
    assert messages == [
        "1:7 ankers en verwijzingen (&naam en *naam) zijn niet toegestaan; schrijf de waarde voluit (1 meer in dit bestand)",
    ]


def test_several_documents_in_one_file(tmp_path: Path) -> None:
    assert read(tmp_path, "a: 1\n---\nb: 2\n")[1] == [
        "2:1 ongeldige YAML: een bestand mag maar één YAML-document bevatten (verwijder '---')"
    ]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert read(tmp_path, "\ufeffa: b\n".encode()) == ({"a": "b"}, [])


def test_comment_only_file_is_empty(tmp_path: Path) -> None:
    assert read(tmp_path, "# yaml-language-server: $schema=x.json\n\n") == (None, ["1:1 bestand is leeg"])


def test_every_tab_indented_line_is_reported(tmp_path: Path) -> None:
    assert read(tmp_path, "a:\n\t- b\n  \t- c\n")[1] == [
        "2:1 inspringen met een tab; YAML staat alleen spaties toe",
        "3:3 inspringen met een tab; YAML staat alleen spaties toe",
    ]


def _outline(node: yaml.Node | None) -> object:
    """Everything the reader uses of a node: tag, plain or not, value, where it starts."""
    assert node is not None
    where = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, where, [(_outline(k), _outline(v)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, where, [_outline(item) for item in node.value])
    assert isinstance(node, yaml.ScalarNode)
    return (node.tag, where, bool(node.style), node.value)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml")
def test_libyaml_and_pure_python_parsers_agree_on_every_content_file() -> None:
    """The reader takes libyaml for speed; the locations and plain/quoted readings must not change."""
    files = sorted((REPO / "content").rglob("*.yaml")) + sorted((REPO / "checklists").rglob("*.yaml"))
    assert len(files) > 10
    trap = "no: 1\nyes: [on, off, '2026.10', 2026.10]\n'x': \"y\"\nb: |\n  t\n"
    for text in [f.read_text(encoding="utf-8") for f in files] + [trap]:
        assert _outline(yaml.compose(text, Loader=yaml.CSafeLoader)) == _outline(yaml.compose(text, Loader=yaml.SafeLoader))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: b\nc: d\x00e\n", "2:5 teken U+0000 is niet toegestaan in YAML; haal het weg"),
        (
            "a: [b, c\nd: e\n",
            "2:2 ongeldige YAML: een lijst tussen [ ] is niet goed afgesloten (ontbreekt een ']' of een komma?)",
        ),
        ("a: {b: c\n", "2:1 ongeldige YAML: een mapping tussen { } is niet goed afgesloten (ontbreekt een '}' of een komma?)"),
        ("a: 'b\n", "2:1 ongeldige YAML: bestand houdt onverwacht op (ontbreekt een afsluitend aanhalingsteken?)"),
    ],
)
def test_syntax_errors_are_dutch_with_their_place(tmp_path: Path, text: str, message: str) -> None:
    assert read(tmp_path, text)[1] == [message]
