"""The notes a deck's snapshot reads (edits/snapshot.py) are what python-pptx's
`notes_text_frame` reads, found without its placeholder lookups (issue 24)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation

from aligndeck.edits.snapshot import normal, snapshot

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _text(text: str) -> Callable[[Any], None]:
    def write(notes: Any) -> None:
        notes.notes_text_frame.text = text
    return write


def _break_and_field(notes: Any) -> None:
    paragraph = notes.notes_text_frame.paragraphs[0]
    paragraph.text = "before\vafter"
    field = etree.SubElement(paragraph._p, f"{{{A}}}fld", id="{00000000-0000-0000-0000-00000000"
                             "0001}", type="slidenum")
    etree.SubElement(field, f"{{{A}}}t").text = " 7 "


def _body_dropped(notes: Any) -> None:
    body = notes.notes_placeholder
    body._element.getparent().remove(body._element)


def _body_typed_other(notes: Any) -> None:
    notes.notes_text_frame.text = "hidden"
    ph = notes.notes_placeholder._element.find(".//{*}ph")
    ph.set("type", "obj")


def _text_body_removed(notes: Any) -> None:
    sp = notes.notes_placeholder._element
    sp.remove(sp.find("{*}txBody"))


# (how the notes slide is written, the notes expected)
CASES: list[tuple[str, Callable[[Any], None] | None]] = [
    ("no notes slide", None),
    ("plain", _text("Say this first.")),
    ("paragraphs, an empty one between", _text("One\n\n  Two   spaced  \nThree")),
    ("a line break and a field", _break_and_field),
    ("no body placeholder", _body_dropped),
    ("the body placeholder typed otherwise", _body_typed_other),
    ("a body placeholder without text", _text_body_removed),
]


def _python_pptx_notes(slide: Any) -> str:
    if not slide.has_notes_slide or slide.notes_slide.notes_placeholder is None:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return "\n".join(t for t in (normal(p.text) for p in frame.paragraphs) if t)


@pytest.mark.parametrize("write", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_notes_read_as_python_pptx_reads_them(write: Callable[[Any], None] | None) -> None:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    if write is not None:
        write(slide.notes_slide)
    (shot,) = snapshot(presentation)
    assert shot.notes == _python_pptx_notes(slide)
    assert shot.slide_id == slide.slide_id


def _normal_by_regex(text: str) -> str:
    """What `normal` was: white space collapsed by a regular expression."""
    return re.sub(r"\s+", " ", text).strip()


SPACES = [" ", "\t", "\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0",
          "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000",
          "\u200b", "\u2060", "\ufeff", "\u180e"]  # the last four are not white space


@pytest.mark.parametrize("text", ["", " ", "plain", "  lead and trail  ", "a\n\nb\r\nc",
                                  *(f"x{s}{s}y{s}" for s in SPACES)])
def test_normal_is_the_regular_expressions(text: str) -> None:
    assert normal(text) == _normal_by_regex(text)


@given(st.text(alphabet=st.sampled_from([*SPACES, "a", "b", "é", "日"]) | st.characters()))
def test_normal_is_the_regular_expressions_on_any_text(text: str) -> None:
    assert normal(text) == _normal_by_regex(text)
