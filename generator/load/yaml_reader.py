"""Read one YAML file into plain data plus the line and column of every key and value.

PyYAML's `safe_load` forgets where values came from, silently keeps the last of two
duplicate keys and turns `no` into False and `2026.10` into 2026.1 (YAML 1.1). We compose
the node graph ourselves and construct values from it, so each of those becomes a problem
with a location instead of a silent change of meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import KeyPath, Location, Problems, os_reason

# YAML 1.2 (and JSON) know only these two; YAML 1.1 also reads yes/no/on/off/y/n as booleans.
YAML12_BOOLEANS = {"true": True, "false": False}
PLAIN_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Bounds, so that no file can make `check` slow or run it out of memory or stack. The largest
# bundled file is under 10 KB and nests 8 levels deep; chapter numbers have one or two digits.
MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 9
# C0 and C1 control characters other than tab and newline, and the bidirectional overrides that
# can make text read differently from what it says. None of them belongs in guideline text, and
# echoed to a terminal they could rewrite what the editor sees.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# PyYAML's English problem texts, for the errors an editor is likely to make.
SYNTAX_MESSAGES = {
    "mapping values are not allowed here": "hier mag geen 'sleutel: waarde' staan (vergeten aanhalingstekens rond tekst met een dubbele punt?)",
    "could not find expected ':'": "verwachtte een ':' na de sleutel",
    "did not find expected key": "verwachtte hier een sleutel (klopt de inspringing?)",
    "did not find expected '-' indicator": "verwachtte een lijstregel die met '- ' begint (klopt de inspringing?)",
    "found unexpected end of stream": "bestand houdt onverwacht op (ontbreekt een afsluitend aanhalingsteken?)",
    "found undefined alias": "onbekende verwijzing (alias)",
    "expected a single document in the stream": "een bestand mag maar één YAML-document bevatten (verwijder '---')",
    "found character that cannot start any token": "dit teken kan hier niet beginnen (zet de tekst tussen aanhalingstekens)",
    "found unknown escape character": "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens",
    "expected <block end>, but found '<block sequence start>'": "lijstregel op de verkeerde inspringing",
    "expected <block end>, but found '<block mapping start>'": "sleutel op de verkeerde inspringing",
    "expected <block end>, but found '<scalar>'": "tekst op de verkeerde inspringing",
    "found duplicate anchor": "dubbele anker-naam",
    "expected ',' or ']'": "een lijst tussen [ ] is niet goed afgesloten (ontbreekt een ']' of een komma?)",
    "expected ',' or '}'": "een mapping tussen { } is niet goed afgesloten (ontbreekt een '}' of een komma?)",
    "expected the node content": "hier ontbreekt een waarde",
    "while scanning a simple key": "een sleutel zonder ':' erachter",
    "while scanning a quoted scalar": "tekst tussen aanhalingstekens is niet afgesloten",
    "while scanning an anchor": "ongeldige anker-naam na '&'",
    "while scanning an alias": "ongeldige verwijzing na '*'",
    "while scanning a tag": "ongeldige tag na '!'",
    "while scanning a block scalar": "ongeldig blok na '|' of '>'",
    "while scanning for the next token": "dit teken kan hier niet staan (zet de tekst tussen aanhalingstekens)",
}
# Whatever PyYAML says that the list above does not know: still Dutch, with the place.
SYNTAX_FALLBACK = "de opbouw klopt hier niet (controleer inspringing, aanhalingstekens en haakjes)"


@dataclass
class SourceDocument:
    """A YAML file as plain Python data, with where each key and value stands."""

    path: Path
    data: Any
    # The parser's own marks (0-based), made into Locations only when a problem is reported:
    # one per YAML node, and at scale creating them all was a tenth of the load time.
    value_marks: dict[KeyPath, yaml.Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, yaml.Mark] = field(default_factory=dict)
    schema_comment: str | None = None  # the `$schema=` target in the first line, if any
    # Key paths the reader already reported (a YAML 1.1 trap, say): the model need not repeat them.
    reported: set[KeyPath] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)

    def location_of(self, key_path: KeyPath, *, prefer_key: bool = False) -> Location:
        """The closest known location: the value itself, else its key, else the nearest parent."""
        probe = tuple(key_path)
        while True:
            if prefer_key and probe in self.key_marks:
                return self._location(self.key_marks[probe])
            if probe in self.value_marks:
                return self._location(self.value_marks[probe])
            if probe in self.key_marks:
                return self._location(self.key_marks[probe])
            if not probe:
                return Location(self.path, 1, 1)
            probe = probe[:-1]

    def _location(self, mark: yaml.Mark) -> Location:
        return Location(self.path, mark.line + 1, mark.column + 1)

    def location_of_text(self, key_path: KeyPath, needle: str) -> Location:
        """Where `needle` stands inside the value at `key_path`: block scalars span many lines,
        and the editor wants the line with the offending link or tag, not the `>-`."""
        start = self.location_of(key_path)
        for number in range(start.line, len(self.lines) + 1):
            line = self.lines[number - 1]
            offset = line.find(needle, start.column - 1 if number == start.line else 0)
            if offset >= 0:
                return Location(self.path, number, offset + 1)
        return start


def read_yaml(path: Path, problems: Problems) -> SourceDocument | None:
    """Parse `path`; on failure add problems and return None."""
    try:
        # Never more than the limit allows, even from a file that grows while it is read.
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.add(Location(path, 1, 1), (), f"bestand kan niet worden gelezen ({os_reason(exc)})")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(
            Location(path, 1, 1),
            (),
            f"bestand is te groot (meer dan {MAX_FILE_BYTES // 1024} KB); verdeel de inhoud over meer bestanden",
        )
        return None
    text = _decode(path, raw, problems)
    if text is None:
        return None
    if not _has_content(text):
        problems.add(Location(path, 1, 1), (), "bestand is leeg")
        return None
    if _find_tab_indentation(path, text, problems):
        return None
    try:
        if not _within_bounds(path, text, problems):
            return None
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.add(Location(path, line, column), (), f"ongeldige YAML: {dutch_syntax_message(exc)}")
        return None
    except yaml.reader.ReaderError as exc:
        where, message = reader_error_problem(path, text, exc)
        problems.add(where, (), message)
        return None
    except yaml.YAMLError:  # errors without a mark (rare): still one line, never a traceback
        problems.add(Location(path, 1, 1), (), f"ongeldige YAML: {SYNTAX_FALLBACK}")
        return None
    if node is None:
        problems.add(Location(path, 1, 1), (), "bestand is leeg")
        return None
    document = SourceDocument(path=path, data=None, schema_comment=_schema_comment(text), lines=text.splitlines())
    document.data = _construct(node, (), document, problems)
    return document


# Signs that a text may hold an anchor or alias (`&naam`, `*naam` where a value starts), a flow
# collection, a compact nested sequence (`- - x`) or a complex key: what can nest without indenting.
_NESTING_OR_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s*&]|- +-(?:\s|$)|^\s*\? ", re.MULTILINE)
_INDENT = re.compile(r"^ +", re.MULTILINE)


def _may_break_bounds(text: str) -> bool:
    """False only where nothing can be out of bounds, so the event pass below can be skipped: it
    cost as much as composing (0.45 s at 100x content, bench/). Without the constructs above,
    every level of block nesting takes at least one more space of indentation, bar a sequence at
    its key's indentation, so depth is at most the deepest indentation plus two, plus one level
    per flow bracket."""
    if _NESTING_OR_ANCHOR.search(text):
        return True
    deepest = max((len(indent) for indent in _INDENT.findall(text)), default=0)
    return deepest + 2 + text.count("[") + text.count("{") > MAX_DEPTH


def _within_bounds(path: Path, text: str, problems: Problems) -> bool:
    """Anchors, aliases and nesting are checked on the parser's events, before any node is made:
    a few KB of aliases can expand to gigabytes, and deep nesting overflows libyaml's stack
    (a segmentation fault, not an exception)."""
    if not _may_break_bounds(text):
        return True
    depth = 0
    first: yaml.Event | None = None
    count = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                first, count = first or event, count + 1
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.add(_event_location(path, event), (), f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # a syntax error: composing reports it, in the words SYNTAX_MESSAGES knows
    if first is not None:
        more = f" ({count - 1} meer in dit bestand)" if count > 1 else ""
        problems.add(
            _event_location(path, first),
            (),
            f"ankers en verwijzingen (&naam en *naam) zijn niet toegestaan; schrijf de waarde voluit{more}",
        )
        return False
    return True


def _event_location(path: Path, event: yaml.Event) -> Location:
    mark = event.start_mark
    return Location(path, mark.line + 1, mark.column + 1) if mark is not None else Location(path, 1, 1)


def _compose(text: str) -> yaml.Node | None:
    """The node graph, from libyaml where PyYAML has it: the pure-Python parser took most of a
    build's loading time at 100x content (bench/). Its marks (line, column) are the same. On an
    error, the pure-Python parser runs again, so the message and its location are the ones
    SYNTAX_MESSAGES knows, whichever parser is installed."""
    fast_loader = getattr(yaml, "CSafeLoader", None)
    if fast_loader is not None:
        try:
            return yaml.compose(text, Loader=fast_loader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _decode(path: Path, raw: bytes, problems: Problems) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(
            Location(path, line, column),
            (),
            f"bestand is geen geldige UTF-8 (byte 0x{raw[exc.start]:02x}); sla het op als UTF-8",
        )
        return None
    return text.removeprefix("\ufeff")


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _find_tab_indentation(path: Path, text: str, problems: Problems) -> bool:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(
                Location(path, number, indent.index("\t") + 1),
                (),
                "inspringen met een tab; YAML staat alleen spaties toe",
            )
            found = True
    return found


def _schema_comment(text: str) -> str | None:
    first = text.splitlines()[0] if text else ""
    match = re.match(r"#\s*yaml-language-server:\s*\$schema=(\S+)", first)
    return match.group(1) if match else None


def dutch_syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    for english, dutch in SYNTAX_MESSAGES.items():
        if problem.startswith(english) or english in str(exc.context or "") + " " + problem:
            return dutch
    return SYNTAX_FALLBACK


def reader_error_problem(path: Path, text: str, exc: yaml.reader.ReaderError) -> tuple[Location, str]:
    """PyYAML's reader refuses some characters before any parsing, with a character offset."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Location(path, line, column), f"teken U+{ord(character):04X} is niet toegestaan in YAML; haal het weg"


class _Recording:
    """Adds a problem and remembers its key path on the document."""

    def __init__(self, problems: Problems, document: SourceDocument) -> None:
        self.problems = problems
        self.document = document

    def add(self, location: Location, key_path: KeyPath, message: str) -> None:
        self.problems.add(location, key_path, message)
        self.document.reported.add(key_path)


def _mark(path: Path, node: yaml.Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(node: yaml.Node, key_path: KeyPath, document: SourceDocument, problems: Problems) -> Any:
    document.value_marks[key_path] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(node, key_path, document, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*key_path, index), document, problems) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _construct_scalar(node, key_path, document, problems)


def _construct_mapping(node: yaml.MappingNode, key_path: KeyPath, document: SourceDocument, problems: Problems) -> Any:
    result: dict[str, Any] = {}
    first_seen: dict[str, yaml.Mark] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            problems.add(_mark(document.path, key_node), key_path, "alleen gewone tekst is toegestaan als sleutel")
            continue
        key = key_node.value
        here = (*key_path, key)
        if key_node.tag != "tag:yaml.org,2002:str" and not key_node.style:  # plain: None from PyYAML, "" from libyaml
            # `no:` or `2026.10:` as a key would become False or a float
            problems.add(
                _mark(document.path, key_node),
                here,
                f"sleutel '{key}' wordt niet als tekst gelezen; zet hem tussen aanhalingstekens",
            )
            continue
        if key in first_seen:
            problems.add(
                _mark(document.path, key_node),
                here,
                f"dubbele sleutel '{key}' (staat ook op regel {first_seen[key].line + 1}); YAML houdt alleen de laatste",
            )
            continue
        # Marks, not Locations: a Location is made only for a key that has a problem.
        first_seen[key] = document.key_marks[here] = key_node.start_mark
        result[key] = _construct(value_node, here, document, problems)
    return result


def _construct_scalar(node: yaml.ScalarNode, key_path: KeyPath, document: SourceDocument, all_problems: Problems) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":  # nearly every scalar: return before making anything
        control = CONTROL_CHARACTERS.search(value)
        if control is None:
            return value
        _Recording(all_problems, document).add(
            _mark(document.path, node),
            key_path,
            f"onzichtbaar stuurteken U+{ord(control.group(0)):04X} in de tekst; haal het weg",
        )
        return value
    where = _mark(document.path, node)
    problems = _Recording(all_problems, document)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        if value in YAML12_BOOLEANS:
            return YAML12_BOOLEANS[value]
        problems.add(
            where,
            key_path,
            f"'{value}' wordt in YAML 1.1 gelezen als ja/nee-waarde; "
            f'schrijf true of false, of zet tekst tussen aanhalingstekens ("{value}")',
        )
        return value
    if tag == "tag:yaml.org,2002:int":
        if len(value.lstrip("+-")) > MAX_NUMBER_DIGITS:
            problems.add(where, key_path, f"getal is te lang (meer dan {MAX_NUMBER_DIGITS} cijfers)")
            return value
        if PLAIN_INTEGER.match(value):
            return int(value)
        problems.add(where, key_path, f"'{value}' wordt gelezen als getal; zet de waarde tussen aanhalingstekens (\"{value}\")")
        return value
    if tag == "tag:yaml.org,2002:float" and len(value) > MAX_NUMBER_DIGITS * 2:
        problems.add(where, key_path, f"getal is te lang (meer dan {MAX_NUMBER_DIGITS} cijfers)")
        return value
    if tag == "tag:yaml.org,2002:float":
        as_number = repr(yaml.safe_load(value))  # what a YAML 1.1 reader makes of it: 2026.1, inf
        problems.add(
            where,
            key_path,
            f"'{value}' wordt gelezen als kommagetal {as_number}; zet de waarde tussen aanhalingstekens (\"{value}\")",
        )
        return value
    if tag == "tag:yaml.org,2002:timestamp" and DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            problems.add(where, key_path, f"'{value}' is geen bestaande datum")
            return value
    if tag == "tag:yaml.org,2002:timestamp":
        problems.add(
            where, key_path, f"'{value}' wordt gelezen als tijdstip; zet de waarde tussen aanhalingstekens (\"{value}\")"
        )
        return value
    problems.add(where, key_path, f"YAML-tag '{tag}' wordt niet ondersteund")
    return value
