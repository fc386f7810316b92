"""Placeholders cloned once per process (issue 24): a render of the built-in package copies
the placeholders an earlier render of the same size and theme cloned onto the first slide
of each layout and the first notes slide (render/slides.py, render/reuse.py), instead of
asking python-pptx to clone them again. The decks stay those of a cold build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import NotesSlide

from aligndeck import api
from aligndeck.render import reuse

ROOT = Path(__file__).resolve().parent.parent


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"layout": 0, "notes": 0}
    layout, notes = (SlideShapes.clone_layout_placeholders,
                     NotesSlide.clone_master_placeholders)

    def clone_layout(self: SlideShapes, *args: object) -> None:
        calls["layout"] += 1
        layout(self, *args)

    def clone_notes(self: NotesSlide, *args: object) -> None:
        calls["notes"] += 1
        notes(self, *args)

    monkeypatch.setattr(SlideShapes, "clone_layout_placeholders", clone_layout)
    monkeypatch.setattr(NotesSlide, "clone_master_placeholders", clone_notes)
    return calls


def test_a_second_render_clones_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    calls = _counting(monkeypatch)
    shutil.copy(ROOT / "deck.yaml", tmp_path / "deck.yaml")
    reuse.forget()
    api.build(tmp_path / "deck.yaml", tmp_path / "first.pptx")
    assert calls["layout"] > 1 and calls["notes"] == 1
    calls.update(layout=0, notes=0)
    api.build(tmp_path / "deck.yaml", tmp_path / "second.pptx")
    assert calls == {"layout": 0, "notes": 0}
    assert (tmp_path / "second.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes()


# Designs built one after another in one process; each must be its cold build.
SEQUENCE = [api.Design(), api.Design(aspect="4:3"), api.Design(theme="dark"),
            api.Design(aspect="4:3", theme="dark"), api.Design(), api.Design(aspect="4:3")]


def test_designs_in_turn_are_their_cold_builds(tmp_path: Path) -> None:
    shutil.copy(ROOT / "deck.yaml", tmp_path / "deck.yaml")
    reuse.forget()
    warm = []
    for number, design in enumerate(SEQUENCE):
        out = tmp_path / f"warm{number}.pptx"
        api.build(tmp_path / "deck.yaml", out, design=design)
        warm.append(out.read_bytes())
    for number, design in enumerate(SEQUENCE):
        reuse.forget()
        out = tmp_path / f"cold{number}.pptx"
        api.build(tmp_path / "deck.yaml", out, design=design)
        assert warm[number] == out.read_bytes(), SEQUENCE[number]
