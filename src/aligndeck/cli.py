"""The command line: thin click commands that map flags to api calls and outcomes to exit codes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from aligndeck import __version__
from aligndeck.errors import BuildError, OutlineError, Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

T = TypeVar("T")


def run(action: Callable[[], T], outline_name: str, debug: bool) -> T:
    """Run an action, turning every failure into a message on stderr and an exit code."""
    try:
        return action()
    except OutlineError as exc:
        for problem in exc.problems:
            click.echo(problem.format(outline_name), err=True)
        click.echo(f"{_tally(exc.problems)}; nothing was written", err=True)
        sys.exit(EXIT_INVALID)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # internal error: a bug in aligndeck, not in the outline
        if debug:
            traceback.print_exc()
        click.echo(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the "
                   "traceback, and please report it)", err=True)
        sys.exit(EXIT_INTERNAL)


def _tally(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


def _report(problems: tuple[Problem, ...], outline_name: str) -> None:
    for problem in problems:
        click.echo(problem.format(outline_name), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligndeck")
def main() -> None:
    """Turn a YAML outline of a talk into a PowerPoint deck with native, editable diagrams.

    \b
    Example:
      aligndeck init talk/          # start from the default alignment talk
      aligndeck build talk/deck.yaml
    """


def _resolve_outline(outline: str | None) -> tuple[Path | None, str]:
    """The outline to read and its name for messages: given, ./deck.yaml, or built-in."""
    if outline is not None:
        return Path(outline), outline
    if Path("deck.yaml").is_file():
        return Path("deck.yaml"), "deck.yaml"
    return None, "<built-in deck.yaml>"


@main.command()
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=True),
              help="Where to write the deck (default: the outline's name with .pptx).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1, write nothing).")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def build(outline: str | None, output: str | None, strict: bool, debug: bool) -> None:
    """Build a .pptx deck from OUTLINE (default ./deck.yaml, else the built-in talk).

    \b
    Examples:
      aligndeck build                       # ./deck.yaml -> ./deck.pptx
      aligndeck build talk.yaml -o out/talk.pptx
    """
    from aligndeck import api

    path, name = _resolve_outline(outline)
    if path is None:
        click.echo("no deck.yaml here: building the built-in alignment talk "
                   "(`aligndeck init` writes it out to edit)", err=True)
    out = Path(output) if output else (path.with_suffix(".pptx") if path else Path("deck.pptx"))
    result = run(lambda: api.build(path, out, strict=strict), name, debug)
    _report(result.warnings, name)
    click.echo(f"wrote {result.path}: {result.slides} slides, {result.diagrams} diagrams "
               f"in {result.seconds:.2f} s")


@main.command()
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def validate(outline: str | None, strict: bool, debug: bool) -> None:
    """Check OUTLINE (default ./deck.yaml) without writing anything.

    Runs everything a build runs but the writing: the outline's checks, the layout
    (text that cannot fit is an error that says by how much) and the lint (contrast,
    text sizes, titles, alt text, bullet counts). Exit code 0 when it would build, 1 when
    it has errors (listed on stderr, each with its line and column), or warnings under
    --strict. Prints the slide count and the talk's length from its notes.

    \b
    Example:
      aligndeck validate talk/deck.yaml
    """
    from aligndeck import api

    path, name = _resolve_outline(outline)
    result = run(lambda: api.check(path, strict=strict), name, debug)
    _report(result.warnings, name)
    click.echo(f"{name}: ok: {result.slides} slides, about {round(result.minutes)} minutes "
               "of speaker notes at 130 words a minute")


@main.command()
def schema() -> None:
    """Print the outline's JSON Schema (draft 2020-12) on stdout.

    Editors use it to complete keys and flag mistakes as you type: deck.yaml's first
    line points the YAML language server at a copy in schema/deck.schema.json.

    \b
    Example:
      aligndeck schema > schema/deck.schema.json
    """
    from aligndeck.outline.schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing deck.yaml.")
def init(folder: str, force: bool) -> None:
    """Write the default outline to FOLDER/deck.yaml to start customizing.

    \b
    Example:
      aligndeck init my-talk && aligndeck build my-talk/deck.yaml
    """
    from aligndeck import api

    target = run(lambda: api.init(Path(folder), force), "deck.yaml", False)
    click.echo(f"wrote {target}: edit it, then run `aligndeck build {target}`")
