"""The build: the whole publication from the content, stage by stage, in one short script.

`build` and `release` both run `build()`, so both produce the same pages, PDFs and search index;
a release adds its change page, feed and version selector (`SiteExtras`). `serve` runs the first
stages only (generator/commands/serve.py), and `pdf` only the PDFs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.model.corpus import Corpus
from generator.render.pdf.render import OnPdf, PdfRun
from generator.render.settings import SiteSettings
from generator.stages import SiteExtras, read_corpus, render_site
from generator.write.csp import add_policies
from generator.write.files import Output, WriteReport, claimed
from generator.write.offline import write_offline_files
from generator.write.pdf_cache import PdfCache, pdf_cache_dir
from generator.write.search import index_search
from generator.write.site import new_site, run_engine, site_output
from generator.write.sources import docs_output, write_sources


@dataclass(frozen=True)
class Publication:
    corpus: Corpus
    pdfs: PdfRun
    sources: WriteReport


def build(
    content_dir: Path,
    checklists_dir: Path,
    settings: SiteSettings,
    site_dir: Path,
    *,
    inputs: Sequence[Path] | None = None,
    extras: Callable[[Corpus], SiteExtras] | None = None,
    on_corpus: Callable[[Corpus], None] | None = None,
    on_pdf: OnPdf | None = None,
) -> Publication:
    """Build the site into `site_dir`; a failure at any stage leaves the previous site as it was.

    `inputs`: what no output may be, hold or sit in (default: the two content folders; a release
    reads an export and protects the working tree's). `extras`: what a release adds, made from
    the corpus. `on_corpus` hears of the valid corpus before anything is written; `on_pdf` of
    each PDF as it is rendered.
    """
    # 1-3. Load, validate, model: every problem in the tree at once, before anything is written.
    corpus = read_corpus(content_dir, checklists_dir)
    if on_corpus is not None:
        on_corpus(corpus)
    added = extras(corpus) if extras is not None else SiteExtras()
    protected = publication_inputs(settings, (content_dir, checklists_dir) if inputs is None else inputs)
    # The outputs are checked, locked and marked (generator/write/files.py) before anything is written.
    with claimed(publication_outputs(settings, site_dir), protected):
        # 4. Render, in memory: the docs tree, the PDFs (unchanged ones from the cache), the
        #    engine's config, and what each "offline bewaren" saves as far as the model knows.
        pdf_cache = PdfCache(pdf_cache_dir(settings))
        rendered = render_site(corpus, settings, extras=added, pdf_cache=pdf_cache, on_pdf=on_pdf)
        assert rendered.pdfs is not None  # a publication always has its PDFs
        # 5. Write the generated sources; the cache keeps only this build's PDFs.
        sources = write_sources(rendered, settings)
        pdf_cache.prune()
        # 6-9. The site, in a scratch folder that replaces site_dir when every step has succeeded.
        with new_site(site_dir) as site:
            run_engine(settings.engine, rendered.config_file, site)  # 6. the engine, in a process of its own
            index_search(site)  # 7. Pagefind
            add_policies(site)  # 8. the Content-Security-Policy of every page
            write_offline_files(site, settings.release, rendered.offline)  # 9. last: it counts the final bytes
    return Publication(corpus=corpus, pdfs=rendered.pdfs, sources=sources)


def publication_outputs(settings: SiteSettings, site_dir: Path) -> list[Output]:
    """The folders a build writes into and deletes in: the docs tree and the site."""
    return [docs_output(settings), site_output(site_dir)]


def publication_inputs(settings: SiteSettings, sources: Sequence[Path] = ()) -> list[Path]:
    """What no output may be, hold or sit in: the given sources (content, checklists), the
    configuration and the theme overrides."""
    return [*sources, settings.config_file, *([settings.custom_dir] if settings.custom_dir else [])]
