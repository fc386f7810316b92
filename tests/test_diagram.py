"""The `diagram` slide kind: Mermaid flowcharts planned, drawn and glued, in the house design
and in a template made here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck import api
from aligndeck.api import Design
from aligndeck.errors import OutlineError
from aligndeck.outline.loader import load_outline
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import Colour, Diagram, SlidePlan
from helpers import convert_to_pdf, require_soffice, run_validator
from test_render import EMU_PER_PT, inside, text_boxes

OUTLINE = Path(__file__).parent / "outlines" / "flowcharts.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}
ELLIPSE_SITES = {"top": 0, "left": 2, "bottom": 4, "right": 6}


def flowchart_slides(reveal: bool = False) -> list[SlidePlan]:
    plan = plan_deck(load_outline(OUTLINE), reveal=reveal)
    return [s for s in plan.slides if s.kind == "diagram"]


def diagram_of(slide: SlidePlan) -> Diagram:
    return next(e for e in slide.elements if isinstance(e, Diagram))


def test_every_diagram_slide_is_planned() -> None:
    titles = [s.title for s in flowchart_slides()]
    assert titles == ["How the reward model meets the policy", "One crawl, two datasets, one mix",
                      "Should the assistant answer?", "RLHF inside, fine-tuning beside it",
                      "Collect, then train, each in its own direction",
                      "Tuning flows across, the pipeline down"]


def test_shapes_have_stable_names_and_alt_text_reads_the_flow() -> None:
    reward = diagram_of(flowchart_slides()[0])
    assert [b.name for b in reward.boxes] == ["node-D", "node-RM", "node-SFT", "node-P"]
    assert [a.name for a in reward.arrows] == ["edge-D-RM", "edge-SFT-P", "edge-RM-P",
                                               "edge-P-D"]
    assert [b.name for b in reward.labels] == ["edge-label-RM-P", "edge-label-P-D"]
    assert reward.alt_text == (
        "Flowchart, left to right: Comparisons → Reward model; Tuned model → Policy; "
        "Reward model → Policy (scores); Policy → Comparisons (samples).")
    groups = diagram_of(flowchart_slides()[3])
    assert [b.name for b in groups.boxes[:2]] == ["subgraph-rlhf", "subgraph-tune"]
    assert "Group “RLHF loop”: Sample answers, People rate them, Reward model" in \
        groups.alt_text


def test_one_text_size_for_every_node_and_shapes_match_mermaid() -> None:
    pipeline = diagram_of(flowchart_slides()[1])
    nodes = [b for b in pipeline.boxes if b.name.startswith("node-")]
    sizes = {r.size for b in nodes for p in (b.frame.paragraphs if b.frame else ())
             for r in p.runs}
    assert len(sizes) == 1 and 10 <= sizes.pop() <= 18
    assert {b.name: b.geometry for b in nodes} == {
        "node-crawl": "roundRect", "node-dedup": "roundRect", "node-quality": "diamond",
        "node-code": "flowChartMagneticDisk", "node-prose": "flowChartMagneticDisk",
        "node-mix": "flowChartPredefinedProcess", "node-train": "ellipse"}
    assert len({(b.rect.w, b.rect.h) for b in nodes}) == 1, "equal boxes along a flow"


def test_links_keep_their_kind() -> None:
    pipeline = diagram_of(flowchart_slides()[1])
    thick = next(a for a in pipeline.arrows if a.name == "edge-mix-train")
    assert thick.width > 2.5
    decision = diagram_of(flowchart_slides()[2])
    dotted = next(a for a in decision.arrows if a.name == "edge-S-H")
    assert dotted.dash and dotted.head == "triangle"


def test_groups_sit_behind_their_nodes_and_hold_them() -> None:
    diagram = diagram_of(flowchart_slides()[3])
    group = {b.name: b for b in diagram.boxes}
    rlhf, tune = group["subgraph-rlhf"], group["subgraph-tune"]
    for name in ("node-sample", "node-rate", "node-rm"):
        assert rlhf.rect.contains(group[name].rect) and not tune.rect.overlaps(group[name].rect)
    for name in ("node-sft", "node-policy"):
        assert tune.rect.contains(group[name].rect) and not rlhf.rect.overlaps(group[name].rect)
    names = [b.name for b in diagram.boxes]
    assert names.index("subgraph-tune") < names.index("node-sample")


def test_reveal_builds_layer_by_layer() -> None:
    slide = flowchart_slides(reveal=True)[1]
    assert slide.builds[0] == ("node-crawl",)
    assert slide.builds[1] == ("node-dedup", "edge-crawl-dedup")
    assert slide.builds[3] == ("node-code", "node-prose", "edge-quality-code",
                               "edge-label-quality-code", "edge-quality-prose",
                               "edge-label-quality-prose")
    assert slide.notes.endswith("[click] Web crawl\n[click] Deduplicate\n[click] Quality filter\n"
                                "[click] Code set · Prose set\n[click] Mix and shuffle\n"
                                "[click] Train")
    shown = [name for click in slide.builds for name in click]
    diagram = diagram_of(slide)
    everything = [*(b.name for b in diagram.boxes), *(a.name for a in diagram.arrows),
                  *(b.name for b in diagram.labels)]
    assert sorted(shown) == sorted(everything)


def test_styles_map_to_the_nearest_accent_and_warn_where_they_are(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE.read_text(encoding="utf-8").replace(
        "        mix ==> train((Train))\n",
        "        mix ==> train((Train))\n        classDef hot fill:#f96,stroke:#333,"
        "font-size:20px\n        class train hot\n"), encoding="utf-8")
    checked = api.check(outline)
    train = next(b for s in checked.plan.slides if s.kind == "diagram" for b in s.boxes()
                 if b.name == "node-train")
    # An orange fill takes the theme's orange (accent3 of the built-in palette), not the
    # first accent; its dark grey stroke the muted ink.
    assert (train.fill, train.line) == (Colour("accent3"), Colour("muted"))
    assert [(w.line, w.column, w.message) for w in checked.warnings
            if "classDef" in w.message] == [
        (23, 9, "classDef hot: font-size ignored (a slide shows a style's colours, line width "
         "and dashes; the theme sets type and shapes)")]


def test_a_bad_diagram_is_located_in_the_outline_file(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE.read_text(encoding="utf-8").replace(
        "RM -->|scores| P", "RM -->|scores| P[Policy"), encoding="utf-8")
    with pytest.raises(OutlineError) as caught:
        api.check(outline)
    [problem] = caught.value.errors
    assert (problem.line, problem.column, problem.path) == (10, 25, "intro[0].diagram")
    assert problem.message == "the '[' here is never closed with ']' on this line"


# ---- the built deck --------------------------------------------------------------------------


def made_template(folder: Path) -> Path:
    """A template of our own: python-pptx's default deck made 16:9 (its placeholders
    stretched to the new width) and saved with no slides."""
    path = folder / "plain.pptx"
    presentation = Presentation()
    scale = 12_192_000 / presentation.slide_width
    presentation.slide_width = 12_192_000
    master = presentation.slide_masters[0]
    for part in (master, *master.slide_layouts):
        for shape in part.placeholders:
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
            shape.left, shape.width = round(left * scale), round(width * scale)
            shape.top, shape.height = top, height
    presentation.save(str(path))
    return path


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("diagram")
    decks = {"house": folder / "house.pptx", "template": folder / "template.pptx"}
    api.build(OUTLINE, decks["house"])
    api.build(OUTLINE, decks["template"], design=Design(template=made_template(folder)))
    return decks


def shapes_of(slide: Any) -> list[Any]:
    found = []
    for shape in slide.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            found += list(shape.shapes)
        else:
            found.append(shape)
    return found


@pytest.mark.parametrize("deck", ["house", "template"])
def test_connectors_are_glued_to_the_boxes_they_join(decks: dict[str, Path], deck: str) -> None:
    run_validator(decks[deck])
    glued = 0
    for slide in Presentation(str(decks[deck])).slides:
        shapes = shapes_of(slide)
        by_id = {s.shape_id: s for s in shapes}
        for shape in shapes:
            if not shape.name.startswith("edge-") or shape.name.startswith("edge-label-"):
                continue
            _, source, target = shape.name.split("-", 2)
            props = shape.element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
            start, end = props.find(f"{A}stCxn"), props.find(f"{A}endCxn")
            # A link that names a subgraph is glued to its container.
            assert by_id[int(start.get("id"))].name in (f"node-{source}",
                                                        f"subgraph-{source}")
            assert by_id[int(end.get("id"))].name in (f"node-{target}", f"subgraph-{target}")
            for ref in (start, end):
                box = by_id[int(ref.get("id"))]
                geometry = box.element.spPr.find(f"{A}prstGeom").get("prst")
                sites = ELLIPSE_SITES if geometry == "ellipse" else SITES
                assert int(ref.get("idx")) in sites.values()
            preset = shape.element.spPr.find(f"{A}prstGeom").get("prst")
            assert preset in ("line", "bentConnector2", "bentConnector3")
            glued += 1
    assert glued == 4 + 7 + 6 + 5 + 4 + 5


@pytest.mark.render
def test_words_inside_their_shapes_in_house_and_template(decks: dict[str, Path],
                                                         tmp_path: Path) -> None:
    soffice = require_soffice()
    pdfs = convert_to_pdf(soffice, decks, tmp_path / "pdf", tmp_path / "profile")
    for name, deck in decks.items():
        presentation = Presentation(str(deck))
        with pdfplumber.open(pdfs[name]) as pdf:
            for slide, page in zip(presentation.slides, pdf.pages, strict=True):
                if not any(s.name.startswith("node-") for s in shapes_of(slide)):
                    continue
                boxes = dict(text_boxes(slide.shapes))
                nodes = {n: b for n, b in boxes.items() if n.startswith(("node-", "edge-"))}
                words = page.extract_words()
                scale = page.width / (presentation.slide_width / EMU_PER_PT)
                for shape_name, box in nodes.items():
                    x0, y0, x1, y1 = (v * scale for v in box)
                    text = next(s for s in shapes_of(slide) if s.name == shape_name)
                    for word in text.text_frame.text.split():
                        hits = [w for w in words if w["text"] == word and
                                inside(w, (x0, y0, x1, y1))]
                        assert hits, f"{name}: {word!r} not inside {shape_name}"


def test_reveal_animates_each_step_of_the_built_chart(tmp_path: Path) -> None:
    deck = tmp_path / "reveal.pptx"
    api.build(OUTLINE, deck, design=Design(reveal=True))
    slide = Presentation(str(deck)).slides[2]  # the crawl that splits and merges
    names = {s.shape_id: s.name for s in slide.shapes}
    assert "node-crawl" in names.values(), "a chart that builds is drawn ungrouped"
    timing = slide.element.find(f"{P}timing")
    clicks = timing.findall(f".//{P}par/{P}cTn[@nodeType='clickEffect']")
    assert len(clicks) == 6  # one per step along the flow
    first = [names[int(t.get("spid"))] for t in timing.iter(f"{P}spTgt")]
    assert first[:3] == ["node-crawl", "node-dedup", "edge-crawl-dedup"]


def test_the_browser_page_draws_the_same_chart(tmp_path: Path) -> None:
    deck = tmp_path / "talk.pptx"
    api.build(OUTLINE, deck, html=True)
    page = deck.with_suffix(".html").read_text(encoding="utf-8")
    assert '<polygon class="frame" points=' in page  # the diamond
    assert 'data-name="edge-S-H"' in page and "stroke-dasharray" in page  # dashed, routed
    assert 'data-name="edge-label-RM-P"' in page  # labels, after the arrows
    assert page.count('class="shape box" data-name="node-') == 4 + 7 + 5 + 5 + 5 + 6
