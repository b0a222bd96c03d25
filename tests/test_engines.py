"""The same generated tree, built by another engine (README, "Engines").

ProperDocs must give the very site MkDocs gives, byte for byte but for the generator tag; Zensical
must give every page. The browser tests run on each engine's site as well (scripts/test.sh, with
RICHTLIJNEN_TEST_ENGINE; tests/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_site_into

# These compare the engines themselves, so they run once, in the MkDocs run (tests/conftest.py);
# in the runs beside it they would also wait for its lock on the repository's build/docs.
pytestmark = pytest.mark.engine_independent

# Material writes it into every page: <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def without_generator_tag(name: str, data: bytes) -> bytes:
    return GENERATOR_TAG.sub(b"", data) if name.endswith(".html") else data


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: Path, tmp_path: Path) -> None:
    completed = build_site_into(tmp_path / "site", "--engine", "properdocs")
    assert completed.returncode == 0, completed.stderr
    mkdocs, properdocs = files(built_site), files(tmp_path / "site")
    assert sorted(properdocs) == sorted(mkdocs)
    different = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    # The tag differs in every page, and so do the byte counts of the offline lists (offline.json
    # and the control files in offline/), which weigh the pages.
    counts = re.compile(r"offline\.json|offline/[^/]+\.json")
    assert all(name.endswith(".html") or counts.fullmatch(name) for name in different), different
    assert GENERATOR_TAG.search(properdocs["index.html"]).group() == (  # type: ignore[union-attr]
        b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'
    )
    for name in different:
        if name.endswith(".html"):
            assert without_generator_tag(name, properdocs[name]) == without_generator_tag(name, mkdocs[name]), name


def test_zensical_builds_every_page(built_site: Path, tmp_path: Path) -> None:
    """Every page and download of the MkDocs site, from the same generated tree; the browser tests
    on Zensical's site (RICHTLIJNEN_TEST_ENGINE=zensical) look at what is on them."""
    completed = build_site_into(tmp_path / "site", "--engine", "zensical")
    assert completed.returncode == 0, completed.stderr
    site = tmp_path / "site"
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.suffix in {".html", ".pdf"}}
    assert pages and all((site / page).is_file() for page in pages)
    # Zensical writes only below the build folder (its site, its cache) and the site itself.
    assert not (REPO_BUILD / "zensical-site").exists()


REPO_BUILD = Path(__file__).resolve().parents[1] / "build"


def test_a_zensical_run_that_writes_no_site_is_a_dutch_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a later Zensical write elsewhere: no traceback, and the scratch folder stays empty."""
    from generator.problems import BuildError
    from generator.write import site as site_module

    monkeypatch.setattr(site_module, "run_tool", lambda command, name: None)  # an engine that writes nothing
    (tmp_path / "build").mkdir()
    (tmp_path / "scratch").mkdir()
    with pytest.raises(BuildError) as raised:
        site_module.run_engine("zensical", tmp_path / "build" / "mkdocs.generated.yml", tmp_path / "scratch")
    assert str(raised.value) == (
        f"Zensical meldde geen fout, maar schreef geen site in {tmp_path / 'build' / 'zensical-site'}; "
        "de vorige site is niet aangeraakt."
    )
    assert not any((tmp_path / "scratch").iterdir())
