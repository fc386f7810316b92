"""The hard lines of text in one style (the quick path of issue 24) equal the character-by-
character normalisation that mixed styles take: split at hard breaks, runs of spaces and
tabs made one space, none at either end, each character's advance in its style."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligndeck.plan.text.lines import _hard_lines
from aligndeck.plan.text.measure import _char_units, _style


def reference(text: str, style: str) -> list[tuple[str, list[int], list[str]]]:
    out = []
    for line in re.split(r"\r\n|[\n\r\v]", text):
        chars: list[str] = []
        pending = False
        for ch in line:
            if ch in " \t":
                pending = True
                continue
            if pending and chars:
                chars.append(" ")
            pending = False
            chars.append(ch)
        normalised = "".join(chars)
        out.append((normalised, [_char_units(ch, style) for ch in normalised],
                    [style] * len(normalised)))
    return out


@pytest.mark.parametrize(("text", "bold", "italic", "font"), [
    ("  Pasta,\trice —  pizza dough  ", False, False, "Calibri"),
    ("one\r\ntwo\rthree\nfour\vfive", True, False, "Calibri"),
    ("\t\t", False, True, "Calibri"),
    ("", False, False, "Calibri"),
    ("a \u00a0 b\u3000c", True, True, "Calibri"),  # only spaces and tabs are collapsed
    ("mono  spaced", False, False, "Courier New"),
])
def test_one_style_lines_are_the_reference(text: str, bold: bool, italic: bool,
                                           font: str) -> None:
    pieces = [(text[:3], bold, italic, font), (text[3:], bold, italic, font)]
    assert list(_hard_lines(pieces)) == reference(text, _style(bold, italic, font))


@given(st.text(alphabet="ab é \t\r\n\v\u00a0-", max_size=30), st.integers(0, 30))
def test_any_text_in_one_style_is_the_reference(text: str, cut: int) -> None:
    pieces = [(text[:cut], False, False, "Calibri"), (text[cut:], False, False, "Calibri")]
    assert list(_hard_lines(pieces)) == reference(text, _style(False, False))


def test_mixed_styles_keep_each_characters_style() -> None:
    pieces = [("bold ", True, False, "Calibri"), (" plain", False, False, "Calibri")]
    line, units, styles = next(_hard_lines(pieces))
    assert (line, styles) == ("bold plain", [_style(True, False)] * 5
                              + [_style(False, False)] * 5)
    assert units == [_char_units(ch, style) for ch, style in zip(line, styles, strict=True)]
