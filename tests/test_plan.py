"""The slide plan (aligndeck.plan.deck.plan_deck): order, notes, geometry and type sizes."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest

from aligndeck.outline.loader import format_path
from aligndeck.outline.models import Outline
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import Box, DeckPlan, Diagram, Element, Rect, SlidePlan, Text
from aligndeck.plan.theme import DEFAULT_THEME
from helpers import (
    bounds,
    build_outline,
    diagrams,
    expected_kinds,
    on_side_midpoint,
    runs,
    segment_hits_rect,
)

GRID = DEFAULT_THEME.grid
INSIDE_MARGIN = Rect(GRID.margin, GRID.margin, GRID.width - 2 * GRID.margin,
                     GRID.height - 2 * GRID.margin)
MIN_RUN_PT = 10
MIN_BODY_PT = 12

# Outline sizes: every stage count 1–8 against every loop length 2–6 (the loop sits on stage 3,
# or the last stage when there are fewer), with the other lists varied along.
SIZES = [(n, k) for n in range(1, 9) for k in range(2, 7)]


@functools.cache
def sized_plan(stages: int, loop_steps: int) -> tuple[Outline, DeckPlan]:
    outline = build_outline(stages=stages, loop_steps=loop_steps, responses=2 + stages % 2,
                            shortcomings=stages, intro=stages % 3)
    return outline, plan_deck(outline)


def each_size(test: Callable[..., Any]) -> Callable[..., Any]:
    return pytest.mark.parametrize(("stages", "loop_steps"), SIZES,
                                   ids=[f"{n}stages-{k}steps" for n, k in SIZES])(test)


def element_rects(element: Element) -> list[tuple[str, Rect]]:
    if isinstance(element, Diagram):
        return [(f"{element.name}/{box.name}", box.rect) for box in element.boxes]
    return [(element.name, element.rect)]


def text_of(element: Text | Box) -> str:
    assert element.frame is not None
    return "\n".join("".join(r.text for r in p.runs) for p in element.frame.paragraphs)


def without_notes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_notes(v) for k, v in value.items() if k != "notes"}
    if isinstance(value, list | tuple):
        return [without_notes(v) for v in value]
    return value


# ---- order and titles -------------------------------------------------------------------------

DEFAULT_KINDS = [
    "title", "content", "content", "pipeline",
    "stage", "stage", "stage", "loop", "stage",
    "comparison", "insight", "shortcomings",
    "shortcoming", "shortcoming", "shortcoming", "shortcoming",
    "closing",
]


def test_default_slide_order(default_outline: Outline) -> None:
    plan = plan_deck(default_outline)
    assert [s.kind for s in plan.slides] == DEFAULT_KINDS
    o = default_outline
    assert o.insight is not None and o.closing is not None
    loop_stage = next(i for i, s in enumerate(o.stages) if s.loop is not None)
    assert loop_stage == 2, "the default talk's loop belongs to stage 3"
    assert o.stages[2].loop is not None
    expected_titles = [
        o.title, *(s.title for s in o.intro), None,
        o.stages[0].name, o.stages[1].name, o.stages[2].name, o.stages[2].loop.title,
        o.stages[3].name,
        o.comparison.title, o.insight.title, o.shortcomings.title,
        *(item.title for item in o.shortcomings.items), o.closing.title,
    ]
    for slide, title in zip(plan.slides, expected_titles, strict=True):
        if title is not None:
            assert slide.title == title


@pytest.mark.parametrize(
    "knobs",
    [
        {"stages": 1},
        {"stages": 1, "loop_steps": 2, "insight": False, "closing": False, "intro": 0},
        {"stages": 5, "loop_steps": 3, "loop_stage": 1},
        {"stages": 8, "loop_steps": 6, "loop_stage": 8, "responses": 3, "shortcomings": 8},
        {"stages": 3, "points": 0, "shortcomings": 2},  # no points: no shortcoming slides
    ],
    ids=str,
)
def test_slide_order_follows_the_outline(knobs: dict[str, Any]) -> None:
    outline = build_outline(**knobs)
    plan = plan_deck(outline)
    assert [s.kind for s in plan.slides] == expected_kinds(outline)
    stage_titles = [s.title for s in plan.slides if s.kind == "stage"]
    assert stage_titles == [stage.name for stage in outline.stages]
    for before, after in itertools.pairwise(plan.slides):
        if after.kind == "loop":
            assert before.kind == "stage", "a loop follows its own stage"
            stage = next(s for s in outline.stages if s.name == before.title)
            assert stage.loop is not None


def test_plan_is_pure_and_repeatable(default_outline: Outline) -> None:
    assert plan_deck(default_outline) == plan_deck(default_outline)


def test_default_plan_has_no_warnings(default_outline: Outline) -> None:
    plan = plan_deck(default_outline)
    assert plan.warnings == ()
    assert (plan.width, plan.height) == (GRID.width, GRID.height)


@each_size
def test_ordinary_outlines_have_no_warnings(stages: int, loop_steps: int) -> None:
    _, plan = sized_plan(stages, loop_steps)
    assert plan.warnings == ()


# ---- titles and notes -------------------------------------------------------------------------

def check_titles_and_notes(plan: DeckPlan) -> None:
    for number, slide in enumerate(plan.slides, 1):
        assert slide.title.strip(), f"slide {number} has no title"
        titles = [e for e in slide.elements if isinstance(e, Text) and e.placeholder == "title"]
        assert len(titles) == 1, f"slide {number} ({slide.kind}) needs one title placeholder"
        assert text_of(titles[0]) == slide.title
        assert slide.notes.strip(), f"slide {number} ({slide.kind}) has no notes"


def test_default_titles_and_notes(default_outline: Outline) -> None:
    plan = plan_deck(default_outline)
    check_titles_and_notes(plan)
    # Notes the outline gives are used as written.
    stage_slides = [s for s in plan.slides if s.kind == "stage"]
    for slide, stage in zip(stage_slides, default_outline.stages, strict=True):
        assert slide.notes == stage.notes


@each_size
def test_sized_titles_and_notes(stages: int, loop_steps: int) -> None:
    check_titles_and_notes(sized_plan(stages, loop_steps)[1])


SENTENCE_END = (".", "?", "!")


def check_generated_notes(plan: DeckPlan) -> None:
    for number, slide in enumerate(plan.slides, 1):
        notes = slide.notes
        where = f"slide {number} ({slide.kind}): {notes!r}"
        assert notes == notes.strip() and notes, where
        assert notes[0].isupper() or notes[0] in "“\"", where
        assert notes.endswith(SENTENCE_END), where
        assert not re.search(r"\bNone[.,]|: None\b|\(\)|\[\]", notes), f"a repr in {where}"
        assert not re.search(r"[.!?:;,]\.|\s[.,!?]|\s{2}", notes), where


def test_generated_notes_for_the_default_talk(default_outline: Outline) -> None:
    bare = Outline.model_validate(without_notes(default_outline.model_dump(exclude_none=True)))
    plan = plan_deck(bare)
    check_generated_notes(plan)
    stage = next(s for s in plan.slides if s.kind == "stage")
    assert default_outline.stages[0].name in stage.notes
    assert default_outline.stages[0].summary in stage.notes


@pytest.mark.parametrize(
    "knobs",
    [
        {"stages": 1, "points": 0, "insight": False},
        {"stages": 4, "loop_steps": 4, "points": 2},
        {"stages": 8, "loop_steps": 6, "responses": 3, "shortcomings": 8, "intro": 2},
    ],
    ids=str,
)
def test_generated_notes_without_any_notes(knobs: dict[str, Any]) -> None:
    plan = plan_deck(build_outline(notes=False, **knobs))
    check_generated_notes(plan)


@pytest.mark.parametrize(("responses", "words"), [(2, "two models"), (3, "three models")])
def test_title_notes_count_the_compared_models(responses: int, words: str) -> None:
    notes = plan_deck(build_outline(responses=responses)).slides[0].notes
    assert words in notes


# ---- geometry -----------------------------------------------------------------------------------

def check_on_slide(plan: DeckPlan, frame: Rect, sides: tuple[str, ...]) -> list[str]:
    """Names of element rectangles that cross `frame` on any of `sides`, or have no area."""
    bad = []
    for number, slide in enumerate(plan.slides, 1):
        for element in slide.elements:
            for name, rect in element_rects(element):
                crossed = [side for side, out in (
                    ("top", rect.y < frame.y), ("left", rect.x < frame.x),
                    ("right", rect.right > frame.right), ("bottom", rect.bottom > frame.bottom),
                ) if out and side in sides]
                if crossed or rect.w <= 0 or rect.h <= 0:
                    bad.append(f"slide {number} ({slide.kind}) {name} {rect} {crossed}")
            if isinstance(element, Diagram):
                for arrow in element.arrows:
                    for x, y in (arrow.begin, arrow.finish):
                        if not (frame.x <= x <= frame.right and frame.y <= y <= frame.bottom):
                            bad.append(f"slide {number} {arrow.name} ({x}, {y})")
    return bad


ALL_SIDES = ("top", "left", "right", "bottom")


@each_size
def test_everything_inside_the_margin(stages: int, loop_steps: int) -> None:
    """Every box, text and arrow end lies inside the slide less the 0.6 in grid margin."""
    _, plan = sized_plan(stages, loop_steps)
    assert check_on_slide(plan, INSIDE_MARGIN, ALL_SIDES) == []


def test_default_plan_inside_the_margin(default_outline: Outline) -> None:
    assert check_on_slide(plan_deck(default_outline), INSIDE_MARGIN, ALL_SIDES) == []


def may_overlap(a: Element, b: Element) -> bool:
    """Only text placed wholly on a box (a label on its card) may overlap it."""
    for text, box in ((a, b), (b, a)):
        if isinstance(text, Text) and isinstance(box, Box) and box.rect.contains(text.rect):
            return True
    return False


def check_no_overlaps(slide: SlidePlan) -> None:
    for a, b in itertools.combinations(slide.elements, 2):
        if bounds(a).overlaps(bounds(b)):
            assert may_overlap(a, b), f"{slide.kind}: {a.name} overlaps {b.name}"
    texts = [e for e in slide.elements if isinstance(e, Text)]
    for a, b in itertools.combinations(texts, 2):
        assert not a.rect.overlaps(b.rect), f"{slide.kind}: text {a.name} overlaps {b.name}"
    for diagram in diagrams(slide):
        for a, b in itertools.combinations(diagram.boxes, 2):
            assert not a.rect.overlaps(b.rect), f"{diagram.name}: {a.name} overlaps {b.name}"
        for arrow in diagram.arrows:
            for box in diagram.boxes:
                if box.name not in (arrow.start, arrow.end):
                    assert not segment_hits_rect(arrow.begin, arrow.finish, box.rect), (
                        f"{diagram.name}: {arrow.name} crosses {box.name}")


def test_no_overlaps_in_the_default_plan(default_outline: Outline) -> None:
    for slide in plan_deck(default_outline).slides:
        check_no_overlaps(slide)


@each_size
def test_no_overlaps(stages: int, loop_steps: int) -> None:
    for slide in sized_plan(stages, loop_steps)[1].slides:
        check_no_overlaps(slide)


# ---- diagrams -----------------------------------------------------------------------------------

def check_diagrams(outline: Outline, plan: DeckPlan) -> None:
    names = [stage.name for stage in outline.stages]
    n = len(names)
    flow = " → ".join(names)
    found = {"pipeline": 0, "pipeline-strip": 0, "loop": 0}
    loops = iter([s.loop for s in outline.stages if s.loop is not None])
    for slide in plan.slides:
        for diagram in diagrams(slide):
            found[diagram.name] += 1
            assert diagram.alt_text.strip()
            if diagram.name == "loop":
                loop = next(loops)
                assert loop is not None
                steps = list(loop.steps)
                assert " → ".join(steps) in diagram.alt_text
                prefix, count = "loop-step-", len(steps)
                pairs = [(i, i % count + 1) for i in range(1, count + 1)]
                arrow_names = [f"loop-arrow-{i}-{j}" for i, j in pairs]
                mains = steps
            else:
                assert flow in diagram.alt_text, (diagram.alt_text, flow)
                prefix = "stage-" if diagram.name == "pipeline" else "strip-stage-"
                arrow = "arrow-" if diagram.name == "pipeline" else "strip-arrow-"
                count, mains = n, names
                pairs = [(i, i + 1) for i in range(1, n)]
                arrow_names = [f"{arrow}{i}-{j}" for i, j in pairs]
            boxes = [b for b in diagram.boxes if b.name.startswith(prefix)]
            assert [b.name for b in boxes] == [f"{prefix}{i}" for i in range(1, count + 1)]
            assert len({(b.rect.w, b.rect.h) for b in boxes}) == 1, f"{diagram.name} sizes"
            # Each box's main run (the stage name or step) has one size across the diagram.
            main_sizes = set()
            for box, main in zip(boxes, mains, strict=True):
                assert box.frame is not None
                sizes = [r.size for p in box.frame.paragraphs for r in p.runs if r.text == main]
                assert sizes, f"{box.name} does not show {main!r}"
                main_sizes.update(sizes)
            assert len(main_sizes) == 1, f"{diagram.name}: name sizes {main_sizes}"
            assert [a.name for a in diagram.arrows] == arrow_names
            for a, (i, j) in zip(diagram.arrows, pairs, strict=True):
                start, end = diagram.box(f"{prefix}{i}"), diagram.box(f"{prefix}{j}")
                assert (a.start, a.end) == (start.name, end.name)
                assert a.begin == start.rect.side_midpoint(a.start_side)
                assert a.finish == end.rect.side_midpoint(a.end_side)
                assert on_side_midpoint(a.begin, start.rect)
                assert on_side_midpoint(a.finish, end.rect)
    assert found == {"pipeline": 1, "pipeline-strip": n,
                     "loop": sum(s.loop is not None for s in outline.stages)}


def test_default_diagrams(default_outline: Outline) -> None:
    plan = plan_deck(default_outline)
    check_diagrams(default_outline, plan)
    assert plan.diagram_count == 4 + 1 + 1


@each_size
def test_diagrams(stages: int, loop_steps: int) -> None:
    check_diagrams(*sized_plan(stages, loop_steps))


def test_shortcoming_cards_are_equal() -> None:
    outline = build_outline(shortcomings=7)
    slide = next(s for s in plan_deck(outline).slides if s.kind == "shortcomings")
    cards = [e for e in slide.elements if isinstance(e, Box) and e.name.startswith("card-")]
    assert [c.name for c in cards] == [f"card-{i}" for i in range(1, 8)]
    assert len({(c.rect.w, c.rect.h) for c in cards}) == 1
    titles = {item.title for item in outline.shortcomings.items}
    assert len({r.size for c in cards for p in c.frame.paragraphs  # type: ignore[union-attr]
                for r in p.runs if r.text in titles}) == 1


# ---- type sizes ---------------------------------------------------------------------------------

def check_sizes(plan: DeckPlan) -> None:
    for number, slide in enumerate(plan.slides, 1):
        for run in runs(slide):
            assert run.size >= MIN_RUN_PT, f"slide {number}: {run.text!r} at {run.size} pt"
        for element in slide.elements:
            if isinstance(element, Text):
                for paragraph in element.frame.paragraphs:
                    if paragraph.bullet or element.placeholder == "body":
                        for run in paragraph.runs:
                            assert run.size >= MIN_BODY_PT, (
                                f"slide {number}: body {run.text!r} at {run.size} pt")


def test_default_type_sizes(default_outline: Outline) -> None:
    plan = plan_deck(default_outline)
    check_sizes(plan)
    bullets = [p for s in plan.slides for e in s.elements if isinstance(e, Text)
               for p in e.frame.paragraphs if p.bullet]
    assert bullets, "the default talk has bullet points"


@each_size
def test_type_sizes(stages: int, loop_steps: int) -> None:
    check_sizes(sized_plan(stages, loop_steps)[1])


# ---- huge text --------------------------------------------------------------------------------

HUGE = " ".join(["alignment"] * 300)


def with_huge(path: tuple[str | int, ...], value: Any) -> Outline:
    data = build_outline(stages=4, loop_steps=4).model_dump(exclude_none=True)
    data = without_notes(data)  # plain lists and dicts, so the path can be assigned
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return Outline.model_validate(data)


def errors_of(plan: Any) -> list[str]:
    """The plan's errors as `path: message` lines."""
    return [f"{format_path(f.source)}: {f.message}" for f in plan.errors]


def test_huge_stage_summary_is_an_error_at_its_field() -> None:
    plan = plan_deck(with_huge(("stages", 0, "summary"), HUGE))
    errors = errors_of(plan)
    assert errors, "a summary that cannot fit at the floor must be an error"
    assert all(e.startswith("stages[0].summary: too long for its box by about ") for e in errors)
    # the message says how much to cut, and following it makes the text fit
    keep = int(re.search(r"shorten it to about (\d+) characters", errors[0]).group(1))
    assert 0 < keep < len(HUGE)
    shortened = plan_deck(with_huge(("stages", 0, "summary"), HUGE[:keep].strip()))
    assert not errors_of(shortened)


def case(path: tuple[str | int, ...], value: Any) -> Any:
    """A huge-text case: the outline path, the value put there, and the path as written."""
    where = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path).lstrip(".")
    return pytest.param(path, value, where, id=where)


HUGE_ERRORS = [
    case(("stages", 0, "summary"), HUGE),
    case(("stages", 0, "points"), [f"{HUGE} {HUGE}"] * 3),  # too long even alone at 12 pt
    case(("intro", 0, "points"), [f"{HUGE} {HUGE}"] * 3),  # too long even alone at 12 pt
    case(("comparison", "responses", 0, "text"), HUGE),
    case(("comparison", "prompt"), HUGE),
    case(("comparison", "caption"), HUGE),
    case(("insight", "text"), HUGE),
    case(("shortcomings", "items", 0, "points"), [f"{HUGE} {HUGE}"] * 3),
    case(("title",), HUGE),
    case(("subtitle",), HUGE),
    case(("stages", 1, "name"), HUGE),
    case(("shortcomings", "items", 0, "title"), HUGE),
    case(("closing", "text"), HUGE),
    case(("stages", 2, "loop", "steps"), [HUGE] * 4),
]


def names_field(message: str, where: str) -> bool:
    """Whether a message is about `where` or a part of it (`stages[2].loop.steps[0]`)."""
    return re.match(re.escape(where) + r"[:\[.]", message) is not None


@pytest.mark.parametrize(("path", "value", "where"), HUGE_ERRORS)
def test_huge_text_is_an_error_at_its_field(path: tuple[str | int, ...], value: Any,
                                            where: str) -> None:
    errors = errors_of(plan_deck(with_huge(path, value)))
    assert any(names_field(e, where) and "too long for its box by about" in e
               for e in errors), errors


def test_huge_shortcoming_card_is_an_error_at_that_card() -> None:
    # An item without points has no slide of its own: its card is the only place it shows.
    items = [{"title": "Long", "summary": HUGE}, *({"title": f"Item {i}", "summary": "Short."}
                                                   for i in range(2, 9))]
    errors = errors_of(plan_deck(with_huge(("shortcomings", "items"), items)))
    assert [e for e in errors if names_field(e, "shortcomings.items[0]")], errors
    assert not [e for e in errors if names_field(e, "shortcomings.items[1]")]


LONG_POINT = ("a point long enough to take two lines of a slide at body size, as people "
              "write them when a slide is their only script for the talk ahead")


@pytest.mark.parametrize("count", [8, 14, 20])
def test_long_lists_continue_on_following_slides(count: int) -> None:
    outline = with_huge(("intro", 0, "points"), [f"{i}: {LONG_POINT}" for i in range(count)])
    plan = plan_deck(outline)
    assert not plan.errors
    slides = [s for s in plan.slides if s.source == ("intro", 0)]
    assert len(slides) >= 2
    first = slides[0].title
    assert [s.title for s in slides[1:]] == [f"{first} (cont.)"] * (len(slides) - 1)
    shown = [r.text for s in slides for e in s.elements
             if getattr(e, "placeholder", None) == "body"
             for p in e.frame.paragraphs for r in p.runs]
    assert shown == [f"{i}: {LONG_POINT}" for i in range(count)], "every point, once, in order"
    sizes = {r.size for s in slides for e in s.elements
             if getattr(e, "placeholder", None) == "body"
             for p in e.frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and sizes.pop() >= DEFAULT_THEME.type.list_floor
    assert all(s.notes for s in slides)


# Text that cannot fit is cut off at its box (with a warning), never pushed off the slide
# or into the margin, and never over other text.
HUGE_GEOMETRY = [
    case(("stages", 0, "summary"), HUGE),
    case(("stages", 0, "points"), [HUGE] * 3),
    case(("stages", 1, "name"), HUGE),
    case(("comparison", "responses", 0, "text"), HUGE),
    case(("comparison", "prompt"), HUGE),
    case(("comparison", "caption"), HUGE),
    case(("insight", "text"), HUGE),
    case(("title",), HUGE),
    case(("subtitle",), HUGE),
    case(("closing", "text"), HUGE),
    case(("shortcomings", "items", 0, "summary"), HUGE),
    case(("stages", 2, "loop", "steps"), [HUGE] * 4),
]


@pytest.mark.parametrize(("path", "value", "where"), HUGE_GEOMETRY)
def test_huge_text_stays_on_the_slide(path: tuple[str | int, ...], value: Any,
                                      where: str) -> None:
    plan = plan_deck(with_huge(path, value))
    assert check_on_slide(plan, INSIDE_MARGIN, ALL_SIDES) == []
    for slide in plan.slides:
        texts = [e for e in slide.elements if isinstance(e, Text)]
        for a, b in itertools.combinations(texts, 2):
            assert not a.rect.overlaps(b.rect), f"{slide.kind}: {a.name} overlaps {b.name}"


@pytest.mark.parametrize(("responses", "title"), [(2, "Same prompt, two models"),
                                                  (3, "Same prompt, three models")])
def test_comparison_title_counts_the_models(make_outline: Callable[..., Outline],
                                            responses: int, title: str) -> None:
    plan = plan_deck(make_outline(responses=responses))
    assert [s.title for s in plan.slides if s.kind == "comparison"] == [title]


def test_pipeline_title_and_notes_come_from_the_outline(default_outline: Outline) -> None:
    overview = next(s for s in plan_deck(default_outline).slides if s.kind == "pipeline")
    assert overview.title == default_outline.pipeline.title == "From predictor to assistant"
    assert overview.notes
