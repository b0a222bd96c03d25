"""`richtlijnen serve`: the preview follows an edit to the YAML without a manual rebuild."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import MINIMAL, REPO


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch_until(url: str, needle: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                last = str(response.read().decode("utf-8"))
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout} s")


def test_serve_regenerates_after_an_edit(tmp_path: Path) -> None:
    tree = Path(shutil.copytree(MINIMAL, tmp_path / "tree"))
    # A config of its own, so the preview writes into tmp_path and not into the repository's build/.
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: build/docs\n", encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "generator", "serve",
            "--content", str(tree / "content"), "--checklists", str(tree / "checklists"),
            "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/proefrichtlijn/hoofdstuk/"
        _fetch_until(url, "Interventies", timeout=60)
        chapter = tree / "content" / "proef" / "01-hoofdstuk.yaml"
        chapter.write_text(chapter.read_text("utf-8").replace("title: Interventies", "title: Evalueren en bijsturen"), "utf-8")
        _fetch_until(url, "Evalueren en bijsturen", timeout=60)
        assert (tmp_path / "build" / "docs" / "proefrichtlijn" / "hoofdstuk.md").is_file()
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
