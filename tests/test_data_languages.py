"""Tables, charts and flowcharts in a deck in another language: no built-in English left.

The words the deck adds on its own to these slides (their alt text, the notes written when
the outline gives none, the click cues, the continued tables' titles) come from the
built-in text, so a Japanese or German deck reads in Japanese or German throughout.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from aligndeck.api import build
from aligndeck.strings import CATALOGUE, translation

A = "http://schemas.openxmlformats.org/drawingml/2006/main"

OUTLINES = {
    "ja-JP": """
title: 整列の方法
language: ja-JP
reveal: true
stages:
  - {name: 事前学習, summary: 大量のテキストで次の単語を予測する}
  - {name: 調整, summary: 人の好みで方策を最適化する}
extra:
  - title: 三つの方法
    table:
      header: [方法, 信号, 評価者]
      rows:
%(rows)s
  - title: 人は調整済みモデルを好んだ
    chart:
      type: column
      categories: [基本モデル, 調整済み]
      series:
        - {name: 勝率, values: [50, 85]}
        - {name: 安全性, values: [40, 90]}
      unit: "%%"
  - title: 報酬モデルの流れ
    diagram: |
      flowchart TB
        subgraph loop [学習ループ]
          a[回答を生成] -->|比較| b[人が評価]
        end
        b --> c[報酬モデル]
        c -.-> a
""",
    "de-DE": """
title: Wege zur Ausrichtung
language: de-DE
reveal: true
stages:
  - {name: Vortraining, summary: Sagt das nächste Wort voraus}
  - {name: Feinabstimmung, summary: Optimiert nach menschlichen Vorlieben}
extra:
  - title: Drei Verfahren
    table:
      header: [Verfahren, Signal, Bewertung]
      rows:
%(rows)s
  - title: Menschen bevorzugten das abgestimmte Modell
    chart:
      type: bar
      categories: [Basismodell, Abgestimmt]
      series:
        - {name: Gewinnrate, values: [50, 85]}
        - {name: Sicherheit, values: [40, 90]}
      unit: "%%"
  - title: Ablauf des Belohnungsmodells
    diagram: |
      flowchart LR
        subgraph schleife [Lernschleife]
          a[Antworten erzeugen] -->|vergleichen| b[Menschen bewerten]
        end
        b --> c[Belohnungsmodell]
        c -.-> a
""",
}
ROW = {"ja-JP": "        - [方法{n}, 好み{n}, 人{n}]",
       "de-DE": "        - [Verfahren {n}, Vorlieben {n}, Menschen {n}]"}


def _words(text: str) -> set[str]:
    """The Latin words of a text, folded (placeholders left out)."""
    return {w.casefold() for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", text))}


def _english_only(language: str) -> set[str]:
    """Words of the English built-in text that the language's own built-in text does not
    use too (German writes "Logo" and "Signal" as English does)."""
    english = set().union(*(_words(e.english) for e in CATALOGUE.values()))
    own = set().union(*(_words(t) for t in translation(language.split("-")[0]).values()))
    return english - own


def _deck_text(path: Path) -> tuple[set[str], str]:
    """The Latin words of every slide's text, alt text (`descr`) and notes, and all of
    that text joined (for the assertions' messages)."""
    texts = []
    with zipfile.ZipFile(path) as deck:
        for name in deck.namelist():
            if not re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
                continue
            root = etree.fromstring(deck.read(name))
            texts += [t.text or "" for t in root.iter(f"{{{A}}}t")]
            texts += [d for d in root.xpath("//@descr")]
    joined = "\n".join(texts)
    return _words(joined), joined


def _outline(tmp_path: Path, language: str, rows: int, tag: str | None = None) -> Path:
    text = OUTLINES[language] % {"rows": "\n".join(ROW[language].format(n=n)
                                                 for n in range(1, rows + 1))}
    if tag is not None:
        text = text.replace(f"language: {language}", f"language: {tag}")
    path = tmp_path / f"{language}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(OUTLINES))
def test_tables_charts_and_diagrams_carry_no_built_in_english(tmp_path: Path,
                                                              language: str) -> None:
    out = tmp_path / "deck.pptx"
    # Enough rows that the table continues on a second slide.
    build(_outline(tmp_path, language, 24), out)
    words, text = _deck_text(out)
    english = _english_only(language)
    assert not words & english, (sorted(words & english), text)
    # The translated words are there: the table's, the chart's and the flowchart's alt
    # text, a continued table's part, and the flowchart's click cues.
    table = translation(language.split("-")[0])
    for key in ("chart_column" if language == "ja-JP" else "chart_bar", "flow_tb" if
                language == "ja-JP" else "flow_lr", "table_columns"):
        expected = table[key].format(count=3)
        assert expected in text, (key, expected)
    assert re.search(re.escape(table["table_rows"]).replace(r"\{count\}", r"\d+"), text)
    cue = table["click_cue"].split("{")[0]
    assert cue in text
    title = {"ja-JP": "三つの方法", "de-DE": "Drei Verfahren"}[language]
    third = table["continued_part"].format(title=table["continued"].format(title=title), n=3,
                                           count=3)
    assert third in text
    part = table["table_alt_part"].split("{table}")[1].split("{")[0]
    assert part in text


def test_the_same_deck_in_english_shows_the_words_the_check_looks_for(tmp_path: Path) -> None:
    """The check can fail: the same slides with English built-in text hold those words."""
    out = tmp_path / "deck.pptx"
    build(_outline(tmp_path, "ja-JP", 24, tag="en-US"), out)
    words, _ = _deck_text(out)
    assert {"table", "columns", "rows", "flowchart", "chart", "click", "top", "group"} <= \
        words & _english_only("ja-JP")
