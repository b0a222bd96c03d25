"""`check` reads only regular files inside the two trees, and only so much of them.

The bad cases that can live in git are fixtures in tests/fixtures/invalid/ (alias-bomb,
deep-nesting, long-number, control-character, uppercase-suffix). These are the ones that cannot:
pipes, links to devices or out of the tree, and a file too large to commit. Each runs `check` as
a real process; the timeout only turns a hang into a failure instead of a stuck suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL


def check(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=tree, capture_output=True, text=True, timeout=60, check=False
    )


def tree_in(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(MINIMAL, tmp_path / "tree"))


def test_a_pipe_is_reported_not_read(tmp_path: Path) -> None:
    tree = tree_in(tmp_path)
    os.mkfifo(tree / "checklists" / "pijp.yaml")
    completed = check(tree)
    assert completed.returncode == 1
    assert completed.stderr == (
        "checklists/pijp.yaml:1:1: is geen gewoon bestand (maar een pipe, socket of apparaat); "
        "alleen gewone bestanden worden gelezen\n1 probleem gevonden.\n"
    )


def test_editors_lock_and_swap_files_are_not_read(tmp_path: Path) -> None:
    tree = tree_in(tmp_path)
    chapter_folder = tree / "content" / "proef"
    # Emacs' lock file while a buffer has unsaved changes: a link to nowhere.
    (chapter_folder / ".#01-hoofdstuk.yaml").symlink_to("redacteur@laptop.4242:1790000000")
    (chapter_folder / ".01-hoofdstuk.yaml.swp").write_bytes(b"\x00vim swap")
    (tree / "checklists" / ".proef-checklist.yaml").write_text("kapot: [", "utf-8")
    completed = check(tree)
    assert (completed.returncode, completed.stderr) == (0, "")


def test_a_link_to_a_device_is_reported_not_read(tmp_path: Path) -> None:
    tree = tree_in(tmp_path)
    (tree / "content" / "proef" / "02-nul.yaml").symlink_to("/dev/zero")
    completed = check(tree)
    assert completed.returncode == 1
    assert completed.stderr == (
        "content/proef/02-nul.yaml:1:1: verwijst (symbolische link) naar /dev/zero, buiten content/; "
        "zet het bestand zelf in de map\n1 probleem gevonden.\n"
    )


def test_a_link_out_of_the_tree_is_reported_and_one_inside_is_read(tmp_path: Path) -> None:
    tree = tree_in(tmp_path)
    outside = tmp_path / "elders.yaml"
    outside.write_text((MINIMAL / "checklists" / "proef-checklist.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tree / "checklists" / "elders.yaml").symlink_to(outside)
    (tree / "content" / "gekoppeld").symlink_to(tmp_path)
    completed = check(tree)
    assert completed.returncode == 1
    assert completed.stderr == (
        f"checklists/elders.yaml:1:1: verwijst (symbolische link) naar {outside}, buiten checklists/; "
        "zet het bestand zelf in de map\n"
        f"content/gekoppeld:1:1: verwijst (symbolische link) naar {tmp_path}, buiten content/; "
        "zet het bestand zelf in de map\n2 problemen gevonden.\n"
    )
    (tree / "checklists" / "elders.yaml").unlink()
    (tree / "content" / "gekoppeld").unlink()
    inside = tree / "content" / "proef" / "01-hoofdstuk.yaml"
    inside.rename(tree / "content" / "echt.txt")
    inside.symlink_to(tree / "content" / "echt.txt")
    assert check(tree).returncode == 0


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    tree = tree_in(tmp_path)
    big = tree / "content" / "proef" / "01-hoofdstuk.yaml"
    with big.open("a", encoding="utf-8") as file:
        file.write("# " + "x" * (1024 * 1024) + "\n")
    completed = check(tree)
    assert completed.returncode == 1
    assert completed.stderr == (
        "content/proef/01-hoofdstuk.yaml:1:1: bestand is te groot (meer dan 1024 KB); "
        "verdeel de inhoud over meer bestanden\n1 probleem gevonden.\n"
    )


def test_control_characters_in_a_key_are_never_echoed_raw(tmp_path: Path) -> None:
    tree = tree_in(tmp_path)
    chapter = tree / "content" / "proef" / "01-hoofdstuk.yaml"
    before = chapter.read_text(encoding="utf-8")
    chapter.write_text(before + '"titel\\e[2J\\a": x\n', encoding="utf-8")
    line = before.count("\n") + 1
    completed = check(tree)
    assert completed.returncode == 1
    assert "\x1b" not in completed.stderr and "\x07" not in completed.stderr
    assert completed.stderr == (
        f"content/proef/01-hoofdstuk.yaml:{line}:1: titel\\u001b[2J\\u0007: onbekende sleutel 'titel\\u001b[2J\\u0007'; "
        "toegestaan: id, former_ids, slug, number, title, sections\n1 probleem gevonden.\n"
    )
