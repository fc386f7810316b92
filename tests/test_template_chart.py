"""A chart's text on a template: its value labels, categories and legend are coloured
against what the layout draws under the chart (a gradient's dark end, a photo), as other
text is (plan/contrast.py); where no colour of the scheme reads on all of it, a page panel
goes behind the chart. On the made banded template the all-hands talk's "640 deploys"
was black on navy (2 words under 3:1); the chart now stands on a panel."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation

from aligndeck import api
from aligndeck.api import Design
from aligndeck.outline.loader import load_located_text
from aligndeck.plan.backdrop import Backdrop
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.lint import layout_colours
from aligndeck.plan.model import Box, Chart, Colour
from aligndeck.plan.theme import DEFAULT_THEME, Frames, Theme, contrast_ratio
from made_templates import DRAWN, write_all

OUTLINE = """\
title: Charts
stages: [{name: A, summary: a}]
comparison: {prompt: p, responses: [{label: a, text: b}, {label: c, text: d}]}
shortcomings: {items: [{title: t, summary: s}]}
intro:
  - title: Deploys per week
    chart: {type: bar, categories: [Q1, Q2, Q3, Q4], unit: deploys,
            series: [{name: Deploys, values: [310, 420, 515, 640]}]}
"""


def painted(theme: Theme, cells: list[tuple[int, int, int]]) -> Theme:
    """`theme` with every layout drawn as `cells` repeated over a 64 x 36 grid."""
    columns, rows = 64, 36
    pixels = bytes(v for i in range(columns * rows) for v in cells[i % len(cells)])
    backdrop = Backdrop(theme.grid.width, theme.grid.height, columns, rows, pixels)
    frames = Frames(*(replace(theme.frame(family), backdrop=backdrop)
                      for family in ("cover", "content", "diagram")))
    return replace(theme, frames=frames)


def chart_slide(theme: Theme) -> Any:
    outline, _ = load_located_text(OUTLINE)
    plan = plan_deck(outline, theme)
    return next(s for s in plan.slides if any(isinstance(e, Chart) for e in s.elements))


# each: what the layout draws, the chart's text colour, whether a panel goes behind it
BACKGROUNDS = [
    pytest.param(None, Colour("ink"), False, id="house-design-unchanged"),
    pytest.param([(20, 30, 70), (30, 40, 90)], Colour("background"), False,
                 id="navy-light-text"),
    pytest.param([(250, 250, 250), (235, 235, 240)], Colour("ink"), False,
                 id="light-picture-dark-text"),
    pytest.param([(0, 0, 0), (255, 255, 255)], Colour("ink"), True, id="stripes-panel"),
]


@pytest.mark.parametrize(("cells", "ink", "panel"), BACKGROUNDS)
def test_chart_text_is_coloured_against_the_layout(
        cells: list[tuple[int, int, int]] | None, ink: Colour, panel: bool) -> None:
    theme = DEFAULT_THEME if cells is None else painted(DEFAULT_THEME, cells)
    slide = chart_slide(theme)
    chart = next(e for e in slide.elements if isinstance(e, Chart))
    names = [e.name for e in slide.elements]
    assert chart.ink == ink
    assert ("chart-scrim" in names) == panel
    if panel:
        scrim = slide.elements[names.index("chart-scrim")]
        assert isinstance(scrim, Box) and scrim.rect == chart.rect
        assert names.index("chart-scrim") < names.index(chart.name)
        return
    under = layout_colours(theme, slide, chart.rect) or (theme.hex(Colour("background")),)
    for colour in (chart.ink, chart.muted):  # the labels are 18 pt: large text
        assert min(contrast_ratio(theme.hex(colour), u) for u in under) >= 3.0


def test_banded_template_chart_labels_stand_on_a_panel(tmp_path: Path) -> None:
    templates = write_all(tmp_path / "made", {"banded.pptx": DRAWN["banded.pptx"]})
    outline = tmp_path / "charts.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    result = api.build(outline, tmp_path / "charts.pptx",
                       design=Design(template=templates["banded.pptx"]))
    slide = next(s for s in Presentation(str(result.path)).slides
                 if any(sh.has_chart for sh in s.shapes))
    names = [sh.name for sh in slide.shapes]
    chart = next(sh for sh in slide.shapes if sh.has_chart)
    assert "chart-scrim" in names and names.index("chart-scrim") < names.index(chart.name)
    scrim = slide.shapes[names.index("chart-scrim")]
    assert (scrim.left, scrim.top, scrim.width, scrim.height) == (
        chart.left, chart.top, chart.width, chart.height)
    assert etree.tostring(scrim._element).count(b"solidFill") >= 1
