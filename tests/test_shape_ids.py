"""The next shape id, found in one walk of the slide (render/xml.py `next_shape_id`), is the
one python-pptx's `_next_shape_id` finds with XPath, on made slides and on every slide of
built decks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from aligndeck import api
from aligndeck.render import xml


def _slide_with(ids: list[str], grouped: bool, field: bool) -> Any:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    shapes = slide.shapes.add_group_shape().shapes if grouped else slide.shapes
    for value in ids:
        shape = shapes.add_textbox(Emu(0), Emu(0), Emu(10), Emu(10))
        shape.element.nvSpPr.cNvPr.set("id", value)
    if field:  # a field's id is a GUID: not a number, not counted
        p = slide.shapes.title.text_frame.paragraphs[0]._p
        fld = p.makeelement(xml.qn("a:fld"), {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                              "type": "slidenum"})
        p.append(fld)
    return slide


@pytest.mark.parametrize("ids", [[], ["7"], ["2", "40", "3"], ["x1", "12a", "5"],
                                 ["1000000", "9"], ["٣", "4"]])
@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("field", [False, True])
def test_the_next_id_is_python_pptxs(ids: list[str], grouped: bool, field: bool) -> None:
    slide = _slide_with(ids, grouped, field)
    tree = slide.shapes._spTree
    assert xml.next_shape_id(tree) == slide.shapes._next_shape_id
    # From any element of the slide: ids have the whole slide's scope.
    for element in list(tree.iter())[::5]:
        assert xml.next_shape_id(element) == slide.shapes._next_shape_id


def test_every_slide_of_a_built_deck(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    api.build(None, out)
    slides = list(Presentation(str(out)).slides)
    assert len(slides) > 10
    for slide in slides:
        assert xml.next_shape_id(slide.shapes._spTree) == slide.shapes._next_shape_id
