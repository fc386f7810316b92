"""Maximal matching of words in text written without spaces (plan/text/segment.py), as
katakana compounds and kanji compounds are read."""

from __future__ import annotations

import pytest

from aligndeck.plan.text import katakana
from aligndeck.plan.text.segment import inside_kanji_words, inside_known, segment

WORDS = frozenset({"カスタマー", "サポート", "センター", "ソフトウェア", "ライセンス", "ウェア"})


@pytest.mark.parametrize(("run", "expected"), [
    # Known words only: each a piece.
    ("カスタマーサポートセンター", [("カスタマー", True), ("サポート", True), ("センター", True)]),
    # The fewest letters outside a word first: ソフトウェア whole, not ソフト + ウェア.
    ("ソフトウェアライセンス", [("ソフトウェア", True), ("ライセンス", True)]),
    # Unknown letters, however many, are one piece.
    ("スマートセンター", [("スマート", False), ("センター", True)]),
    ("コンサンプション", [("コンサンプション", False)]),
    ("", []),
])
def test_segment_reads_the_known_words(run: str, expected: list[tuple[str, bool]]) -> None:
    pieces = segment(run, WORDS, 3, 6)
    assert [(run[a:b], known) for a, b, known in pieces] == expected


@pytest.mark.parametrize(("run", "expected"), [
    ("ソフトウェアライセンス", {1, 2, 3, 4, 5, 7, 8, 9, 10}),
    ("スマートセンター", {5, 6, 7}),  # nothing inside the unknown スマート
])
def test_inside_known_is_inside_a_known_word_only(run: str, expected: set[int]) -> None:
    assert inside_known(run, WORDS, 3, 6) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # 自律 + 走行 + 型: BudouX's "自律走|行型" falls inside 走行.
    ("自律走行型ピッキングロボット", {1, 3}),
    ("出荷リードタイムを短縮した", {1, 10}),
    # A run of kanji the list does not know: no offset is inside a word.
    ("鬱蒼", set()),
    ("ピッキング", set()),
])
def test_inside_kanji_words(text: str, expected: set[int]) -> None:
    assert inside_kanji_words(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ソフトウェアライセンスで約３億円", {1, 2, 3, 4, 5, 7, 8, 9, 10}),
    # Two loanwords of the list, each kept whole.
    ("ピッキングロボット", {1, 2, 3, 4, 6, 7, 8}),
])
def test_katakana_inside_words(text: str, expected: set[int]) -> None:
    assert katakana.inside_words(text) == expected


@pytest.mark.parametrize(("run", "expected"), [
    # Without merging (Thai's way), each unknown letter is a piece and counts as one.
    ("สมาร์ทสวัสดี", ["ส", "ม", "า", "ร", "์", "ท", "สวัสดี"]),
    ("สวัสดีครับ", ["สวัสดี", "ครับ"]),
])
def test_segment_without_merging_keeps_unknown_letters_apart(run: str,
                                                            expected: list[str]) -> None:
    words = frozenset({"สวัสดี", "ครับ"})
    assert [run[a:b] for a, b, _ in segment(run, words, 2, 24, merge=False)] == expected
