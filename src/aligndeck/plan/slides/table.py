"""A table slide: the table's columns sized from their measured text, its rows over slides.

Cell text is measured with the theme's fonts; columns get the width their text asks for
(never less than their longest word); one size serves the whole table; rows that do not
fit one slide continue on "(cont.)" slides with the header row repeated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aligndeck.outline.data import (
    TableData,
    is_numeric_cell,
    is_placeholder_cell,
    table_from_outline,
)
from aligndeck.outline.models import Slide
from aligndeck.outline.numbers import is_local_number_cell, is_localized
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import (
    EMU_PER_PT,
    Colour,
    Emu,
    Finding,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Source,
    Table,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import para
from aligndeck.plan.text import (
    SAFETY,
    autospace_pt,
    hyphenate,
    paragraph_words,
    script_ascent_pt,
    styled_width_pt,
    text_height_pt,
    written_breaks,
)
from aligndeck.strings import ENGLISH, Strings

CELL_INSET_X = inches(0.12)
CELL_INSET_Y = inches(0.07)
HEADER_GAP = inches(0.04)
"""Extra room under the header's text, above its rule."""
PREFERRED = 20.0
"""Table text starts at the small end of body text: a table is read, not heard."""
CONTINUE_AT = 14.0
"""Tables shrink to this size at most to stay on one slide, then continue on the next."""
FLOOR = 12.0
"""Below this no cell is legible from the back of a room."""
MOST_PAGES = 3
"""A table continued over more slides than this gets a warning."""
HYPHEN_STEP = 3 * EMU_PER_PT
"""How much narrower each try at hyphenating a too wide table's words is."""
NARROWEST = 0.55
"""A table whose text needs less than this share of the width is widened to it (no
postage stamp in a corner), and no further: wide columns of short words read badly."""

@dataclass(frozen=True)
class _Sized:
    """The table at one text size: cell paragraphs, column widths and row heights."""

    size: float
    cells: list[list[Paragraph]]
    columns: list[Emu]
    rows: list[Emu]
    drops: list[list[Emu]]


def plan_table_slide(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """The table on as many slides as its rows need, each repeating the header row and
    titled "… (cont.)" after the first."""
    title = plain_text(slide.title)
    spec = slide.table
    assert spec is not None
    data = ctx.slide_data(source, "table", TableData, spec.csv, lambda: table_from_outline(spec))
    area = ctx.frame("diagram").content
    csv = slide.table is not None and slide.table.csv is not None
    tables, findings = plan_table(data, area, (*source, "table"), ctx.fonts, csv=csv,
                                  words=ctx.strings, language=ctx.outline.language,
                                  drawn=ctx.theme.body_font) if data else ([], [])
    ctx.findings.extend(findings)
    notes = slide.notes or (write_notes.table_notes(title, data.header, data.rows, ctx.strings)
                            if data
                            else title)
    if not tables:
        heading = ctx.title(slide.title, (*source, "title"), family="diagram")
        return [SlidePlan("table", title, (heading,), notes, source)]
    slides = []
    if len(tables) > MOST_PAGES:
        ctx.warn((*source, "table"), f"the table's {len(data.rows) if data else 0} rows fill "
                 f"{len(tables)} slides; a talk shows a few rows well: keep the ones you will "
                 "speak about")
    for number, table in enumerate(tables, 1):
        # "(cont.)" on a second page; numbered past that, so every title stays distinct.
        more = ctx.strings("continued", title=slide.title)
        text = slide.title if number == 1 else more if len(tables) == 2 else \
            ctx.strings("continued_part", title=more, n=number, count=len(tables))
        heading = ctx.title(text, (*source, "title"), family="diagram")
        firsts = ctx.strings("list_separator").join(
            "".join(r.text for p in row[0].paragraphs for r in p.runs)
            for row in table.cells[1:])
        page_notes = notes if number == 1 else \
            write_notes.continued_notes(title, number, firsts, ctx.strings)
        slides.append(SlidePlan("table", plain_text(text), (heading, table), page_notes,
                                source))
    return slides


def plan_table(data: TableData, area: Rect, source: Source, fonts: Mapping[str, str], *,
               csv: bool = False, words: Strings = ENGLISH, language: str = "en-US",
               drawn: str | None = None) -> tuple[list[Table], list[Finding]]:
    """The table's pages (one Table per slide, each starting with the header row) and
    what is wrong: too many columns to read at the floor size, or a row too tall for a
    slide of its own, are errors located at the table's field (at its `csv` field when
    the data came from a file). `words` give the alt text's words; numbers written as
    `language` writes them ("1.234,5") are numbers too, right-aligned. `drawn` names the
    family the cells are drawn in (the theme's body font) where `fonts` measure with a
    wider one: its ascent sets the figures' baselines."""
    where = (*source, "csv") if csv else source
    local = is_localized(language)

    def is_number(text: str) -> bool:
        return is_numeric_cell(text) or (local and is_local_number_cell(text, language))

    numeric = [any(is_number(r[j]) for r in data.rows) and
               all(is_number(r[j]) or is_placeholder_cell(r[j]) for r in data.rows)
               for j in range(len(data.header))]

    def unbroken(size: float) -> list[list[Paragraph]]:
        cells = [[_cell(text, size, True, numeric[j], where if csv else (*source, "header", j))
                  for j, text in enumerate(data.header)]]
        for i, row in enumerate(data.rows):
            cells.append([_cell(text, size, False, is_number(text) or (
                numeric[j] and is_placeholder_cell(text)),
                where if csv else (*source, "rows", i, j))
                for j, text in enumerate(row)])
        return cells

    def make(size: float) -> _Sized | None:
        cells = unbroken(size)
        columns = _column_widths(cells, area.w, size, fonts, language)
        if columns is None:
            if size > FLOOR:
                return None
            # At the floor a word wider than its column is hyphenated, as a typesetter
            # would, rather than the table refused ("Wärmerückgewinnungs-" / "anlage").
            hyphenated = _hyphenated(cells, area.w, fonts, language)
            if hyphenated is None:
                return None
            cells, columns = hyphenated
        drawing = {**fonts, "body": drawn, "heading": drawn} if drawn else fonts
        drops = [[0] * len(cells[0]), *(_on_one_baseline(row, size, drawing)
                                         for row in cells[1:])]
        rows = [_row_height(row, columns, fonts, drop, language)
                for row, drop in zip(cells, drops, strict=True)]
        rows[0] += HEADER_GAP
        return _Sized(size, cells, columns, rows, drops)

    sizes: dict[float, _Sized | None] = {}

    def at(size: float) -> _Sized | None:
        if size not in sizes:
            sizes[size] = make(size)
        return sizes[size]

    # The largest size at which the columns fit side by side at all.
    widest = next((size for size in _sizes(PREFERRED, FLOOR) if at(size) is not None), None)
    if widest is None:
        return [], [_too_wide(data, area, where, fonts, language)]
    # Like bullets: as few slides as the rows need, each page at the largest size (down to
    # CONTINUE_AT) at which every page fits; one row per page may shrink to the floor.
    count = len(data.rows)
    for page_count in range(1, count + 1):
        pages = _split(count, page_count)
        lowest = min(widest, CONTINUE_AT if page_count < count else FLOOR)
        chosen = next((size for size in _sizes(widest, lowest)
                       if _fits(_sure(at(size)).rows, pages, area.h)), None)
        if chosen is not None:
            break
    sized = _sure(at(chosen if chosen is not None else min(widest, FLOOR)))
    findings = []
    for index, height in enumerate(sized.rows[1:]):
        if sized.rows[0] + height > area.h:
            place = where if csv else (*source, "rows", index)
            findings.append(Finding(place, f"row {index + 1} is too tall "
                                    f"for a slide even at {sized.size:g} pt; shorten its "
                                    "cells"))
    tables = []
    for first, last in pages:
        picked = [0, *range(first, last)]
        # A cell's lines as measured: Japanese and Chinese between phrases, written in
        # where a renderer would break between any two characters (a katakana word split).
        cells = tuple(tuple(TextFrame((written_breaks(
            sized.cells[r][j], (sized.columns[j] - 2 * CELL_INSET_X) / EMU_PER_PT, fonts,
            language),),
            anchor="bottom" if r == 0 else "top", inset=0)
            for j in range(len(data.header))) for r in picked)
        heights = tuple(sized.rows[r] for r in picked)
        rect = Rect(area.x, area.y, sum(sized.columns), sum(heights))
        alt = _alt_text(data, first - 1, last - 1, len(pages), words)
        drops = tuple(tuple(sized.drops[r]) for r in picked)
        tables.append(Table("table", rect, tuple(sized.columns), heights, cells, alt,
                            inset=(CELL_INSET_X, CELL_INSET_Y),
                            drops=drops if any(map(any, drops)) else ()))
    return tables, findings


def _cell(text: str, size: float, header: bool, right: bool, source: Source) -> Paragraph:
    run = Run(text, size, Colour("ink"), bold=header, source=source if text else ())
    return para(run, align="right" if right else "left")


def _pieces(paragraph: Paragraph, fonts: Mapping[str, str]
            ) -> list[tuple[str, bool, bool, str]]:
    return [(run.text, run.bold, run.italic, fonts.get(run.font, fonts["body"]))
            for run in paragraph.runs]


def _natural(paragraph: Paragraph, size: float, fonts: Mapping[str, str]) -> float:
    """The cell's text on one line, in points, with the room renderers need (LibreOffice's
    autospace between figures and a counter: "1,240件" was set as "1,240" / "件")."""
    text = "".join(r.text for r in paragraph.runs)
    return (styled_width_pt(_pieces(paragraph, fonts), size) + autospace_pt(text, size)) \
        / SAFETY + 1


def _narrowest(paragraph: Paragraph, size: float, fonts: Mapping[str, str],
               language: str = "") -> float:
    """The cell's widest unbroken piece (a word, a number with its unit, in Japanese and
    Chinese a phrase, in Thai a word), in points: the column cannot be narrower."""
    widest = 0.0
    for word in paragraph_words(paragraph, language):
        pieces = [(part, run.bold, run.italic, fonts.get(run.font, fonts["body"]))
                  for run, part in word]
        spaced = autospace_pt("".join(part for _, part in word), size)
        widest = max(widest, (styled_width_pt(pieces, size) + spaced) / SAFETY + 1)
    return widest


def _hyphenate_at(cells: Sequence[Sequence[Paragraph]], widths: Sequence[float],
                  fonts: Mapping[str, str], language: str) -> list[list[Paragraph]]:
    """The cells with every word wider than its column (`widths`, EMU, insets included)
    hyphenated by the language's dictionary; a word with no legal break stays whole."""
    def inner(width: float) -> float:  # the text width, as _narrowest measures it
        return ((width - 2 * CELL_INSET_X) / EMU_PER_PT - 1) * SAFETY

    return [[hyphenate(p, inner(widths[j]), language, fonts, _family)[0]
             for j, p in enumerate(row)] for row in cells]


def _hyphenated(cells: Sequence[Sequence[Paragraph]], width: Emu, fonts: Mapping[str, str],
                language: str) -> tuple[list[list[Paragraph]], list[Emu]] | None:
    """Cells and column widths for a table whose longest words do not fit side by side
    at the floor: the widest any word may be is the largest (in steps of HYPHEN_STEP) at
    which the hyphenated words fit; each cell is then hyphenated again at its
    column's final width, so a hyphen stands only where its line really ends. None when
    no hyphenation makes the columns fit (words with no legal break)."""
    def columns_at(cap: float) -> list[Emu] | None:
        capped = _hyphenate_at(cells, [cap] * len(cells[0]), fonts, language)
        return _column_widths(capped, width, FLOOR, fonts, language)

    # Down from the widest word in steps of a few points: a cap so small that no legal
    # break fits leaves words whole again, so the first cap that fits is taken, not the
    # smallest.
    widest = max(_narrowest(p, FLOOR, fonts, language) for row in cells for p in row
                 ) * EMU_PER_PT
    cap = widest + 2 * CELL_INSET_X
    columns = None
    while columns is None and cap > 2 * CELL_INSET_X + HYPHEN_STEP:
        cap -= HYPHEN_STEP
        columns = columns_at(cap)
    if columns is None:
        return None
    return _hyphenate_at(cells, columns, fonts, language), columns


def _family(font: str, fonts: Mapping[str, str]) -> str:
    return fonts.get(font, fonts["body"])


def _column_widths(cells: Sequence[Sequence[Paragraph]], width: Emu, size: float,
                   fonts: Mapping[str, str], language: str = "") -> list[Emu] | None:
    """Each column as wide as its longest cell on one line when the table fits so;
    otherwise the room shared out past each column's longest word, in proportion to
    what each still wants. None when even the longest words do not fit side by side."""
    pad = 2 * CELL_INSET_X
    count = len(cells[0])
    natural = [max(_natural(row[j], size, fonts) for row in cells) * EMU_PER_PT + pad
               for j in range(count)]
    least = [max(_narrowest(row[j], size, fonts, language) for row in cells) * EMU_PER_PT
             + pad
             for j in range(count)]
    if sum(least) > width:
        return None
    if sum(natural) <= width:
        target = max(sum(natural), NARROWEST * width)
        widths = [w * target / sum(natural) for w in natural]
    else:
        widths = _share(natural, least, width)
    rounded = [math.ceil(w) for w in widths]
    rounded[-1] += min(width, round(sum(widths))) - sum(rounded)
    return rounded


def _share(natural: Sequence[float], least: Sequence[float], width: float) -> list[float]:
    """Widths for columns that cannot all have their natural width: a column whose text
    fits its fair share of the room keeps one line (a short label is never wrapped to give
    a long column a few points); the others share what is left past their longest words,
    in proportion to what each still wants."""
    settled: dict[int, float] = {}
    while True:
        open_ = [j for j in range(len(natural)) if j not in settled]
        room = width - sum(settled.values())
        fair = room / len(open_)
        fitting = [j for j in open_ if natural[j] <= fair]
        if not fitting or len(fitting) == len(open_):
            break
        settled.update({j: natural[j] for j in fitting})
    spare = room - sum(least[j] for j in open_)
    if spare < 0:  # the short columns' full width would squeeze the others below a word
        settled, open_, spare = {}, list(range(len(natural))), width - sum(least)
    wants = {j: natural[j] - least[j] for j in open_}
    total = sum(wants.values()) or 1.0
    return [settled[j] if j in settled else least[j] + spare * wants[j] / total
            for j in range(len(natural))]


def _on_one_baseline(row: Sequence[Paragraph], size: float,
                     fonts: Mapping[str, str]) -> list[Emu]:
    """How much lower each of the row's cells starts so that their first lines share one
    baseline: a cell set in a script with a shorter ascent (Latin figures beside Arabic or
    Japanese labels) starts lower by the difference. Latin text is in its own family's
    ascent (a template's font may stand as tall as the labels' script)."""
    ascents = [script_ascent_pt("".join(r.text for r in p.runs), size,
                                fonts.get(p.runs[0].font, "Calibri") if p.runs else "Calibri")
               for p in row]
    top = max(ascents, default=0.0)
    return [round((top - a) * EMU_PER_PT) if top - a >= 0.5 else 0 for a in ascents]


def _row_height(row: Sequence[Paragraph], columns: Sequence[Emu],
                fonts: Mapping[str, str], drops: Sequence[Emu], language: str = "") -> Emu:
    # Each script's real line height: an Arabic or Japanese row is taller than a Latin one.
    tallest = max(d / EMU_PER_PT + text_height_pt([p], (w - 2 * CELL_INSET_X) / EMU_PER_PT,
                                                  fonts=fonts, scripts=True,
                                                  language=language)
                  for p, w, d in zip(row, columns, drops, strict=True))
    return round(tallest * EMU_PER_PT) + 2 * CELL_INSET_Y


def _sizes(top: float, bottom: float) -> list[float]:
    """Whole-point sizes from `top` down to `bottom`."""
    return [float(size) for size in range(int(top), int(bottom) - 1, -1)]


def _sure(sized: _Sized | None) -> _Sized:
    assert sized is not None, "a size at or below one whose columns fit fits too"
    return sized


def _split(count: int, pages: int) -> list[tuple[int, int]]:
    """Rows 1…count (0 is the header) in `pages` consecutive groups of nearly equal
    count, the larger first: (first, end) row indices."""
    size, extra = divmod(count, pages)
    groups, start = [], 1
    for page in range(pages):
        end = start + size + (1 if page < extra else 0)
        groups.append((start, end))
        start = end
    return groups


def _fits(rows: Sequence[Emu], pages: Sequence[tuple[int, int]], room: Emu) -> bool:
    """Whether every page, the header row repeated on each, fits `room`."""
    return all(rows[0] + sum(rows[a:b]) <= room for a, b in pages)


def _too_wide(data: TableData, area: Rect, source: Source, fonts: Mapping[str, str],
              language: str) -> Finding:
    """The error for a table whose columns cannot fit side by side at the floor size."""
    count = len(data.header)
    need = 0.0
    for j in range(count):
        texts = [data.header[j], *(row[j] for row in data.rows)]
        need += max(_narrowest(para(Run(t, FLOOR, bold=k == 0)), FLOOR, fonts, language)
                    for k, t in enumerate(texts)) * EMU_PER_PT + 2 * CELL_INSET_X
    return Finding(source,
                   f"{count} columns are too many to read: even at {FLOOR:g} pt their "
                   f"longest words need {need / 914_400:.1f} in, the slide has "
                   f"{area.w / 914_400:.1f} in; split the table in two or shorten the "
                   "longest words")


def _alt_text(data: TableData, first: int, last: int, pages: int,
              words: Strings = ENGLISH) -> str:
    """What a screen reader says for the table: its shape and its header (and which rows,
    when the table continues over slides). `first` and `last` are 0-based, `last` past
    the end."""
    rows, count = last - first, len(data.header)
    text = words("table_alt",
                 columns=words.count("table_columns", count),
                 header=words("list_separator").join(data.header),
                 rows=words.count("table_rows", rows))
    if pages > 1:
        text = words("table_alt_part", table=text, first=first + 1, last=last,
                     count=len(data.rows))
    return text


KIND = Kind("table", "Introduction", "diagram", plan_table_slide, own_key="table")
