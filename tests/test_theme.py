"""The default theme: every text colour passes WCAG AA against what lies behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligndeck.outline.loader import load_outline
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import Box, Colour, Diagram, Rect, Run, Text
from aligndeck.plan.theme import DEFAULT_THEME, contrast_ratio, lighten

ROOT = Path(__file__).resolve().parents[1]


def _large(run: Run) -> bool:
    """WCAG's large text: 18 pt and up, or 14 pt bold and up."""
    return run.size >= 18 or (run.bold and run.size >= 14)


def _text_on_fill() -> list[tuple[str, Run, Colour]]:
    """Every run of the default deck with the colour behind it."""
    plan = plan_deck(load_outline(ROOT / "deck.yaml"))
    background = Colour("background")
    pairs: list[tuple[str, Run, Colour]] = []

    def boxes(elements: tuple[object, ...]) -> list[Box]:
        found = []
        for element in elements:
            if isinstance(element, Diagram):
                found += list(element.boxes)
            elif isinstance(element, Box):
                found.append(element)
        return found

    for number, slide in enumerate(plan.slides, 1):
        filled = [b for b in boxes(slide.elements) if b.fill is not None]
        for element in slide.elements:
            if isinstance(element, Text):
                behind = next((b.fill for b in filled if _inside(element.rect, b.rect)),
                              background)
                runs = [r for p in element.frame.paragraphs for r in p.runs]
                pairs += [(f"slide {number} {element.name}", r, behind) for r in runs]
        for box in boxes(slide.elements):
            if box.frame is None:
                continue
            behind = box.fill or background
            runs = [r for p in box.frame.paragraphs for r in p.runs]
            pairs += [(f"slide {number} {box.name}", r, behind) for r in runs]
    return pairs


def _inside(inner: Rect, outer: Rect) -> bool:
    return outer.contains(inner)


def test_every_text_passes_wcag_aa_on_its_fill() -> None:
    failures = []
    pairs = _text_on_fill()
    assert len(pairs) > 50
    for where, run, fill in pairs:
        ratio = contrast_ratio(DEFAULT_THEME.hex(run.colour), DEFAULT_THEME.hex(fill))
        needed = 3.0 if _large(run) else 4.5
        if ratio < needed:
            failures.append(f"{where}: {run.text[:30]!r} {ratio:.2f} < {needed}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [("000000", "FFFFFF", 21.0), ("FFFFFF", "FFFFFF", 1.0), ("777777", "FFFFFF", 4.48)],
)
def test_contrast_ratio_matches_wcag_examples(fg: str, bg: str, expected: float) -> None:
    assert contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    ("base", "percent", "expected"),
    [
        ("4472C4", 80, "DAE3F3"),  # Office's "Accent 1, Lighter 80%"
        ("4472C4", 40, "8FAADC"),  # Office's "Accent 1, Lighter 40%"
        ("1F2933", 0, "1F2933"),
        ("000000", 50, "808080"),
    ],
)
def test_lighten_matches_office_tints(base: str, percent: int, expected: str) -> None:
    got = lighten(base, percent)
    assert all(abs(int(got[i : i + 2], 16) - int(expected[i : i + 2], 16)) <= 2 for i in (0, 2, 4))
