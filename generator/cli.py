"""The `richtlijnen` command: a thin click layer over the library; one module per verb in commands/."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Any, ClassVar

import click

from generator import __version__
from generator.commands import build, check, init, pdf, release, schema, serve
from generator.problems import BuildError, ContentError


class DutchHelpFormatter(click.HelpFormatter):
    """click writes the frame of `-h` in English (Usage, Options, [default: …]); operators read Dutch."""

    HEADINGS: ClassVar[dict[str, str]] = {"Options": "Opties", "Commands": "Opdrachten", "Arguments": "Argumenten"}
    USAGE = (("[OPTIONS]", "[OPTIES]"), ("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]..."))
    EXTRAS = (("[default: ", "[standaard: "), ("[required]", "[verplicht]"), ("; required]", "; verplicht]"))
    METAVARS: ClassVar[dict[str, str]] = {
        "DIRECTORY": "MAP",
        "FILE": "BESTAND",
        "TEXT": "TEKST",
        "INTEGER": "GETAL",
        "PATH": "PAD",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, dutch in self.USAGE:
            args = args.replace(english, dutch)
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[override]
        translated = []
        for term, text in rows:
            for english, dutch in self.EXTRAS:
                text = text.replace(english, dutch)
            words = term.split(" ")
            translated.append((" ".join(self.METAVARS.get(word, word) for word in words), text))
        super().write_dl(translated, col_max, col_spacing)


class DutchContext(click.Context):
    formatter_class = DutchHelpFormatter


class RichtlijnenGroup(click.Group):
    """Turns library errors into Dutch messages and exit codes; tracebacks only with --debug."""

    context_class = DutchContext

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's own messages for a mistyped command line are English; these are said in Dutch."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "richtlijnen"
            click.echo(f"{dutch_usage_error(exc)}\nZie '{command} -h' voor de mogelijkheden.", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Afgebroken.", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            ctx.fail(f"onbekende opdracht '{name}'; kies uit: {', '.join(self.list_commands(ctx))}")
        return super().resolve_command(ctx, args)

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
        except BrokenPipeError:
            # The reader stopped reading (`richtlijnen check | head -1`): nothing to tell it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:
            if ctx.meta.get("debug"):
                raise
            click.echo(f"Interne fout: {type(exc).__name__}: {exc}", err=True)
            click.echo("Draai opnieuw met 'richtlijnen --debug …' voor de details.", err=True)
            sys.exit(2)


# click.Path's own reasons, in English.
PATH_PROBLEM = re.compile(
    r"^(?:File|Directory|Path) (?P<path>'.*') (?P<reason>is a file|is a directory|does not exist|is not readable|is not writable)\.$"
)
PATH_REASONS = {
    "is a file": "is een bestand, geen map",
    "is a directory": "is een map, geen bestand",
    "does not exist": "bestaat niet",
    "is not readable": "is niet leesbaar",
    "is not writable": "is niet schrijfbaar",
}
EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$")


def dutch_usage_error(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        close = f" (bedoel je {' of '.join(sorted(exc.possibilities))}?)" if exc.possibilities else ""
        return f"onbekende optie '{exc.option_name}'{close}"
    if isinstance(exc, click.BadOptionUsage) and exc.message.endswith("requires an argument."):
        return f"optie '{exc.option_name}' verwacht een waarde"
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        what = "optie" if isinstance(param, click.Option) else "argument"
        name = (param.opts[0] if isinstance(param, click.Option) else param.human_readable_name) if param else ""
        return f"{what} {name} ontbreekt"
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint
        param = exc.param
        named = " / ".join(hint) if isinstance(hint, list | tuple) else hint
        named = named or (param.opts[0] if isinstance(param, click.Option) else param.human_readable_name if param else "")
        path = PATH_PROBLEM.match(exc.message)
        reason = f"{path.group('path')} {PATH_REASONS[path.group('reason')]}" if path else exc.message
        return f"ongeldige waarde voor {named}: {reason}"
    extra = EXTRA_ARGUMENTS.match(exc.message)
    if extra:
        return f"onverwacht argument: {extra.group('args')}"
    return exc.message


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
main.add_command(init.command)
for _command in main.commands.values():
    _command.context_class = DutchContext
