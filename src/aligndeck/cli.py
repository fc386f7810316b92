"""The command line: thin click commands that map flags to api calls and outcomes to exit codes."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from aligndeck import __version__
from aligndeck.batch import output_options, run_many
from aligndeck.edits.commands import register as register_edit_commands
from aligndeck.errors import BuildError, OutlineError, Problem, tally

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

T = TypeVar("T")


def run(action: Callable[[], T], outline_name: str, debug: bool) -> T:
    """Run an action, turning every failure into a message on stderr and an exit code."""
    try:
        return action()
    except OutlineError as exc:
        for problem in exc.problems:
            click.echo(problem.format(outline_name), err=True)
        click.echo(f"{tally(exc.problems)}; nothing was written", err=True)
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
    """The outline to read and its name in messages: given, `-` (stdin), ./deck.yaml, built-in."""
    from aligndeck.files import STDIN, STDIN_NAME

    if outline == STDIN:
        return Path(STDIN), STDIN_NAME
    if outline is not None:
        path = Path(outline)  # ./- is a file named "-", which Path would spell as "-"
        return (path.absolute() if str(path) == STDIN else path), outline
    if Path("deck.yaml").is_file():
        return Path("deck.yaml"), "deck.yaml"
    return None, "<built-in deck.yaml>"


F = TypeVar("F", bound=Callable[..., object])


def design_options(command: F) -> F:
    """--template, --theme, --aspect, --reveal: the same on every command that plans a deck."""
    command = click.option(
        "--allow-outside-assets", "allow_outside", is_flag=True,
        help="Let images and the logo come from outside the outline's folder.",
    )(command)
    command = click.option(
        "--reveal", is_flag=True,
        help="Build the pipeline and loop diagrams click by click (or reveal: true).",
    )(command)
    command = click.option(
        "--aspect", type=click.Choice(["16:9", "4:3"]),
        help="Slide shape (default 16:9, or the outline's aspect); a template's size wins.",
    )(command)
    command = click.option(
        "--theme", type=click.Choice(["light", "dark", "high-contrast"]),
        help="Built-in theme (default light, or the outline's theme).",
    )(command)
    return click.option(
        "--template", type=click.Path(exists=True, dir_okay=False),
        help="A .pptx or .potx to build onto; wins over the outline's template.",
    )(command)


def _design(template: str | None, theme: str | None, aspect: str | None,
            reveal: bool = False, allow_outside: bool = False) -> Any:
    from aligndeck.api import Design

    return Design(Path(template) if template else None, theme, aspect, reveal, allow_outside)


@main.command()
@click.argument("outlines", nargs=-1, type=click.Path(exists=True, allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=True),
              help="Where to write the deck (default: the outline's name with .pptx; "
                   "deck.pptx for `-`); the folder for the decks with several outlines.")
@design_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1, write nothing).")
@click.option("--pdf", is_flag=True,
              help="Also write a PDF beside the deck, converted by LibreOffice (soffice).")
@click.option("--html", is_flag=True,
              help="Also write one self-contained HTML page beside the deck, to present "
              "from a browser.")
@output_options
@click.option("--force", is_flag=True,
              help="Overwrite a deck someone edited (kept first as DECK.pptx.~1~).")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def build(outlines: tuple[str, ...], output: str | None, template: str | None,
          theme: str | None, aspect: str | None, reveal: bool, allow_outside: bool,
          strict: bool, pdf: bool, html: bool, fmt: str, quiet: bool, jobs: int,
          force: bool, debug: bool) -> None:
    """Build a .pptx deck from each OUTLINE (default ./deck.yaml, else the built-in talk;
    `-` reads standard input; a folder means its *.yaml files).

    With several outlines each is built in turn (or -j at once), progress on stderr; one
    that fails does not stop the others, and the exit code is the worst of them.

    \b
    Examples:
      aligndeck build                       # ./deck.yaml -> ./deck.pptx
      aligndeck build talk.yaml -o out/talk.pptx
      aligndeck build --pdf                 # also ./deck.pdf, for hand-outs
      aligndeck build --html                # also ./deck.html, to present from a browser
      aligndeck build --template brand.potx --theme dark --aspect 4:3
      aligndeck build weekly/ -o decks/ -j 2 --format json
    """
    from aligndeck import api

    design = _design(template, theme, aspect, reveal, allow_outside)
    if len(outlines) > 1 or fmt == "json" or any(Path(o).is_dir() for o in outlines):
        if pdf:
            raise click.UsageError("--pdf converts one deck at a time; give one outline")
        sys.exit(run_many(outlines, _resolve_outline, output, design, building=True,
                          fmt=fmt, quiet=quiet, jobs=jobs, strict=strict, html=html,
                          debug=debug, force=force))
    path, name = _resolve_outline(outlines[0] if outlines else None)
    if path is None and not quiet:
        click.echo("no deck.yaml here: building the built-in alignment talk "
                   "(`aligndeck init` writes it out to edit)", err=True)
    out = Path(output) if output else _default_deck(path)
    result = run(lambda: api.build(path, out, strict=strict, design=design, html=html,
                                   force=force), name, debug)
    if result.backup is not None:
        click.echo(f"kept the deck that was there as {result.backup}", err=True)
    if not quiet:
        _report(result.warnings, name)
        click.echo(f"wrote {result.path}: {result.slides} slides, {result.diagrams} "
                   f"diagrams in {result.seconds:.2f} s")
    if result.html is not None and not quiet:
        click.echo(f"wrote {result.html}: one page, open it in a browser (#present, "
                   "#presenter)")
    if pdf:
        _export_pdf(result.path, name, debug)


def _default_deck(path: Path | None) -> Path:
    """The outline's name with .pptx; deck.pptx for the built-in talk and standard input."""
    from aligndeck.files import STDIN

    return path.with_suffix(".pptx") if path and str(path) != STDIN else Path("deck.pptx")


@main.command()
@click.argument("outlines", nargs=-1, type=click.Path(exists=True, allow_dash=True))
@design_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@output_options
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def validate(outlines: tuple[str, ...], template: str | None, theme: str | None,
             aspect: str | None, reveal: bool, allow_outside: bool, strict: bool, fmt: str,
             quiet: bool, jobs: int, debug: bool) -> None:
    """Check each OUTLINE (default ./deck.yaml) without writing anything.

    Runs everything a build runs but the writing: the outline's checks, the layout
    (text that cannot fit is an error that says by how much) and the lint (contrast,
    text sizes, titles, alt text, bullet counts). Exit code 0 when it would build, 1 when
    it has errors (listed on stderr, each with its line and column), or warnings under
    --strict. Prints the slide count and the talk's length from its notes.

    \b
    Example:
      aligndeck validate talk/deck.yaml
      aligndeck validate weekly/ --format json
    """
    from aligndeck import api

    design = _design(template, theme, aspect, reveal, allow_outside)
    if len(outlines) > 1 or fmt == "json" or any(Path(o).is_dir() for o in outlines):
        sys.exit(run_many(outlines, _resolve_outline, None, design, building=False,
                          fmt=fmt, quiet=quiet, jobs=jobs, strict=strict, debug=debug))
    path, name = _resolve_outline(outlines[0] if outlines else None)
    result = run(lambda: api.check(path, strict=strict, design=design), name, debug)
    if quiet:
        return
    _report(result.warnings, name)
    from aligndeck.script import validate_summary

    click.echo(f"{name}: ok: "
               f"{validate_summary(result.slides, result.minutes, result.plan.language)}")


@main.command("template-check")
@click.argument("template", type=click.Path(exists=True, dir_okay=False))
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def template_check(template: str, debug: bool) -> None:
    """Show how a template will be used: the layout each kind of slide gets, which
    placeholders it fills, the free area diagrams are drawn in, and what falls back.

    \b
    Example:
      aligndeck template-check brand/company.potx
    """
    from aligndeck.render.template import describe, load_template

    loaded = run(lambda: load_template(Path(template)), template, debug)
    for line in describe(loaded):
        click.echo(line)


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


# ---- presenting: PDF, speaker script, preview, watch ----------------------------------------

def _export_pdf(deck: Path, name: str, debug: bool) -> None:
    """The --pdf step of build: the PDF beside the deck, or one line saying why not."""
    import time

    from aligndeck import export

    started = time.perf_counter()
    pdf = deck.with_suffix(".pdf")
    pages = run(lambda: export.to_pdf(deck, pdf), name, debug)
    click.echo(f"wrote {pdf}: {pages} pages in {time.perf_counter() - started:.2f} s")


@main.command()
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False,
                                                           allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Write the script to this file instead of stdout.")
@design_options
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def notes(outline: str | None, output: str | None, template: str | None, theme: str | None,
          aspect: str | None, reveal: bool, allow_outside: bool, debug: bool) -> None:
    """Print the speaker script of OUTLINE (default ./deck.yaml) as Markdown.

    For each slide: its number, title and notes, and about how long they take to say
    (130 spoken words a minute), with the talk's total at the end.

    \b
    Examples:
      aligndeck notes                      # on stdout
      aligndeck notes talk.yaml -o script.md
    """
    from aligndeck import api
    from aligndeck.script import format_script

    path, name = _resolve_outline(outline)
    if path is None:
        click.echo("no deck.yaml here: the built-in alignment talk's script", err=True)
    design = _design(template, theme, aspect, reveal, allow_outside)
    result = run(lambda: api.check(path, design=design), name, debug)
    _report(result.warnings, name)
    text = format_script(result.plan)
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    run(lambda: _write_text(target, text, path), name, debug)
    from aligndeck.script import talk_length

    click.echo(f"wrote {target}: "
               f"{talk_length(result.slides, result.minutes, result.plan.language)}")


def _write_text(target: Path, text: str, outline: Path | None) -> None:
    """Write `text` to `target` through a temporary file beside it; never over the outline."""
    import os
    import tempfile

    if outline is not None and target.resolve() == outline.resolve():
        raise BuildError(f"{target}: the output would overwrite the outline")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError as exc:
        raise BuildError(f"{target}: cannot write here ({exc.strerror or exc})") from None


@main.command()
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False,
                                                           allow_dash=True))
@click.option("-o", "--output", "folder", default="preview", show_default=True,
              type=click.Path(file_okay=False), help="The folder for the images.")
@click.option("--dpi", default=96, show_default=True, type=click.IntRange(20, 600),
              help="Resolution of the slide images (96 gives about 1280 × 720 pixels).")
@design_options
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def preview(outline: str | None, folder: str, dpi: int, template: str | None,
            theme: str | None, aspect: str | None, reveal: bool, allow_outside: bool,
            debug: bool) -> None:
    """Render OUTLINE's slides as images: one PNG per slide and a contact sheet.

    Builds the deck in a temporary folder, converts it with LibreOffice and poppler, and
    writes slide-01.png, slide-02.png, … and contact-sheet.png (numbered thumbnails, three
    to a row) into the folder. Needs soffice and pdftoppm.

    \b
    Examples:
      aligndeck preview                     # ./preview/
      aligndeck preview talk.yaml -o shots/
    """
    import tempfile
    import time

    from aligndeck import api
    from aligndeck.preview_progress import render_preview

    path, name = _resolve_outline(outline)
    if path is None:
        click.echo("no deck.yaml here: previewing the built-in alignment talk", err=True)
    started = time.perf_counter()
    target = Path(folder)
    with tempfile.TemporaryDirectory(prefix="aligndeck-preview-") as tmp:
        deck = Path(tmp) / _default_deck(path).name
        design = _design(template, theme, aspect, reveal, allow_outside)
        result = run(lambda: api.build(path, deck, design=design), name, debug)
        _report(result.warnings, name)
        pages, size = run(lambda: render_preview(deck, target, dpi, result.slides, name),
                          name, debug)
    click.echo(f"wrote {target}: {len(pages)} slides as {pages[0].name} … {pages[-1].name}, "
               f"and contact-sheet.png ({size[0]} × {size[1]} px) in "
               f"{time.perf_counter() - started:.1f} s")


@main.command()
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False,
                                                           allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=True),
              help="Where to write the deck (default: the outline's name with .pptx).")
@design_options
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def watch(outline: str | None, output: str | None, template: str | None, theme: str | None,
          aspect: str | None, reveal: bool, allow_outside: bool, debug: bool) -> None:
    """Build OUTLINE (default ./deck.yaml), then rebuild it on every save.

    Saves of the template the outline names count too. A save with mistakes prints them,
    located as `build` prints them, and the last good deck stays in place. Ctrl-C stops
    watching.

    \b
    Example:
      aligndeck watch talk.yaml             # rebuilds talk.pptx as you edit
    """
    import contextlib

    from aligndeck import api
    from aligndeck.watch import Watched, watch_changes, watch_loop

    path, name = _resolve_outline(outline)
    if path is None:
        raise click.UsageError("no deck.yaml here to watch; give an outline, or write one "
                               "with `aligndeck init`")
    if name == "<stdin>":
        raise click.UsageError("standard input cannot be watched; give the outline's file")
    out = Path(output) if output else path.with_suffix(".pptx")
    run(lambda: api.check_output(path, out), name, debug)
    design = _design(template, theme, aspect, reveal, allow_outside)
    watched = Watched(path, Path(template) if template else None)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how watching ends
        watch_loop(path, out, watch_changes(watched), click.echo, name=name, debug=debug,
                   watched=watched, design=design)
    click.echo(f"stopped watching {name}", err=True)


@main.command()
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False))
@design_options
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="The port to serve on (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to serve on; anything but this machine's own (loopback) "
              "shows the talk to the network.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def serve(outline: str | None, template: str | None, theme: str | None, aspect: str | None,
          reveal: bool, allow_outside: bool, port: int, host: str, open_browser: bool,
          debug: bool) -> None:
    """Show OUTLINE (default ./deck.yaml) in the browser, redrawn on every save.

    `/` shows every slide in a column, `/present` one slide at a time (keys: → ← Space
    PageDown PageUp Home End, F for full screen) and `/presenter` the current and next
    slide, the notes and a clock; the two move together. A save with mistakes shows them
    above the last good slides. Ctrl-C stops.

    \b
    Example:
      aligndeck serve talk.yaml --open      # http://127.0.0.1:8000/
    """
    from aligndeck.serve.run import serve as serve_deck

    path, name = _resolve_outline(outline)
    design = _design(template, theme, aspect, reveal, allow_outside)

    def echo(message: str) -> None:
        click.echo(message)

    def warn(message: str) -> None:
        click.echo(message, err=True)

    run(lambda: serve_deck(path, name, design, host=host, port=port, open_browser=open_browser,
                           echo=echo, warn=warn, debug=debug,
                           template=Path(template) if template else None), name, debug)
    click.echo(f"stopped serving {name}", err=True)


register_edit_commands(main)  # diff and pull (edits/commands.py)


def entry() -> None:
    """The console script and `python -m aligndeck`: run the command, then leave at once.

    A long deck leaves hundreds of thousands of objects; tearing them down one by one
    takes a tenth of a 1200-slide build for nothing (output is flushed and every file was
    closed by its `with` block before this point). Pydantic's search for plugins (entry
    points of every installed distribution, a twentieth of a cold build) is off unless the
    variable is set. Most of what a command makes lives until it ends (modules, validators,
    the deck's parts): Python's collection of young objects every 700 made ran 139 times in
    a cold build, 80 to 100 ms (0.6 s of 1200 slides); every 100,000 still collects young
    garbage. Both are the command's choices, not the library's (a host keeps its own).
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.set_threshold(100_000, 10, 10)
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        click.echo(code, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
