"""QR codes that lead from paper to the same page online, so a reader of an old print can see
that a newer version exists."""

from __future__ import annotations

from dataclasses import dataclass

import segno


@dataclass(frozen=True)
class QrCode:
    url: str
    image: str  # an SVG as a data: URI; vector, so it stays sharp at any print size
    alt: str  # the text a screen reader gives for the image in the tagged PDF


def qr_code(url: str, what: str) -> QrCode:
    # Level M survives a creased or smudged print; the quiet zone of 4 modules is what scanners expect.
    symbol = segno.make_qr(url, error="m")
    image = symbol.svg_data_uri(border=4, omitsize=True, dark="#000")
    return QrCode(url=url, image=image, alt=f"QR-code naar {what} op de website: {url}")
