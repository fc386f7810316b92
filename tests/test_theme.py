"""Theme colour arithmetic: WCAG contrast and Office's lightened theme colours.

(That every text of the default deck passes WCAG AA is the lint's job: tests/test_lint.py.)"""

from __future__ import annotations

import pytest

from aligndeck.plan.theme import contrast_ratio, lighten


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
