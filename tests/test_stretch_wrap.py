"""The wrap of ASCII text in one style, measured a stretch between breaks at a time
(plan/text/stretches.py, issue 24), gives the lines the general wrap gives: each
character's advance summed, tried break by break (lines.py `_wrap_units`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.plan.text import stretches
from aligndeck.plan.text.lines import _breaks, _hard_lines, _wrap_styled, _wrap_units
from aligndeck.plan.text.measure import StyledPiece
from aligndeck.plan.text.stretches import wrap_in_stretches

Pieces = tuple[StyledPiece, ...]


def general(pieces: Pieces, width_pt: float, size_pt: float) -> tuple[str, ...]:
    """The general wrap: every character's advance, every break tried on their sums."""
    lines: list[str] = []
    for normalised, units, styles in _hard_lines(pieces):
        lines.extend(_wrap_units(normalised, units, styles, width_pt, size_pt, None))
    return tuple(lines)


def quick(pieces: Pieces, width_pt: float, size_pt: float, phrases: bool) -> tuple[str, ...]:
    """What wrap_styled answers (uncached), which takes the stretch path for these."""
    return _wrap_styled.__wrapped__(pieces, width_pt, size_pt, phrases, "")


TEXTS = [
    "",
    "word",
    "Supervised fine-tuning teaches the format; preference tuning teaches the taste.",
    "  spaces   and\ttabs  collapse  ",
    "one\r\ntwo\rthree\nfour\vfive six seven eight",
    "A state-of-the-art model, (mostly) well-behaved: 12.5 km and 3 pp and 40 % more.",
    "Antidisestablishmentarianism-and-pneumonoultramicroscopicsilicovolcanoconiosis",
    "a-b a- -b x--y 1-2 (a) [b] {c} end. end, end; end: end! end? end)",
    "tiny words a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "x" * 120 + " then a normal tail",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("bold", "italic"), [(False, False), (True, False), (False, True),
                                              (True, True)])
@pytest.mark.parametrize(("width_pt", "size_pt"), [(0.0, 12.0), (20.0, 18.0),
                                                   (150.0, 20.0), (300.5, 24.0),
                                                   (1000.0, 12.0)])
def test_the_stretch_wrap_gives_the_general_wraps_lines(
        text: str, bold: bool, italic: bool, width_pt: float, size_pt: float) -> None:
    pieces: Pieces = ((text[:7], bold, italic, "Calibri"), (text[7:], bold, italic, "Calibri"))
    expected = general(pieces, width_pt, size_pt)
    for phrases in (False, True):
        assert quick(pieces, width_pt, size_pt, phrases) == expected


@pytest.mark.parametrize(("text", "width_pt", "quick_path"), [
    ("two words", 500.0, True),
    ("Antidisestablishmentarianism", 40.0, False),  # wider than the line: broken inside
    ("fine but Antidisestablishmentarianism", 40.0, False),
])
def test_a_stretch_wider_than_the_line_is_left_to_the_general_wrap(
        text: str, width_pt: float, quick_path: bool) -> None:
    found = wrap_in_stretches(text, "regular", width_pt, 20.0, _breaks(text))
    assert (found is not None) is quick_path
    pieces: Pieces = ((text, False, False, "Calibri"),)
    assert quick(pieces, width_pt, 20.0, False) == general(pieces, width_pt, 20.0)


def test_a_full_cache_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stretches, "KEPT_STRETCHES", 3)
    stretches._stretches.clear()
    pieces: Pieces = ((TEXTS[2], False, False, "Calibri"),)
    assert quick(pieces, 120.0, 18.0, False) == general(pieces, 120.0, 18.0)
    assert len(stretches._stretches) <= 3


ASCII = st.text(alphabet="abcXYZ019 -\t\r\n\v.,;:!?()[]{}%/'\"&", max_size=60)


@settings(max_examples=300)
@given(ASCII, st.integers(0, 60), st.booleans(), st.booleans(),
       st.floats(0, 400, allow_nan=False), st.sampled_from([10.0, 12.0, 18.0, 24.0, 40.0]))
def test_any_ascii_text_wraps_as_the_general_wrap(text: str, cut: int, bold: bool,
                                                  italic: bool, width_pt: float,
                                                  size_pt: float) -> None:
    pieces: Pieces = ((text[:cut], bold, italic, "Calibri"), (text[cut:], bold, italic,
                                                             "Calibri"))
    assert quick(pieces, width_pt, size_pt, False) == general(pieces, width_pt, size_pt)
