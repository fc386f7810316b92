"""The template is the design: text readable on what its layouts really draw (photos,
gradients, picture fills), document properties of our deck only, and no shape of no size."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu

from aligndeck import api
from aligndeck.api import Design
from aligndeck.plan.backdrop import Backdrop
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.lint import BACKGROUND, is_large, layout_colours, lint_deck, placed_runs
from aligndeck.plan.model import Box, Diagram, Rect, SlidePlan, Text
from aligndeck.plan.theme import DEFAULT_THEME, Frames, contrast_ratio
from aligndeck.render.backdrop import draw_backdrop
from aligndeck.render.template import FAMILY_OF_KIND, load_template
from helpers import DEFAULT_OUTLINE, run_validator
from made_templates import (
    DARK_PHOTO,
    DESIGNED,
    DRAWN,
    GLOW,
    GRADIENT,
    MADE,
    WARM_PHOTO,
    write_all,
)
from test_templates import open_any

DESIGNED_NAME = "designed.pptx"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("made"), {**MADE, **DESIGNED})


def near(hex_colour: str, rgb: tuple[int, int, int], tolerance: int = 12) -> bool:
    value = bytes.fromhex(hex_colour)
    return all(abs(a - b) <= tolerance for a, b in zip(value, rgb, strict=True))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = bytes.fromhex(hex_colour)
    return value[0], value[1], value[2]


# ---- what a layout draws ---------------------------------------------------------------

def test_backdrop_draws_photo_gradient_and_picture_fill(made: dict[str, Path]) -> None:
    presentation = Presentation(str(made[DESIGNED_NAME]))
    template = load_template(made[DESIGNED_NAME])
    palette, colour_map = template.theme.palette, template.theme.colour_map
    width, height = presentation.slide_width, presentation.slide_height
    cover, content, title_only = (presentation.slide_layouts[i] for i in (0, 1, 5))

    def drawn(layout: Any) -> Backdrop:
        return draw_backdrop(layout, palette, colour_map, width, height)

    # the photo: its dark base and its lighter streaks, all of it darker than mid-grey
    photo = drawn(cover).colours_under(Rect(0, 0, width, height))
    assert any(near(c, DARK_PHOTO[0]) for c in photo)
    assert all(max(rgb(c)) <= max(DARK_PHOTO[1]) + 8 for c in photo)
    # the gradient runs from its first colour at the top to its last at the bottom
    top = drawn(content).colours_under(Rect(width // 2, 0, 1, 1))
    bottom = drawn(content).colours_under(Rect(width // 2, height - 1, 1, 1))
    assert near(top[0], rgb(GRADIENT[0]), 16) and near(bottom[0], rgb(GRADIENT[1]), 16)
    # the picture fill, stretched over the whole slide
    warm = drawn(title_only).colours_under(Rect(0, 0, width, height))
    assert all(min(rgb(c)) >= min(WARM_PHOTO[0]) - 12 for c in warm)
    # a layout with nothing behind its text: the plain page
    plain = Presentation()
    page = draw_backdrop(plain.slide_layouts[1], palette, colour_map,
                         plain.slide_width, plain.slide_height)
    assert page.plain == "FFFFFF"


def with_cropped_picture(path: Path, out: Path) -> Path:
    """The template with a picture on its content layout, left half black and right half
    white, cropped to its right half and set over the top-left quarter of the slide."""
    presentation = Presentation(str(path))
    layout = presentation.slide_layouts[1]
    image = Image.new("RGB", (200, 100), (0, 0, 0))
    image.paste((255, 255, 255), (100, 0, 200, 100))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    _, rid = layout.part.get_or_add_image_part(buffer)
    w, h = presentation.slide_width // 2, presentation.slide_height // 2
    picture = CT_Picture.new_pic(99, "half", "Half", rid, 0, 0, w, h)
    crop = picture.blipFill.get_or_add_srcRect()
    crop.set("l", "50000")
    layout.shapes._spTree.append(picture)
    presentation.save(str(out))
    return out


def test_backdrop_samples_a_picture_with_its_crop_and_scale(made: dict[str, Path],
                                                            tmp_path: Path) -> None:
    path = with_cropped_picture(made["wide-old.pptx"], tmp_path / "cropped.pptx")
    presentation = Presentation(str(path))
    template = load_template(path)
    width, height = presentation.slide_width, presentation.slide_height
    backdrop = draw_backdrop(presentation.slide_layouts[1], template.theme.palette,
                             template.theme.colour_map, width, height)
    # cropped to its white half, stretched over the quarter: white, not half black
    inside = backdrop.colours_under(Rect(width // 40, height // 40, width // 2 - width // 20,
                                         height // 2 - height // 20))
    assert inside and all(near(c, (255, 255, 255), 4) for c in inside), inside


# ---- readable text ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def designed_build(made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
                   ) -> tuple[api.CheckResult, Path]:
    out = tmp_path_factory.mktemp("designed") / "deck.pptx"
    design = Design(template=made[DESIGNED_NAME])
    api.build(None, out, design=design)
    return api.check(None, design=design), out


def test_every_run_meets_aa_on_what_the_layout_draws(
        designed_build: tuple[api.CheckResult, Path]) -> None:
    checked, _ = designed_build
    placed = list(placed_runs(checked.plan, checked.theme))
    over_pictures = [p for p in placed if p.under]
    # the photo cover, the gradient and the picture fill are all behind some text
    assert {p.slide for p in over_pictures} >= {1, 2, len(checked.plan.slides)}
    for p in over_pictures:
        if not p.run.text.strip():
            continue
        ink = checked.theme.hex(p.run.colour)
        worst = min(contrast_ratio(ink, colour) for colour in p.under)
        needed = 3.0 if is_large(p.run) else 4.5
        assert worst >= needed, (p.slide, p.shape, p.run.text, ink, worst)
    assert not [f for f in lint_deck(checked.plan, checked.theme)
                if "draws behind it" in f.message]


def test_designed_template_deck_is_sound(designed_build: tuple[api.CheckResult, Path]) -> None:
    run_validator(designed_build[1])


def striped(theme: Any) -> Any:
    """`theme` with every layout drawn as fine black and white stripes: no colour of the
    scheme reads on both."""
    columns, rows = 64, 36
    pixels = bytes(v for i in range(columns * rows) for v in ((0, 0, 0) if i % 2 else
                                                             (255, 255, 255)))
    backdrop = Backdrop(theme.grid.width, theme.grid.height, columns, rows, pixels)
    frames = Frames(*(replace(theme.frame(family), backdrop=backdrop)
                      for family in ("cover", "content", "diagram")))
    return replace(theme, frames=frames)


def test_text_no_colour_can_carry_gets_a_panel(default_outline: Any) -> None:
    theme = striped(DEFAULT_THEME)
    plan = plan_deck(default_outline, theme)
    cover = plan.slides[0]
    names = [e.name for e in cover.elements]
    # the title's ink is lost on the black stripes, the page colour on the white ones
    assert "title-scrim" in names and names.index("title-scrim") < names.index("title")
    scrim = next(e for e in cover.elements if e.name == "title-scrim")
    title = next(e for e in cover.elements if e.name == "title")
    assert isinstance(scrim, Box) and isinstance(title, Text) and scrim.fill is not None
    assert scrim.rect.contains(title.rect)
    for run in (r for p in title.frame.paragraphs for r in p.runs):
        assert contrast_ratio(theme.hex(run.colour), theme.hex(scrim.fill)) >= 3.0
    # the kicker is 14 pt bold: not large by the house design's rule (18 pt bold), so it
    # needs 4.5:1, which no colour reaches on both black and white stripes: a panel too
    # (by WCAG's looser rule it read at 3:1 in its accent and kept it)
    assert "kicker-scrim" in names and names.index("kicker-scrim") < names.index("kicker")
    # the subtitle is 24 pt and up: large, 3:1 on both stripes, so it keeps its colour
    assert "subtitle-scrim" not in names
    # the panel makes every run readable, so the lint has nothing left to report
    assert not [f for f in lint_deck(plan, theme) if "draws behind it" in f.message]


def test_lint_names_the_word_the_slide_and_both_colours(default_outline: Any) -> None:
    plan = plan_deck(default_outline, DEFAULT_THEME)  # planned for a plain page
    theme = striped(DEFAULT_THEME)  # then shown on stripes
    found = [f.message for f in lint_deck(plan, theme) if "draws behind it" in f.message]
    assert found
    assert any(re.search(r"“[^”]+” on slide 1 \(title\) is #[0-9A-F]{6} on #[0-9A-F]{6}",
                         message) for message in found), found


# ---- our deck's properties -------------------------------------------------------------

def with_properties(path: Path, out: Path) -> Path:
    """The template with document properties of its own, as real ones have."""
    presentation = open_any(path)
    props = presentation.core_properties
    props.author, props.keywords, props.category = "Template Author", "brand, internal", "Old"
    props.title = "The template's own title"
    presentation.save(str(out))
    return out


@pytest.mark.parametrize("name", [*MADE, *DESIGNED])
def test_document_properties_describe_our_deck(made: dict[str, Path], tmp_path: Path,
                                               name: str) -> None:
    template = with_properties(made[name], tmp_path / "props.pptx")
    out = tmp_path / "deck.pptx"
    api.build(None, out, design=Design(template=template))
    checked = api.check(None, design=Design(template=template))
    with zipfile.ZipFile(out) as package:
        app = etree.fromstring(package.read("docProps/app.xml"))
        core = etree.fromstring(package.read("docProps/core.xml"))
        whole = package.read("docProps/app.xml") + package.read("docProps/core.xml")
    titles = [slide.title for slide in checked.plan.slides]
    assert app.findtext(f"{EP}Slides") == str(len(titles))
    assert app.findtext(f"{EP}Application") == "aligndeck"
    assert [e.text for e in app.iter(f"{VT}lpstr")] == ["Slide Titles", *titles]
    assert core.findtext(f"{DC}title") == checked.plan.title
    assert core.findtext(f"{DC}creator") == (checked.plan.author or "")
    for leftover in (b"Template Author", b"brand, internal", b"template's own", b"Old",
                     b"Sample title"):
        assert leftover not in whole, leftover
    assert core.find(f"{CP}keywords") is None and core.find(f"{CP}category") is None
    run_validator(out)


# ---- no shape of no size ---------------------------------------------------------------

def with_flat_footers(path: Path, out: Path) -> Path:
    """The template with footer and slide-number placeholders of no height."""
    presentation = open_any(path)
    for layout in presentation.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type in (PP_PLACEHOLDER.FOOTER,
                                                 PP_PLACEHOLDER.SLIDE_NUMBER):
                shape.height = Emu(0)
    presentation.save(str(out))
    return out


@pytest.mark.parametrize("name", [*MADE, *DESIGNED])
def test_placeholders_of_no_size_are_left_out(made: dict[str, Path], tmp_path: Path,
                                              name: str) -> None:
    template = with_flat_footers(made[name], tmp_path / "flat.pptx")
    out = tmp_path / "deck.pptx"
    result = api.build(DEFAULT_OUTLINE, out, design=Design(template=template))
    assert any("leaves no room for the footer" in w.message for w in result.warnings)
    presentation = Presentation(str(out))
    for slide in presentation.slides:
        for shape in slide.shapes:
            assert shape.width is None or shape.width > 0 or shape.height > 0
            assert shape.name not in {"footer", "slide-number"} or shape.height > 0
    run_validator(out)


# ---- the built-in closing line ---------------------------------------------------------

CLOSING_CASES = [
    # (closing as written, whether the built-in "Questions?" shows)
    ({"text": "Pretraining gives knowledge; alignment decides its use."}, True),
    ({"text": "What would you change first?"}, False),
    ({"text": "What would you change first?”"}, False),
    ({"text": "最初に何を変えますか？"}, False),
    ({"text": "What would you change first?", "questions": "Ask me anything"}, True),
    ({"text": "A closing line.", "questions": ""}, False),
    ({"text": "A closing line.", "questions": None}, False),
    ({}, True),
]


@pytest.mark.parametrize(("closing", "shown"), CLOSING_CASES)
def test_built_in_questions_only_where_the_talk_does_not_already_ask(
        default_outline: Any, closing: dict[str, Any], shown: bool) -> None:
    outline = default_outline.model_validate(
        {**default_outline.model_dump(exclude_unset=True), "closing": closing})
    last = plan_deck(outline).slides[-1]
    assert last.kind == "closing"
    assert any(e.name == "questions" for e in last.elements) == shown


# ---- the footer in the footer placeholder ----------------------------------------------

def with_footer_width(inches_wide: float) -> Any:
    theme = DEFAULT_THEME
    footer = Rect(theme.grid.margin, theme.grid.height - 800_000, round(inches_wide * 914_400),
                  300_000)
    return replace(theme, frames=Frames(*(replace(theme.frame(family), footer=footer)
                                          for family in ("cover", "content", "diagram"))))


AUTHOR = "Dana Okafor, Site Reliability Engineering"
TITLE = "Alignment: Making Models Do What You Ask"
STAGES = (f"{TITLE} · {AUTHOR}", f"{TITLE} · Dana Okafor", TITLE)
"""What the footer says as it loses parts: all, no affiliation, no author (then cut)."""


def footer_of(default_outline: Any, width: float) -> tuple[str, float]:
    outline = default_outline.model_copy(update={"author": AUTHOR})
    plan = plan_deck(outline, with_footer_width(width))
    footers = {next(r for p in e.frame.paragraphs for r in p.runs)
               for s in plan.slides for e in s.elements
               if isinstance(e, Text) and e.name == "footer"}
    [run] = footers
    return run.text, run.size


def test_footer_shrinks_then_drops_parts_then_shortens(default_outline: Any) -> None:
    """Narrower and narrower footer placeholders: the footer first shrinks (to 10 pt), then
    loses the affiliation, then the author, and only then is cut at a word; never in
    another order, and never below the floor."""
    seen = []
    for width in (9.0, 8.0, 7.0, 6.5, 6.0, 5.5, 5.0, 4.5, 4.0, 3.5, 3.0, 2.5, 2.0, 1.5):
        text, size = footer_of(default_outline, width)
        stage = STAGES.index(text) if text in STAGES else len(STAGES)
        if stage == len(STAGES):
            assert text.endswith("…") and TITLE.startswith(text.removesuffix("…"))
        assert 10 <= size <= 12
        assert stage == 0 or size == 10  # a part goes only once the floor is reached
        seen.append((stage, -size))
    assert seen == sorted(seen), seen
    stages = {stage for stage, _ in seen}
    assert stages == {0, 1, 2, 3}, seen
    assert (0, -12) in seen and any(stage == 0 and -12 < s < -10 for stage, s in seen), seen


def test_every_diagram_box_shows_against_the_slide(
        designed_build: tuple[api.CheckResult, Path]) -> None:
    """A box whose fill nearly vanishes into what is behind it has an outline; the picture
    fill behind the pipeline makes at least one such box."""
    checked, _ = designed_build
    theme, outlined = checked.theme, 0
    for slide, element in _diagrams(checked):
        for box in element.boxes:
            if box.fill is None:
                continue  # a label or an outlined box: nothing to vanish
            under = layout_colours(theme, slide, box.rect) or (theme.hex(BACKGROUND),)
            faint = min(contrast_ratio(theme.hex(box.fill), c) for c in under) < 1.05
            assert not faint or (box.line is not None and box.line_width > 0), box.name
            outlined += faint
    assert outlined


def _diagrams(checked: api.CheckResult) -> Iterator[tuple[SlidePlan, Diagram]]:
    """Every diagram of the checked deck's plan, with its slide."""
    for slide in checked.plan.slides:
        for element in slide.elements:
            if isinstance(element, Diagram):
                yield slide, element


# ---- reading the backdrop --------------------------------------------------------------

GRID = Backdrop(400, 200, 4, 2, bytes(v for r in range(2) for c in range(4)
                                     for v in (c * 10 + r, 0, 0)))
"""4 x 2 cells of 100 x 100 EMU; cell (column c, row r) is red c·10 + r."""
UNDER_CASES = [
    (Rect(0, 0, 400, 200), {(c, r) for c in range(4) for r in range(2)}),
    (Rect(40, 40, 20, 20), {(0, 0)}),  # inside one cell: that cell
    (Rect(60, 0, 100, 100), {(1, 0)}),  # grazes cell 0, covers the centre of cell 1 only
    (Rect(0, 90, 400, 20), {(c, 1) for c in range(4)}),  # a strip across no row's centre
    (Rect(350, 150, 500, 500), {(3, 1)}),  # running off the slide
]


@pytest.mark.parametrize(("rect", "cells"), UNDER_CASES)
def test_colours_under_a_box_are_the_cells_it_covers(rect: Rect,
                                                     cells: set[tuple[int, int]]) -> None:
    expected = {f"{c * 10 + r:02X}0000" for c, r in cells}
    assert set(GRID.colours_under(rect)) == expected


# ---- the browser shows what the layout draws -------------------------------------------

def test_browser_slides_draw_the_layout(made: dict[str, Path]) -> None:
    """Each slide's SVG carries its layout's drawing: the cover's photo as an image, the
    content layout's gradient, the title-only layout's picture fill; a plain layout only
    its background colour."""
    from aligndeck.render.html.page import draw_deck

    checked = api.check(None, design=Design(template=made[DESIGNED_NAME]))
    drawn = draw_deck(checked.plan, checked.theme, 1.0, lambda written: written)
    kinds = [slide.kind for slide in checked.plan.slides]
    for number, (kind, slide) in enumerate(zip(kinds, drawn.slides, strict=True), 1):
        assert '<g class="layout">' in slide, number
        # the layout is drawn first, before the slide's own shapes (its title first)
        layout = slide.split('<g class="layout">', 1)[1].split('<g class="shape', 1)[0]
        if FAMILY_OF_KIND[kind] == "content":
            assert f'<linearGradient id="tpl{number}-' in layout
            assert "#1B2A4A" in layout and "#3A1F5C" in layout
        else:  # the cover's photo, the title-only layout's picture fill: held by the page
            found = re.search(r'<use href="#(pic-[0-9a-f]+)"', layout)
            assert found is not None, number
            held = re.search(rf'<image id="{found.group(1)}" width="(\d+)" height="(\d+)" '
                             r'preserveAspectRatio="none" '
                             r'href="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', drawn.pictures)
            assert held is not None, number
            image = Image.open(io.BytesIO(base64.b64decode(held.group(3))))
            assert image.size == (int(held.group(1)), int(held.group(2))) == (320, 180)
    # two pictures (the photo, the picture fill), each once however many slides show them
    assert drawn.pictures.count("<image ") == 2
    plain = api.check(None, design=Design(template=made["wide-old.pptx"]))
    page = draw_deck(plain.plan, plain.theme, 1.0, lambda written: written)
    assert all("<use" not in s.split('<g class="shape')[0] for s in page.slides)
    assert page.pictures == ""


def test_a_cover_title_placeholder_one_small_line_high_runs_on_below(tmp_path: Path) -> None:
    """A real template (the Berlin School of Economics') gives its cover title placeholder
    the height of one 16 pt line: the title, which needs at least 24 pt, runs on down into
    the free space above the next placeholder, with a warning, instead of failing the
    build (as it did for the default talk and even for the closing's "Thank you")."""
    presentation = Presentation()
    cover = presentation.slide_layouts[0]
    title = next(s for s in cover.placeholders if s.placeholder_format.idx == 0)
    subtitle = next(s for s in cover.placeholders if s.placeholder_format.idx == 1)
    title.top, title.height = Emu(1_700_000), Emu(308_544)  # 0.34 in
    subtitle.top = Emu(2_400_000)
    template = tmp_path / "short-title.pptx"
    presentation.save(str(template))
    checked = api.check(DEFAULT_OUTLINE, design=Design(template=template))
    for number in (0, len(checked.plan.slides) - 1):  # the cover and the closing
        [placed] = [e for e in checked.plan.slides[number].elements
                    if isinstance(e, Text) and e.name == "title"]
        assert placed.rect.y == 1_700_000 and placed.rect.h > 308_544
        assert placed.rect.bottom <= 2_400_000 - 91_440  # clear of the subtitle
    assert {w.path for w in checked.warnings if "runs on into the free space" in w.message} \
        >= {"title", "closing.title"}
    deck = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx",
                     design=Design(template=template)).path
    run_validator(deck)


@pytest.fixture(scope="module")
def banded_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[api.CheckResult, Path]:
    template = write_all(tmp_path_factory.mktemp("banded"), DRAWN)["banded.pptx"]
    return api.check(DEFAULT_OUTLINE, design=Design(template=template)), template


def test_the_backdrop_paints_a_path_gradient_from_its_focus(
        banded_build: tuple[api.CheckResult, Path]) -> None:
    """The title-only layout's background runs from white at the top left corner (its
    fill-to rectangle) to navy at the bottom right, round the corner: the bottom left is
    about halfway, where a gradient read as top-to-bottom would already be navy."""
    _, template = banded_build
    presentation = Presentation(str(template))
    layout = presentation.slide_layouts[5]
    backdrop = draw_backdrop(layout, DEFAULT_THEME.palette, {}, int(presentation.slide_width),
                             int(presentation.slide_height))
    w, h = int(presentation.slide_width), int(presentation.slide_height)
    cell = Emu(w // 100)
    corner = {name: rgb(backdrop.colours_under(Rect(x, y, cell, cell))[0])
              for name, (x, y) in {"top left": (0, 0), "bottom right": (w - cell, h - cell),
                                   "bottom left": (0, h - cell)}.items()}
    assert near(GLOW[0], corner["top left"], 20) and near(GLOW[1], corner["bottom right"], 20)
    navy, white = rgb(GLOW[1]), rgb(GLOW[0])
    middle = tuple((a + b) / 2 for a, b in zip(navy, white, strict=True))
    assert all(abs(c - m) < 40 for c, m in zip(corner["bottom left"], middle, strict=True)), \
        corner


def test_a_diagram_label_reads_on_what_the_layout_draws(
        banded_build: tuple[api.CheckResult, Path]) -> None:
    """A label with no fill of its own (the loop's centre) over the gradient is set in a
    colour readable on every part of it, or on a panel of the page colour."""
    checked, _ = banded_build
    theme, seen = checked.theme, 0
    for slide, element in _diagrams(checked):
        for label in (*element.boxes, *element.labels):
            if label.frame is None or (label.fill is not None and label.name !=
                                       "loop-centre"):
                continue  # a box with a fill of its own is read against that
            under = (theme.hex(label.fill),) if label.fill is not None else \
                layout_colours(theme, slide, label.rect)
            for run in (r for p in label.frame.paragraphs for r in p.runs):
                needed = 3.0 if is_large(run) else 4.5
                assert min(contrast_ratio(theme.hex(run.colour), c) for c in under) \
                    >= needed, (slide.title, run.text)
                seen += 1
    assert seen


def test_placeholders_without_an_idx_each_take_their_own_text(tmp_path: Path) -> None:
    """LibreOffice writes a layout's subtitle and body placeholders with no idx (so idx 0,
    the title's): each gets one of its own, so the title and the subtitle do not fill the
    same placeholder (the subtitle took the title's place, and the title was lost)."""
    presentation = Presentation()
    for layout in (presentation.slide_layouts[0], presentation.slide_layouts[1]):
        for shape in layout.placeholders:
            ph = shape.element.ph
            if shape.placeholder_format.idx == 1:
                del ph.attrib["idx"]
    template = tmp_path / "no-idx.pptx"
    presentation.save(str(template))
    deck = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx",
                     design=Design(template=template)).path
    built = Presentation(str(deck))
    cover, content = built.slides[0], built.slides[1]
    texts = {shape.name: shape.text_frame.text for shape in cover.placeholders}
    assert texts["title"] == "Alignment: Making Models Do What You Ask"
    assert texts["subtitle"].startswith("How a next-token predictor")
    indexes = [shape.placeholder_format.idx for shape in cover.placeholders]
    assert len(indexes) == len(set(indexes))
    body = [shape for shape in content.placeholders if shape.name == "body"]
    assert body and body[0].placeholder_format.idx != 0
    run_validator(deck)
