"""Writing the deck: atomic replacement, clear messages when the output cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligndeck.cli import main
from aligndeck.render import package


def _build(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stderr


def test_locked_output_gets_a_clear_message_and_the_old_deck_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "deck.pptx"
    assert _build(tmp_path, "-o", str(deck))[0] == 0  # the deck from yesterday
    yesterday = deck.read_bytes()

    def locked(src: str, dst: str) -> None:  # what Windows does while PowerPoint has it open
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(package.os, "replace", locked)
    code, err = _build(tmp_path, "-o", str(deck))
    assert code == 1
    assert "cannot write here (Permission denied)" in err
    assert "is the file open in another program" in err
    assert deck.read_bytes() == yesterday
    assert sorted(os.listdir(tmp_path)) == ["deck.pptx"], "the temporary file is cleaned up"


def test_output_below_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    code, err = _build(tmp_path, "-o", str(tmp_path / "notes.txt" / "deck.pptx"))
    assert code == 1
    assert err.strip().endswith("notes.txt is a file, not a folder")


def test_a_failed_render_leaves_no_partial_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "deck.pptx"
    assert _build(tmp_path, "-o", str(deck))[0] == 0
    old = deck.read_bytes()

    def disk_full(presentation: object, when: object, **reuse: object) -> bytes:
        raise OSError(28, "No space left on device")

    def no_zip(members: object, when: object) -> bytes:
        raise OSError(28, "No space left on device")

    # A full render fails in package_bytes; a warm rebuild drawing only what changed
    # (render/rerender.py) zips the last deck's members itself.
    monkeypatch.setattr(package, "package_bytes", disk_full)
    monkeypatch.setattr(package, "zipped", no_zip)
    code, err = _build(tmp_path, "-o", str(deck))
    assert code == 1
    assert "No space left on device" in err
    assert deck.read_bytes() == old
    assert sorted(os.listdir(tmp_path)) == ["deck.pptx"]
