"""A template whose look lives on its sample slides (issue 28: the Puccia export draws its
paper photograph, background colour and logo on every sample slide, nothing on its
master): what every sample slide shares is carried onto the master before the sample
slides go, so the deck looks like the template; what differs stays out."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

from aligndeck import api
from aligndeck.api import Design
from aligndeck.outline.loader import load_outline
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import Text
from aligndeck.plan.theme import contrast_ratio
from helpers import DEFAULT_OUTLINE, run_validator

PAPER = "5A4632"
"""A dark paper: the template's own dark text would not read on it."""


def _png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 20)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


LOGO = _png((200, 30, 30))
PHOTO = _png((90, 70, 50), (64, 36))
ORNAMENT = _png((30, 30, 200))


def _template(path: Path, slides: int, *, same_logo: bool = True) -> Path:
    """A template of `slides` sample slides, each with the same background colour, a
    full-slide photo and a logo (moved on the second slide unless `same_logo`) and an
    ornament placed differently on each."""
    presentation = Presentation()
    width, height = presentation.slide_width, presentation.slide_height
    for index in range(slides):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(PAPER)
        slide.shapes.add_picture(io.BytesIO(PHOTO), 0, 0, width, height)
        shift = 0 if same_logo or index == 0 else 400_000
        slide.shapes.add_picture(io.BytesIO(LOGO), Emu(300_000 + shift), Emu(6_000_000),
                                 Emu(900_000), Emu(450_000))
        slide.shapes.add_picture(io.BytesIO(ORNAMENT), Emu(100_000 * (index + 1)), 0,
                                 Emu(500_000), Emu(250_000))
    presentation.save(path)
    return path


def _master_images(deck: Path) -> list[str]:
    """The image bytes (hashed) the deck's first master draws, in order."""
    presentation = Presentation(deck)
    master = presentation.slide_masters[0]
    found = []
    for shape in master.shapes:
        if shape.shape_type is not None and hasattr(shape, "image"):
            found.append(hashlib.sha256(shape.image.blob).hexdigest())
    return found


def _hash(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


# Each: sample slides, whether the logo stays put, and the images the master draws after.
CASES = [
    pytest.param(3, True, [_hash(PHOTO), _hash(LOGO)], id="shared-photo-and-logo"),
    pytest.param(3, False, [_hash(PHOTO)], id="a-moved-logo-stays-out"),
    pytest.param(1, True, [], id="one-sample-slide-is-content"),
]


@pytest.mark.parametrize(("slides", "same_logo", "images"), CASES)
def test_what_every_sample_slide_shares_goes_onto_the_master(
        tmp_path: Path, slides: int, same_logo: bool, images: list[str]) -> None:
    template = _template(tmp_path / "paper.pptx", slides, same_logo=same_logo)
    result = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx",
                       design=Design(template=template))
    assert _master_images(result.path) == images
    background = Presentation(result.path).slide_masters[0].background.fill
    if images:
        assert str(background.fore_color.rgb) == PAPER
    assert _hash(ORNAMENT) not in _master_images(result.path)
    run_validator(result.path)


def test_text_on_the_carried_paper_reads(tmp_path: Path) -> None:
    """The template's placeholders set dark text; on the dark paper now beneath them the
    plan writes a colour that reads, as it does for our own text, and the .pptx names it
    on the placeholder's runs."""
    from aligndeck.plan.lint import is_large
    from aligndeck.render.template import load_template

    template = _template(tmp_path / "paper.pptx", 2)
    theme = load_template(template).theme
    outline = load_outline(DEFAULT_OUTLINE)
    plan = plan_deck(outline, theme)
    recoloured = [e for s in plan.slides for e in s.elements
                  if isinstance(e, Text) and e.recoloured]
    assert any(e.placeholder == "title" for e in recoloured)
    for element in recoloured:
        for run in (r for p in element.frame.paragraphs for r in p.runs if r.text.strip()):
            needed = 3.0 if is_large(run) else 4.5
            assert contrast_ratio(theme.hex(run.colour), PAPER) >= needed, element.name
    result = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx",
                       design=Design(template=template))
    title = next(s for s in Presentation(result.path).slides[0].placeholders
                 if s.name == "title")
    assert all(r.font.color.type is not None
               for p in title.text_frame.paragraphs for r in p.runs)


def test_a_carried_picture_does_not_stop_a_small_masters_scaling() -> None:
    """A master laid out for a smaller slide is scaled up unless it draws something of its
    own beyond that slide; a picture carried from the sample slides was drawn for the whole
    slide and does not count (the Puccia .pptx's paper photo)."""
    from lxml import etree

    from aligndeck.render.master_scale import _drawn
    from aligndeck.render.template_samples import CARRIED

    class Master:  # the shape tree is all `_drawn` reads
        def __init__(self, name: str) -> None:
            ns = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
            self._element = etree.fromstring(
                f'<p:sldMaster {ns}><p:cSld><p:spTree><p:pic><p:nvPicPr>'
                f'<p:cNvPr id="2" name="{name}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
                '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm>'
                '</p:spPr></p:pic></p:spTree></p:cSld></p:sldMaster>')

    assert len(_drawn(Master("Picture 2"))) == 1
    assert _drawn(Master(f"{CARRIED}1")) == []
