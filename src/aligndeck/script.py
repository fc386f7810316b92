"""The speaker script: a planned deck's notes as Markdown, with a time estimate per slide."""

from __future__ import annotations

from aligndeck.plan.lint import WORDS_PER_MINUTE, spoken_words, talk_minutes
from aligndeck.plan.model import DeckPlan, SlidePlan

_BLOCK_STARTS = ("#", ">", "-", "+", "*", "=", "|", "`", "~")
"""Characters that would turn a line of notes into a Markdown heading, quote, list or fence."""


def slide_minutes(slide: SlidePlan) -> float:
    """How long the slide's notes take to say, in minutes, at WORDS_PER_MINUTE; counted as
    `talk_minutes` counts, so the slides add up to the talk."""
    return spoken_words(slide.notes) / WORDS_PER_MINUTE


def format_script(plan: DeckPlan) -> str:
    """The speaker script as Markdown: the talk's title, then for every slide its number,
    title, kind, minutes (and the clock at its end) and notes, and the total last.

    Pure: text in the plan, text out. Minutes are estimated from the notes' words at
    WORDS_PER_MINUTE; the total is `talk_minutes(plan)`, rounded to whole minutes.
    """
    total = talk_minutes(plan)
    slides = _count(len(plan.slides), "slide")
    byline = f" by {_inline(plan.author)}" if plan.author else ""
    lines = [
        f"# {_inline(plan.title)}",
        "",
        f"Speaker script{byline}: {slides}, "
        f"{_minutes(total)} at {WORDS_PER_MINUTE} spoken words a minute.",
    ]
    elapsed = 0.0
    for number, slide in enumerate(plan.slides, 1):
        minutes = slide_minutes(slide)
        elapsed += minutes
        lines += [
            "",
            f"## {number}. {_inline(slide.title)}",
            "",
            f"*{slide.kind} slide · {minutes:.1f} min "
            f"({_count(spoken_words(slide.notes), 'word')}) · ends at {_clock(elapsed)}*",
            "",
            *_paragraphs(slide.notes),
        ]
    lines += ["", "---", "", f"**Total: {_minutes(total)}** for {slides}."]
    return "\n".join(lines) + "\n"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _minutes(minutes: float) -> str:
    whole = round(minutes)
    return f"about {_count(whole, 'minute')}" if whole else "under a minute"


def talk_length(slides: int, minutes: float) -> str:
    """"17 slides, about 9 minutes", "1 slide, about 1 minute": the summary `validate` and
    `notes -o` print, singular where English wants it."""
    return f"{_count(slides, 'slide')}, {_minutes(minutes)}"


def _clock(minutes: float) -> str:
    """Minutes as m:ss."""
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _inline(text: str) -> str:
    """Text for a heading or an emphasis line: one line, with Markdown's emphasis marks
    escaped so a title like `*the* goal` shows its stars."""
    flat = " ".join(text.split())
    for mark in ("\\", "*", "_", "`", "[", "]"):
        flat = flat.replace(mark, "\\" + mark)
    return flat


def _paragraphs(notes: str) -> list[str]:
    """The notes' lines as Markdown paragraphs: a line that would start a heading, a quote,
    a list or a code fence gets its first character escaped; blank notes say so."""
    if not notes.strip():
        return ["*(no notes)*"]
    out: list[str] = []
    for raw in notes.strip().splitlines():
        line = raw.strip()
        if line.startswith(_BLOCK_STARTS):
            line = "\\" + line
        digits = len(line) - len(line.lstrip("0123456789"))
        if 0 < digits < len(line) and line[digits] in ".)" and line[digits + 1:][:1] in ("", " "):
            line = f"{line[:digits]}\\{line[digits:]}"  # "1. " would start an ordered list
        out.append(line)
    return out
