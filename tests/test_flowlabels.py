"""Long link labels set on balanced lines (plan/flow/labels.py): a sentence on a link takes a
small block beside it, not a channel as wide as the sentence, so a chart that would have
been cut over slides for one long label fits one slide."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from aligndeck.outline.flowgraph import Label, Span
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart, plan_flowchart_parts
from aligndeck.plan.flow.labels import MEASURE, balanced_labels
from aligndeck.plan.model import Finding, Rect
from aligndeck.plan.text import CALIBRI_FONTS, text_width_pt

FONTS = dict(CALIBRI_FONTS)
RELEASE_LR = (Path(__file__).parent / "flowcharts" / "corpus" / "40-release-flow-lr.mmd"
              ).read_text(encoding="utf-8")
SMALL = Rect(457200, 1246109, 8229600, 3440191)
"""The diagram area of a real 16:9 template 10 in wide (648 × 271 pt): a quarter smaller
than the house design's."""


def _label(text: str) -> Label:
    chart = parse_flowchart(f"flowchart LR\n  a -->|{text}| b\n")
    edge = balanced_labels(chart, FONTS).edges[0]
    assert edge.label is not None
    return edge.label


def _lines(label: Label) -> list[str]:
    return ["".join(s.text for s in line) for line in label.lines]


def _ems(line: str) -> float:
    return text_width_pt(line, 10.0, font="Calibri") / 10.0


@pytest.mark.parametrize(("text", "lines"), [
    ("Yes", ["Yes"]),
    ("open an incident, then fix", ["open an incident, then fix"]),
    ("No: the failing test is named in the review",
     ["No: the failing test is", "named in the review"]),
    ("the reviewer asks for changes and the author pushes a new commit to the branch",
     ["the reviewer asks for changes", "and the author pushes a",
      "new commit to the branch"]),
    ("Supercalifragilisticexpialidocious-and-then-some-more-words-joined", None),
])
def test_a_long_label_is_set_on_the_fewest_balanced_lines(text: str,
                                                          lines: list[str] | None) -> None:
    found = _lines(_label(text))
    assert " ".join(found) == text  # nothing lost, spaces only where they were
    if lines is None:  # one word: nowhere to break, kept whole
        assert found == [text]
        return
    assert found == lines
    if len(found) > 1:
        assert all(_ems(line) <= MEASURE for line in found)
        # Even: no word moved to a neighbouring line makes the lines more even.
        def spread(lines: list[str]) -> float:
            return sum(_ems(line) ** 2 for line in lines)

        for n, (upper, lower) in enumerate(pairwise(found)):
            first, _, rest = lower.partition(" ")
            head, _, last = upper.rpartition(" ")
            for moved in ([*found[:n], f"{upper} {first}", rest, *found[n + 2:]],
                          [*found[:n], head, f"{last} {lower}", *found[n + 2:]]):
                if all(moved) and max(_ems(line) for line in moved) <= MEASURE:
                    assert spread(moved) >= spread(found)


def test_bold_and_italic_pieces_keep_their_style_across_the_break() -> None:
    label = _label('"`**No:** the failing test is named in the *review* by the bot`"')
    assert [[(s.text, s.bold, s.italic) for s in line] for line in label.lines] == [
        [("No:", True, False), (" the failing test is named", False, False)],
        [("in the", False, False), (" review", False, True), (" by the bot", False, False)],
    ]


def test_lines_the_writer_broke_are_each_balanced_on_their_own() -> None:
    label = _label("short<br>the second line of this label is much longer than the first one")
    found = _lines(label)
    assert found[0] == "short" and len(found) == 3
    assert Label(((Span("short"),),)).lines[0] == label.lines[0]


def test_the_release_flow_fits_one_slide_of_a_smaller_template() -> None:
    # Its one long label ("No: the failing test is named in the review") on one line made
    # the chart too wide for every one-slide layout: it was cut over seven slides. (Set on
    # balanced lines it fitted at 10 pt; wrapped with its roll-out chain in a column of its
    # own, it fits at 12 with the label as written.)
    findings: list[Finding] = []
    parts = plan_flowchart_parts(RELEASE_LR, ("d",), SMALL, FONTS, 0, findings)
    assert len(parts) == 1 and parts[0].size >= 12


def test_a_long_label_set_on_balanced_lines_when_that_gives_larger_text() -> None:
    text = ("flowchart LR\n  a[Draft] -->|No: the failing test is named in the review| "
            "b[Back to author]\n  b --> c[Fix] --> d[Merge]\n")
    planned = plan_flowchart(text, ("d",), SMALL, FONTS, 0, [])
    assert planned is not None and planned.size >= 15
    frame = {b.name: b for b in planned.diagram.labels}["edge-label-a-b"].frame
    assert frame is not None and len(frame.paragraphs) == 2


def test_a_label_kept_on_one_line_when_that_gives_larger_text() -> None:
    # A loop whose labels run along its legs: one line each reads larger; the balanced
    # lines are only a second try.
    text = ("flowchart LR\n  a[Draft] -->|the reviewer reads every line of the change| "
            "b[Review]\n  b --> c[Merge]\n")
    one = plan_flowchart(text, ("d",), SMALL, FONTS, 0, [])
    assert one is not None
    frame = {b.name: b for b in one.diagram.labels}["edge-label-a-b"].frame
    assert frame is not None and len(frame.paragraphs) == 1
