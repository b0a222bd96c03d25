"""The engine step (HTML from the generated tree) on MkDocs, ProperDocs and Zensical, side by side.

For each factor, the bundled content is scaled as bench/run.py scales it (bench/corpus.py), the
generated tree is written once per engine (the config differs a little, generator/render/engine.py),
and then the engines take turns: round 1 runs each engine once, round 2 again, and so on, so that
a busy minute on this shared machine falls on all three alike. Each run is the build's own step
(generator/write/site.py `run_engine`) into an empty folder, then Pagefind on the result, as
`richtlijnen build` runs them; the generator's own stages and the PDFs are the same for every
engine and left out. Prints a Markdown table of medians.

With `--whole`, each run is instead a whole `richtlijnen build --engine <engine>` in a process of
its own, as an administrator runs it: every stage, the PDFs (from the cache, which one build before
the first round fills, untimed), the engine, Pagefind, the policy and the offline files.

    .venv/bin/python bench/engines.py --factors 1,100 --rounds 3 [--whole]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import scale  # noqa: E402
from generator.render.engine import ENGINES  # noqa: E402
from generator.render.settings import read_site_settings  # noqa: E402
from generator.stages import read_corpus, render_site  # noqa: E402
from generator.write.search import index_search  # noqa: E402
from generator.write.site import run_engine  # noqa: E402
from generator.write.sources import write_sources  # noqa: E402


def prepare(factor: int, work: Path) -> dict[str, Path]:
    """The scaled corpus and, per engine, its generated tree; returns each engine's config file."""
    folder = work / f"{factor}x"
    corpus_dir = folder / "corpus"
    scale(factor, corpus_dir)
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"INHERIT": str(REPO / "mkdocs.yml")}), encoding="utf-8")
    corpus = read_corpus(corpus_dir / "content", corpus_dir / "checklists")
    configs = {}
    for engine in ENGINES:
        settings = read_site_settings(config, engine=engine)
        settings = dataclasses.replace(settings, docs_dir=folder / f"build-{engine}" / "docs")
        rendered = render_site(corpus, settings, pdfs=False)
        write_sources(rendered, settings)
        configs[engine] = rendered.config_file
    return configs


def one_run(engine: str, config_file: Path, site: Path) -> tuple[float, float]:
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    started = time.perf_counter()
    run_engine(engine, config_file, site)
    built = time.perf_counter()
    index_search(site)
    return built - started, time.perf_counter() - built


def whole_build(engine: str, corpus: Path, config: Path, site: Path) -> float:
    """A whole `richtlijnen build` in its own process; all engines share one docs tree and PDF cache."""
    started = time.perf_counter()
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "generator", "build", "--engine", engine),
            *("--content", str(corpus / "content"), "--checklists", str(corpus / "checklists")),
            *("--config-file", str(config), "--site-dir", str(site)),
        ],
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1790726400"},
        check=False,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        sys.exit(f"{engine}: richtlijnen build failed:\n{completed.stdout}{completed.stderr}")
    return time.perf_counter() - started


def main_whole(factors: list[int], rounds: int, work: Path) -> None:
    rows = ["| factor | engine | whole build, s | runs, s |", "|---:|---|---:|---|"]
    for factor in factors:
        folder = work / f"{factor}x"
        corpus = folder / "corpus"
        scale(factor, corpus)
        config = folder / "mkdocs.yml"
        config.write_text(yaml.safe_dump({"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": "build/docs"}), encoding="utf-8")
        warm = whole_build("mkdocs", corpus, config, folder / "site-warm")
        print(f"{factor}x: first build, PDFs rendered: {warm:.1f} s", file=sys.stderr)
        times: dict[str, list[float]] = {engine: [] for engine in ENGINES}
        for round_number in range(rounds):
            # Each round starts with another engine: the engine after a build of another one rewrites
            # the few generated files that differ per engine, the first of a round may not.
            order = ENGINES[round_number % len(ENGINES) :] + ENGINES[: round_number % len(ENGINES)]
            for engine in order:
                measured = whole_build(engine, corpus, config, folder / f"site-{engine}")
                times[engine].append(measured)
                print(f"{factor}x round {round_number + 1} {engine}: {measured:.2f} s", file=sys.stderr)
        for engine in ENGINES:
            runs = ", ".join(f"{t:.2f}" for t in times[engine])
            rows.append(f"| {factor}× | {engine} | {statistics.median(times[engine]):.2f} | {runs} |")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factors", default="1,100")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="keep the trees and sites here (default: a scratch folder)")
    parser.add_argument("--whole", action="store_true", help="time whole `richtlijnen build` runs instead")
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="bench-engines-"))
    if options.whole:
        main_whole([int(f) for f in options.factors.split(",")], options.rounds, work)
        return
    rows = [
        "| factor | pages | engine | engine step, s | Pagefind, s | HTML files | runs (engine step) |",
        "|---:|---:|---|---:|---:|---:|---|",
    ]
    for factor in (int(f) for f in options.factors.split(",")):
        configs = prepare(factor, work)
        times: dict[str, list[tuple[float, float]]] = {engine: [] for engine in ENGINES}
        for round_number in range(options.rounds):
            for engine in ENGINES:
                measured = one_run(engine, configs[engine], work / f"{factor}x" / f"site-{engine}")
                times[engine].append(measured)
                print(
                    f"{factor}x round {round_number + 1} {engine}: {measured[0]:.2f} s + Pagefind {measured[1]:.2f} s",
                    file=sys.stderr,
                )
        docs = configs["mkdocs"].parent / "docs"
        pages = sum(1 for page in docs.rglob("*.md") if page.relative_to(docs).parts[0] != "r")  # not the short links
        for engine in ENGINES:
            site = work / f"{factor}x" / f"site-{engine}"
            html = sum(1 for _ in site.rglob("*.html"))
            engine_s = statistics.median(t[0] for t in times[engine])
            pagefind_s = statistics.median(t[1] for t in times[engine])
            runs = ", ".join(f"{t[0]:.2f}" for t in times[engine])
            rows.append(f"| {factor}× | {pages} | {engine} | {engine_s:.2f} | {pagefind_s:.2f} | {html} | {runs} |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
