"""The speaker script: a planned deck's notes as Markdown, with a time estimate per slide."""

from __future__ import annotations

from aligndeck.outline.numbers import format_local
from aligndeck.plan.lint import WORDS_PER_MINUTE, spoken_words, talk_minutes
from aligndeck.plan.model import DeckPlan, SlidePlan
from aligndeck.strings import Strings, strings_for

_BLOCK_STARTS = ("#", ">", "-", "+", "*", "=", "|", "`", "~")
"""Characters that would turn a line of notes into a Markdown heading, quote, list or fence."""


def slide_minutes(slide: SlidePlan) -> float:
    """How long the slide's notes take to say, in minutes, at WORDS_PER_MINUTE; counted as
    `talk_minutes` counts, so the slides add up to the talk."""
    return spoken_words(slide.notes) / WORDS_PER_MINUTE


def format_script(plan: DeckPlan, words: Strings | None = None) -> str:
    """The speaker script as Markdown: the talk's title, then for every slide its number,
    title, kind, minutes (and the clock at its end) and notes, and the total last; its
    own words in the deck's language (`words`, else the built-in text of
    `plan.language`), its numbers written the language's way.

    Pure: text in the plan, text out. Minutes are estimated from the notes' words at
    WORDS_PER_MINUTE; the total is `talk_minutes(plan)`, rounded to whole minutes.
    """
    words = words or strings_for(plan.language)[0]
    total = talk_minutes(plan)
    slides = words.count("script_slides", len(plan.slides))
    said = {"slides": slides, "minutes": _minutes(total, words), "rate": WORDS_PER_MINUTE}
    heading = (words("script_heading_by", author=_inline(plan.author), **said) if plan.author
               else words("script_heading", **said))
    lines = [f"# {_inline(plan.title)}", "", heading]
    elapsed = 0.0
    for number, slide in enumerate(plan.slides, 1):
        minutes = slide_minutes(slide)
        elapsed += minutes
        meta = words("script_slide", kind=slide.kind,
                     minutes=format_local(minutes, 1, plan.language),
                     words=words.count("script_words", spoken_words(slide.notes)),
                     clock=_clock(elapsed))
        lines += ["", f"## {number}. {_inline(slide.title)}", "", f"*{meta}*", "",
                  *_paragraphs(slide.notes, words)]
    lines += ["", "---", "", f"**{words('script_total', minutes=_minutes(total, words))}** "
              f"{words('script_total_for', slides=slides)}"]
    return "\n".join(lines) + "\n"


def _minutes(minutes: float, words: Strings) -> str:
    whole = round(minutes)
    return words.count("script_minutes", whole) if whole else words("script_under_a_minute")


def talk_length(slides: int, minutes: float, language: str = "en") -> str:
    """"17 slides, about 9 minutes", "1 slide, about 1 minute": the summary `notes -o`
    prints, in the outline's language with its plurals."""
    words = strings_for(language)[0]
    return words("script_written", slides=words.count("script_slides", slides),
                 minutes=_minutes(minutes, words))


def validate_summary(slides: int, minutes: float, language: str = "en") -> str:
    """What `validate` says of an outline that would build, in the outline's language."""
    words = strings_for(language)[0]
    return words("validate_summary", slides=words.count("script_slides", slides),
                 minutes=_minutes(minutes, words), rate=WORDS_PER_MINUTE)


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


def _paragraphs(notes: str, words: Strings) -> list[str]:
    """The notes' lines as Markdown paragraphs: a line that would start a heading, a quote,
    a list or a code fence gets its first character escaped; blank notes say so."""
    if not notes.strip():
        return [f"*{words('script_no_notes')}*"]
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
