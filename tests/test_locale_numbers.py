"""Numbers in the outline's language: German tables and CSV files read "1.234,5" as a
number, and the numbers the deck writes (labels, alt text, notes) use its separators;
English is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import PP_ALIGN

import aligndeck
from aligndeck.outline.numbers import format_local, is_local_number_cell, join_unit, parse_local
from aligndeck.plan.slides.chart import format_value


@pytest.mark.parametrize(("text", "language", "number", "cell"), [
    ("1.234,5", "de-DE", 1234.5, True),
    ("−4", "de-DE", -4.0, True),
    ("3,5 %", "de-DE", None, True),
    ("3,5\u00a0%", "de-DE", None, True),
    ("(1.234)", "de-DE", None, True),
    ("1 234,5", "fr-FR", 1234.5, True),
    ("1\u202f234,5", "fr-FR", 1234.5, True),
    ("3.5", "de-DE", None, False),  # not German; the English rules still read it
    ("Lager 4", "de-DE", None, False),
    ("1.234,5", "en-US", None, False),  # English keeps its own rules
])
def test_reading_numbers_in_a_language(text: str, language: str, number: float | None,
                                       cell: bool) -> None:
    assert parse_local(text, language) == number
    assert is_local_number_cell(text, language) is cell


@pytest.mark.parametrize(("value", "unit", "places", "language", "written"), [
    (28718.0, None, 0, "en-US", "28,718"),
    (28718.0, None, 0, "de-DE", "28.718"),
    (-1234.5, None, 1, "de-DE", "-1.234,5"),
    (3.5, "%", 1, "de-DE", "3,5\u00a0%"),
    (3.5, "%", 1, "en-US", "3.5%"),
    (28718.0, "t", 0, "fr-FR", "28\u202f718 t"),
    (28718.0, None, 0, "ja-JP", "28,718"),
])
def test_writing_numbers_in_a_language(value: float, unit: str | None, places: int,
                                       language: str, written: str) -> None:
    assert format_value(value, unit, places, language) == written
    assert join_unit(format_local(value, places, language), unit, language) == written


GERMAN = """\
title: Wochenstatus
language: de-DE
stages: [{{name: Eingang, summary: Ware geprüft}}]
intro:
  - title: Diese Woche
    table: {{csv: woche.csv}}
  - title: Acht Wochen
    chart: {{type: column, csv: verlauf.csv{unit}}}
"""


def _build(tmp_path: Path, unit: str = "") -> tuple[Path, aligndeck.BuildResult]:
    (tmp_path / "woche.csv").write_text(
        "Kennzahl,Diese Woche,Anteil\nEingang,\"1.234,5\",\"3,5 %\"\nVersand,−4,\"12,0 %\"\n"
        "Rückstand,,\n", encoding="utf-8")
    (tmp_path / "verlauf.csv").write_text(
        "Woche,Eingang\nW1,\"28.718\"\nW2,\"1.234,5\"\nW3,3.5\n", encoding="utf-8")
    outline = tmp_path / "deck.yaml"
    outline.write_text(GERMAN.format(unit=unit), encoding="utf-8")
    return outline, aligndeck.build(outline)


def test_a_german_deck_reads_and_writes_german_numbers(tmp_path: Path) -> None:
    _, built = _build(tmp_path)
    deck = Presentation(str(built.output))
    [table] = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    aligns = [[cell.text_frame.paragraphs[0].alignment for cell in row.cells][1:]
              for row in list(table.rows)[1:]]
    assert aligns == [[PP_ALIGN.RIGHT, PP_ALIGN.RIGHT]] * 3  # the missing cells too
    [frame] = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert list(frame.chart.plots[0].series[0].values) == [28718.0, 1234.5, 3.5]
    alt = frame._element.xpath(".//p:cNvPr/@descr")[0]
    assert "W1 28.718" in alt and "W2 1.234,5" in alt and "W3 3,5" in alt
    slide = next(s for s in deck.slides if any(sh.has_chart for sh in s.shapes))
    assert "28.718" in slide.notes_slide.notes_text_frame.text


def test_german_percentages_in_labels(tmp_path: Path) -> None:
    _, built = _build(tmp_path, ", unit: '%'")
    deck = Presentation(str(built.output))
    [frame] = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert "28.718,0\u00a0%" in frame._element.xpath(".//p:cNvPr/@descr")[0]


def test_english_numbers_are_unchanged(tmp_path: Path) -> None:
    outline, _ = _build(tmp_path)
    outline.write_text(GERMAN.format(unit="").replace("de-DE", "en-US"), encoding="utf-8")
    (tmp_path / "verlauf.csv").write_text("Woche,Eingang\nW1,\"28,718\"\nW2,3.5\n",
                                          encoding="utf-8")
    deck = Presentation(str(aligndeck.build(outline).output))
    [table] = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert table.cell(1, 1).text_frame.paragraphs[0].alignment != PP_ALIGN.RIGHT
    [frame] = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert "W1 28,718.0" in frame._element.xpath(".//p:cNvPr/@descr")[0]


@pytest.mark.parametrize(("unit", "language", "code"), [
    (None, "en-US", "#,##0.0"),
    ("%", "en-US", '#,##0.0"%"'),
    (None, "de-DE", "[$-407]#,##0.0"),
    ("%", "de-DE", '[$-407]#,##0.0"\u00a0%"'),
    ("%", "ja-JP", '[$-411]#,##0.0"%"'),
    ("t", "fr", '[$-40C]#,##0.0" t"'),
])
def test_chart_number_formats_carry_the_locale(unit: str | None, language: str,
                                               code: str) -> None:
    from aligndeck.plan.slides.chart import number_format

    assert number_format([1.5], unit, language) == code


def test_a_german_chart_formats_its_numbers_the_german_way(tmp_path: Path) -> None:
    import zipfile

    _, built = _build(tmp_path)
    with zipfile.ZipFile(str(built.output)) as package:
        xml = package.read("ppt/charts/chart1.xml").decode()
    assert "<c:formatCode>[$-407]#,##0.0</c:formatCode>" in xml
