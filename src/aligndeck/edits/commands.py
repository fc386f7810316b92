"""`aligndeck diff` and `aligndeck pull`: the click commands, registered on the main group
by `register`."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import click

_BOM = "\ufeff"


def register(group: click.Group) -> None:
    group.add_command(diff)
    group.add_command(pull)


def _outline_for(deck: Path, outline: str | None) -> Path:
    """The outline given, else the deck's name with .yaml, else ./deck.yaml."""
    if outline is not None:
        return Path(outline)
    beside = deck.with_suffix(".yaml")
    return beside if beside.is_file() else Path("deck.yaml")


def _state(deck: Path, debug: bool) -> object:
    from aligndeck.cli import run
    from aligndeck.edits.guard import read_state
    from aligndeck.errors import BuildError

    def read() -> object:
        state = read_state(deck)
        if state.digest is None:
            raise BuildError(f"{deck}: aligndeck did not build this deck (it carries no "
                             "record of what aligndeck wrote), so there is nothing to "
                             "compare it with")
        return state

    return run(read, str(deck), debug)


@click.command()
@click.argument("deck", type=click.Path(exists=True, dir_okay=False))
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def diff(deck: str, outline: str | None, debug: bool) -> None:
    """Show what changed in DECK since aligndeck built it, slide by slide, each text by
    its field in the outline (`stages[2].summary`, `notes of slide 5`).

    \b
    Example:
      aligndeck diff deck.pptx
    """
    from aligndeck.edits.guard import DeckState, describe_changes

    state = _state(Path(deck), debug)
    assert isinstance(state, DeckState)
    if not state.changes:
        click.echo(f"{deck}: unchanged since aligndeck built it")
        return
    for line in describe_changes(state.changes):
        click.echo(line)
    path = _outline_for(Path(deck), outline)
    if path.is_file():
        from aligndeck.edits.pull import outline_has

        text = _read(path)[1]
        held = sum(outline_has(text, c) for c in state.changes)
        if held:
            click.echo(f"({held} of these {path} already holds)")


@click.command()
@click.argument("deck", type=click.Path(exists=True, dir_okay=False))
@click.argument("outline", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print the change to the outline as a diff; "
              "write nothing.")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def pull(deck: str, outline: str | None, dry_run: bool, debug: bool) -> None:
    """Bring the text edits made in DECK back into OUTLINE (default: the deck's name with
    .yaml, else ./deck.yaml): titles, summaries, bullets, notes, table cells, box labels.
    Comments, order, quoting and indentation of the outline are kept; edits with no place
    in the outline are listed as not pulled.

    \b
    Examples:
      aligndeck pull deck.pptx --dry-run
      aligndeck pull deck.pptx talk.yaml
    """
    from aligndeck.cli import run
    from aligndeck.edits.guard import DeckState, describe_changes
    from aligndeck.edits.pull import PullError, outline_has, pull_edits
    from aligndeck.errors import BuildError

    state = _state(Path(deck), debug)
    assert isinstance(state, DeckState)
    path = _outline_for(Path(deck), outline)
    if not path.is_file():
        run(_raise(BuildError(f"{path}: no such outline; name it: aligndeck pull {deck} "
                              "OUTLINE")), str(path), debug)
    bom, text = _read(path)
    changes = [c for c in state.changes if not outline_has(text, c)]

    def attempt() -> object:
        try:
            return pull_edits(text, changes)
        except PullError as exc:
            raise BuildError(f"{path}: cannot read the outline as YAML ({exc})") from None

    from aligndeck.edits.pull import PullResult

    result = run(attempt, str(path), debug)
    assert isinstance(result, PullResult)
    if dry_run:
        import difflib

        sys.stdout.writelines(difflib.unified_diff(
            text.splitlines(keepends=True), result.text.splitlines(keepends=True),
            str(path), f"{path} (pulled)"))
    elif result.pulled:
        _write(path, bom + result.text)
    verb = "would pull" if dry_run else "pulled"
    click.echo(f"{verb} {len(result.pulled)} edit{'s' * (len(result.pulled) != 1)} into "
               f"{path}", err=True)
    if result.left:
        click.echo("not pulled (make these by hand, or they are lost on the next "
                   "build --force):", err=True)
        for left in result.left:
            line = describe_changes([left.change])[0]
            click.echo(f"  {line}\n    {left.reason}", err=True)


def _raise(exc: Exception) -> Callable[[], object]:
    def action() -> object:
        raise exc
    return action


def _read(path: Path) -> tuple[str, str]:
    """The outline's byte order mark (if any) and its text, line ends as written."""
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    return (_BOM, text[1:]) if text.startswith(_BOM) else ("", text)


def _write(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
