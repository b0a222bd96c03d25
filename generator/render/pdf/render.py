"""Render the zakgids and the werkkaarten to PDF bytes with Jinja2 and WeasyPrint.

Nothing is fetched from the network: the only resources are the stylesheets next to the templates,
the font files of a Debian package, and data: URIs (the QR codes).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.model.corpus import Corpus
from generator.problems import BuildError
from generator.render.addresses import ZAKGIDS_FILE, checklist_sheet_file
from generator.render.pdf.views import PdfViewBuilder
from generator.render.settings import SiteSettings
from generator.render.site import SITE_TEMPLATES

PRINT_TEMPLATES = SITE_TEMPLATES / "zakgids"

# Noto Sans (SIL Open Font License) from Debian's fonts-noto-core, which scripts/lib.sh installs.
# Loaded by path rather than by name, so a missing font is an error instead of a silent fallback.
FONT_PACKAGE = "fonts-noto-core"
FONT_DIR = Path("/usr/share/fonts/truetype/noto")
FONT_FAMILY = "Noto Sans"
FONT_FILES = {
    ("normal", "normal"): "NotoSans-Regular.ttf",
    ("bold", "normal"): "NotoSans-Bold.ttf",
    ("normal", "italic"): "NotoSans-Italic.ttf",
    ("bold", "italic"): "NotoSans-BoldItalic.ttf",
}
PANGO_PACKAGES = "libpango-1.0-0 en libpangoft2-1.0-0"


@dataclass(frozen=True)
class RenderedPdf:
    path: str  # inside the docs tree, e.g. downloads/zakgids.pdf
    label: str  # Dutch, for progress lines
    data: bytes
    pages: int
    seconds: float
    warnings: list[str] = field(default_factory=list)  # WeasyPrint's complaints about the HTML or CSS


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def template_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PRINT_TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def font_faces() -> str:
    """@font-face rules for the embedded font; a Dutch error when the font package is missing."""
    missing = [name for name in FONT_FILES.values() if not (FONT_DIR / name).is_file()]
    if missing:
        raise BuildError(
            f"lettertype ontbreekt: {FONT_DIR / missing[0]}. Installeer het Debian-pakket {FONT_PACKAGE} "
            "(./scripts/install.sh doet dat) en probeer het opnieuw."
        )
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for (weight, style), name in FONT_FILES.items()
    )


class PdfRenderer:
    """One WeasyPrint setup (fonts, fetcher) shared by every document of a build."""

    def __init__(self) -> None:
        try:
            # Imported here: WeasyPrint loads Pango through cffi at import time, and only the
            # commands that make PDFs need it.
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
        except OSError as exc:
            raise BuildError(
                f"WeasyPrint kan Pango niet laden ({exc}). Installeer de Debian-pakketten {PANGO_PACKAGES} "
                "(./scripts/install.sh doet dat)."
            ) from exc
        self.weasyprint: Any = weasyprint
        self.font_config: Any = FontConfiguration()
        # file: and data: only: a stray https:// resource fails the build instead of being fetched.
        self.fetcher: Any = weasyprint.URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self.fonts: Any = self._css(string=font_faces())
        self.env = template_environment()

    def _css(self, **source: str) -> Any:
        return self.weasyprint.CSS(**source, font_config=self.font_config, url_fetcher=self.fetcher)

    def render(self, template: str, stylesheet: str, view: object) -> tuple[bytes, int, list[str]]:
        html = self.env.get_template(template).render(doc=view)
        collect = _Collect()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collect)
        try:
            document = self.weasyprint.HTML(
                string=html, base_url=PRINT_TEMPLATES.as_uri() + "/", url_fetcher=self.fetcher
            ).render(
                stylesheets=[self.fonts, self._css(filename=str(PRINT_TEMPLATES / stylesheet))],
                font_config=self.font_config,
                pdf_variant="pdf/ua-1",
            )
            data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)
        except self.weasyprint.urls.FatalURLFetchingError as exc:
            # WeasyPrint raises this as a BaseException; the CLI turns BuildError into a Dutch message.
            raise BuildError(f"PDF maken mislukt: {exc} ({exc.__cause__})") from exc
        finally:
            logger.removeHandler(collect)
        return bytes(data), len(document.pages), collect.messages


def render_pdfs(corpus: Corpus, settings: SiteSettings) -> Iterator[RenderedPdf]:
    """The zakgids, then one werkkaart per checklist; one at a time, so a caller can show progress."""
    renderer = PdfRenderer()
    views = PdfViewBuilder(corpus, settings)
    jobs: list[tuple[str, str, str, str, object]] = [
        (ZAKGIDS_FILE, "Zakgids (A6)", "zakgids.html.j2", "zakgids.css", views.zakgids()),
    ]
    jobs += [
        (checklist_sheet_file(c.id), f"Werkkaart {c.id} (A4)", "werkkaart.html.j2", "werkkaart.css", views.werkkaart(c))
        for c in corpus.checklists
    ]
    for path, label, template, stylesheet, view in jobs:
        started = time.perf_counter()
        data, pages, warnings = renderer.render(template, stylesheet, view)
        yield RenderedPdf(path, label, data, pages, time.perf_counter() - started, warnings)
