"""The data of tables and charts: inline or from CSV files, read with a cap, checked whole.

CSV files follow the image path rules (relative to the outline's folder, never leading out
of it unless allowed). Everything is read and checked before anything is written, so a
missing file, a ragged row or a word where a number goes is a located error, never a
half-written deck.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from aligndeck.assets import locate
from aligndeck.errors import OutlineError, Problem
from aligndeck.files import CSV_LIMIT, FileProblem, read_capped
from aligndeck.outline.data import (
    ChartData,
    DataProblem,
    TableData,
    chart_from_outline,
    chart_from_rows,
    table_from_outline,
    table_from_rows,
)
from aligndeck.outline.loader import PathKey, Positions, format_path
from aligndeck.outline.models import Outline, Slide

Data = ChartData | TableData


def data_slides(outline: Outline) -> Iterator[tuple[PathKey, Slide]]:
    """Every slide with a table or a chart, with its outline path."""
    for section in ("intro", "extra"):
        for index, slide in enumerate(getattr(outline, section)):
            if slide.table is not None or slide.chart is not None:
                yield (section, index), slide


def csv_fields(outline: Outline) -> Iterator[tuple[PathKey, str]]:
    """Every CSV file the outline names, with the path of its field."""
    for source, slide in data_slides(outline):
        spec = slide.table or slide.chart
        if spec is not None and spec.csv:
            yield (*source, slide.kind, "csv"), spec.csv


def resolve_data(outline: Outline, folder: Path, positions: Positions, *,
                 allow_outside: bool = False, warnings: list[Problem] | None = None
                 ) -> dict[PathKey, Data]:
    """The checked data of every table and chart, keyed by its slide's outline path;
    raises OutlineError with every problem when any is an error, each at its field (a CSV
    problem at the `csv` field, its message naming the file's line and column); else
    adds the warnings (missing values) to `warnings`."""
    found: dict[PathKey, Data] = {}
    problems: list[Problem] = []
    for source, slide in data_slides(outline):
        key: PathKey = (*source, slide.kind)
        data, located = _slide_data(slide, folder, allow_outside, outline.language)
        for problem in located:
            path = (*key, "csv") if problem.where[:1] == ("csv",) else (*key, *problem.where)
            line, column = positions.of_value(path)
            problems.append(Problem(line, column, format_path(path), problem.message,
                                    problem.severity))
        if data is not None and not any(p.severity == "error" for p in located):
            found[source] = data
    if any(p.severity == "error" for p in problems):
        raise OutlineError(problems)
    if warnings is not None:
        warnings += problems
    return found


def _slide_data(slide: Slide, folder: Path, allow_outside: bool, language: str
                ) -> tuple[Data | None, list[DataProblem]]:
    if slide.chart is not None:
        chart = slide.chart
        if chart.csv is None:
            return chart_from_outline(chart)
        rows = _rows(chart.csv, folder, allow_outside)
        if isinstance(rows, DataProblem):
            return None, [rows]
        return chart_from_rows(chart, rows, chart.csv, language)
    assert slide.table is not None
    table = slide.table
    if table.csv is None:
        return table_from_outline(table)
    rows = _rows(table.csv, folder, allow_outside)
    if isinstance(rows, DataProblem):
        return None, [rows]
    return table_from_rows(rows, table.csv, table.missing)


def _rows(written: str, folder: Path, allow_outside: bool) -> list[list[str]] | DataProblem:
    try:
        return read_csv(written, folder, allow_outside=allow_outside)
    except ValueError as exc:
        return DataProblem(("csv",), str(exc))


def read_csv(written: str, folder: Path, *, allow_outside: bool = False) -> list[list[str]]:
    """The rows of a CSV file (read up to CSV_LIMIT; a folder, device or FIFO refused
    unopened): UTF-8 (a byte-order mark tolerated), comma-separated,
    quotes as spreadsheets write them, blank lines at the end dropped; every row as wide
    as the first. ValueError says what is wrong, with the file's line and column."""
    path = locate(written, folder, allow_outside=allow_outside, what="CSV files")
    try:
        raw = read_capped(path, CSV_LIMIT, "CSV file")
    except FileProblem as exc:
        raise ValueError(f"'{written}': {exc}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValueError(f"{written}:{line}:{column}: not UTF-8 text; save it as UTF-8 "
                         "(in Excel: CSV UTF-8)") from None
    if "\x00" in text:
        raise ValueError(f"'{written}': holds NUL bytes; not a CSV text file")
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if row:  # an empty line between rows holds no row
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ValueError(f"{written}:{reader.line_num}: {exc}") from None
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()
    if not rows:
        raise ValueError(f"'{written}': the file is empty")
    width = len(rows[0][1])
    for line, row in rows[1:]:
        if len(row) != width:
            column = min(len(row), width) + 1
            raise ValueError(f"{written}:{line}:{column}: row {line} has {len(row)} "
                             f"cell{'s' if len(row) != 1 else ''}, the header has {width}")
    return [row for _, row in rows]
