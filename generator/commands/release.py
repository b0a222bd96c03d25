"""`richtlijnen release VERSION`: build everything as VERSION and deploy it with mike to gh-pages.

Everything that can fail is checked and built before anything is written: the commits on the
branch and the tag are made only once the site is ready, and the branch is put back when one of
them fails. A failed release leaves nothing behind, so it can simply be run again.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click
from mike import commands as mike
from mike import git_utils

from generator.build import build
from generator.commands.options import config_option, engine_option, source_dirs
from generator.commands.report import report_warnings, summary
from generator.load.discover import sources_folder
from generator.model.corpus import Corpus
from generator.problems import BuildError, ContentError, Location, Problems
from generator.release.history import TAG_PREFIX, Release, corpus_at, export, git, releases, version_key
from generator.release.names import TITLE_HELP, VERSION_PATTERN, check_aliases, check_title, check_version
from generator.release.published import Published, branch_tip, read_published, write_versions
from generator.release.render import CHANGES_PAGE, ReleaseHistory, render_release_docs
from generator.render.addresses import Address, versioned_site_url
from generator.render.settings import SiteSettings, read_config_file, read_site_settings
from generator.render.site import SITE_TEMPLATES
from generator.stages import SiteExtras
from generator.write.files import MARKER as OUTPUT_MARKER


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
    help="Alias voor deze versie (herhaalbaar; een letter, dan letters, cijfers, - of _); "
    "intranetlinks naar /latest/ volgen de nieuwste versie.",
)
@click.option(
    "--set-default/--no-set-default",
    default=True,
    show_default=True,
    help="Laat de hoofdpagina van de site doorverwijzen naar de eerste alias (of naar deze versie).",
)
@click.option("--title", default=None, help=f"Titel in de versiekeuze (standaard: de versie); alleen {TITLE_HELP}.")
@click.option(
    "--allow-older",
    is_flag=True,
    help="Publiceer ook een versie die lager is dan de nieuwste gepubliceerde; aliassen van nieuwere versies "
    "en de hoofdpagina blijven dan bij de nieuwste.",
)
@click.option("--branch", default="gh-pages", show_default=True, help="Branch waarin de gepubliceerde versies staan.")
@click.option("--push", is_flag=True, help="Push de branch en de versietag daarna naar --remote.")
@click.option("--remote", default="origin", show_default=True, help="Remote voor --push.")
@engine_option
def command(
    version: str,
    content_dir: Path,
    checklists_dir: Path,
    config_file: Path,
    aliases: tuple[str, ...],
    set_default: bool,
    title: str | None,
    allow_older: bool,
    branch: str,
    push: bool,
    remote: str,
    engine: str | None,
) -> None:
    """Bouw alles als versie VERSION en publiceer die met mike in de gh-pages-branch."""
    check_version(version)
    check_aliases(aliases)
    check_title(title)
    repo = Path.cwd()
    inputs = _inputs(repo, content_dir, checklists_dir, config_file)
    _check_branch(inputs, branch)
    _require_clean(inputs, version)
    head = _head(repo)
    published = read_published(repo, branch)
    _check_names(version, aliases, published)
    tag = f"{TAG_PREFIX}{version}"
    tag_exists = _check_tag(repo, tag, head, version, published)
    newest = published.newest()
    older = newest is not None and version_key(version) < version_key(newest)
    if older and not allow_older:
        raise BuildError(
            f"versie {version} is lager dan de nieuwste gepubliceerde versie ({newest}); "
            "geef --allow-older mee om toch een oudere versie te publiceren"
        )
    # An older version must not take an alias (latest above all) from a newer one.
    kept = {a: h for a in aliases if (h := published.holder(a)) and version_key(h) > version_key(version)} if older else {}
    deploy_aliases = [a for a in aliases if a not in kept]
    earlier = _earlier_releases(repo, version, published)

    with tempfile.TemporaryDirectory(prefix="richtlijnen-release-") as scratch:
        source, base = _export_sources(inputs, head, Path(scratch).resolve() / "bron", version, engine)
        root_url = base.site_url
        # Each version lives in its own folder: its pages, QR codes and canonical links say so.
        settings = dataclasses.replace(base, site_url=versioned_site_url(root_url, version))

        def release_pages(corpus: Corpus) -> SiteExtras:
            click.echo(f"Inhoud in orde: {summary(corpus)}.")
            history = ReleaseHistory(
                version=version,
                date=base.build_date,  # the day its PDFs print; SOURCE_DATE_EPOCH fixes it
                corpus=corpus,
                earlier=[(r, corpus_at(repo, r.tag, content_dir, checklists_dir)) for r in earlier],
            )
            return SiteExtras(
                docs=render_release_docs(history, root_url, base.site_name),
                nav=[{"Wat is er veranderd": CHANGES_PAGE}],
                # The requested aliases, also for an older version: they name the newest, which its
                # outdated banner links to.
                # changes_page: where each version's change page is in its folder, for the outdated
                # banner's link to the newest one.
                config={
                    "version": {"provider": "mike", "default": list(aliases) or version, "alias": True},
                    "changes_page": Address(CHANGES_PAGE).url,
                },
            )

        site_dir = Path(scratch) / "site"
        try:
            build(
                source / inputs.content,
                source / inputs.checklists,
                settings,
                site_dir,
                inputs=(content_dir, checklists_dir),
                extras=release_pages,
                on_pdf=report_warnings,
            )
        except ContentError as exc:
            raise _in_working_tree(exc, source, inputs.top) from None
        # The marker only tells later builds the folder is theirs; gh-pages does not need it.
        (site_dir / OUTPUT_MARKER).unlink(missing_ok=True)
        _commit(repo, published, version, title, deploy_aliases, set_default and not older, tag, head, tag_exists, site_dir)
    for note in published.repairs:
        click.echo(f"Let op: {note}.")
    if older:
        held = [f"alias {a} blijft bij versie {h}" for a, h in kept.items()]
        click.echo(
            f"Let op: versie {version} is ouder dan {newest}; " + "; ".join([*held, "de hoofdpagina verandert niet"]) + "."
        )
    previous = f" (vergeleken met {earlier[-1].version})" if earlier else " (eerste versie)"
    click.echo(f"Versie {version} gepubliceerd in branch {branch}{previous}; tag {tag}.")
    if push:
        git(repo, "push", remote, branch, f"refs/tags/{tag}")
        click.echo(f"Gepusht naar {remote}.")


@dataclass(frozen=True)
class Inputs:
    """What the site is built from, as paths relative to the top of the working tree."""

    top: Path
    content: str
    checklists: str
    config: Path  # the config file as given; read from the export when it lies in the working tree
    paths: list[str]  # everything the tag must hold as the working tree has it

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None


def _inputs(repo: Path, content_dir: Path, checklists_dir: Path, config_file: Path) -> Inputs:
    top = Path(git(repo, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    folders = []
    for folder in (content_dir, checklists_dir):
        try:
            folders.append(folder.resolve().relative_to(top).as_posix())
        except ValueError:
            raise BuildError(
                f"de map {folder} ligt buiten de git-repository ({top}); een release moet later uit haar tag terug te lezen zijn"
            ) from None
    # The config and the templates it points at may also lie outside (a shared config); only what
    # lies inside can be held by the tag.
    candidates = [*_config_chain(config_file), SITE_TEMPLATES]
    if sources_folder(content_dir).is_dir():  # the publisher's pages the text is checked against
        candidates.append(sources_folder(content_dir))
    custom_dir = read_site_settings(config_file).custom_dir
    if custom_dir is not None:
        candidates.append(custom_dir)
    inputs = Inputs(top, folders[0], folders[1], config_file, [])
    paths = list(folders)
    for candidate in candidates:
        relative = inputs.relative(candidate)
        if relative is not None and relative not in paths:
            paths.append(relative)
    return dataclasses.replace(inputs, paths=paths)


def _config_chain(config_file: Path) -> list[Path]:
    """The config file and every file it inherits from (`INHERIT:`), as MkDocs reads them."""
    chain: list[Path] = []
    current = config_file.resolve()
    while current not in chain:
        chain.append(current)
        try:
            raw = read_config_file(current)  # bounded: a config that inherits /dev/zero is refused
        except ContentError:
            break  # read_site_settings reports it, with its place in the file
        parent = raw.get("INHERIT") if isinstance(raw, dict) else None
        if not parent:
            break
        current = (current.parent / str(parent)).resolve()
    return chain


def _check_branch(inputs: Inputs, branch: str) -> None:
    """mike commits onto whatever ref the name resolves to: refuse anything but a branch of its own."""
    top = inputs.top
    if subprocess.run(
        ["git", "-C", str(top), "check-ref-format", "--branch", branch], capture_output=True, check=False
    ).returncode:
        raise BuildError(f"--branch {branch!r} is geen bruikbare branchnaam")
    resolved = subprocess.run(
        ["git", "-C", str(top), "rev-parse", "--symbolic-full-name", branch], capture_output=True, text=True, check=False
    )
    ref = resolved.stdout.strip() if resolved.returncode == 0 else f"refs/heads/{branch}"
    current = subprocess.run(["git", "-C", str(top), "symbolic-ref", "-q", "HEAD"], capture_output=True, text=True, check=False)
    if ref and current.stdout.strip() == ref:
        raise BuildError(f"--branch {branch} is de branch waarop je nu werkt; de site hoort in een eigen branch (bijv. gh-pages)")
    if ref != f"refs/heads/{branch}":
        raise BuildError(f"--branch {branch} is niet de naam van een branch" + (f" (het wijst naar {ref})" if ref else ""))
    if branch_tip(top, branch) is None:
        return
    for path in (inputs.content, inputs.checklists, inputs.relative(inputs.config)):
        if path and git(top, "ls-tree", ref, "--", path).strip():
            raise BuildError(
                f"--branch {branch} bevat de bronnen van de richtlijnen ({path}); de site hoort in een eigen branch (bijv. gh-pages)"
            )


STATUS_LABELS = {"??": "nieuw", "!!": "genegeerd door git"}


def _require_clean(inputs: Inputs, version: str) -> None:
    """The site is built from HEAD; what the working tree has besides would look published but is not in the tag."""
    status = git(
        inputs.top,
        "-c",
        "core.quotePath=false",
        "status",
        "--porcelain",
        "--ignored",
        "--untracked-files=all",
        "--",
        *inputs.paths,
    )
    lines = [line for line in status.decode("utf-8", "replace").splitlines() if line]
    if not lines:
        return
    listed = "\n".join(f"  {line[3:]} ({_label(line[:2])})" for line in lines)
    raise BuildError(
        "de werkmap wijkt af van de laatste commit in bestanden waaruit de site wordt gebouwd; commit ze of haal ze "
        f"weg, zodat de site is wat tag {TAG_PREFIX}{version} bevat:\n{listed}"
    )


def _label(code: str) -> str:
    if code in STATUS_LABELS:
        return STATUS_LABELS[code]
    return "verwijderd" if "D" in code else "gewijzigd"


def _head(repo: Path) -> str:
    completed = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "HEAD^{commit}"], capture_output=True, text=True, check=False
    )
    if not completed.stdout.strip():
        raise BuildError("er is nog geen commit; een release publiceert wat de laatste commit bevat")
    return completed.stdout.strip()


def _check_names(version: str, aliases: tuple[str, ...], published: Published) -> None:
    """mike refuses a name that is both a version and an alias; say so before anything is built."""
    for alias in aliases:
        if alias in published.names:
            raise BuildError(f"--alias {alias!r} is al een gepubliceerde versie in branch {published.branch}")
    holder = published.holder(version)
    if holder is not None:
        raise BuildError(f"versie {version} is in branch {published.branch} al een alias van versie {holder}")


def _check_tag(repo: Path, tag: str, head: str, version: str, published: Published) -> bool:
    existing = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if existing and existing != head:
        hint = (
            ""
            if version in published.names
            else f"; versie {version} is niet gepubliceerd, dus de tag is vermoedelijk over van een mislukte release: "
            f"verwijder hem met 'git tag -d {tag}' en probeer opnieuw"
        )
        raise BuildError(f"tag {tag} bestaat al en wijst naar een andere commit ({existing[:10]}) dan HEAD ({head[:10]}){hint}")
    return bool(existing)


def _earlier_releases(repo: Path, version: str, published: Published) -> list[Release]:
    """Earlier versions that are published and tagged: a tag alone (a failed or abandoned release)
    is no version a reader can open, and a folder without its tag cannot be compared."""
    tagged = releases(repo)
    untagged = sorted(
        (v for v in published.names - {r.version for r in tagged} if VERSION_PATTERN.fullmatch(v) and v != version),
        key=version_key,
    )
    for missing in untagged:
        click.echo(
            f"Let op: versie {missing} staat in branch {published.branch}, maar tag {TAG_PREFIX}{missing} ontbreekt; "
            "die versie telt niet mee in de wijzigingen en de feed."
        )
    return [r for r in tagged if r.version in published.names and version_key(r.version) < version_key(version)]


def _export_sources(inputs: Inputs, head: str, source: Path, version: str, engine: str | None) -> tuple[Path, SiteSettings]:
    """A clean export of HEAD, so the site is exactly what the tag holds (git status does not see
    everything: files marked skip-worktree, for one), and the settings read from it."""
    export(inputs.top, head, inputs.paths, source)
    (source / inputs.checklists).mkdir(parents=True, exist_ok=True)  # as `build` takes a missing one
    config = inputs.relative(inputs.config)
    try:
        settings = read_site_settings(source / config if config else inputs.config, version, engine)
    except ContentError as exc:
        raise _in_working_tree(exc, source, inputs.top) from None
    # The build folder stays where `build` has it, with its PDF cache; it is not an input.
    if settings.docs_dir.is_relative_to(source):
        settings = dataclasses.replace(settings, docs_dir=inputs.top / settings.docs_dir.relative_to(source))
    return source, settings


def _in_working_tree(exc: ContentError, source: Path, top: Path) -> ContentError:
    """Problems point at the editors' files, not at the export they were read from."""
    problems = Problems()
    for problem in exc.problems.items:
        path = problem.location.path
        if path.is_relative_to(source):
            path = top / path.relative_to(source)
        problems.add(Location(path, problem.location.line, problem.location.column), problem.key_path, problem.message)
    return ContentError(problems)


def _commit(
    repo: Path,
    published: Published,
    version: str,
    title: str | None,
    aliases: list[str],
    set_default: bool,
    tag: str,
    head: str,
    tag_exists: bool,
    site_dir: Path,
) -> None:
    """Every write of the release, in one go: when one fails, the branch is put back as it was."""
    branch = published.branch
    before = branch_tip(repo, branch)
    try:
        if published.repairs:
            write_versions(published)  # mike reads versions.json as it deploys
        with mike.deploy(
            {"site_dir": str(site_dir), "use_directory_urls": True},
            version,
            title,
            aliases,
            update_aliases=True,
            branch=branch,
            allow_empty=True,
        ):
            pass  # the site is already built; mike commits it on leaving the block
        if set_default:
            mike.set_default(aliases[0] if aliases else version, branch=branch, allow_empty=True)
        if not tag_exists:
            git(repo, "tag", "-a", tag, head, "-m", f"Richtlijnen versie {version}")
    except (git_utils.GitError, ValueError, BuildError) as exc:
        _restore(repo, branch, before)
        raise BuildError(
            f"versie {version} kon niet in branch {branch} worden gezet ({exc}); de branch is teruggezet en er is geen tag gemaakt"
        ) from exc
    except BaseException:
        _restore(repo, branch, before)
        raise


def _restore(repo: Path, branch: str, before: str | None) -> None:
    if before is not None:
        git(repo, "update-ref", f"refs/heads/{branch}", before)
    elif branch_tip(repo, branch) is not None:
        git(repo, "update-ref", "-d", f"refs/heads/{branch}")
