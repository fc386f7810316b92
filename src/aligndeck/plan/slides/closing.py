"""The closing slide: a title, a last line and a prompt for questions."""

from __future__ import annotations

from aligndeck.outline.models import Closing
from aligndeck.plan import notes as write_notes
from aligndeck.plan.blocks import CoverLine, cover_elements
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.model import SlidePlan, Source
from aligndeck.plan.parts import ACCENT, MUTED


def plan_closing(ctx: PlanContext, closing: Closing, source: Source) -> list[SlidePlan]:
    """The closing slide, laid out like the cover (`source` is ("closing",))."""
    t = ctx.theme.type
    lines = []
    if closing.text:
        lines.append(CoverLine("subtitle", closing.text, (*source, "text"), t.subtitle,
                               t.subtitle_floor, MUTED))
    questions = ctx.own_or_built_in(closing, "questions", "questions")
    if "questions" not in closing.model_fields_set and _asks(closing.text):
        questions = None  # the speaker's own last line already invites them
    if questions:
        lines.append(CoverLine("questions", questions, (*source, "questions"), 28,
                               20, ACCENT, bold=True))
    title = ctx.own_or_built_in(closing, "title", "closing_title")
    elements = cover_elements(ctx, None, title, (*source, "title"), lines)
    notes = closing.notes or write_notes.text_notes(title, closing.text, ctx.strings)
    return [SlidePlan("closing", title, tuple(elements), notes, source)]


QUESTION_MARKS = ("?", "\uff1f", "\u061f", "\u037e", "\u2e2e")
"""How a question ends: ?, the full-width ？ of Chinese and Japanese, Arabic's ؟, the Greek
question mark (U+037E) and the reversed ⸮."""


def _asks(text: str | None) -> bool:
    """Whether the closing line ends with a question (closing quotes and spaces aside)."""
    trimmed = (text or "").rstrip().rstrip("\"'”’»)*_")
    return trimmed.endswith(QUESTION_MARKS)


KIND = Kind("closing", "Closing", "cover", plan_closing)
