"""The `richtlijnen` command: a thin click layer over the library; one module per verb in commands/."""

from __future__ import annotations

import sys
from typing import Any

import click

from generator import __version__
from generator.commands import build, check, pdf, release, schema, serve
from generator.problems import BuildError, ContentError


class RichtlijnenGroup(click.Group):
    """Turns library errors into Dutch messages and exit codes; tracebacks only with --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            if ctx.meta.get("debug"):
                raise
            for problem in exc.problems.sorted():
                click.echo(str(problem), err=True)
            count = len(exc.problems.sorted())
            click.echo(f"{count} {'probleem' if count == 1 else 'problemen'} gevonden.", err=True)
            sys.exit(1)
        except BuildError as exc:
            if ctx.meta.get("debug"):
                raise
            click.echo(f"Bouwen mislukt: {exc}", err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if ctx.meta.get("debug"):
                raise
            click.echo(f"Interne fout: {type(exc).__name__}: {exc}", err=True)
            click.echo("Draai opnieuw met 'richtlijnen --debug …' voor de details.", err=True)
            sys.exit(2)


@click.group(cls=RichtlijnenGroup)
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@click.option("--debug", is_flag=True, help="Toon bij een fout de volledige traceback.")
@click.version_option(__version__, prog_name="richtlijnen", message="%(prog)s %(version)s", help="Toon de versie en stop.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Publiceer de Richtlijnen Jeugdhulp en Jeugdbescherming als website en zakgids."""
    ctx.meta["debug"] = debug


main.add_command(check.command)
main.add_command(build.command)
main.add_command(schema.command)
main.add_command(serve.command)
main.add_command(release.command)
main.add_command(pdf.command)
