"""The stages before any writing: load -> validate -> model (`read_corpus`), and render
(`render_site`), which makes everything the website needs in memory.

Nothing here writes: generator/write/ does, and generator/build.py runs the whole build in order.
(Rendering the PDFs reads and fills the PDF cache through its own writer, generator/write/pdf_cache.py.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.load.discover import FileKind, checklist_gaps_file, discover, sources_folder
from generator.load.yaml_reader import read_yaml
from generator.model.checklist import Checklist, ChecklistGaps
from generator.model.content import Chapter, Glossary, Guideline, GuidelineOrder
from generator.model.corpus import Corpus
from generator.problems import ContentError, Problems
from generator.render.addresses import CHANGES_PAGE, Address
from generator.render.api import render_data_files
from generator.render.fhir import questionnaires
from generator.render.offline import OfflineGuideline, offline_guidelines
from generator.render.pdf.render import OnPdf, PdfRun, render_pdfs
from generator.render.settings import SiteSettings
from generator.render.site import DocsTree, render_docs_tree, render_mkdocs_config
from generator.render.view import publication_view
from generator.validate.corpus import FailedFile, ParsedFile, assemble
from generator.validate.files import parse_document
from generator.write.pdf_cache import PdfCache

MODEL_FOR_KIND: dict[FileKind, type[BaseModel]] = {
    FileKind.GUIDELINE: Guideline,
    FileKind.CHAPTER: Chapter,
    FileKind.GLOSSARY: Glossary,
    FileKind.CHECKLIST: Checklist,
    FileKind.CHECKLIST_GAPS: ChecklistGaps,
    FileKind.ORDER: GuidelineOrder,
}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading and rendering make hundreds of thousands of small objects (YAML nodes, model
    values, page views) that all live until the stage ends, and no reference cycles worth
    collecting. Python's cyclic collector still walked them over and over as they accumulated:
    at 100x content that was 45% of load + validate and 20% of rendering (bench/). Memory grew by
    about 5 MiB without it. Reference counting still frees everything as usual; the collector
    runs again as soon as the stage ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_corpus(content_dir: Path, checklists_dir: Path, *, earlier_release: bool = False) -> Corpus:
    """Load and validate both trees; raise ContentError with every problem found.

    The guideline text is checked against its sources, in the folder `sources/` beside `content/`,
    and every recommendation must be in a checklist or be listed, with the reason, in
    checklists/_niet-in-checklist.yaml; an earlier release's tag
    (`earlier_release`) may predate both rules, so it is read without them."""
    with collector_paused():
        return _read_corpus(content_dir, checklists_dir, earlier_release)


def _read_corpus(content_dir: Path, checklists_dir: Path, earlier_release: bool) -> Corpus:
    problems = Problems()
    parsed: list[ParsedFile] = []
    failed: list[FailedFile] = []
    for source in discover(content_dir, checklists_dir, problems):
        before = len(problems)
        document = read_yaml(source.path, problems)
        if earlier_release and document is not None and source.kind is FileKind.CHAPTER:
            _drop_retired_keys(document.data)
        model = parse_document(document, MODEL_FOR_KIND[source.kind], problems) if document is not None else None
        # A file the reader had to report on (a control character, a YAML 1.1 trap) is not sound
        # either, even when its data fit the model: the cross-file checks leave it out.
        if document is not None and model is not None and len(problems) == before:
            parsed.append(ParsedFile(source.kind, document, model))
        else:
            failed.append(FailedFile(source.kind, source.path))
    corpus = assemble(
        parsed,
        failed=failed,
        problems=problems,
        sources_dir=None if earlier_release else sources_folder(content_dir),
        decisions=not earlier_release,
        checklist_gaps=checklist_gaps_file(checklists_dir),
    )
    if problems or corpus is None:
        raise ContentError(problems)
    return corpus


# History: until December 2026 the editors' reason why a recommendation is in no checklist stood on the
# recommendation itself, under this key; it moved to checklists/_niet-in-checklist.yaml so that
# content/ holds only guideline text. The tags of earlier releases are read without it.
RETIRED_RECOMMENDATION_KEYS = ("not_in_checklist",)


def _drop_retired_keys(data: object) -> None:
    sections = data.get("sections") if isinstance(data, dict) else None
    for section in sections if isinstance(sections, list) else []:
        recommendations = section.get("recommendations") if isinstance(section, dict) else None
        for rec in recommendations if isinstance(recommendations, list) else []:
            if isinstance(rec, dict):
                for key in RETIRED_RECOMMENDATION_KEYS:
                    rec.pop(key, None)


GENERATED_CONFIG = "mkdocs.generated.yml"


@dataclass(frozen=True)
class SiteExtras:
    """What a release adds to the same site: its change page and feed, their place in the
    navigation, and the engine's settings for the version selector."""

    docs: DocsTree = field(default_factory=dict)
    nav: list[object] = field(default_factory=list)
    config: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedSite:
    docs: DocsTree
    config_text: str
    config_file: Path
    offline: list[OfflineGuideline]  # what each guideline's "offline bewaren" saves, as far as the model knows
    pdfs: PdfRun | None = None  # None in the preview, which makes no PDFs
    # JSON documents for other programs by their path in the docs tree (the publication as data, the
    # checklists as FHIR Questionnaires); generator/write/api.py makes them into files of the docs tree.
    api: dict[str, Any] = field(default_factory=dict)


def render_site(
    corpus: Corpus,
    settings: SiteSettings,
    *,
    extras: SiteExtras | None = None,
    pdfs: bool = True,
    pdf_cache: PdfCache | None = None,
    on_pdf: OnPdf | None = None,
) -> RenderedSite:
    """Everything the website needs, in memory; nothing is written yet.

    The PDFs (zakgids, werkkaarten) go into the docs tree, so MkDocs copies them into the site and
    checks the links to them; the preview (`pdfs=False`) skips them for speed. With a `pdf_cache`,
    unchanged PDFs come from there; the others are rendered in parallel.
    """
    extras = extras or SiteExtras()
    build_dir = settings.docs_dir.parent
    # The PDFs render in processes of their own (spawned, so the pause below does not reach them):
    # WeasyPrint's layout does make cycles, gigabytes of them for a large zakgids.
    run = render_pdfs(corpus, settings, cache=pdf_cache, on_pdf=on_pdf) if pdfs else None
    with collector_paused():
        changes = Address(CHANGES_PAGE) if CHANGES_PAGE in extras.docs else None
        docs = render_docs_tree(corpus, settings, downloads=pdfs, changes=changes)
        config_text = render_mkdocs_config(settings, corpus, build_dir, extras.nav, extras.config)
        offline = offline_guidelines(corpus)
        # Files for other programs (api/), from the same view model as the pages: the publication
        # as data, and the checklists as FHIR Questionnaires.
        view = publication_view(corpus, settings)
        api = {**render_data_files(view, downloads=pdfs), **questionnaires(view, settings)}
    return RenderedSite(
        docs={**docs, **{pdf.path: pdf.data for pdf in (run.pdfs if run else [])}, **extras.docs},
        config_text=config_text,
        config_file=build_dir / GENERATED_CONFIG,
        offline=offline,
        pdfs=run,
        api=api,
    )
