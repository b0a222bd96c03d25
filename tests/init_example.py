"""The example publication that `richtlijnen init` copies, made from this repository's content.

Guideline text is never invented, so the example is a real guideline of this repository with its
checklist, its source page and the glossary terms it uses, copied as they are from content/,
checklists/ and sources/ into generator/init_example/ (package data, so an installed tool has it);
of begrippen.yaml only the blocks of those terms, and of checklists/_niet-in-checklist.yaml only
those of its recommendations (no file when it has none there). The guideline stands on its own: it names no
related guideline and links to no id outside it, and its checklist cites only its own
recommendations (render() stops when that changes). The example's mkdocs.yml is written by hand
and left alone.

tests/test_package.py fails when the packaged copy differs from what render() makes of the current
content; scripts/update_init_example.py brings the copy up to date.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "generator" / "init_example"
GUIDELINE = "residentiele-jeugdhulp"
CHECKLIST = "inventarisatie-hulp-na-vertrek"
CHECKLIST_GAPS = "checklists/_niet-in-checklist.yaml"
# The folders of the example made here; everything else in TARGET is written by hand.
FOLDERS = ("content", "checklists", "sources")

REF_LINK = re.compile(r"\[([^\]\n]+)\]\(ref:([^)\s]+)\)")
BLOCK_START = re.compile(r"^  - id: *(\S+) *$")  # a glossary term, a recommendation in no checklist


def render(repo: Path = REPO) -> dict[str, str]:
    """The example's files under FOLDERS, by path, as they should be now."""
    folder = repo / "content" / GUIDELINE
    guideline_files = {path.name: path.read_text("utf-8") for path in sorted(folder.glob("*.yaml"))}
    checklist_text = (repo / "checklists" / f"{CHECKLIST}.yaml").read_text("utf-8")
    parsed = [yaml.safe_load(text) for text in [*guideline_files.values(), checklist_text]]
    glossary_text = (repo / "content" / "begrippen.yaml").read_text("utf-8")
    terms = [term for term in yaml.safe_load(glossary_text)["terms"] if _used(term, parsed)]
    ids = {*_ids(parsed), *(str(term["id"]) for term in terms)}
    checklist = yaml.safe_load(checklist_text)
    outside = {rid for item in _items(checklist) for rid in item["cites"] if rid not in ids}
    outside |= {target for text in [*guideline_files.values(), checklist_text] for _, target in REF_LINK.findall(text)} - ids
    outside |= set(yaml.safe_load(guideline_files["richtlijn.yaml"]).get("related") or [])
    if outside:
        raise SystemExit(f"the example refers to ids outside {GUIDELINE}: {', '.join(sorted(outside))}")

    files: dict[str, str] = {f"content/{GUIDELINE}/{name}": text for name, text in guideline_files.items()}
    files[f"checklists/{CHECKLIST}.yaml"] = checklist_text
    files["content/begrippen.yaml"] = _blocks(glossary_text, "terms:", {str(term["id"]) for term in terms})
    if (repo / CHECKLIST_GAPS).is_file():
        gaps_text = (repo / CHECKLIST_GAPS).read_text("utf-8")
        gaps = {str(gap["id"]) for gap in yaml.safe_load(gaps_text)["recommendations"]} & ids
        if gaps:
            files[CHECKLIST_GAPS] = _blocks(gaps_text, "recommendations:", gaps)
    for name in yaml.safe_load(guideline_files["richtlijn.yaml"])["sources"]:
        files[f"sources/{name}"] = (repo / "sources" / name).read_text("utf-8")
    example = yaml.safe_load(files["content/begrippen.yaml"])["terms"]
    assert example == terms, "the glossary blocks do not match the glossary's terms"
    return files


def stored(target: Path = TARGET) -> dict[str, str]:
    return {
        path.relative_to(target).as_posix(): path.read_text("utf-8")
        for folder in FOLDERS
        for path in sorted((target / folder).rglob("*"))
        if path.is_file()
    }


def _ids(node: Any) -> set[str]:
    """Every id in the parsed files: guideline, chapters, sections, recommendations, checklist, items."""
    if isinstance(node, dict):
        own = {str(node["id"])} if "id" in node else set()
        return own.union(*(_ids(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_ids(value) for value in node))
    return set()


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return [node] if isinstance(node, str) else []


def _items(checklist: dict[str, Any]) -> list[dict[str, Any]]:
    return [*checklist.get("items", []), *(item for group in checklist.get("groups", []) for item in group["items"])]


def _used(term: dict[str, Any], parsed: list[Any]) -> bool:
    """The site's rule (generator/render/views.py): the term as a whole word, or a ref: to it."""
    word = re.compile(rf"(?<!\w){re.escape(str(term['term']))}(?!\w)")
    texts = [text for node in parsed for text in _strings(node)]
    return any(word.search(text) or f"(ref:{term['id']})" in text for text in texts)


def _blocks(text: str, key: str, keep: set[str]) -> str:
    """A file with only the kept blocks of the list under `key`, comments and layout as they are."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(key)) + 1
    out = lines[:start]
    keeping = False
    for line in lines[start:]:
        match = BLOCK_START.match(line)
        if match:
            keeping = match.group(1) in keep
        if keeping:
            out.append(line)
    return "".join(out)


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    return sorted(path for path in expected.keys() | actual.keys() if expected.get(path) != actual.get(path))


def write(files: dict[str, str], target: Path = TARGET) -> None:
    for path in stored(target).keys() - files.keys():
        (target / path).unlink()
    for path, text in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
