"""Thai: words found in a dictionary (aligndeck.plan.text.thai), measured in the Thai font,
and the lines written so every renderer shows the measured ones."""

from __future__ import annotations

import pytest

from aligndeck.plan.model import Colour, Paragraph, Run
from aligndeck.plan.text import complex_script_font, text_width_pt
from aligndeck.plan.text.fit import CALIBRI_FONTS, SAFETY, breaks_a_word, written_breaks
from aligndeck.plan.text.thai import pieces
from test_linebreak import THAI_FONT

PIECES = [
    # Dictionary words; a line never breaks inside บันทึก (BudouX's model did).
    ("สไลด์และบันทึก", ["สไลด์", "และ", "บันทึก"]),
    ("คำตอบที่ดีกว่า", ["คำตอบ", "ที่", "ดีกว่า"]),
    # A leading vowel (ไ) starts its word; a tone mark or ำ never starts one.
    ("ไปไหนมา", ["ไป", "ไหน", "มา"]),
    ("น้ำ", ["น้ำ"]),
    # The repetition mark ๆ stays with the word it repeats.
    ("ง่ายๆ", ["ง่ายๆ"]),
    # Letters no word covers stay together; beside them a line breaks only where two
    # known syllables meet, and letters that are no syllable either do not part at all.
    ("ฆฆฆฆ", ["ฆฆฆฆ"]),
    ("ภาษาฆฆฆฆไทย", ["ภาษาฆฆฆฆไทย"]),
    # Loanwords and names the word list lacks part between their syllables, never inside
    # one (the word list alone gave ทรานส์|ฟ|อร์|เม|อร์, คู|เบอร์|เนที|ส, ดี|พ|ซี|ค).
    ("ทรานส์ฟอร์เมอร์", ["ทรานส์", "ฟอร์", "เมอร์"]),
    ("คูเบอร์เนทีส", ["คู", "เบอร์", "เนทีส"]),
    ("เจษฎาภรณ์", ["เจษฎา", "ภรณ์"]),
    ("ดีพซีค", ["ดีพซีค"]),
    ("พิธา", ["พิธา"]),
    # Only Thai is cut here; spaces and other scripts are the line breaker's.
    ("GPT-4", ["GPT-4"]),
]


@pytest.mark.parametrize(("word", "expected"), PIECES)
def test_thai_is_cut_between_dictionary_words(word: str, expected: list[str]) -> None:
    assert pieces(word) == expected
    assert "".join(pieces(word)) == word


def test_thai_runs_name_the_thai_font() -> None:
    assert complex_script_font("ขั้นที่ 1") == "Noto Sans Thai"
    assert complex_script_font("Stage 1") is None
    assert complex_script_font("المرحلة 1") == "Noto Sans Arabic"


@THAI_FONT
def test_thai_is_measured_in_the_thai_font_whatever_the_runs_font() -> None:
    """Noto Sans Thai's letters (0.62 em on average) are wider than the 0.46 em a letter
    Calibri lacks is guessed at; a template's Latin font does not change them."""
    word = "ภาษาไทย"  # seven letters, none of them a mark
    assert text_width_pt(word, 10) >= 0.5 * 10 * 7
    assert text_width_pt(word, 10, font="DejaVu Serif") == text_width_pt(word, 10)


def paragraph(text: str, role: str = "body") -> Paragraph:
    return Paragraph((Run(text, 20, Colour("ink"), font=role),))


@THAI_FONT
@pytest.mark.parametrize("role", ["body", "heading"])
def test_thai_lines_are_written_as_measured(role: str) -> None:
    """Each renderer has its own Thai dictionary; the measured lines are written as line
    breaks, in body text as in headings."""
    written = written_breaks(paragraph("สไลด์และบันทึกอยู่ในโฟลเดอร์ที่ใช้ร่วมกัน", role),
                             8 * 20 / SAFETY, CALIBRI_FONTS)
    assert written.runs[0].text == "สไลด์และบันทึกอยู่\vในโฟลเดอร์ที่ใช้\vร่วมกัน"


def test_a_line_of_thai_words_is_no_word_too_wide() -> None:
    """A Thai sentence has no spaces, yet no single word of it is too wide for a narrow
    box: fitting must not shrink it (or warn) as if it were one long word."""
    text = "การเรียนรู้แบบเสริมกำลังจากความคิดเห็นของมนุษย์"
    assert not breaks_a_word([paragraph(text)], 120)
    assert breaks_a_word([paragraph("ความคิดเห็น")], 40)


def test_an_unbreakable_thai_stretch_too_wide_is_warned_about_at_its_place() -> None:
    """Letters that are neither words nor syllables of the lists do not part; when they
    are wider than the box, the warning names them (not the sentence they sit in)."""
    from aligndeck.outline.loader import load_outline_text
    from aligndeck.plan.deck import plan_deck

    unknown = "ฆีพซีค" * 8
    outline = f"""title: ภาษาไทย
language: th
stages:
  - name: ขั้นแรก
    summary: ระบบดีกว่า{unknown}
  - {{name: ขั้นสอง, summary: สั้น}}
"""
    plan = plan_deck(load_outline_text(outline))
    warned = [f.message for f in plan.findings if f.source == ("stages", 0, "summary")]
    # ระบบ is a word of its own; ดีกว่า meets the unknown letters where no syllable of
    # the list ends, so it stays with them.
    wide = "ดีกว่า" + unknown
    assert any(message.startswith(f"'{wide[:28]}…' is too wide for its box")
               for message in warned), warned
