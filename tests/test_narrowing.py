"""Near misses: where a renderer that kerns would pull the next word up onto a line, the plan
sets the text a little narrower (plan/narrowing.py, plan/text/kerning.py), never changing a
line, so PowerPoint, LibreOffice and the page break alike (tests/test_lines_render.py
checks them against LibreOffice's PDF)."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligndeck import api
from aligndeck.plan.model import EMU_PER_PT, Box, Paragraph, Run, Text, TextFrame, text_rect
from aligndeck.plan.text import styled_width_pt, wrap_styled
from aligndeck.plan.text.kerning import BAND, kerned_width_pt, near_miss_trim
from aligndeck.render.html.lines import layout_frame
from helpers import DEFAULT_OUTLINE, REPO

FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
FONTS = {"heading": "Calibri", "body": "Calibri", "code": "Consolas"}
SIZE = 20.0


def carlito() -> Path:
    path = FONT_DIR / "Carlito-Regular.ttf"
    if not path.is_file():
        pytest.skip("Carlito not installed (apt install fonts-crosextra-carlito)")
    return path


def width(text: str) -> float:
    return styled_width_pt([(text, False, False, "Calibri")], SIZE)


def kerned(text: str) -> float:
    return kerned_width_pt([(text, False, False, "Calibri")], SIZE)


def frame(*texts: str) -> TextFrame:
    return TextFrame(tuple(Paragraph((Run(text, SIZE),)) for text in texts))


def trim(frame: TextFrame, width_pt: float) -> float:
    return near_miss_trim(frame, round(width_pt * EMU_PER_PT), FONTS, 0.0) / EMU_PER_PT


def lines(text: str, width_pt: float) -> list[str]:
    return wrap_styled([(text, False, False, "Calibri")], width_pt, SIZE)


# Each: the first line, and the word after it, whose pairs kern (AV, Wa, To, y.).
NEAR = [("Vowels To Wave", "AWAY"), ("Today we try", "AVATAR."), ("Yes, Type", "Way.")]


def test_the_kerning_table_is_what_the_tool_makes_of_carlito() -> None:
    carlito()
    spec = importlib.util.spec_from_file_location("make_kerning_table",
                                                  REPO / "tools" / "make_kerning_table.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    packaged = (REPO / "src" / "aligndeck" / "data" / "carlito-kerning.json").read_text(
        encoding="utf-8")
    assert tool.render_json(tool.build_table(FONT_DIR)) == packaged, \
        "carlito-kerning.json is stale: run python tools/make_kerning_table.py"


@pytest.mark.parametrize("text", ["AVATAR Today", "Wave To", "We’ll try “Yes”.",
                                  "plain text kerns little", "Ÿ Ä À Vá"])
def test_calibris_kerned_width_is_harfbuzzs(text: str) -> None:
    from PIL import ImageFont, features

    if not features.check("raqm"):
        pytest.skip("Pillow without raqm: no HarfBuzz to compare with")
    font = ImageFont.truetype(str(carlito()), 2048, layout_engine=ImageFont.Layout.RAQM)
    shaped = font.getlength(text) * SIZE / 2048
    assert kerned(text) == pytest.approx(shaped, abs=0.02)
    assert kerned(text) <= width(text) + 0.02


@pytest.mark.parametrize(("first", "word"), NEAR)
def test_a_near_miss_is_set_narrower_until_the_word_misses_kerned(first: str, word: str
                                                                   ) -> None:
    carlito()
    candidate = f"{first} {word}"
    assert kerned(candidate) < width(candidate) * 0.99  # the pair kerns enough to test
    between = (kerned(candidate) + width(candidate)) / 2  # fits kerned, not unkerned
    assert lines(candidate, between) == [first, word]
    cut = trim(frame(candidate), between)
    assert cut > 0
    assert lines(candidate, between - cut) == [first, word]
    assert kerned(candidate) > (between - cut) * (1 + BAND)


@pytest.mark.parametrize(("first", "word"), NEAR)
def test_a_clear_miss_keeps_the_full_width(first: str, word: str) -> None:
    carlito()
    candidate = f"{first} {word}"
    roomy = (width(first) + kerned(candidate)) / 2
    assert kerned(candidate) > roomy * (1 + BAND)
    assert lines(candidate, roomy) == [first, word]
    assert trim(frame(candidate), roomy) == 0


def test_narrowing_stops_where_another_line_would_no_longer_fit() -> None:
    carlito()
    first, word = NEAR[0]
    candidate = f"{first} {word}"
    between = (kerned(candidate) + width(candidate)) / 2
    wanted = trim(frame(candidate), between)
    # A second paragraph of fine letters whose one line leaves less room than that.
    fine = "i"
    while styled_width_pt([(fine + "i", False, False, "Calibri")], 2.0) <= between:
        fine += "i"
    room = between - styled_width_pt([(fine, False, False, "Calibri")], 2.0)
    assert room < wanted
    both = TextFrame((Paragraph((Run(candidate, SIZE),)), Paragraph((Run(fine, 2.0),))))
    cut = trim(both, between)
    assert 0 < cut <= room
    assert wrap_styled([(fine, False, False, "Calibri")], between - cut, 2.0) == [fine]
    assert lines(candidate, between - cut) == [first, word]


@pytest.mark.parametrize("other", ["整列はモデルを役に立つものにする",
                                   "היישור הופך מודלים לשימושיים"])
def test_a_frame_with_japanese_or_right_to_left_text_is_left_alone(other: str) -> None:
    carlito()
    first, word = NEAR[0]
    candidate = f"{first} {word}"
    between = (kerned(candidate) + width(candidate)) / 2
    assert trim(frame(candidate), between) > 0
    assert trim(frame(candidate, other), between) == 0


WORDS = st.lists(st.sampled_from(["AVA", "Today", "Wave", "To", "yes.", "type", "Ye", "in",
                                  "alignment", "model", "“Yes”", "W."]), min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(words=WORDS, share=st.floats(0.2, 1.0))
def test_narrowing_never_changes_a_line(words: list[str], share: float) -> None:
    text = " ".join(words)
    width_pt = max(width(text) * share, width(max(words, key=width)) + 1)
    cut = trim(frame(text), width_pt)
    assert cut >= 0
    assert lines(text, width_pt - cut) == lines(text, width_pt)


def test_the_default_deck_narrows_few_frames_and_keeps_every_line(tmp_path: Path) -> None:
    carlito()
    checked = api.check(DEFAULT_OUTLINE)
    narrowed: list[tuple[str, Any]] = []
    for slide in checked.plan.slides:
        for element in [*slide.elements, *slide.boxes()]:
            if not isinstance(element, Text | Box) or element.frame is None:
                continue
            found = element.frame
            rect = text_rect(element) if isinstance(element, Box) else element.rect
            if found.narrowed == (0, 0):
                continue
            narrowed.append((element.name, found))
            plain = TextFrame(found.paragraphs, found.anchor, found.inset)
            shown = [[line.pieces for line in laid.lines] for laid in
                     layout_frame(found, rect.w, rect.h, FONTS, 0.0)]
            full = [[line.pieces for line in laid.lines] for laid in
                    layout_frame(plain, rect.w, rect.h, FONTS, 0.0)]
            assert shown == full, element.name
            assert sum(found.narrowed) < 0.01 * rect.w
    # The shortcomings' two cards whose body text LibreOffice could pull up (one slide,
    # drawn as boxes of a grid): nothing else.
    assert sorted({name for name, _ in narrowed}) == ["card-2", "card-3"]
    path = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx").path
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    with zipfile.ZipFile(path) as deck:
        names = [n for n in deck.namelist() if n.startswith("ppt/slides/slide")
                 and n.endswith(".xml")]
        written = {}
        for name in names:
            for shape in etree.fromstring(deck.read(name)).iter(f"{p}sp"):
                body = shape.find(f"{p}txBody/{a}bodyPr")
                label = shape.find(f"{p}nvSpPr/{p}cNvPr").get("name")
                if body is not None and label in ("card-2", "card-3"):
                    written[label] = (int(body.get("lIns")), int(body.get("rIns")))
    for name, found in narrowed:
        left, right = found.narrowed
        base = written[name][0] - left
        assert written[name] == (base + left, base + right), name


def test_a_table_cells_near_miss_is_set_narrower_in_its_margins(tmp_path: Path) -> None:
    # LibreOffice broke a cell "The model, / against a written / constitution" after
    # "against" on the Puccia .potx: cells are narrowed as text boxes are, the trim
    # written into the cell's margins (a:tcPr marL, marR), not its text body.
    from dataclasses import replace

    from aligndeck.plan.model import Table
    from aligndeck.plan.narrowing import narrow_frames
    from aligndeck.render.package import build_time
    from aligndeck.render.pptx_writer import render_deck

    carlito()
    first, word = NEAR[0]
    candidate = f"{first} {word}"
    between = (kerned(candidate) + width(candidate)) / 2
    checked = api.check(REPO / "tests" / "outlines" / "data-slides.yaml")
    number, table = next((n, e) for n, s in enumerate(checked.plan.slides)
                         for e in s.elements if isinstance(e, Table))
    inset = table.inset[0]
    column = round(between * EMU_PER_PT) + 2 * inset
    columns = (column, *table.columns[1:])
    cells = tuple(tuple(frame(candidate) if (i, j) == (1, 0) else cell
                        for j, cell in enumerate(row)) for i, row in enumerate(table.cells))
    made = replace(table, columns=columns, cells=cells,
                   rect=replace(table.rect, w=sum(columns)))
    slide = checked.plan.slides[number]
    slides = list(checked.plan.slides)
    slides[number] = replace(slide, elements=tuple(made if e is table else e
                                                   for e in slide.elements))
    plan = narrow_frames(replace(checked.plan, slides=tuple(slides)), checked.theme)
    narrowed = next(e for e in plan.slides[number].elements if isinstance(e, Table))
    cell = narrowed.cells[1][0]
    assert cell.narrowed[0] == 0 and cell.narrowed[1] > 0
    assert lines(candidate, between - cell.narrowed[1] / EMU_PER_PT) == [first, word]
    assert all(c.narrowed == (0, 0) for i, row in enumerate(narrowed.cells)
               for j, c in enumerate(row) if (i, j) != (1, 0))
    path = tmp_path / "deck.pptx"
    render_deck(plan, checked.theme, path, build_time())
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    with zipfile.ZipFile(path) as deck:
        root = etree.fromstring(deck.read(f"ppt/slides/slide{number + 1}.xml"))
    rows = list(root.iter(f"{a}tr"))
    margins = [(int(tc.find(f"{a}tcPr").get("marL")), int(tc.find(f"{a}tcPr").get("marR")))
               for tc in rows[1].iter(f"{a}tc")]
    assert margins[0] == (inset, inset + cell.narrowed[1])
    assert margins[1] == (inset, inset)
    body = rows[1].find(f"{a}tc/{a}txBody/{a}bodyPr")
    assert body is None or body.get("rIns") in (None, "0")
