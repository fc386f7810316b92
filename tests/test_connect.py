"""Connectors glued and corners rounded on the XML (render/connect.py) write what
python-pptx's `begin_connect`, `end_connect` and `adjustments` write, byte for byte: boxes
on every side of each other, connectors drawn first in every direction (so the moves flip
them, and flip them back), every pair of sites, and corners of several sizes (issue 24)."""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu

from aligndeck.render.connect import glue_ends, set_corner

# (start box, end box) as x, y, width, height: apart on each side, overlapping, one
# inside the other, and of odd sizes (python-pptx halves them with a float).
BOXES = [
    ((100, 100, 400, 200), (900, 100, 400, 200)),
    ((900, 100, 400, 200), (100, 100, 400, 200)),
    ((100, 900, 401, 203), (100, 100, 399, 201)),
    ((100, 100, 400, 200), (300, 150, 400, 200)),
    ((0, 0, 2000, 2000), (500, 500, 301, 301)),
    ((1000, 1000, 1, 1), (999, 999, 3, 3)),
]
# A connector's first ends, before it is glued: forwards, backwards (flipped on both
# axes), flipped on one, and a point.
FIRST_ENDS = [((0, 0), (50, 50)), ((3000, 3000), (10, 20)), ((0, 3000), (3000, 0)),
              ((700, 700), (700, 700))]
SITES = [(begin, end) for begin, end in itertools.product(range(4), repeat=2)]


@functools.cache
def _deck() -> Any:
    return Presentation()


def _blank_shapes() -> Any:
    """A new blank slide's shapes (each drawing on a slide of its own, in one deck)."""
    deck = _deck()
    return deck.slides.add_slide(deck.slide_layouts[6]).shapes


def _drawn(boxes: tuple[Any, Any], first: Any, sites: tuple[int, int], ours: bool) -> bytes:
    shapes = _blank_shapes()
    start, end = (shapes.add_shape(MSO_SHAPE.RECTANGLE, *map(Emu, rect)) for rect in boxes)
    (bx, by), (ex, ey) = first
    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(bx), Emu(by), Emu(ex),
                                     Emu(ey))
    if ours:
        glue_ends(connector.element, (start.element, sites[0]), (end.element, sites[1]))
    else:
        connector.begin_connect(start, sites[0])
        connector.end_connect(end, sites[1])
    return bytes(etree.tostring(shapes._spTree))


@pytest.mark.parametrize("boxes", BOXES)
@pytest.mark.parametrize("first", FIRST_ENDS)
def test_glued_ends_are_what_python_pptx_writes(boxes: Any, first: Any) -> None:
    for sites in SITES:
        expected = _drawn(boxes, first, sites, ours=False)
        assert _drawn(boxes, first, sites, ours=True) == expected, sites


def test_the_comparison_sees_a_connector_left_where_it_was() -> None:
    """The comparison can fail: gluing to other sites writes other bytes."""
    assert _drawn(BOXES[0], FIRST_ENDS[0], (3, 1), ours=True) != \
        _drawn(BOXES[0], FIRST_ENDS[0], (0, 2), ours=False)


def _corner(value: float, ours: bool, twice: bool) -> bytes:
    shapes = _blank_shapes()
    shape = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(10), Emu(20), Emu(3000),
                             Emu(1000))
    for _ in range(2 if twice else 1):
        if ours:
            set_corner(shape.element, value)
        else:
            shape.adjustments[0] = value
    return bytes(etree.tostring(shape.element))


@pytest.mark.parametrize("value", [0.5, 0.0, 0.1234567, 1 / 3, 0.29289, 0.05])
@pytest.mark.parametrize("twice", [False, True])
def test_corner_is_what_python_pptx_adjustments_write(value: float, twice: bool) -> None:
    assert _corner(value, ours=True, twice=twice) == _corner(value, ours=False, twice=twice)
