"""How a template's placeholders set their text (alignment, colour, weight), read through
the layout, the master and its text styles; the browser draws placeholder text so, and
text we add beside a placeholder over a picture takes that placeholder's colour before the
theme's dark or light text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from aligndeck import api
from aligndeck.api import Design
from aligndeck.plan.model import Colour, Text
from aligndeck.plan.theme import PlaceholderLook
from aligndeck.render.html.page import draw_deck
from helpers import DEFAULT_OUTLINE
from made_templates import DESIGNED, write_all


@pytest.fixture(scope="module")
def designed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_all(tmp_path_factory.mktemp("looks"), DESIGNED)["designed.pptx"]


def with_title_colour(path: Path, slot: str, out: Path) -> Path:
    """The template with its cover's title set in the scheme colour `slot`."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = "ppt/slideLayouts/slideLayout1.xml"
    parts[name] = parts[name].replace(b'<a:schemeClr val="bg1"/></a:solidFill></a:defRPr>',
                                      f'<a:schemeClr val="{slot}"/></a:solidFill>'
                                      f"</a:defRPr>".encode(), 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for part, body in parts.items():
            copy.writestr(part, body)
    out.write_bytes(buffer.getvalue())
    return out


LOOKS = [
    # python-pptx's default theme: lt1 white, dk1 black; the subtitle's tx1 tinted 75%,
    # mixed in linear light as PowerPoint and LibreOffice mix it
    ("cover", "title", PlaceholderLook("center", "FFFFFF", None)),
    ("cover", "subtitle", PlaceholderLook("center", "898989", None)),
    ("content", "title", PlaceholderLook("center", "FFFFFF", None)),
    ("content", "body", PlaceholderLook("left", "000000", None)),
    ("content", "footer", PlaceholderLook("center", "898989", None)),
    ("content", "number", PlaceholderLook("right", "898989", None)),
]


@pytest.mark.parametrize(("family", "role", "expected"), LOOKS)
def test_placeholder_looks_are_inherited(designed: Path, family: str, role: str,
                                         expected: PlaceholderLook) -> None:
    theme = api.check(None, design=Design(template=designed)).theme
    assert theme.frame(family).look(role) == expected


def test_the_browser_draws_a_placeholder_as_its_layout_sets_it(designed: Path) -> None:
    checked = api.check(DEFAULT_OUTLINE, design=Design(template=designed))
    cover = draw_deck(checked.plan, checked.theme, 1.0, lambda written: written).slides[0]
    subtitle = cover.split('data-name="subtitle"', 1)[1].split("</g>", 1)[0]
    # The layout's grey (#898989) stands at 2.3:1 on the photo's light streaks under the
    # subtitle's words: the plan writes the theme's light text there instead (issue 28),
    # in the .pptx and on the page alike; the layout's alignment stays.
    assert 'text-anchor="middle"' in subtitle and 'fill="#FFFFFF"' in subtitle
    assert 'fill="#898989"' not in subtitle
    title = cover.split('data-name="title"', 1)[1].split("</g>", 1)[0]
    assert 'fill="#FFFFFF"' in title and "font-weight:bold" not in title


@pytest.mark.parametrize(("slot", "kicker"), [
    ("bg1", Colour("background")),  # white title: white kicker (the accent fails there)
    ("bg2", Colour("surface")),  # an off-white title: the kicker joins it, not white
])
def test_text_beside_a_placeholder_takes_its_colour_first(designed: Path, tmp_path: Path,
                                                          slot: str, kicker: Colour) -> None:
    template = with_title_colour(designed, slot, tmp_path / f"{slot}.pptx")
    plan = api.check(DEFAULT_OUTLINE, design=Design(template=template)).plan
    found = next(e for e in plan.slides[0].elements
                 if isinstance(e, Text) and e.name == "kicker")
    assert {run.colour for p in found.frame.paragraphs for run in p.runs} == {kicker}


def test_a_line_below_a_placeholder_takes_its_margins_and_alignment(designed: Path,
                                                                    tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(DEFAULT_OUTLINE.read_text(encoding="utf-8").replace(
        "kicker: 2022 · Alignment\n", "kicker: 2022 · Alignment\nauthor: Dana Okafor\n", 1),
        encoding="utf-8")
    checked = api.check(outline, design=Design(template=designed))
    texts = {e.name: e for e in checked.plan.slides[0].elements if isinstance(e, Text)}
    subtitle, byline = texts["subtitle"], texts["byline"]
    assert byline.placeholder is None and byline.rect.y > subtitle.rect.bottom
    # the subtitle is narrower than the title: the byline takes the subtitle's edges
    assert (byline.rect.x, byline.rect.w) == (subtitle.rect.x, subtitle.rect.w)
    assert texts["title"].rect.x < subtitle.rect.x
    assert {p.align for p in byline.frame.paragraphs} == {"center"}


A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.mark.parametrize(("where", "expected"), [
    ("sample", None),       # a master placeholder's sample paragraph is not a style
    ("list style", "center"),
    ("text style", "center"),
])
def test_alignment_is_inherited_through_styles_only(where: str, expected: str | None) -> None:
    # A template exported by LibreOffice (the Puccia .potx) has masters without text
    # styles; its title's centring stands only on the master placeholder's sample
    # paragraph, which neither LibreOffice nor PowerPoint inherits: both draw the title
    # left, so the plan and the page must too.
    from lxml import etree
    from pptx import Presentation

    from aligndeck.render.template_style import placeholder_look

    deck = Presentation()
    layout = deck.slide_layouts[5]  # title only
    master = layout.slide_master._element
    for level in master.iter(f"{A_NS}lvl1pPr"):
        level.attrib.pop("algn", None)
    for level in layout._element.iter(f"{A_NS}lvl1pPr"):
        level.attrib.pop("algn", None)
    title = next(sp for sp in master.iter(f"{P_NS}sp")
                 if sp.find(f"{P_NS}nvSpPr/{P_NS}nvPr/{P_NS}ph") is not None
                 and sp.find(f"{P_NS}nvSpPr/{P_NS}nvPr/{P_NS}ph").get("type") == "title")
    body = title.find(f"{P_NS}txBody")
    if where == "sample":
        paragraph = body.find(f"{A_NS}p")
        paragraph.insert(0, etree.Element(f"{A_NS}pPr", algn="ctr"))
    elif where == "list style":
        styles = body.find(f"{A_NS}lstStyle")
        etree.SubElement(styles, f"{A_NS}lvl1pPr", algn="ctr")
    else:
        master.find(f"{P_NS}txStyles/{P_NS}titleStyle/{A_NS}lvl1pPr").set("algn", "ctr")
    idx = next(sp.placeholder_format.idx for sp in layout.placeholders
               if sp.placeholder_format.type is not None and "TITLE" in str(
                   sp.placeholder_format.type))
    theme = api.check(None).theme
    look = placeholder_look(layout, idx, theme.palette, {})
    assert look.align == expected
