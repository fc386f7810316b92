"""Numbers are words: a number stays on the line of its unit ("12.5 km"), a renderer is
told so with no-break spaces, and in right-to-left text a signed number or a percentage is
isolated so its sign stays where a reader of the script expects it. The line breaker
(lines.py) and both renderers use these.
"""

from __future__ import annotations

import re

__all__ = ["UNITS", "isolate_numbers", "join_numbers", "unit_spaces"]

UNITS = frozenset({
    "%", "‰", "pp", "p.p.", "ms", "µs", "ns", "s", "sec", "min", "h", "km", "m", "cm", "mm",
    "kg", "g", "mg", "GB", "MB", "KB", "kB", "TB", "GiB", "MiB", "KiB", "TiB", "x", "×", "°C",
    "°F", "°", "pt", "px", "Hz", "kHz", "MHz", "GHz", "kW", "MW", "GW", "kWh", "€", "$", "£",
    "¥", "₪", "EUR", "USD", "GBP", "bn", "tok/s", "QPS", "RPS",
})
"""Units that stay on the line of the number before them: "12.5 km" never breaks."""

_NUMBER_THEN_WORD = re.compile(r"(?<=[0-9\u0660-\u0669\u06f0-\u06f9%‰])( )(\S+)")


def unit_spaces(s: str) -> frozenset[int]:
    """Indices of the spaces between a number and its unit in `s`."""
    found = set()
    for match in _NUMBER_THEN_WORD.finditer(s):
        if match.group(2).rstrip(".,;:!?)»”’،؛\u2069") in UNITS:
            found.add(match.start(1))
    return frozenset(found)


_WORD_INITIAL_HYPHEN = re.compile(r"(?:(?<=\s)|^)([-\u2010])(?=[^\W\d_])")


def join_numbers(text: str) -> str:
    """`text` with each space between a number and its unit made a no-break space, so a
    renderer that breaks at every space keeps them together as the measure did; and a
    word-initial hyphen ("Meisterinnen und -meister") glued to its word by a word joiner:
    the measure never breaks after it (UAX #14's rule LB20.1), LibreOffice did, leaving
    a lone "-" at a line's end."""
    if "-" in text or "\u2010" in text:
        text = _WORD_INITIAL_HYPHEN.sub("\\1\u2060", text)
    if not any(map(str.isdigit, text)):
        return text
    spaces = unit_spaces(text)
    return "".join("\u00a0" if i in spaces else ch for i, ch in enumerate(text))


_SIGNED_NUMBER = re.compile(r"(?<![\w.,])(?:[+\-\u2212\u00b1]\d[\d.,\u066b\u066c]*"
                            r"(?:[%\u2030\u066a]|[ \u00a0](?:pp|%)(?![\w]))?"
                            r"|\d[\d.,\u066b\u066c]*(?:[%\u2030\u066a]|[ \u00a0]%(?![\w])))")


def isolate_numbers(text: str) -> str:
    """`text` with every signed number ("-49.6%", "+3", "-1.6 pp") and every percentage
    ("61%") isolated left to right (U+2066 ... U+2069), for a right-to-left paragraph: its
    sign then stays before its digits, where the reader of a table of figures expects it,
    whatever surrounds it (Unicode's bidi rules would otherwise put a leading minus on the
    right of some cells and the left of others). After Arabic letters the rules also set an
    unsigned "61%" as "%61" (its digits count as Arabic numbers, which the percent sign does
    not follow), while a signed one and a table cell read "-15%", "61%": isolated, every
    percentage reads alike, with its sign or not, and with a space before its percent sign
    or not ("61 %", as French and German write it, like "-15 %"). Isolates take no width
    and are measured as nothing."""
    if not any(map(str.isdigit, text)):
        return text
    return _SIGNED_NUMBER.sub(lambda m: f"\u2066{m.group()}\u2069", text)
