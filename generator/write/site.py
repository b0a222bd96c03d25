"""Run the real MkDocs on the generated tree, and publish the result only if everything succeeded."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.problems import BuildError


def build_site(config_file: Path, site_dir: Path, extra_steps: list[list[str]] | None = None) -> None:
    """`mkdocs build --strict` into a scratch folder next to `site_dir`, then swap it in.

    A failed build leaves the previous site untouched: the swap is the last step.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-nieuw-", dir=site_dir.parent))
    try:
        _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(scratch)], "MkDocs")
        for step in extra_steps or []:
            _run([arg.replace("{site}", str(scratch)) for arg in step], step[0])
        _swap(scratch, site_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(command: list[str], name: str) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr + completed.stdout).strip()
        raise BuildError(f"{name} kon de site niet bouwen; de vorige site is niet aangeraakt.\n{output[-4000:]}")


def _swap(new: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}-oud")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
