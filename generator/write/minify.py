"""The site's own scripts and stylesheets, minified as they are written into the docs tree.

The sources in generator/templates/assets/ explain themselves at length (comments say why), which
a reader's phone need not download: 8 KiB of a chapter page's first visit (bench/README.md). rjsmin and rcssmin (README,
"Library choices") take out comments and whitespace and rename nothing, so a minified module
keeps its names, its imports and its exports, and an error in a browser's console still names
the function it was in. Nothing else of the tree is touched: pages, sw.js and the engine's theme
files are written as they are.

Here, in the write stage, because the engine copies these files into the site as they are in the
docs tree: what the offline manifest counts (generator/write/offline.py) and what the browser
runs are then the minified bytes. The inline scripts that the policy step hashes
(generator/write/csp.py) are in the pages, which this leaves alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import rcssmin
import rjsmin

ASSETS_PREFIX = "assets/"


def _js(text: str) -> str:
    return str(rjsmin.jsmin(text))


def _css(text: str) -> str:
    return str(rcssmin.cssmin(text))


MINIFIERS: dict[str, Callable[[str], str]] = {".js": _js, ".css": _css}


def minifier(path: str) -> Callable[[str], str] | None:
    """How the file at `path` in the docs tree is minified, or None for a file left as it is."""
    if not path.startswith(ASSETS_PREFIX):
        return None
    return MINIFIERS.get(path[path.rfind(".") :]) if "." in path else None


def minified(tree: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """The docs tree with the site's own scripts and stylesheets minified."""
    out: dict[str, str | bytes] = {}
    for path, content in tree.items():
        minify = minifier(path)
        if minify is None:
            out[path] = content
        else:
            text = content.decode("utf-8") if isinstance(content, bytes) else content
            out[path] = minify(text).strip() + "\n"
    return out
