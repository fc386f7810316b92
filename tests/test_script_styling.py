"""Script-aware styling: built-in words in the deck's language, no letter spacing on joining
scripts or CJK, a mirrored footer row, figures in right-to-left tables, headings' breaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from aligndeck.api import build
from aligndeck.outline.loader import load_outline_text
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import EMU_PER_PT, Rect, SlidePlan, Table, Text, inches
from aligndeck.plan.text import letter_spacing, script_ascent_pt
from aligndeck.render.template import load_template
from font_template import make_font_template
from helpers import runs
from made_templates import side_footer, write_all

OUTLINES = Path(__file__).parent / "outlines"


@pytest.mark.parametrize(("text", "spacing"), [
    ("STAGE 1", 1.5),
    ("ÉTAPE 1", 1.5),
    ("שלב 1", 1.5),  # Hebrew letters do not join
    ("ЭТАП 1", 1.5),
    ("المرحلة 1", 0.0),  # Arabic joins
    ("ܫܠܡܐ", 0.0),  # Syriac
    ("ߒߞߏ", 0.0),  # N'Ko
    ("ᠮᠣᠩᠭᠣᠯ", 0.0),  # Mongolian
    ("चरण 1", 0.0),  # Devanagari letters hang from one headline
    ("ステージ 1", 0.0),  # CJK is set solid
    ("단계 1", 0.0),
])
def test_letter_spacing_only_where_letters_stand_apart(text: str, spacing: float) -> None:
    assert letter_spacing(text, 1.5) == spacing


def _plan(name: str) -> object:
    text = (OUTLINES / f"{name}.yaml").read_text(encoding="utf-8")
    return plan_deck(load_outline_text(text))


@pytest.mark.parametrize(("name", "pipeline_title", "label"), [
    ("arabic", "المسار في لمحة", "المرحلة 1"),
    ("hebrew", "התהליך במבט אחד", "שלב 1"),
])
def test_right_to_left_talks_speak_their_language(name: str, pipeline_title: str,
                                                  label: str) -> None:
    text = (OUTLINES / f"{name}.yaml").read_text(encoding="utf-8").split("\nstrings:")[0]
    plan = plan_deck(load_outline_text(text))
    assert not [f for f in plan.findings if "built-in text" in f.message]
    words = {run.text for slide in plan.slides for run in runs(slide)}
    assert pipeline_title in words
    assert label in words
    spaced = [run for slide in plan.slides for run in runs(slide) if run.text == label]
    assert spaced and all(run.spacing == (0.0 if name == "arabic" else 1.2) for run in spaced)


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_footer_puts_the_number_at_the_left_margin(name: str) -> None:
    plan = _plan(name)
    for slide in plan.slides[1:]:  # type: ignore[attr-defined]
        number = next(e for e in slide.elements if isinstance(e, Text)
                      and e.name == "slide-number")
        footer = next(e for e in slide.elements if isinstance(e, Text) and e.name == "footer")
        assert number.rect.x == plan.width - footer.rect.right  # type: ignore[attr-defined]
        assert number.rect.w < footer.rect.w // 10


TABLE = """
title: نتائج
language: ar-EG
stages:
  - {name: مرحلة, summary: ملخص}
intro:
  - title: التغير
    table:
      header: [المؤشر, التغير]
      rows:
        - [نسبة التطعيم, "-9.8%"]
        - [المتطوعون, "+27.5%"]
"""


def test_signed_figures_in_a_right_to_left_table_are_isolated_in_the_latin_font(
        tmp_path: Path) -> None:
    outline = tmp_path / "t.yaml"
    outline.write_text(TABLE, encoding="utf-8")
    deck = tmp_path / "t.pptx"
    build(outline, deck)
    cells = {}
    for shape in Presentation(str(deck)).slides[1].shapes:
        if shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            cs = run._r.find(".//{*}cs")
                            cells[run.text] = None if cs is None else cs.get("typeface")
    assert cells["\u2066-9.8%\u2069"] == "Calibri"
    assert cells["\u2066+27.5%\u2069"] == "Calibri"
    assert cells["نسبة التطعيم"] == "Noto Sans Arabic"


def test_figures_inside_right_to_left_text_are_runs_in_the_latin_font(tmp_path: Path) -> None:
    """Figures in a sentence of Arabic (the cover's subtitle) are drawn in the font they were
    measured in: Noto Sans Arabic has no "%" or "+", and LibreOffice's stand-in for them,
    DejaVu Sans, pushed the subtitle onto a third line below its box."""
    deck = tmp_path / "figures.pptx"
    build(OUTLINES / "arabic-figures.yaml", deck)
    subtitle = next(s for s in Presentation(str(deck)).slides[0].shapes
                    if s.name == "subtitle")
    runs = [(run.text, run._r.find(".//{*}cs").get("typeface"))
            for paragraph in subtitle.text_frame.paragraphs for run in paragraph.runs]
    assert ("\u2066-49.6%\u2069", "Calibri") in runs
    assert ("\u2066+27.5%\u2069", "Calibri") in runs
    assert all(font == "Noto Sans Arabic" for text, font in runs if "%" not in text)
    assert subtitle.text_frame.text.replace("\u2066", "").replace("\u2069", "") \
        .replace("\v", " ") == load_outline_text(
            (OUTLINES / "arabic-figures.yaml").read_text(encoding="utf-8")).subtitle


@pytest.mark.parametrize(("subtitle", "figures"), [
    # Hebrew joins a prefix letter to a number with a hyphen: the figures part from it.
    ("ירד ב-49.6% ועלה ב-10% השנה", ["-\u206649.6%\u2069", "-\u206610%\u2069"]),
    ("עלה ב-+27.5% מול 2023", ["-\u2066+27.5%\u2069", "2023"]),
])
def test_figures_joined_to_hebrew_letters_are_runs_of_their_own(
        tmp_path: Path, subtitle: str, figures: list[str]) -> None:
    """Noto Sans Hebrew has no digits: in a run of its letters LibreOffice drew "ב-49.6%"
    as "ב-. %"."""
    outline = tmp_path / "he.yaml"
    outline.write_text(f"title: כותרת\nsubtitle: {subtitle}\nlanguage: he-IL\nstages:\n"
                       "  - {name: שלב, summary: סיכום}\n", encoding="utf-8")
    deck = tmp_path / "he.pptx"
    build(outline, deck)
    shape = next(s for s in Presentation(str(deck)).slides[0].shapes if s.name == "subtitle")
    runs = [(run.text, run._r.find(".//{*}cs").get("typeface"))
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    assert [text for text, font in runs if any(map(str.isdigit, text))] == figures
    assert all(font == "Calibri" for text, font in runs if text in figures)
    assert "".join(text for text, _ in runs).replace("\u2066", "").replace(
        "\u2069", "") == subtitle


def test_a_japanese_title_is_written_with_its_phrase_breaks(tmp_path: Path) -> None:
    deck = tmp_path / "ja.pptx"
    build(OUTLINES / "japanese.yaml", deck)
    title = next(s for s in Presentation(str(deck)).slides[0].shapes if s.name == "title")
    assert title.text_frame.text == "言語モデルはどのようにして\vアシスタントになったのか"


@pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig")
def test_a_mixed_script_row_shares_a_baseline_and_fits_its_frame(tmp_path: Path) -> None:
    plan = plan_deck(load_outline_text(TABLE))
    table = next(e for s in plan.slides for e in s.elements if isinstance(e, Table))
    # Figures start lower than the Arabic labels beside them, by the difference of
    # Noto Sans Arabic's and Calibri's ascents at the cells' size.
    size = table.cells[1][0].paragraphs[0].runs[0].size
    step = (script_ascent_pt("نسبة", size) - script_ascent_pt("-9.8%", size)) * EMU_PER_PT
    assert step > 0
    assert [list(row) for row in table.drops[1:]] == [[0, round(step)], [0, round(step)]]
    # Each row is as tall as its tallest cell drawn in its script's line height.
    assert table.rect.h == sum(table.rows)
    deck = tmp_path / "t.pptx"
    outline = tmp_path / "t.yaml"
    outline.write_text(TABLE, encoding="utf-8")
    build(outline, deck)
    tcs = [tc for shape in Presentation(str(deck)).slides[1].shapes if shape.has_table
           for tc in shape._element.iter("{*}tc")]
    tops = [int(tc.find("{*}tcPr").get("marT")) for tc in tcs]
    assert tops == [table.inset[1]] * 2 + [table.inset[1], table.inset[1] + round(step)] * 2


@pytest.fixture(scope="module")
def made_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_font_template(tmp_path_factory.mktemp("rtl-footer") / "fonts-4x3.pptx")


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_footer_row_is_mirrored_on_a_template(name: str, made_template: Path
                                                             ) -> None:
    """On a template's layout only the diagrams are mirrored, and the footer row: the
    slide number where the left-to-right talk has it, mirrored about the slide's middle
    (so on the left), the footer text likewise (so on the right when it is not centred)."""
    theme = load_template(made_template).theme
    text = (OUTLINES / f"{name}.yaml").read_text(encoding="utf-8")
    language = next(line.split(": ")[1] for line in text.splitlines()
                    if line.startswith("language:"))
    rtl = plan_deck(load_outline_text(text), theme)
    ltr = plan_deck(load_outline_text(text.replace(f"language: {language}",
                                                   "language: en-US")), theme)

    def row(slide: SlidePlan) -> dict[str, Rect]:
        return {e.name: e.rect for e in slide.elements
                if isinstance(e, Text) and e.name in ("footer", "slide-number")}

    checked = 0
    for left, right in zip(ltr.slides[1:], rtl.slides[1:], strict=True):
        for element, rect in row(left).items():
            mirrored = row(right)[element]
            assert mirrored.x == rtl.width - rect.right, (element, right.kind)
            assert (mirrored.y, mirrored.h) == (rect.y, rect.h)
            checked += 1
        # The number's box is as wide as the number: the number at the row's left end.
        number, footer = row(right)["slide-number"], row(right)["footer"]
        assert number.x < rtl.width // 2 and number.w < inches(0.5) < footer.w
        assert row(right)["footer"].w == row(left)["footer"].w
    assert checked >= 2 * (len(rtl.slides) - 1)


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_a_footer_row_beside_the_content_is_mirrored_in_its_own_place(
        name: str, tmp_path: Path) -> None:
    """A template whose footer row sits in a panel on the left, half-way down, beside the
    free area (as a conference's talk template has it): mirrored about the slide's middle
    it landed on the comparison's answer and the pipeline's text. It is mirrored within
    its own span: still the number on the left, the text on the right, on nothing else."""
    template = write_all(tmp_path, {"side.pptx": side_footer})["side.pptx"]
    theme = load_template(template).theme
    deck = plan_deck(load_outline_text((OUTLINES / f"{name}.yaml").read_text(
        encoding="utf-8")), theme)
    checked = 0
    for slide in deck.slides[1:-1]:
        rects = {e.name: e.rect for e in slide.elements if isinstance(e, Text)}
        number, footer = rects["slide-number"], rects["footer"]
        assert number.right <= footer.x, slide.kind
        assert footer.right <= deck.width * 45 // 100, "inside the panel, where it was"
        others = [e.rect for e in slide.elements if isinstance(e, (Text, Table))
                  and e.name not in ("footer", "slide-number")]
        assert not any(r.overlaps(o) for r in (number, footer) for o in others), slide.kind
        checked += 1
    assert checked >= 6


BASELINE_TABLES = {
    "ja": """title: 表
language: ja
intro:
  - title: 評価指標
    table:
      header: [指標, ベース, 変化]
      rows:
        - [事実誤認率, 18.4%, -49.6%]
        - [ユーザー満足度, 61.2%, +16.8 pp]
stages:
  - {name: 事前学習, summary: 次の単語を予測する}
""",
    "ar": """title: جدول
language: ar
intro:
  - title: المؤشرات
    table:
      header: [المؤشر, الأول, التغير]
      rows:
        - [زمن الانتظار, 3.4 s, -23.5%]
        - [رضا المستخدمين, 71.0%, +8.2 pp]
stages:
  - {name: المرحلة, summary: ملخص قصير}
""",
}


@pytest.mark.render
def test_figures_and_labels_on_a_row_share_a_baseline_as_libreoffice_draws_them(
        tmp_path: Path) -> None:
    """Read from LibreOffice's PDF: on each body row the Latin figures stand on the same
    baseline as the Japanese or Arabic label beside them (within 1 pt; Calibri's ascent
    read as its winAscent left the figures 4.1 pt higher at 20 pt)."""
    import pdfplumber

    from helpers import convert_to_pdf, require_soffice

    soffice = require_soffice()
    decks = {}
    for name, text in BASELINE_TABLES.items():
        outline = tmp_path / f"{name}.yaml"
        outline.write_text(text, encoding="utf-8")
        decks[name] = tmp_path / f"{name}.pptx"
        build(outline, decks[name])
    pdfs = convert_to_pdf(soffice, decks, tmp_path, tmp_path / "profile")
    for name, pdf in pdfs.items():
        with pdfplumber.open(str(pdf)) as document:
            page = document.pages[1]
            body = [c for c in page.chars if c["text"].strip() and c["size"] > 14
                    and c["top"] > page.height * 0.3]
            latin = [c for c in body if c["text"].isascii()]
            assert latin, name
            for figure in latin:
                label = [c for c in body if not c["text"].isascii()
                         and abs(c["top"] - figure["top"]) < 12]
                assert label, (name, figure["text"])
                gap = abs(figure["matrix"][5] - label[0]["matrix"][5])
                assert gap < 1.0, (name, figure["text"], round(gap, 2))


HEBREW_FIGURES = """title: טבלה
language: he-IL
intro:
  - title: המדדים
    table:
      header: [מדד, בסיס, שינוי]
      rows:
        - [שגיאות עובדתיות, 18.4%, -49.6%]
        - [ציון מועילות, 61.2%, +27.5%]
        - [עלות לשאלה, 0.40 $, 10%]
stages:
  - {name: שלב, summary: סיכום קצר}
"""


def _missing_font_template(path: Path) -> Path:
    """python-pptx's default deck with its theme's fonts set to Constantia, which this
    machine lacks (fontconfig answers Noto Serif, or a font of the script when asked for
    one in Hebrew: Noto Sans Hebrew, which has no digits), as on the BSE template."""
    import re
    import zipfile

    Presentation().save(str(path))
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    theme = "ppt/theme/theme1.xml"
    parts[theme] = re.sub(rb'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*',
                          rb"\1Constantia", parts[theme])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


@pytest.mark.render
def test_hebrew_figures_are_drawn_whole_on_one_baseline_inside_the_table_with_a_missing_font(
        tmp_path: Path) -> None:
    """Read from LibreOffice's PDF: with the template's font missing, a Hebrew table's
    figures are drawn (they were not: "18.4%" as ". %"), on their label's baseline (they
    stood 6 pt lower) and inside the table's frame (the last row was below it)."""
    import pdfplumber

    from aligndeck.api import Design
    from helpers import convert_to_pdf, require_soffice

    soffice = require_soffice()
    outline = tmp_path / "he.yaml"
    outline.write_text(HEBREW_FIGURES, encoding="utf-8")
    deck = tmp_path / "he.pptx"
    build(outline, deck, design=Design(template=_missing_font_template(tmp_path / "c.pptx")))
    frame = next(s for s in Presentation(str(deck)).slides[1].shapes if s.has_table)
    bottom = (frame.top + frame.height) / EMU_PER_PT
    pdf = convert_to_pdf(soffice, {"he": deck}, tmp_path, tmp_path / "profile")["he"]
    with pdfplumber.open(str(pdf)) as document:
        page = document.pages[1]
        scale = page.height / (Presentation(str(deck)).slide_height / EMU_PER_PT)
        body = [c for c in page.chars if c["text"].strip() and c["size"] > 14
                and c["top"] > page.height * 0.3 and c["bottom"] < page.height * 0.9]
        drawn = "".join(c["text"] for c in body if c["text"].isascii())
        for figure in ("18.4", "49.6", "61.2", "27.5", "0.40", "10"):
            assert figure in drawn, (figure, drawn)
        for figure in (c for c in body if c["text"].isdigit()):
            label = [c for c in body if not c["text"].isascii()
                     and abs(c["top"] - figure["top"]) < 12]
            assert label, figure["text"]
            assert abs(figure["matrix"][5] - label[0]["matrix"][5]) < 1.0, figure["text"]
        assert max(c["bottom"] for c in body) <= bottom * scale + 1.0
