"""The OOXML package check the tests rely on: it passes sound decks and catches broken ones.

Each broken package is a sound one with one deliberate fault, so a check that quietly stopped
looking (schemas not loaded, a loop over no parts) fails here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Inches

from aligndeck import api
from ooxml_check import check_package

SLIDE = "ppt/slides/slide1.xml"
TYPES = "[Content_Types].xml"
SLIDE_RELS = "ppt/slides/_rels/slide1.xml.rels"
PRESENTATION = "ppt/presentation.xml"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small deck: two rectangles joined by a connector, speaker notes, a second slide."""
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Sound"
    first = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(2), Inches(2), Inches(1))
    second = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(5), Inches(2), Inches(2),
                                    Inches(1))
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
    line.begin_connect(first, 3)
    line.end_connect(second, 1)
    slide.notes_slide.notes_text_frame.text = "Notes."
    presentation.slides.add_slide(presentation.slide_layouts[1]).shapes.title.text = "Two"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def changed(data: bytes, part: str, edit: Callable[[str], str]) -> bytes:
    """The package with one part's text edited (the edit must change something)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == part:
                text = body.decode("utf-8")
                edited = edit(text)
                assert edited != text, f"the edit did not change {part}"
                body = edited.encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


def once(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"{old!r} not found"
        return text.replace(old, new, 1)
    return edit


def problems_of(tmp_path: Path, data: bytes, name: str = "deck.pptx") -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return [str(problem) for problem in check_package(path)]


def test_sound_decks_have_no_problems(sound: bytes, tmp_path: Path) -> None:
    assert problems_of(tmp_path, sound) == []
    out = tmp_path / "default.pptx"
    api.build(None, out)
    assert check_package(out) == []


def third_shape_id(text: str) -> str:
    """The id of the slide's first rectangle (after the shape tree's own and the title's)."""
    found = re.findall(r'<p:cNvPr id="(\d+)"', text)
    assert found[:2] == ["1", "2"] and len(found) > 2
    return found[2]


BROKEN: list[tuple[str, str, Callable[[str], str], str]] = [
    ("an element the schema does not allow", SLIDE,
     once("<p:cSld>", "<p:cSld><p:bogus/>"), r"ppt/slides/slide1\.xml: .*bogus"),
    ("an attribute value out of range", SLIDE,
     lambda t: re.sub(r'<a:off x="\d+"', '<a:off x="often"', t, count=1),
     r"ppt/slides/slide1\.xml: .*'often' is not a valid value"),
    ("elements in the wrong order", SLIDE,
     lambda t: re.sub(r"(<p:nvSpPr>.*?</p:nvSpPr>)(<p:spPr.*?</p:spPr>)", r"\2\1", t, count=1),
     r"ppt/slides/slide1\.xml: .*(nvSpPr|spPr).*(not expected|Expected)"),
    ("not well-formed XML", SLIDE, once("</p:sld>", "</p:sl>"),
     r"ppt/slides/slide1\.xml: not well-formed XML"),
    ("a relationship to a part that is not there", SLIDE_RELS,
     once("../slideLayouts/slideLayout6.xml", "../slideLayouts/slideLayout99.xml"),
     r"slide1\.xml\.rels: rId\d+ \(\.\./slideLayouts/slideLayout99\.xml\): the target is not"),
    ("a layout relationship to a slide", SLIDE_RELS,
     once("../slideLayouts/slideLayout6.xml", "slide2.xml"),
     r"a slideLayout relationship to a part of type .*slide\+xml"),
    ("a part with no content type", TYPES,
     lambda t: re.sub(r'<Default Extension="jpeg"[^>]*/>', "", t),
     r"^docProps/thumbnail\.jpeg: no content type \(no Override, no Default for \.jpeg\)"),
    ("an Override for a missing part", TYPES,
     once("<Default ", '<Override PartName="/ppt/ghost.xml" ContentType="application/xml"/>'
                       "<Default "),
     r"an Override for /ppt/ghost\.xml, which is not in the package"),
    ("a template's main content type in a .pptx", TYPES,
     once("presentationml.presentation.main+xml", "presentationml.template.main+xml"),
     r"main part of type .*template\.main\+xml in a \.pptx file"),
    ("two shapes with one id", SLIDE,
     lambda t: t.replace(f'<p:cNvPr id="{third_shape_id(t)}"', '<p:cNvPr id="2"'),
     r"shape id 2 used 2 times"),
    ("a connector to a shape that is not there", SLIDE,
     lambda t: re.sub(r'<a:endCxn id="\d+"', '<a:endCxn id="77"', t),
     r"a connector ends on shape id 77"),
    ("an r:id with no relationship", PRESENTATION,
     lambda t: re.sub(r'(<p:sldId id="\d+" r:id=")rId\d+', r"\1rId999", t, count=1),
     r"r:id='rId999' is not a relationship in ppt/_rels/presentation\.xml\.rels"),
    ("two slides with one id", PRESENTATION,
     lambda t: re.sub(r'<p:sldId id="257"', '<p:sldId id="256"', t),
     r"slide id 256 used 2 times"),
    ("a shape with a negative height", SLIDE,
     lambda t: re.sub(r'(<p:sp>.*?<a:ext cx="\d+") cy="\d+"', r'\1 cy="-344088"', t, count=1,
                      flags=re.S),
     r"ppt/slides/slide1\.xml: .*a:ext.*'-344088' is less than the minimum"),
    ("a shape with a zero height", SLIDE,
     lambda t: re.sub(r'(<p:sp>.*?<a:ext cx="\d+") cy="\d+"', r'\1 cy="0"', t, count=1,
                      flags=re.S),
     r"ppt/slides/slide1\.xml: .*p:sp\[\d\]/p:spPr/a:xfrm/a:ext: a shape of size \d+ x 0 EMU"),
    ("a relationship part that breaks the OPC schema", SLIDE_RELS,
     once("<Relationship ", '<Relationship Kind="odd" '),
     r"slide1\.xml\.rels: .*Kind"),
]


@pytest.mark.parametrize(("what", "part", "edit", "expected"), BROKEN,
                         ids=[case[0] for case in BROKEN])
def test_broken_packages_are_caught(sound: bytes, tmp_path: Path, what: str, part: str,
                                    edit: Callable[[str], str], expected: str) -> None:
    problems = problems_of(tmp_path, changed(sound, part, edit))
    assert any(re.search(expected, problem) for problem in problems), (what, problems)


def test_not_a_zip_is_a_problem(tmp_path: Path) -> None:
    assert problems_of(tmp_path, b"plain text") == ["deck.pptx: not a zip package: "
                                                    "File is not a zip file"]


def test_a_potx_needs_the_template_content_type(sound: bytes, tmp_path: Path) -> None:
    problems = problems_of(tmp_path, sound, "deck.potx")
    assert any("in a .potx file" in problem for problem in problems), problems
    template = changed(sound, TYPES, once("presentation.main+xml", "template.main+xml"))
    assert problems_of(tmp_path, template, "deck.potx") == []


ALTERNATE = (f'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
             f'markup-compatibility/2006" xmlns:p14="{P14}">'
             '<mc:Choice Requires="p14"><p14:unknownToTheSchema/></mc:Choice>'
             "<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


def test_markup_compatibility_is_applied(sound: bytes, tmp_path: Path) -> None:
    """A Choice needing a namespace the schemas do not know is skipped for the Fallback:
    a sound Fallback passes, an unsound one is caught."""
    good = ALTERNATE.format(fallback="")
    assert problems_of(tmp_path, changed(sound, SLIDE, once("</p:cSld>", f"</p:cSld>{good}"))
                       ) == []
    bad = ALTERNATE.format(fallback="<p:bogus/>")
    problems = problems_of(tmp_path, changed(sound, SLIDE, once("</p:cSld>", f"</p:cSld>{bad}")))
    assert any("bogus" in problem for problem in problems), problems


def test_ignorable_namespaces_only_when_declared(sound: bytes, tmp_path: Path) -> None:
    declared = changed(sound, SLIDE, once(
        "<p:sld ", f'<p:sld xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
                   f'2006" xmlns:p14="{P14}" mc:Ignorable="p14" p14:extra="1" '))
    assert problems_of(tmp_path, declared) == []
    undeclared = changed(sound, SLIDE, once("<p:sld ", f'<p:sld xmlns:p14="{P14}" p14:extra="1" '))
    problems = problems_of(tmp_path, undeclared)
    assert any("extra" in problem for problem in problems), problems


def test_negative_chart_axis_ids_only_are_accepted(tmp_path: Path) -> None:
    """python-pptx's charts carry negative axis ids (accepted, see ooxml_check); an axis id
    that is not a number at all is still caught."""
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("Wins", (1, 2))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    buffer = io.BytesIO()
    presentation.save(buffer)
    chart = "ppt/charts/chart1.xml"
    assert '<c:axId val="-' in zipfile.ZipFile(buffer).read(chart).decode("utf-8")
    assert problems_of(tmp_path, buffer.getvalue()) == []
    broken = changed(buffer.getvalue(), chart,
                     lambda t: re.sub(r'<c:axId val="-?\d+"', '<c:axId val="x"', t, count=1))
    problems = problems_of(tmp_path, broken)
    assert any("axId" in problem and "'x'" in problem for problem in problems), problems
