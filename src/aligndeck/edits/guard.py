"""Before a build overwrites a deck: has anyone edited it since aligndeck wrote it?"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligndeck.edits.digest import LABEL, Digest, read_digest
from aligndeck.edits.snapshot import snapshot
from aligndeck.errors import BuildError
from aligndeck.outline.nodes import format_path

if TYPE_CHECKING:  # comparing is for a deck that is there: not on a fresh build's way
    from aligndeck.edits.compare import Change


@dataclass(frozen=True)
class DeckState:
    """A deck at a path: its digest (None: not built by aligndeck, or not a deck) and what
    changed in it since it was built."""

    digest: Digest | None
    changes: tuple[Change, ...]


def read_state(deck: Path) -> DeckState:
    """The deck's digest and its changes; raises BuildError when it cannot be read. The
    deck passes the checks a template passes first (render/package_check.py): the file
    at the output path may be anything."""
    from pptx import Presentation

    from aligndeck.files import TEMPLATE_LIMIT, FileProblem, read_capped
    from aligndeck.render.package_check import TemplateProblem, check_package

    why = ""
    try:
        data = read_capped(deck, TEMPLATE_LIMIT, "deck")
        check_package(data)
        presentation = Presentation(io.BytesIO(data))
    except (TemplateProblem, FileProblem) as exc:
        why = str(exc)
    except zipfile.BadZipFile:
        why = "not a PowerPoint file"
    except Exception as exc:  # a damaged package: python-pptx raises many kinds
        why = f"python-pptx cannot read it ({type(exc).__name__})"
    if why:
        raise BuildError(f"{deck}: not a PowerPoint deck aligndeck can read: {why}")
    from aligndeck.edits.compare import compare

    digest = read_digest(presentation)
    if digest is None:
        return DeckState(None, ())
    return DeckState(digest, tuple(compare(digest, snapshot(presentation))))


def guard_output(out: Path, force: bool, outline: str | None = None) -> Path | None:
    """Refuse to overwrite a deck someone edited, or one aligndeck did not build, unless
    `force`; then the deck is first kept as `out.~N~` (returned), never over an older one.
    An edit the `outline` text already holds (pulled, or made there too) is not lost by a
    rebuild, so it does not count."""
    if not out.is_file() or _as_written(out):
        return None
    try:
        state = read_state(out)
    except BuildError as exc:
        if force:
            return keep_backup(out)
        raise BuildError(f"{exc}; so nothing was written. Build to another file with -o, "
                         f"or overwrite it with --force (it is first kept as "
                         f"{next_backup(out).name}).") from None
    if state.digest is not None and outline is not None:
        from aligndeck.edits.pull import outline_has

        state = DeckState(state.digest,
                          tuple(c for c in state.changes if not outline_has(outline, c)))
    if state.digest is not None and not state.changes:
        return None
    if force:
        return keep_backup(out)
    backup = next_backup(out).name
    if state.digest is None:
        raise BuildError(
            f"{out}: aligndeck did not build this file (it carries no record of what "
            "aligndeck wrote), so nothing was written. Build to another file with -o, or "
            f"overwrite it with --force (it is first kept as {backup}).")
    raise BuildError(edited_message(out, state.changes, backup))


def _as_written(deck: Path) -> bool:
    """Whether the deck holds exactly the bytes a build of this process last wrote there
    (edits/written.py): then nobody edited it, and it need not be opened and compared."""
    from aligndeck.edits.written import unchanged
    from aligndeck.files import TEMPLATE_LIMIT, FileProblem, read_capped

    try:
        return unchanged(deck, read_capped(deck, TEMPLATE_LIMIT, "deck"))
    except FileProblem:
        return False


def edited_message(out: Path, changes: tuple[Change, ...], backup: str) -> str:
    slides = sorted({c.slide for c in changes})
    listed = "\n".join(f"  {line}" for line in describe_changes(changes))
    return (f"{out} was edited since aligndeck built it (slide"
            f"{'s' if len(slides) > 1 else ''} {', '.join(map(str, slides))}); nothing was "
            f"written:\n{listed}\n"
            f"Bring the text edits back into the outline with `aligndeck pull {out}`, or "
            f"overwrite the deck with --force (the edited deck is first kept as {backup}).")


def describe_changes(changes: tuple[Change, ...] | list[Change]) -> list[str]:
    """One line per change, in the outline's terms where the text has a field."""
    lines = []
    for change in changes:
        where = f"slide {change.slide}"
        if change.what == "notes":
            lines.append(f"{where}: notes of slide {change.slide}: {_quote(change.after)}")
        elif change.what == "text":
            field = (f"a label in {format_path(change.source[:-1])}"
                     if change.source and change.source[-1] == LABEL
                     else format_path(change.source) if change.source
                     else f"a text in {change.shape}")
            lines.append(f"{where}: {field}: {_quote(change.before)} → "
                         f"{_quote(change.after)}")
        elif change.what == "slide moved":
            lines.append(f"{where}: moved, now slide {change.after}")
        elif change.what.startswith("slide"):
            lines.append(f"{where}: {change.what.split()[1]}")
        elif change.what in ("moved", "restyled"):
            lines.append(f"{where}: {change.shape} {change.what}: {change.before} → "
                         f"{change.after}")
        else:
            text = change.before or change.after
            lines.append(f"{where}: {change.what} {change.shape}"
                         + (f" ({_quote(text)})" if text else ""))
    return lines


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def next_backup(out: Path) -> Path:
    """`deck.pptx.~N~`, N one more than the highest kept so far (Emacs's and GNU cp's
    numbered backups)."""
    pattern = re.compile(re.escape(out.name) + r"\.~(\d+)~")
    numbers = [int(m.group(1)) for p in out.parent.iterdir()
               if (m := pattern.fullmatch(p.name))]
    return out.with_name(f"{out.name}.~{max(numbers, default=0) + 1}~")


def keep_backup(out: Path) -> Path:
    target = next_backup(out)
    try:
        with out.open("rb") as source, target.open("xb") as copy:
            shutil.copyfileobj(source, copy)
    except OSError as exc:
        raise BuildError(f"{target}: cannot keep the edited deck here "
                         f"({exc.strerror or exc}); nothing was written") from None
    shutil.copystat(out, target)
    return target
