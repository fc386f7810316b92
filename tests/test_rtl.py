"""Right-to-left scripts: direction, language and font per run, and widths as shaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation

from aligndeck.api import build
from aligndeck.plan.text.measure import text_width_pt
from aligndeck.plan.text.scripts import (
    complex_script_font,
    has_east_asian,
    is_rtl_text,
    language_of,
)
from aligndeck.plan.text.shaping import shaping
from helpers import DEFAULT_OUTLINE

OUTLINES = Path(__file__).parent / "outlines"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.mark.parametrize(("text", "default", "language"), [
    ("שלום עולם", "en-US", "he-IL"),
    ("שלום עולם", "he-IL", "he-IL"),
    ("مرحبا بالعالم", "en-US", "ar-SA"),
    ("مرحبا بالعالم", "ar-EG", "ar-EG"),
    ("سلام دنیا", "fa-IR", "fa-IR"),
    ("ہیلو دنیا", "ur-PK", "ur-PK"),
    ("Hello", "he-IL", "he-IL"),
])
def test_language_of_a_run_follows_its_script(text: str, default: str, language: str) -> None:
    assert language_of(text, default) == language


@pytest.mark.parametrize(("text", "language", "rtl"), [
    ("שלום AI", "en-US", True),
    ("AI שלום", "en-US", False),  # the first letter decides, as Unicode's rule says
    ("GPT-4 הוא מודל", "he-IL", True),  # in a Hebrew talk, any Hebrew makes it read from the right
    ("GPT-4", "he-IL", False),
    ("2024", "ar-EG", True),
    ("Hello", "en-US", False),
])
def test_paragraph_direction(text: str, language: str, rtl: bool) -> None:
    assert is_rtl_text(text, language) is rtl


def _first_letter_rule(text: str, language: str) -> bool:
    """is_rtl_text as it was, without its shortcut for ASCII text."""
    import unicodedata

    from aligndeck.plan.text.scripts import is_rtl_language, rtl_script

    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    if is_rtl_language(language):
        return any(map(rtl_script, text)) or not letters
    return bool(letters) and rtl_script(letters[0]) is not None


@given(st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from("שم٣é")),
       st.sampled_from(["en-US", "he-IL", "ar", "de", "fa-IR"]))
def test_paragraph_direction_of_any_text(text: str, language: str) -> None:
    assert is_rtl_text(text, language) is _first_letter_rule(text, language)


def test_fonts_for_right_to_left_letters() -> None:
    assert complex_script_font("שלום") == "Noto Sans Hebrew"
    assert complex_script_font("AI مرحبا") == "Noto Sans Arabic"
    assert complex_script_font("Hello") is None
    assert not has_east_asian("שלום مرحبا")


def test_arabic_is_measured_shaped() -> None:
    """Joined letters take less room than the same letters standing alone."""
    if not shaping():
        pytest.skip("Pillow without libraqm: Arabic is measured unshaped (wider)")
    word = "بالعالم"
    alone = sum(text_width_pt(letter, 20) for letter in word)
    joined = text_width_pt(word, 20)
    assert 0 < joined < alone * 0.9
    assert text_width_pt(word, 20, bold=True) > joined


def test_hebrew_is_measured_in_its_own_font() -> None:
    # Noto Sans Hebrew's letters, not the guess for unknown letters (the a–z average).
    assert text_width_pt("שלום", 20) != pytest.approx(4 * text_width_pt("x", 20), rel=0.02)
    assert text_width_pt("שלום עולם", 20) > text_width_pt("שלום", 20) * 2


def paragraphs_of(deck: Path) -> list[tuple[str, dict[str, str], list[tuple[str, str | None]]]]:
    """(text, pPr attributes, [(lang, cs typeface)] of its runs) of every paragraph."""
    found = []
    for slide in Presentation(str(deck)).slides:
        root = etree.fromstring(etree.tostring(slide.shapes._spTree))
        for p in root.iter(f"{A}p"):
            text = "".join(t.text or "" for t in p.iter(f"{A}t"))
            if not text.strip():
                continue
            ppr = p.find(f"{A}pPr")
            runs = []
            for rpr in p.iter(f"{A}rPr"):
                cs = rpr.find(f"{A}cs")
                runs.append((rpr.get("lang", ""), cs.get("typeface") if cs is not None else None))
            found.append((text, dict(ppr.attrib) if ppr is not None else {}, runs))
    return found


@pytest.mark.parametrize(("outline", "language", "font"), [
    ("hebrew", "he-IL", "Noto Sans Hebrew"),
    ("arabic", "ar-EG", "Noto Sans Arabic"),
])
def test_rtl_talks_read_right_to_left(tmp_path: Path, outline: str, language: str,
                                      font: str) -> None:
    deck = tmp_path / f"{outline}.pptx"
    build(OUTLINES / f"{outline}.yaml", deck)
    paragraphs = paragraphs_of(deck)
    own = [p for p in paragraphs if is_rtl_text(p[0], "en-US")]
    assert len(own) > 20
    for text, attrs, runs in own:
        assert attrs.get("rtl") == "1", text
        assert attrs.get("algn") in ("r", "ctr"), text
        assert all(lang == language for lang, _ in runs), text
        assert any(cs == font for _, cs in runs), text
    bullets = [p for p in own if p[1].get("marL", "0") != "0"]
    assert bullets and all(p[1]["algn"] == "r" for p in bullets)


def test_a_hebrew_line_in_an_english_talk(tmp_path: Path) -> None:
    text = DEFAULT_OUTLINE.read_text(encoding="utf-8").replace(
        "Trained only to guess the next token across a vast pile of text",
        "שלום — a greeting that starts this line", 1)
    outline = tmp_path / "talk.yaml"
    outline.write_text(text, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    build(outline, deck)
    paragraphs = paragraphs_of(deck)
    hebrew = [p for p in paragraphs if p[0].startswith("שלום")]
    assert hebrew and all(p[1].get("rtl") == "1" for p in hebrew)
    english = [p for p in paragraphs if p[0].startswith("A predictor continues")]
    assert english and all("rtl" not in p[1] for p in english)
    assert all(lang == "en-US" for p in english for lang, _ in p[2])
