"""Golden dumps of flowcharts: every chart in tests/flowcharts/ and every diagram of
tests/outlines/flowcharts.yaml, built into decks and dumped as readable text, one file each
in tests/golden/flowcharts/. A change to the flowchart layout shows up as a diff to review.

Everything is read back from the written .pptx (presets, boxes, glue, connector frames and
adjustments), except the connectors' planned corner points, which come from the very plan
`build` rendered (caught on its way to the writer). Regenerate on purpose only, then read
the diff before committing it:
ALIGNDECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_flowcharts.py
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

import aligndeck.render.pptx_writer as writer
from aligndeck.api import build
from aligndeck.errors import OutlineError
from aligndeck.plan.model import Arrow, DeckPlan, Diagram

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "flowcharts"
CHARTS = HERE / "flowcharts"
UPDATE = os.environ.get("ALIGNDECK_UPDATE_GOLDEN") == "1"

SKELETON = """\
title: Flowcharts
stages:
  - name: Pretraining
    summary: Predict the next token
comparison:
  prompt: How do I make bread?
  responses:
    - label: Raw model
      text: How do I make pasta?
    - label: Aligned model
      text: Mix flour, water, yeast and salt.
shortcomings:
  items:
    - title: Unfinished
      summary: Not a checkbox
extra:
"""


def chart_outline(chart: Path, folder: Path) -> Path:
    """A deck with the chart on its own `extra` slide, titled by the chart's file name."""
    body = textwrap.indent(chart.read_text(encoding="utf-8"), " " * 6)
    path = folder / f"{chart.stem}.yaml"
    path.write_text(f"{SKELETON}  - title: {chart.stem}\n    diagram: |\n{body}",
                    encoding="utf-8")
    return path


def _box(element: Any) -> str:
    xfrm = element.find(".//" + qn("a:xfrm"))
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    flags = [f"rot={xfrm.get('rot')}"] if xfrm.get("rot") else []
    flags += [flag for flag in ("flipH", "flipV") if xfrm.get(flag) == "1"]
    return f"{off.get('x')},{off.get('y')},{ext.get('cx')},{ext.get('cy')}" + \
        "".join(f" {flag}" for flag in flags)


def _text(element: Any) -> str:
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("a:t")))
                  for p in element.iter(qn("a:p"))]
    sizes = sorted({int(r.get("sz")) / 100 for r in element.iter(qn("a:rPr")) if r.get("sz")})
    size = "/".join(f"{s:g}" for s in sizes)
    return f" {size}pt {' | '.join(p for p in paragraphs if p)!r}" if any(paragraphs) else ""


def _points(arrow: Arrow) -> str:
    points = arrow.route or (arrow.begin, arrow.finish)
    return " ".join(f"({x},{y})" for x, y in points)


def dump_diagram(group: Any, planned: Diagram) -> list[str]:
    """The flowchart group's shapes in drawing order: containers, nodes, connectors (with
    the planned points of the same connector), labels."""
    ids = {sp.get("id"): sp.get("name") for sp in group.iter(qn("p:cNvPr"))}
    arrows = {arrow.name: arrow for arrow in planned.arrows}
    lines = [f"group {_box(group.find(qn('p:grpSpPr')))}"]
    for child in group:
        if child.tag == qn("p:sp"):
            name = child.find(".//" + qn("p:cNvPr")).get("name")
            preset = child.find(".//" + qn("a:prstGeom")).get("prst")
            lines.append(f"{name} {preset} {_box(child.find(qn('p:spPr')))}{_text(child)}")
        elif child.tag == qn("p:cxnSp"):
            name = child.find(".//" + qn("p:cNvPr")).get("name")
            spPr = child.find(qn("p:spPr"))
            preset = spPr.find(qn("a:prstGeom")).get("prst")
            adjust = "".join(f" {gd.get('name')}={gd.get('fmla').removeprefix('val ')}"
                             for gd in spPr.iter(qn("a:gd")))
            glue = " ".join(f"{end.tag.split('}')[1]}={ids[end.get('id')]}#{end.get('idx')}"
                            for end in child.iter(qn("a:stCxn"), qn("a:endCxn")))
            line = spPr.find(qn("a:ln"))
            ends = " ".join(f"{end.tag.split('}')[1]}={end.get('type')}"
                            for end in line.iter(qn("a:headEnd"), qn("a:tailEnd")))
            dash = " dash" if line.find(qn("a:prstDash")) is not None else ""
            lines.append(f"{name} {preset}{adjust} {_box(spPr)} {glue} w={line.get('w')} "
                         f"{ends}{dash}".rstrip())
            lines.append(f"  points {_points(arrows[name])}")
    return lines


def dump(deck: Path, plan: DeckPlan) -> dict[str, str]:
    """Each flowchart slide's dump, by its title."""
    presentation = Presentation(str(deck))
    out: dict[str, str] = {}
    for slide, planned in zip(presentation.slides, plan.slides, strict=True):
        diagrams = [e for e in planned.elements if isinstance(e, Diagram)
                    and e.name == "flowchart"]
        groups = [g for g in slide.shapes._spTree.iter(qn("p:grpSp"))
                  if g.find(".//" + qn("p:cNvPr")).get("name") == "flowchart"]
        if not diagrams:
            continue
        assert len(diagrams) == len(groups) == 1
        lines = [f"slide {slide.shapes.title.text!r}", *dump_diagram(groups[0], diagrams[0])]
        out[slide.shapes.title.text] = "\n".join(lines) + "\n"
    return out


def build_and_dump(outline: Path, out: Path, monkeypatch: pytest.MonkeyPatch
                   ) -> dict[str, str]:
    """Build `outline` as the CLI does, keeping the plan the writer was handed; an outline
    the build refuses dumps its errors instead (so a chart that starts or stops fitting
    the slide shows up too)."""
    seen: list[DeckPlan] = []
    render = writer.render_deck

    def spy(plan: DeckPlan, *args: Any) -> Any:
        seen.append(plan)
        return render(plan, *args)

    monkeypatch.setattr(writer, "render_deck", spy)
    try:
        build(outline, out)
    except OutlineError as error:
        return {"": "".join(f"{p.format(outline.name)}\n" for p in error.errors)}
    assert len(seen) == 1
    return dump(out, seen[0])


def _check(name: str, text: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden dump for {name}; make it: {__doc__.splitlines()[-1]}"
    assert text == golden.read_text(encoding="utf-8"), \
        f"the flowchart changed; if on purpose, regenerate: {__doc__.splitlines()[-1]}"


@pytest.mark.parametrize("name", sorted(p.stem for p in CHARTS.glob("*.mmd")))
def test_chart_matches_its_golden_dump(name: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    outline = chart_outline(CHARTS / f"{name}.mmd", tmp_path)
    dumps = build_and_dump(outline, tmp_path / f"{name}.pptx", monkeypatch)
    _check(name, "".join(dumps.values()))


def test_outline_diagrams_match_their_golden_dump(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    outline = HERE / "outlines" / "flowcharts.yaml"
    dumps = build_and_dump(outline, tmp_path / "f.pptx", monkeypatch)
    assert len(dumps) == outline.read_text(encoding="utf-8").count("diagram: |")
    _check("outline-flowcharts", "".join(dumps.values()))


def test_no_golden_dump_is_left_over() -> None:
    """A chart removed from the corpus takes its dump with it."""
    expected = {p.stem for p in CHARTS.glob("*.mmd")} | {"outline-flowcharts"}
    assert {p.stem for p in GOLDEN.glob("*.txt")} == expected
