"""A diagram's group frame read from its shapes' XML (render/groups.py) is the box
python-pptx's `recalculate_extents` works out through its getters (issue 24)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu

from aligndeck.render.groups import child_extents

Shape = tuple[str, int, int, int, int]
"""("box" x y w h) or ("arrow" begin-x begin-y end-x end-y)."""


def _group(shapes: list[Shape]) -> Any:
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    group = slide.shapes.add_group_shape()
    for kind, a, b, c, d in shapes:
        if kind == "box":
            group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(a), Emu(b), Emu(c), Emu(d))
        else:  # a connector drawn right to left or upwards is stored flipped
            group.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(a), Emu(b), Emu(c), Emu(d))
    return group.shapes._spTree


@pytest.mark.parametrize("shapes", [
    [],
    [("box", 0, 0, 0, 0)],
    [("box", 914400, 457200, 1828800, 914400)],
    [("box", 100, 200, 300, 400), ("box", 50, 900, 10, 10)],
    [("box", 0, 0, 100, 100), ("arrow", 100, 50, 400, 50), ("box", 400, 0, 100, 100)],
    [("arrow", 500, 500, 100, 100)],  # flipped both ways
    [("arrow", 100, 900, 700, 300), ("box", 300, 300, 50, 50)],
    [("box", -200, -100, 50, 60), ("arrow", -300, 40, 20, -500)],
], ids=["empty", "point", "one box", "two boxes", "boxes joined", "flipped arrow",
        "arrow outside the box", "negative"])
def test_the_frame_is_python_pptx_s(shapes: list[Shape]) -> None:
    group = _group(shapes)
    assert child_extents(group) == group._child_extents


coordinate = st.integers(-2_000_000, 12_000_000)
size = st.integers(0, 5_000_000)
shape = st.one_of(st.tuples(st.just("box"), coordinate, coordinate, size, size),
                  st.tuples(st.just("arrow"), coordinate, coordinate, coordinate, coordinate))


@settings(max_examples=60, deadline=None)
@given(st.lists(shape, max_size=8))
def test_any_shapes_give_python_pptx_s_frame(shapes: list[Shape]) -> None:
    group = _group(shapes)
    assert child_extents(group) == group._child_extents


def test_a_nested_group_is_read_through_python_pptx() -> None:
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    outer = slide.shapes.add_group_shape()
    inner = outer.shapes.add_group_shape()
    inner.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(10), Emu(20), Emu(30), Emu(40))
    outer.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(100), Emu(0), Emu(5), Emu(5))
    assert child_extents(outer.shapes._spTree) == outer.shapes._spTree._child_extents
    assert child_extents(outer.shapes._spTree) == (10, 0, 95, 60)
