"""Guideline text against its sources: every sentence word for word in a source, and how much of
the sources the content covers.

The sources are the publisher's pages as text files in `sources/`. Sentences are compared after the
same normalisation the publisher's own fidelity check used (the project's first tool for this, a
script beside the repository): Markdown link syntax, emphasis and list bullets are ignored, so a
sentence may carry cross-links as long as its words stay the same, and typographic quotes and
dashes count as plain ones. Sentences are those of five words or more; `check` compares a shorter
value (a title, a heading, a step) with the sources as a whole (validate/corpus.py).
"""

from __future__ import annotations

import difflib
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.problems import os_reason

MIN_WORDS = 5
# Page furniture of the web pages the sources were copied from: not guideline text.
FURNITURE = re.compile(r"^(Overslaan en naar de inhoud gaan|Reageer!|… Meer|Meer)$")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](target) -> text
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # [text][ref] -> text
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"(?<!\w)_(\S[^_]*?)_(?!\w)", r"\1", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    text = re.sub(r"^\s*([•\-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([.,;:!?)])", r"\1", text)
    return text.strip().lower()


def sentences(text: str, *, paragraph_per_line: bool = False) -> list[str]:
    """Normalised sentences of five words or more; a blank line, a list item or (in a source, where
    every line is a paragraph) a line break ends a paragraph."""
    return [norm for norm, _ in sentence_pairs(text, paragraph_per_line=paragraph_per_line)]


def sentence_pairs(text: str, *, paragraph_per_line: bool = False) -> list[tuple[str, str]]:
    """(normalised, as written) for each sentence: messages quote what the editor or the source wrote."""
    out = []
    breaks = r"\n" if paragraph_per_line else r"\n\s*\n|\n\s*[•]\s*|\n(?=\s*(?:[-*+•]|\d+[.)])\s)"
    for line in re.split(breaks, text):
        for part in re.split(r"(?<=[.!?:])\s+(?=[A-Z0-9‘'\"(])", line.strip()):
            norm = normalize(part)
            if len(norm.split()) >= MIN_WORDS:
                out.append((norm, " ".join(part.split())))
    return out


def source_sentences(texts: Iterable[str]) -> list[str]:
    return list(source_sentence_texts(texts))


def source_sentence_texts(texts: Iterable[str]) -> dict[str, str]:
    """Normalised source sentence -> as the source writes it, in source order."""
    found: dict[str, str] = {}
    for text in texts:
        lines = [line for line in text.splitlines() if not FURNITURE.match(line.strip())]
        for norm, written in sentence_pairs("\n".join(lines), paragraph_per_line=True):
            found.setdefault(norm, written)
    return found


@dataclass(frozen=True)
class Fidelity:
    content: list[str]  # the content's sentences
    invented: list[str]  # content sentences that stand in no source
    missing: list[str]  # source sentences the content does not have

    @property
    def fidelity(self) -> float:
        return 100.0 * (len(self.content) - len(self.invented)) / len(self.content) if self.content else 100.0

    def coverage(self, sources: list[str]) -> float:
        return 100.0 * (len(sources) - len(self.missing)) / len(sources) if sources else 100.0


def measure(content_texts: Iterable[str], sources: list[str]) -> Fidelity:
    """Which content sentences are not in the sources, and which source sentences not in the content.
    A sentence may stand inside a longer one (the content splits where a source runs on)."""
    content = list(dict.fromkeys(s for text in content_texts for s in sentences(text)))
    source_text = " \n ".join(sources)
    return Fidelity(
        content=content,
        invented=[s for s in content if s not in source_text],
        missing=missing_from(sources, content),
    )


def missing_from(sources: list[str], content: Iterable[str]) -> list[str]:
    """The source sentences that no content sentence holds."""
    content_text = " \n ".join(content)
    return [s for s in sources if s not in content_text]


MAX_SOURCE_BYTES = 1024 * 1024


def read_source(path: Path) -> tuple[str | None, str | None]:
    """(text, None), or (None, the reason in Dutch): the same bounds as the content files."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, f"bronbestand {path.name} is geen gewoon bestand"
        with path.open("rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        return None, f"bronbestand {path.name} kan niet worden gelezen ({os_reason(exc)}); het hoort in {path.parent.name}/"
    if len(data) > MAX_SOURCE_BYTES:
        return None, f"bronbestand {path.name} is te groot (meer dan {MAX_SOURCE_BYTES // 1024} KB)"
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError:
        return None, f"bronbestand {path.name} is geen geldige UTF-8"


def nearest(sentence: str, sources: list[str]) -> str | None:
    """The source sentence most like `sentence`, if any is much like it."""
    found = difflib.get_close_matches(sentence, sources, n=1, cutoff=0.6)
    return found[0] if found else None


def first_difference(sentence: str, source: str) -> str:
    """The first word of `sentence` that the source sentence does not have in that place."""
    words, theirs = sentence.split(), source.split()
    for index, word in enumerate(words):
        if index >= len(theirs) or theirs[index] != word:
            return word
    return words[-1]
