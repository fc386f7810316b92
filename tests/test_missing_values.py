"""Missing values: gaps in charts (a line breaks, a bar is absent, a slice left out), one
warning per series at its place; a mark in tables; infinity and text still errors."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

import aligndeck
from aligndeck.api import check
from aligndeck.errors import OutlineError

HEAD = "title: Gaps\nstages: [{name: A, summary: a}]\nintro:\n"


def chart(kind: str, values: str, categories: str = "[W1, W2, W3, W4]") -> str:
    return (f"  - title: C\n    chart:\n      type: {kind}\n      categories: {categories}\n"
            f"      series:\n        - {{name: In, values: {values}}}\n")


def _problems(tmp_path: Path, slides: str) -> list[str]:
    outline = tmp_path / "deck.yaml"
    outline.write_text(HEAD + slides, encoding="utf-8")
    try:
        return [p.format("deck.yaml") for p in check(outline).warnings]
    except OutlineError as exc:
        return [p.format("deck.yaml") for p in exc.problems]


@pytest.mark.parametrize(("values", "expected"), [
    ("[1, null, 3, 4]", "1 missing value (W2)"),
    ("[1, ~, 3, .nan]", "2 missing values (W2, W4)"),
    ("[NaN, 2, '', 4]", "2 missing values (W1, W3)"),
    ("[1, 2, 3, nan]", "1 missing value (W4)"),
])
def test_chart_gaps_are_one_warning_per_series(tmp_path: Path, values: str,
                                               expected: str) -> None:
    assert _problems(tmp_path, chart("line", values)) == [
        f"deck.yaml:9:30: warning: intro[0].chart.series[0].values: series 'In' has "
        f"{expected}, shown as gaps"]


@pytest.mark.parametrize(("values", "message"), [
    ("[1, .inf, 3, 4]", "intro[0].chart.series[0].values[1]: '.inf' is not a number"),
    ("[1, -.inf, 3, 4]", "intro[0].chart.series[0].values[1]: '-.inf' is not a number"),
    ("[1, lots, 3, 4]", "intro[0].chart.series[0].values[1]: 'lots' is not a number"),
    ("[1, true, 3, 4]", "intro[0].chart.series[0].values[1]: 'true' is not a number"),
    ("[null, ~, .nan, '']", "intro[0].chart.series[0].values: series 'In' has no values, "
     "only gaps"),
])
def test_infinity_and_text_stay_errors_in_the_users_words(tmp_path: Path, values: str,
                                                          message: str) -> None:
    [problem] = _problems(tmp_path, chart("line", values))
    assert ": error: " in problem and problem.endswith(message)
    assert "None" not in problem


def test_csv_gaps_warn_at_the_csv_field(tmp_path: Path) -> None:
    (tmp_path / "w.csv").write_text("week,In,Out\nW1,1,2\nW2,,3\nW3,3,\nW4,NaN,5\n",
                                    encoding="utf-8")
    assert _problems(tmp_path, "  - title: C\n    chart: {type: line, csv: w.csv}\n") == [
        "deck.yaml:5:30: warning: intro[0].chart.csv: w.csv:1:2: series 'In' has 2 missing "
        "values (W2, W4), shown as gaps",
        "deck.yaml:5:30: warning: intro[0].chart.csv: w.csv:1:3: series 'Out' has 1 missing "
        "value (W3), shown as gaps"]


def _chart_xml(deck: Path, number: int = 1) -> str:
    with zipfile.ZipFile(deck) as package:
        return package.read(f"ppt/charts/chart{number}.xml").decode()


@pytest.mark.parametrize(("kind", "points", "categories"), [
    ("line", [1.0, None, 3.0, None], 4),
    ("column", [1.0, None, 3.0, None], 4),
    ("pie", [1.0, 3.0], 2),  # the missing slices are left out
])
def test_gaps_are_drawn_as_gaps(tmp_path: Path, kind: str, points: list[float | None],
                                categories: int) -> None:
    built = aligndeck.build(HEAD + chart(kind, "[1, null, 3, ~]"), tmp_path / "d.pptx")
    [graph] = [shape.chart for slide in Presentation(str(built.output)).slides
               for shape in slide.shapes if shape.has_chart]
    assert list(graph.plots[0].series[0].values) == points
    assert len(graph.plots[0].categories) == categories
    xml = _chart_xml(tmp_path / "d.pptx")
    assert xml.count("<c:dispBlanksAs ") == 1 and '<c:dispBlanksAs val="gap"/>' in xml
    assert [w.message.split(", ")[-1] for w in built.warnings] == [
        "left out of the pie" if kind == "pie" else "shown as gaps"]


def test_a_mapping_with_none_and_nan_has_gaps(tmp_path: Path) -> None:
    outline = {"title": "Gaps", "stages": [{"name": "A", "summary": "a"}],
               "intro": [{"title": "C", "chart": {
                   "type": "line", "categories": ["a", "b", "c"],
                   "series": [{"name": "In", "values": [1, None, math.nan]}]}}]}
    [warning] = aligndeck.check(outline).warnings
    assert (warning.path, warning.message) == (
        "intro[0].chart.series[0].values",
        "series 'In' has 2 missing values (b, c), shown as gaps")


def _cells(deck: Path) -> list[list[str]]:
    [table] = [shape.table for slide in Presentation(str(deck)).slides
               for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize(("missing", "mark"), [("", "—"), ("\n      missing: n/a", "n/a")])
def test_tables_mark_missing_values(tmp_path: Path, missing: str, mark: str) -> None:
    (tmp_path / "t.csv").write_text("Name,Count\na,1\nb,\nc,NaN\n", encoding="utf-8")
    inline = ("  - title: T\n    table:\n      header: [Name, Count]\n"
              f"      rows: [[a, 1], [b, null], [c, .nan], [d, ~], [e, '']]{missing}\n")
    from_csv = f"  - title: U\n    table:\n      csv: t.csv{missing}\n"
    built = aligndeck.build(HEAD + inline, tmp_path / "a.pptx", base=tmp_path)
    assert _cells(built.output) == [["Name", "Count"], ["a", "1"], ["b", mark],  # type: ignore[arg-type]
                                    ["c", mark], ["d", mark], ["e", ""]]
    built = aligndeck.build(HEAD + from_csv, tmp_path / "b.pptx", base=tmp_path)
    assert _cells(built.output) == [["Name", "Count"], ["a", "1"], ["b", mark],  # type: ignore[arg-type]
                                    ["c", mark]]


def test_negative_values_put_category_labels_at_the_low_end(tmp_path: Path) -> None:
    built = aligndeck.build(HEAD + chart("column", "[-1200, 300, 5, 8]"), tmp_path / "n.pptx")
    assert '<c:tickLblPos val="low"/>' in _chart_xml(built.output)  # type: ignore[arg-type]
    built = aligndeck.build(HEAD + chart("column", "[1200, 300, 5, 8]"), tmp_path / "p.pptx")
    assert '<c:tickLblPos val="low"/>' not in _chart_xml(built.output)  # type: ignore[arg-type]


@pytest.mark.parametrize(("slide", "expected"), [
    ("  - title: C\n    chart: {type: bar, categories: [a, null], series: [{name: s, "
     "values: [1, 2]}]}\n", "deck.yaml:5:40: error: intro[0].chart.categories[1]: expected "
     "text, got nothing"),
    ("  - title: C\n    chart: {type: bar, categories: [a, b], series: [{name: ~, "
     "values: [1, 2]}]}\n", "deck.yaml:5:60: error: intro[0].chart.series[0].name: expected "
     "text, got nothing"),
    ("  - title: D\n    table: {header: [x, ''], rows: [[1, 2]]}\n",
     "deck.yaml:5:25: error: intro[0].table.header[1]: expected text, got nothing"),
])
def test_a_missing_name_is_an_error_not_silence(tmp_path: Path, slide: str,
                                                expected: str) -> None:
    assert _problems(tmp_path, slide) == [expected]


def test_a_category_may_be_called_nan(tmp_path: Path) -> None:
    assert _problems(tmp_path, chart("column", "[1, 2]", "[NaN, null value]")) == []
