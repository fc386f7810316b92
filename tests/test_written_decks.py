"""Decks this process wrote (issue 24): a rebuild over a deck that still holds exactly the
bytes the last build wrote need not open it to look for hand edits (edits/written.py); any
other bytes at that path are opened and compared as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligndeck import api
from aligndeck.edits import written
from aligndeck.errors import BuildError
from edit_helpers import TALK, edit_deck, set_text, shape


def _retitle(p: object) -> None:
    set_text(shape(p, 3, "lead").text_frame.paragraphs[0], "Someone drafts it first")


def test_a_deck_is_remembered_as_written_until_its_bytes_change(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(TALK, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    written.forget()
    api.build(outline, deck)
    assert written.unchanged(deck, deck.read_bytes())
    assert not written.unchanged(tmp_path / "other.pptx", deck.read_bytes())
    api.build(outline, deck)  # untouched: overwritten
    edit_deck(deck, _retitle)
    assert not written.unchanged(deck, deck.read_bytes())
    with pytest.raises(BuildError, match="was edited since aligndeck built it"):
        api.build(outline, deck)


# (what happened to the deck since this process wrote it, does the rebuild go ahead?)
CASES = [
    ("left alone", lambda deck, kept: None, True),
    ("edited", lambda deck, kept: edit_deck(deck, _retitle), False),
    ("edited, then put back byte for byte", lambda deck, kept: (
        edit_deck(deck, _retitle), deck.write_bytes(kept)), True),
    ("replaced by a file aligndeck did not build",
     lambda deck, kept: deck.write_bytes(b"not a deck"), False),
]


@pytest.mark.parametrize(("what", "change", "goes_ahead"), CASES, ids=[c[0] for c in CASES])
def test_a_rebuild_overwrites_only_what_nobody_edited(tmp_path: Path, what: str,
                                                      change: object,
                                                      goes_ahead: bool) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(TALK, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    api.build(outline, deck)
    change(deck, deck.read_bytes())  # type: ignore[operator]
    if goes_ahead:
        api.build(outline, deck)
    else:
        with pytest.raises(BuildError, match="nothing was written"):
            api.build(outline, deck)
