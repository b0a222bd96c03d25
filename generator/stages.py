"""The stages every command is made of: load -> validate -> model (-> render -> write, per output).

Nothing here writes files: all data is gathered and validated before any writer runs.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from generator.load.discover import FileKind, discover
from generator.load.yaml_reader import read_yaml
from generator.model.checklist import Checklist
from generator.model.content import Chapter, Glossary, Guideline
from generator.model.corpus import Corpus
from generator.problems import ContentError, Problems
from generator.validate.corpus import ParsedFile, assemble
from generator.validate.files import parse_document

MODEL_FOR_KIND: dict[FileKind, type[BaseModel]] = {
    FileKind.GUIDELINE: Guideline,
    FileKind.CHAPTER: Chapter,
    FileKind.GLOSSARY: Glossary,
    FileKind.CHECKLIST: Checklist,
}


def read_corpus(content_dir: Path, checklists_dir: Path) -> Corpus:
    """Load and validate both trees; raise ContentError with every problem found."""
    problems = Problems()
    parsed: list[ParsedFile] = []
    sources = discover(content_dir, checklists_dir, problems)
    for source in sources:
        document = read_yaml(source.path, problems)
        if document is None:
            continue
        model = parse_document(document, MODEL_FOR_KIND[source.kind], problems)
        if model is not None:
            parsed.append(ParsedFile(source.kind, document, model))
    corpus = assemble(parsed, complete=len(parsed) == len(sources), problems=problems)
    if problems or corpus is None:
        raise ContentError(problems)
    return corpus
