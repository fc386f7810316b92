"""Golden error messages: each bad outline in tests/bad/ with the exact stderr it must give.

Regenerate on purpose only: ALIGNDECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_errors.py
then read the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligndeck.cli import main

BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.yaml"))
UPDATE = os.environ.get("ALIGNDECK_UPDATE_GOLDEN") == "1"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("outline", CASES, ids=[c.stem for c in CASES])
def test_validate_gives_the_golden_stderr(outline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    result = CliRunner().invoke(main, ["validate", "--strict", outline.name])
    golden = outline.with_suffix(".stderr")
    if UPDATE:
        golden.write_text(result.stderr, encoding="utf-8")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr == golden.read_text(encoding="utf-8")
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{outline.name}:")
    assert first.split(":")[1].isdigit(), "the first line names a line number"


@pytest.mark.parametrize("outline", CASES, ids=[c.stem for c in CASES])
def test_build_agrees_with_validate_and_keeps_the_old_deck(
    outline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(outline, tmp_path / outline.name)
    deck = tmp_path / "talk.pptx"
    deck.write_bytes(b"the previous deck")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--strict", outline.name, "-o", "talk.pptx"])
    assert result.exit_code == 1
    assert result.stderr == outline.with_suffix(".stderr").read_text(encoding="utf-8")
    assert deck.read_bytes() == b"the previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([outline.name, "talk.pptx"])
