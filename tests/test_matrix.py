"""Every outline in every design: builds, keeps text at 10 pt or more, and draws no word
outside its shape (LibreOffice renders each design's decks in one run).

Outlines: eight long stage names (German), long text, mixed scripts, one stage, Japanese.
Designs: the house theme at 16:9 and 4:3, dark, high contrast, a 4:3 template of our own
whose layouts set their title fonts, and the real templates in ../shared/templates (skipped
with a reason when that folder is absent, unless ALIGNDECK_REQUIRE_SHARED=1).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from aligndeck.api import Design, build
from font_template import make_font_template
from helpers import broken_words, convert_to_pdf, require_soffice, shapes_text
from test_render import inside, text_boxes

pytestmark = pytest.mark.render

OUTLINES = Path(__file__).parent / "outlines"
MATRIX_OUTLINES = ("eight-long-stages", "two-stages-long", "mixed-scripts", "one-stage",
                   "japanese", "hebrew", "arabic", "vaccines")
SHARED_TEMPLATES = Path(__file__).resolve().parents[2] / "shared" / "templates"
REAL = {"kfjt": "kfjt-md2pptxJP_reference.pptx", "mecanon": "mecanon-ufrj_template.potx"}
DESIGNS = ("house", "4x3", "dark", "high-contrast", "fonts-4x3", *REAL)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_PT = 12_700


@dataclass(frozen=True)
class Built:
    pptx: Path
    pdf: Path
    warnings: tuple[str, ...]


def _design(name: str, folder: Path) -> Design:
    if name == "4x3":
        return Design(aspect="4:3")
    if name in ("dark", "high-contrast"):
        return Design(theme=name)
    if name == "fonts-4x3":
        return Design(template=make_font_template(folder / "fonts-4x3.pptx"))
    if name in REAL:
        path = SHARED_TEMPLATES / REAL[name]
        if not path.is_file():
            if os.environ.get("ALIGNDECK_REQUIRE_SHARED") == "1":
                pytest.fail(f"{path} is missing but ALIGNDECK_REQUIRE_SHARED=1")
            pytest.skip(f"{path} is absent (the real templates live in ../shared/templates)")
        return Design(template=path)
    return Design()


_CACHE: dict[str, dict[str, Built]] = {}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("matrix")


def built(design: str, workspace: Path) -> dict[str, Built]:
    """The design's decks, one per outline, converted to PDF in one LibreOffice run."""
    if design not in _CACHE:
        soffice = require_soffice()
        folder = workspace / design
        folder.mkdir()
        chosen = _design(design, folder)
        decks, warnings = {}, {}
        for name in MATRIX_OUTLINES:
            out = folder / f"{name}.pptx"
            result = build(OUTLINES / f"{name}.yaml", out, design=chosen)
            decks[name] = out
            warnings[name] = tuple(str(w) for w in result.warnings)
        pdfs = convert_to_pdf(soffice, decks, folder / "pdf", folder / "profile")
        _CACHE[design] = {name: Built(decks[name], pdfs[name], warnings[name])
                          for name in MATRIX_OUTLINES}
    return _CACHE[design]


CASES = [pytest.param(d, o, id=f"{d}-{o}") for d in DESIGNS for o in MATRIX_OUTLINES]


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_builds_with_text_at_ten_points_or_more(design: str, outline: str, workspace: Path
                                                ) -> None:
    deck = built(design, workspace)[outline]
    sizes = [int(rpr.get("sz")) / 100 for slide in Presentation(str(deck.pptx)).slides
             for rpr in slide.element.iter(f"{A}rPr") if rpr.get("sz")]
    assert sizes and min(sizes) >= 10, f"text at {min(sizes)} pt"


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_no_word_outside_its_shape(design: str, outline: str, workspace: Path) -> None:
    deck = built(design, workspace)[outline]
    slides = list(Presentation(str(deck.pptx)).slides)
    stray = []
    with pdfplumber.open(deck.pdf) as pdf:
        assert len(pdf.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            boxes = [box for _, box in text_boxes(slide.shapes)]
            stray += [f"slide {number}: {w['text']!r} at x {w['x0']:.0f}–{w['x1']:.0f}, "
                      f"y {w['top']:.0f}–{w['bottom']:.0f}"
                      for w in page.extract_words(use_text_flow=True)
                      if not any(inside(w, box) for box in boxes)]
    assert not stray, "words outside every text shape:\n" + "\n".join(stray)


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_no_word_broken_in_the_middle(design: str, outline: str, workspace: Path) -> None:
    deck = built(design, workspace)[outline]
    slides = list(Presentation(str(deck.pptx)).slides)
    broken = []
    with pdfplumber.open(deck.pdf) as pdf:
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            broken += [f"slide {number}: {b}" for b in broken_words(
                page.extract_words(use_text_flow=True), list(text_boxes(slide.shapes)),
                shapes_text(slide.shapes))]
    assert not broken, "words split across two lines:\n" + "\n".join(broken)
