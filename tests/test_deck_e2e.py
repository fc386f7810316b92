"""End to end: build decks with aligndeck.api.build, reopen them with python-pptx, check the XML."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck.api import BuildResult, build
from aligndeck.errors import OutlineError
from aligndeck.outline.models import Outline
from aligndeck.plan.deck import plan_deck
from helpers import DEFAULT_OUTLINE, expected_kinds

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SLIDE_PART = re.compile(r"ppt/slides/slide\d+\.xml")

# python-pptx connection sites of a rectangle: 0 top, 1 left, 2 bottom, 3 right.
SITE = {"0": "top", "1": "left", "2": "bottom", "3": "right"}


@pytest.fixture(scope="module")
def default_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("default") / "deck.pptx"
    return out, build(None, out)


@pytest.fixture(scope="module")
def presentation(default_deck: tuple[Path, BuildResult]) -> Any:
    return Presentation(str(default_deck[0]))


def write_outline(outline: Outline, folder: Path) -> Path:
    path = folder / "outline.yaml"
    data = outline.model_dump(mode="json", exclude_none=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def walk(shapes: Any) -> Iterator[Any]:
    """Every shape, groups unfolded (the group itself included)."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)


def slide_text(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in walk(slide.shapes) if s.has_text_frame)


def slide_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if SLIDE_PART.fullmatch(n)}


def side_midpoint(shape: Any, side: str) -> tuple[int, int]:
    x, y, w, h = shape.left, shape.top, shape.width, shape.height
    return {"top": (x + w // 2, y), "bottom": (x + w // 2, y + h),
            "left": (x, y + h // 2), "right": (x + w, y + h // 2)}[side]


def check_diagram_group(group: Any, prefix: str, arrow_prefix: str, count: int,
                        closed: bool = False) -> None:
    """Boxes `prefix1..count` and arrows glued (stCxn/endCxn) between consecutive ones."""
    children = list(group.shapes)
    by_name = {s.name: s for s in children}
    boxes = [by_name[f"{prefix}{i}"] for i in range(1, count + 1)]
    ids = {s.shape_id: s.name for s in children}
    pairs = [(i, i + 1) for i in range(1, count)]
    if closed:
        pairs.append((count, 1))
    connectors = [s for s in children if s.shape_type == MSO_SHAPE_TYPE.LINE
                  or s.element.tag == f"{P}cxnSp"]
    assert [c.name for c in connectors] == [f"{arrow_prefix}{i}-{j}" for i, j in pairs]
    for connector, (i, j) in zip(connectors, pairs, strict=True):
        xml = connector.element
        assert xml.tag == f"{P}cxnSp", f"{connector.name} is not a connector"
        start, end = xml.find(f".//{A}stCxn"), xml.find(f".//{A}endCxn")
        assert start is not None and end is not None, f"{connector.name} is not glued"
        assert ids[int(start.get("id"))] == f"{prefix}{i}", connector.name
        assert ids[int(end.get("id"))] == f"{prefix}{j}", connector.name
        assert xml.find(f".//{A}ln/{A}tailEnd") is not None, f"{connector.name}: no arrowhead"
        assert xml.find(f".//{A}ln/{A}tailEnd").get("type") == "triangle"
        # The drawn line really starts and ends on the glued sides' midpoints.
        begin_box, end_box = boxes[i - 1], boxes[j - 1]
        assert (connector.begin_x, connector.begin_y) == side_midpoint(
            begin_box, SITE[start.get("idx")]), connector.name
        assert (connector.end_x, connector.end_y) == side_midpoint(
            end_box, SITE[end.get("idx")]), connector.name


# ---- the default deck ---------------------------------------------------------------------------

def test_default_deck_slides_titles_and_notes(default_deck: tuple[Path, BuildResult],
                                              presentation: Any,
                                              default_outline: Outline) -> None:
    path, result = default_deck
    slides = list(presentation.slides)
    assert len(slides) >= 10
    assert result.slides == len(slides) and result.path == path and result.size == \
        path.stat().st_size
    assert result.warnings == ()
    planned = plan_deck(default_outline).slides
    assert len(planned) == len(slides)
    for number, (slide, plan) in enumerate(zip(slides, planned, strict=True), 1):
        title = slide.shapes.title
        assert title is not None, f"slide {number} has no title placeholder"
        assert title.text.strip(), f"slide {number} has an empty title"
        assert title.text == plan.title
        assert slide.has_notes_slide, f"slide {number} has no notes"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number}: empty notes"
        assert slide.notes_slide.notes_text_frame.text == plan.notes


def test_default_pipeline_group(presentation: Any, default_outline: Outline) -> None:
    groups = [s for slide in presentation.slides for s in slide.shapes
              if s.shape_type == MSO_SHAPE_TYPE.GROUP and s.name == "pipeline"]
    assert len(groups) == 1
    group = groups[0]
    names = [stage.name for stage in default_outline.stages]
    stages = [s for s in group.shapes if re.fullmatch(r"stage-\d+", s.name)]
    connectors = [s for s in group.shapes if s.element.tag == f"{P}cxnSp"]
    assert len(stages) >= 4 and len(connectors) >= 3
    check_diagram_group(group, "stage-", "arrow-", len(names))
    for shape, name in zip(stages, names, strict=True):
        assert name in shape.text_frame.text
    descr = group.element.find(f".//{P}cNvPr").get("descr")
    assert descr and " → ".join(names) in descr


def test_default_strip_and_loop_groups(presentation: Any, default_outline: Outline) -> None:
    count = len(default_outline.stages)
    steps = next(s.loop.steps for s in default_outline.stages if s.loop is not None)
    found = {"pipeline-strip": 0, "loop": 0}
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.GROUP:
                continue
            descr = shape.element.find(f".//{P}cNvPr").get("descr")
            assert descr, f"group {shape.name} has no alt text"
            if shape.name == "pipeline-strip":
                check_diagram_group(shape, "strip-stage-", "strip-arrow-", count)
            elif shape.name == "loop":
                check_diagram_group(shape, "loop-step-", "loop-arrow-", len(steps), closed=True)
                assert " → ".join(steps) in descr
            else:
                continue
            found[shape.name] += 1
    assert found == {"pipeline-strip": count, "loop": 1}


def test_no_pictures(default_deck: tuple[Path, BuildResult], presentation: Any) -> None:
    for slide in presentation.slides:
        for shape in walk(slide.shapes):
            assert shape.shape_type != MSO_SHAPE_TYPE.PICTURE, shape.name
    for name, xml in slide_parts(default_deck[0]).items():
        assert b"<p:pic>" not in xml and b"<p:pic " not in xml, name
    with zipfile.ZipFile(default_deck[0]) as package:
        assert not [n for n in package.namelist() if n.startswith("ppt/media/")]


@pytest.mark.parametrize("phrase", ["instruction tuning", "reward model", "constitution",
                                    "bread", "sycophancy", "reward hacking"])
def test_talk_words_on_slides(presentation: Any, phrase: str) -> None:
    text = " ".join(slide_text(slide) for slide in presentation.slides)
    assert phrase in " ".join(text.split()).casefold()


def test_colours_come_from_the_theme(default_deck: tuple[Path, BuildResult]) -> None:
    parts = slide_parts(default_deck[0])
    assert parts
    for name, xml in parts.items():
        assert b"srgbClr" not in xml, f"{name} hard-codes a colour"
        assert b"schemeClr" in xml, f"{name} uses no theme colour"
        assert b"<a:solidFill><a:srgbClr" not in xml


def test_slide_is_16_by_9(presentation: Any) -> None:
    assert presentation.slide_height == 6_858_000
    assert abs(presentation.slide_width / presentation.slide_height - 16 / 9) < 1e-3


def test_slide_size_is_powerpoint_widescreen(presentation: Any) -> None:
    assert (presentation.slide_width, presentation.slide_height) == (12_192_000, 6_858_000)


def test_default_deck_validates(default_deck: tuple[Path, BuildResult],
                                validate_pptx: Callable[[Path], None]) -> None:
    validate_pptx(default_deck[0])


def test_builds_are_byte_identical(tmp_path: Path, default_deck: tuple[Path, BuildResult]
                                   ) -> None:
    again = tmp_path / "again.pptx"
    build(None, again)
    assert again.read_bytes() == default_deck[0].read_bytes()


def test_build_from_a_file_matches_the_builtin(tmp_path: Path, default_deck: tuple[Path,
                                                                                   BuildResult]
                                               ) -> None:
    out = tmp_path / "from-file.pptx"
    build(DEFAULT_OUTLINE, out)
    assert out.read_bytes() == default_deck[0].read_bytes()


# ---- small custom outlines ----------------------------------------------------------------------

CUSTOM = [
    pytest.param({"stages": 1, "insight": False, "closing": False, "intro": 0,
                  "shortcomings": 1}, 6, id="1-stage-bare"),
    pytest.param({"stages": 8, "loop_steps": 6, "loop_stage": 8, "responses": 3,
                  "shortcomings": 8}, 24, id="8-stages-6-step-loop"),
    pytest.param({"stages": 6, "loop_steps": 2, "loop_stage": 1, "points": 0,
                  "shortcomings": 3}, 14, id="6-stages-2-step-loop-no-points"),
]


@pytest.mark.parametrize(("knobs", "slides"), CUSTOM)
def test_custom_outlines_build_and_validate(tmp_path: Path, knobs: dict[str, Any], slides: int,
                                            make_outline: Callable[..., Outline],
                                            validate_pptx: Callable[[Path], None]) -> None:
    outline = make_outline(**knobs)
    assert len(expected_kinds(outline)) == slides
    out = tmp_path / "custom.pptx"
    result = build(write_outline(outline, tmp_path), out)
    assert result.slides == slides and result.warnings == ()
    validate_pptx(out)
    deck = Presentation(str(out))
    assert len(deck.slides) == slides
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
        assert slide.notes_slide.notes_text_frame.text.strip()
    group = next(s for slide in deck.slides for s in slide.shapes if s.name == "pipeline")
    check_diagram_group(group, "stage-", "arrow-", len(outline.stages))
    loops = [s for slide in deck.slides for s in slide.shapes if s.name == "loop"]
    assert len(loops) == (1 if "loop_steps" in knobs else 0)
    for loop in loops:
        check_diagram_group(loop, "loop-step-", "loop-arrow-", knobs["loop_steps"], closed=True)


HUGE = " ".join(["alignment"] * 300)


@pytest.mark.parametrize(
    ("field", "where"),
    [
        (lambda d: d["stages"][0].update(summary=HUGE), "stages[0].summary"),
        (lambda d: d["comparison"].update(prompt=HUGE), "comparison.prompt"),
        (lambda d: d["insight"].update(text=HUGE), "insight.text"),
        (lambda d: d.update(title=" ".join(["alignment"] * 40)), "title"),
        (lambda d: d.update(title=HUGE), "title"),
    ],
    ids=["stage-summary", "prompt", "insight", "long-title", "huge-title"],
)
def test_text_that_cannot_fit_fails_the_build_at_its_line(
    tmp_path: Path, field: Callable[[dict[str, Any]], None], where: str,
    make_outline: Callable[..., Outline]
) -> None:
    data = make_outline(stages=3).model_dump(mode="json", exclude_none=True)
    field(data)
    out = tmp_path / "huge.pptx"
    with pytest.raises(OutlineError) as caught:
        build(write_outline(Outline.model_validate(data), tmp_path), out)
    located = [p for p in caught.value.errors if p.path == where]
    assert located, caught.value.problems
    assert located[0].line > 0 and located[0].column > 0
    assert "too long for its box by about" in located[0].message
    assert not out.exists(), "nothing is written when the deck cannot be built"


def test_reading_order_puts_the_title_first_and_follows_the_flow(presentation: Any) -> None:
    """Screen readers and the outline view read shapes in document order."""
    for number, slide in enumerate(presentation.slides, 1):
        first = next(iter(slide.shapes))
        assert first.is_placeholder and first.name == "title", f"slide {number}: {first.name}"
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                names = [s.name for s in shape.shapes if not s.name.startswith(
                    ("arrow", "strip-arrow", "loop-arrow"))]
                numbered = [n for n in names if n[-1].isdigit()]
                assert numbered == sorted(numbered, key=lambda n: int(n.rsplit("-", 1)[1])), names
