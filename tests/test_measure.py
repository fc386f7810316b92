"""Tests for aligndeck.plan.text.measure (Carlito/Calibri text measurement and wrapping)."""

from __future__ import annotations

import importlib.util
import itertools
import math
import re
import string
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from aligndeck.plan.markup import parse_inline
from aligndeck.plan.model import Paragraph, Run
from aligndeck.plan.text.fit import breaks_a_word, paragraph_lines
from aligndeck.plan.text.lines import wrap_styled, wrap_text
from aligndeck.plan.text.measure import (
    MONOSPACE_EM,
    StyledPiece,
    char_width_em,
    line_height_pt,
    styled_width_pt,
    text_block_height_pt,
    text_width_pt,
)

FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
STYLE_FILES = {
    (False, False): "Carlito-Regular.ttf",
    (True, False): "Carlito-Bold.ttf",
    (False, True): "Carlito-Italic.ttf",
    (True, True): "Carlito-BoldItalic.ttf",
}
SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "make_font_metrics.py"

CJK_CLOSING = "、。，．：；！？）」』】〉》〕］｝"
ASCII_CLOSING = ".,;:!?)"
CJK_OPENING = "（「『【〈《〔［｛"
SPACES = " \t\n\r\v"


def _font_path(bold: bool, italic: bool) -> Path:
    path = FONT_DIR / STYLE_FILES[(bold, italic)]
    if not path.is_file():
        pytest.skip(
            f"Carlito font not installed: {path} missing (apt install fonts-crosextra-carlito)"
        )
    return path


def _non_space(text: str) -> str:
    return "".join(ch for ch in text if ch not in SPACES)


def _hard_lines(text: str) -> int:
    return len(re.split(r"\r\n|[\n\r\v]", text))


# --------------------------------------------------------------------- widths


@pytest.mark.parametrize(
    ("text", "bold", "italic"),
    [
        ("Alignment", False, False),
        ("Alignment", True, False),
        ("The quick brown fox, 42%!", False, True),
        ("Ωμέγα и Кириллица → ≤ ■", True, True),
    ],
)
def test_width_matches_pillow_on_installed_font(text: str, bold: bool, italic: bool) -> None:
    from PIL import ImageFont

    size_px = 1000  # large, so hinting's whole-pixel rounding is negligible
    font = ImageFont.truetype(
        str(_font_path(bold, italic)), size=size_px, layout_engine=ImageFont.Layout.BASIC
    )
    expected = font.getlength(text) / size_px * 20
    actual = text_width_pt(text, 20, bold=bold, italic=italic)
    assert actual == pytest.approx(expected, rel=0.005)


@pytest.mark.parametrize(
    ("text", "size_pt", "bold", "expected_pt"),
    [
        # advances in 1/2048 em from Carlito 1.103 (identical to Calibri)
        ("Alignment", 20, False, 20 * 8582 / 2048),
        ("Alignment", 2048, True, 8823),
        (" ", 2048, False, 463),
        ("a", 2048, False, 981),
        ("", 12, False, 0.0),
    ],
)
def test_known_widths(text: str, size_pt: float, bold: bool, expected_pt: float) -> None:
    assert text_width_pt(text, size_pt, bold=bold) == pytest.approx(expected_pt)


def test_bold_is_wider_than_regular() -> None:
    text = "Quarterly revenue grew by 12 percent"
    assert text_width_pt(text, 18, bold=True) > text_width_pt(text, 18)


@pytest.mark.parametrize(
    "ch", ["中", "あ", "カ", "한", "Ａ", "！", "\u3000", "😀", "🫠", "☀", "✅"]
)
def test_wide_and_emoji_characters_are_one_em(ch: str) -> None:
    assert char_width_em(ch) == 1.0
    assert char_width_em(ch, bold=True) == 1.0


@pytest.mark.parametrize(
    "ch", ["\u0301", "\u0308", "\u20dd", "\u200b", "\u200c", "\u200d", "\ufeff", "\ufe0f", "\n"]
)
def test_combining_and_zero_width_characters_are_zero(ch: str) -> None:
    assert char_width_em(ch) == 0.0


def test_combining_mark_adds_nothing() -> None:
    assert text_width_pt("e\u0301", 12) == text_width_pt("e", 12)


def test_unknown_character_is_average_lowercase() -> None:
    for bold, italic in STYLE_FILES:
        mean = sum(char_width_em(c, bold=bold, italic=italic) for c in string.ascii_lowercase) / 26
        unknown = char_width_em("ა", bold=bold, italic=italic)  # Georgian: not in the table
        assert mean <= unknown <= mean + 1 / 2048


def test_tab_and_no_break_space_measure_as_space() -> None:
    assert char_width_em("\t") == char_width_em(" ") == char_width_em("\u00a0")


def test_char_width_needs_exactly_one_character() -> None:
    with pytest.raises(ValueError):
        char_width_em("ab")
    with pytest.raises(ValueError):
        char_width_em("")


@pytest.mark.parametrize(
    "call",
    [
        lambda: text_width_pt("a", -1),
        lambda: text_width_pt("a", math.nan),
        lambda: wrap_text("a", -1, 12),
        lambda: wrap_text("a", 10, -12),
        lambda: line_height_pt(-1),
        lambda: line_height_pt(12, -1),
        lambda: text_block_height_pt(-1, 12),
    ],
)
def test_negative_or_nan_arguments_raise(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError):
        call()


# --------------------------------------------------------------- line height


def test_line_height_is_calibri_single_spacing() -> None:
    em = line_height_pt(1.0)
    assert em == 2500 / 2048  # winAscent + winDescent = hhea ascent + descent + lineGap
    assert 1.21 < em < 1.23
    assert line_height_pt(20) == pytest.approx(20 * em)
    assert line_height_pt(20, 1.5) == pytest.approx(30 * em)


def test_line_height_matches_installed_font() -> None:
    from PIL import ImageFont

    font = ImageFont.truetype(str(_font_path(False, False)), size=2048)
    ascent, descent = font.getmetrics()
    assert (ascent, descent) == (1536, 512)  # exactly 1 em: the line gap is not included
    assert line_height_pt(2048) == pytest.approx(font.font.height)  # FreeType's line height


def test_text_block_height() -> None:
    assert text_block_height_pt(3, 10) == pytest.approx(3 * line_height_pt(10))
    assert text_block_height_pt(2, 10, 1.5) == pytest.approx(2 * line_height_pt(10, 1.5))
    assert text_block_height_pt(0, 10) == 0.0


# ----------------------------------------------------------------- wrapping


@pytest.mark.parametrize(
    ("text", "width_em", "expected"),
    [
        ("", 10, [""]),
        ("   ", 10, [""]),
        ("a\n\nb", 10, ["a", "", "b"]),
        ("a\r\nb\rc\vd", 10, ["a", "b", "c", "d"]),
        ("  lead   and\t\ttrail  ", 100, ["lead and trail"]),
        (
            "The quick brown fox jumps over the lazy dog",
            5,
            ["The quick", "brown fox", "jumps over", "the lazy dog"],
        ),
        ("Supercalifragilistic", 3, ["Superc", "alifragi", "listic"]),
        (
            "今日は良い天気です。明日も晴れるでしょう。",
            5,
            ["今日は良い", "天気です。", "明日も晴れ", "るでしょ", "う。"],
        ),
        ("はい」。と言った", 3, ["は", "い」。", "と言っ", "た"]),
        ("ああ「はい」", 4, ["ああ「は", "い」"]),
        ("ああ「はい」", 3, ["ああ", "「は", "い」"]),
        ("一二三四（五）", 5, ["一二三四", "（五）"]),
    ],
)
def test_wrap_examples(text: str, width_em: float, expected: list[str]) -> None:
    assert wrap_text(text, width_em * 20, 20) == expected


def test_wrap_keeps_closing_mark_after_space_with_its_word() -> None:
    # "!" may not start a line even after a space: "wait !" stays together if it fits.
    width = text_width_pt("wait !", 20)
    assert wrap_text("wait ! go", width, 20) == ["wait !", "go"]


def test_wrap_exact_fit_and_one_unit_less() -> None:
    width = text_width_pt("alpha beta", 12)
    assert wrap_text("alpha beta gamma", width, 12) == ["alpha beta", "gamma"]
    assert wrap_text("alpha beta gamma", width - 1e-9, 12) == ["alpha", "beta", "gamma"]


def test_wrap_zero_width_puts_one_character_per_line() -> None:
    assert wrap_text("abc de", 0, 12) == ["a", "b", "c", "d", "e"]


def test_wrap_bold_needs_more_room() -> None:
    text = "mmmm mmmm mmmm mmmm"
    width = text_width_pt("mmmm mmmm", 20)
    assert wrap_text(text, width, 20) == ["mmmm mmmm", "mmmm mmmm"]
    assert len(wrap_text(text, width, 20, bold=True)) > 2


# --------------------------------------------------------------- properties

_MIXED = st.text(
    alphabet=st.sampled_from(
        [
            *"abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;:!?()-'",
            *"      \t\n",
            *"中文字日本語あいうカタ한국",
            *CJK_CLOSING,
            *CJK_OPENING,
            *["é", "\u0301", "😀", "ж", "ω", "\u00a0", "\u200b"],
        ]
    ),
    max_size=120,
)
_SIZES = st.floats(min_value=1, max_value=96, allow_nan=False)
_WIDTHS = st.floats(min_value=0, max_value=800, allow_nan=False)
_STYLE = st.booleans()


@settings(deadline=None, max_examples=300)
@given(text=st.one_of(_MIXED, st.text(max_size=80)), width=_WIDTHS, size=_SIZES, bold=_STYLE)
def test_wrapped_lines_fit_unless_single_character(
    text: str, width: float, size: float, bold: bool
) -> None:
    for line in wrap_text(text, width, size, bold=bold):
        assert len(line) <= 1 or text_width_pt(line, size, bold=bold) <= width, line


@settings(deadline=None, max_examples=300)
@given(text=st.one_of(_MIXED, st.text(max_size=80)), width=_WIDTHS, size=_SIZES)
def test_wrap_preserves_non_space_characters_in_order(text: str, width: float, size: float) -> None:
    lines = wrap_text(text, width, size)
    assert _non_space("".join(lines)) == _non_space(text)
    assert all(line == line.strip(" ") for line in lines)


@settings(deadline=None, max_examples=200)
@given(text=st.one_of(_MIXED, st.text(max_size=80)), size=_SIZES)
@example(text="\x1e\u0590", size=1.0)  # libraqm refuses to lay this out: measured unshaped
def test_huge_width_gives_one_line_per_hard_line(text: str, size: float) -> None:
    lines = wrap_text(text, 1e9, size)
    assert len(lines) == _hard_lines(text)
    assert _non_space("".join(lines)) == _non_space(text)


_CJK_TOKEN = st.tuples(
    st.sampled_from(["", *CJK_OPENING]),
    st.sampled_from([*"中文字日本語漢あいうえおカタカナー한국어"]),
    st.sampled_from(["", *CJK_CLOSING, *ASCII_CLOSING]),
).map("".join)


@settings(deadline=None, max_examples=300)
@given(
    tokens=st.lists(_CJK_TOKEN, min_size=1, max_size=40),
    width_em=st.floats(min_value=3, max_value=30, allow_nan=False),
    size=_SIZES,
)
def test_cjk_kinsoku(tokens: list[str], width_em: float, size: float) -> None:
    # Every token (opening? + character + closing?) is at most 3 em, so each fits on a
    # line and the kinsoku rules can always be honoured.
    lines = wrap_text("".join(tokens), width_em * size, size)
    assert "".join(lines) == "".join(tokens)
    for line in lines:
        assert line
        assert line[0] not in CJK_CLOSING + ASCII_CLOSING, lines
        assert line[-1] not in CJK_OPENING, lines


# ------------------------------------------------------------ mixed styles


def _styled_lines(pieces: list[StyledPiece], lines: list[str]) -> list[list[StyledPiece]]:
    """Each wrapped line as one-character pieces in the style of the character it came from
    (lines are the pieces' text in order, less dropped whitespace)."""
    chars = [(ch, bold, italic, font) for text, bold, italic, font in pieces for ch in text]
    out: list[list[StyledPiece]] = []
    k = 0
    for line in lines:
        styled: list[StyledPiece] = []
        for ch in line:
            while not (chars[k][0] == ch or (ch == " " and chars[k][0] == "\t")):
                assert chars[k][0] in SPACES, (chars[k], ch)
                k += 1
            styled.append((ch, *chars[k][1:]))
            k += 1
        out.append(styled)
    return out


def test_wrap_styled_measures_each_piece_in_its_style() -> None:
    words = ["mmmm"] * 4
    regular = [(w + " ", False, False, "Calibri") for w in words]
    bold = [(w + " ", True, False, "Calibri") for w in words]
    width = text_width_pt("mmmm mmmm", 20)
    assert wrap_styled(regular, width, 20) == ["mmmm mmmm", "mmmm mmmm"]
    assert len(wrap_styled(bold, width, 20)) > 2
    # One bold word is enough to push its neighbour down.
    mixed = [("mmmm ", True, False, "Calibri"), ("mmmm mmmm mmmm", False, False, "Calibri")]
    assert wrap_styled(mixed, width, 20) == ["mmmm", "mmmm mmmm", "mmmm"]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ([], [""]),
        ([("a\r", False, False, "Calibri"), ("\nb", True, False, "Calibri")], ["a", "b"]),
        ([("a ", False, False, "Calibri"), ("  b", True, False, "Calibri")], ["a b"]),
        ([("  ", True, False, "Calibri"), ("a", False, False, "Calibri"),
          (" \t", False, True, "Calibri")], ["a"]),
        ([("bold", True, False, "Calibri"), ("ness", False, False, "Calibri")], ["boldness"]),
    ],
)
def test_wrap_styled_joins_pieces_before_wrapping(pieces: list[StyledPiece],
                                                  expected: list[str]) -> None:
    assert wrap_styled(pieces, 1000, 12) == expected


def test_styled_width_adds_up_the_pieces() -> None:
    assert styled_width_pt([], 12) == 0
    assert styled_width_pt([("Hello", False, False, "Calibri")], 12) == text_width_pt("Hello", 12)
    pieces: list[StyledPiece] = [("Hel", True, False, "Calibri"), ("lo", False, True, "Calibri")]
    expected = text_width_pt("Hel", 12, bold=True) + text_width_pt("lo", 12, italic=True)
    assert styled_width_pt(pieces, 12) == pytest.approx(expected)
    with pytest.raises(ValueError, match="size_pt"):
        styled_width_pt(pieces, -1)
    with pytest.raises(ValueError, match="width_pt"):
        wrap_styled(pieces, math.nan, 12)


def test_monospace_code_is_never_narrower_than_its_cell() -> None:
    for ch in "il.: mW":
        assert char_width_em(ch, font="Consolas") >= MONOSPACE_EM
    assert char_width_em("中", font="Consolas") == 1.0
    assert char_width_em("\u0301", font="Consolas") == 0.0


_FONTS = st.sampled_from(["Calibri", "Calibri", "Carlito", "Consolas"])
_PIECES = st.lists(st.tuples(st.one_of(_MIXED, st.text(max_size=20)), _STYLE, _STYLE, _FONTS),
                   max_size=6)


@settings(deadline=None, max_examples=300)
@given(text=st.one_of(_MIXED, st.text(max_size=80)), width=_WIDTHS, size=_SIZES, bold=_STYLE,
       italic=_STYLE, cuts=st.lists(st.integers(0, 120), max_size=4))
def test_wrap_styled_of_one_style_is_wrap_text(text: str, width: float, size: float,
                                               bold: bool, italic: bool,
                                               cuts: list[int]) -> None:
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    pieces = [(text[a:b], bold, italic, "Calibri") for a, b in itertools.pairwise(bounds)]
    assert wrap_styled(pieces, width, size) == wrap_text(text, width, size, bold=bold,
                                                        italic=italic)


@settings(deadline=None, max_examples=300)
@given(pieces=_PIECES, width=_WIDTHS, size=_SIZES)
def test_styled_lines_fit_unless_single_character(pieces: list[StyledPiece], width: float,
                                                  size: float) -> None:
    lines = wrap_styled(pieces, width, size)
    text = "".join(piece[0] for piece in pieces)
    assert _non_space("".join(lines)) == _non_space(text)
    assert len(lines) >= _hard_lines(text)
    for line, styled in zip(lines, _styled_lines(pieces, lines), strict=True):
        assert len(line) <= 1 or styled_width_pt(styled, size) <= width, line


# ----------------------------------------------------- paragraphs (textfit)


def _paragraph(markup: str, size: float = 20) -> Paragraph:
    """Runs made from inline markup, as the plan makes them."""
    runs = tuple(Run(span.text, size, bold=span.bold, italic=span.italic,
                     font="code" if span.code else "body")
                 for span in parse_inline(markup))
    return Paragraph(runs)


def test_paragraph_lines_measure_bold_runs_bold() -> None:
    width = text_width_pt("mmmm mmmm", 20) / 0.96  # textfit keeps a 4% safety margin
    assert paragraph_lines(_paragraph("mmmm mmmm mmmm mmmm"), width) == 2
    assert paragraph_lines(_paragraph("**mmmm** mmmm mmmm mmmm"), width) == 3
    assert paragraph_lines(_paragraph("**mmmm mmmm mmmm mmmm**"), width) > 2


def test_paragraph_lines_measure_code_runs_monospaced() -> None:
    text = "iiii iiii iiii iiii"
    width = text_width_pt("iiii iiii", 20) / 0.96
    assert paragraph_lines(_paragraph(text), width) == 2
    assert paragraph_lines(_paragraph(f"`{text}`"), width) > 2
    # A theme may name its own code font (here Calibri: code then measures like body text).
    fonts = {"heading": "Calibri", "body": "Calibri", "code": "Calibri"}
    assert paragraph_lines(_paragraph(f"`{text}`"), width, fonts) == 2


@pytest.mark.parametrize("spacing", [0.0, 1.5])
@pytest.mark.parametrize("caps", [False, True])
@pytest.mark.parametrize("bold", [False, True])
def test_paragraph_of_one_run_wraps_like_wrap_text(spacing: float, caps: bool,
                                                   bold: bool) -> None:
    text = "Alignment makes models useful, honest and harmless to people"
    run = Run(text, 18, bold=bold, caps=caps, spacing=spacing)
    shown = text.upper() if caps else text
    for width in (60.0, 120.0, 200.0, 400.0):
        available = max(width * 0.96 - spacing * (len(shown) - 1), 1.0)
        expected = len(wrap_text(shown, available, 18, bold=bold))
        assert paragraph_lines(Paragraph((run,)), width) == expected
        # Split into runs of the same style: the same lines.
        halves = (Run(text[:17], 18, bold=bold, caps=caps, spacing=spacing),
                  Run(text[17:], 18, bold=bold, caps=caps, spacing=spacing))
        assert paragraph_lines(Paragraph(halves), width) == expected


def test_breaks_a_word_measures_words_across_runs() -> None:
    word = text_width_pt("Boldness", 20)
    width = (word + 0.5) / 0.96
    assert not breaks_a_word([_paragraph("Boldness")], width)
    assert breaks_a_word([_paragraph("**Bold**ness")], width)
    assert breaks_a_word([_paragraph("**Boldness**")], width)
    # A space or a hyphen between the runs is a break, so the parts are measured apart.
    assert not breaks_a_word([_paragraph("**Bold** ness")], width)
    assert not breaks_a_word([_paragraph("**Bold**-ness")], width)
    # "**Bold-**ness" is no markup (its closing ** follows a hyphen) but one word whose
    # hyphen stands before "*", not between letters: the wrap has no break in it (it cut
    # it as '**Bold-*' / '*ness'), so it is a word too wide.
    assert breaks_a_word([_paragraph("**Bold-**ness")], width)


# ------------------------------------------------------------ metrics file


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_font_metrics", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_packaged_metrics_are_generated_by_current_script() -> None:
    import json

    for bold, italic in STYLE_FILES:
        _font_path(bold, italic)
    script = _load_script()
    packaged = (resources.files("aligndeck") / "data" / "carlito-metrics.json").read_text(
        encoding="utf-8"
    )
    fresh_doc = script.build_metrics(FONT_DIR, warn=False)
    recorded = json.loads(packaged)["source"]["fonts"]
    if fresh_doc["source"]["fonts"] != recorded:
        pytest.skip(f"installed Carlito differs from the recorded one ({recorded})")
    assert script.render_json(fresh_doc) == packaged, (
        "carlito-metrics.json is stale: run python tools/make_font_metrics.py"
    )


def test_packaged_metrics_are_small_and_complete() -> None:
    import json

    raw = (resources.files("aligndeck") / "data" / "carlito-metrics.json").read_bytes()
    assert len(raw) < 120_000
    doc = json.loads(raw)
    assert doc["units_per_em"] == 2048
    assert "OFL" in doc["source"]["license"] or "Open Font License" in doc["source"]["license"]
    assert set(doc["styles"]) == {"regular", "bold", "italic", "bolditalic"}


def _fontconfig_file(pattern: str) -> str | None:
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                           text=True, check=False)
    return found.stdout.strip() or None


MISSING_GLYPHS = [
    # (family, a character its font here lacks): Noto Serif (a template's Constantia, as
    # fontconfig sets it) has no arrows; LibreOffice draws them from DejaVu Serif.
    ("Noto Serif", "→"),
    ("Noto Serif", "⇒"),
]


@pytest.mark.parametrize(("family", "char"), MISSING_GLYPHS)
def test_a_character_the_font_lacks_is_measured_in_the_font_that_draws_it(
        family: str, char: str) -> None:
    """Measured in the font's empty box (.notdef, 0.6 em in Noto Serif), an arrow was 28%
    narrower than LibreOffice draws it, and a line of a BSE diagram box broke a word later on
    the page than in the .pptx (issue 28)."""
    from PIL import ImageFont

    own = _fontconfig_file(f"{family}:weight=regular:slant=roman")
    drawn = _fontconfig_file(f"{family}:weight=regular:slant=roman:charset={ord(char):x}")
    if own is None or drawn is None or Path(own).stem.replace("-Regular", "") != \
            family.replace(" ", ""):
        pytest.skip(f"{family} is not installed")
    if own == drawn:
        pytest.skip(f"{family} has {char} here")
    advance = ImageFont.truetype(drawn, size=2048).getlength(char) / 2048
    notdef = ImageFont.truetype(own, size=2048).getlength(char) / 2048
    assert abs(advance - notdef) > 0.05  # the two differ, so the test can tell them apart
    assert text_width_pt(char, 100.0, font=family) == pytest.approx(advance * 100, abs=0.06)
