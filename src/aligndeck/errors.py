"""Errors that reach the user: problems located in the outline, and build failures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an outline, at a 1-based line and column (0 when unknown)."""

    line: int
    column: int
    path: str
    message: str
    severity: str = "error"
    """"error" stops the build; "warning" is reported (and stops it under --strict)."""
    file: str = ""
    """The outline's file as the caller named it, where the Python API or a batch build
    fills it in; empty inside the layers, which see one outline at a time."""

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}:{self.column}" if self.line else filename
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {self.severity}: {field}{self.message}"


class OutlineError(Exception):
    """The outline cannot be built; carries every problem found (warnings too), sorted by
    position."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the outline")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def tally(problems: list[Problem]) -> str:
    """"2 errors, 1 warning": the closing count line of a failed build."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


class BuildError(Exception):
    """A build failed for a reason the user can act on (bad output path, locked file)."""
