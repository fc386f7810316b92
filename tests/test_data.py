"""Table and chart data: the models, CSV files, and bad data as located errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligndeck.cli import main
from aligndeck.datasets import read_csv, resolve_data
from aligndeck.errors import OutlineError
from aligndeck.files import CSV_LIMIT
from aligndeck.outline.data import ChartData, TableData, is_numeric_cell, parse_number
from aligndeck.outline.loader import load_located_text

HEAD = """\
title: Data
stages: [{name: A, summary: a}]
comparison: {prompt: p, responses: [{label: a, text: b}, {label: c, text: d}]}
shortcomings: {items: [{title: t, summary: s}]}
intro:
"""


def problems(tmp_path: Path, slides: str, files: dict[str, bytes] | None = None,
             **kwargs: bool) -> list[str]:
    """The formatted problems of an outline with these intro slides, or [] when its data
    resolves."""
    for name, content in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    try:
        outline, positions = load_located_text(HEAD + slides)
        resolve_data(outline, tmp_path, positions, **kwargs)
    except OutlineError as exc:
        return [p.format("deck.yaml") for p in exc.problems]
    return []


def resolved(tmp_path: Path, slides: str, files: dict[str, bytes] | None = None
             ) -> list[ChartData | TableData]:
    for name, content in (files or {}).items():
        (tmp_path / name).write_bytes(content)
    outline, positions = load_located_text(HEAD + slides)
    return list(resolve_data(outline, tmp_path, positions).values())


BAD_OUTLINE_DATA = [
    pytest.param(
        "  - title: W\n    chart: {type: donut, categories: [a], series: [{name: s, "
        "values: [1]}]}\n",
        "deck.yaml:7:19: error: intro[0].chart.type: 'donut' is not one of 'bar', 'column', "
        "'line', 'pie', 'stacked-bar' or 'stacked-column'", id="unknown-chart-type"),
    pytest.param(
        "  - title: W\n    chart:\n      type: bar\n      categories: [a, b]\n"
        "      series: [{name: s, values: [1, 50%]}]\n",
        "deck.yaml:10:38: error: intro[0].chart.series[0].values[1]: '50%' is not a number; "
        "write 50 and give the unit once, as unit: \"%\"", id="percent-in-a-value"),
    pytest.param(
        "  - title: W\n    chart:\n      type: bar\n      categories: [a, b]\n"
        "      series: [{name: s, values: [1, many]}]\n",
        "deck.yaml:10:38: error: intro[0].chart.series[0].values[1]: 'many' is not a number",
        id="word-in-a-value"),
    pytest.param(
        "  - title: W\n    chart:\n      type: bar\n      categories: [a, b, c]\n"
        "      series:\n        - {name: Win rate, values: [1, 2]}\n",
        "deck.yaml:11:36: error: intro[0].chart.series[0].values: series 'Win rate' has 2 "
        "values for 3 categories", id="fewer-values-than-categories"),
    pytest.param(
        "  - title: W\n    chart:\n      type: pie\n      categories: [a, b]\n"
        "      series: [{name: s, values: [3, -1]}]\n",
        "deck.yaml:10:38: error: intro[0].chart.series[0].values[1]: a pie cannot show a "
        "negative value (-1 for 'b')", id="negative-pie"),
    pytest.param(
        "  - title: W\n    chart:\n      type: pie\n      categories: [a]\n"
        "      series: [{name: s, values: [3]}, {name: t, values: [4]}]\n",
        "deck.yaml:10:15: error: intro[0].chart.series: a pie shows one series; this one has "
        "2: use a bar or column chart", id="pie-with-two-series"),
    pytest.param(
        "  - title: W\n    chart: {type: bar, csv: x.csv, series: []}\n",
        "deck.yaml:7:24: error: intro[0].chart: give the data inline or in 'csv', not both: "
        "drop 'series' or 'csv'", id="inline-and-csv"),
    pytest.param(
        "  - title: W\n    chart: {type: bar, categories: [a]}\n",
        "deck.yaml:7:24: error: intro[0].chart: a chart needs 'categories' and 'series', or "
        "a 'csv' file", id="no-series"),
    pytest.param(
        "  - title: T\n    table:\n      header: [a, b]\n      rows:\n        - [1, 2]\n"
        "        - [1, 2, 3]\n",
        "deck.yaml:11:11: error: intro[0].table.rows[1]: row 2 has 3 cells, but the header "
        "has 2", id="row-wider-than-header"),
    pytest.param(
        "  - title: T\n    table: {header: [a], rows: []}\n",
        "deck.yaml:7:32: error: intro[0].table.rows: a table needs at least one row",
        id="table-without-rows"),
    pytest.param(
        "  - title: T\n    points: [a]\n    table: {header: [a], rows: [[b]]}\n",
        "deck.yaml:8:5: error: intro[0]: a slide is one kind: it has both 'points' and "
        "'table'; keep one, or make two slides", id="two-kinds"),
]


@pytest.mark.parametrize(("slides", "message"), BAD_OUTLINE_DATA)
def test_bad_data_in_the_outline_is_a_located_error(tmp_path: Path, slides: str,
                                                    message: str) -> None:
    assert problems(tmp_path, slides) == [message]


CSV_CHART = "  - title: W\n    chart: {type: bar, csv: data/w.csv}\n"
CSV_TABLE = "  - title: T\n    table: {csv: data/t.csv}\n"
AT_CHART = "deck.yaml:7:29: error: intro[0].chart.csv: "
AT_TABLE = "deck.yaml:7:18: error: intro[0].table.csv: "

BAD_CSV = [
    pytest.param(CSV_CHART, b"", AT_CHART + "'data/w.csv': the file is empty", id="empty"),
    pytest.param(CSV_CHART, b"\n\n ,\n", AT_CHART + "'data/w.csv': the file is empty",
                 id="blank-lines-only"),
    pytest.param(CSV_CHART, b"Model,Win\nA,50\nB,50,7\n",
                 AT_CHART + "data/w.csv:3:3: row 3 has 3 cells, the header has 2",
                 id="ragged-long"),
    pytest.param(CSV_TABLE, b"a,b,c\n1,2\n",
                 AT_TABLE + "data/t.csv:2:3: row 2 has 2 cells, the header has 3",
                 id="ragged-short"),
    pytest.param(CSV_CHART, b"Model,Win\nA,50\nB,lots\n",
                 AT_CHART + "data/w.csv:3:2: 'lots' is not a number", id="not-a-number"),
    pytest.param(CSV_CHART, b"Model\nA\n", AT_CHART + "data/w.csv:1:1: a chart needs at "
                 "least two columns: the categories, then one per series", id="one-column"),
    pytest.param(CSV_CHART, b"Model,Win\n", AT_CHART + "data/w.csv: no rows of data under "
                 "the header", id="header-only"),
    pytest.param(CSV_CHART, b"Model,Win\nA,5\xff0\n", AT_CHART + "data/w.csv:2:4: not "
                 "UTF-8 text; save it as UTF-8 (in Excel: CSV UTF-8)", id="not-utf8"),
    pytest.param(CSV_CHART, b'Model,Win\n"A,50\n', AT_CHART + "data/w.csv:2: unexpected "
                 "end of data", id="unclosed-quote"),
    pytest.param(CSV_TABLE, b"a,,c\n1,2,3\n", AT_TABLE + "data/t.csv:1:2: a header cell is "
                 "empty; name every column", id="unnamed-column"),
    pytest.param("  - title: W\n    chart: {type: pie, csv: data/w.csv}\n",
                 b"Part,Share\nA,3\nB,-2\n", "deck.yaml:7:29: error: intro[0].chart.csv: "
                 "data/w.csv:3:2: a pie cannot show a negative value (-2 for 'B')",
                 id="negative-pie"),
]


@pytest.mark.parametrize(("slides", "content", "message"), BAD_CSV)
def test_bad_csv_files_are_errors_at_their_line_and_column(
        tmp_path: Path, slides: str, content: bytes, message: str) -> None:
    name = "data/w.csv" if "w.csv" in slides else "data/t.csv"
    assert problems(tmp_path, slides, {name: content}) == [message]


def test_csv_paths_follow_the_image_rules(tmp_path: Path) -> None:
    outside = tmp_path.parent / "outside.csv"
    outside.write_text("a,b\nx,1\n", "utf-8")
    slides = ("  - title: W\n    chart: {type: bar, csv: ../outside.csv}\n"
              f"  - title: V\n    chart: {{type: bar, csv: '{outside}'}}\n"
              "  - title: U\n    table: {csv: missing.csv}\n")
    assert problems(tmp_path, slides) == [
        "deck.yaml:7:29: error: intro[0].chart.csv: '../outside.csv' leads outside the "
        "outline's folder; keep CSV files inside it (or build with --allow-outside-assets)",
        f"deck.yaml:9:29: error: intro[1].chart.csv: '{outside}' is an absolute path; give a "
        "path relative to the outline's folder (or build with --allow-outside-assets)",
        "deck.yaml:11:18: error: intro[2].table.csv: 'missing.csv': no such file",
    ]
    assert problems(tmp_path, slides.replace("missing.csv", "../outside.csv"),
                    allow_outside=True) == []


def test_a_folder_is_not_a_csv_file(tmp_path: Path) -> None:
    (tmp_path / "data" / "w.csv").mkdir(parents=True)
    assert problems(tmp_path, CSV_CHART) == [
        AT_CHART + "'data/w.csv': the CSV file is a folder, not a regular file"]


def test_a_csv_file_is_read_with_a_cap(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"a,b\n")
        handle.seek(CSV_LIMIT.default + 10)
        handle.write(b"x,1\n")
    with pytest.raises(ValueError, match=r"^'big.csv': the CSV file is over 1 MB; at most "
                       r"1,000,000 bytes are accepted \(set ALIGNDECK_MAX_CSV_MB to raise the "
                       r"limit\)$"):
        read_csv("big.csv", tmp_path)
    monkeypatch.setenv("ALIGNDECK_MAX_CSV_MB", "2")
    with pytest.raises(ValueError, match=r"^'big.csv': holds NUL bytes; not a CSV text file$"):
        read_csv("big.csv", tmp_path)  # read whole now, and found to be no text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(ValueError, match="not a regular file"):
        read_csv("pipe.csv", tmp_path)


def test_csv_data_with_a_bom_quotes_and_blank_lines(tmp_path: Path) -> None:
    content = ('\ufeffModel,"Win rate, %",Ties\r\n"GPT-3, 175B",50,"1,200"\r\n\r\n'
               "InstructGPT,85,3\r\n\r\n").encode()
    [chart] = resolved(tmp_path, CSV_CHART.replace("data/w.csv", "w.csv"), {"w.csv": content})
    assert chart == ChartData("bar", ("GPT-3, 175B", "InstructGPT"),
                              (("Win rate, %", (50.0, 85.0)), ("Ties", (1200.0, 3.0))))


def test_a_table_from_csv_keeps_its_cells_as_written(tmp_path: Path) -> None:
    content = b"Method,Labels,Cost\nRLHF,\"33,000\",3.5\nCAI,,0.4\n"
    [table] = resolved(tmp_path, CSV_TABLE.replace("data/t.csv", "t.csv"), {"t.csv": content})
    assert table == TableData(("Method", "Labels", "Cost"),
                              (("RLHF", "33,000", "3.5"), ("CAI", "—", "0.4")))  # empty: missing


def test_inline_tables_take_numbers_and_pad_short_rows(tmp_path: Path) -> None:
    slides = ("  - title: T\n    table:\n      header: [Method, Year, Open]\n"
              "      rows: [[RLHF, 2022, yes], [CAI, 2022.5], ['**bold**']]\n")
    [table] = resolved(tmp_path, slides)
    assert table == TableData(("Method", "Year", "Open"), (
        ("RLHF", "2022", "yes"), ("CAI", "2022.5", ""), ("**bold**", "", "")))


@pytest.mark.parametrize(("text", "value"), [("50", 50.0), ("-3.5", -3.5), ("1,234.5", 1234.5),
                                             (" 7 ", 7.0), ("−2", -2.0), (".5", 0.5)])
def test_numbers_as_written_in_cells(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "1,2", "5 %", "1e400", "nan", "one", "1.2.3", "-"])
def test_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text)


@pytest.mark.parametrize(("text", "numeric"), [
    ("42", True), ("1,234", True), ("-3.5%", True), ("$12", True), ("2.1×", True),
    ("0.4 s", True), ("(12)", True), ("RLHF", False), ("2022 model", False), ("", False),
    ("GPT-3", False), ("v2", False)])
def test_which_cells_read_as_numbers(text: str, numeric: bool) -> None:
    assert is_numeric_cell(text) is numeric


# ---- through the command line --------------------------------------------------------------

def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bad_data_writes_nothing_and_leaves_the_previous_deck(tmp_path: Path) -> None:
    outline = tmp_path / "deck.yaml"
    (tmp_path / "w.csv").write_text("Model,Win\nA,50\nB,85\n", "utf-8")
    outline.write_text(HEAD + "  - title: W\n    chart: {type: bar, csv: w.csv}\n", "utf-8")
    deck = tmp_path / "deck.pptx"
    assert cli("build", str(outline))[0] == 0
    before = deck.read_bytes()
    (tmp_path / "w.csv").write_text("Model,Win\nA,50\nB,85,3\n", "utf-8")
    code, _, err = cli("build", str(outline))
    assert code == 1
    assert err.splitlines()[0] == (f"{outline}:7:29: error: intro[0].chart.csv: w.csv:3:3: "
                                   "row 3 has 3 cells, the header has 2")
    assert deck.read_bytes() == before
    code, _, err = cli("validate", str(outline))
    assert code == 1 and "row 3 has 3 cells" in err


def test_validate_and_notes_know_tables_and_charts(tmp_path: Path) -> None:
    outline = tmp_path / "deck.yaml"
    outline.write_text(HEAD + "  - title: Win rates\n    chart:\n      type: column\n"
                       "      categories: [A, B]\n      series: [{name: Win, values: [50, 85]}]\n"
                       "      unit: '%'\n  - title: Methods\n    table: {csv: m.csv}\n",
                       "utf-8")
    (tmp_path / "m.csv").write_text("Method,Labels\nRLHF,\"33,000\"\n", "utf-8")
    code, _, err = cli("validate", str(outline))
    assert code == 0, err
    code, out, err = cli("notes", str(outline))
    assert code == 0, err
    assert "Column chart, Win: A 50%, B 85%." in out
    assert "RLHF — Labels: 33,000." in out


def test_a_csv_outside_the_folder_needs_the_flag(tmp_path: Path) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    (tmp_path / "shared.csv").write_text("Model,Win\nA,50\n", "utf-8")
    outline = folder / "deck.yaml"
    outline.write_text(HEAD + "  - title: W\n    chart: {type: bar, csv: ../shared.csv}\n",
                       "utf-8")
    assert cli("build", str(outline))[0] == 1
    code, _, err = cli("build", str(outline), "--allow-outside-assets")
    assert code == 0, err


def test_too_many_columns_in_a_csv_point_at_the_csv_field(tmp_path: Path) -> None:
    outline = tmp_path / "deck.yaml"
    outline.write_text(HEAD + "  - title: Wide\n    table: {csv: wide.csv}\n", "utf-8")
    header = ",".join(f"Criterion{i}" for i in range(14))
    (tmp_path / "wide.csv").write_text(header + "\n" + ",".join(["Incomparably"] * 14) + "\n",
                                       "utf-8")
    code, _, err = cli("validate", str(outline))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{outline}:7:18: error: intro[0].table.csv: 14 columns are too many to read: even "
        "at 12 pt their longest words need 17.1 in, the slide has 12.1 in; split the table "
        "in two or shorten the longest words")
