"""Watch mode: rebuild the deck whenever the outline (or a file it uses) is saved."""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import Any, Protocol

from aligndeck.errors import BuildError, OutlineError, tally
from aligndeck.files import TEMPLATE_LIMIT, FileProblem, read_capped

Batch = Set[tuple[object, str]]
"""One batch of changes, as watchfiles yields them: (change kind, absolute path) pairs."""


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = False) -> None: ...


def watched_paths(outline_path: Path) -> set[Path]:
    """Every file whose change should rebuild the deck, resolved: the outline, the template
    its `template:` names, the images and logo it shows and the CSV files its tables and
    charts read (relative to the outline's folder), when it loads.

    This is the one place to add what an outline refers to (an image, say) as the outline
    grows such references. An outline that does not load is watched alone.
    """
    from aligndeck.api import read_outline

    paths = {outline_path.resolve()}
    try:
        outline, _ = read_outline(outline_path)
    except (OutlineError, OSError):
        return paths
    if outline.template is not None:
        paths.add((outline_path.parent / outline.template).resolve())
    from aligndeck.assets import asset_fields
    from aligndeck.datasets import csv_fields

    for _, written in (*asset_fields(outline), *csv_fields(outline)):
        paths.add((outline_path.parent / written).resolve())
    return paths


class Watched:
    """The files the deck is built from, as the loop last saw them; the watcher reads it to
    know which events count and which folders to watch."""

    def __init__(self, outline: Path, also: Path | None = None) -> None:
        self.outline = outline
        self.also = also
        """A file named on the command line (--template), watched too."""
        self.paths = self._find()

    def _find(self) -> set[Path]:
        extra = {self.also.resolve()} if self.also is not None else set()
        return watched_paths(self.outline) | extra

    def refresh(self) -> None:
        self.paths = self._find()

    def folders(self) -> set[Path]:
        return {path.parent for path in self.paths if path.parent.is_dir()}

    def counts(self, path: str) -> bool:
        """Whether a change to `path` may need a rebuild."""
        return Path(path).resolve() in self.paths

    def touched(self, batch: Batch) -> bool:
        return any(self.counts(path) for _, path in batch)


def watch_changes(watched: Watched) -> Iterator[Batch]:
    """Batches of file changes from watchfiles, for the folders of the watched files (not
    their subfolders), filtered to those files; an empty batch after each second without
    one. When the watched files move to other folders (a new template), the watcher is
    started again on those. Ends only by KeyboardInterrupt (Ctrl-C)."""
    import watchfiles

    while True:
        folders = watched.folders()
        for batch in watchfiles.watch(
                *sorted(folders), watch_filter=lambda _kind, path: watched.counts(path),
                debounce=300, step=50, rust_timeout=1000, yield_on_timeout=True,
                recursive=False):
            yield batch
            if watched.folders() != folders:
                break


def fingerprint(paths: Iterable[Path]) -> tuple[tuple[str, str | None], ...]:
    """The content of each file, as a digest (None when it is missing), in path order.

    Two equal fingerprints mean nothing worth a rebuild happened, however many events the
    editor's save raised (write, then chmod, then rename…)."""
    prints = []
    for path in sorted(paths):
        try:
            # capped, and never a FIFO a save could swap in: watching must not hang
            digest: str | None = hashlib.sha256(read_capped(path, TEMPLATE_LIMIT)).hexdigest()
        except FileProblem:
            digest = None
        prints.append((str(path), digest))
    return tuple(prints)


def watch_loop(outline: Path, out: Path, changes: Iterable[Batch], echo: Echo, *,
               name: str | None = None, debug: bool = False,
               watched: Watched | None = None, design: Any = None) -> int:
    """Build `outline` into `out` once, then again after each batch of `changes` that
    touched a watched file and left its content different from the last attempt.

    An empty batch (watchfiles yields one on its timeout) also compares the content, which
    catches a save made before the watcher started. A failed build prints its problems in
    the format `aligndeck build` uses and leaves the last good deck in place; the loop goes
    on. The watched files (`watched`, shared with the watcher) are looked up again before
    each build, as the outline may name another template. Returns the number of builds
    attempted when `changes` ends. KeyboardInterrupt passes through, for the caller to end
    cleanly.
    """
    label = name or str(outline)
    watched = watched or Watched(outline)
    last = fingerprint(watched.paths)
    attempts = 1
    _attempt(outline, out, label, echo, debug, design)
    echo(f"watching {label} for changes (Ctrl-C to stop)", err=True)
    for batch in changes:
        if batch and not watched.touched(batch):
            continue
        now = fingerprint(watched.paths)
        if now == last:
            continue
        last = now
        if not outline.is_file():
            echo(f"{label}: gone; waiting for it to be saved again", err=True)
            continue
        watched.refresh()
        last = fingerprint(watched.paths)
        attempts += 1
        _attempt(outline, out, label, echo, debug, design)
    return attempts


def _attempt(outline: Path, out: Path, label: str, echo: Echo, debug: bool,
             design: Any = None) -> bool:
    """One build, reported like `aligndeck build` reports it; True when the deck was
    written."""
    from aligndeck import api

    try:
        result = api.build(outline, out, design=design or api.Design())
    except OutlineError as exc:
        for problem in exc.problems:
            echo(problem.format(label), err=True)
        echo(f"{tally(exc.problems)}; nothing was written", err=True)
        return False
    except BuildError as exc:
        echo(f"error: {exc}", err=True)
        return False
    except Exception as exc:  # a bug in aligndeck: say so, and keep watching
        if debug:
            traceback.print_exc()
        echo(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the "
             "traceback, and please report it)", err=True)
        return False
    for problem in result.warnings:
        echo(problem.format(label), err=True)
    echo(f"wrote {result.path}: {result.slides} slides, {result.diagrams} diagrams "
         f"in {result.seconds:.2f} s")
    return True
