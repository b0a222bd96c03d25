"""`richtlijnen release VERSION`: build everything as VERSION and deploy it with mike to gh-pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import tempfile
from pathlib import Path

import click
from mike import commands as mike

from generator.commands.options import config_option, source_dirs, summary
from generator.commands.pdf import report_warnings
from generator.problems import BuildError
from generator.publish import publish
from generator.release.history import TAG_PREFIX, corpus_at, git, releases, version_key
from generator.release.render import CHANGES_PAGE, ReleaseHistory, render_release_docs
from generator.render.settings import read_site_settings
from generator.stages import read_corpus

VERSION_PATTERN = re.compile(r"^[0-9][0-9A-Za-z.-]*$")


@click.command("release")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@click.argument("version")
@source_dirs
@config_option
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    default=("latest",),
    show_default=True,
    help="Alias voor deze versie (herhaalbaar); intranetlinks naar /latest/ volgen de nieuwste versie.",
)
@click.option(
    "--set-default/--no-set-default",
    default=True,
    show_default=True,
    help="Laat de hoofdpagina van de site doorverwijzen naar de eerste alias (of naar deze versie).",
)
@click.option("--title", default=None, help="Titel in de versiekeuze (standaard: de versie).")
@click.option("--branch", default="gh-pages", show_default=True, help="Branch waarin de gepubliceerde versies staan.")
@click.option("--push", is_flag=True, help="Push de branch en de versietag daarna naar --remote.")
@click.option("--remote", default="origin", show_default=True, help="Remote voor --push.")
def command(
    version: str,
    content_dir: Path,
    checklists_dir: Path,
    config_file: Path,
    aliases: tuple[str, ...],
    set_default: bool,
    title: str | None,
    branch: str,
    push: bool,
    remote: str,
) -> None:
    """Bouw alles als versie VERSION en publiceer die met mike in de gh-pages-branch."""
    if not VERSION_PATTERN.match(version) or version in aliases:
        raise click.BadParameter(f"'{version}' is geen bruikbaar versienummer (bijv. 2026.2)", param_hint="VERSION")
    repo = Path.cwd()
    _require_committed(repo, content_dir, checklists_dir)
    tag = _ensure_tag(repo, version)

    corpus = read_corpus(content_dir, checklists_dir)
    base = read_site_settings(config_file, version)
    root_url = base.site_url
    # Each version lives in its own folder: its pages, QR codes and canonical links say so.
    settings = dataclasses.replace(base, site_url=f"{root_url}{version}/")
    click.echo(f"Inhoud in orde: {summary(corpus)}.")

    earlier = [r for r in releases(repo) if version_key(r.version) < version_key(version)]
    history = ReleaseHistory(
        version=version,
        date=dt.date.today().isoformat(),
        corpus=corpus,
        earlier=[(r, corpus_at(repo, r.tag, content_dir, checklists_dir)) for r in earlier],
    )
    release_docs = render_release_docs(history, root_url, base.site_name)
    with tempfile.TemporaryDirectory(prefix="richtlijnen-release-") as scratch:
        site_dir = Path(scratch) / "site"
        publish(
            corpus,
            settings,
            site_dir,
            extra_docs=release_docs,
            extra_nav=[{"Wat is er veranderd": CHANGES_PAGE}],
            extra_config={"version": {"provider": "mike", "default": list(aliases) or version, "alias": True}},
            on_pdf=report_warnings,
        )
        with mike.deploy(
            {"site_dir": str(site_dir), "use_directory_urls": True},
            version,
            title,
            list(aliases),
            True,
            branch=branch,
            allow_empty=True,
        ):
            pass  # the site is already built; mike commits it on leaving the block
        if set_default:
            mike.set_default(aliases[0] if aliases else version, branch=branch, allow_empty=True)
    previous = f" (vergeleken met {earlier[-1].version})" if earlier else " (eerste versie)"
    click.echo(f"Versie {version} gepubliceerd in branch {branch}{previous}; tag {tag}.")
    if push:
        git(repo, "push", remote, branch, f"refs/tags/{tag}")
        click.echo(f"Gepusht naar {remote}.")


def _require_committed(repo: Path, *folders: Path) -> None:
    """A release is read back from its tag later, so what is published must be what is committed."""
    status = git(repo, "status", "--porcelain", "--", *(str(f) for f in folders)).decode().strip()
    if status:
        raise BuildError(
            "er zijn niet-vastgelegde wijzigingen in de inhoud; commit ze eerst, zodat de release later "
            f"terug te lezen is:\n{status}"
        )


def _ensure_tag(repo: Path, version: str) -> str:
    tag = f"{TAG_PREFIX}{version}"
    head = git(repo, "rev-parse", "HEAD").decode().strip()
    existing = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if existing and existing != head:
        raise BuildError(f"tag {tag} bestaat al en wijst naar een andere commit ({existing[:10]}) dan HEAD ({head[:10]})")
    if not existing:
        git(repo, "tag", "-a", tag, "-m", f"Richtlijnen versie {version}")
    return tag
