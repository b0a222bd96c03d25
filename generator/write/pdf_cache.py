"""The PDF cache: a folder of rendered PDFs, keyed by a hash of everything that decides their bytes.

Rendering is the slow step of a build (seconds per guide); most builds change one or two
documents. An entry is `<key>.pdf` plus `<key>.json` (page count and WeasyPrint's warnings, which a
hit reports again, so a layout problem does not go quiet after the first build). Entries are
written atomically and read in one go, so two builds that share the folder at worst render a
document twice: the cache is an optimisation, never a source of truth, and any problem with it
counts as a miss.

This class is the only code that writes into the cache folder. Rendering (generator/render/pdf/)
reads and fills it through a PdfCache it is given; the build (generator/build.py) prunes it in its
write stage, so that it holds the PDFs of the last build, not every version of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.render.settings import SiteSettings

KEY_FILE = re.compile(r"^[0-9a-f]{64}\.")  # only files this cache wrote are ever pruned
# Next to the docs tree in the (git-ignored) build folder.
PDF_CACHE_DIR = "pdf-cache"


@dataclass(frozen=True)
class CachedPdf:
    data: bytes
    pages: int
    warnings: list[str]


def cache_key(*parts: str) -> str:
    """sha256 over the parts, each length-prefixed so that no two different lists hash alike."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(f"{len(encoded)}:".encode())
        digest.update(encoded)
    return digest.hexdigest()


def pdf_cache_dir(settings: SiteSettings) -> Path:
    """Beside the docs tree: `build`, `release` and `pdf` of one publication share it."""
    return settings.docs_dir.parent / PDF_CACHE_DIR


class PdfCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> CachedPdf | None:
        self.used.add(key)
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            data = (self.folder / f"{key}.pdf").read_bytes()
            pages, warnings = int(meta["pages"]), [str(w) for w in meta["warnings"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        # A truncated file (a full disk, a killed build) is a miss, not a broken download.
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            return None
        return CachedPdf(data, pages, warnings)

    def put(self, key: str, pdf: CachedPdf) -> None:
        self.used.add(key)
        meta = json.dumps({"pages": pdf.pages, "warnings": pdf.warnings}, ensure_ascii=False)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # The PDF first and the metadata last: a reader that finds the metadata finds a whole PDF.
            _write_atomically(self.folder / f"{key}.pdf", pdf.data)
            _write_atomically(self.folder / f"{key}.json", meta.encode("utf-8"))
        except OSError:
            pass  # a read-only or full disk costs the next build time, not this one its result

    def prune(self) -> int:
        """Remove the entries this run did not use; returns how many files went."""
        removed = 0
        try:
            files = list(self.folder.iterdir())
        except OSError:
            return 0
        for file in files:
            if KEY_FILE.match(file.name) and file.name[:64] not in self.used:
                try:
                    file.unlink()
                    removed += 1
                except OSError:
                    pass  # another build removed it first
        return removed


def _write_atomically(path: Path, data: bytes) -> None:
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        scratch.write_bytes(data)
        scratch.replace(path)
    finally:
        scratch.unlink(missing_ok=True)
