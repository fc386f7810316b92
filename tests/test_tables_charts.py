"""Planning tables and charts, and drawing them as native, editable PowerPoint objects."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION

from aligndeck.api import build
from aligndeck.outline.data import ChartData, TableData
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import (
    EMU_PER_PT,
    Chart,
    Colour,
    DeckPlan,
    Rect,
    SlidePlan,
    Table,
    inches,
)
from aligndeck.plan.slides.chart import chart_alt_text, number_format, plan_chart
from aligndeck.plan.slides.table import CELL_INSET_X, plan_table
from aligndeck.plan.text import styled_width_pt, wrap_styled
from aligndeck.plan.text.fit import SAFETY
from aligndeck.plan.text.measure import text_width_pt
from aligndeck.plan.theme import DEFAULT_THEME
from aligndeck.render.pptx_writer import render_deck
from helpers import build_outline, require_soffice

AREA = Rect(inches(0.6), inches(1.75), inches(12.133), inches(4.85))
FONTS = {"heading": "Calibri", "body": "Calibri", "code": "Consolas"}
WHEN = dt.datetime(2022, 11, 30, tzinfo=dt.timezone.utc)

METHODS = TableData(
    ("Method", "Training signal", "Who judges", "Labels"),
    (("Instruction tuning", "Instruction → response pairs", "People write answers", "13,000"),
     ("RLHF", "Preferences between two outputs", "People pick the better one", "33,000"),
     ("Constitutional AI", "Self-critique against principles", "The model", "1,000")))

WIN_RATES = ChartData("bar", ("GPT-3 175B", "InstructGPT 1.3B", "InstructGPT 175B"),
                      (("Win rate", (50.0, 71.0, 85.0)),), unit="%")


def table_pages(data: TableData, area: Rect = AREA) -> tuple[list[Table], list[str]]:
    tables, findings = plan_table(data, area, ("intro", 0, "table"), FONTS)
    return tables, [f.message for f in findings]


def cell_text(table: Table, row: int, column: int) -> str:
    return "".join(r.text for p in table.cells[row][column].paragraphs for r in p.runs)


# ---- tables: the plan ------------------------------------------------------------------

def test_a_table_has_its_header_first_and_numbers_right_aligned() -> None:
    [table], findings = table_pages(METHODS)
    assert findings == []
    assert [cell_text(table, 0, j) for j in range(4)] == list(METHODS.header)
    assert all(r.bold for p in table.cells[0][0].paragraphs for r in p.runs)
    aligns = [[table.cells[i][j].paragraphs[0].align for j in range(4)] for i in range(4)]
    assert aligns == [["left", "left", "left", "right"]] + [["left"] * 3 + ["right"]] * 3
    assert AREA.contains(table.rect)
    assert sum(table.columns) == table.rect.w and sum(table.rows) == table.rect.h
    assert table.alt == "Table, 4 columns (Method, Training signal, Who judges, Labels), 3 rows"


def test_columns_are_never_narrower_than_their_longest_word() -> None:
    [table], _ = table_pages(METHODS)
    size = table.cells[1][0].paragraphs[0].runs[0].size
    for j, width in enumerate(table.columns):
        words = [(w, i == 0) for i, row in enumerate((METHODS.header, *METHODS.rows))
                 for w in row[j].split()]
        longest = max(text_width_pt(w, size, bold=bold) for w, bold in words) / SAFETY
        assert width - 2 * CELL_INSET_X >= longest * EMU_PER_PT - 1


def test_a_short_table_is_not_stretched_across_the_slide() -> None:
    [table], _ = table_pages(TableData(("Model", "Score"), (("A", "1"), ("B", "2"))))
    assert table.rect.w < AREA.w * 0.6


def test_a_long_table_continues_with_the_header_repeated() -> None:
    rows = tuple((f"Method {i}", f"A signal described in a few words {i}", str(i * 10))
                 for i in range(40))
    tables, findings = table_pages(TableData(("Method", "Signal", "Labels"), rows))
    assert findings == []
    assert len(tables) >= 2
    sizes = {r.size for t in tables for row in t.cells for f in row for p in f.paragraphs
             for r in p.runs}
    assert len(sizes) == 1 and sizes.pop() >= 14, "one size for every page, legible"
    seen = []
    for table in tables:
        assert [cell_text(table, 0, j) for j in range(3)] == ["Method", "Signal", "Labels"]
        assert table.rect.bottom <= AREA.bottom
        seen += [cell_text(table, i, 0) for i in range(1, len(table.rows))]
    assert seen == [row[0] for row in rows], "every row once, in order"
    counts = [len(t.rows) - 1 for t in tables]
    assert max(counts) - min(counts) <= 1, "pages are even"
    assert "rows 1–" in tables[0].alt


def test_too_many_columns_are_an_error() -> None:
    header = tuple(f"Criterion{i}" for i in range(14))
    tables, findings = table_pages(TableData(header, (tuple("Incomparably" for _ in header),)))
    assert tables == []
    assert findings == ["14 columns are too many to read: even at 12 pt their longest words "
                        "need 17.1 in, the slide has 12.1 in; split the table in two or "
                        "shorten the longest words"]


def test_a_row_too_tall_for_any_slide_is_an_error() -> None:
    huge = " ".join(["word"] * 900)
    _, findings = table_pages(TableData(("a", "b"), (("x", "y"), (huge, "z"))))
    assert findings == ["row 2 is too tall for a slide even at 12 pt; shorten its cells"]


@given(st.lists(st.lists(st.text(alphabet="abcdefgh 0123456789", min_size=0, max_size=40),
                         min_size=3, max_size=3), min_size=1, max_size=25))
def test_tables_stay_inside_their_area(rows: list[list[str]]) -> None:
    tables, findings = table_pages(TableData(("One", "Two", "Three"),
                                             tuple(tuple(r) for r in rows)))
    if findings:
        return
    for table in tables:
        assert AREA.contains(table.rect)
        assert len(table.cells) == len(table.rows)
        assert all(len(row) == 3 for row in table.cells)


# ---- charts: the plan ------------------------------------------------------------------

def test_a_single_series_chart_uses_the_accent_with_labels_and_no_legend() -> None:
    chart = plan_chart(WIN_RATES, AREA)
    assert chart.colours == (Colour("accent"),)
    assert (chart.data_labels, chart.legend, chart.axis_max) == (True, False, 100.0)
    assert chart.number_format == '#,##0"%"'
    assert chart.alt == ("Bar chart, Win rate: GPT-3 175B 50%, InstructGPT 1.3B 71%, "
                         "InstructGPT 175B 85%.")


def test_series_take_the_theme_accents_in_order_and_get_a_legend() -> None:
    data = ChartData("column", ("A", "B"), (("x", (1.5, 2.0)), ("y", (3.0, 4.25))),
                     unit="ms")
    chart = plan_chart(data, AREA)
    assert chart.colours == (Colour("accent"), Colour("accent2"))
    assert chart.legend and chart.number_format == '#,##0.00" ms"'
    assert chart.alt == "Column chart, x: A 1.50 ms, B 2.00 ms; y: A 3.00 ms, B 4.25 ms."


def test_lines_that_cross_are_not_labelled() -> None:
    one = ChartData("line", ("a", "b", "c"), (("x", (1.0, 2.0, 3.0)),))
    two = ChartData("line", ("a", "b", "c"), (("x", (1.0, 2.0, 3.0)), ("y", (2.0, 1.0, 3.0))))
    assert plan_chart(one, AREA).data_labels and not plan_chart(two, AREA).data_labels


def test_a_pie_names_its_slices_unless_some_are_thin() -> None:
    wide = ChartData("pie", ("a", "b"), (("share", (40.0, 60.0)),), unit="%")
    thin = ChartData("pie", ("a", "b", "c"), (("share", (90.0, 6.0, 4.0)),), unit="%")
    assert not plan_chart(wide, AREA).legend and plan_chart(thin, AREA).legend
    assert plan_chart(thin, AREA).colours == (Colour("accent"), Colour("accent2"),
                                              Colour("accent3"))
    assert AREA.contains(plan_chart(thin, AREA).rect)


def test_number_formats_follow_the_values_and_the_unit() -> None:
    assert number_format([1.0, 2.0], None) == "#,##0"
    assert number_format([1.5, 2.0], "%") == '#,##0.0"%"'
    assert number_format([1.0], "$") == '#,##0"$"'
    assert number_format([1.0], "tokens") == '#,##0" tokens"'
    assert chart_alt_text(ChartData("pie", ("a",), (("s", (1.0,)),))) == "Pie chart, s: a 1."


# ---- drawing: read back with python-pptx -------------------------------------------------

def render(tmp_path: Path, *elements: Table | Chart) -> Presentation:
    slides = tuple(SlidePlan("chart" if isinstance(e, Chart) else "table", f"Slide {i}",
                             (e,), "", ("intro", i)) for i, e in enumerate(elements))
    plan = DeckPlan(DEFAULT_THEME.grid.width, DEFAULT_THEME.grid.height, "T", None, slides)
    path = tmp_path / "deck.pptx"
    render_deck(plan, DEFAULT_THEME, path, WHEN)
    return Presentation(str(path))


def workbook_cells(chart: object) -> str:
    """The embedded workbook's first sheet and shared strings, as text."""
    blob = chart.part.chart_workbook.xlsx_part.blob  # type: ignore[attr-defined]
    with zipfile.ZipFile(BytesIO(blob)) as book:
        assert book.testzip() is None
        names = book.namelist()
        assert "xl/workbook.xml" in names
        return book.read("xl/worksheets/sheet1.xml").decode() + \
            book.read("xl/sharedStrings.xml").decode()


def test_a_chart_is_native_with_its_data_in_a_workbook(tmp_path: Path) -> None:
    deck = render(tmp_path, plan_chart(WIN_RATES, AREA))
    [frame] = [s for s in deck.slides[0].shapes if s.has_chart]
    chart = frame.chart
    assert frame.name == "chart"
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == list(WIN_RATES.categories)
    [series] = chart.series
    assert (series.name, list(series.values)) == ("Win rate", [50.0, 71.0, 85.0])
    assert not chart.has_legend
    sheet = workbook_cells(chart)
    assert "InstructGPT 1.3B" in sheet and "<v>85</v>" in sheet
    descr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")
    assert descr == [WIN_RATES and plan_chart(WIN_RATES, AREA).alt]
    xml = chart.part.blob.decode()
    assert '<a:schemeClr val="accent1"/>' in xml, "series in the theme's accent"
    assert "srgbClr" not in xml, "no fixed colours: a new theme recolours the chart"
    assert 'typeface="+mn-lt"' in xml, "the theme's body font"
    assert 'formatCode="#,##0&quot;%&quot;"' in xml


def test_every_chart_type_reads_back(tmp_path: Path) -> None:
    kinds = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
             "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE,
             "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
             "stacked-column": XL_CHART_TYPE.COLUMN_STACKED}
    series = (("Helpful", (60.0, 75.0)), ("Harmless", (70.0, 65.0)))
    charts = [plan_chart(ChartData(kind, ("A", "B"), series[:1] if kind == "pie" else series,
                                   unit="%"), AREA) for kind in kinds]
    deck = render(tmp_path, *charts)
    for slide, (kind, expected) in zip(deck.slides, kinds.items(), strict=True):
        chart = next(s for s in slide.shapes if s.has_chart).chart
        assert chart.chart_type == expected, kind
        names = [s.name for s in chart.series]
        assert names == (["Helpful"] if kind == "pie" else ["Helpful", "Harmless"])
        assert chart.has_legend == (kind != "pie")
        if chart.has_legend:
            assert chart.legend.position == XL_LEGEND_POSITION.TOP


def test_a_table_is_native_with_a_header_row(tmp_path: Path) -> None:
    [planned], _ = table_pages(METHODS)
    deck = render(tmp_path, planned)
    [frame] = [s for s in deck.slides[0].shapes if s.has_table]
    table = frame.table
    assert frame.name == "table" and table.first_row and not table.horz_banding
    assert [c.text for c in table.rows[0].cells] == list(METHODS.header)
    assert [c.text for c in table.rows[2].cells] == list(METHODS.rows[1])
    assert [c.width for c in table.columns] == list(planned.columns)
    assert [r.height for r in table.rows] == list(planned.rows)
    xml = frame._element.xml
    assert "{2D5ABB26-0587-4C30-8999-92F81FD0307C}" in xml, "no built-in style over ours"
    assert "srgbClr" not in xml and '<a:schemeClr val="tx1"/>' in xml
    assert re.search(r'algn="r"', xml), "numbers right-aligned"
    assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr") == [planned.alt]


# ---- a whole deck --------------------------------------------------------------------------

DATA_SLIDES = Path(__file__).parent / "outlines" / "data-slides.yaml"


def test_the_data_slides_deck_builds_and_validates(
        tmp_path: Path, validate_pptx: Callable[[Path], None]) -> None:
    out = tmp_path / "data.pptx"
    result = build(DATA_SLIDES, out)
    assert result.warnings == ()
    validate_pptx(out)
    deck = Presentation(str(out))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[-2:] == ["Every method in one table", "Every method in one table (cont.)"]
    headers = [[c.text for c in next(s for s in slide.shapes if s.has_table).table.rows[0].cells]
               for slide in list(deck.slides)[-2:]]
    assert headers[0] == headers[1] == ["Step", "Method", "Input", "Output", "Labels"]
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert [c.chart_type for c in charts] == [XL_CHART_TYPE.BAR_CLUSTERED,
                                             XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.PIE]
    from_csv = charts[1]
    assert [s.name for s in from_csv.series] == ["Helpful", "Harmless"]
    assert list(from_csv.plots[0].categories) == ["Base", "Instruction-tuned", "RLHF"]
    for chart in charts:
        workbook_cells(chart)


def test_thin_and_empty_stacked_segments_lose_their_labels(tmp_path: Path) -> None:
    data = ChartData("stacked-bar", ("Instruction tuning", "RLHF", "Constitutional AI"),
                     (("People", (13.0, 33.0, 1.0)), ("Model", (0.0, 0.0, 30.0))), unit="k")
    chart = plan_chart(data, AREA)
    assert chart.hidden_labels == ((0, 2), (1, 0), (1, 1))
    deck = render(tmp_path, chart)
    frame = next(s for s in deck.slides[0].shapes if s.has_chart)
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    series = frame.chart.plots[0]._element.findall("c:ser", ns)
    deleted = [[int(v) for v in ser.xpath("./c:dLbls/c:dLbl[c:delete/@val='1']/c:idx/@val")]
               for ser in series]
    assert deleted == [[2], [0, 1]]
    shown = [ser.xpath("./c:dLbls/c:showVal/@val") for ser in series]
    assert shown == [["1"], ["1"]], "the other labels keep the plot's settings"


def test_a_very_long_table_warns_and_keeps_titles_distinct() -> None:
    rows = [[f"Method {i}", f"A signal described in a few words {i}", str(i)] for i in range(90)]
    table = {"header": ["Method", "Signal", "N"], "rows": rows}
    outline = build_outline(intro=0, extra=[{"title": "All methods", "table": table}])
    plan = plan_deck(outline)
    titles = [s.title for s in plan.slides if s.kind == "table"]
    assert len(titles) > 3 and len(set(titles)) == len(titles)
    assert titles[1] == f"All methods (cont.) 2/{len(titles)}"
    assert [(f.source, f.severity) for f in plan.findings] == [(("extra", 0, "table"),
                                                                "warning")]
    assert plan.findings[0].message == (
        f"the table's 90 rows fill {len(titles)} slides; a talk shows a few rows well: keep "
        "the ones you will speak about")


@pytest.mark.render
def test_libreoffice_opens_the_charts_with_their_data(tmp_path: Path) -> None:
    soffice = require_soffice()
    deck = tmp_path / "data.pptx"
    build(DATA_SLIDES, deck)
    command = [soffice, "--headless", "--norestore",
               f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
               "--convert-to", "odp", "--outdir", str(tmp_path), str(deck)]
    subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    with zipfile.ZipFile(tmp_path / "data.odp") as odp:
        objects = [odp.read(name).decode() for name in odp.namelist()
                   if name.startswith("Object") and name.endswith("/content.xml")]
    tables = [re.findall(r'office:value="([^"]+)"', xml) for xml in objects]
    # Each chart's own data table, which LibreOffice's "Data Table" dialog edits.
    assert sorted(tables) == sorted([["50", "62", "71", "85"],
                                     ["40", "55", "68", "60", "82", "78"],
                                     ["55", "20", "25"]])


def test_the_browser_page_draws_tables_and_charts_from_the_same_plan(tmp_path: Path) -> None:
    result = build(DATA_SLIDES, tmp_path / "data.pptx", html=True)
    assert result.html is not None
    page = result.html.read_text("utf-8")
    chart = re.search(r'<g class="shape chart" data-name="chart" role="img" aria-label="'
                      r'(Bar chart[^"]*)">(.*?)</g>', page)
    assert chart is not None
    assert chart.group(1).startswith("Bar chart, Win rate against the base model: Base "
                                     "model 50%")
    labels = re.findall(r">(\d+%)</text>", chart.group(2))
    assert labels == ["50%", "62%", "71%", "85%"], "the .pptx chart's labels, in order"
    bars = re.findall(r'<rect x="[^"]+" y="[^"]+" width="([^"]+)" height="[^"]+" fill="#1A5FB4"',
                      chart.group(2))
    widths = [float(w) for w in bars]
    assert widths == sorted(widths) and len(widths) == 4, "bars as long as their values"
    table = re.search(r'<g class="shape table" data-name="table" role="table" aria-label="'
                      r'Table, 4 columns \(Method, Training signal, Who judges, What it '
                      r'teaches\), 3 rows">', page)
    assert table is not None


def test_a_japanese_cell_breaks_between_phrases_written_in() -> None:
    # A renderer breaks Japanese between any two characters; a cell's measured lines
    # (between phrases, katakana words whole) are written in, as a bullet's are. (A cell
    # of Japanese had no word break at all for the column's narrowest width: the whole
    # text counted as one word, and the table was refused as too wide.)
    long = "チョコレートケーキとショートケーキのレシピを順番に説明します"
    data = TableData(("方法", "説明", "件数"),
                     (("指示調整", long, "13,000"), ("RLHF", long + "。" + long, "33,000")))
    [table], findings = table_pages(data)
    assert findings == []
    for row in (1, 2):
        text = cell_text(table, row, 1)
        lines = text.split("\v")
        assert "".join(lines) == data.rows[row - 1][1]
        assert row == 1 or len(lines) > 1
        assert not any(line.endswith(("ケ", "ケー", "レ", "レシ", "ショ", "ショー"))
                       for line in lines), lines
    assert cell_text(table, 1, 2) == "13,000"  # figures and Latin text are left as they are


GERMAN = TableData(
    ("Standort", "Leistungsaufnahmeveränderung", "Kühlwasserverbrauch", "Bewertung"),
    (("Frankfurt-Rödelheim", "-18,4 %", "1.250 m³", "Energieeinsparungspotenzial ausgeschöpft"),
     ("Hamburg-Billbrook", "-7,9 %", "2.040 m³",
      "Wärmerückgewinnungsanlagenerweiterung geplant")))


@pytest.mark.parametrize(("width_in", "hyphenated"), [
    # At 12 pt the longest words side by side need about 8.7 in: the table was refused.
    # At the main joint, before the head "erweiterung" (after a linking -n-), as the
    # line holds it (it was "Wärmerückgewinnungs-" / "anlagenerweiterung geplant").
    (8.0, {(2, 3): ["Wärmerückgewinnungsanlagen-", "erweiterung geplant"]}),
    # Joints ("Wärme-" / "rückgewinnungs-" / "anlagenerweiterung" / "geplant") would
    # cost the cell a line: the breaks that keep the most on each line instead.
    (6.0, {(0, 1): ["Leistungsaufnahme-", "veränderung"],
           # The joint before the prefix "ver" (it was "Kühlwasserver-" / "brauch"); the
           # column is narrower, the last one wider (it was "…potenzial" / "ausgeschöpft").
           (0, 2): ["Kühlwasser-", "verbrauch"],
           (1, 3): ["Energieeinsparungs-", "potenzial ausgeschöpft"],
           (2, 3): ["Wärmerückgewin-", "nungsanlagenerweite-", "rung geplant"]}),
])
def test_words_too_long_for_their_columns_are_hyphenated_not_refused(
        width_in: float, hyphenated: dict[tuple[int, int], list[str]]) -> None:
    area = Rect(AREA.x, AREA.y, inches(width_in), AREA.h)
    tables, findings = plan_table(GERMAN, area, ("intro", 0, "table"), FONTS, language="de-DE")
    assert findings == []
    [table] = tables
    assert table.rect.w <= area.w
    for r, row in enumerate(table.cells):
        for j, frame in enumerate(row):
            run = frame.paragraphs[0].runs[0]
            text = cell_text(table, r, j)
            inner = (table.columns[j] - 2 * CELL_INSET_X) / EMU_PER_PT * SAFETY
            lines = wrap_styled(((text, run.bold, False, "Calibri"),), inner, run.size)
            original = (GERMAN.header, *GERMAN.rows)[r][j]
            if (r, j) in hyphenated:
                assert lines == hyphenated[r, j]
            else:
                assert text == original, "only a word wider than its column is hyphenated"
            # every hyphen written in ends a line: none stands inside one
            added = text.count("-") - original.count("-")
            assert added <= sum(line.endswith("-") for line in lines), lines


@pytest.mark.parametrize(("counted", "meets"), [("1,240件", 1), ("14.2分", 1), ("約1.2億円", 2),
                                               ("１２４０件", 0)])  # full width: all East Asian
def test_a_number_and_its_counter_keep_one_line_in_libreoffice_too(counted: str,
                                                                   meets: int) -> None:
    """LibreOffice sets a fifth of an em between figures and the kanji beside them (its
    autospace): a column sized without it wrapped "1,240件" as "1,240" / "件", and the
    row then stood below the table's frame. The column is as wide as the number, its
    counter and that space."""
    from aligndeck.plan.text import autospace_pt

    data = TableData(("指標", "導入前", "導入後"),
                     (("一時間あたりの処理件数を一時間ごとに数えた結果", counted, "+50.8%"),
                      ("ピッキング作業時間", "9.6分", "-4.6分")))
    area = Rect(AREA.x, AREA.y, inches(4), AREA.h)  # the long label squeezes the others
    tables, findings = plan_table(data, area, ("intro", 0, "table"), FONTS, language="ja")
    assert findings == []
    [table] = tables
    run = table.cells[1][1].paragraphs[0].runs[0]
    inner = (table.columns[1] - 2 * CELL_INSET_X) / EMU_PER_PT * SAFETY  # as wrapped
    drawn = styled_width_pt([(counted, run.bold, False, "Calibri")], run.size)
    assert autospace_pt(counted, run.size) == pytest.approx(meets * 0.2 * run.size)
    assert inner >= drawn + autospace_pt(counted, run.size)


@pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig")
def test_baselines_follow_the_font_cells_are_drawn_in_not_the_wider_one_they_are_measured_in(
        ) -> None:
    """A template's cells are measured in the widest of its fonts (Calibri Light, drawn
    here in Noto Sans) but drawn in its body font (Calibri): read from the measuring font,
    Hebrew figures got no drop and stood 6 pt above their labels (mecanon)."""
    from aligndeck.plan.text import script_ascent_pt

    data = TableData(("מדד", "בסיס"), (("שגיאות עובדתיות", "18.4%"),))
    measuring = {"heading": "Calibri Light", "body": "Calibri Light", "code": "Consolas"}
    [table], _ = plan_table(data, AREA, ("intro", 0, "table"), measuring, language="he-IL",
                            drawn="Calibri")
    size = table.cells[1][0].paragraphs[0].runs[0].size
    step = script_ascent_pt("שגיאות", size) - script_ascent_pt("18.4%", size)
    assert step > 3
    assert list(table.drops[1]) == [0, round(step * EMU_PER_PT)]
