"""`richtlijnen build`: strict MkDocs, moved ids keep their short links, a failed build changes nothing."""

from __future__ import annotations

import math
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.problems import BuildError
from generator.render.engine import engine_config
from generator.render.teksten import for_scripts, section
from generator.write.files import MARKER, write_tree
from generator.write.site import new_site, run_engine
from tests.conftest import MINIMAL, REPO, build_site_into


def test_build_output_and_release_label(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "uithuisplaatsing-en-terugplaatsing" / "na-de-crisis" / "index.html").is_file()
    assert (built_site / "r" / "uhp-voorkomen-1" / "index.html").is_file()


def test_release_option_and_a_moved_recommendations_old_short_link(tmp_path: Path) -> None:
    """One build of the minimal fixture (the session's site shows the default release): --release
    reaches the pages and their Reageer links, and a former id keeps its short link."""
    tree = Path(shutil.copytree(MINIMAL, tmp_path / "tree"))
    chapter = tree / "content" / "proef" / "01-hoofdstuk.yaml"
    chapter.write_text(
        chapter.read_text("utf-8").replace("      - id: proef-2\n", "      - id: proef-2\n        former_ids: [proef-oud-7]\n"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    args = ["--content", str(tree / "content"), "--checklists", str(tree / "checklists"), "--release", "2026.2"]
    completed = build_site_into(site, *args)
    assert completed.returncode == 0, completed.stderr
    html = (site / "proefrichtlijn" / "hoofdstuk" / "index.html").read_text("utf-8")
    assert "Versie 2026.2" in html
    assert "versie%202026.2" in html  # the Reageer link carries the version too
    redirect = (site / "r" / "proef-oud-7" / "index.html").read_text("utf-8")
    assert re.search(r'url=\.\./\.\./proefrichtlijn/hoofdstuk/#proef-2"', redirect)
    assert "proef-oud-7 heet nu proef-2." in redirect


def test_content_error_leaves_previous_site_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    broken = tmp_path / "tree"
    shutil.copytree(MINIMAL, broken)
    (broken / "content" / "proef" / "01-hoofdstuk.yaml").write_text("", encoding="utf-8")
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        main, ["build", "--site-dir", str(site), "--content", str(broken / "content"), "--checklists", str(broken / "checklists")]
    )
    assert result.exit_code == 1
    assert "bestand is leeg" in result.stderr
    assert (site / "index.html").read_text("utf-8") == "vorige versie"


def test_mkdocs_failure_leaves_previous_site_untouched(tmp_path: Path) -> None:
    # A Markdown link to an anchor that does not exist: link validation plus --strict must stop it.
    docs = tmp_path / "docs"
    write_tree({"index.md": "# Start\n\n[Weg](index.md#bestaat-niet)\n"}, docs)
    config = tmp_path / "mkdocs.generated.yml"
    # A whole MkDocs config, as the generator writes one: the engine's settings, a site name, and
    # what the theme's templates read (render/site.py), so that the build gets as far as the link.
    shown = {"teksten": {"thema": section("thema"), "scripts": for_scripts()}, "richtlijnen_lijst": []}
    engine = engine_config()
    engine["extra"] = {**(engine.get("extra") or {}), "richtlijnen": {"release": "proef"}, **shown}
    config.write_text(yaml.safe_dump({"site_name": "Proef", **engine, "docs_dir": "docs"}), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    (site / MARKER).write_text("", encoding="utf-8")  # an earlier build's: only those are replaced
    with pytest.raises(BuildError, match="bestaat-niet"), new_site(site) as scratch:
        run_engine("mkdocs", config, scratch)
    assert (site / "index.html").read_text("utf-8") == "vorige versie"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.generated.yml", "site"]  # no scratch left


def test_unchanged_sources_are_not_rewritten(tmp_path: Path) -> None:
    tree: dict[str, str | bytes] = {"a.md": "een\n", "sub/b.md": "twee\n"}
    first = write_tree(tree, tmp_path)
    before = (tmp_path / "a.md").stat().st_mtime_ns
    second = write_tree({**tree, "sub/b.md": "drie\n"}, tmp_path)
    assert (first.written, second.written, second.unchanged) == (2, 1, 1)
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    third = write_tree({"a.md": "een\n"}, tmp_path)
    assert third.removed == 1
    assert not (tmp_path / "sub").exists()


def test_editing_one_recommendation_rewrites_only_its_page(tmp_path: Path) -> None:
    from generator.render.settings import read_site_settings
    from generator.render.site import render_docs_tree
    from generator.stages import read_corpus

    tree = Path(shutil.copytree(REPO / "content", tmp_path / "content"))
    sources = Path(shutil.copytree(REPO / "sources", tmp_path / "sources"))
    settings = read_site_settings(REPO / "mkdocs.yml")
    docs = tmp_path / "docs"
    first = write_tree(render_docs_tree(read_corpus(tree, REPO / "checklists"), settings), docs)
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    # The publisher reworded a sentence, and the editor followed: the source and the chapter change.
    for path in (tree / "residentiele-jeugdhulp" / "04-vasthouden-van-resultaten.yaml", sources / "002_047a0c9691f90531.txt"):
        text = path.read_text("utf-8")
        assert "In deze fase krijgt de jeugdige meer vrijheid" in text
        path.write_text(
            text.replace("In deze fase krijgt de jeugdige meer vrijheid", "In deze fase krijgt de jeugdige veel meer vrijheid"),
            "utf-8",
        )
    second = write_tree(render_docs_tree(read_corpus(tree, REPO / "checklists"), settings), docs)
    changed = sorted(p.relative_to(docs).as_posix() for p in mtimes if p.stat().st_mtime_ns != mtimes[p])
    # The chapter page, the checklist that shows this recommendation's text beside its item, and
    # the recommendation's card for intranets.
    assert changed == [
        "checklists/inventarisatie-hulp-na-vertrek.md",
        "embed/rjh-vasthouden-5/index.html",
        "residentiele-jeugdhulp/vasthouden-van-resultaten-na-vertrek.md",
    ]
    assert (second.written, second.removed) == (3, 0)
    assert first.written == len(mtimes)


def _nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    assert isinstance(node, list)
    return [page for item in node for page in _nav_pages(item)]


def _assert_alphabetical_runs(label: str, runs: list[dict[str, list[dict[str, object]]]], titles: list[str]) -> None:
    """Runs of about the square root of the titles each, in alphabetical order, each named after
    the initials of its first and last title ("Richtlijnen G–R", or "Richtlijnen S" for one)."""

    def sort_key(title: str) -> str:  # "Residentiële" sorts as "residentiele"
        return unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()

    size = math.ceil(math.sqrt(len(titles)))
    assert 1 < len(runs) <= size
    in_runs = [[next(iter(item)) for item in next(iter(run.values()))] for run in runs]
    assert [t for run in in_runs for t in run] == sorted(titles, key=sort_key)
    assert all(0 < len(run) <= size for run in in_runs)
    names = [next(iter(run)) for run in runs]
    for name, run in zip(names, in_runs, strict=True):
        first, last = sort_key(run[0])[:1].upper(), sort_key(run[-1])[:1].upper()
        assert re.sub(r" \(\d+\)$", "", name) == (f"{label} {first}" if first == last else f"{label} {first}–{last}")
    assert len(set(names)) == len(names)


def test_many_guidelines_are_grouped_in_the_sidebar(tmp_path: Path) -> None:
    """With navigation.prune, a page carries only the visible part of the sidebar: in alphabetical
    runs, that stays near the square root of the number of guidelines instead of all of them."""
    import yaml

    from bench.corpus import scale
    from generator.render.settings import read_site_settings
    from generator.render.site import NAV_FLAT_LIMIT, render_docs_tree, render_mkdocs_config
    from generator.stages import read_corpus

    settings = read_site_settings(REPO / "mkdocs.yml")
    small = read_corpus(REPO / "content", REPO / "checklists")
    flat = yaml.safe_load(render_mkdocs_config(settings, small, tmp_path))["nav"]
    titles = [e.guideline.title for e in small.guidelines]
    assert [next(iter(item)) for item in flat][1 : 1 + len(titles)] == titles

    scale(10, tmp_path / "10x")
    corpus = read_corpus(tmp_path / "10x" / "content", tmp_path / "10x" / "checklists")
    assert len(corpus.guidelines) == 10 * len(small.guidelines) > NAV_FLAT_LIMIT
    nav = yaml.safe_load(render_mkdocs_config(settings, corpus, tmp_path))["nav"]
    runs = [item for item in nav if next(iter(item)).startswith("Richtlijnen ")]
    _assert_alphabetical_runs("Richtlijnen", runs, [e.guideline.title for e in corpus.guidelines])
    checklist_runs = next(item["Checklists"] for item in nav if "Checklists" in item)[1:]
    _assert_alphabetical_runs("Checklists", checklist_runs, [c.title for c in corpus.checklists])
    # Every page is in the sidebar once, so MkDocs warns of none (strict build).
    pages = [p for p in render_docs_tree(corpus, settings, downloads=False) if p.endswith(".md") and not p.startswith("r/")]
    assert sorted(_nav_pages(nav)) == sorted(pages)


def test_instant_navigation_is_off_beyond_the_page_limit(tmp_path: Path) -> None:
    """Material parses all of sitemap.xml on every page load when instant navigation is on; a large
    publication loads each page in full instead. MkDocs itself must read the features that way."""
    from mkdocs.config import load_config

    from bench.corpus import scale
    from generator.render.settings import read_site_settings
    from generator.render.site import INSTANT_NAVIGATION_PAGE_LIMIT, render_mkdocs_config
    from generator.stages import read_corpus

    settings = read_site_settings(REPO / "mkdocs.yml")
    assert "navigation.instant" in settings.theme_features

    def features_seen_by_mkdocs(corpus_dir: Path | None) -> tuple[int, list[str]]:
        content, checklists = (
            (corpus_dir / "content", corpus_dir / "checklists") if corpus_dir else (REPO / "content", REPO / "checklists")
        )
        corpus = read_corpus(content, checklists)
        pages = 2 + sum(1 + len(e.chapters) for e in corpus.guidelines) + len(corpus.checklists) + 1
        config_file = tmp_path / f"mkdocs-{pages}.yml"
        config_file.write_text(render_mkdocs_config(settings, corpus, tmp_path), encoding="utf-8")
        (tmp_path / "docs").mkdir(exist_ok=True)
        return pages, list(load_config(str(config_file)).theme["features"])

    pages, features = features_seen_by_mkdocs(None)
    assert pages <= INSTANT_NAVIGATION_PAGE_LIMIT and features == list(settings.theme_features)

    scale(20, tmp_path / "20x")
    pages, features = features_seen_by_mkdocs(tmp_path / "20x")
    assert pages > INSTANT_NAVIGATION_PAGE_LIMIT
    assert features == [f for f in settings.theme_features if f != "navigation.instant"]
    assert "navigation.prune" in features


def test_the_generated_config_reads_the_docs_folder_mkdocs_yml_names(tmp_path: Path) -> None:
    """The generated config sits next to the docs tree; MkDocs must look for that folder by its
    own name, not by the default one."""
    from mkdocs.config import load_config

    from generator.render.settings import read_site_settings
    from generator.render.site import render_mkdocs_config
    from generator.stages import GENERATED_CONFIG, read_corpus

    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: uitvoer/bronnen\n", encoding="utf-8")
    settings = read_site_settings(config)
    assert settings.docs_dir == tmp_path / "uitvoer" / "bronnen"
    build_dir = settings.docs_dir.parent
    settings.docs_dir.mkdir(parents=True)
    generated = build_dir / GENERATED_CONFIG
    corpus = read_corpus(REPO / "content", REPO / "checklists")
    generated.write_text(render_mkdocs_config(settings, corpus, build_dir), encoding="utf-8")
    assert Path(load_config(str(generated)).docs_dir) == settings.docs_dir.resolve()
