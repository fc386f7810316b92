"""aligndeck: a YAML outline of a talk in, a PowerPoint deck with native diagrams out.

The Python API (see docs/scripting.md)::

    import aligndeck
    result = aligndeck.build("talk.yaml", theme="dark")
    print(result.output, result.slides, result.warnings)

`build`, `check`, `BuildResult`, `DeckError` and `Problem` load on first use, so
`import aligndeck` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["BuildResult", "DeckError", "Problem", "__version__", "build", "check"]

if TYPE_CHECKING:
    from aligndeck.scripting import BuildResult, DeckError, Problem, build, check


def __getattr__(name: str) -> Any:
    if name in ("BuildResult", "DeckError", "Problem", "build", "check"):
        from aligndeck import scripting

        return getattr(scripting, name)
    raise AttributeError(f"module 'aligndeck' has no attribute {name!r}")
