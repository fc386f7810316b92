"""The .pptx as LibreOffice draws it breaks every line where the plan (and so the browser
page, tests/test_browser_lines.py) breaks it: each text box's and each box's lines, word
for word, read back from LibreOffice's PDF.

LibreOffice always kerns; the plan measures unkerned, as PowerPoint sets text unless a style
asks for kerning. A break whose next word misses the line by less than kerning takes off
went the other way in LibreOffice ("was alignment, not a new / capability." on the page, one
line in LibreOffice); plan/narrowing.py sets such text narrower. On the house design and,
where they are present, on the real templates: UFRJ and kfjt (../shared/templates), BSE and
Puccia (../shared-extra), with the default talk and an engineering all-hands talk
(tests/data/all-hands.yaml, which has a chart, a table and a code-free pipeline), and the
tables-and-charts deck: text boxes, boxes and table cells.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from aligndeck import api
from aligndeck.api import Design
from aligndeck.plan.model import (
    EMU_PER_PT,
    Box,
    DeckPlan,
    Rect,
    Table,
    Text,
    TextFrame,
    text_rect,
)
from aligndeck.plan.narrowing import drawn_frame
from aligndeck.plan.slides import KINDS
from aligndeck.plan.theme import Theme
from aligndeck.render.html.lines import layout_frame
from helpers import (
    DEFAULT_OUTLINE,
    REPO,
    convert_to_pdf,
    require_shared_templates,
    require_soffice,
)

pytestmark = pytest.mark.render

ALL_HANDS = Path(__file__).parent / "data" / "all-hands.yaml"
DATA = Path(__file__).parent / "outlines" / "data-slides.yaml"
TALKS = {"default": DEFAULT_OUTLINE, "all-hands": ALL_HANDS, "data": DATA}
"""The default talk, an engineering all-hands (a chart, a table, a pipeline) and the
tables-and-charts deck (long table cells: "The model, / against a written / constitution"
broke after "against" in LibreOffice on the Puccia .potx before cells were narrowed)."""

SHARED_EXTRA = Path(os.environ.get("ALIGNDECK_SHARED_EXTRA", REPO.parent / "shared-extra"))
"""More real templates (BSE, Puccia Linux), where a shared-extra folder lies beside the
repository: not on CI, so their test skips without it."""

Frame = tuple[int, str, Rect, list[str]]


def norm(text: str) -> str:
    """A line as compared: no spaces and no bullet marks (LibreOffice draws a bullet as a
    word of its own), compatibility forms folded (ligatures in the PDF's text)."""
    return re.sub(r"[\s•]+", "", unicodedata.normalize("NFKC", text))


def planned_lines(plan: DeckPlan, theme: Theme) -> list[Frame]:
    """(slide, shape name, where its text is in points, its lines) of every text box and
    box with text, broken as the page breaks them (render/html/lines.py, which is the
    plan's measure, in the fonts each is drawn in); slide numbers and fields with no
    lines (not compared)."""
    found: list[Frame] = []
    code = theme.code_font
    indent = theme.bullet_indent / EMU_PER_PT
    for number, slide in enumerate(plan.slides, 1):
        family = KINDS[slide.kind].family
        frames: list[tuple[str, Rect, TextFrame, str | None]] = []
        for element in slide.elements:
            if isinstance(element, Text):
                frame, face, _ = drawn_frame(theme, family, element)
                frames.append((element.name, element.rect, frame, face))
        frames += [(box.name, text_rect(box), box.frame, None) for box in slide.boxes()
                   if isinstance(box, Box) and box.frame is not None]
        frames += [(name, rect, cell, None) for table in slide.elements
                   if isinstance(table, Table) for name, rect, cell in table_cells(table)]
        for name, rect, frame, face in frames:
            if any(run.field is not None for p in frame.paragraphs for run in p.runs):
                # Not compared, but its words are its own (a slide number standing inside
                # a cover's tall subtitle placeholder is not a line of the subtitle).
                found.append((number, name, rect, []))
                continue
            fonts = {"heading": face or theme.heading_font, "body": face or theme.body_font,
                     "code": code}
            lines = [norm("".join(piece.text for piece in line.pieces))
                     for laid in layout_frame(frame, rect.w, rect.h, fonts, indent)
                     for line in laid.lines]
            if any(lines):
                found.append((number, name, rect, [line for line in lines if line]))
    return found


def table_cells(table: Table) -> list[tuple[str, Rect, TextFrame]]:
    """Each cell of `table` with where its text is (inside the cell's inset and drop)."""
    found = []
    inset_x, inset_y = table.inset
    y = table.rect.y
    for i, (height, row) in enumerate(zip(table.rows, table.cells, strict=True)):
        x = table.rect.x
        for j, (width, cell) in enumerate(zip(table.columns, row, strict=True)):
            drop = table.drop(i, j)
            found.append((f"{table.name}-{i}-{j}", Rect(
                x + inset_x, y + inset_y + drop, width - 2 * inset_x,
                height - 2 * inset_y - drop), cell))
            x += width
        y += height
    return found


def drawn_lines(pdf: Path, frames: list[Frame]) -> dict[tuple[int, str], list[str]]:
    """Each frame's lines as LibreOffice drew them: the PDF's words whose middle lies in
    the frame's text area (the smallest such area, where frames overlap: a footer inside a
    closing line's box), in rows of one baseline, top to bottom."""
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_words(use_text_flow=False) for page in document.pages]
    found: dict[tuple[int, str], list[dict[str, Any]]] = {(s, n): [] for s, n, _, _ in frames}
    for number, words in enumerate(pages, 1):
        for word in words:
            x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
            inside = [(rect.w * rect.h, name) for slide, name, rect, _ in frames
                      if slide == number and rect.x / EMU_PER_PT - 2 <= x
                      <= rect.right / EMU_PER_PT + 2 and rect.y / EMU_PER_PT - 2 <= y
                      <= rect.bottom / EMU_PER_PT + 2]
            if inside:
                found[number, min(inside)[1]].append(word)
    drawn: dict[tuple[int, str], list[str]] = {}
    for key, words in found.items():
        rows: list[list[dict[str, Any]]] = []
        for word in sorted(words, key=lambda w: (w["bottom"], w["x0"])):
            if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) < 2.0:
                rows[-1].append(word)
            else:
                rows.append([word])
        lines = [norm("".join(w["text"] for w in sorted(row, key=lambda w: w["x0"])))
                 for row in rows]
        drawn[key] = [line for line in lines if line]
    return drawn


def differing(tmp_path: Path, designs: dict[str, Design]) -> list[tuple[str, int, str, list[str],
                                                                       list[str]]]:
    """(deck, slide, shape, the plan's lines, LibreOffice's) of every frame whose lines
    differ, over both talks on every design; asserts that enough frames were compared."""
    soffice = require_soffice()
    decks, expected = {}, {}
    for design_name, design in designs.items():
        for talk, outline in TALKS.items():
            name = f"{design_name}-{talk}"
            decks[name] = tmp_path / f"{name}.pptx"
            api.build(outline, decks[name], design=design)
            checked = api.check(outline, design=design)
            expected[name] = planned_lines(checked.plan, checked.theme)
    pdfs = convert_to_pdf(soffice, decks, tmp_path / "pdf", tmp_path / "lo-profile")
    wrong = []
    for name, frames in expected.items():
        assert sum(1 for frame in frames if frame[3]) > 30, (name, len(frames))
        drawn = drawn_lines(pdfs[name], frames)
        wrong += [(name, slide, shape, lines, drawn[slide, shape])
                  for slide, shape, _, lines in frames if lines and drawn[slide, shape] != lines]
    return wrong


def test_libreoffice_breaks_the_house_designs_lines_as_the_plan(tmp_path: Path) -> None:
    assert differing(tmp_path, {"house": Design()}) == []


@pytest.mark.shared
def test_libreoffice_breaks_the_real_templates_lines_as_the_plan(tmp_path: Path) -> None:
    shared = require_shared_templates()
    assert differing(tmp_path, {
        "ufrj": Design(template=shared / "mecanon-ufrj_template.potx"),
        "kfjt": Design(template=shared / "kfjt-md2pptxJP_reference.pptx")}) == []


@pytest.mark.shared
def test_libreoffice_breaks_more_real_templates_lines_as_the_plan(tmp_path: Path) -> None:
    # The Puccia .potx, exported by LibreOffice, has masters without text styles: its
    # titles' font is named by no style, so the slides name the one measured.
    templates = {"bse": SHARED_EXTRA / "bse-BSE_PPP_wide_Demo.pptx",
                 "puccia": SHARED_EXTRA / "puccia-template_slide.pptx",
                 "puccia-potx": SHARED_EXTRA / "puccia-template_slide.potx"}
    if not all(path.is_file() for path in templates.values()):
        pytest.skip(f"BSE and Puccia Linux templates not found in {SHARED_EXTRA}")
    assert differing(tmp_path, {name: Design(template=path)
                                for name, path in templates.items()}) == []
