"""Diagram geometry (aligndeck.plan.layout) as pure functions: tables plus hypothesis properties."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.plan import layout
from aligndeck.plan.layout import (
    connect,
    facing_sides,
    grid_rects,
    loop_rects,
    pipeline_rects,
    snake_rects,
)
from aligndeck.plan.model import Arrow, Colour, Rect, inches
from aligndeck.plan.theme import DEFAULT_THEME
from helpers import gap_between, on_side_midpoint, segment_hits_rect

GRID = DEFAULT_THEME.grid
CONTENT = Rect(GRID.margin, GRID.content_top, GRID.content_width,
               GRID.content_bottom - GRID.content_top)
MUTED = Colour("muted")

# The parameters plan_deck uses for its diagrams (see plan/slides/pipeline.py and loop.py).
PIPELINE_GAP, PIPELINE_ROW_GAP, PIPELINE_MAX_PER_ROW = inches(0.45), inches(0.5), 5
LOOP_AREA = Rect(GRID.margin + (GRID.content_width - inches(10.4)) // 2, GRID.content_top,
                 inches(10.4), GRID.content_bottom - GRID.content_top)

PROPERTY = settings(max_examples=60, deadline=None)


# ---- the test's own geometry --------------------------------------------------------------------

SQUARE = Rect(100, 100, 100, 100)


@pytest.mark.parametrize(
    ("p", "q", "hits"),
    [
        ((0, 150), (300, 150), True),  # straight through
        ((0, 0), (300, 300), True),  # diagonal through the corners
        ((150, 150), (160, 160), True),  # wholly inside
        ((0, 100), (300, 100), False),  # along the top edge
        ((0, 50), (300, 50), False),  # above
        ((0, 150), (100, 150), False),  # ends on the left edge
        ((200, 150), (300, 150), False),  # starts on the right edge
        ((0, 150), (150, 0), False),  # cuts the corner's outside
        ((0, 200), (200, 0), False),  # touches the corner (100, 100) only
        ((0, 250), (250, 0), True),  # cuts the corner off
        ((0, 300), (300, 0), True),  # the other diagonal
        ((100, 0), (100, 300), False),  # along the left edge
    ],
)
def test_segment_hits_rect(p: tuple[int, int], q: tuple[int, int], hits: bool) -> None:
    assert segment_hits_rect(p, q, SQUARE) is hits
    assert segment_hits_rect(q, p, SQUARE) is hits


# ---- pipeline ---------------------------------------------------------------------------------

def check_pipeline(rects: list[Rect], count: int, area: Rect, max_per_row: int) -> None:
    assert len(rects) == count
    for rect in rects:
        assert rect.w > 0 and rect.h > 0
        assert area.contains(rect), (rect, area)
    assert len({(r.w, r.h) for r in rects}) == 1, "boxes differ in size"
    for a, b in itertools.combinations(rects, 2):
        assert not a.overlaps(b), (a, b)
    first = count if count <= max_per_row else math.ceil(count / 2)
    row1, row2 = rects[:first], rects[first:]
    assert len({r.y for r in row1}) == 1
    for a, b in itertools.pairwise(row1):
        assert a.right < b.x, "row 1 must run strictly left to right"
    if not row2:
        return
    assert len(row2) <= len(row1) and len(row1) - len(row2) <= 1, "rows are not balanced"
    assert len({r.y for r in row2}) == 1
    assert row2[0].y >= row1[0].bottom, "row 2 must sit beneath row 1"
    assert row2[0].x == row1[-1].x, "the flow turns down at the right end"
    for a, b in itertools.pairwise(row2):
        assert b.right < a.x, "row 2 must run strictly right to left"
    columns = {r.x for r in row1}
    assert all(r.x in columns for r in row2), "row 2 boxes sit under row 1's columns"


def pipeline_arrows(rects: list[Rect]) -> list[Arrow]:
    return [connect(f"arrow-{i}-{i + 1}", f"stage-{i}", rects[i - 1], f"stage-{i + 1}",
                    rects[i], MUTED) for i in range(1, len(rects))]


def check_arrows(rects: list[Rect], arrows: list[Arrow], pairs: list[tuple[int, int]]) -> None:
    """Each arrow joins boxes pairs[k] (0-based) at side midpoints, clear of every box."""
    assert len(arrows) == len(pairs)
    for arrow, (i, j) in zip(arrows, pairs, strict=True):
        a, b = rects[i], rects[j]
        assert arrow.begin == a.side_midpoint(arrow.start_side), arrow
        assert arrow.finish == b.side_midpoint(arrow.end_side), arrow
        assert on_side_midpoint(arrow.begin, a) and on_side_midpoint(arrow.finish, b)
        assert arrow.begin != arrow.finish, "an arrow of zero length"
        # It leaves its start and enters its end from outside: the sides face each other.
        for k, rect in enumerate(rects):
            assert not segment_hits_rect(arrow.begin, arrow.finish, rect), (
                f"{arrow.name} from box {i + 1} to {j + 1} crosses box {k + 1}")


@pytest.mark.parametrize("count", range(1, 9))
def test_pipeline_rects_deck_parameters(count: int) -> None:
    area = Rect(CONTENT.x, CONTENT.y, CONTENT.w, inches(4.2))
    rects = pipeline_rects(count, area, PIPELINE_GAP, PIPELINE_ROW_GAP, PIPELINE_MAX_PER_ROW)
    check_pipeline(rects, count, area, PIPELINE_MAX_PER_ROW)
    arrows = pipeline_arrows(rects)
    check_arrows(rects, arrows, [(i, i + 1) for i in range(count - 1)])
    for arrow in arrows:
        # Straight: level within a row, plumb where the flow turns down.
        assert arrow.begin[0] == arrow.finish[0] or arrow.begin[1] == arrow.finish[1], arrow


@PROPERTY
@given(
    count=st.integers(1, 8),
    x=st.integers(0, inches(1)),
    y=st.integers(0, inches(2)),
    w=st.integers(inches(6), inches(13)),
    h=st.integers(inches(1), inches(5.5)),
    gap=st.integers(inches(0.1), inches(0.6)),
    row_gap=st.integers(inches(0.1), inches(0.8)),
    max_per_row=st.integers(1, 8),
)
def test_pipeline_rects_property(count: int, x: int, y: int, w: int, h: int, gap: int,
                                 row_gap: int, max_per_row: int) -> None:
    area = Rect(x, y, w, h)
    rects = pipeline_rects(count, area, gap, row_gap, max_per_row)
    check_pipeline(rects, count, area, max_per_row)
    check_arrows(rects, pipeline_arrows(rects), [(i, i + 1) for i in range(count - 1)])


# ---- facing sides -----------------------------------------------------------------------------

A = Rect(1000, 1000, 400, 300)


@pytest.mark.parametrize(
    ("b", "sides"),
    [
        (Rect(1600, 1000, 400, 300), ("right", "left")),  # level, to the right
        (Rect(200, 1000, 400, 300), ("left", "right")),  # level, to the left
        (Rect(1000, 1500, 400, 300), ("bottom", "top")),  # straight below
        (Rect(1000, 400, 400, 300), ("top", "bottom")),  # straight above
        (Rect(2000, 1400, 400, 300), ("right", "left")),  # below right, wider apart in x
        (Rect(1100, 1900, 400, 300), ("bottom", "top")),  # below right, wider apart in y
        (Rect(100, 300, 400, 300), ("left", "right")),  # above left, wider apart in x
        (Rect(900, 200, 400, 300), ("top", "bottom")),  # above left, wider apart in y
    ],
)
def test_facing_sides(b: Rect, sides: tuple[str, str]) -> None:
    assert facing_sides(A, b) == sides
    assert facing_sides(b, A) == sides[::-1], "the way back uses the same two sides"
    arrow = connect("arrow", "a", A, "b", b, MUTED)
    assert (arrow.start, arrow.end) == ("a", "b")
    assert (arrow.start_side, arrow.end_side) == sides
    assert arrow.begin == A.side_midpoint(sides[0])
    assert arrow.finish == b.side_midpoint(sides[1])
    assert arrow.colour == MUTED
    assert not segment_hits_rect(arrow.begin, arrow.finish, A)
    assert not segment_hits_rect(arrow.begin, arrow.finish, b)


# ---- loop -------------------------------------------------------------------------------------

def loop_arrows(rects: list[Rect]) -> list[Arrow]:
    return layout.loop_arrows(rects, MUTED)


def check_loop(rects: list[Rect], count: int, area: Rect, box_w: int, box_h: int,
               min_gap: int) -> None:
    assert len(rects) == count
    for rect in rects:
        assert (rect.w, rect.h) == (box_w, box_h)
        assert area.contains(rect), (rect, area)
    for a, b in itertools.combinations(rects, 2):
        assert gap_between(a, b) >= min_gap, (a, b, gap_between(a, b))
    # Clockwise once around the centre (y grows downwards, so clockwise = angle increasing).
    angles = [math.atan2(r.cy - area.cy, r.cx - area.cx) for r in rects]
    turns = [(b - a) % (2 * math.pi) for a, b in itertools.pairwise([*angles, angles[0]])]
    assert all(0 < t < math.pi * 1.01 for t in turns), turns
    assert math.isclose(sum(turns), 2 * math.pi, rel_tol=1e-6)
    check_arrows(rects, loop_arrows(rects), [(i, (i + 1) % count) for i in range(count)])


def loop_box(count: int) -> tuple[int, int]:
    return (inches(3.3), inches(1.25)) if count <= 4 else (inches(2.7), inches(1.05))


@pytest.mark.parametrize("count", range(2, 7))
def test_loop_rects_deck_parameters(count: int) -> None:
    box_w, box_h = loop_box(count)
    rects = loop_rects(count, LOOP_AREA, box_w, box_h)
    check_loop(rects, count, LOOP_AREA, box_w, box_h, min_gap=inches(0.25))


@pytest.mark.parametrize("count", range(2, 7))
def test_loop_arrows_do_not_share_a_segment(count: int) -> None:
    rects = loop_rects(count, LOOP_AREA, *loop_box(count))
    segments = [frozenset((a.begin, a.finish)) for a in loop_arrows(rects)]
    assert len(set(segments)) == len(segments), segments


@PROPERTY
@given(
    count=st.integers(2, 6),
    x=st.integers(0, inches(1)),
    y=st.integers(0, inches(2)),
    w=st.integers(inches(6), inches(12.2)),
    h=st.integers(inches(3), inches(5.5)),
    w_ratio=st.floats(0.15, 0.3),
    h_ratio=st.floats(0.1, 0.22),
)
def test_loop_rects_property(count: int, x: int, y: int, w: int, h: int, w_ratio: float,
                             h_ratio: float) -> None:
    area = Rect(x, y, w, h)
    box_w, box_h = round(w * w_ratio), round(h * h_ratio)
    rects = loop_rects(count, area, box_w, box_h)
    check_loop(rects, count, area, box_w, box_h, min_gap=inches(0.1))


# ---- grid -------------------------------------------------------------------------------------

def check_grid(rects: list[Rect], count: int, area: Rect, gap: int) -> None:
    assert len(rects) == count
    assert len({(r.w, r.h) for r in rects}) == 1, "cards differ in size"
    for rect in rects:
        assert rect.w > 0 and rect.h > 0
        assert area.contains(rect), (rect, area)
    for a, b in itertools.combinations(rects, 2):
        assert gap_between(a, b) >= gap, (a, b)
    rows: dict[int, list[Rect]] = {}
    for rect in rects:
        rows.setdefault(rect.y, []).append(rect)
    sizes = [len(rows[y]) for y in sorted(rows)]
    assert len(sizes) <= 2, sizes
    assert max(sizes) - min(sizes) <= 1, f"unbalanced rows {sizes}"
    assert sizes == sorted(sizes, reverse=True), "the shorter row comes last"
    # Row by row, left to right, and every row centred in the area (to rounding).
    assert rects == sorted(rects, key=lambda r: (r.y, r.x))
    for row in rows.values():
        left, right = row[0].x - area.x, area.right - row[-1].right
        assert 0 <= right - left <= 10, (left, right)  # floor division leaves a few EMU over
        if len(row) == sizes[0]:
            assert left == 0, "a full row starts at the area's left edge"


@pytest.mark.parametrize("count", range(1, 9))
def test_grid_rects_deck_parameters(count: int) -> None:
    gap = inches(0.3)
    check_grid(grid_rects(count, CONTENT, gap), count, CONTENT, gap)


@PROPERTY
@given(
    count=st.integers(1, 8),
    x=st.integers(0, inches(1)),
    y=st.integers(0, inches(2)),
    w=st.integers(inches(6), inches(13)),
    h=st.integers(inches(2), inches(5.5)),
    gap=st.integers(inches(0.1), inches(0.5)),
)
def test_grid_rects_property(count: int, x: int, y: int, w: int, h: int, gap: int) -> None:
    area = Rect(x, y, w, h)
    check_grid(grid_rects(count, area, gap), count, area, gap)


@pytest.mark.parametrize("rows", [1, 2, 3, 4])
@pytest.mark.parametrize("count", range(1, 9))
def test_snake_rects_any_number_of_rows(count: int, rows: int) -> None:
    """More rows, wider boxes: every arrow straight, joining neighbours, crossing no box."""
    area = Rect(CONTENT.x, CONTENT.y, CONTENT.w, inches(4.6))
    rects = snake_rects(count, area, PIPELINE_GAP, PIPELINE_ROW_GAP, rows)
    assert len(rects) == count
    assert len({(r.w, r.h) for r in rects}) == 1
    assert all(area.contains(r) for r in rects)
    per_row = -(-count // rows)
    assert len({r.y for r in rects}) == -(-count // per_row)
    wider = snake_rects(count, area, PIPELINE_GAP, PIPELINE_ROW_GAP, rows + 1)
    assert wider[0].w >= rects[0].w
    arrows = pipeline_arrows(rects)
    check_arrows(rects, arrows, [(i, i + 1) for i in range(count - 1)])
    for arrow in arrows:
        assert arrow.begin[0] == arrow.finish[0] or arrow.begin[1] == arrow.finish[1], arrow
