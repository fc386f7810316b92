"""The built-in package's placeholders stretched to the deck's width (render/builtin.py):
the shortcut through the master's placeholders, on the XML without python-pptx's proxies,
gives what python-pptx's inherited `left` and `width` give, read and written one
placeholder at a time as before (issue 24)."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from aligndeck.render.builtin import stretch_placeholders


def _parts(presentation: Any) -> list[Any]:
    master = presentation.slide_masters[0]
    return [master, *master.slide_layouts]


def _by_python_pptx(scale: float) -> list[bytes]:
    presentation = Presentation()
    for part in _parts(presentation):
        for shape in part.placeholders:
            shape.left = Emu(round(shape.left * scale))
            shape.width = Emu(round(shape.width * scale))
    return [etree.tostring(part.element) for part in _parts(presentation)]


def _by_stretch(scale: float) -> list[bytes]:
    presentation = Presentation()
    stretch_placeholders(presentation.slide_masters[0], scale)
    return [etree.tostring(part.element) for part in _parts(presentation)]


@pytest.mark.parametrize("scale", [4 / 3, 1.0, 16 / 10 * 3 / 4, 0.5, 2.37])
def test_stretch_writes_what_python_pptx_getters_give(scale: float) -> None:
    expected = _by_python_pptx(scale)
    assert _by_stretch(scale) == expected
    assert expected != [etree.tostring(p.element) for p in _parts(Presentation())] or scale == 1.0
