"""Time every stage of a build at scale, with its peak memory. Run by hand; 100x takes a while:

    .venv/bin/python bench/run.py --factors 1,10,100 [--work DIR] [--no-pdf] [--repeat 3] [--pdf-timeout 900]
    .venv/bin/python bench/run.py --table bench/results/run-….json …  # print saved runs again

For each factor, bench/corpus.py writes a synthetic corpus into a scratch folder (or --work), with
a mkdocs.yml there that inherits the repository's and puts the generated docs into that folder, so
build/ and site/ of the repository are not touched. Each stage then runs in a process of its own,
so its peak memory is its own and not the maximum of everything before it:

  a. load + validate    read_corpus()
  b. Markdown           render_site(pdfs=False) + write_sources(): the docs tree and the
                        generated config, without PDFs (the process loads the corpus first; that
                        is not timed, but its memory counts, as in a real build)
  c. MkDocs             `mkdocs build --strict` on the generated config, as generator/write/site.py
  d. search index       Pagefind on the built site, as generator/write/search.py
  e. PDF                `richtlijnen pdf` with an empty cache (cold), then once more (warm, all
                        from the cache). A cold run longer than --pdf-timeout is stopped; a next
                        run (rest) then renders what it left over, which at scale is the zakgids.

a and b are timed around the function calls inside their process, as in `richtlijnen build`, where
they share one interpreter; c, d and e are timed as whole processes, as the build starts them.
a and b take seconds and vary by up to a third from run to run, so each runs --repeat times and
the median stands in the tables.
Peak memory is the largest resident set of any one process of the stage (ru_maxrss), and, sampled
every 0.1 s, of all its processes together, which differs when the PDFs render in parallel.

The machine may be shared: before each stage the script waits (--quiet-wait) until other programs
leave the CPU mostly idle, and it records how much CPU they took during the stage; the tables mark
figures measured while they took more than 15%.

The results go to bench/results/run-<time>.json (after every stage, so an interrupted run keeps
what it measured), and the tables to stdout and run-<time>.md.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(REPO))

from bench.corpus import scale  # noqa: E402
from generator.render.settings import read_site_settings  # noqa: E402
from generator.write.pdf_cache import pdf_cache_dir  # noqa: E402
from generator.write.search import pagefind_command  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.1
SITE_STAGES = ("load", "markdown", "mkdocs", "pagefind")
LABELS = {
    "load": "a load+validate",
    "markdown": "b Markdown",
    "mkdocs": "c MkDocs",
    "pagefind": "d Pagefind",
    "pdf_cold": "e PDF cold",
    "pdf_warm": "e PDF warm",
    "pdf_rest": "e PDF rest",
}


@dataclass
class Measured:
    seconds: float  # wall time of the command
    cpu_seconds: float  # user + system time of all its processes
    peak_mib: float | None  # largest resident set of one process of the stage (ru_maxrss)
    tree_peak_mib: float  # largest sum over all its processes together, sampled
    others_busy: float | None  # share of the machine's CPU time other programs used meanwhile
    returncode: int
    timed_out: bool = False
    output: str = ""  # the tail of stdout and stderr, for a failure or a summary line
    inner: dict[str, Any] = field(default_factory=dict)  # what a stage process reported itself


# Starts the command and reports its resource usage. It is a process of its own because a child's
# ru_maxrss starts at the resident size of the process that spawned it (Linux carries the old
# memory map's high-water mark over exec): spawned from this script, with the generator and its
# results in memory, every stage would seem to need at least that much. This one runs without
# `site` and imports almost nothing, so its floor is about 8 MiB.
WRAPPER = """
import os, resource, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawn(command[0], command, os.environ)
_, status = os.waitpid(pid, 0)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(report, "w") as out:
    out.write(repr((seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _tree_rss(group: int, leave_out: int) -> int:
    """Resident bytes of the processes in a process group (but one), from /proc."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == leave_out:
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            # The fields after the command name (which may hold spaces) are: state ppid pgrp ...
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:
                continue
            total += int(Path(entry.path, "statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    return total


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def run_measured(command: list[str], *, timeout: float | None = None) -> Measured:
    """Run a command through WRAPPER in a process group of its own, and measure it.

    The machine may be shared: `others_busy` says how much CPU other programs took meanwhile
    (all busy time minus the command's own), so a slow figure can be told from a busy machine.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "usage"
        busy_before, total_before = _cpu_ticks()
        started = time.perf_counter()
        wrapper = subprocess.Popen(
            [sys.executable, "-S", "-c", WRAPPER, str(report), *command],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        peak_tree = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(SAMPLE_SECONDS):
                peak_tree = max(peak_tree, _tree_rss(wrapper.pid, leave_out=wrapper.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            wrapper.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(wrapper.pid, signal.SIGKILL)
            wrapper.wait()
        seconds = time.perf_counter() - started
        busy_after, total_after = _cpu_ticks()
        done.set()
        sampler.join()
        if timed_out:
            # Worker processes of the group may outlive the killed parent for a moment.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(wrapper.pid, signal.SIGKILL)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
        usage = report.read_text() if report.exists() else None
    inner_seconds, maxrss_kib, cpu = ast.literal_eval(usage) if usage else (seconds, None, 0.0)
    ticks = os.sysconf("SC_CLK_TCK")
    others = ((busy_after - busy_before) / ticks - cpu) / max((total_after - total_before) / ticks, 1e-9)
    return Measured(
        seconds=inner_seconds,
        cpu_seconds=cpu,
        peak_mib=maxrss_kib / 1024 if maxrss_kib is not None else None,
        tree_peak_mib=max(peak_tree / 2**20, (maxrss_kib or 0) / 1024),
        others_busy=max(0.0, others) if usage else None,  # a killed command's own CPU time is unknown
        returncode=wrapper.returncode,
        timed_out=timed_out,
        output=output[-3000:],
    )


def wait_for_quiet(limit: float, max_wait: float) -> float:
    """Wait (at most max_wait seconds) until other programs use less than `limit` of the CPU for
    three seconds in a row; returns the share they used in the last window.

    The disk first: what earlier stages (or runs) wrote and deleted is flushed and the disk idle,
    or a stage that writes thousands of small files pays for the previous stage's writes. (Most of
    what once looked like a slow disk was the kernel stepping over freshly deleted inodes: see
    remove_and_settle.)"""
    deadline = time.monotonic() + max_wait
    _wait_for_idle_disk(deadline)
    while True:
        busy_before, total_before = _cpu_ticks()
        time.sleep(3)
        busy_after, total_after = _cpu_ticks()
        share = (busy_after - busy_before) / max(total_after - total_before, 1)
        if share < limit or time.monotonic() > deadline:
            return share


# ext4 without a journal (this machine's disk: /proc/fs/jbd2 is empty) does not hand out an inode
# again within 60 s of its deletion, or 300 s while its inode table block is not yet written back
# (`recently_deleted()` in fs/ext4/ialloc.c), and the allocator steps over each such inode in the
# kernel. Creating 4,000 folders took 0.9 s of system time 5 s after deleting a built 100x site,
# 0.7 s after 70 s and 0.2 s from 130 s on. The Markdown stage's 7,315 files and 5,700 folders at
# 100x took 0.8-0.9 s to write 3 minutes after the deletion, and 2.8-4.7 s one to two minutes after.
SETTLE_SECONDS = 180
SETTLE_ENTRIES = 1000  # removing fewer files and folders than this leaves too few such inodes to matter


def remove_and_settle(folder: Path) -> None:
    """Remove an earlier run's folder, then wait until the file system treats its inodes as free."""
    if not folder.exists():
        return
    entries = sum(len(names) + len(folders) for _, folders, names in os.walk(folder))
    shutil.rmtree(folder)
    if entries < SETTLE_ENTRIES:
        return
    os.sync()  # the inode tables written back: the short window, not the 300 s one
    print(
        f"  removed {folder} ({entries} files and folders); waiting {SETTLE_SECONDS} s before creating files again",
        file=sys.stderr,
    )
    time.sleep(SETTLE_SECONDS)


def _disk_busy_ms() -> int:
    """Milliseconds the block devices spent doing I/O so far (field 13 of /proc/diskstats)."""
    try:
        lines = Path("/proc/diskstats").read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return sum(
        int(fields[12]) for fields in (line.split() for line in lines) if len(fields) > 12 and not fields[2].startswith("loop")
    )


def _wait_for_idle_disk(deadline: float) -> None:
    os.sync()
    quiet_seconds = 0
    while quiet_seconds < 2 and time.monotonic() < deadline:
        before = _disk_busy_ms()
        time.sleep(1)
        quiet_seconds = quiet_seconds + 1 if _disk_busy_ms() - before < 20 else 0


# --- The stages that run generator code, each in a process started as `run.py --stage …` ------


def stage_process(stage: str, corpus_dir: Path, config: Path, attempt: int) -> None:
    """Runs in the child: one stage, timed around the calls; prints a JSON line for the parent.

    A repeated Markdown stage (`attempt` > 0) writes into a build folder of its own beside the
    first one's (docs tree and generated config), so that it too starts from an empty folder, and
    without deleting anything (see remove_and_settle). MkDocs then builds with the config of the
    attempt whose time was the median; all attempts write the same tree."""
    from generator.stages import read_corpus, render_site
    from generator.write.sources import write_sources

    content, checklists = corpus_dir / "content", corpus_dir / "checklists"
    started = time.perf_counter()
    corpus = read_corpus(content, checklists)
    loaded = time.perf_counter()
    report: dict[str, Any] = {"seconds": loaded - started}
    if stage == "load":
        report["guidelines"] = len(corpus.guidelines)
        report["chapters"] = sum(len(entry.chapters) for entry in corpus.guidelines)
        report["recommendations"] = sum(1 for _ in corpus.recommendations())
        report["checklists"] = len(corpus.checklists)
    elif stage == "markdown":
        settings = read_site_settings(config)
        if attempt:
            build_dir = settings.docs_dir.parent
            docs_dir = build_dir.with_name(f"{build_dir.name}-{attempt}") / settings.docs_dir.name
            settings = dataclasses.replace(settings, docs_dir=docs_dir)
        started = time.perf_counter()
        rendered = render_site(corpus, settings, pdfs=False)
        rendered_at = time.perf_counter()
        written = write_sources(rendered, settings)
        done = time.perf_counter()
        # Every build after the first finds the docs tree in place and rewrites only what changed
        # (here nothing): the same stage again, as an editor's next build runs it.
        again = write_sources(render_site(corpus, settings, pdfs=False), settings)
        report = {
            "seconds": done - started,
            "render_seconds": rendered_at - started,
            "write_seconds": done - rendered_at,
            "warm_seconds": time.perf_counter() - done,
            "warm_written": again.written,
            "pages": sum(1 for path in rendered.docs if path.endswith(".md")),
            "short_links": sum(1 for path in rendered.docs if path.startswith("r/")),
            "files": len(rendered.docs),
            "written": written.written,
            "config_file": str(rendered.config_file),
        }
    print(json.dumps(report))


def run_stage_process(stage: str, corpus_dir: Path, config: Path, attempt: int = 0) -> Measured:
    command = [sys.executable, str(Path(__file__)), "--stage", stage, "--corpus", str(corpus_dir), "--config", str(config)]
    command += ["--attempt", str(attempt)]
    measured = run_measured(command)
    if measured.returncode == 0:
        measured.inner = json.loads(measured.output.strip().splitlines()[-1])
    return measured


# --- One factor -------------------------------------------------------------------------------


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def pdf_pages(path: Path) -> int | None:
    try:
        import pypdfium2  # type: ignore[import-untyped]

        document = pypdfium2.PdfDocument(path)
        try:
            return len(document)
        finally:
            document.close()
    except Exception:  # noqa: BLE001 - a page count is a nicety; the timing stands without it
        return None


def bench_factor(result: dict[str, Any], work: Path, options: argparse.Namespace, save: Callable[[], None]) -> None:
    """Fills `result` stage by stage and saves after each, so a stopped run keeps what it has."""
    factor = result["factor"]
    folder = work / f"{factor}x"
    remove_and_settle(folder)
    corpus_dir = folder / "corpus"
    scale(factor, corpus_dir)
    config = folder / "mkdocs.yml"
    # As bench/search/recall.py does: everything from the repository's mkdocs.yml, but the
    # generated docs (and so the PDF cache next to them) in this folder.
    settings = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(folder / "build" / "docs")}
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    site = folder / "site"
    result["folder"] = str(folder)
    stages: dict[str, Any] = result["stages"]

    def measure(name: str, run: Callable[[int], Measured], repeats: int = 1) -> Measured:
        """`run(attempt)` `repeats` times; the run with the median time stands for the stage."""
        runs: list[tuple[Measured, float]] = []
        for attempt in range(repeats):
            before = wait_for_quiet(options.quiet_below, options.quiet_wait)
            measured = run(attempt)
            runs.append((measured, before))
            state = (
                "timed out" if measured.timed_out else ("ok" if measured.returncode == 0 else f"failed ({measured.returncode})")
            )
            memory = f"{measured.peak_mib:.0f}" if measured.peak_mib is not None else "?"
            others = f"{measured.others_busy:.0%}" if measured.others_busy is not None else "?"
            print(
                f"  {factor}x {LABELS[name]}: {_inner_seconds(measured):.2f} s (CPU {measured.cpu_seconds:.1f} s), {memory} MiB,"
                f" others used {others} of the CPU; {state}",
                file=sys.stderr,
                flush=True,
            )
            if measured.returncode != 0:
                break
        ok = sorted((r for r in runs if r[0].returncode == 0), key=lambda r: _inner_seconds(r[0]))
        measured, before = ok[len(ok) // 2] if len(ok) == len(runs) else runs[-1]
        stages[name] = {**asdict(measured), "others_busy_before": before, "runs": [_inner_seconds(m) for m, _ in runs]}
        save()
        return measured

    load = measure("load", lambda attempt: run_stage_process("load", corpus_dir, config, attempt), options.repeat)
    result.update({k: load.inner.get(k) for k in ("guidelines", "chapters", "recommendations", "checklists")})
    markdown = measure("markdown", lambda attempt: run_stage_process("markdown", corpus_dir, config, attempt), options.repeat)
    result.update({k: markdown.inner.get(k) for k in ("pages", "short_links")})
    if markdown.returncode != 0:
        return
    generated = markdown.inner["config_file"]
    # As generator/write/site.py runs MkDocs and the search step; here straight into `site`.
    mkdocs = measure(
        "mkdocs", lambda _: run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", generated, "-d", str(site)])
    )
    if mkdocs.returncode != 0:
        return
    measure("pagefind", lambda _: run_measured(pagefind_command(site)))
    result["site_bytes"] = folder_size(site)
    result["pagefind_bytes"] = folder_size(site / "pagefind")
    result["html_pages"] = sum(1 for _ in site.rglob("index.html"))
    save()
    if options.no_pdf:
        return

    # The CLI, not the library: how the PDFs are rendered (in parallel, cached) is the CLI's business.
    out = folder / "pdf"
    cache = pdf_cache_dir(read_site_settings(config))
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "generator", "pdf", "--content", str(corpus_dir / "content")]
    command += ["--checklists", str(corpus_dir / "checklists"), "--config-file", str(config), "--out", str(out)]
    cold = measure("pdf_cold", lambda _: run_measured(command, timeout=options.pdf_timeout))
    if cold.timed_out:
        # The stopped run cached every PDF it finished; a second run renders only the rest (at
        # scale: the zakgids of the whole corpus), so that document's time is known after all.
        cold = measure("pdf_rest", lambda _: run_measured(command, timeout=options.rest_timeout))
    if cold.returncode == 0:
        result["zakgids_pages"] = pdf_pages(out / "zakgids.pdf")
        result["pdf_count"] = sum(1 for _ in out.rglob("*.pdf"))
        result["pdf_bytes"] = folder_size(out)
        result["pdf_cache_entries"] = sum(1 for _ in cache.glob("*.pdf")) if cache.is_dir() else 0
        save()
        if result["pdf_cache_entries"]:
            measure("pdf_warm", lambda _: run_measured(command, timeout=options.pdf_timeout))


# --- The tables -------------------------------------------------------------------------------


def _inner_seconds(measured: Measured) -> float:
    return float(measured.inner.get("seconds", measured.seconds))


def stage_seconds(factor: dict[str, Any], name: str) -> float | None:
    stage = factor["stages"].get(name)
    if not stage or stage["returncode"] != 0:
        return None
    return float(stage["inner"].get("seconds", stage["seconds"]))


def site_seconds(factor: dict[str, Any]) -> float | None:
    parts = [stage_seconds(factor, name) for name in SITE_STAGES]
    return sum(p for p in parts if p is not None) if all(p is not None for p in parts) else None


BUSY = 0.15  # other programs took more than this share of the CPU: the figure is marked


def _seconds_cell(factor: dict[str, Any], name: str) -> str:
    stage = factor["stages"].get(name)
    if stage is None:
        return "–"
    if stage["timed_out"]:
        return f"> {stage['seconds']:.0f} (stopped)"
    if stage["returncode"] != 0:
        return "failed"
    value = stage_seconds(factor, name) or 0.0
    mark = "*" if (stage.get("others_busy") or 0) > BUSY else ""
    return (f"{value:.1f}" if value >= 10 else f"{value:.2f}") + mark


def _mib(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "?"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{b / a:.1f}×" if a and b is not None else "–"


def tables(run: dict[str, Any]) -> str:
    factors = run["factors"]
    by_factor = {f["factor"]: f for f in factors}
    # "rest" only when a cold run was stopped: what the next run, with the cache it left, took.
    pdf_stages = [n for n in ("pdf_cold", "pdf_rest", "pdf_warm") if n == "pdf_cold" or any(n in f["stages"] for f in factors)]
    pdf_heads = " | ".join(LABELS[n] for n in pdf_stages)
    lines = [
        "Seconds per stage (a, b inside the build process; c, d, e whole processes):",
        "",
        "| factor | guidelines | recommendations | pages | a load+validate | b Markdown | c MkDocs | d Pagefind "
        f"| site build (a–d) | generator share (a+b) | {pdf_heads} |",
        "|" + "---:|" * (10 + len(pdf_stages)),
    ]
    for f in factors:
        total = site_seconds(f)
        generator = (stage_seconds(f, "load") or 0) + (stage_seconds(f, "markdown") or 0)
        cells = [f"{f['factor']}×", str(f.get("guidelines", "–")), str(f.get("recommendations", "–")), str(f.get("pages", "–"))]
        cells += [_seconds_cell(f, name) for name in SITE_STAGES]
        cells += [f"{total:.1f}" if total is not None else "–", f"{100 * generator / total:.0f}%" if total else "–"]
        cells += [_seconds_cell(f, name) for name in pdf_stages]
        lines.append("| " + " | ".join(cells) + " |")
    if 10 in by_factor and 100 in by_factor:
        ten, hundred = by_factor[10], by_factor[100]
        cells = ["10×→100×", "", "", ""]
        cells += [_ratio(stage_seconds(ten, n), stage_seconds(hundred, n)) for n in SITE_STAGES]
        cells += [_ratio(site_seconds(ten), site_seconds(hundred)), ""]
        cells += [_ratio(stage_seconds(ten, n), stage_seconds(hundred, n)) for n in pdf_stages]
        lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("Growth 10×→100×: ten times the content, so about 10× is linear.")
    # Writing the docs tree is mostly the disk's work (thousands of small files and folders), and
    # on a shared virtual disk it varies several-fold between runs: shown apart from rendering.
    split: list[str] = []
    warm: list[str] = []
    for f in factors:
        inner = (f["stages"].get("markdown") or {}).get("inner") or {}
        if "render_seconds" in inner:
            split.append(
                f"{f['factor']}×: render {inner['render_seconds']:.2f} s, write {inner['write_seconds']:.2f} s ({inner['files']} files)"
            )
        total = site_seconds(f)
        if "warm_seconds" in inner and total:
            generator = (stage_seconds(f, "load") or 0) + inner["warm_seconds"]
            share = 100 * generator / (total - inner["seconds"] + inner["warm_seconds"])
            warm.append(
                f"{f['factor']}×: {inner['warm_seconds']:.2f} s ({inner['warm_written']} files written), generator share {share:.0f}%"
            )
    repeated = [
        f"{f['factor']}× {LABELS[name][0]} " + " / ".join(f"{seconds:.2f}" for seconds in f["stages"][name]["runs"])
        for f in factors
        for name in ("load", "markdown")
        if len((f["stages"].get(name) or {}).get("runs", [])) > 1
    ]
    if repeated:
        lines += ["", "a and b are the median of their runs, in seconds: " + "; ".join(repeated) + "."]
    if split:
        lines += ["", "b Markdown, of which: " + "; ".join(split) + "."]
    if warm:
        lines += ["", "b Markdown again, with the docs tree of the first run in place: " + "; ".join(warm) + "."]
    lines += [
        "",
        "Peak memory per stage, MiB (largest process; for the PDFs also all processes together):",
        "",
        f"| factor | a load+validate | b Markdown | c MkDocs | d Pagefind | {pdf_heads} |",
        "|" + "---:|" * (5 + len(pdf_stages)),
    ]
    for f in factors:
        cells = [f"{f['factor']}×"]
        for name in (*SITE_STAGES, *pdf_stages):
            stage = f["stages"].get(name)
            if stage is None:
                cells.append("–")
            elif name.startswith("pdf"):
                cells.append(f"{_mib(stage['peak_mib'])} / {_mib(stage['tree_peak_mib'])}")
            else:
                cells.append(_mib(stage["peak_mib"]))
        lines.append("| " + " | ".join(cells) + " |")
    if 10 in by_factor and 100 in by_factor:
        ten, hundred = by_factor[10]["stages"], by_factor[100]["stages"]
        cells = ["10×→100×"]
        for name in (*SITE_STAGES, *pdf_stages):
            a, b = ten.get(name), hundred.get(name)
            cells.append(_ratio(a["peak_mib"], b["peak_mib"]) if a and b else "–")
        lines.append("| " + " | ".join(cells) + " |")
    busy = [
        f"{f['factor']}× {LABELS[name]} ({stage['others_busy']:.0%})"
        for f in factors
        for name, stage in f["stages"].items()
        if (stage.get("others_busy") or 0) > BUSY
    ]
    if busy:
        lines += ["", f"\\* Other programs used more than {BUSY:.0%} of the CPU meanwhile: " + ", ".join(busy) + "."]
    return "\n".join(lines)


def _git(*arguments: str) -> str:
    """The commit and the uncommitted changes the figures belong to."""
    completed = subprocess.run(["git", *arguments], cwd=REPO, capture_output=True, text=True, check=False)
    return completed.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factors", default="1,10,100", help="comma-separated scale factors (default: 1,10,100)")
    parser.add_argument("--work", type=Path, help="keep the corpora, docs, sites and PDFs here (default: a scratch folder)")
    parser.add_argument("--no-pdf", action="store_true", help="skip stage e")
    parser.add_argument("--pdf-timeout", type=float, default=900, help="stop a PDF run after this many seconds (default: 900)")
    parser.add_argument(
        "--rest-timeout",
        type=float,
        default=3600,
        help="after a stopped cold run, render what it left over, for at most this long (default: 3600)",
    )
    parser.add_argument(
        "--quiet-below",
        type=float,
        default=0.2,
        help="before each stage, wait until other programs use less than this share of the CPU (default: 0.2)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="run stages a and b this many times and keep the median: seconds-long stages vary by a third "
        "between runs on a shared machine (default: 3)",
    )
    parser.add_argument("--quiet-wait", type=float, default=300, help="but wait at most this many seconds (default: 300)")
    parser.add_argument(
        "--table",
        type=Path,
        nargs="+",
        help="only print the tables of saved runs (several: one table, a later file's factor wins)",
    )
    # The stage processes: the parent starts this file again with these.
    parser.add_argument("--stage", choices=["load", "markdown"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--attempt", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        stage_process(args.stage, args.corpus, args.config, args.attempt)
        return
    if args.table:
        merged: dict[int, dict[str, Any]] = {}
        for saved in args.table:
            merged.update({f["factor"]: f for f in json.loads(saved.read_text(encoding="utf-8"))["factors"]})
        print(tables({"factors": [merged[factor] for factor in sorted(merged)]}))
        return

    factors = [int(f) for f in args.factors.split(",")]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(exist_ok=True)
    json_file, table_file = RESULTS / f"run-{stamp}.json", RESULTS / f"run-{stamp}.md"
    run: dict[str, Any] = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "commit": _git("rev-parse", "HEAD"),
        "changed_files": _git("status", "--porcelain").splitlines(),
        "factors": [],
    }

    def save() -> None:
        json_file.write_text(json.dumps(run, indent=2, ensure_ascii=False), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for factor in factors:
            print(f"{factor}x: corpus and stages in {work / f'{factor}x'}", file=sys.stderr, flush=True)
            result: dict[str, Any] = {"factor": factor, "stages": {}}
            run["factors"].append(result)
            bench_factor(result, work, args, save)
    run["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    save()
    text = tables(run)
    table_file.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nSaved: {json_file.relative_to(REPO)}, {table_file.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
