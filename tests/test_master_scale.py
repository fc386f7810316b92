"""A template whose masters were laid out for a smaller slide (LibreOffice exported the
Puccia templates so: 20 x 11.25 in slides, masters placed for 10 x 7.5 in): a layout
placeholder that inherits its box from such a master is read scaled up to the slide, so
the footer row stands at the bottom (not half-way down the left half) and diagrams take the
whole width, and the slides name those boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from aligndeck import api
from aligndeck.api import Design
from aligndeck.render.master_scale import master_scale
from helpers import DEFAULT_OUTLINE

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def small_master(path: Path) -> Path:
    """python-pptx's default deck (masters for 10 x 7.5 in) on a 20 x 11.25 in slide."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(20), Inches(11.25)
    presentation.save(str(path))
    return path


@pytest.mark.parametrize(("size", "expected"), [
    ((Inches(20), Inches(11.25)), (2.0, 1.43)),   # a master made for a smaller slide
    ((Inches(10), Inches(7.5)), None),            # python-pptx's own: made for its slide
    ((Inches(12), Inches(7.5)), None),            # 0.83 of the width: a master's own
])
def test_a_master_for_a_smaller_slide_is_recognised(size: tuple[int, int],
                                                    expected: tuple[float, float] | None
                                                    ) -> None:
    master = Presentation().slide_master
    found = master_scale(master, *size)
    assert (None if found is None else (round(found[0], 2), round(found[1], 2))) == expected


@pytest.mark.parametrize(("left", "expected"), [
    (Inches(2), (2.0, 1.43)),   # a mark inside the 10 x 7.5 in the placeholders fill
    (Inches(12), None),         # a band on the right, beside the placeholders: its design
])
def test_a_master_drawing_beyond_its_placeholders_slide_is_its_slides_design(
        left: int, expected: tuple[float, float] | None) -> None:
    """Placeholders in the left half beside a picture or band the master draws on the right
    are a design for the wide slide (a photo panel), not a master left at a smaller size."""
    master = Presentation().slide_master
    band = etree.fromstring(
        f'<p:sp xmlns:p="{P[1:-1]}" xmlns:a="{A[1:-1]}"><p:nvSpPr><p:cNvPr id="99" name="Band"/>'
        f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{left}" y="{Inches(1)}"/>'
        f'<a:ext cx="{Inches(6)}" cy="{Inches(5)}"/></a:xfrm><a:prstGeom prst="rect"/>'
        '</p:spPr></p:sp>')
    master._element.find(f"{P}cSld/{P}spTree").append(band)
    found = master_scale(master, Inches(20), Inches(11.25))
    assert (None if found is None else (round(found[0], 2), round(found[1], 2))) == expected


def test_footers_and_diagrams_take_the_slide_not_the_small_masters_place(
        tmp_path: Path) -> None:
    template = small_master(tmp_path / "small.pptx")
    theme = api.check(None, design=Design(template=template)).theme
    width, height = Inches(20), Inches(11.25)
    for family in ("content", "diagram"):
        frame = theme.frame(family)
        assert frame.footer is not None and frame.number is not None
        # The row at the bottom, the footer about the middle, the number at the right.
        assert frame.footer.bottom > 0.85 * height and frame.footer.bottom <= height
        assert abs(frame.footer.x + frame.footer.w // 2 - width // 2) < Inches(0.5)
        assert frame.number.right > 0.85 * width
        assert frame.content.w > 0.85 * width
    deck = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx",
                     design=Design(template=template)).path
    footer = theme.frame("diagram").footer
    assert footer is not None
    written = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.placeholders:
            ph = shape._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph.get("type") == "ftr" and shape._element.find(f"{P}spPr/{A}xfrm") is not None:
                written.append((shape.left, shape.top, shape.width, shape.height))
    assert len(written) > 10
    assert (footer.x, footer.y, footer.w, footer.h) in written


@pytest.mark.parametrize(("title", "expected"), [
    # the layout's own boxes all in the master's 10 x 7.5 in: scaled with it
    (None, (Inches(1.5), Inches(17))),
    # a layout drawn for the 20 in slide (the Puccia .potx's) keeps its own boxes
    ((Inches(1), Inches(0.4), Inches(18), Inches(2)), (Inches(1), Inches(18))),
])
def test_a_layouts_own_boxes_scale_only_when_laid_out_for_the_smaller_slide(
        tmp_path: Path, title: tuple[int, int, int, int] | None,
        expected: tuple[int, int]) -> None:
    path = small_master(tmp_path / "small.pptx")
    if title is not None:
        presentation = Presentation(str(path))
        placeholder = presentation.slide_layouts[0].placeholders[0]
        placeholder.left, placeholder.top, placeholder.width, placeholder.height = title
        presentation.save(str(path))
    frame = api.check(None, design=Design(template=path)).theme.frame("cover")
    assert (frame.title.x, frame.title.w) == pytest.approx(expected, abs=Inches(0.01))


def test_a_kicker_with_no_room_above_the_title_takes_the_top_of_its_placeholder(
        tmp_path: Path) -> None:
    # The Puccia .potx's cover title starts 0.45 in from the slide's top: the kicker was
    # left out without a word; now it stands in the top of the placeholder, the title
    # (centred in it, its size kept) below it.
    path = small_master(tmp_path / "small.pptx")
    presentation = Presentation(str(path))
    placeholder = presentation.slide_layouts[0].placeholders[0]
    box = (Inches(1), Inches(0.3), Inches(18), Inches(2))
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = box
    presentation.save(str(path))
    plan = api.check(DEFAULT_OUTLINE, design=Design(template=path)).plan
    cover = {e.name: e for e in plan.slides[0].elements}
    kicker, title = cover["kicker"].rect, cover["title"].rect  # type: ignore[union-attr]
    assert kicker.y == box[1] and kicker.bottom <= title.y
    assert title.bottom == box[1] + box[3] and title.x == box[0]
    assert not [f for f in plan.findings if "kicker" in f.message]
