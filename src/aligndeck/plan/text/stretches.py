"""The greedy wrap of plain ASCII text in one style, measured a stretch at a time.

Nearly every line a deck measures is ASCII in one style. The general wrap (lines.py)
looks up each character's advance and sums them all before it tries a break; here the
width between two neighbouring break opportunities (a word, or the space after one) is
looked up whole, from a cache of the stretches seen, and the wrap tries the same breaks in
the same order against the same integer sums, so the lines are the same
(tests/test_stretch_wrap.py compares the two). A stretch wider than the line by itself is
left to the general wrap, which breaks inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from aligndeck.plan.text.measure import _units_to_pt, line_units

_HARD_BREAK = re.compile(r"\r\n|[\n\r\v]")
_SPACES_AND_TABS = re.compile(r"[ \t]+")
_stretches: dict[tuple[str, str], int] = {}
KEPT_STRETCHES = 100_000
"""Stretches kept (a few MB); the cache starts again when full."""


def normalised_lines(text: str) -> Iterator[str]:
    """The hard lines of `text` (split at "\\r\\n", "\\n", "\\r", "\\v"), each with its runs
    of spaces and tabs made one space and none at either end."""
    start = 0
    for match in _HARD_BREAK.finditer(text):
        yield _SPACES_AND_TABS.sub(" ", text[start:match.start()]).strip(" ")
        start = match.end()
    yield _SPACES_AND_TABS.sub(" ", text[start:]).strip(" ")


def stretch_units(stretch: str, style: str) -> int:
    """The advance of `stretch` in `style`, in font units: the sum of its characters'."""
    key = (stretch, style)
    found = _stretches.get(key)
    if found is None:
        if len(_stretches) >= KEPT_STRETCHES:
            _stretches.clear()
        found = _stretches[key] = sum(line_units(stretch, style))
    return found


def wrap_in_stretches(s: str, style: str, width_pt: float, size_pt: float,
                      breaks: Sequence[tuple[int, int]]) -> list[str] | None:
    """The lines of the normalised one-style line `s` whose break opportunities are
    `breaks` ((end of a line, start of the next), in order, the last at the end of `s`);
    None when some stretch between two breaks is wider than the line (the general wrap
    breaks inside it)."""
    if not s:
        return [""]
    # The advance from the start of `s` to each break's two sides.
    at: dict[int, int] = {0: 0}
    total = previous = 0
    for end, following in breaks:
        if end > previous:
            total += stretch_units(s[previous:end], style)
        at[end] = total
        if following > end:
            total += stretch_units(s[end:following], style)
        at[following] = total
        previous = following
    lines: list[str] = []
    start = k = 0
    while start < len(s):
        while breaks[k][1] <= start:
            k += 1
        best: tuple[int, int] | None = None
        while k < len(breaks) and \
                _units_to_pt(at[breaks[k][0]] - at[start], size_pt) <= width_pt:
            best = breaks[k]
            k += 1
        if best is None:
            return None
        end, following = best
        lines.append(s[start:end].rstrip(" "))
        start = following
    return lines
