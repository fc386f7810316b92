"""Tables and charts in the outline: their models, and the checks that need the whole data.

The models check the shape of what was written (a chart type PowerPoint knows, numbers
where numbers go, data inline or in a CSV file, never both). What only the data as a whole
can tell (a series shorter than its categories, a pie with a negative slice, a table row
wider than its header) is checked by `check_chart` and `check_table`, which take the data
from wherever it came (the outline or a CSV file) and say where each problem lies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from aligndeck.outline.base import Model as _Model
from aligndeck.outline.numbers import parse_local

CHART_TYPES = ("bar", "column", "line", "pie", "stacked-bar", "stacked-column")
ChartType = Literal["bar", "column", "line", "pie", "stacked-bar", "stacked-column"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_NUMERIC_CELL = re.compile(r"^[(]?[+\-−]?[$€£¥]?(\d{1,3}([,\s]\d{3})+|\d+)?([.]\d+)?"
                           r"\s?(%|pp|×|x|k|K|M|B|ms|s)?[)]?$")


def parse_number(text: str) -> float:
    """A number as written in a table or CSV cell ("1,234.5", "-3", "50"); ValueError
    with the user's text when it is not one (units belong in `unit`, not the cell)."""
    cleaned = text.strip().replace("−", "-")
    if cleaned and _NUMBER.match(cleaned) and any(c.isdigit() for c in cleaned):
        value = float(cleaned.replace(",", ""))
        if math.isfinite(value):
            return value
    raise ValueError(f"'{text.strip()}' is not a number")


def is_numeric_cell(text: str) -> bool:
    """Whether a table cell reads as a number ("42", "1,234", "-3.5%", "$12", "2.1×"), so
    it is set right-aligned, digits under digits."""
    text = text.strip()
    return bool(text) and any(c.isdigit() for c in text) and bool(_NUMERIC_CELL.match(text))


PLACEHOLDERS = frozenset({"", "—", "–", "-", "n/a", "N/A", "?"})
"""What a table cell holds where a number is missing: it neither makes a column text nor
breaks the column's alignment."""


def is_placeholder_cell(text: str) -> bool:
    """Whether a cell stands in for a missing number ("—", "n/a", nothing)."""
    return text.strip() in PLACEHOLDERS


GAPS = frozenset({"", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", "nan", "NaN",
                  "NAN"})
"""What a chart value or table cell holds where a value is missing: YAML's nulls and
not-a-number, and nothing at all (an empty CSV cell)."""

MISSING_MARK = "—"
"""What a table shows for a missing value unless its `missing:` says otherwise."""


def is_gap(value: Any) -> bool:
    """Whether a value as loaded stands for a missing one: None, NaN, or the text of a
    YAML null or not-a-number."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and value.strip() in GAPS


def _number(value: Any) -> Any:
    """A chart value: a YAML number, or text that reads as one; None for a gap (null, ~,
    NaN, nothing); never a boolean, never infinity."""
    if is_gap(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{'true' if value else 'false'}' is not a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"'{'-' if value < 0 else ''}.inf' is not a finite number")
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%") and _NUMBER.match(text[:-1].strip()):
            raise ValueError(f"'{text}' is not a number; write {text[:-1].strip()} and give "
                             'the unit once, as unit: "%"')
        return parse_number(value)
    raise ValueError("expected a number")


def _cell(value: Any) -> Any:
    """A table cell: text, or a YAML number or yes/no kept as it was written; None for a
    missing value (null, ~, NaN), which the table shows as its missing mark."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if is_gap(value) and value != "":
        return None
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        if _CONTROL.search(value):
            bad = _CONTROL.search(value)
            assert bad is not None
            raise ValueError(f"contains the control character U+{ord(bad.group()):04X}; "
                             "remove it")
        return value.strip()
    raise ValueError("expected text or a number in a table cell")


def _label(value: Any) -> Any:
    """A name (a category, a series, a column heading, a file): text or a number as
    written. A null or blank one is an error in the outline's words (pydantic's own
    length error for it would be dropped with the list-length ones, leaving nothing said)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("expected text, got nothing")
    if isinstance(value, str) and is_gap(value):
        return value.strip()  # a category may be called "NaN"; only values can be missing
    return _cell(value)


Number = Annotated[float | None, BeforeValidator(_number)]
Cell = Annotated[str | None, BeforeValidator(_cell)]
Label = Annotated[str, BeforeValidator(_label), Field(min_length=1)]


def _inline_or_csv(data: Any, keys: tuple[str, str], kind: str, what: str) -> Any:
    """Check, before the fields, that a chart or table (`kind`) gives both of its inline
    `keys` or a 'csv' file, never both; `what` names the inline data in the message."""
    if not isinstance(data, dict):
        return data
    inline = [key for key in keys if key in data]
    if "csv" in data and inline:
        raise ValueError(f"give {what} inline or in 'csv', not both: drop '{inline[0]}' or "
                         "'csv'")
    if "csv" not in data and len(inline) < 2:
        raise ValueError(f"a {kind} needs '{keys[0]}' and '{keys[1]}', or a 'csv' file")
    return data


class Series(_Model):
    """One series of a chart: its name (the legend entry) and one value per category."""

    name: Label = Field(description="The series' name, shown in the legend.",
                        examples=["Win rate"])
    values: tuple[Number, ...] = Field(
        min_length=1, description="One number per category, in the categories' order; "
        "null (or ~, .nan) where a value is missing: a gap in a line, no bar, no slice.",
        examples=[[50, 85]])


class Chart(_Model):
    """A native, editable chart: the data inline (categories and series) or in a CSV file
    (first column the categories, each other column a series named by its header)."""

    type: ChartType = Field(description="bar, column, line, pie, stacked-bar or "
                            "stacked-column.", examples=["bar"])
    categories: tuple[Label, ...] = Field(
        default=(), description="The category names (the bars, the points, the slices).",
        examples=[["GPT-3 175B", "InstructGPT 1.3B"]])
    series: tuple[Series, ...] = Field(
        default=(), description="The series: a name and one value per category each.",
        examples=[[{"name": "Win rate", "values": [50, 85]}]])
    csv: Label | None = Field(
        default=None, description="A CSV file holding the data instead, relative to the "
        "outline's folder: first column the categories, a column per series.",
        examples=["data/win-rates.csv"])
    unit: Label | None = Field(
        default=None, description="The unit of the values, written after each data label "
        "(% sticks to the number; other units follow a space).", examples=["%"])
    caption: Label | None = Field(
        default=None, description="A line under the chart: the source, or how to read it.",
        examples=["Ouyang et al., 2022"])

    @model_validator(mode="before")
    @classmethod
    def _inline_or_csv(cls, data: Any) -> Any:
        return _inline_or_csv(data, ("categories", "series"), "chart", "the data")


class Table(_Model):
    """A native table: a header row and rows of cells, inline or from a CSV file (its
    first row is the header)."""

    header: tuple[Label, ...] = Field(
        default=(), description="The column headings.", examples=[["Method", "Signal"]])
    rows: tuple[tuple[Cell, ...], ...] = Field(
        default=(), description="The rows, each a list of cells (text or numbers).",
        examples=[[["Instruction tuning", "Demonstrations"]]])
    csv: Label | None = Field(
        default=None, description="A CSV file holding the table instead (its first row is "
        "the header), relative to the outline's folder.", examples=["data/methods.csv"])
    missing: Label = Field(
        default=MISSING_MARK, description="What a cell shows where a value is missing "
        "(null, ~, .nan, an empty CSV cell).", examples=["n/a"])

    @model_validator(mode="before")
    @classmethod
    def _inline_or_csv(cls, data: Any) -> Any:
        return _inline_or_csv(data, ("header", "rows"), "table", "the table")


# ---- the data as a whole --------------------------------------------------------------

Where = tuple[str | int, ...]
"""Where a problem lies: a path under the chart or table (("series", 1, "values", 2)),
or, for data from a CSV file, ("csv", line, column) with 1-based numbers."""


@dataclass(frozen=True)
class DataProblem:
    where: Where
    message: str
    severity: Literal["error", "warning"] = "error"


@dataclass(frozen=True)
class ChartData:
    """A chart's data, checked: every series has one value per category."""

    type: ChartType
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    """Each series' name and values, None where a value is missing."""
    unit: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class TableData:
    """A table's cells, checked: every row as wide as the header (short rows padded)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def chart_from_outline(chart: Chart) -> tuple[ChartData, list[DataProblem]]:
    """The inline chart's data and what is wrong with it as a whole."""
    data = ChartData(chart.type, chart.categories,
                     tuple((s.name, s.values) for s in chart.series), chart.unit, chart.caption)
    return data, check_chart(data, lambda i, j: ("series", i, "values", j),
                             lambda i: ("series", i, "values"), ("series",))


def parse_value(text: str, language: str = "en-US") -> float:
    """A CSV value as the outline's language writes it ("1.234,5" in German), else as
    English does ("3.5"); ValueError with the user's text when it is neither."""
    local = parse_local(text, language)
    return local if local is not None else parse_number(text)


def chart_from_rows(chart: Chart, rows: Sequence[Sequence[str]], name: str,
                    language: str = "en-US") -> tuple[ChartData | None, list[DataProblem]]:
    """A chart's data from CSV rows (already checked to be rectangular): the first column
    the categories, each other column a series named by its header, its numbers read as
    `language` writes them. `name` is the file as the outline names it, for messages."""
    if len(rows[0]) < 2:
        return None, [DataProblem(("csv", 1, 1), f"{name}:1:1: a chart needs at least two "
                                  "columns: the categories, then one per series")]
    if len(rows) < 2:
        return None, [DataProblem(("csv", 1, 1), f"{name}: no rows of data under the "
                                  "header")]
    problems: list[DataProblem] = []
    series = []
    for column in range(1, len(rows[0])):
        values = []
        for line, row in enumerate(rows[1:], 2):
            try:
                values.append(None if is_gap(row[column]) else
                              parse_value(row[column], language))
            except ValueError as exc:
                problems.append(DataProblem(("csv", line, column + 1),
                                            f"{name}:{line}:{column + 1}: {exc}"))
        series.append((rows[0][column].strip() or f"Series {column}", tuple(values)))
    if problems:
        return None, problems
    data = ChartData(chart.type, tuple(row[0].strip() for row in rows[1:]), tuple(series),
                     chart.unit, chart.caption)

    def cell(i: int, j: int) -> Where:
        return ("csv", j + 2, i + 2)

    def column_of(i: int) -> Where:
        return ("csv", 1, i + 2)

    located = check_chart(data, cell, column_of, ("csv", 1, 1))
    return data, [DataProblem(p.where, f"{name}:{p.where[1]}:{p.where[2]}: {p.message}",
                              p.severity) for p in located]


def check_chart(data: ChartData, cell: Any, series_at: Any, whole: Where
                ) -> list[DataProblem]:
    """What is wrong with a chart's data as a whole; `cell(i, j)`, `series_at(i)` and
    `whole` say where series i's value j, series i and the data are."""
    problems = []
    count = len(data.categories)
    for i, (name, values) in enumerate(data.series):
        if len(values) != count:
            problems.append(DataProblem(series_at(i), f"series '{name}' has {len(values)} "
                                        f"value{'s' if len(values) != 1 else ''} for "
                                        f"{count} categor{'ies' if count != 1 else 'y'}"))
    for i, (name, values) in enumerate(data.series):
        gaps = [j for j, value in enumerate(values) if value is None]
        if len(gaps) == len(values):
            problems.append(DataProblem(series_at(i), f"series '{name}' has no values, "
                                        "only gaps"))
        elif gaps:
            named = ", ".join(data.categories[j] if j < count else f"value {j + 1}"
                              for j in gaps)
            shown = "left out of the pie" if data.type == "pie" else "shown as gaps"
            problems.append(DataProblem(series_at(i), f"series '{name}' has {len(gaps)} "
                                        f"missing value{'s' if len(gaps) != 1 else ''} "
                                        f"({named}), {shown}", "warning"))
    if data.type == "pie":
        if len(data.series) > 1:
            problems.append(DataProblem(whole, f"a pie shows one series; this one has "
                                        f"{len(data.series)}: use a bar or column chart"))
        for i, (_, values) in enumerate(data.series[:1]):
            for j, value in enumerate(values):
                if value is not None and value < 0:
                    what = data.categories[j] if j < count else f"value {j + 1}"
                    problems.append(DataProblem(cell(i, j), f"a pie cannot show a negative "
                                                f"value ({value:g} for '{what}')"))
            if values and all(not v for v in values) and any(v == 0 for v in values):
                problems.append(DataProblem(series_at(i), "a pie needs a value above 0"))
    return problems


def table_from_outline(table: Table) -> tuple[TableData, list[DataProblem]]:
    """The inline table, short rows padded, missing values marked, and the rows wider
    than the header."""
    width = len(table.header)
    problems = [DataProblem(("rows", i), f"row {i + 1} has {len(row)} cells, but the header "
                            f"has {width}")
                for i, row in enumerate(table.rows) if len(row) > width]
    rows = tuple(tuple(table.missing if c is None else c for c in row)
                 + ("",) * (width - len(row)) for row in table.rows)
    if not rows:
        problems.append(DataProblem(("rows",), "a table needs at least one row"))
    return TableData(table.header, rows), problems


def table_from_rows(rows: Sequence[Sequence[str]], name: str, missing: str = MISSING_MARK
                    ) -> tuple[TableData | None, list[DataProblem]]:
    """A table from CSV rows (rectangular): the first row is the header; an empty cell,
    or one holding a YAML null or NaN, is a missing value, shown as `missing`."""
    header = tuple(cell.strip() for cell in rows[0])
    blank = [i for i, cell in enumerate(header) if not cell]
    if blank and len(header) > 1:
        return None, [DataProblem(("csv", 1, blank[0] + 1), f"{name}:1:{blank[0] + 1}: "
                                  "a header cell is empty; name every column")]
    if len(rows) < 2:
        return None, [DataProblem(("csv", 1, 1), f"{name}: no rows under the header")]
    return TableData(header, tuple(tuple(missing if is_gap(c) else c.strip() for c in row)
                                   for row in rows[1:])), []
