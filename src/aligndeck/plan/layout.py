"""Diagram geometry as pure functions: where boxes go and which sides arrows join, in EMU."""

from __future__ import annotations

import math
from collections.abc import Sequence

from aligndeck.plan.model import Arrow, Colour, Emu, Rect, Side


def row_rects(count: int, area: Rect, gap: Emu) -> list[Rect]:
    """`count` equal boxes side by side filling `area`'s width, `gap` apart."""
    width = (area.w - (count - 1) * gap) // count
    return [Rect(area.x + i * (width + gap), area.y, width, area.h) for i in range(count)]


def pipeline_rows(count: int, max_per_row: int) -> list[int]:
    """How many boxes go in each row: one row while it fits, else two balanced rows."""
    if count <= max_per_row:
        return [count]
    first = math.ceil(count / 2)
    return [first, count - first]


def pipeline_rects(count: int, area: Rect, gap: Emu, row_gap: Emu, max_per_row: int) -> list[Rect]:
    """Boxes for a pipeline of `count` stages, in flow order.

    One row left to right while `count <= max_per_row`; otherwise two rows where the flow
    turns down at the right end and runs right to left (a snake), so every arrow is straight
    and never crosses a box. Boxes are equal in size; the second row's boxes sit under the
    first row's columns.
    """
    rows = pipeline_rows(count, max_per_row)
    per_row = rows[0]
    height = (area.h - (len(rows) - 1) * row_gap) // len(rows)
    columns = row_rects(per_row, Rect(area.x, area.y, area.w, height), gap)
    rects = list(columns)
    if len(rows) == 2:
        y = area.y + height + row_gap
        for j in range(rows[1]):
            column = columns[per_row - 1 - j]
            rects.append(Rect(column.x, y, column.w, height))
    return rects


def snake_rects(count: int, area: Rect, gap: Emu, row_gap: Emu, rows: int) -> list[Rect]:
    """Boxes for a pipeline of `count` stages in `rows` rows, in flow order.

    Rows run left to right, then right to left, and so on (a snake): the flow turns down
    at each row's end, so every arrow is straight and never crosses a box. Every row but
    the last is full, so each row starts under the previous one's end; every box has the
    same size, under the first row's columns. More rows give wider boxes, for long names.
    """
    rows = max(1, min(rows, count))
    per_row = math.ceil(count / rows)
    rows = math.ceil(count / per_row)
    height = (area.h - (rows - 1) * row_gap) // rows
    columns = row_rects(per_row, Rect(area.x, area.y, area.w, height), gap)
    rects: list[Rect] = []
    left = count
    for row in range(rows):
        here = min(per_row, left)
        left -= here
        y = area.y + row * (height + row_gap)
        order = range(here) if row % 2 == 0 else range(per_row - 1, per_row - 1 - here, -1)
        rects += [Rect(columns[j].x, y, columns[j].w, height) for j in order]
    return rects


def facing_sides(a: Rect, b: Rect) -> tuple[Side, Side]:
    """The sides of `a` and `b` that face each other, for a straight arrow from a to b."""
    dx, dy = b.cx - a.cx, b.cy - a.cy
    horizontal_gap = max(b.x - a.right, a.x - b.right)
    vertical_gap = max(b.y - a.bottom, a.y - b.bottom)
    if horizontal_gap >= vertical_gap:
        return ("right", "left") if dx > 0 else ("left", "right")
    return ("bottom", "top") if dy > 0 else ("top", "bottom")


def connect(name: str, start: str, a: Rect, end: str, b: Rect, colour: Colour) -> Arrow:
    """An arrow glued from the facing side of box `start` (at a) to box `end` (at b)."""
    start_side, end_side = facing_sides(a, b)
    return connect_sides(name, start, a, start_side, end, b, end_side, colour)


def connect_sides(name: str, start: str, a: Rect, start_side: Side, end: str, b: Rect,
                  end_side: Side, colour: Colour) -> Arrow:
    """An arrow glued from the given side of box `start` (at a) to that of `end` (at b)."""
    return Arrow(
        name=name, start=start, start_side=start_side, end=end, end_side=end_side,
        begin=a.side_midpoint(start_side), finish=b.side_midpoint(end_side), colour=colour,
    )


def loop_rects(count: int, area: Rect, box_w: Emu, box_h: Emu) -> list[Rect]:
    """Boxes for a cycle of `count` steps on an ellipse inside `area`, clockwise.

    The first step starts half a step before 12 o'clock so that four steps sit at the
    corners of a rectangle (every arrow straight and level), three make a triangle with a
    level top, and six a hexagon. Two steps sit on a diagonal so their two arrows stay apart.
    """
    a = (area.w - box_w) / 2
    b = (area.h - box_h) / 2
    start = -135.0 if count == 2 else -90.0 - 180.0 / count
    rects = []
    for i in range(count):
        angle = math.radians(start + 360.0 * i / count)
        cx = area.x + area.w / 2 + a * math.cos(angle)
        cy = area.y + area.h / 2 + b * math.sin(angle)
        rects.append(Rect(round(cx - box_w / 2), round(cy - box_h / 2), box_w, box_h))
    return rects


def loop_arrows(rects: Sequence[Rect], colour: Colour) -> list[Arrow]:
    """The arrows of a cycle of boxes `loop-step-1..n`, each step to the next, last to first.

    Two steps sit on a diagonal; there each arrow leaves by its own pair of sides (1's
    right to 2's top, 2's left to 1's bottom) so the way there and the way back stay apart.
    """
    count = len(rects)
    if count == 2:
        return [
            connect_sides("loop-arrow-1-2", "loop-step-1", rects[0], "right",
                          "loop-step-2", rects[1], "top", colour),
            connect_sides("loop-arrow-2-1", "loop-step-2", rects[1], "left",
                          "loop-step-1", rects[0], "bottom", colour),
        ]
    return [
        connect(f"loop-arrow-{i}-{i % count + 1}", f"loop-step-{i}", rects[i - 1],
                f"loop-step-{i % count + 1}", rects[i % count], colour)
        for i in range(1, count + 1)
    ]


def grid_shape(count: int) -> tuple[int, int]:
    """Columns and rows of a balanced card grid for `count` cards (1 to 8)."""
    if count <= 3:
        return count, 1
    columns = math.ceil(count / 2)
    return columns, 2


def grid_rects(count: int, area: Rect, gap: Emu) -> list[Rect]:
    """`count` equal cards in a balanced grid filling `area`, row by row.

    A shorter last row is centred under the first, so the grid never looks ragged.
    """
    columns, rows = grid_shape(count)
    width = (area.w - (columns - 1) * gap) // columns
    height = (area.h - (rows - 1) * gap) // rows
    rects = []
    for index in range(count):
        row, column = divmod(index, columns)
        in_row = min(columns, count - row * columns)
        offset = (columns - in_row) * (width + gap) // 2
        rects.append(Rect(area.x + offset + column * (width + gap),
                          area.y + row * (height + gap), width, height))
    return rects
