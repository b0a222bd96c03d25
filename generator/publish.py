"""Build the whole publication from a validated corpus: render, write the sources, build the site.

Shared by `build` (one unversioned site) and `release` (a versioned site that mike deploys), so
both produce the same pages, PDFs and search index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.model.corpus import Corpus
from generator.render.pdf.render import OnPdf, PdfRun
from generator.render.settings import SiteSettings
from generator.stages import docs_output, render_site, write_site_sources
from generator.write.csp import csp_step
from generator.write.files import Output, WriteReport, claimed
from generator.write.offline import offline_files_step
from generator.write.search import search_index_step
from generator.write.site import build_site, site_output


@dataclass(frozen=True)
class Publication:
    pdfs: PdfRun
    sources: WriteReport


def publication_outputs(settings: SiteSettings, site_dir: Path) -> list[Output]:
    """The folders a publication writes into and deletes in: the docs tree and the site."""
    return [docs_output(settings), site_output(site_dir)]


def publication_inputs(settings: SiteSettings, sources: Sequence[Path] = ()) -> list[Path]:
    """What no output may be, hold or sit in: the given sources (content, checklists), the
    configuration and the theme overrides."""
    return [*sources, settings.config_file, *([settings.custom_dir] if settings.custom_dir else [])]


def publish(
    corpus: Corpus,
    settings: SiteSettings,
    site_dir: Path,
    *,
    sources: Sequence[Path] = (),
    extra_docs: dict[str, str | bytes] | None = None,
    extra_nav: list[object] | None = None,
    extra_config: dict[str, object] | None = None,
    on_pdf: OnPdf | None = None,
) -> Publication:
    """Claim the outputs (generator/write/files.py: checked, locked, marked) before anything is
    written; a caller that must refuse earlier claims them itself first, with the same call."""
    with claimed(publication_outputs(settings, site_dir), publication_inputs(settings, sources)):
        rendered = render_site(
            corpus, settings, extra_docs=extra_docs, extra_nav=extra_nav, extra_config=extra_config, on_pdf=on_pdf
        )
        assert rendered.pdfs is not None  # a publication always has its PDFs
        report = write_site_sources(rendered, settings)
        # The policy step before the offline one: offline.json records the pages' final sizes.
        build_site(rendered.config_file, site_dir, extra_steps=[search_index_step(), csp_step(), offline_files_step()])
    return Publication(pdfs=rendered.pdfs, sources=report)
