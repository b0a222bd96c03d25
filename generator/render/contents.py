"""A Python-Markdown extension for the table of contents beside a chapter.

The table of contents lists the recommendations, also those under a titled section (one level
deeper), by their id and short form. Every recommendation's explanation has a heading of its own,
"Toelichting", one level deeper still, so a screen reader can jump to it; in the table of contents
it would only repeat the same word after every recommendation. Python-Markdown's `toc` cannot leave
out one heading, so this runs after it and takes those headings out of what the engine reads
(`toc_tokens`). Every engine that renders Python-Markdown with these extensions gets the same list.
"""

from __future__ import annotations

from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor

from generator.render.addresses import EXPLANATION_ANCHOR_SUFFIX


def _without_explanations(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**token, "children": _without_explanations(token.get("children", []))}
        for token in tokens
        if not str(token.get("id", "")).endswith(EXPLANATION_ANCHOR_SUFFIX)
    ]


class _PruneExplanations(Treeprocessor):
    def run(self, root: Any) -> None:
        tokens = getattr(self.md, "toc_tokens", None)
        if tokens:
            self.md.toc_tokens = _without_explanations(tokens)  # type: ignore[attr-defined]


class ContentsExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Priority 4: just after `toc` (5) has collected the headings.
        md.treeprocessors.register(_PruneExplanations(md), "rl_contents", 4)


def makeExtension(**kwargs: Any) -> ContentsExtension:  # noqa: N802 (the name Python-Markdown looks for)
    return ContentsExtension(**kwargs)
