"""The public Python API: build or check a deck from a path, YAML text or a mapping.

Importing this module is cheap: the outline models and python-pptx load on the first
call, so a script that imports `aligndeck` to read `__version__` pays nothing for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from aligndeck.errors import BuildError, OutlineError, Problem

if TYPE_CHECKING:
    from aligndeck.api import Design

OutlineSource = Union[str, "os.PathLike[str]", Mapping[str, Any]]
"""An outline file's path, YAML text (a `str` with a line break in it), or a mapping as
loaded from YAML or built in code."""

TEXT_NAME = "<text>"
MAPPING_NAME = "<mapping>"

__all__ = ["BuildResult", "DeckError", "OutlineSource", "Problem", "build", "check"]


@dataclass(frozen=True)
class BuildResult:
    """What a build (or a check) made: counts, the warnings, and where the time went."""

    output: Path | None
    """The deck written; None for `check`."""
    slides: int
    diagrams: int
    minutes: float
    """About how long the speaker notes take to say, at 130 words a minute."""
    warnings: tuple[Problem, ...]
    """Each with `file`, `line`, `column` (0 when unknown), `path` (the key path, such as
    `stages[2].summary`), `message` and `severity` ("warning")."""
    timings: Mapping[str, float] = field(default_factory=dict)
    """Seconds by phase: "check" (load, plan, lint), "render" (write), "total"."""
    size: int = 0
    """The deck's size in bytes; 0 for `check`."""
    html: Path | None = None
    """The self-contained page written beside the deck (`html=True`), if any."""


class DeckError(Exception):
    """The deck cannot be built: every problem found, each located (file, line, column and
    key path, as far as known), errors and warnings together, sorted by position."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(p.format(p.file) for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def build(outline: OutlineSource, out: str | os.PathLike[str] | None = None, *,
          template: str | os.PathLike[str] | None = None, theme: str | None = None,
          aspect: str | None = None, language: str | None = None, reveal: bool = False,
          strict: bool = False, html: bool = False, base: str | os.PathLike[str] | None = None,
          allow_outside_assets: bool = False) -> BuildResult:
    """Build one deck and return what was made; raises DeckError, with every located
    problem, when it cannot be built (the previous deck at `out` is then left as it was).

    `out` defaults to the outline's name with .pptx, or `deck.pptx` in `base` for text and
    mappings. `base` is the folder the outline's relative paths (CSV files, images, the
    template) start from: the outline file's own folder by default, else the current one.
    `template`, `theme` ("light", "dark", "high-contrast"), `aspect` ("16:9", "4:3") and
    `language` (a BCP 47 tag) win over the outline's own; `strict` makes warnings errors.
    """
    from aligndeck import api

    source = _source(outline, base)
    target = Path(out) if out is not None else source.default_out()
    design = _design(template, theme, aspect, language, reveal, allow_outside_assets)
    result = _run(source, lambda: api.build(source.path, target, strict=strict, design=design,
                                            html=html, text=source.text, folder=source.folder))
    timings = dict(result.timings)
    timings["total"] = result.seconds
    return BuildResult(result.path, result.slides, result.diagrams, result.minutes,
                       source.name_problems(result.warnings), timings, result.size,
                       result.html)


def check(outline: OutlineSource, *, template: str | os.PathLike[str] | None = None,
          theme: str | None = None, aspect: str | None = None, language: str | None = None,
          reveal: bool = False, strict: bool = False, base: str | os.PathLike[str] | None = None,
          allow_outside_assets: bool = False) -> BuildResult:
    """Everything `build` does but the writing: raises DeckError when the deck could not be
    built, else returns the counts and warnings (`output` None)."""
    from aligndeck import api

    source = _source(outline, base)
    design = _design(template, theme, aspect, language, reveal, allow_outside_assets)
    started = time.perf_counter()
    result = _run(source, lambda: api.check(source.path, strict=strict, design=design,
                                            text=source.text, folder=source.folder))
    seconds = time.perf_counter() - started
    return BuildResult(None, result.slides, result.plan.diagram_count, result.minutes,
                       source.name_problems(result.warnings),
                       {"check": seconds, "total": seconds})


@dataclass(frozen=True)
class _Source:
    path: Path | None
    text: str | None
    folder: Path | None
    name: str
    mapping: bool = False

    def default_out(self) -> Path:
        if self.path is not None:
            return self.path.with_suffix(".pptx")
        return (self.folder or Path.cwd()) / "deck.pptx"

    def name_problems(self, problems: tuple[Problem, ...] | list[Problem]
                      ) -> tuple[Problem, ...]:
        """The problems with this outline's name; for a mapping without the line and
        column of the YAML it was turned into, which the caller never saw (the key path
        says where)."""
        if self.mapping:
            return tuple(dataclasses.replace(p, line=0, column=0, file=self.name)
                         for p in problems)
        return tuple(dataclasses.replace(p, file=self.name) for p in problems)


def _source(outline: OutlineSource, base: str | os.PathLike[str] | None) -> _Source:
    folder = Path(base) if base is not None else None
    if isinstance(outline, Mapping):
        return _Source(None, _mapping_text(outline), folder, MAPPING_NAME, mapping=True)
    if isinstance(outline, str) and ("\n" in outline or "\r" in outline):
        return _Source(None, outline, folder, TEXT_NAME)
    if isinstance(outline, (str, os.PathLike)):
        path = Path(outline)
        return _Source(path, None, folder, str(outline))
    raise TypeError(f"outline: expected a path, YAML text or a mapping, got "
                    f"{type(outline).__name__}")


def _design(template: str | os.PathLike[str] | None, theme: str | None, aspect: str | None,
            language: str | None, reveal: bool, allow_outside: bool) -> Design:
    from aligndeck.api import Design

    for name, given, allowed in (("theme", theme, ("light", "dark", "high-contrast")),
                                 ("aspect", aspect, ("16:9", "4:3"))):
        if given is not None and given not in allowed:
            raise DeckError([Problem(0, 0, "", f"{name} {given!s} is not one of "
                                     f"{', '.join(allowed)}", file="<arguments>")])
    return Design(Path(template) if template is not None else None, theme, aspect, reveal,
                  allow_outside, language)


def _run(source: _Source, action: Any) -> Any:
    """The action's result; its failures as one DeckError naming the outline."""
    try:
        return action()
    except OutlineError as exc:
        raise DeckError(list(source.name_problems(exc.problems))) from None
    except BuildError as exc:
        raise DeckError([Problem(0, 0, "", str(exc), file=source.name)]) from None


def _mapping_text(outline: Mapping[str, Any]) -> str:
    """A mapping as YAML text for the loader, every value written as YAML would show it
    (None as null, NaN as .nan) so messages use YAML's words; values YAML has no word for
    are errors at their key path."""
    import yaml

    problems: list[Problem] = []
    plain = _plain(outline, (), problems)
    if problems:
        raise DeckError(problems)
    return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False, width=10_000)


def _plain(value: Any, path: tuple[str | int, ...], problems: list[Problem]) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _plain(item, (*path, str(key)), problems)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, (*path, i), problems) for i, item in enumerate(value)]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value  # YAML writes NaN and infinity as .nan and .inf, as a user would
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, os.PathLike)):
        return str(value) if isinstance(value, os.PathLike) else value.isoformat()
    from aligndeck.outline.nodes import format_path

    problems.append(Problem(0, 0, format_path(path), f"a {type(value).__name__} has no "
                            "YAML form; give text, a number, a list or a mapping",
                            file=MAPPING_NAME))
    return None
