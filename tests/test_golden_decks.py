"""Golden dumps: a normalized text view of whole decks, compared with checked-in files.

Each line is one shape: slide, shape name, kind, box (x, y, w, h in EMU), font sizes and
text. A change to layout, fitting or rendering shows up here as a readable diff.
Regenerate on purpose only, then read the diff before committing it:
ALIGNDECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_decks.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck.api import Design, build

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("ALIGNDECK_UPDATE_GOLDEN") == "1"

DECKS = {
    "default": (None, Design()),
    "own-content": (HERE / "outlines" / "own-content.yaml", Design()),
    "mixed-scripts-dark-4x3": (HERE / "outlines" / "mixed-scripts.yaml",
                               Design(theme="dark", aspect="4:3")),
    "data-slides": (HERE / "outlines" / "data-slides.yaml", Design()),
}


def kind(shape: Any) -> str:
    if getattr(shape, "has_table", False):
        return "table"
    if getattr(shape, "has_chart", False):
        return f"chart:{shape.chart.chart_type.name.lower()}"
    if shape.is_placeholder:
        return f"placeholder:{shape.placeholder_format.type.name.lower()}"
    return {MSO_SHAPE_TYPE.GROUP: "group", MSO_SHAPE_TYPE.PICTURE: "picture",
            MSO_SHAPE_TYPE.LINE: "connector"}.get(shape.shape_type, "shape")


def dump_shapes(shapes: Any, slide: int, depth: int = 0) -> list[str]:
    lines = []
    for shape in shapes:
        box = f"{shape.left},{shape.top},{shape.width},{shape.height}"
        sizes, text = "", ""
        if shape.has_text_frame and shape.text_frame.text.strip():
            runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
            sizes = "/".join(sorted({f"{r.font.size.pt:g}" for r in runs if r.font.size}))
            text = " | ".join(p.text for p in shape.text_frame.paragraphs if p.text)
        size = f" {sizes}pt" if sizes else ""
        lines.append(f"{slide:02d} {'  ' * depth}{shape.name} [{kind(shape)}] {box}"
                     + (f"{size} {text!r}" if text else ""))
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            lines += dump_shapes(shape.shapes, slide, depth + 1)
        if getattr(shape, "has_table", False):
            table = shape.table
            lines.append(f"{slide:02d}   columns {[c.width for c in table.columns]} rows "
                         f"{[r.height for r in table.rows]}")
            lines += [f"{slide:02d}   {' | '.join(c.text for c in row.cells)}"
                      for row in table.rows]
        if getattr(shape, "has_chart", False):
            chart = shape.chart
            lines.append(f"{slide:02d}   categories {list(chart.plots[0].categories)}")
            lines += [f"{slide:02d}   series {s.name!r} {list(s.values)}" for s in chart.series]
    return lines


def dump(deck: Path) -> str:
    presentation = Presentation(str(deck))
    lines = [f"size {presentation.slide_width}x{presentation.slide_height}"]
    for number, slide in enumerate(presentation.slides, 1):
        lines.append(f"{number:02d} layout={slide.slide_layout.name!r}")
        lines += dump_shapes(slide.shapes, number)
        notes = " ".join(slide.notes_slide.notes_text_frame.text.split())
        lines.append(f"{number:02d} notes: {notes}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", DECKS)
def test_deck_matches_its_golden_dump(name: str, tmp_path: Path) -> None:
    outline, design = DECKS[name]
    out = tmp_path / f"{name}.pptx"
    build(outline, out, design=design)
    golden = GOLDEN / f"{name}.txt"
    text = dump(out)
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), \
        f"the deck changed; if on purpose, regenerate: {__doc__.splitlines()[-1]}"
