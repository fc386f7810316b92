"""Decks for presenting: click builds, slide numbers, footers and sections."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck.api import Design, build
from aligndeck.outline.loader import load_outline
from helpers import require_soffice

ROOT = Path(__file__).resolve().parents[1]
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"


@pytest.fixture(scope="module")
def revealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reveal") / "reveal.pptx"
    build(None, out, design=Design(reveal=True))
    return out


def clicks(slide: Any) -> list[list[str]]:
    """For each click of the slide's main sequence, the names of the shapes it shows."""
    names = {str(shape.shape_id): shape.name for shape in slide.shapes}
    sequence = slide.element.find(f".//{P}cTn[@nodeType='mainSeq']")
    if sequence is None:
        return []
    found = []
    for click in sequence.find(f"{P}childTnLst"):
        targets = click.iter(f"{P}spTgt")
        found.append([names[t.get("spid")] for t in targets])
    return found


def test_reveal_decks_build_the_pipeline_and_loop_click_by_click(
    revealed: Path, validate_pptx: Callable[[Path], None]
) -> None:
    validate_pptx(revealed)
    deck = Presentation(str(revealed))
    by_title = {slide.shapes.title.text: slide for slide in deck.slides}
    outline = load_outline(ROOT / "deck.yaml")
    pipeline = by_title[outline.pipeline.title]
    assert clicks(pipeline) == [
        ["stage-1"], ["arrow-1-2", "stage-2"], ["arrow-2-3", "stage-3"], ["arrow-3-4", "stage-4"],
    ]
    loop = by_title["The preference loop"]
    assert clicks(loop) == [
        ["loop-step-1"], ["loop-arrow-1-2", "loop-step-2"], ["loop-arrow-2-3", "loop-step-3"],
        ["loop-arrow-3-4", "loop-arrow-4-1", "loop-step-4"],
    ]
    # Built diagrams are drawn ungrouped (PowerPoint cannot animate inside a group), each box
    # with alt text of its own.
    assert not [s for s in pipeline.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    box = next(s for s in pipeline.shapes if s.name == "stage-2")
    assert "box 2: Stage 2 Instruction tuning" in box._element.nvSpPr.cNvPr.get("descr")
    notes = pipeline.notes_slide.notes_text_frame.text
    assert notes.count("[click]") == 4
    assert "[click] Instruction tuning Fine-tune on instruction" in notes
    # Slides without builds have no timing.
    assert all(not clicks(s) for s in deck.slides if s not in (pipeline, loop))


def test_without_reveal_there_are_no_animations(tmp_path: Path) -> None:
    out = tmp_path / "plain.pptx"
    build(None, out)
    assert not any(s.element.find(f"{P}timing") is not None
                   for s in Presentation(str(out)).slides)


def test_every_slide_but_the_title_has_a_number_field_and_a_footer(revealed: Path) -> None:
    deck = Presentation(str(revealed))
    slides = list(deck.slides)
    assert not slides[0].element.findall(f".//{A}fld")
    for number, slide in enumerate(slides[1:], 2):
        fields = slide.element.findall(f".//{A}fld[@type='slidenum']")
        assert len(fields) == 1, number
        assert fields[0].findtext(f"{A}t") == str(number)
        footer = next(s for s in slide.shapes if s.name == "footer")
        assert footer.text_frame.text == "Alignment: Making Models Do What You Ask"
        assert footer.is_placeholder, "the layout's own footer placeholder is used"


def test_sections_follow_the_talk(revealed: Path) -> None:
    deck = Presentation(str(revealed))
    sections = deck.part._element.find(f".//{P14}sectionLst")
    names = [s.get("name") for s in sections]
    assert names == ["Introduction", "Pipeline", "Comparison", "Shortcomings", "Closing"]
    listed = [int(i.get("id")) for i in sections.iter(f"{P14}sldId")]
    assert listed == [slide.slide_id for slide in deck.slides], "every slide once, in order"


@pytest.mark.render
def test_libreoffice_opens_a_revealed_deck(revealed: Path, tmp_path: Path) -> None:
    soffice = require_soffice()
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(revealed)],
                   capture_output=True, timeout=300, check=False)
    pdf = tmp_path / "reveal.pdf"
    assert pdf.is_file()
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == len(Presentation(str(revealed)).slides)
        text = document.pages[3].extract_text()
    assert "Instruction tuning" in text, "every stage is on the printed page"


def test_timing_xml_is_well_ordered(revealed: Path) -> None:
    slide = next(s for s in Presentation(str(revealed)).slides if clicks(s))
    ids = [int(c.get("id")) for c in slide.element.iter(f"{P}cTn")]
    assert ids == list(range(1, len(ids) + 1)), "cTn ids unique and in document order"
    children = [etree.QName(c).localname for c in slide.element]
    assert children.index("timing") == children.index("clrMapOvr") + 1
