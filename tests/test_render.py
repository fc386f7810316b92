"""Render decks with LibreOffice and read the PDF back: the honest overflow test.

Every word LibreOffice draws must lie inside a shape that carries text. Text fitted too
optimistically spills out of its box (or off the slide), and shows up here as a stray word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck.api import build
from aligndeck.outline.loader import load_outline
from aligndeck.outline.models import Outline
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.text.scripts import rtl_script
from aligndeck.plan.text.thai import is_thai
from helpers import (
    DEFAULT_OUTLINE,
    broken_words,
    build_outline,
    convert_to_pdf,
    require_soffice,
    shapes_text,
)

pytestmark = pytest.mark.render

EMU_PER_PT = 12_700
TOLERANCE_PT = 3.0
"""Slack for anti-aliasing, glyph overhang and rounding in the PDF's coordinates."""

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

Transform = Callable[[float, float], tuple[float, float]]


def identity(x: float, y: float) -> tuple[float, float]:
    return x, y


@dataclass(frozen=True)
class Rendered:
    pptx: Path
    pdf: Path


def eight_stage_outline() -> Outline:
    return build_outline(stages=8, loop_steps=6, loop_stage=4, responses=3, shortcomings=8)


OUTLINES = Path(__file__).parent / "outlines"
"""Outlines nobody on the team would write: 1, 2, 5 stages, long texts, mixed scripts."""


def outline_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(OUTLINES.glob("*.yaml"))}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every deck of DECKS, converted to PDF in one LibreOffice run."""
    soffice = require_soffice()
    folder = tmp_path_factory.mktemp("render")
    decks = {name: folder / f"{name}.pptx" for name in DECKS}
    build(None, decks["default"])
    eight = eight_stage_outline()
    outline_path = folder / "eight.yaml"
    outline_path.write_text(yaml.safe_dump(eight.model_dump(mode="json", exclude_none=True),
                                           allow_unicode=True), encoding="utf-8")
    build(outline_path, decks["eight"])
    for name, path in outline_files().items():
        build(path, decks[name])
    pdfs = convert_to_pdf(soffice, decks, folder / "pdf",
                          tmp_path_factory.mktemp("lo-profile"))
    return {name: Rendered(deck, pdfs[name]) for name, deck in decks.items()}


# ---- where text may be ------------------------------------------------------------------------

def group_transform(group: Any, outer: Transform) -> Transform:
    """Child coordinates of a group to slide coordinates (EMU), through its a:xfrm."""
    xfrm = group.element.grpSpPr.find(f"{A}xfrm")
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    ch_off, ch_ext = xfrm.find(f"{A}chOff"), xfrm.find(f"{A}chExt")
    ox, oy = int(off.get("x")), int(off.get("y"))
    cx, cy = int(ch_off.get("x")), int(ch_off.get("y"))
    ew, eh = int(ext.get("cx")), int(ext.get("cy"))
    cw, ch = int(ch_ext.get("cx")), int(ch_ext.get("cy"))
    sx, sy = (ew / cw if cw else 1.0), (eh / ch if ch else 1.0)

    def inner(x: float, y: float) -> tuple[float, float]:
        return outer(ox + (x - cx) * sx, oy + (y - cy) * sy)

    return inner


def text_boxes(shapes: Any, transform: Transform = identity
               ) -> Iterator[tuple[str, tuple[float, float, float, float]]]:
    """(name, (x0, y0, x1, y1) in points) of every shape with text, groups unfolded."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from text_boxes(shape.shapes, group_transform(shape, transform))
            continue
        if getattr(shape, "has_table", False):
            yield from cell_boxes(shape, transform)
            continue
        if getattr(shape, "has_chart", False):
            # A chart draws its labels, legend and axes inside its own frame.
            x0, y0 = transform(shape.left, shape.top)
            x1, y1 = transform(shape.left + shape.width, shape.top + shape.height)
            yield shape.name, (x0 / EMU_PER_PT, y0 / EMU_PER_PT, x1 / EMU_PER_PT,
                               y1 / EMU_PER_PT)
            continue
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            continue
        x0, y0 = transform(shape.left, shape.top)
        x1, y1 = transform(shape.left + shape.width, shape.top + shape.height)
        yield shape.name, (x0 / EMU_PER_PT, y0 / EMU_PER_PT, x1 / EMU_PER_PT, y1 / EMU_PER_PT)


def cell_boxes(frame: Any, transform: Transform
               ) -> Iterator[tuple[str, tuple[float, float, float, float]]]:
    """Each cell of a table as planned (its column's width, its row's height): a word
    drawn outside its cell means the row grew, or the text spilled."""
    y = frame.top
    for i, row in enumerate(frame.table.rows):
        x = frame.left
        for j, column in enumerate(frame.table.columns):
            x0, y0 = transform(x, y)
            x1, y1 = transform(x + column.width, y + row.height)
            yield (f"{frame.name}[{i},{j}]",
                   (x0 / EMU_PER_PT, y0 / EMU_PER_PT, x1 / EMU_PER_PT, y1 / EMU_PER_PT))
            x += column.width
        y += row.height


def inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return (word["x0"] >= x0 - TOLERANCE_PT and word["x1"] <= x1 + TOLERANCE_PT
            and word["top"] >= y0 - TOLERANCE_PT and word["bottom"] <= y1 + TOLERANCE_PT)


def letters(word: str) -> str:
    """A word's letters, sorted, without marks: the same however a PDF orders them."""
    return "".join(sorted(c for c in unicodedata.normalize("NFKC", word).casefold()
                          if unicodedata.category(c).startswith("L")))


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


# ---- checks -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    title: str
    text: str
    words: list[dict[str, Any]]
    boxes: list[tuple[str, tuple[float, float, float, float]]]
    source: str
    """The text the slide's shapes hold."""


@pytest.fixture(scope="module")
def pages(rendered: dict[str, Rendered]) -> dict[str, tuple[int, list[Page]]]:
    """Per deck: the slide count, and each PDF page with its slide's title and text boxes."""
    found = {}
    for name, deck in rendered.items():
        presentation = Presentation(str(deck.pptx))
        slides = list(presentation.slides)
        with pdfplumber.open(deck.pdf) as pdf:
            for page in pdf.pages:
                assert abs(page.width - presentation.slide_width / EMU_PER_PT) < 1
                assert abs(page.height - presentation.slide_height / EMU_PER_PT) < 1
            found[name] = (len(slides), [
                Page(slide.shapes.title.text, page.extract_text(),
                     page.extract_words(use_text_flow=True), list(text_boxes(slide.shapes)),
                     shapes_text(slide.shapes))
                for page, slide in zip(pdf.pages, slides, strict=False)
            ])
    return found


def planned_kinds(outline: Outline) -> list[str]:
    return [slide.kind for slide in plan_deck(outline).slides]


DECKS = {"default": planned_kinds(load_outline(DEFAULT_OUTLINE)),
         "eight": planned_kinds(eight_stage_outline()),
         **{name: planned_kinds(load_outline(path)) for name, path in outline_files().items()}}


def slides() -> list[Any]:
    """One case per slide of each deck."""
    return [
        pytest.param(deck, number, id=f"{deck}-{number:02d}-{kind}")
        for deck, kinds in DECKS.items() for number, kind in enumerate(kinds, 1)
    ]


@pytest.mark.parametrize("deck", DECKS)
def test_one_page_per_slide(pages: dict[str, tuple[int, list[Page]]], deck: str) -> None:
    count, rendered_pages = pages[deck]
    assert count == len(DECKS[deck])
    assert len(rendered_pages) == count, f"{len(rendered_pages)} PDF pages for {count} slides"


@pytest.mark.parametrize(("deck", "number"), slides())
def test_title_on_its_page(pages: dict[str, tuple[int, list[Page]]], deck: str,
                           number: int) -> None:
    page = pages[deck][1][number - 1]
    assert page.title.strip()
    # Spaces are left out of the comparison: a PDF's text layer guesses them from glyph gaps,
    # and puts some inside East Asian text that has none.
    squeeze = str.maketrans("", "", " ")
    if any(map(rtl_script, page.title)) or any(map(is_thai, page.title)):
        # The PDF keeps right-to-left text in the order it is drawn (reversed, joined letters
        # as ligatures, marks splitting words), and Thai with its vowel marks moved and its
        # sara am split (ทำ read back as ทำา): the title's letters, in any order, are drawn.
        drawn = Counter(letters("".join(w["text"] for w in page.words)))
        missing = Counter(letters(page.title)) - drawn
        assert not missing, f"{sorted(missing)} of {page.title!r} not drawn"
        return
    assert normal(page.title).translate(squeeze) in normal(page.text).translate(squeeze), \
        f"{page.title!r} not in {page.text!r}"


@pytest.mark.parametrize(("deck", "number"), slides())
def test_words_inside_their_shapes(pages: dict[str, tuple[int, list[Page]]], deck: str,
                                   number: int) -> None:
    page = pages[deck][1][number - 1]
    assert page.words, "the slide rendered no text"
    stray = [
        f"{w['text']!r} at x {w['x0']:.1f}–{w['x1']:.1f}, y {w['top']:.1f}–{w['bottom']:.1f}"
        for w in page.words if not any(inside(w, box) for _, box in page.boxes)
    ]
    boxes = "\n".join(f"  {name}: {tuple(round(v, 1) for v in box)}" for name, box in page.boxes)
    assert not stray, (f"{len(stray)} words outside every text shape:\n" + "\n".join(stray)
                       + f"\ntext shapes (pt):\n{boxes}")


@pytest.mark.parametrize(("deck", "number"), slides())
def test_no_word_broken_in_the_middle(pages: dict[str, tuple[int, list[Page]]], deck: str,
                                      number: int) -> None:
    page = pages[deck][1][number - 1]
    broken = broken_words(page.words, page.boxes, page.source)
    assert not broken, "words split across two lines:\n" + "\n".join(broken)
