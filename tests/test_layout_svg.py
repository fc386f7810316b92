"""A template's layout drawn in SVG shapes (render/layout_svg.py): each shape of the made
templates' masters and layouts becomes the SVG element that draws it, in z-order, and the
drawing is a pure function of the layout."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from aligndeck.plan.theme import LIGHT_MAP, Palette
from aligndeck.render.layout_geometry import custom_path, preset_path
from aligndeck.render.layout_svg import LayoutDrawing, draw_layout
from made_templates import (
    BADGE,
    BAND,
    DRAWN,
    GLOW,
    RULE,
    SEAL,
    TITLE_BAND,
    TITLE_RULE,
    TURNED,
    write_all,
)

SVG = "http://www.w3.org/2000/svg"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_all(tmp_path_factory.mktemp("drawn"), DRAWN)["drawn.pptx"]


def layout_svg(path: Path, index: int) -> tuple[LayoutDrawing, etree._Element]:
    presentation = Presentation(str(path))
    width, height = int(presentation.slide_width), int(presentation.slide_height)
    drawing = draw_layout(presentation.slide_layouts[index], Palette(), dict(LIGHT_MAP),
                          width, height)
    root = etree.fromstring(f'<svg xmlns="{SVG}">{drawing.markup}</svg>')
    return drawing, root


def painted(root: etree._Element) -> list[tuple[str, str]]:
    """(tag, colour) of every painted fill and stroke, and ("image", "picture") of every
    picture, in document (z) order."""
    found = []
    for element in root.iter():
        tag = etree.QName(element).localname
        if tag == "use":
            found.append(("image", "picture"))
        elif tag in {"path", "rect", "text"}:
            found += [(tag, element.get(paint, "")) for paint in ("fill", "stroke")
                      if element.get(paint, "none") != "none"]
    return found


CONTENT = [
    ("the page first", 0, ("rect", "#FFFFFF")),
    ("the master's background (its theme style, bg1)", 1, ("path", "#FFFFFF")),
    ("the master's band", 2, ("path", f"#{BAND}")),
    ("the seal's fill", None, ("path", f"#{SEAL}")),
    ("the seal's outline", None, ("path", f"#{BAND}")),
    ("the master's rule, before the layout's shapes", None, ("path", f"#{RULE}")),
    ("the label", None, ("text", f"#{BAND}")),
    ("the logo", -1, ("image", "picture")),
]


@pytest.mark.parametrize(("what", "place", "expected"), CONTENT)
def test_the_content_layout_is_drawn_in_z_order(drawn: Path, what: str, place: int | None,
                                                expected: tuple[str, str]) -> None:
    _, root = layout_svg(drawn, 1)
    found = painted(root)
    assert expected in found, what
    if place is not None:
        assert found[place] == expected, what
    # the master's shapes (band, rule) come before the layout's (the seal)
    assert found.index(("path", f"#{RULE}")) < found.index(("path", f"#{SEAL}"))


def test_shapes_keep_their_geometry_turn_gradient_and_crop(drawn: Path) -> None:
    drawing, root = layout_svg(drawn, 1)
    markup = drawing.markup
    # the seal is an ellipse (two arcs), the badge's ends are round (radius = half height)
    assert re.search(r'd="M[\d.]+,[\d.]+ A28\.8,28\.8 0 1 1', markup)
    assert re.search(r'A18,18 0 0 1', markup)
    # the turned square turns about its centre
    assert re.search(r'transform="rotate\(45 [\d.]+ [\d.]+\)"', markup)
    # the badge's gradient runs left to right through its two colours
    gradient = root.find(f".//{{{SVG}}}linearGradient")
    assert gradient is not None and gradient.get("y1") == gradient.get("y2")
    assert [s.get("stop-color") for s in gradient] == [f"#{c}" for c in BADGE]
    # the wave's custom path, with its curve
    assert re.search(r'd="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ C', markup)
    # the logo: a quarter of its width cropped away from the left, the rest stretched
    crop = root.find(f".//{{{SVG}}}svg")
    assert crop is not None
    use = crop.find(f"{{{SVG}}}use")
    assert use is not None
    assert crop.get("viewBox") == "60 0 180 100" and crop.get("preserveAspectRatio") == "none"
    assert (crop.get("width"), crop.get("height")) == ("64.8", "36")
    [(pid, url, width, height)] = drawing.pictures
    assert use.get("href") == f"#{pid}" and (width, height) == (240, 100)
    data = base64.b64decode(url.split(",", 1)[1])
    assert Image.open(io.BytesIO(data)).size == (240, 100)
    assert drawing.left_out == ()


def test_a_page_colour_and_a_flipped_triangle(drawn: Path) -> None:
    drawing, root = layout_svg(drawn, 5)
    found = painted(root)
    assert ("path", "#F3F1EC") in found  # the layout's own background
    assert 'transform="matrix(-1 0 0 1' in drawing.markup  # flipped left to right
    assert ("path", f"#{RULE}") in found


def test_the_drawing_is_a_pure_function_of_the_layout(drawn: Path) -> None:
    first, _ = layout_svg(drawn, 1)
    again, _ = layout_svg(drawn, 1)
    assert first == again
    assert 'id="tpl-' in first.markup and 'url(#tpl-' in first.markup


PRESETS = [
    ("rect", (0, 0, 10, 5), "M0,0 L10,0 L10,5 L0,5 Z"),
    ("line", (1, 2, 3, 4), "M1,2 L4,6"),
    ("triangle", (0, 0, 10, 10), "M5,0 L10,10 L0,10 Z"),
    ("rtTriangle", (0, 0, 4, 4), "M0,0 L4,4 L0,4 Z"),
    ("diamond", (0, 0, 4, 2), "M2,0 L4,1 L2,2 L0,1 Z"),
    ("homePlate", (0, 0, 10, 4), "M0,0 L8,0 L10,2 L8,4 L0,4 Z"),
    ("cloud", (0, 0, 1, 1), None),
]


@pytest.mark.parametrize(("preset", "box", "expected"), PRESETS)
def test_preset_outlines(preset: str, box: tuple[float, float, float, float],
                         expected: str | None) -> None:
    assert preset_path(preset, None, box) == expected


A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@pytest.mark.parametrize(("path", "expected"), [
    ('<a:path w="10" h="10"><a:moveTo><a:pt x="0" y="0"/></a:moveTo><a:lnTo><a:pt x="10" '
     'y="10"/></a:lnTo><a:close/></a:path>', "M0,0 L20,20 Z"),
    # a quarter arc from the top of a circle of radius 5 to its right
    ('<a:path w="10" h="10"><a:moveTo><a:pt x="5" y="0"/></a:moveTo><a:arcTo wR="5" hR="5" '
     'stAng="16200000" swAng="5400000"/></a:path>', "M10,0 A10,10 0 0 1 20,10"),
    ('<a:path w="10" h="10"><a:moveTo><a:pt x="w" y="0"/></a:moveTo></a:path>', None),
])
def test_custom_geometry(path: str, expected: str | None) -> None:
    geometry = etree.fromstring(f'<a:custGeom xmlns:a="{A}"><a:pathLst>{path}</a:pathLst>'
                                "</a:custGeom>")
    assert custom_path(geometry, (0, 0, 20, 20)) == expected


def test_a_shape_with_a_value_out_of_the_spec_is_left_out(drawn: Path) -> None:
    presentation = Presentation(str(drawn))
    layout = presentation.slide_layouts[1]
    seal = next(sp for sp in layout.shapes._spTree.iter(f"{{{P}}}sp")
                if sp.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").get("name") == "seal")
    seal.find(f"{{{P}}}spPr/{{{A}}}xfrm").set("rot", "a quarter")
    drawing = draw_layout(layout, Palette(), dict(LIGHT_MAP), int(presentation.slide_width),
                          int(presentation.slide_height))
    root = etree.fromstring(f'<svg xmlns="{SVG}">{drawing.markup}</svg>')
    assert ("path", f"#{SEAL}") not in painted(root)
    assert ("path", f"#{BAND}") in painted(root)  # the rest is drawn
    assert drawing.left_out == ("shapes with values it could not read",)


def test_template_check_names_what_the_browser_leaves_out(drawn: Path, tmp_path: Path) -> None:
    from aligndeck.render.template import describe, load_template

    with zipfile.ZipFile(drawn) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    layout = "ppt/slideLayouts/slideLayout2.xml"
    seal = f'<a:solidFill><a:srgbClr val="{SEAL}"/></a:solidFill>'.encode()
    assert seal in parts[layout]
    parts[layout] = parts[layout].replace(seal, (
        b'<a:pattFill prst="dkDnDiag"><a:fgClr><a:srgbClr val="000000"/></a:fgClr>'
        b'<a:bgClr><a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill>'))
    patterned = tmp_path / "patterned.pptx"
    with zipfile.ZipFile(patterned, "w") as copy:
        for name, body in parts.items():
            copy.writestr(name, body)
    lines = describe(load_template(patterned))
    left = [line.strip() for line in lines if "browser preview leaves out" in line]
    # the content layout (content slides) has the pattern; the others draw everything
    assert left == ["the browser preview leaves out: pattern fills (drawn as a tint of "
                    "their colour)"]
    assert not any("leaves out" in line for line in describe(load_template(drawn)))


# ---- banded.pptx: a filled title placeholder, a turned group, an off-centre path gradient ----

@pytest.fixture(scope="module")
def banded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_all(tmp_path_factory.mktemp("banded"), DRAWN)["banded.pptx"]


def test_a_filled_title_placeholder_is_drawn_from_the_master(banded: Path) -> None:
    """The master's title placeholder has a navy fill and a 4 pt orange outline; every
    layout's title inherits them, so each layout's drawing carries idx 0's band (not in
    the layout's own markup: an empty placeholder is not shown)."""
    for index in (1, 5):
        drawing, _ = layout_svg(banded, index)
        assert f"#{TITLE_BAND}" not in drawing.markup
        [(_, markup, box)] = [p for p in drawing.placeholders if p[0] == 0]
        band = etree.fromstring(f'<svg xmlns="{SVG}">{markup}</svg>')
        assert painted(band) == [("path", f"#{TITLE_BAND}"), ("path", f"#{TITLE_RULE}")]
        stroke = band.findall(f"{{{SVG}}}path")[1]
        assert stroke.get("stroke-width") == "4" and stroke.get("fill") == "none"
        presentation = Presentation(str(banded))
        title = next(s for s in presentation.slide_masters[0].placeholders
                     if s.placeholder_format.idx == 0)
        assert box == tuple(v / 12700 for v in (title.left, title.top, title.width,
                                                 title.height))


def test_a_turned_group_turns_what_it_holds_about_its_centre(banded: Path) -> None:
    drawing, root = layout_svg(banded, 1)
    # the group: 0.55 x 1 in at (12.2, 5.6) in, turned 30 degrees
    cx, cy = (12.2 + 0.55 / 2) * 72, (5.6 + 0.5) * 72
    assert f'<g transform="rotate(30 {cx:g} {cy:g})">' in drawing.markup
    [turned] = [g for g in root.iter(f"{{{SVG}}}g")
                if g.get("transform", "").startswith("rotate(30 ")]
    assert painted(turned) == [("path", f"#{c}") for c in TURNED]


GRADIENTS = [
    ("a corner focus: a circle out to the farthest corner",
     '<a:path path="circle"><a:fillToRect l="0" t="0" r="100000" b="100000"/></a:path>',
     {"cx": "0", "cy": "0", "r": "50"}),
    ("no fill-to rectangle: the centre",
     '<a:path path="circle"/>', {"cx": "20", "cy": "15", "r": "25"}),
    ("the right edge's middle",
     '<a:path path="circle"><a:fillToRect l="100000" t="50000" r="0" b="50000"/></a:path>',
     {"cx": "40", "cy": "15", "r": "42.72"}),
    ("a rectangle: an ellipse through the farthest sides",
     '<a:path path="rect"><a:fillToRect l="50000" t="50000" r="50000" b="50000"/></a:path>',
     {"cx": "20", "cy": "15", "r": "20", "gradientTransform":
      "translate(20 15) scale(1 0.75) translate(-20 -15)"}),
]


@pytest.mark.parametrize(("what", "path", "expected"), GRADIENTS)
def test_path_gradients_start_at_their_fill_to_rectangle(what: str, path: str,
                                                         expected: dict[str, str]) -> None:
    from aligndeck.render.layout_geometry import path_gradient

    element = etree.fromstring(path.replace("<a:path", f'<a:path xmlns:a="{A}"', 1))
    svg = etree.fromstring(path_gradient("g", element, (0, 0, 40, 30), "")
                           .replace("<radialGradient", f'<radialGradient xmlns="{SVG}"', 1))
    assert {k: svg.get(k) for k in expected} == expected, what


def test_the_banded_background_is_a_path_gradient_from_the_top_left(banded: Path) -> None:
    _, root = layout_svg(banded, 5)
    [gradient] = root.iter(f"{{{SVG}}}radialGradient")
    assert (gradient.get("cx"), gradient.get("cy")) == ("0", "0")
    assert [s.get("stop-color") for s in gradient] == [f"#{c}" for c in GLOW]
