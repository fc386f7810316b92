"""Text written in Han characters alone is read in the deck's language: Japanese in a
Japanese deck (its kanji compounds kept whole, BudouX's Japanese phrases), Chinese in a
Chinese deck (traditional or simplified by the deck's tag), simplified Chinese elsewhere.

Widths are in ems of a 20 pt Calibri line, as in test_linebreak.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligndeck.outline.loader import load_outline_text
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.flow.sizing import box_sizes
from aligndeck.plan.model import Colour, Diagram, Paragraph, Run, inches
from aligndeck.plan.text import phrase_language, unbroken_pieces, wrap_styled
from aligndeck.plan.text.fit import CALIBRI_FONTS, SAFETY, paragraph_lines, written_breaks
from aligndeck.plan.theme import make_theme
from helpers import frames

SIZE = 20.0


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("物流倉庫在庫管理", "ja", "ja"),
    ("物流倉庫在庫管理", "ja-JP", "ja"),
    ("物流倉庫在庫管理", "zh-CN", "zh-hans"),
    ("物流倉庫在庫管理", "zh-Hans", "zh-hans"),
    ("機器學習模型", "zh-TW", "zh-hant"),
    ("機器學習模型", "zh-HK", "zh-hant"),
    ("機器學習模型", "zh-Hant-TW", "zh-hant"),
    ("機器學習模型", "zh_TW", "zh-hant"),
    ("物流倉庫在庫管理", "en-US", "zh-hans"),
    ("物流倉庫在庫管理", "", "zh-hans"),
    # Kana makes text Japanese in every deck; no Han nor kana, nothing to split.
    ("物流センター", "zh-CN", "ja"),
    ("물류 센터", "ja", None),
    ("Logistics", "ja", None),
])
def test_han_alone_is_read_in_the_decks_language(text: str, language: str,
                                                 expected: str | None) -> None:
    assert phrase_language(text, language) == expected


KANJI_ALONE = [
    # (text, ems, deck language, lines). A Japanese deck keeps the kanji compounds of
    # data/kanji-words.txt whole; read as Chinese (any other deck) the same text parted
    # inside 在庫 and 物流.
    ("物流倉庫在庫管理", 5, "ja", ["物流倉庫", "在庫管理"]),
    ("物流倉庫在庫管理", 5, "en-US", ["物流倉庫在", "庫管理"]),
    ("物流倉庫在庫管理", 2, "ja", ["物流", "倉庫", "在庫", "管理"]),
    ("物流倉庫在庫管理", 2, "en-US", ["物", "流", "倉庫", "在庫", "管理"]),
    # A phrase too wide for its line parts where two compounds of the list meet before
    # anywhere else between two kanji: it was "機械学習基" / "盤構築".
    ("機械学習基盤構築", 5, "ja", ["機械学習", "基盤構築"]),
    ("機械学習基盤構築", 3, "ja", ["機械", "学習", "基盤", "構築"]),
    ("機械学習基盤構築", 3, "en-US", ["機", "械学習", "基盤", "構築"]),
    ("顧客満足度調査結果分析", 3, "ja", ["顧客", "満足度", "調査", "結果", "分析"]),
    ("顧客満足度調査結果分析", 5, "ja", ["顧客満足度", "調査結果", "分析"]),
    # Kinsoku holds as in any Japanese text: no line starts with 、 or 」, none ends with 「.
    ("在庫管理、品質管理、物流改善。", 5, "ja", ["在庫管理、", "品質管理、", "物流改善。"]),
    ("「需要予測」導入効果", 5, "ja", ["「需要", "予測」", "導入効果"]),
    # A phrase too wide for its line never parts inside a compound of the list while a
    # break beside a particle fits: with larger summaries the overview set "予" / "測す
    # るだけで、" (ranked before any break before hiragana).
    ("次のトークンを予測するだけで、質問には答えない。", 7, "ja",
     ["次のトークンを", "予測するだけ", "で、質問には", "答えない。"]),
    # Chinese decks: BudouX's model for the deck's characters (a traditional tag reads
    # traditional text; the simplified model parted it "訓練與部" / "署").
    ("機器學習模型訓練與部署", 4, "zh-TW", ["機器學習", "模型訓練", "與部署"]),
    ("機器學習模型訓練與部署", 4, "zh-CN", ["機器", "學習模型", "訓練與部", "署"]),
    ("机器学习模型训练与部署", 4, "zh-CN", ["机器", "学习模型", "训练与", "部署"]),
]


@pytest.mark.parametrize(("text", "ems", "language", "expected"), KANJI_ALONE)
def test_kanji_alone_breaks_as_the_decks_language_does(text: str, ems: float,
                                                      language: str,
                                                      expected: list[str]) -> None:
    assert wrap_styled(((text, False, False, "Calibri"),), ems * SIZE, SIZE, phrases=True,
                       language=language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", "物流倉庫\v在庫管理"),
    # Read as Chinese the measure's lines are a renderer's own: nothing is written.
    ("en-US", "物流倉庫在庫管理"),
])
def test_the_lines_of_kanji_alone_are_written_in_the_decks_language(language: str,
                                                                   expected: str) -> None:
    paragraph = Paragraph((Run("物流倉庫在庫管理", SIZE, Colour("ink"), font="heading"),))
    width = 5 * SIZE / SAFETY
    written = written_breaks(paragraph, width, CALIBRI_FONTS, language)
    assert "".join(r.text for r in written.runs) == expected
    assert paragraph_lines(written, width, CALIBRI_FONTS, language) == 2


def test_the_unbroken_pieces_of_kanji_alone_follow_the_decks_language() -> None:
    assert unbroken_pieces("物流倉庫在庫管理", "ja") == ["物流倉庫在庫管理"]
    assert unbroken_pieces("物流倉庫在庫管理", "en-US") == ["物", "流倉庫", "在", "庫", "管理"]


def test_a_japanese_overview_keeps_kanji_compounds_of_a_kanji_only_stage_name() -> None:
    outline = """title: 物流改革
language: {language}
stages:
  - {{name: 物流倉庫在庫管理最適化, summary: 需要予測}}
  - {{name: 機械学習基盤構築, summary: 品質管理}}
  - {{name: 顧客満足度調査結果分析, summary: 業務改善}}
  - {{name: 自律走行型搬送車導入, summary: 効果検証}}
"""
    names = {}
    for language in ("ja", "en"):
        plan = plan_deck(load_outline_text(outline.format(language=language)),
                         make_theme(aspect="4:3"))
        overview = next(s for s in plan.slides if s.kind == "pipeline")
        names[language] = ["".join(r.text for r in frame.paragraphs[1].runs)
                           for e in overview.elements if e.name == "pipeline"
                           for frame in frames(e)]
    assert names["ja"][2] == "顧客\v満足度\v調査結果\v分析"
    assert names["en"][2] == "顧客満\v足度調査\v結果分析"


FLOW = """title: 物流
language: {language}
stages:
  - {{name: 需要予測, summary: 在庫管理}}
intro:
  - title: 流れ
    diagram: |
      flowchart LR
        A[需要予測精度向上施策] --> B[物流倉庫在庫管理顧客満足度調査結果分析]
"""


def _node_texts(language: str) -> dict[str, str]:
    plan = plan_deck(load_outline_text(FLOW.format(language=language)), make_theme())
    slide = next(s for s in plan.slides if s.kind == "diagram")
    return {box.name: "".join(r.text for p in box.frame.paragraphs for r in p.runs)
            for e in slide.elements if isinstance(e, Diagram)
            for box in e.boxes if box.frame is not None}


@pytest.mark.parametrize(("language", "expected"), [
    # The flowchart's labels break in the deck's language, as its headings do: a kanji-only
    # label in a Japanese deck keeps its compounds whole (需要予測精度 / 向上施策), read as
    # Chinese it parts inside 向上. The long label wraps in a box of the common width
    # rather than widening its box to one line (it was one line 6 in wide in both decks).
    ("ja", {"node-A": "需要予測精度\v向上施策",
            "node-B": "物流倉庫在庫管理\v顧客満足度調査結果\v分析"}),
    ("ja-JP", {"node-A": "需要予測精度\v向上施策",
               "node-B": "物流倉庫在庫管理\v顧客満足度調査結果\v分析"}),
    ("zh-CN", {"node-A": "需要予測精度向\v上施策",
               "node-B": "物流倉庫在庫管理\v顧客満足度調査結果\v分析"}),
])
def test_a_flowcharts_kanji_only_labels_break_in_the_decks_language(
        language: str, expected: dict[str, str]) -> None:
    assert _node_texts(language) == expected


@pytest.mark.parametrize("label", ["物流倉庫在庫管理顧客満足度調査結果分析",
                                   "ระบบจัดการคลังสินค้าและการขนส่งสินค้าทั่วประเทศ"])
def test_a_label_in_a_script_without_spaces_wraps_at_the_common_width(label: str) -> None:
    # As a Latin label of many words does: its phrases (words, in Thai) may start lines,
    # so the whole label is not one word that widens its box past the cap.
    chart = replace(parse_flowchart(f"flowchart LR\n  A[{label}] --> B[x]\n"), language="ja")
    sizes, fits = box_sizes(chart, chart.edges, 18.0, dict(CALIBRI_FONTS))
    assert fits is not None
    assert sizes.wides == {}
    assert sizes.box_w < inches(3)
    assert fits["A"].fits


LOOP = """title: 物流
language: {language}
stages:
  - name: 需要予測
    summary: 在庫管理
    loop:
      steps: [物流倉庫在庫管理顧客満足度調査結果分析, 品質管理, 業務改善]
"""


@pytest.mark.parametrize(("language", "expected"), [
    # A loop step of kanji alone: in a Japanese deck its lines are the Japanese measure's,
    # written in (顧客 / 満足度, at the joint of two listed compounds); read as Chinese,
    # the measure's lines are a renderer's own and nothing is written.
    ("ja", "物流倉庫在庫管理顧客\v満足度調査結果分析"),
    ("zh-CN", "物流倉庫在庫管理顧客満足度調査結果分析"),
])
def test_a_loops_kanji_only_step_breaks_in_the_decks_language(language: str,
                                                             expected: str) -> None:
    plan = plan_deck(load_outline_text(LOOP.format(language=language)), make_theme())
    loop = next(s for s in plan.slides if s.kind == "loop")
    step = next(b for e in loop.elements if isinstance(e, Diagram) for b in e.boxes
                if b.name == "loop-step-1")
    assert step.frame is not None
    assert "".join(r.text for r in step.frame.paragraphs[-1].runs) == expected
