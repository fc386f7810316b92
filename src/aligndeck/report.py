"""What `build` and `validate` report about each outline, as data: the `--format json`
document (its shape is documented in docs/scripting.md; `version` changes when it does)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aligndeck.errors import Problem

JSON_VERSION = 1
"""The shape of the JSON document; raised when a field changes meaning or goes away
(new fields may be added without raising it)."""

OK, INVALID, INTERNAL = "ok", "invalid", "internal-error"
"""A deck's status: built (or would build), stopped by its outline (exit 1), or stopped by
a bug in aligndeck (exit 3)."""

EXIT_OF_STATUS = {OK: 0, INVALID: 1, INTERNAL: 3}


@dataclass(frozen=True)
class DeckReport:
    """One outline's outcome, all plain data so it can cross from a worker process."""

    outline: str
    status: str
    problems: tuple[Problem, ...] = ()
    output: str | None = None
    html: str | None = None
    slides: int | None = None
    diagrams: int | None = None
    minutes: float | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == OK


def exit_code(reports: list[DeckReport]) -> int:
    """The worst outcome decides: an internal error (3) over an invalid outline (1)."""
    return max((EXIT_OF_STATUS[r.status] for r in reports), default=0)


def problem_json(problem: Problem, outline: str) -> dict[str, Any]:
    return {"severity": problem.severity, "file": problem.file or outline,
            "line": problem.line or None, "column": problem.column or None,
            "path": problem.path or None, "message": problem.message}


def deck_json(report: DeckReport) -> dict[str, Any]:
    return {
        "outline": report.outline, "ok": report.ok, "status": report.status,
        "output": report.output, "html": report.html, "slides": report.slides,
        "diagrams": report.diagrams,
        "minutes": None if report.minutes is None else round(report.minutes, 2),
        "seconds": round(report.seconds, 3),
        "timings": {k: round(v, 3) for k, v in report.timings.items()},
        "problems": [problem_json(p, report.outline) for p in report.problems],
    }


def document(command: str, reports: list[DeckReport], seconds: float) -> str:
    """The whole JSON document for one run of `command`, decks in the order given."""
    from aligndeck import __version__

    problems = [p for r in reports for p in r.problems]
    errors = sum(p.severity == "error" for p in problems)
    body = {
        "version": JSON_VERSION,
        "aligndeck": __version__,
        "command": command,
        "ok": all(r.ok for r in reports),
        "exit_code": exit_code(reports),
        "seconds": round(seconds, 3),
        "counts": {"decks": len(reports), "ok": sum(r.ok for r in reports),
                   "failed": sum(not r.ok for r in reports), "errors": errors,
                   "warnings": len(problems) - errors},
        "failed": [r.outline for r in reports if not r.ok],
        "decks": [deck_json(r) for r in reports],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
