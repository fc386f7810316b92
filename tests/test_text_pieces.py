"""One answer, in every script, to "what may a line not break inside": paragraph_words
(aligndeck.plan.text), which fitting and the table's narrowest column both measure."""

from __future__ import annotations

import pytest

from aligndeck.plan.model import EMU_PER_PT, Paragraph, Run
from aligndeck.plan.text import (
    fit_text,
    paragraph_words,
    styled_width_pt,
    unbroken_pieces,
    wrap_styled,
)
from aligndeck.plan.text.fit import SAFETY
from aligndeck.plan.text.lines import katakana_words

PIECES = [
    # Latin: spaces, and after a hyphen between letters; a number with its sign, decimals,
    # percent sign or unit is one piece (the minus of "-49.6%" is no hyphen).
    ("state-of-the-art GPT-4 and -49.6% of 12 GB",
     ["state-", "of-", "the-", "art", "GPT-4", "and", "-49.6%", "of", "12 GB"]),
    ("Instruktions/abstimmung über 3 km", ["Instruktions/", "abstimmung", "über", "3 km"]),
    # Whitespace of any kind, and however much, parts pieces and is no part of one.
    ("a\u00a0 b\v\tc  ", ["a", "b", "c"]),
    # Japanese: BudouX's phrases, a katakana word never parted.
    ("物流センターの自動化を進める", ["物流センターの", "自動化を", "進める"]),
    # Thai: the words of its dictionary.
    ("สไลด์และบันทึก", ["สไลด์", "และ", "บันทึก"]),
    # Korean: between syllables, as Unicode, PowerPoint and LibreOffice break it.
    ("한국어 문장", ["한", "국", "어", "문", "장"]),
    # Arabic: words, and an isolated signed number whole.
    ("معدل \u2066-49.6%\u2069 الأخطاء", ["معدل", "\u2066-49.6%\u2069", "الأخطاء"]),
]


@pytest.mark.parametrize(("text", "expected"), PIECES)
def test_a_paragraphs_unbroken_pieces_in_every_script(text: str, expected: list[str]) -> None:
    words = paragraph_words(Paragraph((Run(text, 14),)))
    assert ["".join(part for _, part in word) for word in words] == expected
    assert unbroken_pieces(text) == [" ".join(piece.split()) for piece in expected]


PIECES_OF_RUNS = [
    ([("物流", True), ("センターの自動化", False)],
     [[(True, "物流"), (False, "センターの")], [(False, "自動化")]]),
    ([("**", False), ("bold", True), ("ness here", False)],
     [[(False, "**"), (True, "bold"), (False, "ness")], [(False, "here")]]),
]


@pytest.mark.parametrize(("runs", "expected"), PIECES_OF_RUNS)
def test_a_piece_keeps_the_style_of_each_run_it_spans(
        runs: list[tuple[str, bool]], expected: list[list[tuple[bool, str]]]) -> None:
    paragraph = Paragraph(tuple(Run(text, 14, bold=bold) for text, bold in runs))
    assert [[(run.bold, part) for run, part in word]
            for word in paragraph_words(paragraph)] == expected


def test_capitals_are_measured_as_drawn() -> None:
    paragraph = Paragraph((Run("stage one", 14, caps=True),))
    assert [[part for _, part in word] for word in paragraph_words(paragraph)] \
        == [["STAGE"], ["ONE"]]


@pytest.mark.parametrize("cell", ["-5.9\u00a0pp", "\u2066-49.6%\u2069", "12 GB", "物流センターの"])
def test_a_table_column_is_never_narrower_than_its_widest_piece(cell: str) -> None:
    """A column at its least width still holds the piece whole: the wrap, which never
    breaks inside it, sets it on one line (the measure once split '-5.9 pp' after its
    minus, and a Japanese cell of several runs at no phrase)."""
    from aligndeck.plan.slides.table import _narrowest

    fonts = {"body": "Calibri", "heading": "Calibri"}
    paragraph = Paragraph((Run(cell, 14),))
    least = _narrowest(paragraph, 14, fonts)
    assert least >= styled_width_pt([(cell, False, False, "Calibri")], 14)
    assert len(wrap_styled(((cell, False, False, "Calibri"),), least, 14)) == 1


KATAKANA = [
    ("事前学習（プレトレーニング）", ["（プレトレーニング）"]),
    # 15 kana: a compound, which a line may part where its words meet; they are words.
    ("ユーザーインターフェースの評価", ["ユーザー", "インターフェース"]),
    ("デモンストレーションデータで", ["デモンストレーション", "データ"]),
    ("スーパーカリフラジリスティックな", []),  # a compound of words the list does not know
    ("アノテーターが作成したデモ", ["アノテーター", "デモ"]),
    ("「ショートカット」を見つけ", ["「ショートカット」"]),
    ("東京の高さ", []),
]


@pytest.mark.parametrize(("text", "expected"), KATAKANA)
def test_katakana_words_keep_the_brackets_no_line_parts_from_them(text: str,
                                                                  expected: list[str]) -> None:
    assert katakana_words(text) == expected


def test_a_heading_shrinks_before_it_parts_a_katakana_word() -> None:
    """A stage name at 22 pt in a 220 pt box: '（プレトレーニング）' is wider than the line,
    which the wrap can only part ('（プレトレー' / 'ニング）'). A smaller size keeps it whole."""
    text = "事前学習（プレトレーニング）"

    def make(size: float) -> list[Paragraph]:
        return [Paragraph((Run(text, size, bold=True, font="heading"),), phrases=True)]

    fit = fit_text(make, round(220 * EMU_PER_PT), round(200 * EMU_PER_PT), 22, 12)
    assert fit.size < 22
    lines = fit.paragraphs[0].runs[0].text.split("\v")
    assert lines == ["事前学習", "（プレトレーニング）"]
    at_22 = wrap_styled(((text, True, False, "Calibri"),), 220 * SAFETY, 22, phrases=True)
    assert at_22 == ["事前学習", "（プレトレー", "ニング）"]


@pytest.mark.parametrize(("text", "kana", "lines"), [
    # Where its two words meet (it was "インストラクションチュー" / "ニング").
    ("インストラクションチューニング", 14, ["インストラクション", "チューニング"]),
    ("インストラクションチューニング", 9, ["インストラクション", "チューニング"]),
    ("カスタマーサポートセンターの負担", 12,
     ["カスタマーサポート", "センターの負担"]),  # not "…サポートセ" / "ンター…"
    ("トラブルシューティングに", 8, ["トラブル", "シューティングに"]),
    # No joint that fits, or none known: three kana at least on each side.
    ("インストラクションチューニング", 3, ["インス", "トラク", "ション", "チュー", "ニング"]),
    ("スーパーカリフラジリスティック", 14, ["スーパーカリフラジリス", "ティック"]),
])
def test_a_katakana_word_parted_leaves_no_kana_or_two_alone(text: str, kana: int,
                                                            lines: list[str]) -> None:
    """A katakana run wider than its line is parted where two of its words meet, else only
    where three kana at least stay on each side, as a hyphen never carries fewer than
    three letters."""
    width = styled_width_pt([(text[:kana], True, False, "Calibri")], 12) + 0.1
    assert wrap_styled(((text, True, False, "Calibri"),), width, 12, phrases=True) == lines
