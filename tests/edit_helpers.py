"""Helpers for the hand-edit tests: an outline to edit, and decks edited and saved the way
PowerPoint saves them (new part names, new shape and slide ids)."""

from __future__ import annotations

import functools
import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from pptx import Presentation

from aligndeck.cli import main

TALK = """\
# A talk to edit: comments, anchors, flow and block styles, every quoting style.
title: Edits come back   # the cover's title
subtitle: "A deck, a colleague, and an outline"
kicker: 'Test · Edits'

stages:
  - name: &first Drafting
    summary: Someone writes the outline first
    points: [Plain words in a flow list, "A quoted one, with a comma"]
    notes: >-
      The first stage is where the outline is written. These notes are
      folded over two lines.
  - name: Reviewing
    summary: "A colleague edits the deck"
    points:
      - Fixes a typo in a title   # a comment after a value
      - 'Rewords a bullet'
    notes: |
      Literal notes keep their line.
shortcomings:
  items:
    - title: Lost edits
      summary: A rebuild used to overwrite them
      points:
        - The deck was replaced
        - "Nobody noticed"
closing: {title: Thank you, text: "Made with `aligndeck`"}
"""
"""Slides: 1 cover, 2 pipeline, 3 and 4 the stages, 5 shortcomings, 6 the shortcoming,
7 closing."""


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write_talk(folder: Path, text: str = TALK) -> tuple[Path, Path]:
    """The outline written to `folder/talk.yaml` and built to `talk.pptx`."""
    outline = folder / "talk.yaml"
    outline.write_text(text, encoding="utf-8")
    deck = folder / "talk.pptx"
    result = cli("build", str(outline), "-o", str(deck))
    assert result.exit_code == 0, result.output
    return outline, deck


def shape(presentation: Any, slide: int, name: str) -> Any:
    """The shape called `name` on slide `slide` (1-based), inside groups too."""
    def walk(shapes: Any) -> Any:
        for found in shapes:
            if found.name == name:
                return found
            if found.shape_type == 6:  # a group
                inner = walk(found.shapes)
                if inner is not None:
                    return inner
        return None

    found = walk(presentation.slides[slide - 1].shapes)
    assert found is not None, f"no {name} on slide {slide}"
    return found


def set_text(paragraph: Any, text: str) -> None:
    """Replace a paragraph's text, keeping its first run's formatting (as typing does)."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def save_as_powerpoint(presentation: Any, path: Path) -> None:
    """Save the way PowerPoint does after an edit: every slide and notes part renamed,
    every shape id and slide id changed."""
    for slide in presentation.slides:
        for element in slide.shapes._spTree.iter():
            if element.tag.endswith(("}cNvPr", "}stCxn", "}endCxn")):
                element.set("id", str(int(element.get("id")) + 500))
    for entry in presentation.slides._sldIdLst:
        entry.set("id", str(int(entry.get("id")) + 1000))
    buffer = io.BytesIO()
    presentation.save(buffer)  # python-pptx names slides slideN.xml as it saves
    with zipfile.ZipFile(buffer) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                data = _renamed(data.decode("utf-8")).encode("utf-8")
            new.writestr(_renamed(item.filename), data, zipfile.ZIP_DEFLATED)


def _renamed(text: str) -> str:
    text = re.sub(r"slides/(_rels/)?slide(\d+)\.xml",
                  lambda m: f"slides/{m.group(1) or ''}sheet{int(m.group(2)) + 40}.xml", text)
    return re.sub(r"notesSlides/(_rels/)?notesSlide(\d+)\.xml",
                  lambda m: f"notesSlides/{m.group(1) or ''}notes{int(m.group(2)) + 40}.xml",
                  text)


def edit_deck(deck: Path, change: Callable[[Any], None]) -> None:
    """Open the deck, make a change, save it as PowerPoint would."""
    presentation = Presentation(str(deck))
    change(presentation)
    save_as_powerpoint(presentation, deck)


@functools.cache
def previous_deck() -> bytes:
    """A deck aligndeck built (the built-in talk), untouched since: what a build finds at
    its output path and may overwrite, or must leave whole when the build fails."""
    from aligndeck import api

    with tempfile.TemporaryDirectory(prefix="aligndeck-previous-") as folder:
        deck = Path(folder) / "previous.pptx"
        api.build(None, deck)
        return deck.read_bytes()
