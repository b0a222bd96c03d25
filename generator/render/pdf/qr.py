"""QR codes that lead from paper to the same page online, so a reader of an old print can see
that a newer version exists."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import segno

from generator.render.teksten import tekst


@dataclass(frozen=True)
class QrCode:
    url: str
    image: str  # an SVG as a data: URI; vector, so it stays sharp at any print size
    alt: str  # the text a screen reader gives for the image in the tagged PDF


def qr_code(url: str, what: str) -> QrCode:
    return QrCode(url=url, image=_qr_image(url), alt=tekst("pdf.qr.alt", wat=what, adres=url))


@functools.lru_cache(maxsize=4096)
def _qr_image(url: str) -> str:
    # Remembered: a guideline's code is printed in the zakgids and in its own guide, a checklist's
    # also on its sheet and in the guide of every guideline it cites; choosing the best mask makes
    # each code cost milliseconds.
    # Level M survives a creased or smudged print; the quiet zone of 4 modules is what scanners expect.
    symbol = segno.make_qr(url, error="m")
    return str(symbol.svg_data_uri(border=4, omitsize=True, dark="#000"))
