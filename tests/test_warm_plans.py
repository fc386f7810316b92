"""Plans made from what earlier plans kept (issue 24): fitting keeps each size it tried
(plan/text/fit.py), colours and contrast ratios are cached by value. A plan made with all
of that kept, from any earlier outlines, equals the plan made cold."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligndeck import api
from aligndeck.plan.text.fit import forget_tries

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = Path(__file__).parent / "outlines"
NAMES = ["deck.yaml", "mixed-scripts.yaml", "japanese.yaml", "hebrew.yaml",
         "eight-long-stages.yaml", "own-content.yaml", "german.yaml"]


def _path(name: str) -> Path:
    return ROOT / name if name == "deck.yaml" else OUTLINES / name


@pytest.mark.parametrize("name", NAMES)
def test_a_plan_from_kept_tries_is_the_cold_plan(name: str) -> None:
    forget_tries()
    cold = api.check(_path(name))
    for other in NAMES:  # fill what is kept with every other outline's tries
        api.check(_path(other), design=api.Design(theme="dark"))
    warm = api.check(_path(name))
    assert warm.plan == cold.plan
    assert warm.warnings == cold.warnings


def test_an_edited_text_is_fitted_afresh(tmp_path: Path) -> None:
    outline = tmp_path / "deck.yaml"
    text = (ROOT / "deck.yaml").read_text(encoding="utf-8")
    outline.write_text(text, encoding="utf-8")
    api.check(outline)
    longer = text.replace("A base model predicts text",
                          "A base model predicts text, word after word, " * 3, 1)
    outline.write_text(longer, encoding="utf-8")
    warm = api.check(outline)
    forget_tries()
    assert api.check(outline).plan == warm.plan
