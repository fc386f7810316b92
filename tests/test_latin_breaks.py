"""latin_breaks gives uniseg's UAX #14 breaks for Latin text without loading uniseg (issue 24).

uniseg is the reference: every character's class is compared with its own, and the
breaks of tricky texts (numbers, quotes, dashes, spaces next to them) and of any text
hypothesis makes of one character per class are compared with line_break_breakables.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from uniseg.linebreak import line_break, line_break_breakables

from aligndeck.plan.text import latin_breaks
from aligndeck.plan.text.lines import _breaks


def uniseg_breaks(s: str) -> list[bool]:
    return [bool(allowed) for allowed in line_break_breakables(s)]


@pytest.mark.parametrize("ch", sorted(latin_breaks.CLASS))
def test_each_class_is_uniseg_s(ch: str) -> None:
    expected = line_break(ch).name
    expected = "AL" if expected == "AI" else expected  # LB1
    assert (latin_breaks.CLASS[ch], unicodedata.east_asian_width(ch) in "FWH") == \
        (expected, False)


def test_quotation_marks_by_category() -> None:
    quotes = [ch for ch in latin_breaks.CLASS if unicodedata.category(ch) in ("Pi", "Pf")]
    assert sorted(ch for ch in quotes if unicodedata.category(ch) == "Pi") == \
        sorted(latin_breaks._PI)
    assert sorted(ch for ch in quotes if unicodedata.category(ch) == "Pf") == \
        sorted(latin_breaks._PF)


TRICKY = [
    "Ask “How do I make bread?” and it may reply with more questions",
    "Pasta, rice, pizza dough — lists like that are common online",
    "What’s missing is the goal",
    "Fine-tune on instruction → good response pairs",
    "How do I make soup…",
    "Treat “aligned” as a direction",
    "“ a” b ‘ c’ « d » ‹e›",
    "a — — b —— c",
    "-abc ‐abc a-b a‐b a–b (‐x) $-5",
    "$(1.5)% 12.5/3 €20 20€ +3 ±0.5 −1 1,000.00$ (12)% 5°C 3′ 4″",
    "x , .5 a .5 a,5 a:b a/b a;b !a ?b",
    "f(x) [a]b {c}d (a) b ) ] } ¿Qué? ¡Sí!",
    "'quoted' \"double\" it's «guillemets» „low“ ‚low‘",
    "a´b ´a |a a| … …a a…",
    "§1 ¶2 2×3 a÷b →x x→ ™ †‡ •a a•",
    "Œuvre naïve façade Ångström Łódź",
    "",
    "a",
    " ",
    "a  b",
    "“",
    "”a",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_break_as_uniseg_does(text: str) -> None:
    assert latin_breaks.handles(text)
    assert latin_breaks.breakables(text) == uniseg_breaks(text)


# One or two characters of every class, the Pi and Pf quotes and U+2010 among them.
ALPHABET = "aZé→×1 ,.:;!?/-‐–|—´…([{¿‚)]}%°$€+−\"'«»‘’“”"


@settings(max_examples=1500)
@given(st.text(alphabet=ALPHABET, max_size=10))
def test_any_text_breaks_as_uniseg_does(text: str) -> None:
    assert latin_breaks.breakables(text) == uniseg_breaks(text)


@pytest.mark.parametrize(("text", "handled"), [
    ("Ask “How” → café", True),
    ("日本語", False),       # East Asian: uniseg
    ("a\u00a0b", False),     # a no-break space (GL)
    ("a\u0301", False),      # a combining mark
    ("ภาษาไทย", False),
    ("a\u200bb", False),     # a zero-width space
])
def test_which_texts_it_handles(text: str, handled: bool) -> None:
    assert latin_breaks.handles(text) is handled


@pytest.mark.parametrize("text", [t for t in TRICKY
                                  if t.strip() == t and "  " not in t
                                  and not any(ch.isdigit() for ch in t)])
def test_a_line_breaks_where_uniseg_lets_it(text: str) -> None:
    expected = [(i - 1, i) if text[i - 1] == " " else (i, i)
                for i, allowed in enumerate(uniseg_breaks(text)) if allowed]
    assert list(_breaks(text)) == [*expected, (len(text), len(text))]
