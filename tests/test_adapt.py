"""What the deck adapts before it declares text too long, each step a located warning;
built-in text in the outline's language; fitting with a template's real fonts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from aligndeck.outline.loader import load_outline, load_outline_text
from aligndeck.outline.models import Outline
from aligndeck.plan.context import PlanContext
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.model import EMU_PER_PT, DeckPlan, Diagram
from aligndeck.plan.slides.stage import INSET as STRIP_INSET
from aligndeck.plan.text import line_height_pt, paragraph_lines
from aligndeck.plan.theme import DEFAULT_THEME, make_theme
from aligndeck.render.template import load_template
from font_template import TITLE_LATIN, make_font_template
from helpers import runs

OUTLINES = Path(__file__).parent / "outlines"
EIGHT = OUTLINES / "eight-long-stages.yaml"


def warnings(plan: DeckPlan) -> list[tuple[tuple[Any, ...], str]]:
    return [(f.source, f.message) for f in plan.findings if f.severity == "warning"]


def errors(plan: DeckPlan) -> list[str]:
    return [f.message for f in plan.findings if f.severity == "error"]


def strip_texts(plan: DeckPlan, slide_kind: str = "stage") -> list[list[str]]:
    found = []
    for slide in plan.slides:
        if slide.kind != slide_kind:
            continue
        strip = next(e for e in slide.elements if isinstance(e, Diagram)
                     and e.name == "pipeline-strip")
        found.append([" ".join(r.text for p in box.frame.paragraphs for r in p.runs)
                      for box in strip.boxes if box.frame is not None])
    return found


def with_shorts(outline: Outline) -> Outline:
    data = outline.model_dump(mode="json", exclude_none=True)
    for i, stage in enumerate(data["stages"], 1):
        stage["short"] = f"S{i}"
    return load_outline_text(yaml.safe_dump(data, allow_unicode=True))


def strip_boxes(plan: DeckPlan) -> list[Any]:
    """The boxes of the strip on the first stage slide."""
    slide = next(s for s in plan.slides if s.kind == "stage")
    strip = next(e for e in slide.elements if isinstance(e, Diagram)
                 and e.name == "pipeline-strip")
    return list(strip.boxes)


@pytest.mark.parametrize(("aspect", "lines"), [("16:9", 2), ("4:3", 3)])
def test_eight_long_names_wrap_in_a_taller_strip(aspect: str, lines: int) -> None:
    """Eight long German names: the strip keeps every name, each row as tall as the
    longest name's lines at the floor (two at 16:9, three at 4:3), and says so once."""
    plan = plan_deck(load_outline(EIGHT), make_theme(aspect=aspect))
    assert not errors(plan)
    strips = strip_texts(plan)
    # Every name, whole (a compound too wide for its box hyphenated at the floor, a line
    # break written after each hyphen it gets).
    names = [stage.name.replace("-", "") for stage in load_outline(EIGHT).stages]
    assert all([text.replace("-\v", "").replace("-", "") for text in strip] == names
               for strip in strips)
    boxes = strip_boxes(plan)
    wrapped = [paragraph_lines(box.frame.paragraphs[0], (box.rect.w - 2 * STRIP_INSET)
                               / EMU_PER_PT) for box in boxes]
    assert max(wrapped) == lines
    size = boxes[0].frame.paragraphs[0].runs[0].size
    assert size >= DEFAULT_THEME.type.strip_floor
    needed = lines * line_height_pt(size, 0.9) * EMU_PER_PT
    assert needed <= boxes[0].rect.h - 2 * STRIP_INSET < needed + 0.5 * EMU_PER_PT * 72
    strip_warnings = [w for w in warnings(plan) if "strip" in w[1]]
    assert strip_warnings == [(("stages", 0, "name"),
                               "too long for the strip across the stage slides as it is: the "
                               f"strip grows taller, for names of {lines} lines; give the "
                               "stages a `short:` name to keep it small")]


def test_names_longer_than_three_lines_leave_the_lit_name_beside_numbers() -> None:
    outline = load_outline(EIGHT)
    data = outline.model_dump(mode="json", exclude_none=True)
    data["stages"][2]["name"] = " ".join([outline.stages[2].name] * 3)
    plan = plan_deck(load_outline_text(yaml.safe_dump(data, allow_unicode=True)))
    assert not errors(plan)
    strips = strip_texts(plan)
    assert strips[0][0].startswith("Vortraining") and strips[0][1:] == [str(i) for i in
                                                                         range(2, 9)]
    assert strips[3][3].startswith("Training eines") and strips[3][0] == "1"
    strip_warnings = [w for w in warnings(plan) if "strip" in w[1]]
    assert strip_warnings == [(("stages", 2, "name"),
                               "too long for the strip across the stage slides, even at 10 pt: "
                               "the strip shows the lit stage's name and numbers for the "
                               "others; give the stages a `short:` name to show them all")]


def test_short_names_fill_the_strip_and_silence_the_warning() -> None:
    plan = plan_deck(with_shorts(load_outline(EIGHT)))
    assert strip_texts(plan)[0] == [f"S{i}" for i in range(1, 9)]
    assert not [w for w in warnings(plan) if "strip" in w[1]]
    # The overview and the slide titles keep the full names.
    pipeline = next(s for s in plan.slides if s.kind == "pipeline")
    assert any("Vortraining auf riesigen" in r.text for r in runs(pipeline))


def test_the_overview_shows_names_only_when_summaries_cannot_fit() -> None:
    plan = plan_deck(load_outline(EIGHT), make_theme(aspect="4:3"))
    assert not errors(plan)
    pipeline = next(s for s in plan.slides if s.kind == "pipeline")
    texts = [r.text for r in runs(pipeline)]
    assert not any(text.startswith("Das Modell lernt") for text in texts)
    assert ("pipeline",) in [source for source, _ in warnings(plan)]
    message = next(m for source, m in warnings(plan) if source == ("pipeline",))
    assert "shows the stage names only (each stage's slide shows its summary)" in message
    # The summary still stands under the stage's own title.
    stage = next(s for s in plan.slides if s.kind == "stage")
    assert any(r.text.startswith("Das Modell lernt") for r in runs(stage))


def test_the_default_deck_adapts_nothing() -> None:
    plan = plan_deck(load_outline(Path(__file__).resolve().parents[1] / "deck.yaml"))
    assert warnings(plan) == []


@pytest.fixture(scope="module")
def font_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_font_template(tmp_path_factory.mktemp("fonts") / "fonts-4x3.pptx")


def test_fitting_measures_with_the_layouts_title_font(font_template: Path) -> None:
    """The layouts' DejaVu Serif is far wider than the theme's Calibri: measured with it,
    the same cover title comes out smaller, and a cover title too long for 32 pt in it goes
    down towards the slide-title floor, with a warning."""
    theme = load_template(font_template).theme
    outline = load_outline(OUTLINES / "one-stage.yaml")
    assert PlanContext(outline, theme).fonts["heading"] == TITLE_LATIN
    assert theme.frames is not None
    calibri = replace(theme, frames=replace(theme.frames, **{
        family: replace(getattr(theme.frames, family), fonts=())
        for family in ("cover", "content", "diagram")}))
    assert PlanContext(outline, calibri).fonts["heading"] == "Calibri"

    def cover_size(plan: DeckPlan) -> float:
        cover = plan.slides[0]
        return max(r.size for r in runs(cover) if r.source == ("title",))

    with_fonts, without = plan_deck(outline, theme), plan_deck(outline, calibri)
    assert cover_size(with_fonts) < cover_size(without)
    assert cover_size(with_fonts) >= theme.type.title_floor
    assert [(source, m) for source, m in warnings(with_fonts) if source == ("title",)] == [
        (("title",), f"too long for the cover at 32 pt: set at {cover_size(with_fonts):g} pt; "
         "a shorter text looks better")]


def test_japanese_deck_has_no_built_in_english() -> None:
    plan = plan_deck(load_outline(OUTLINES / "japanese.yaml"))
    english = re.compile(r"[A-Za-z]{2,}")
    own = {"RLHF"}  # a short name the outline itself gives
    for slide in plan.slides:
        for run in runs(slide):
            if not run.source:  # built-in text: labels, kickers, numbers, footers
                assert not english.search(run.text), (slide.kind, run.text)
        assert slide.section and not english.search(slide.section), slide.section
        words = set(english.findall(slide.notes)) - own
        assert not words, (slide.kind, slide.notes)
    titles = [s.title for s in plan.slides]
    assert "パイプラインの全体像" in titles and "ご清聴ありがとうございました" in titles


def test_strings_override_built_in_text_and_titles_written_win() -> None:
    outline = load_outline_text((OUTLINES / "one-stage.yaml").read_text(encoding="utf-8") + (
        "\nlanguage: de-DE\nstrings:\n  pipeline_title: Der Ablauf\n  stage_label: Phase {n}\n"
        "  shortcomings_title: Offene Punkte\n"))
    plan = plan_deck(outline, DEFAULT_THEME)
    titles = [s.title for s in plan.slides]
    assert "Der Ablauf" in titles and "Offene Punkte" in titles
    pipeline = next(s for s in plan.slides if s.kind == "pipeline")
    assert "Phase 1" in [r.text for r in runs(pipeline)]
    assert next(s for s in plan.slides if s.kind == "shortcomings").section == "Schwachstellen"


def test_a_language_without_translations_warns_once_at_language() -> None:
    outline = load_outline_text((OUTLINES / "one-stage.yaml").read_text(encoding="utf-8")
                                + "\nlanguage: sv-SE\n")
    plan = plan_deck(outline)
    assert [source for source, _ in warnings(plan)] == [("language",)]
    assert "no built-in text in 'sv-SE'" in warnings(plan)[0][1]


def test_a_footer_without_spaces_is_cut_between_characters(font_template: Path) -> None:
    """A Japanese title has no spaces to cut at: the footer cuts between characters."""
    theme = load_template(font_template).theme
    plan = plan_deck(load_outline(OUTLINES / "japanese.yaml"), theme)
    footer = next(e for e in plan.slides[1].elements if e.name == "footer")
    text = footer.frame.paragraphs[0].runs[0].text
    assert text.endswith("…") and text.startswith("言語モデル")
    assert len(text) < len("言語モデルはどのようにしてアシスタントになったのか · 山田 花子")


@pytest.mark.parametrize(("words", "size"), [(24, 30), (34, 25)])
def test_a_long_cover_title_goes_down_to_the_slide_title_floor(words: int, size: int) -> None:
    """24 words fail at the cover's 32 pt floor; before the adaptations that was an error."""
    data = load_outline(OUTLINES / "one-stage.yaml").model_dump(mode="json", exclude_none=True)
    data["title"] = " ".join(["alignment"] * words)
    plan = plan_deck(Outline.model_validate(data))
    assert not errors(plan)
    assert (("title",), f"too long for the cover at 32 pt: set at {size} pt; a shorter text "
            "looks better") in warnings(plan)


def test_a_cover_title_too_long_even_for_the_slide_title_floor_is_an_error_there() -> None:
    data = load_outline(OUTLINES / "one-stage.yaml").model_dump(mode="json", exclude_none=True)
    data["title"] = " ".join(["alignment"] * 40)
    plan = plan_deck(Outline.model_validate(data))
    assert [f.message.split(";")[0] for f in plan.findings if f.source == ("title",)] == [
        "too long for its box by about 10%, even at 24 pt"]
