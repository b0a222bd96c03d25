"""Write the generated sources: the docs tree and the engine's config, in the build folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.render.settings import SiteSettings
from generator.write.api import json_files
from generator.write.files import Output, WriteReport, mark_output, write_tree
from generator.write.minify import minified

if TYPE_CHECKING:
    from generator.stages import RenderedSite


def docs_output(settings: SiteSettings) -> Output:
    """The generated docs tree: pruned on every write, so it must be a folder of its own."""
    setting = f"docs_dir in {settings.config_file.name}"
    return Output(settings.docs_dir, "de gegenereerde bronbestanden", setting, "build/docs")


def write_sources(rendered: RenderedSite, settings: SiteSettings) -> WriteReport:
    """The docs tree, with what is no longer in it removed, and the config beside it. `build` and
    `release` claimed the docs folder already; the preview (`serve`) has only the check here. The
    site's own scripts and stylesheets go in minified (generator/write/minify.py); the documents for
    other programs as JSON files (generator/write/api.py)."""
    mark_output(docs_output(settings))
    report = write_tree({**minified(rendered.docs), **json_files(rendered.api)}, settings.docs_dir)
    write_tree({rendered.config_file.name: rendered.config_text}, rendered.config_file.parent, prune=False)
    return report
