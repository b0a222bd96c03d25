"""Rendering and writing the docs tree in two processes gives what one process gives.

Each check runs in a fresh interpreter: the test session itself has threads (the site server,
the browser driver), and then the generator rightly declines to fork and works in one process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO


def run_python(code: str) -> dict[str, object]:
    """Run `code` in a fresh interpreter at the repository root; it prints one JSON object."""
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, check=False, timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def test_the_second_half_runs_in_another_process_and_its_result_comes_back() -> None:
    result = run_python(
        """
        import json, os
        from generator.parallel import in_two_processes
        parent = os.getpid()
        mine, theirs = in_two_processes(os.getpid, lambda: (os.getpid(), "ü" * 100_000))
        print(json.dumps({"parent": parent, "mine": mine, "theirs": theirs[0], "text": theirs[1] == "ü" * 100_000}))
        """
    )
    assert result["mine"] == result["parent"]
    assert result["theirs"] != result["parent"]
    assert result["text"] is True  # larger than a pipe holds at once


def test_a_failure_in_the_forked_half_is_raised_in_the_parent_with_its_traceback() -> None:
    result = run_python(
        """
        import json, os
        from generator.parallel import ForkedHalfError, in_two_processes
        def second():
            raise OSError(28, "Geen ruimte meer op het apparaat")
        try:
            in_two_processes(lambda: 1, second)
        except ForkedHalfError as exc:
            print(json.dumps({"message": str(exc), "notes": exc.__notes__}))
        """
    )
    assert result["message"] == "OSError: [Errno 28] Geen ruimte meer op het apparaat"
    notes = result["notes"]
    assert isinstance(notes, list)
    assert "Traceback" in notes[0]
    assert "in second" in notes[0]


def test_with_another_thread_running_both_halves_run_here() -> None:
    result = run_python(
        """
        import json, os, threading
        from generator.parallel import in_two_processes
        stop = threading.Event()
        watcher = threading.Thread(target=stop.wait)
        watcher.start()
        mine, theirs = in_two_processes(os.getpid, os.getpid)
        stop.set()
        print(json.dumps({"parent": os.getpid(), "mine": mine, "theirs": theirs}))
        """
    )
    assert result["mine"] == result["theirs"] == result["parent"]


def test_the_docs_tree_in_two_processes_is_the_tree_of_one(tmp_path: Path) -> None:
    """The bundled content, rendered and then written (more than the 200 files from which the
    writer splits), once forked and once with a thread running so that nothing forks."""
    result = run_python(
        f"""
        import json, os, threading
        from pathlib import Path
        from generator import parallel
        from generator.render.settings import read_site_settings
        from generator.render.site import render_docs_tree
        from generator.stages import read_corpus
        from generator.write.files import write_tree

        corpus = read_corpus(Path("content"), Path("checklists"))
        settings = read_site_settings(Path("mkdocs.yml"))
        forks = []
        real_fork = os.fork
        def counting_fork():
            forks.append(1)
            return real_fork()
        os.fork = counting_fork

        def build(folder):
            tree = render_docs_tree(corpus, settings, downloads=False)
            tree.update({{f"extra/{{n}}/index.html": f"<p>{{n}}</p>" for n in range(200)}})
            first = write_tree(tree, Path(folder))
            again = write_tree(tree, Path(folder))
            files = {{p.relative_to(folder).as_posix(): p.read_bytes().decode() for p in Path(folder).rglob("*") if p.is_file()}}
            return tree, files, (first.written, again.written, again.unchanged)

        forked_tree, forked_files, forked_counts = build("{tmp_path / "forked"}")
        forked = len(forks)
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()
        single_tree, single_files, single_counts = build("{tmp_path / "single"}")
        stop.set()
        print(json.dumps({{
            "forks": [forked, len(forks) - forked],
            "same_tree": forked_tree == single_tree and list(forked_tree) == list(single_tree),
            "same_files": forked_files == single_files,
            "files_are_the_tree": forked_files == {{k: v if isinstance(v, str) else v.decode() for k, v in forked_tree.items()}},
            "counts": [forked_counts, single_counts],
            "size": len(forked_tree),
        }}))
        """
    )
    assert result["forks"] == [3, 0]  # render, write, write again; none with the thread running
    assert result["same_tree"] is True
    assert result["same_files"] is True
    assert result["files_are_the_tree"] is True
    size = result["size"]
    assert isinstance(size, int) and size > 200
    assert result["counts"] == [[size, 0, size]] * 2
