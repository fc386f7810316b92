"""Ports: a link into the side of a box that its edge back leaves by comes in at a site of
its own (plan/flow/ports.py), which the deck adds to that box's geometry (render/sites.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from aligndeck.api import build
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.ports import ported
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS
from aligndeck.render.sites import extra_sites, glued_site

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(4.7))
CORPUS = Path(__file__).parent / "flowcharts" / "corpus"
KEYS = (CORPUS / "43-link-target-next-line.mmd").read_text(encoding="utf-8")
"""R's edge back leaves by its left, where Transport's link comes in; Abort below blocks
every side entry."""
GETTING_STARTED = (CORPUS / "02-mermaid-getting-started.mmd").read_text(encoding="utf-8")
"""E's edge back leaves by its top, where C's link comes in; D beside it blocks its side."""
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.mark.parametrize(("text", "into", "back"),
                         [(KEYS, "edge-Transport-Responder", "edge-Responder-Initiator"),
                          (GETTING_STARTED, "edge-C-E", "edge-E-B")],
                         ids=["key-exchange", "getting-started"])
def test_the_plan_brings_the_link_in_at_a_site_of_its_own(text: str, into: str, back: str
                                                          ) -> None:
    findings: list[Finding] = []
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None
    arrows = {a.name: a for a in planned.diagram.arrows}
    link, edge_back = arrows[into], arrows[back]
    box = planned.diagram.box(link.end)
    assert (edge_back.start, edge_back.start_side) == (link.end, link.end_side)
    assert edge_back.begin == box.rect.side_midpoint(link.end_side)
    sites = extra_sites(planned.diagram)
    (x, y, _), = sites[link.end]
    assert (box.rect.x + x, box.rect.y + y) == link.finish
    assert link.finish != box.rect.side_midpoint(link.end_side)
    assert glued_site(box, link.end_side, link.finish, sites[link.end]) == 4
    assert set(sites) == {link.end}  # every other box keeps its preset's sites


def _shapes(text: str, tmp_path: Path) -> dict[str, object]:
    body = "\n".join("      " + line for line in text.splitlines())
    outline = tmp_path / "deck.yaml"
    outline.write_text(f"title: Ports\nintro:\n  - title: Chart\n    diagram: |\n{body}\n"
                       "stages:\n  - name: One\n    summary: x\n", encoding="utf-8")
    build(outline, tmp_path / "deck.pptx")
    deck = Presentation(str(tmp_path / "deck.pptx"))
    return {sh.name: sh for slide in deck.slides for group in slide.shapes
            if group.shape_type == 6 for sh in group.shapes}


def test_the_deck_draws_the_box_with_the_extra_site_and_glues_the_link_to_it(
        tmp_path: Path) -> None:
    shapes = _shapes(KEYS, tmp_path)
    box, other = shapes["node-Responder"], shapes["node-Transport"]
    geometry = box._element.spPr.find(f"{A}custGeom")  # type: ignore[attr-defined]
    assert geometry is not None
    assert other._element.spPr.find(f"{A}prstGeom") is not None  # type: ignore[attr-defined]
    sites = geometry.findall(f"{A}cxnLst/{A}cxn")
    assert [(s.find(f"{A}pos").get("x"), s.find(f"{A}pos").get("y"), s.get("ang"))
            for s in sites[:4]] == [("hc", "t", "16200000"), ("l", "vc", "10800000"),
                                    ("hc", "b", "5400000"), ("r", "vc", "0")]
    guides = {g.get("name"): g.get("fmla") for g in geometry.findall(f"{A}gdLst/{A}gd")}
    port = sites[4].find(f"{A}pos")
    assert (port.get("x"), port.get("y"), sites[4].get("ang")) == ("sx0", "sy0", "10800000")
    assert guides["sx0"].startswith("*/ w 0 ")
    _, _, share, whole = guides["sy0"].split()
    assert int(share) * 4 == 3 * int(whole)  # a quarter below the middle of its left side
    link = shapes["edge-Transport-Responder"]._element.xml  # type: ignore[attr-defined]
    back = shapes["edge-Responder-Initiator"]._element.xml  # type: ignore[attr-defined]
    assert f'<a:endCxn id="{box.shape_id}" idx="4"/>' in link  # type: ignore[attr-defined]
    assert f'<a:stCxn id="{box.shape_id}" idx="1"/>' in back  # type: ignore[attr-defined]
    assert box.text_frame.text.startswith("Responder")  # type: ignore[attr-defined]


_SOURCE = {"S": (0.0, 418.0, 35.0, 184.0), "T": (154.0, 444.0, 35.0, 184.0),
           "W": (77.0, 112.0, 35.0, 184.0)}
"""S in the first layer, T in the third, W in the second; (main, cross, along, across)."""
_LONG = [(35.0, 510.0), (130.0, 510.0), (130.0, 536.0), (154.0, 536.0)]
"""S to T, a Z with its middle in the channel before T; LibreOffice draws it at 94."""
_SHORT = [(112.0, 204.0), (130.0, 204.0), (130.0, 536.0), (154.0, 536.0)]
"""W to T, into T's middle from the same side."""


@pytest.mark.parametrize(("skipped", "long", "short"), [
    # A box of the skipped layer under the halfway stretch, clear of the port's: the long
    # link comes in at the port with its middle halfway, and W's link comes in there too.
    ((77.0, 529.0, 35.0, 184.0), [(35.0, 510.0), (94.0, 510.0), (94.0, 490.0), (154.0, 490.0)],
     [(112.0, 204.0), (130.0, 204.0), (130.0, 490.0), (154.0, 490.0)]),
    # The port's halfway stretch would run through the box too: left as planned.
    ((77.0, 480.0, 35.0, 184.0), _LONG, _SHORT),
    # Halfway is clear of the box anyway: left as planned.
    ((77.0, 560.0, 35.0, 184.0), _LONG, _SHORT),
], ids=["through-moved", "port-blocked-too", "clear"])
def test_an_elbow_libreoffice_draws_through_a_box_comes_in_at_a_port(
        skipped: tuple[float, float, float, float], long: list[tuple[float, float]],
        short: list[tuple[float, float]]) -> None:
    boxes = {**_SOURCE, "B": skipped}
    routes = [(0, "out", "in", _LONG), (1, "out", "in", _SHORT)]
    out, _ = ported(routes, [("S", "T"), ("W", "T")], (), boxes, {})
    assert [points for *_, points in out] == [long, short]
