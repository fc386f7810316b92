"""The line breaker (aligndeck.plan.text.lines): a corpus per script, each with its exact lines.

Widths are in ems of a 20 pt bold-free Calibri line, so each case reads as "this text in a
box N ems wide".
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from aligndeck.plan.model import Colour, Paragraph, Run
from aligndeck.plan.text import isolate_numbers, join_numbers, text_width_pt, wrap_styled
from aligndeck.plan.text.fit import CALIBRI_FONTS, SAFETY, paragraph_lines, written_breaks
from aligndeck.plan.text.measure import (
    figures_font,
    line_height_pt,
    measured_family,
    script_line_height_pt,
)

SIZE = 20.0
THAI_FONT = pytest.mark.skipif(
    not shutil.which("fc-list") or "Noto Sans Thai" not in subprocess.run(
        ["fc-list", ":lang=th", "family"], capture_output=True, text=True, check=False).stdout,
    reason="Thai is measured in Noto Sans Thai (fonts-noto-core), not installed here")


def lines(text: str, ems: float, *, heading: bool = False) -> list[str]:
    return wrap_styled(((text, False, False, "Calibri"),), ems * SIZE, SIZE, phrases=heading)


CORPUS = [
    # Latin: compounds stay whole; a hyphen between letters is a break (kept on the line).
    ("de", "Daten-Pipeline für Instruktionsabstimmung", 8,
     ["Daten-Pipeline für", "Instruktionsabstim", "mung"]),
    ("fi", "Kehitys-ympäristön tekoälyavustaja", 7,
     ["Kehitys-", "ympäristön", "tekoälyavustaja"]),
    ("nl", "Gegevens-verwerking in het ziekenhuis", 8,
     ["Gegevens-", "verwerking in het", "ziekenhuis"]),
    # Japanese: strict kinsoku (no line starts with ー ッ っ 。 、 」, none ends with 「).
    ("ja", "センターのコーヒーを「ちょっと」飲みます。", 5,
     ["センターの", "コーヒーを", "「ちょっ", "と」飲みま", "す。"]),
    ("ja", "物流センターの改善で配送時間を短縮する", 8,
     ["物流センターの改", "善で配送時間を短", "縮する"]),
    ("zh", "今天是晴天，我们去公园散步。", 5, ["今天是晴", "天，我们去", "公园散步。"]),
    # A number never parts, full-width digits included, nor from its counter (件, 台):
    # it was "計で１２" / "４０件の" and "导入了２" / "４台机器".
    ("ja", "今年は合計で１２４０件の注文", 5, ["今年は合計", "で", "１２４０件", "の注文"]),
    ("ja", "今年は合計で１２４０件の注文", 8, ["今年は合計で", "１２４０件の注文"]),
    ("ja", "今年は合計で1,240件の注文", 5, ["今年は合計", "で1,240件", "の注文"]),
    ("zh", "导入了２４台机器人", 4, ["导入了", "２４台机", "器人"]),
    # Korean: Unicode's rule, between syllables (as PowerPoint and LibreOffice break it).
    ("ko", "성능이 크게 향상되었습니다 오늘", 5, ["성능이 크", "게 향상되", "었습니다", "오늘"]),
    # Numbers are words: sign, separators, decimals, percent and unit stay together.
    ("de", "Ergebnis -49.6% bei 12,5 km Strecke", 5,
     ["Ergebnis", "-49.6% bei", "12,5 km", "Strecke"]),
    ("de", "Die Latenz sank auf 120 ms im Mittel", 6, ["Die Latenz", "sank auf", "120 ms im",
                                                      "Mittel"]),
    ("ar", "نسبة -49.6% من الطلاب في 2024", 4, ["نسبة", "-49.6%", "من", "الطلاب", "في 2024"]),
    ("he", "שיפור של +12.5% לעומת -3.2 pp", 5, ["שיפור של", "+12.5%", "לעומת", "-3.2 pp"]),
    # Thai: no spaces between words; lines break between the words of PyThaiNLP's list,
    # never inside บันทึก, โฟลเดอร์ or มหาศาล (BudouX's Thai model broke all three), and a
    # repetition mark (ๆ) stays with its word. Measured in Noto Sans Thai.
    pytest.param("th", "ข้อมูลสำหรับการฝึกโมเดลภาษา", 5,
                 ["ข้อมูลสำหรับ", "การฝึก", "โมเดลภาษา"], marks=THAI_FONT),
    pytest.param("th", "สไลด์และบันทึกอยู่ในโฟลเดอร์ที่ใช้ร่วมกัน", 6,
                 ["สไลด์และบันทึก", "อยู่ในโฟลเดอร์", "ที่ใช้ร่วมกัน"], marks=THAI_FONT),
    pytest.param("th", "การฝึกล่วงหน้าด้วยข้อความจำนวนมหาศาล", 6,
                 ["การฝึกล่วงหน้า", "ด้วยข้อความ", "จำนวนมหาศาล"], marks=THAI_FONT),
    pytest.param("th", "ฉันจะอบขนมปังแบบง่ายๆ ที่บ้านได้อย่างไร", 6,
                 ["ฉันจะอบ", "ขนมปังแบบ", "ง่ายๆ ที่บ้านได้", "อย่างไร"], marks=THAI_FONT),
    pytest.param("th", "ความแม่นยำเพิ่มขึ้น +12.5% ในปี 2567", 5,
                 ["ความแม่นยำ", "เพิ่มขึ้น", "+12.5% ในปี", "2567"], marks=THAI_FONT),
]


@pytest.mark.parametrize(("language", "text", "ems", "expected"), CORPUS,
                         ids=[f"{(c.values if hasattr(c, 'values') else c)[0]}-{i}"
                              for i, c in enumerate(CORPUS)])
def test_corpus_lines(language: str, text: str, ems: float, expected: list[str]) -> None:
    assert lines(text, ems) == expected


HEADINGS = [
    # Headings in Japanese and Chinese break between phrases (BudouX), never in センター.
    ("物流センターの改善で配送時間を短縮する", 8,
     ["物流センターの", "改善で配送時間を", "短縮する"]),
    # A phrase wider than the line breaks inside it, but not inside its katakana word.
    ("大規模言語モデルの事前学習と強化学習", 6,
     ["大規模言語", "モデルの", "事前学習と", "強化学習"]),
    ("人类反馈强化学习的基本原理", 5, ["人类反馈", "强化学习的", "基本原理"]),
    # Inside a phrase too wide for its line: where a word likely ends (after a colon,
    # where katakana meets kanji), before hiragana last. It was "…ピッキングロボット導" /
    # "入の一年" and "ピッキングロ" / "ボット２４台を".
    ("物流センターの自動化：ピッキングロボット導入の一年", 10,
     ["物流センターの", "自動化：", "ピッキングロボット", "導入の一年"]),
    ("新型ピッキングロボット２４台を導入", 7, ["新型", "ピッキング", "ロボット", "２４台を導入"]),
    # A katakana compound parts where its loanwords meet.
    ("カスタマーサポートセンターの負担が増えました", 9,
     ["カスタマーサポート", "センターの負担が", "増えました"]),
    ("インストラクションチューニング済みモデル", 10,
     ["インストラクション", "チューニング済み", "モデル"]),
    # BudouX parts some kanji compounds ("自律走" / "行型"): never inside one of
    # data/kanji-words.txt's (自律 + 走行 + 型).
    ("自律走行型ピッキングロボット２４台を導入", 10,
     ["自律走行型", "ピッキングロボット", "２４台を導入"]),
    ("自律走行型ピッキングロボット２４台を導入", 8,
     ["自律走行型", "ピッキング", "ロボット２４台を", "導入"]),
    # A phrase wider than a line by itself parts on the line it starts, at a loanword's
    # joint: it was "ロボットと" / "ソフトウェアライセンス" / "で約３億円" (a particle
    # starting a line).
    ("ロボットとソフトウェアライセンスで約３億円", 11.3,
     ["ロボットとソフトウェア", "ライセンスで約３億円"]),
    # ... but never between two kanji or before a particle: no joint fits, so as before.
    ("ベンダー依存のトラブルシューティング", 11.3, ["ベンダー依存の", "トラブルシューティング"]),
    ("新しい機械学習の評価手法と言語モデル", 6,
     ["新しい", "機械学習の", "評価手法と", "言語モデル"]),
    # A phrase wider than its line parts between two kanji compounds of the list before
    # inside one: it was "強化学" / "習".
    ("強化学習アルゴリズム", 3, ["強化", "学習", "アルゴ", "リズム"]),
    # Never between a number and its unit: it was "…約１１" / "キロメートル減り、" (a
    # number before katakana was taken for where two words meet).
    ("歩行距離が１日あたり約１１キロメートル減り、", 14,
     ["歩行距離が", "１日あたり約１１キロメートル", "減り、"]),
    ("歩行距離が１日あたり約１１キロメートル減り、", 12,
     ["歩行距離が", "１日あたり約", "１１キロメートル減り、"]),
    # Latin headings are not affected.
    ("Daten-Pipeline für Instruktionsabstimmung", 8,
     ["Daten-Pipeline für", "Instruktionsabstim", "mung"]),
]


@pytest.mark.parametrize(("text", "ems", "expected"), HEADINGS)
def test_heading_lines_break_between_phrases(text: str, ems: float, expected: list[str]
                                             ) -> None:
    assert lines(text, ems, heading=True) == expected


NO_START = set("ー、。」ッっ")


@pytest.mark.parametrize("ems", [3, 4, 5, 6, 7, 9])
def test_no_japanese_line_starts_or_ends_against_the_rules(ems: float) -> None:
    text = "「ソフトウェア」の、コーヒー。ちょっとセンターへ行ったッ。「改善」"
    wrapped = lines(text, ems)
    assert "".join(wrapped) == text
    assert all(line[0] not in NO_START for line in wrapped[1:])
    assert all(line[-1] != "「" for line in wrapped[:-1])


JOINS = [
    ("12.5 km and 3 pp", "12.5\u00a0km and 3\u00a0pp"),
    ("Stage 3 of 5", "Stage 3 of 5"),  # "of" is no unit
    ("-49.6 %", "-49.6\u00a0%"),
    ("no numbers here", "no numbers here"),
    # A word-initial hyphen stays with its word (LibreOffice broke "und -" / "meister").
    ("Meisterinnen und -meister", "Meisterinnen und -\u2060meister"),
    ("-meister, Bau- und -planung", "-\u2060meister, Bau- und -\u2060planung"),
    ("well-known - a dash -3 and - x", "well-known - a dash -3 and - x"),
    # Isolated for a right-to-left paragraph first, as the .pptx writer does: still joined.
    (isolate_numbers("بمقدار +10.7 pp"), "بمقدار \u2066+10.7\u00a0pp\u2069"),
]


@pytest.mark.parametrize(("text", "expected"), JOINS)
def test_join_numbers_writes_no_break_spaces_before_units(text: str, expected: str) -> None:
    assert join_numbers(text) == expected


WRITTEN = [
    # (text, font role, lines written): Japanese phrase breaks are written as "\v" so
    # PowerPoint, which breaks Japanese anywhere, shows the measured lines: in a heading
    # and in body text alike (a bullet broken anywhere splits a katakana word).
    ("物流センターの改善で配送時間を短縮する", "heading",
     "物流センターの\v改善で配送時間を\v短縮する"),
    ("物流センターの改善で配送時間を短縮する", "body",
     "物流センターの\v改善で配送時間を\v短縮する"),
    # Figures: a renderer breaks inside "１２４" (ideographs to Unicode), so the measure's
    # lines are written even where it would otherwise end them alike (it drew "…ロボット１２"
    # / "４台を導入").
    ("新型ロボット１２４台を導入", "body", "新型ロボット\v１２４台を導入"),
    ("Daten-Pipeline für Instruktionsabstimmung", "heading",
     "Daten-Pipeline für Instruktionsabstimmung"),
    # A right-to-left heading's lines are written too (LibreOffice shapes Arabic its own
    # way, and a line it finds just short enough overhangs the box); body text is not.
    ("نتائج التقييم بعد كل مرحلة من مراحل المواءمة", "heading",
     "نتائج التقييم بعد كل\vمرحلة من مراحل\vالمواءمة"),
    ("نتائج التقييم بعد كل مرحلة من مراحل المواءمة", "body",
     "نتائج التقييم بعد كل مرحلة من مراحل المواءمة"),
]


@pytest.mark.parametrize(("text", "role", "expected"), WRITTEN)
def test_heading_breaks_are_written(text: str, role: str, expected: str) -> None:
    run = Run(text, SIZE, Colour("ink"), font=role)
    width = 8 * SIZE / SAFETY
    paragraph = Paragraph((run,))
    written = written_breaks(paragraph, width, CALIBRI_FONTS)
    assert "".join(r.text for r in written.runs) == expected
    assert paragraph_lines(written, width) == paragraph_lines(paragraph, width)


ISOLATED = [
    # Signed numbers in right-to-left text are isolated left to right, so the sign stays
    # before the digits in every cell of a column.
    ("-49.6%", "\u2066-49.6%\u2069"),
    ("+27.5%", "\u2066+27.5%\u2069"),
    ("-1.6 pp", "\u2066-1.6 pp\u2069"),
    ("نسبة -9.8% هذا العام", "نسبة \u2066-9.8%\u2069 هذا العام"),
    # A percentage too: after Arabic letters the bidi rules set an unsigned "61%" as
    # "%61", beside a signed "-9.8%" and a cell's "71.2%"; isolated, all read alike.
    ("71.2%", "\u206671.2%\u2069"),
    ("تغطي 61% من الحالات", "تغطي \u206661%\u2069 من الحالات"),
    ("ירדו ב-49.6% בלבד", "ירדו ב-\u206649.6%\u2069 בלבד"),
    ("1,234.5\u2030", "\u20661,234.5\u2030\u2069"),
    # With a space before its percent sign too, as a signed one always was (it read
    # "% 61" beside "-15 %").
    ("تغطي 61 % من الحالات", "تغطي \u206661 %\u2069 من الحالات"),
    ("بنسبة -15 % سنويًا", "بنسبة \u2066-15 %\u2069 سنويًا"),
    ("61 %ige", "61 %ige"),
    # Other unsigned numbers need nothing.
    ("420 ms", "420 ms"),
    ("2024", "2024"),
    ("2024-2025", "2024-2025"),  # a range: the hyphen is no sign
    ("GPT-4", "GPT-4"),
]


@pytest.mark.parametrize(("text", "expected"), ISOLATED)
def test_signed_numbers_are_isolated(text: str, expected: str) -> None:
    assert isolate_numbers(text) == expected


def test_isolates_take_no_width() -> None:
    assert text_width_pt(isolate_numbers("-49.6%"), 20) == text_width_pt("-49.6%", 20)


def _has_figures(family: str) -> bool:
    """Whether fontconfig knows a font of `family` with the digits and "%"."""
    listed = subprocess.run(["fc-list", f":family={family}:charset=25 30-39", "family"],
                            capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


@pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig")
@pytest.mark.parametrize(("family", "language"), [
    ("Calibri", "ar-SA"), ("Calibri", "he-IL"), ("Constantia", "he-IL"),
    ("Constantia", "ar-SA"), ("Georgia", "he"), ("Arial", "fa-IR"), ("Constantia", "")])
def test_figures_in_right_to_left_text_name_a_font_with_figures(family: str,
                                                                language: str) -> None:
    # LibreOffice draws them from the complex-script slot, which fontconfig fills with a
    # font of the language when the named one is missing: Noto Sans Hebrew has no digits.
    named = figures_font(family, language)
    lang = f":lang={language.split('-')[0]}" if language else ""
    drawn = subprocess.run(["fc-match", "-f", "%{family[0]}", f"{named}:weight=regular{lang}"],
                           capture_output=True, text=True, check=False).stdout.strip()
    assert drawn == measured_family(family)  # drawn in the font it was measured in
    assert _has_figures(drawn)
    assert named in (family, measured_family(family))
    if family == "Calibri" or not language:
        assert named == family


@pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig")
@pytest.mark.parametrize(("text", "least"), [("Revenue", 1.0), ("الإيرادات", 1.5),
                                             ("売上高", 1.15)])
def test_lines_are_as_tall_as_their_scripts_font(text: str, least: float) -> None:
    latin = line_height_pt(20)
    assert script_line_height_pt(text, 20) >= latin * least
    if least == 1.0:
        assert script_line_height_pt(text, 20) == latin


@pytest.mark.parametrize(("text", "ems", "expected"), [
    # Too narrow for the strict rules: a line may start with ー (loose) before 、 (never).
    ("中、ー、", 3, ["中、", "ー、"]),
    ("中、ー、", 4, ["中、ー、"]),
])
def test_the_loose_rules_are_the_fallback_of_the_strict_ones(text: str, ems: float,
                                                             expected: list[str]) -> None:
    assert lines(text, ems) == expected


@pytest.mark.parametrize(("phrases", "expected"), [
    # Diagram text (a box's summary, a flowchart's label) breaks between phrases like a
    # heading, though set in the body font; so does body text now, flagged or not.
    (True, "物流センターの\v改善で配送時間を\v短縮する"),
    (False, "物流センターの\v改善で配送時間を\v短縮する"),
])
def test_diagram_text_breaks_between_phrases(phrases: bool, expected: str) -> None:
    run = Run("物流センターの改善で配送時間を短縮する", SIZE, Colour("ink"), font="body")
    paragraph = Paragraph((run,), phrases=phrases)
    width = 8 * SIZE / SAFETY
    written = written_breaks(paragraph, width, CALIBRI_FONTS)
    assert "".join(r.text for r in written.runs) == expected
    assert paragraph_lines(written, width) == paragraph_lines(paragraph, width) == 3


@pytest.mark.parametrize("ems", range(8, 16))
def test_a_japanese_answer_never_splits_a_katakana_word(ems: int) -> None:
    # "ケー|キ" was a comparison answer's line break (tests/outlines/japanese.yaml): legal
    # character by character, but no typesetter splits a katakana word. Body text breaks
    # between phrases now (each fits these widths), and the breaks are written in so
    # PowerPoint, which breaks Japanese anywhere, keeps them.
    text = "パスタの作り方を教えてください。ケーキの作り方は？"
    run = Run(text, SIZE, Colour("ink"), font="body")
    written = written_breaks(Paragraph((run,)), ems * SIZE / SAFETY, CALIBRI_FONTS)
    lines = "".join(r.text for r in written.runs).split("\v")
    assert "".join(lines) == text
    assert ems > 12 or len(lines) > 1
    for word in ("パスタ", "ケーキ"):
        assert any(word in line for line in lines), (word, lines)


def test_a_renderer_keeps_the_written_lines_of_japanese_body_text_at_every_width() -> None:
    # A renderer breaks across the box's whole width where Unicode allows (between any
    # two Japanese characters); the measure breaks at 96% of it, between phrases. Where
    # they would differ, the measure's breaks are written: at every width, the renderer
    # shows the measure's lines, and no katakana word is split. (The
    # answer's "ケー|キ" came at a width where the measure's lines and Unicode's agreed
    # at 96% but not across the whole width, so nothing was written.)
    text = "パスタの作り方を教えてください。ケーキの作り方は？"
    for tenth in range(80, 240):
        width = tenth / 10 * SIZE
        run = Run(text, SIZE, Colour("ink"), font="body")
        written = "".join(r.text for r in written_breaks(Paragraph((run,)), width,
                                                         CALIBRI_FONTS).runs)
        shown = [line for part in written.split("\v")
                 for line in wrap_styled(((part, False, False, "Calibri"),), width, SIZE)]
        measured = wrap_styled(((text, False, False, "Calibri"),), width * SAFETY, SIZE,
                               phrases=True)
        assert shown == measured, (tenth, shown, measured)
        assert not any(line.endswith(("パ", "パス", "ケ", "ケー")) for line in shown), shown


@pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig")
@pytest.mark.parametrize("word", ["परिणाम", "कृत्रिमबुद्धिमत्ता", "प्रशिक्षण"])
def test_devanagari_is_measured_shaped_in_the_font_it_is_drawn_in(word: str) -> None:
    """Measured a letter at a time (at 0.46 em), a table's header "परिणाम" got a column
    narrower than LibreOffice draws it in Noto Sans Devanagari, and broke inside the word."""
    from aligndeck.plan.text.scripts import complex_script_font
    from aligndeck.plan.text.shaping import shaping, word_units

    assert complex_script_font(word) == "Noto Sans Devanagari"
    shaped = word_units(word, "devanagari", False)
    if shaped is None or not shaping():
        pytest.skip("needs Noto Sans Devanagari and libraqm")
    assert text_width_pt(word, 20) == pytest.approx(shaped / 2048 * 20, abs=0.05)
