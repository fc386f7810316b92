"""Long link labels set on balanced lines, as a designer sets a caption beside a line.

A label written on one line ("No: the failing test is named in the review") would take a
channel as wide as the whole sentence between two layers, and a chart with one such label
could be refused, or cut over slides, for want of room. Mermaid wraps labels at 200 px of
its 16 px type; here a line of a label wider than `MEASURE` ems is broken at its spaces
into the fewest lines that are each at most that wide, balanced (the longest line as short
as it can be), so the label reads as a small block beside its link. A width in ems is the
same at every text size, so the lines are chosen once, before the layout tries its sizes;
each line is a paragraph of its own, so PowerPoint and LibreOffice keep exactly these lines.
"""

from __future__ import annotations

import math
from dataclasses import replace

from aligndeck.outline.flowgraph import Flowchart, Label, Span

MEASURE = 12.5
"""The widest line of a link label, in ems (Mermaid's 200 px of 16 px type)."""

_Word = tuple[Span, ...]


def balanced_labels(chart: Flowchart, fonts: dict[str, str]) -> Flowchart:
    """The chart with every link label's overlong lines broken into balanced lines."""
    font = fonts.get("body", "Calibri")
    edges = tuple(replace(e, label=_balanced(e.label, font)) if e.label is not None else e
                  for e in chart.edges)
    return replace(chart, edges=edges)


def _balanced(label: Label, font: str) -> Label:
    lines: list[tuple[Span, ...]] = []
    for line in label.lines:
        lines += _broken(line, font)
    return Label(tuple(lines))


def _broken(line: tuple[Span, ...], font: str) -> list[tuple[Span, ...]]:
    words = _words(line)
    if len(words) < 2:
        return [line]
    widths = [_width(w, font) for w in words]
    space = _width((Span(" "),), font)
    total = sum(widths) + space * (len(words) - 1)
    if total <= MEASURE:
        return [line]
    # The fewest lines each at most MEASURE wide (a word wider than that alone on its line),
    # as even as they can be: the least sum of squared widths, as a typesetter balances.
    for count in range(min(len(words), math.ceil(total / MEASURE)), len(words) + 1):
        ends = _even_lines(widths, space, count)
        if ends is not None:
            return [_joined(words[a:b]) for a, b in ends]
    return [line]  # unreachable: a word a line always fits


def _even_lines(widths: list[float], space: float, count: int
                ) -> list[tuple[int, int]] | None:
    """`count` consecutive runs of the words, none wider than MEASURE unless it is one
    word, with the least sum of squared widths; None when there are none."""
    n = len(widths)
    # best[k][i]: the least cost of setting words[:i] on k lines, and its last line's start
    best: list[list[tuple[float, int]]] = [[(math.inf, 0)] * (n + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, 0)
    for k in range(1, count + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                width = _line_width(widths, space, j, i)
                if best[k - 1][j][0] == math.inf or (width > MEASURE and i - j > 1):
                    continue
                cost = best[k - 1][j][0] + width * width
                if cost < best[k][i][0]:
                    best[k][i] = (cost, j)
    if best[count][n][0] == math.inf:
        return None
    ends: list[tuple[int, int]] = []
    i = n
    for k in range(count, 0, -1):
        j = best[k][i][1]
        ends.append((j, i))
        i = j
    return ends[::-1]


def _line_width(widths: list[float], space: float, start: int, end: int) -> float:
    return sum(widths[start:end]) + space * (end - start - 1)


def _words(line: tuple[Span, ...]) -> list[_Word]:
    """The line's words (runs of text between spaces), each as its styled pieces."""
    words: list[list[Span]] = [[]]
    for span in line:
        for k, piece in enumerate(span.text.split(" ")):
            if k:
                words.append([])
            if piece:
                words[-1].append(Span(piece, span.bold, span.italic))
    return [tuple(w) for w in words if w]


def _joined(words: list[_Word]) -> tuple[Span, ...]:
    """Words set on one line with single spaces, neighbouring pieces of one style merged."""
    spans: list[Span] = []
    for n, word in enumerate(words):
        for k, piece in enumerate(word):
            text = (" " if n and not k else "") + piece.text
            if spans and (spans[-1].bold, spans[-1].italic) == (piece.bold, piece.italic):
                spans[-1] = Span(spans[-1].text + text, piece.bold, piece.italic)
            else:
                spans.append(Span(text, piece.bold, piece.italic))
    return tuple(spans)


def _width(word: _Word, font: str) -> float:
    """A word's width in ems (its width at 1 pt, in points)."""
    from aligndeck.plan.text import text_width_pt

    return sum(text_width_pt(s.text, 10.0, bold=s.bold, italic=s.italic, font=font)
               for s in word) / 10.0
