"""Hyphenation at the floor size (aligndeck.plan.text.hyphens, through fit_text)."""

from __future__ import annotations

import pytest

from aligndeck.plan.model import EMU_PER_PT, Paragraph, Run
from aligndeck.plan.text import fit_text, wrap_styled
from aligndeck.plan.text.fit import SAFETY

CASES = [
    # (text, box width in pt, language, text written, lines drawn, words left to be cut)
    ("Instruktionsabstimmungsfeinjustierung", 150, "de-DE",
     "Instruktionsabstim-mungsfeinjustierung",
     ["Instruktionsabstim-", "mungsfeinjustierung"], 0),
    ("Instruktionsabstimmungsfeinjustierung", 100, "de",
     "Instruktionsab-stimmungsfein-justierung",
     ["Instruktionsab-", "stimmungsfein-", "justierung"], 0),
    # The German patterns allow "fe-in" (between two vowels): a last resort, after the
    # compound's own joint, as a typesetter would break it.
    ("Instruktionsabstimmungsfeinjustierung", 175, "de-DE",
     "Instruktionsabstimmungs-feinjustierung",
     ["Instruktionsabstimmungs-", "feinjustierung"], 0),
    ("Ziekenhuisgegevensverwerkingssysteem", 130, "nl",
     "Ziekenhuisgegevens-verwerkingssysteem",
     ["Ziekenhuisgegevens-", "verwerkingssysteem"], 0),
    # No legal break: cut at the edge, and the run is reported for a warning.
    ("see https://example.com/averyveryverylongpath", 120, "en-US",
     "see https://example.com/averyveryverylongpath",
     ["see", "https://example.co", "m/averyveryverylo", "ngpath"], 1),
    # No dictionary for the language: likewise.
    ("Instruktionsabstimmungsfeinjustierung", 150, "ja",
     "Instruktionsabstimmungsfeinjustierung",
     ["Instruktionsabstimmung", "sfeinjustierung"], 1),
]


@pytest.mark.parametrize(("text", "width", "language", "written", "drawn", "cut"), CASES)
def test_a_word_too_wide_at_the_floor_is_hyphenated(text: str, width: float, language: str,
                                                    written: str, drawn: list[str],
                                                    cut: int) -> None:
    fit = fit_text(lambda s: [Paragraph((Run(text, s, bold=True),))],
                   round(width * EMU_PER_PT), round(200 * EMU_PER_PT), 20, 14,
                   language=language)
    assert fit.size == 14
    assert fit.paragraphs[0].runs[0].text == written
    assert wrap_styled(((written, True, False, "Calibri"),), width * SAFETY, 14) == drawn
    assert len(fit.cut) == cut


def test_hyphenation_waits_for_the_floor() -> None:
    # Above the floor a smaller size is tried first; nothing is hyphenated while one fits.
    fit = fit_text(lambda s: [Paragraph((Run("Instruktionsabstimmungsfeinjustierung", s),))],
                   round(250 * EMU_PER_PT), round(200 * EMU_PER_PT), 24, 10, language="de")
    assert fit.size < 24
    assert "-" not in fit.paragraphs[0].runs[0].text


def test_a_word_that_cannot_be_hyphenated_is_warned_about_at_its_place() -> None:
    from aligndeck.outline.loader import load_outline_text
    from aligndeck.plan.deck import plan_deck

    outline = """title: Talk
stages:
  - name: Pretraining
    summary: Uses compute_the_reward_model_loss_for_each_pair_of_answers_in_the_batch
  - {name: Tuning, summary: Short}
"""
    plan = plan_deck(load_outline_text(outline))
    warned = [f.message for f in plan.findings if f.source == ("stages", 0, "summary")]
    assert ("'compute_the_reward_model_los…' is too wide for its box and has no place to "
            "hyphenate: it is broken where it meets the edge; a space or a hyphen in it, or a "
            "shorter word, avoids that") in warned
    assert all(f.severity == "warning" for f in plan.findings)
