"""Line measurement (`_hard_lines` in plan/measure.py), made fast for issue 24 (words
measured whole and cached), gives what the character-by-character version gave: that
version is kept here as the reference."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.plan import measure
from aligndeck.plan.measure import StyledPiece


# Line measurement as it was before issue 24, character by character.
def reference_lines(pieces: Sequence[StyledPiece]
                    ) -> Iterator[tuple[str, list[int], list[str]]]:
    """The normalised hard lines of the pieces' text, each with its characters' advances.

    Normalised as wrap_text describes: split at hard breaks (also one that straddles two
    pieces, like "\\r" + "\\n"), runs of spaces and tabs made one space measured in the
    style of the run's first character, no space at either end.
    """
    text = "".join(piece[0] for piece in pieces)
    styles: list[str] = []
    for piece_text, bold, italic, font in pieces:
        styles.extend([measure._style(bold, italic, font)] * len(piece_text))
    start = 0
    ends = [(m.start(), m.end()) for m in measure._HARD_BREAK.finditer(text)]
    for end, after in [*ends, (len(text), len(text))]:
        chars: list[str] = []
        units: list[int] = []
        char_styles: list[str] = []
        space: str | None = None  # style of a pending space
        for i in range(start, end):
            ch = text[i]
            if ch in " \t":
                if space is None:
                    space = styles[i]
                continue
            if space is not None and chars:
                chars.append(" ")
                units.append(measure._char_units(" ", space))
                char_styles.append(space)
            space = None
            chars.append(ch)
            units.append(measure._char_units(ch, styles[i]))
            char_styles.append(styles[i])
        yield "".join(chars), units, char_styles
        start = after


CASES: list[tuple[StyledPiece, ...]] = [
    (("Plain words on one line", False, False, "Calibri"),),
    (("", False, False, "Calibri"),),
    (("  leading and trailing  ", False, False, "Calibri"),),
    (("tabs\tand  double   spaces", True, False, "Calibri"),),
    (("line one\nline two\r\nthree\rfour\vfive", False, True, "Calibri"),),
    (("ends with a break\n", False, False, "Calibri"),),
    (("bold ", True, False, "Calibri"), ("then plain", False, False, "Calibri")),
    (("word", True, False, "Calibri"), ("split", False, False, "Calibri")),
    (("space in bold ", True, False, "Calibri"), (" then code", False, False, "Consolas")),
    (("a break across\r", False, False, "Calibri"), ("\npieces", False, True, "Calibri")),
    (("日本語の文と English", False, False, "Calibri"),),
    (("שלום עולם and Latin", False, False, "Calibri"),),
    (("no\u00a0break and zero\u200bwidth", False, False, "Calibri"),),
]


def expected(pieces: tuple[StyledPiece, ...]) -> list[tuple[str, tuple[int, ...], tuple[str, ...]]]:
    return [(text, tuple(units), tuple(styles)) for text, units, styles in reference_lines(pieces)]


@pytest.mark.parametrize("pieces", CASES)
def test_lines_match_the_character_by_character_reference(pieces: tuple[StyledPiece, ...]
                                                          ) -> None:
    assert list(measure._hard_lines(pieces)) == expected(pieces)


_PIECE = st.tuples(st.text(alphabet=st.sampled_from(list("ab é日 \t\n\r\v-.,")), max_size=20),
                   st.booleans(), st.booleans(), st.sampled_from(["Calibri", "Carlito"]))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=4).map(tuple))
def test_any_pieces_match_the_reference(pieces: tuple[StyledPiece, ...]) -> None:
    assert list(measure._hard_lines(pieces)) == expected(pieces)
