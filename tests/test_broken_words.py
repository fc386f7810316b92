"""The helper that finds words LibreOffice broke in the middle, on words as pdfplumber gives."""

from __future__ import annotations

from typing import Any

from helpers import broken_words

BOX = [("stage-5", (0.0, 0.0, 100.0, 100.0))]


def word(text: str, x0: float, line: int) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": 10.0 + 14 * line,
            "bottom": 22.0 + 14 * line}


def test_a_word_split_over_two_lines_is_found() -> None:
    words = [word("Rollout", 2, 0), word("and", 50, 0), word("monitorin", 2, 1), word("g", 2, 2)]
    assert broken_words(words, BOX, "Stage 5 Rollout and monitoring") == [
        "stage-5: 'monitorin' / 'g' (of 'monitoring')"]


def test_words_wrapped_whole_are_not_broken() -> None:
    words = [word("Rollout", 2, 0), word("and", 50, 0), word("monitoring,", 2, 1)]
    assert broken_words(words, BOX, "Rollout and monitoring, daily") == []


def test_breaks_after_a_hyphen_or_between_cjk_characters_are_breaks() -> None:
    words = [word("next-", 2, 0), word("token", 2, 1), word("事前学", 2, 2), word("習", 2, 3)]
    assert broken_words(words, BOX, "next-token 事前学習") == []


def test_right_to_left_lines_are_read_from_the_right() -> None:
    # Line 1 reads "שלום עו", line 2 "לם": the word עולם broken; the PDF gives them left to right.
    words = [word("עו", 2, 0), word("שלום", 60, 0), word("לם", 60, 1)]
    assert broken_words(words, BOX, "שלום עולם") == ["stage-5: 'עו' / 'לם' (of 'עולם')"]


def test_words_of_other_shapes_do_not_join() -> None:
    words = [word("monitorin", 2, 0), word("g", 150, 1)]
    assert broken_words(words, [*BOX, ("other", (120.0, 0.0, 200.0, 100.0))],
                        "monitoring") == []


def test_punctuation_moved_to_the_next_line_is_not_a_broken_word() -> None:
    words = [word("מתחיל", 2, 0), word(")", 2, 1), word("FDA,", 10, 1)]
    assert broken_words(words, BOX, "מתחיל (FDA, EMA)") == []
