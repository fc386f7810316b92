"""Generated slides are optional: `overview: false` leaves out the pipeline overview,
`stage_slides: false` the slide per stage (loops stay); a closing only when asked."""

from __future__ import annotations

import pytest

import aligndeck
from aligndeck.outline.loader import load_outline_text
from aligndeck.plan.deck import plan_deck

OUTLINE = """\
title: Status
{extra}stages:
  - {{name: Receive, summary: Goods in, points: [Dock 3 closed]}}
  - name: Ship
    summary: Goods out
    loop: {{title: Returns, steps: [Collect, Check, Restock]}}
"""


@pytest.mark.parametrize(("extra", "kinds", "warned"), [
    ("", ["title", "pipeline", "stage", "stage", "loop"], False),
    ("stage_slides: false\n", ["title", "pipeline", "loop"], True),
    ("overview: no\n", ["title", "stage", "stage", "loop"], False),
    ("overview: false\nstage_slides: false\n", ["title", "loop"], True),
    ("closing: {title: Thanks}\n", ["title", "pipeline", "stage", "stage", "loop",
                                    "closing"], False),
    ("closing: null\n", ["title", "pipeline", "stage", "stage", "loop"], False),
])
def test_generated_slides_can_be_left_out(extra: str, kinds: list[str], warned: bool) -> None:
    text = OUTLINE.format(extra=extra)
    plan = plan_deck(load_outline_text(text))
    assert [slide.kind for slide in plan.slides] == kinds
    warnings = aligndeck.check(text).warnings
    assert [(w.line, w.path, w.message) for w in warnings] == ([(
        3 + extra.count("\n"), "stages[0].points",
        "not shown: these points belong on the stage's own slide, and stage_slides is "
        "false")] if warned else [])


def test_stage_slides_must_be_yes_or_no() -> None:
    with pytest.raises(aligndeck.DeckError) as caught:
        aligndeck.check(OUTLINE.format(extra="stage_slides: some\n"))
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (2, "stage_slides")
