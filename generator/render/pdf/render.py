"""Render the pocket guides and the werkkaarten to PDF bytes with Jinja2 and WeasyPrint.

Nothing is fetched from the network: the only resources are the stylesheets next to the templates,
the font files of a Debian package, and data: URIs (the QR codes).

The templates are filled in this process; each document then becomes a `PdfJob`: its HTML and the
names of what it refers to, plain data that a worker process can receive (WeasyPrint's own objects
cannot be pickled). Jobs whose output is in the cache are not rendered; the others are rendered in
a pool of processes, one per CPU, because WeasyPrint is single-threaded and a national publisher
has hundreds of guidelines. One job, or one CPU, renders in this process and saves the start-up.

The pool is a small one of its own rather than concurrent.futures' ProcessPoolExecutor: on Python
3.11, a worker killed while the executor had a document queued for it (a zakgids' HTML is far
larger than a pipe holds) left the executor's shutdown waiting forever on a pipe nobody read. Here
each worker has a pipe of its own, every wait also watches the workers' exits, and the workers die
with the build.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import os
import pickle
import re
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse
from urllib.request import url2pathname

import jinja2

from generator.model.corpus import Corpus
from generator.problems import BuildError
from generator.render.addresses import SiteMap
from generator.render.markup import print_filters
from generator.render.pdf.views import PdfViewBuilder
from generator.render.settings import SiteSettings
from generator.render.templates import TEMPLATES_DIR, template_environment
from generator.write.pdf_cache import CachedPdf, PdfCache, cache_key

PRINT_TEMPLATES = TEMPLATES_DIR / "zakgids"
BASE_URL = PRINT_TEMPLATES.as_uri() + "/"

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

# How WeasyPrint is called. Part of the cache key, so a change here renders everything again.
PDF_VARIANT = "pdf/ua-1"
ALLOWED_PROTOCOLS = frozenset({"file", "data"})  # a stray https:// resource fails the build instead of being fetched
# Raise this when the rendering code changes in a way that the key below does not see.
CACHE_FORMAT = "1"
# The Python packages whose code decides the bytes of a PDF (layout, hyphenation, fonts, writing).
RENDERING_PACKAGES = ("weasyprint", "pydyf", "pyphen", "tinycss2", "cssselect2", "fonttools", "tinyhtml5", "pillow")

PdfKind = Literal["zakgids", "richtlijngids", "werkkaart"]


@dataclass(frozen=True)
class PdfJob:
    """One document to render, as plain data: a worker process receives it pickled."""

    kind: PdfKind
    path: str  # inside the docs tree, e.g. downloads/zakgids.pdf
    label: str  # Dutch, for progress lines
    html: str
    stylesheet: str  # a file in PRINT_TEMPLATES
    font_css: str  # the @font-face rules, with the font files' paths


@dataclass(frozen=True)
class RenderedPdf:
    path: str
    label: str
    kind: PdfKind
    data: bytes
    pages: int
    seconds: float  # rendering time; 0 when it came from the cache
    warnings: list[str] = field(default_factory=list)  # WeasyPrint's complaints about the HTML or CSS
    cached: bool = False


@dataclass(frozen=True)
class PdfRun:
    pdfs: list[RenderedPdf]  # in job order: the zakgids, the guideline guides, the werkkaarten
    seconds: float  # wall-clock time of the whole run
    workers: int  # processes that rendered; 1 means this process, 0 that nothing needed rendering

    @property
    def rendered(self) -> int:
        return sum(1 for pdf in self.pdfs if not pdf.cached)

    @property
    def cached(self) -> int:
        return sum(1 for pdf in self.pdfs if pdf.cached)


OnPdf = Callable[[RenderedPdf], None]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def print_environment(sitemap: SiteMap) -> jinja2.Environment:
    """The print templates, which escape every value, with the HTML filters of markup.py."""
    return template_environment(PRINT_TEMPLATES, filters=print_filters(sitemap))


# The name table's subfamily of each file in FONT_FILES.
FONT_STYLES = {
    ("normal", "normal"): "Regular",
    ("bold", "normal"): "Bold",
    ("normal", "italic"): "Italic",
    ("bold", "italic"): "Bold Italic",
}


def font_faces() -> str:
    """@font-face rules for the embedded font; a Dutch error when a font file is missing, broken
    or another font."""
    missing = [name for name in FONT_FILES.values() if not (FONT_DIR / name).is_file()]
    if missing:
        raise BuildError(
            f"lettertype ontbreekt: {FONT_DIR / missing[0]}. Installeer het Debian-pakket {FONT_PACKAGE} "
            "(./scripts/install.sh doet dat) en probeer het opnieuw."
        )
    for key, name in FONT_FILES.items():
        check_font(FONT_DIR / name, FONT_STYLES[key])
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for (weight, style), name in FONT_FILES.items()
    )


def check_font(path: Path, style: str) -> None:
    """WeasyPrint quietly takes another font for a file it cannot read, and a cut-off file is not
    a missing one: read every table, checksum and all, and the names (4 files: 30 ms)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # WeasyPrint's dependency; only PDFs need it

    reinstall = f"Installeer het Debian-pakket {FONT_PACKAGE} opnieuw (apt-get install --reinstall {FONT_PACKAGE}) en probeer het opnieuw."
    try:
        with TTFont(path, lazy=True, checkChecksums=2) as font:
            for tag in font.reader.tables:
                font.reader[tag]
            names = font["name"]
            family = names.getDebugName(16) or names.getDebugName(1)
            subfamily = names.getDebugName(17) or names.getDebugName(2)
    except Exception as exc:  # fontTools raises TTLibError, AssertionError, struct.error, …
        raise BuildError(
            f"lettertype beschadigd: {path} is geen leesbaar lettertype (afgekapt of beschadigd). {reinstall}"
        ) from exc
    if (family, subfamily) != (FONT_FAMILY, style):
        raise BuildError(f"verkeerd lettertype: {path} is {family} {subfamily}, niet {FONT_FAMILY} {style}. {reinstall}")


# --- Rendering (in this process or in a worker) ------------------------------------------------


class PdfRenderer:
    """One WeasyPrint setup (fonts, fetcher) shared by every document a process renders."""

    def __init__(self, font_css: str) -> None:
        try:
            # Imported here: WeasyPrint loads Pango through cffi at import time, and only the
            # commands that make PDFs need it; a build whose PDFs are all cached never loads it.
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
        except OSError as exc:
            raise BuildError(
                f"WeasyPrint kan Pango niet laden ({exc}). Installeer de Debian-pakketten {PANGO_PACKAGES} "
                "(./scripts/install.sh doet dat)."
            ) from exc
        self.weasyprint: Any = weasyprint
        self.font_config: Any = FontConfiguration()
        self.fetcher: Any = _local_fetcher(weasyprint, font_css)
        self.fonts: Any = self._css(string=font_css)
        self.stylesheets: dict[str, Any] = {}

    def _css(self, **source: str) -> Any:
        return self.weasyprint.CSS(**source, font_config=self.font_config, url_fetcher=self.fetcher)

    def render(self, html: str, stylesheet: str) -> tuple[bytes, int, list[str]]:
        if stylesheet not in self.stylesheets:
            self.stylesheets[stylesheet] = self._css(filename=str(PRINT_TEMPLATES / stylesheet))
        collect = _Collect()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collect)
        try:
            document = self.weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=self.fetcher).render(
                stylesheets=[self.fonts, self.stylesheets[stylesheet]],
                font_config=self.font_config,
                pdf_variant=PDF_VARIANT,
            )
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
        except self.weasyprint.urls.FatalURLFetchingError as exc:
            # WeasyPrint raises this as a BaseException; the CLI turns BuildError into a Dutch message.
            raise BuildError(f"PDF maken mislukt: {exc} ({exc.__cause__})") from exc
        finally:
            logger.removeHandler(collect)
        return bytes(data), len(document.pages), collect.messages


def _local_fetcher(weasyprint: Any, font_css: str) -> Any:
    """WeasyPrint's fetcher, limited to the print templates' folder, the font files the @font-face
    rules name, and data: URIs. file: is allowed for those, but must not reach any other file on
    the machine: a stray `<img src="file:///…">` would be embedded in a PDF for all to read."""
    fonts = {Path(url2pathname(urlparse(uri).path)).resolve() for uri in re.findall(r'url\("(file:[^"]+)"\)', font_css)}
    templates = PRINT_TEMPLATES.resolve()

    class LocalFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith("file:"):
                path = Path(url2pathname(urlparse(url).path)).resolve()
                if path not in fonts and not path.is_relative_to(templates):
                    raise ValueError(f"bestand buiten de sjablonen en lettertypen: {path}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=set(ALLOWED_PROTOCOLS), fail_on_errors=True)


@functools.lru_cache(maxsize=1)
def _renderer(font_css: str) -> PdfRenderer:
    # One per process: a worker renders many jobs with the fonts it loaded for the first one.
    return PdfRenderer(font_css)


def render_job(job: PdfJob) -> RenderedPdf:
    """Render one job. Module-level, so a worker process can be handed it by name."""
    started = time.perf_counter()
    data, pages, warnings = _renderer(job.font_css).render(job.html, job.stylesheet)
    return RenderedPdf(job.path, job.label, job.kind, data, pages, time.perf_counter() - started, warnings)


# --- Jobs and the cache key ---------------------------------------------------------------------


def pdf_jobs(corpus: Corpus, settings: SiteSettings) -> list[PdfJob]:
    """The whole zakgids, a guide per guideline and a werkkaart per checklist, in that order."""
    fonts = font_faces()
    views = PdfViewBuilder(corpus, settings)
    env = print_environment(views.view.sitemap)

    def job(kind: PdfKind, path: str, label: str, template: str, stylesheet: str, view: object) -> PdfJob:
        return PdfJob(kind, path, label, env.get_template(template).render(doc=view), stylesheet, fonts)

    jobs = [job("zakgids", views.view.zakgids_file.page, "Zakgids (A6)", "zakgids.html.j2", "zakgids.css", views.zakgids())]
    jobs += [
        job(
            "richtlijngids",
            guideline.guide_file.page,
            f"Richtlijngids {guideline.slug} (A6)",
            "zakgids.html.j2",
            "zakgids.css",
            views.guideline_guide(guideline),
        )
        for guideline in views.view.guidelines
    ]
    jobs += [
        job(
            "werkkaart",
            c.sheet_file.page,
            f"Werkkaart {c.id} (A4)",
            "werkkaart.html.j2",
            "werkkaart.css",
            views.werkkaart(c),
        )
        for c in views.view.checklists
    ]
    return jobs


# The C libraries that shape and lay out the text: (name for find_library, fallback file, version function).
TEXT_LIBRARIES = (
    ("pango-1.0", "libpango-1.0.so.0", "pango_version_string"),
    ("harfbuzz", "libharfbuzz.so.0", "hb_version_string"),
    ("fontconfig", "libfontconfig.so.1", "FcGetVersion"),
)


@functools.cache
def _library_versions() -> str:
    """An upgrade of Pango or HarfBuzz may move a line break, so their versions are in the key."""
    versions: list[str] = []
    for name, fallback, call in TEXT_LIBRARIES:
        try:
            function = getattr(ctypes.CDLL(ctypes.util.find_library(name) or fallback), call)
            function.restype = ctypes.c_int if call == "FcGetVersion" else ctypes.c_char_p
            value = function()
            versions.append(f"{name} {value.decode() if isinstance(value, bytes) else value}")
        except (OSError, AttributeError):
            versions.append(f"{name} ?")  # WeasyPrint reports the missing library when it renders
    return "; ".join(versions)


def rendering_environment() -> str:
    """Everything outside a job's HTML that decides its bytes, as one string for the cache key."""
    parts: dict[str, object] = {
        "format": CACHE_FORMAT,
        "options": {"base_url": BASE_URL, "pdf_variant": PDF_VARIANT, "protocols": sorted(ALLOWED_PROTOCOLS)},
        # Every stylesheet, not only the one a job names: they @import each other.
        "stylesheets": {css.name: hashlib.sha256(css.read_bytes()).hexdigest() for css in sorted(PRINT_TEMPLATES.glob("*.css"))},
        # Identity rather than content: hashing 2 MB of fonts on every build would cost more than it saves.
        "fonts": {
            name: [stat.st_size, stat.st_mtime_ns] for name in sorted(FONT_FILES.values()) for stat in [(FONT_DIR / name).stat()]
        },
        "packages": {name: importlib.metadata.version(name) for name in RENDERING_PACKAGES},
        "libraries": _library_versions(),
    }
    return json.dumps(parts, sort_keys=True)


def job_key(job: PdfJob, environment: str) -> str:
    return cache_key(environment, job.stylesheet, job.font_css, job.html)


# --- Running the jobs ---------------------------------------------------------------------------


# Starting a worker process costs about a second of CPU (it imports WeasyPrint and its fonts), so
# a few PDFs render sooner here: a publication of one guideline (three PDFs) took 6.4 s of CPU in
# two processes and 4.4 s in this one.
POOL_FROM_JOBS = 4


def available_cpus() -> int:
    """The CPUs this process may use: a container or `taskset` may allow fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def render_jobs(
    jobs: list[PdfJob],
    *,
    cache: PdfCache | None = None,
    workers: int | None = None,
    on_pdf: OnPdf | None = None,
) -> PdfRun:
    """Every job as a PDF, from the cache where it holds the same output, in job order.

    `on_pdf` hears of each PDF as soon as it is there: cache hits first, then the rendered ones as
    they finish (so not in job order). `workers` defaults to the CPUs available, and then a pool is
    only started when at least POOL_FROM_JOBS jobs need rendering; given, when more than one does.
    """
    started = time.perf_counter()
    results: list[RenderedPdf | None] = [None] * len(jobs)
    todo: list[int] = []
    environment = rendering_environment() if cache is not None else ""
    keys = [job_key(job, environment) for job in jobs] if cache is not None else []
    for index, job in enumerate(jobs):
        hit = cache.get(keys[index]) if cache is not None else None
        if hit is None:
            todo.append(index)
            continue
        pdf = RenderedPdf(job.path, job.label, job.kind, hit.data, hit.pages, 0.0, hit.warnings, cached=True)
        results[index] = pdf
        if on_pdf is not None:
            on_pdf(pdf)

    def done(index: int, pdf: RenderedPdf) -> None:
        results[index] = pdf
        if cache is not None:
            cache.put(keys[index], CachedPdf(pdf.data, pdf.pages, pdf.warnings))
        if on_pdf is not None:
            on_pdf(pdf)

    processes = min(workers or available_cpus(), len(todo))
    if workers is None and len(todo) < POOL_FROM_JOBS:
        processes = min(processes, 1)
    if processes <= 1:
        for index in todo:
            done(index, render_job(jobs[index]))
    else:
        _render_in_pool(jobs, todo, processes, done)
    pdfs = [pdf for pdf in results if pdf is not None]
    assert len(pdfs) == len(jobs)
    return PdfRun(pdfs, time.perf_counter() - started, processes)


# How long a wait for the workers lasts before it looks again whether they are all there (a
# worker's exit also ends a wait at once), and how long a worker that was told to stop may take.
POLL_SECONDS = 1.0
STOP_SECONDS = 5.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    job: int | None = None  # the index of the job it is rendering


def _render_in_pool(jobs: list[PdfJob], todo: list[int], processes: int, done: Callable[[int, RenderedPdf], None]) -> None:
    # Longest first (HTML length is a fair measure of the work): the whole zakgids takes as long as
    # many guides together, and started last it would leave the other processes idle at the end.
    waiting = deque(sorted(todo, key=lambda index: -len(jobs[index].html)))
    # spawn, not fork: a forked child inherits the parent's threads' locks (a test runner, a file
    # watcher) and any Pango state; a fresh interpreter costs a second and is always sound.
    context = multiprocessing.get_context("spawn")
    workers: list[_Worker] = []
    finished = False
    try:
        for _ in range(processes):
            ours, theirs = context.Pipe()
            process = context.Process(target=_work, args=(theirs, os.getpid()), daemon=True)
            process.start()
            theirs.close()  # so that a dead worker's pipe reads as closed
            workers.append(_Worker(process, ours))
        for worker in workers:
            _hand_out(worker, waiting, jobs, processes)
        while busy := [worker for worker in workers if worker.job is not None]:
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                if worker.connection in ready:
                    index, reply = worker.job, _receive(worker, processes)
                    worker.job = None
                    assert index is not None
                    done(index, reply)
                    _hand_out(worker, waiting, jobs, processes)
                elif worker.process.sentinel in ready or not worker.process.is_alive():
                    raise _stopped(worker, processes)
        finished = True
    finally:
        _stop(workers, kill=not finished)


def _hand_out(worker: _Worker, waiting: deque[int], jobs: list[PdfJob], processes: int) -> None:
    """The next job, or None (leave) when there is none."""
    index = waiting.popleft() if waiting else None
    try:
        worker.connection.send(None if index is None else jobs[index])
    except OSError as exc:
        if index is not None:
            raise _stopped(worker, processes) from exc
    worker.job = index


def _receive(worker: _Worker, processes: int) -> RenderedPdf:
    try:
        succeeded, reply = worker.connection.recv()
    except (EOFError, OSError) as exc:
        raise _stopped(worker, processes) from exc
    if not succeeded:
        raise reply
    assert isinstance(reply, RenderedPdf)
    return reply


def _stopped(worker: _Worker, processes: int) -> BuildError:
    worker.process.join(timeout=POLL_SECONDS)  # its exit code tells how it ended
    code = worker.process.exitcode
    if code is None:
        how = "verbinding verbroken"
    elif code == -signal.SIGKILL:
        how = "gestopt door SIGKILL; te weinig geheugen?"
    elif code < 0:
        how = f"gestopt door {signal.Signals(-code).name}"
    else:
        how = f"afgesloten met code {code}"
    return BuildError(
        f"PDF maken mislukt: een van de {processes} processen die de PDF's maken stopte onverwacht ({how}). Probeer het opnieuw."
    )


def _stop(workers: list[_Worker], *, kill: bool) -> None:
    """Workers that were told to leave get a moment; after a failure, or past that moment,
    they are killed: no wait here is without a limit."""
    deadline = time.monotonic() + STOP_SECONDS
    for worker in workers:
        if kill:
            worker.process.kill()
    for worker in workers:
        worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
        if worker.process.exitcode is None:
            worker.process.kill()
            worker.process.join(timeout=STOP_SECONDS)
        worker.connection.close()


def _die_with_parent(parent: int) -> None:
    """The kernel kills this worker when the build process dies, even by SIGKILL, so no worker
    renders on for a build that is gone."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # A parent that died before the call above sends no signal: it is gone already.
    if os.getppid() != parent:
        os._exit(1)


def _work(connection: Connection, parent: int) -> None:
    """A worker process: render the jobs it is handed until it is handed None."""
    _die_with_parent(parent)
    # Ctrl+C reaches the whole process group; the build process handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (job := connection.recv()) is not None:
        try:
            reply: tuple[bool, object] = (True, render_job(job))
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the build process
            reply = (False, _portable(exc))
        connection.send(reply)


def _portable(exc: Exception) -> Exception:
    """The exception as the build process can receive it, with this process's traceback as a
    note (`richtlijnen --debug` shows it); BuildError's Dutch message stays as it is."""
    exc.add_note("In het PDF-proces:\n" + "".join(traceback.format_exception(exc)).rstrip())
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - whatever makes it unpicklable, the text still goes back
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def render_pdfs(
    corpus: Corpus,
    settings: SiteSettings,
    *,
    cache: PdfCache | None = None,
    workers: int | None = None,
    on_pdf: OnPdf | None = None,
) -> PdfRun:
    """All PDFs of the publication; with a `cache`, unchanged ones come from there and new ones go
    into it (generator/write/pdf_cache.py, its own writer; a build prunes it when it writes)."""
    return render_jobs(pdf_jobs(corpus, settings), cache=cache, workers=workers, on_pdf=on_pdf)
