"""The flowchart corpus (tests/flowcharts/corpus/, real charts from public sources) planned as
diagram slides and held to issue 22's targets, chart by chart:

- builds: the chart is drawn (Mermaid draws every one of them);
- text: its smallest text is 9 pt or more;
- through: no connector passes through a box other than its ends;
- overlaps: no two connectors share a stretch of line between different ends (links on
  one stem out of, or into, one side of a box are a trunk, measured but no target);
- crossings: no more crossings than the better of Mermaid's two layouts (dagre, ELK) of the
  same chart, as bench/mermaid_measure.py measured them (bench/data/mermaid-layouts.json);
- first: the first node stands at the start of the flow;
- drawn through, drawn overlaps: the same two as LibreOffice 7.4 draws the chart (every
  Z elbow's middle halfway, whatever its adj1 says: `as_libreoffice`); tests/test_flowdrawn.py
  reads LibreOffice's own rendering of the charts where it went wrong.

What the layout does not meet today is listed in TODAY, chart by chart and target by target,
and those cases are strict xfails: when the layout improves and one starts to pass, the test
fails until its line is taken out of TODAY. The metrics are tests/flowmetrics.py (the same
module bench/flowcharts.py prints the corpus table with); their own cases are at the end.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from flowmetrics import (
    TARGETS,
    Box,
    Drawing,
    Link,
    Planned,
    as_libreoffice,
    bends,
    crossings,
    first_at_start,
    flow_start,
    misses,
    overlaps,
    plan_chart,
    through_boxes,
)

HERE = Path(__file__).parent
CORPUS = HERE / "flowcharts" / "corpus"
MERMAID = HERE.parent / "bench" / "data" / "mermaid-layouts.json"
CHARTS = sorted(p.stem for p in CORPUS.glob("*.mmd"))
TODAY: dict[str, dict[str, str]] = {}
"""What each chart misses today: chart -> target -> why (the xfail's reason)."""


@cache
def planned(chart: str) -> Planned:
    return plan_chart((CORPUS / f"{chart}.mmd").read_text(encoding="utf-8"))


@cache
def mermaid() -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = json.loads(
        MERMAID.read_text(encoding="utf-8"))["charts"]
    return data


def best_mermaid_crossings(chart: str) -> int:
    """The fewer crossings of Mermaid's two layouts of `chart` (0 when it draws neither)."""
    rows = mermaid()[chart]
    counts = [int(str(r["crossings"])) for r in rows.values() if r.get("rendered")]
    return min(counts, default=0)


def cases() -> list[object]:
    out: list[object] = []
    for chart in CHARTS:
        for target in TARGETS:
            why = TODAY.get(chart, {}).get(target)
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            out.append(pytest.param(chart, target, marks=marks, id=f"{chart}-{target}"))
    return out


def test_corpus_has_forty_charts_each_with_its_source() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert len(CHARTS) >= 40
    assert [c for c in CHARTS if f"| {c}.mmd |" not in sources] == []


def test_every_chart_was_measured_in_mermaid() -> None:
    assert sorted(mermaid()) == CHARTS, "run bench/mermaid_measure.py for the new charts"


def test_today_names_only_corpus_charts_and_targets() -> None:
    assert set(TODAY) <= set(CHARTS)
    assert {t for missed in TODAY.values() for t in missed} <= set(TARGETS)


@pytest.mark.parametrize(("chart", "target"), cases())
def test_corpus_chart_meets_target(chart: str, target: str) -> None:
    missed = misses(planned(chart), best_mermaid_crossings(chart))
    assert target not in missed, missed[target]


# ---- the metrics themselves, on drawings made by hand (units: points) ------------------

def _box(name: str, x: float, y: float, w: float = 20, h: float = 10) -> Box:
    return Box(name, x, y, w, h)


A, B, C, D = _box("a", 0, 0), _box("b", 100, 0), _box("c", 0, 100), _box("d", 100, 100)


@pytest.mark.parametrize(("links", "expected"), [
    # two diagonals of a square cross once
    ([Link("a", "d", ((20, 10), (100, 100))), Link("b", "c", ((100, 10), (20, 100)))], 1),
    # a branch off a shared trunk touches it with a corner: no crossing
    ([Link("a", "b", ((20, 5), (100, 5))),
      Link("a", "d", ((20, 5), (60, 5), (60, 105), (100, 105)))], 0),
    # links meeting at the box they share do not cross there
    ([Link("a", "b", ((20, 5), (100, 5))), Link("c", "b", ((20, 100), (100, 5)))], 0),
    # an orthogonal link crosses a straight one where its middle leg runs across it
    ([Link("a", "b", ((20, 50), (100, 50))),
      Link("c", "d", ((10, 100), (10, 30), (50, 30), (50, 70), (100, 70)))], 1),
])
def test_crossings_count_points_where_links_cross(links: list[Link], expected: int) -> None:
    assert crossings(Drawing((A, B, C, D), tuple(links))) == expected


@pytest.mark.parametrize(("points", "expected"), [
    (((20, 5), (100, 5)), 0),             # a to b, beside m
    (((20, 55), (100, 55)), 1),           # straight through m
    (((20, 40), (100, 40)), 0),           # along m's top side: touching is not passing
    (((20, 45), (40, 45), (40, 5), (100, 5)), 0),
])
def test_through_boxes_counts_boxes_a_link_passes_through(
        points: tuple[tuple[float, float], ...], expected: int) -> None:
    m = Box("m", 50, 40, 30, 30)
    assert through_boxes(Drawing((A, B, m), (Link("a", "b", points),))) == expected


@pytest.mark.parametrize(("second", "expected"), [
    (((100, 50), (0, 50)), 1),            # the same line, the other way
    (((0, 50.3), (60, 50.3)), 1),         # a third of a point apart: one line on a slide
    (((0, 52), (60, 52)), 0),             # two points apart: two lines
    (((49, 0), (49, 100)), 0),            # crossing, not overlapping
    (((99, 50), (101, 50)), 0),           # shorter than 2 pt
])
def test_overlaps_count_pairs_of_links_sharing_a_stretch(
        second: tuple[tuple[float, float], ...], expected: int) -> None:
    drawing = Drawing((), (Link("a", "b", ((0, 50), (100, 50))), Link("c", "d", second)))
    assert overlaps(drawing) == expected


@pytest.mark.parametrize(("points", "expected"), [
    (((0, 0), (10, 0)), 0),
    (((0, 0), (10, 0), (10, 10)), 1),
    (((0, 0), (10, 0), (10, 10), (20, 10)), 2),
    (((0, 0), (10, 0), (20, 0.5)), 0),    # under 10 degrees: not a bend
    (((0, 0), (10, 0), (10, 0), (10, 10)), 1),
])
def test_bends_count_corners(points: tuple[tuple[float, float], ...], expected: int) -> None:
    assert bends(Drawing((), (Link("a", "b", points),))) == expected


@pytest.mark.parametrize(("direction", "first", "expected"), [
    ("TB", "a", True), ("TB", "c", False), ("BT", "c", True), ("LR", "a", True),
    ("LR", "b", False), ("RL", "b", True), ("TB", "z", None),
])
def test_first_at_start_means_nothing_lies_before_it(direction: str, first: str,
                                                      expected: bool | None) -> None:
    assert first_at_start(Drawing((A, B, C, D), ()), first, direction) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("flowchart LR\n  a --> b --> c", "a"),
    ("flowchart LR\n  b --> c\n  a --> b", "a"),            # written second, starts the flow
    ("flowchart LR\n  a --> b --> c --> a", "a"),             # one loop: the first written
    ("flowchart LR\n  x --> a --> b --> a", "x"),
    # the group's first node is written first, but a link leads into the group
    ("flowchart LR\n  subgraph g\n    i --> f\n  end\n  A --> g --> B", "A"),
    ("flowchart LR\n  subgraph g\n    i --> f\n  end\n  o --> i", "o"),
    ("flowchart LR\n  subgraph g\n    i --> f\n  end\n  f --> o", "i"),
])
def test_flow_start_is_the_first_node_nothing_leads_into(text: str, expected: str) -> None:
    from aligndeck.outline.mermaid import parse_flowchart

    assert flow_start(parse_flowchart(text)) == expected


@pytest.mark.parametrize(("points", "seen"), [
    # Across first, its upright middle at a tenth of the way: drawn halfway.
    (((0, 0), (10, 0), (10, 50), (100, 50)), ((0, 0), (50, 0), (50, 50), (100, 50))),
    # Down first, its middle low: drawn halfway down.
    (((0, 0), (0, 90), (60, 90), (60, 100)), ((0, 0), (0, 50), (60, 50), (60, 100))),
    # A straight line and an L have no middle to move.
    (((0, 0), (100, 0)), ((0, 0), (100, 0))),
    (((0, 0), (0, 40), (80, 40)), ((0, 0), (0, 40), (80, 40))),
])
def test_libreoffice_draws_a_z_elbows_middle_halfway(
        points: tuple[tuple[float, float], ...], seen: tuple[tuple[float, float], ...]) -> None:
    drawing = Drawing((), (Link("a", "b", points),))
    assert as_libreoffice(drawing).links[0].points == seen


def test_a_link_routed_round_a_box_runs_through_it_as_libreoffice_draws_it() -> None:
    # The plan bends late, past box c; LibreOffice bends halfway, through it.
    drawing = Drawing((Box("a", 0, 0, 10, 10), Box("c", 40, 20, 20, 20),
                       Box("b", 100, 40, 10, 10)),
                      (Link("a", "b", ((10, 5), (80, 5), (80, 45), (100, 45))),))
    assert through_boxes(drawing) == 0
    assert through_boxes(as_libreoffice(drawing)) == 1


@pytest.mark.parametrize("text", [
    # A side input written before the chain it feeds starts the flow (corpus chart 10 in
    # small): it stands first, not just before the box it feeds.
    "flowchart LR\n  c --> d\n  s --> d\n  a --> b --> c\n",
    "flowchart TD\n  c[Check] --> d[Done]\n  s[Side input] --> d\n  a[Ask] --> b[Build] --> c\n",
])
def test_a_side_input_written_first_stands_at_the_flows_start(text: str) -> None:
    chart = plan_chart(text)
    metrics = chart.metrics()
    assert metrics is not None
    assert metrics.first_at_start
