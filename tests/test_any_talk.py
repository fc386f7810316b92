"""A talk on any subject: no comparison, no shortcomings, no alignment words; the user's
case kept; right-to-left talks flowing right to left."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from aligndeck.api import Design, build, check
from aligndeck.outline.loader import load_outline, load_outline_text
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.direction import mirror_diagram
from aligndeck.plan.model import Diagram
from helpers import DEFAULT_OUTLINE

OUTLINES = Path(__file__).parent / "outlines"
VACCINES = OUTLINES / "vaccines.yaml"
ALIGNMENT_WORDS = ("prompt", "model", "shortcoming", "alignment", "aligned", "comparison",
                   "falls short", "rlhf", "reward", "token", "assistant")


def deck_words(deck: Path) -> list[str]:
    """Every text a reader or listener meets: slide text, notes, alt text, section names."""
    found = []
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                found += re.findall(r"<a:t>([^<]*)</a:t>", xml)
                found += re.findall(r'descr="([^"]*)"', xml)
                found += re.findall(r'<p14:section name="([^"]*)"', xml)
    return found


@pytest.mark.parametrize("reveal", [False, True])
def test_a_talk_without_comparison_or_shortcomings_has_no_alignment_words(
        tmp_path: Path, reveal: bool) -> None:
    deck = tmp_path / "vaccines.pptx"
    build(VACCINES, deck, design=Design(reveal=reveal))
    words = deck_words(deck)
    assert any("Clinical trials" in w for w in words)
    leaks = [w for w in words if any(a in w.casefold() for a in ALIGNMENT_WORDS)]
    assert not leaks
    kinds = [s.kind for s in check(VACCINES).plan.slides]
    assert "comparison" not in kinds and "shortcomings" not in kinds


@pytest.mark.parametrize(("drop", "said", "unsaid"), [
    ("comparison", "end with where the approach still falls short", "compare"),
    ("shortcomings", "compare two models on the same prompt", "falls short"),
])
def test_title_notes_speak_only_of_what_the_outline_has(drop: str, said: str,
                                                        unsaid: str) -> None:
    text = DEFAULT_OUTLINE.read_text(encoding="utf-8")
    start = text.index(f"\n{drop}:")
    end = re.compile(r"^\S", re.MULTILINE).search(text, start + 2)
    assert end is not None
    outline = load_outline_text(text[:start + 1] + text[end.start():])
    plan = plan_deck(outline)
    notes = plan.slides[0].notes
    assert said in notes and unsaid not in notes
    assert drop not in {s.kind for s in plan.slides}


def test_the_default_talk_keeps_its_comparison_and_shortcomings() -> None:
    kinds = {s.kind for s in plan_deck(load_outline(DEFAULT_OUTLINE)).slides}
    assert {"comparison", "shortcomings"} <= kinds


def caps_of(deck: Path) -> dict[str, bool]:
    """Each run's text and whether it is set in capitals."""
    found = {}
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                for rpr, text in re.findall(r"<a:r><a:rPr([^>]*)>.*?<a:t>([^<]*)</a:t>", xml):
                    found[text] = 'cap="all"' in rpr
    return found


def test_user_text_keeps_its_case_and_our_labels_are_capitals(tmp_path: Path) -> None:
    text = DEFAULT_OUTLINE.read_text(encoding="utf-8")
    text = text.replace("label: Raw model", "label: Mumps, 1960s", 1)
    outline = tmp_path / "talk.yaml"
    outline.write_text(text, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    build(outline, deck)
    caps = caps_of(deck)
    assert caps["Mumps, 1960s"] is False
    assert caps["2022 · Alignment"] is False  # the kicker: the user's words
    assert caps["Prompt"] is True and caps["Stage 1"] is True  # our own labels


def test_labels_given_in_strings_keep_their_case(tmp_path: Path) -> None:
    deck = tmp_path / "vaccines.pptx"
    build(VACCINES, deck)
    caps = caps_of(deck)
    assert caps["Years 1–3"] is False  # a stage's own label
    assert caps["Public health · 15 minutes"] is False


@pytest.mark.parametrize("name", ["hebrew", "arabic"])
def test_right_to_left_diagrams_flow_right_to_left(name: str) -> None:
    plan = check(OUTLINES / f"{name}.yaml").plan
    diagrams = [e for s in plan.slides for e in s.elements if isinstance(e, Diagram)]
    assert {d.name for d in diagrams} == {"pipeline", "pipeline-strip", "loop"}
    for diagram in diagrams:
        if diagram.name != "loop":
            xs = [b.rect.x for b in diagram.boxes]  # in flow order
            assert xs == sorted(xs, reverse=True), diagram.name
        for arrow in diagram.arrows:  # from the same box to the same box, glued as drawn
            start, end = diagram.box(arrow.start).rect, diagram.box(arrow.end).rect
            assert arrow.begin == start.side_midpoint(arrow.start_side)
            assert arrow.finish == end.side_midpoint(arrow.end_side)
        if diagram.name == "loop":  # anticlockwise: the second step on the left of the first
            assert diagram.box("loop-step-2").rect.x < diagram.box("loop-step-1").rect.x


def test_mirroring_twice_gives_the_diagram_back() -> None:
    plan = plan_deck(load_outline(DEFAULT_OUTLINE))
    for diagram in (e for s in plan.slides for e in s.elements if isinstance(e, Diagram)):
        assert mirror_diagram(mirror_diagram(diagram)) == diagram
        assert mirror_diagram(diagram) != diagram


def test_a_right_to_left_talk_on_the_grid_is_mirrored_whole() -> None:
    hebrew = check(OUTLINES / "hebrew.yaml").plan
    text = (OUTLINES / "hebrew.yaml").read_text(encoding="utf-8").replace(
        "language: he-IL", "language: en-US")
    english = plan_deck(load_outline_text(text))
    for mirrored, plain in zip(hebrew.slides, english.slides, strict=True):
        for a, b in zip(mirrored.elements, plain.elements, strict=True):
            if isinstance(a, Diagram) or isinstance(b, Diagram):
                continue
            if a.name == "slide-number":
                # Mirrored to the left margin, and only as wide as the number, so that
                # the right-aligned number stands at the margin (issue 27).
                assert a.rect.x == hebrew.width - b.rect.right
                assert a.rect.w < b.rect.w
                continue
            assert (a.name, a.rect.x, a.rect.right) == (
                b.name, hebrew.width - b.rect.right, hebrew.width - b.rect.x)
    rule = next(e for e in hebrew.slides[0].elements if e.name == "accent-rule")
    assert rule.rect.x > hebrew.width // 2
