"""The fitting ladder's adapting steps, taken before text is refused (issue 27): a title
takes a third line, a lead or subtitle shrinks on to the body floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligndeck.outline.loader import load_outline_text
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import DeckPlan, Text
from aligndeck.plan.theme import make_theme

SUMMARY = ("Predict the next token across a vast pile of text gathered from the public web, "
           "books, code and more, learning grammar, facts, style and a great deal about the "
           "world along the way")
SUBTITLE = ("A tour from pretraining on a vast pile of text through instruction tuning and "
            "reinforcement learning from human feedback, to where alignment still falls "
            "short and why it matters today")
TITLE = ("Instruction tuning teaches a pretrained model the shape of following instructions "
         "and preference training teaches quality")


def _plan(title: str = "Short talk", subtitle: str = "A subtitle", summary: str = "Short",
          slide_title: str = "Slide") -> DeckPlan:
    outline = f"""title: {title}
subtitle: "{subtitle}"
stages:
  - name: Pretraining
    summary: "{summary}"
    points: [a, b]
  - {{name: Instruction tuning, summary: Fine-tune on pairs}}
intro:
  - {{title: {slide_title}, points: [one, two]}}
"""
    return plan_deck(load_outline_text(outline), make_theme(aspect="4:3"))


def _text(plan: DeckPlan, kind: str, name: str) -> Text:
    return next(e for s in plan.slides if s.kind == kind for e in s.elements
                if isinstance(e, Text) and e.name == name)


def _size(text: Text) -> float:
    return max(r.size for p in text.frame.paragraphs for r in p.runs)


def test_a_lead_over_by_a_tenth_shrinks_below_its_floor_instead_of_failing() -> None:
    # 10% too long at 16 pt in a 4:3 deck: an error before; now 15 pt and a warning.
    plan = _plan(summary=f"{SUMMARY} {SUMMARY[:len(SUMMARY) // 2]}")
    findings = [(f.source, f.severity, f.message) for f in plan.findings]
    assert findings == [(("stages", 0, "summary"), "warning",
                         "too long for its place under the title at 16 pt: set at 15 pt; a "
                         "shorter text looks better")]
    assert _size(_text(plan, "stage", "lead")) == 15


def test_a_lead_too_long_even_at_the_body_floor_is_a_located_error() -> None:
    plan = _plan(summary=" ".join([SUMMARY] * 5))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [f.source for f in errors] == [("stages", 0, "summary")]
    assert "even at 12 pt; shorten it to about" in errors[0].message


def test_a_long_title_takes_a_third_line_before_it_shrinks_below_its_floor() -> None:
    plan = _plan(slide_title=TITLE)
    title = next(e for s in plan.slides if s.kind != "title" and s.title == TITLE
                 for e in s.elements if isinstance(e, Text) and e.name == "title")
    assert _size(title) == 24
    grid = make_theme(aspect="4:3").grid
    assert title.rect.bottom == grid.title_top + grid.title_height
    assert title.rect.y < grid.title_top
    assert ("set on three lines at 24 pt, into the top margin; a shorter title looks better"
            in [f.message for f in plan.findings])


def test_a_subtitle_shrinks_in_steps_to_the_body_floor() -> None:
    plan = _plan(subtitle=" ".join([SUBTITLE] * 3))
    subtitle = _text(plan, "title", "subtitle")
    assert 12 <= _size(subtitle) < 16
    assert next(f.severity for f in plan.findings if f.source == ("subtitle",)) == "warning"


ANSWER = ("Mix flour, water, yeast and salt; knead for ten minutes until smooth, let it rise for "
          "an hour somewhere warm, shape it, let it rise again and bake at 230 degrees for "
          "half an hour.")


def _comparison(long: str) -> DeckPlan:
    outline = f"""title: T
stages:
  - {{name: A, summary: a}}
  - {{name: B, summary: b}}
comparison:
  prompt: How do I make bread?
  responses:
    - {{label: Raw model, text: How do I make pasta?}}
    - label: Aligned model
      text: "{long}"
"""
    return plan_deck(load_outline_text(outline), make_theme(aspect="4:3"))


def test_a_long_answer_takes_the_width_its_short_partner_does_not_need() -> None:
    # Equal columns: 10% too long even at 11 pt (an error before); now a wider column.
    plan = _comparison(" ".join([ANSWER] * 5))
    assert not [f for f in plan.findings if f.severity == "error"]
    slide = next(s for s in plan.slides if s.kind == "comparison")
    short, long = (next(e for e in slide.elements if e.name == f"response-{i}")
                   for i in (1, 2))
    assert long.rect.w > short.rect.w
    assert short.rect.right < long.rect.x
    assert long.rect.right == slide.elements[0].rect.right  # the row keeps its width


def test_answers_that_fit_equal_columns_keep_them() -> None:
    plan = _comparison(ANSWER)
    slide = next(s for s in plan.slides if s.kind == "comparison")
    short, long = (next(e for e in slide.elements if e.name == f"response-{i}")
                   for i in (1, 2))
    assert long.rect.w == short.rect.w


def _overview_sizes(outline: str, aspect: str) -> list[tuple[float, ...]]:
    """(name, summary) sizes of each stage's box in the overview."""
    from aligndeck.outline.loader import load_outline
    from helpers import frames

    plan = plan_deck(load_outline(Path(__file__).parent / "outlines" / outline),
                     make_theme(aspect=aspect))
    overview = next(s for s in plan.slides if s.kind == "pipeline")
    return [tuple(max(r.size for r in p.runs) for p in frame.paragraphs[1:])
            for e in overview.elements if e.name == "pipeline" for frame in frames(e)]


@pytest.mark.parametrize(("outline", "aspect", "sizes"), [
    # A long compound takes the names down to 15 pt; the summaries stay as large as the
    # boxes hold (13 pt, two under the names), not 0.7 of the names (10 pt, the floor).
    ("german.yaml", "16:9", (15, 13)),
    ("german.yaml", "4:3", (15, 13)),
    # Eight long names at 14 pt: 12 pt summaries (were 10 pt).
    ("eight-long-stages.yaml", "16:9", (14, 12)),
    # Names at (or near) their preferred size: summaries at 0.7 of it, as before.
    ("japanese.yaml", "16:9", (22, 15)),
    ("five-stages.yaml", "16:9", (21, 15)),
])
def test_the_overviews_summaries_shrink_only_as_far_as_their_boxes_ask(
        outline: str, aspect: str, sizes: tuple[float, float]) -> None:
    assert set(_overview_sizes(outline, aspect)) == {sizes}
