"""The house rule that keeps modules readable: no source file over 500 lines (a concern that
outgrows one becomes a package named by its phases, as plan/flow/ and plan/text/ did)."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "aligndeck"


def test_no_source_file_is_over_500_lines() -> None:
    sizes = {path.relative_to(SOURCE).as_posix(): len(path.read_text("utf-8").splitlines())
             for path in SOURCE.rglob("*.py")}
    assert len(sizes) > 50  # the tree was found
    assert {name: lines for name, lines in sizes.items() if lines > 500} == {}
