"""Slides added by render/slides.py's SlideAdder (placeholders cloned once per layout, then
copied; from the third slide on a layout the whole new slide copied) are python-pptx's
own `Slides.add_slide`: the same part names, XML, relationships and slide ids, in every
order of layouts, on a cold package and with an earlier render's skeletons."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from pptx import Presentation

from aligndeck.render.slides import SlideAdder

ORDERS = [
    [1] * 6,
    [0, 1, 1, 5, 1, 5, 5, 0, 1, 1],
    [5, 5, 5, 5],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 3, 3],
]


def _made(presentation: Any) -> list[tuple[str, bytes, list[tuple[str, str, str]]]]:
    out = []
    for slide in presentation.slides:
        rels = sorted((rid, rel.reltype, rel.target_ref)
                      for rid, rel in slide.part.rels.items())
        out.append((str(slide.part.partname), etree.tostring(slide.part._element), rels))
    return out


def _ids(presentation: Any) -> list[tuple[str, str]]:
    return [(entry.get("id"), entry.rId) for entry in presentation.slides._sldIdLst]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("warm", [False, True])
def test_added_slides_are_python_pptxs(order: list[int], warm: bool) -> None:
    expected = Presentation()
    for index in order:
        expected.slides.add_slide(expected.slide_layouts[index])
    skeletons = None
    if warm:  # an earlier render of the same package hands its skeletons on
        earlier = Presentation()
        adder = SlideAdder(earlier)
        for index in order:
            adder.add_slide(earlier.slide_layouts[index])
        skeletons = adder.skeletons
    actual = Presentation()
    adder = SlideAdder(actual, skeletons)
    for index in order:
        adder.add_slide(actual.slide_layouts[index])
    assert _made(actual) == _made(expected)
    assert _ids(actual) == _ids(expected)
    # Each slide is a tree of its own: a change to one shows in no other.
    first, second = (s.shapes._spTree for s in list(actual.slides)[:2])
    assert first is not second and first.getroottree() is not second.getroottree()
