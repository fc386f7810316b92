"""Built-in text: the catalogue, its translations, the outline's `strings:` overrides."""

from __future__ import annotations

import re

import pytest

from aligndeck.errors import OutlineError
from aligndeck.outline.loader import load_outline_text
from aligndeck.plan import notes
from aligndeck.strings import (
    CATALOGUE,
    ENGLISH,
    LANGUAGES,
    Strings,
    _plural_rule,
    override_problem,
    placeholders,
    plural_forms,
    strings_for,
    translation,
)
from helpers import DEFAULT_OUTLINE

DEFAULT_OUTLINE_TEXT = DEFAULT_OUTLINE.read_text(encoding="utf-8")

CJK_NO_SPACES = ("ja", "zh")
SEPARATORS = {"list_separator", "group_separator"}
LATIN_SCRIPT = ("de", "fr", "es", "pt", "it")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_has_every_text_with_its_placeholders(language: str) -> None:
    table = translation(language)
    assert set(table) == set(CATALOGUE)
    for key, entry in CATALOGUE.items():
        text = table[key]
        # Thai has no full stop: a space ends a sentence, and joining sentences adds it.
        assert text or (key, language) == ("full_stop", "th"), key
        assert placeholders(text) == entry.placeholders, (language, key, text)
        if key not in SEPARATORS:
            assert text == text.strip(), (language, key)
        assert override_problem(key, text) is None


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_are_translated(language: str) -> None:
    """Slide texts differ from the English (words that are the same in both, such as
    "Pipeline" or "Logo", aside), and CJK texts have no stray spaces."""
    table = translation(language)
    same = {key for key in CATALOGUE if table[key] == CATALOGUE[key].english}
    assert same <= {"prompt_label", "section_pipeline", "section_introduction", "logo_alt",
                    "quote_by", "list_separator", "notes_item", "continued", "questions",
                    "quotation", "full_stop", "continued_part",
                    # Patterns of punctuation only, around the outline's own words.
                    "chart_alt", "chart_series", "chart_value", "flow_label", "notes_table_row",
                    "group_separator"}, same
    if language in CJK_NO_SPACES:
        for key in CATALOGUE:
            if not key.startswith(("notes_", "click_", "loop_alt", "list_", "chart_value")):
                assert " " not in table[key], (language, key, table[key])
    if language in ("ja", "zh", "ko", "ru", "ar", "he", "uk", "hi", "th"):
        # Nothing English left on a slide.
        for key in CATALOGUE:
            words = re.sub(r"\{\w+\}", "", table[key])
            assert not re.search(r"[A-Za-z]{2,}", words), (language, key, table[key])


@pytest.mark.parametrize(("tag", "language", "warned"), [
    ("en-US", "en", False), ("de-DE", "de", False), ("de-AT", "de", False), ("ja-JP", "ja", False),
    ("zh-CN", "zh", False), ("zh", "zh", False), ("pt-BR", "pt", False), ("KO", "ko", False),
    ("zh-TW", "zh", True), ("zh-Hant-HK", "zh", True), ("nl-NL", "nl", False),
    ("ar-EG", "ar", False), ("he", "he", False), ("pl-PL", "pl", False), ("sv", "en", True),
])
def test_language_is_chosen_by_its_primary_subtag(tag: str, language: str, warned: bool) -> None:
    strings, warning = strings_for(tag)
    assert strings.language == language
    assert (warning is not None) == warned


def test_a_language_without_text_is_not_warned_when_strings_give_all_of_it() -> None:
    strings, warning = strings_for("nl", {key: "x" for key in CATALOGUE})
    assert warning is None
    assert strings("stage_label", n=3) == "x"


def test_placeholders_are_filled_and_overrides_win() -> None:
    assert ENGLISH("shortcoming_label", n=2, count=4) == "Shortcoming 2 of 4"
    german = Strings("de", {"stage_label": "Phase {n}"})
    assert german("stage_label", n=2) == "Phase 2"
    assert german("shortcoming_label", n=2, count=4) == "Schwachstelle 2 von 4"
    assert Strings("ja")("continued", title="手順") == "手順（続き）"
    assert Strings("en", {"questions": "Any {{questions}}?"})("questions") == "Any {questions}?"


@pytest.mark.parametrize(("key", "text", "problem"), [
    ("stage_label", "Phase {n}", None),
    ("stage_label", "Phase", "placeholder {n} is missing; this text takes {n}"),
    ("stage_label", "Phase {nr}", "unknown placeholder {nr} (did you mean {n}?); this text "
     "takes {n}"),
    ("questions", "Fragen {x}?", "unknown placeholder {x}; this text takes none"),
    ("shortcoming_label", "{n}/{count}", None),
    ("shortcoming_label", "{n}/{count", "a '{' or '}' without its pair; write '{{' or '}}' "
     "for a literal brace"),
    ("stage_label", "{n!r}", None),
    ("stage_label", "{n:>q}", "cannot be filled in; write placeholders as plain {n}"),
])
def test_an_override_must_keep_its_placeholders(key: str, text: str, problem: str | None
                                                ) -> None:
    assert override_problem(key, text) == problem


def test_strings_in_the_outline_are_validated_with_their_position() -> None:
    text = DEFAULT_OUTLINE_TEXT + (
        "\nstrings:\n"
        "  stage_lable: Phase {n}\n"
        "  shortcoming_label: Problem {n}\n"
        "  list_separator: \" / \"\n"
    )
    with pytest.raises(OutlineError) as caught:
        load_outline_text(text)
    lines = text.count("\n")
    messages = [(p.line, p.column, p.path, p.message) for p in caught.value.problems]
    assert messages == [
        (lines - 2, 3, "strings.stage_lable",
         "unknown key 'stage_lable' (did you mean 'stage_label'?)"),
        (lines - 1, 22, "strings.shortcoming_label",
         "placeholder {count} is missing; this text takes {count}, {n}"),
    ]


def test_an_override_keeps_its_spaces() -> None:
    outline = load_outline_text(DEFAULT_OUTLINE_TEXT + "\nstrings:\n  list_separator: \" / \"\n")
    assert outline.strings.model_dump(exclude_none=True) == {"list_separator": " / "}


def test_notes_follow_the_language() -> None:
    outline = load_outline_text(DEFAULT_OUTLINE_TEXT)
    japanese = notes.title_notes(outline, Strings("ja"))
    assert japanese.startswith("ようこそ。本日のテーマは「")
    assert "。 " not in japanese
    assert notes.title_notes(outline) == notes.title_notes(outline, ENGLISH)
    german = notes.pipeline_notes(outline.stages, Strings("de"))
    assert german.startswith("Hier die ganze Pipeline im Überblick: ")
    assert german.endswith("Wir nehmen uns die Stufen nacheinander vor.")


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_plural_forms_are_cldr_categories_with_their_placeholders(language: str) -> None:
    from babel import Locale

    categories = Locale.parse(language).plural_form.tags
    for name, text in plural_forms(language).items():
        key, form = name.rsplit("_", 1)
        assert form in categories, (language, name)
        assert placeholders(text) <= {"count"}, (language, name, text)
        assert text != translation(language)[key], (language, name)


@pytest.mark.parametrize(("language", "count", "expected"), [
    ("ar", 1, "جدول، عمود واحد (أ، ب)، صف واحد"),
    ("ar", 2, "جدول، عمودان (أ، ب)، صفان"),
    ("ar", 3, "جدول، 3 أعمدة (أ، ب)، 3 صفوف"),
    ("ar", 11, "جدول، 11 عمود (أ، ب)، 11 صف"),
    ("he", 2, "טבלה, שתי עמודות (אב), שתי שורות"),
    ("he", 5, "טבלה, 5 עמודות (אב), 5 שורות"),
    ("pl", 3, "Tabela, 3 kolumny (x), 3 wiersze"),
    ("pl", 5, "Tabela, 5 kolumn (x), 5 wierszy"),
    ("pl", 22, "Tabela, 22 kolumny (x), 22 wiersze"),
    ("uk", 22, "Таблиця, 22 стовпці (x), 22 рядки"),
    ("uk", 11, "Таблиця, 11 стовпців (x), 11 рядків"),
    ("nl", 2, "Tabel, 2 kolommen (x), 2 rijen"),
    ("en", 2, "Table, 2 columns (x), 2 rows"),
    ("en", 1, "Table, 1 column (x), 1 row"),
])
def test_counted_texts_take_the_languages_plural_form(language: str, count: int,
                                                      expected: str) -> None:
    words = Strings(language)
    header = {"ar": "أ، ب", "he": "אב"}.get(language, "x")
    assert words("table_alt", columns=words.count("table_columns", count), header=header,
                 rows=words.count("table_rows", count)) == expected


def test_an_outlines_counted_text_wins_over_a_plural_form() -> None:
    words = Strings("ar", {"table_rows": "الصفوف: {count}"})
    assert words.count("table_rows", 2) == "الصفوف: 2"


def test_englishs_plural_rule_is_cldrs() -> None:
    from babel import Locale

    cldr = Locale.parse("en").plural_form
    counts = [*range(0, 130), 1000, 1001, 10**6 + 1]
    assert [_plural_rule("en")(n) for n in counts] == [cldr(n) for n in counts]
