"""Speaker notes written from a slide's content, for slides whose outline gives none.

Every word the notes add comes from the deck's built-in text (`Strings`), so they follow the
outline's language; the outline's own text is quoted as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligndeck.outline.models import Comparison, Outline, Shortcomings, Stage
from aligndeck.strings import ENGLISH, Strings

_ENDINGS = (".", "!", "?", "…", "。", "！", "？")


def _sentence(text: str, words: Strings = ENGLISH) -> str:
    text = text.strip()
    return text if text.endswith(_ENDINGS) else text + words("full_stop")


def _join(words: Strings, *sentences: str) -> str:
    """Sentences one after another: with a space, but none after a full-width full stop."""
    out = ""
    for sentence in (s for s in sentences if s):
        out += sentence if not out or out.endswith(("。", "！", "？")) else " " + sentence
    return out


def _points(points: Sequence[str], words: Strings = ENGLISH) -> str:
    return _join(words, *(_sentence(p, words) for p in points))


def _series(names: Sequence[str], words: Strings = ENGLISH) -> str:
    if len(names) <= 1:
        return "".join(names)
    return words("list_last", first=words("list_separator").join(names[:-1]), last=names[-1])


def title_notes(outline: Outline, words: Strings = ENGLISH) -> str:
    parts = [words("notes_welcome", title=outline.title)]
    if outline.subtitle:
        parts.append(_sentence(outline.subtitle, words))
    if outline.author:
        parts.append(words("notes_speaker", author=outline.author))
    count = len(outline.stages)
    stages = words.count("notes_stages", count)
    # The plan of the talk names only what the outline has.
    comparison, shortcomings = outline.comparison, outline.shortcomings is not None
    if comparison is None:
        key = "notes_plan_shortcomings" if shortcomings else "notes_plan_stages"
        parts.append(words(key, stages=stages))
    else:
        models = words("notes_models_2" if len(comparison.responses) == 2 else "notes_models_3")
        key = "notes_plan" if shortcomings else "notes_plan_comparison"
        parts.append(words(key, stages=stages, models=models))
    return _join(words, *parts)


def content_notes(title: str, points: Sequence[str], words: Strings = ENGLISH) -> str:
    if not points:
        return words("notes_empty_slide", title=title.rstrip(".。"))
    return _join(words, _sentence(title, words), _points(points, words))


def pipeline_notes(stages: Sequence[Stage], words: Strings = ENGLISH) -> str:
    names = [stage.name for stage in stages]
    first = words("notes_pipeline", names=_series(names, words))
    rest = [words("notes_item", name=stage.name, summary=_sentence(stage.summary, words))
            for stage in stages]
    return _join(words, first, *rest, words("notes_pipeline_end"))


def stage_notes(stage: Stage, number: int, words: Strings = ENGLISH) -> str:
    lead = _join(words, words("notes_stage", n=number, name=stage.name),
                 _sentence(stage.summary, words))
    return _join(words, lead, _points(stage.points, words)).strip()


def loop_notes(stage: Stage, steps: Sequence[str], words: Strings = ENGLISH) -> str:
    walk = [words("notes_loop_step", n=i, text=_sentence(step, words))
            for i, step in enumerate(steps, 1)]
    return _join(words, words("notes_loop", stage=stage.name), *walk, words("notes_loop_end"))


def comparison_notes(comparison: Comparison, words: Strings = ENGLISH) -> str:
    answers = [words("notes_answer", label=response.label, text=_sentence(response.text, words))
               for response in comparison.responses]
    caption = [_sentence(comparison.caption, words)] if comparison.caption else []
    return _join(words, words("notes_comparison", prompt=comparison.prompt), *answers, *caption)


def shortcomings_notes(shortcomings: Shortcomings, title: str | None = None,
                       words: Strings = ENGLISH) -> str:
    """`title` is the overview's title as shown (the built-in one when the outline has none)."""
    items = shortcomings.items
    count = len(items)
    there = words.count("notes_shortcomings", count)
    cards = [words("notes_item", name=item.title, summary=_sentence(item.summary, words))
             for item in items]
    return _join(words, _sentence(title or shortcomings.title, words), there, *cards)


def text_notes(title: str, text: str | None, words: Strings = ENGLISH) -> str:
    if text:
        return _join(words, _sentence(title, words), _sentence(text, words))
    return _sentence(title, words)


def image_notes(title: str, alt: str, caption: str | None, words: Strings = ENGLISH) -> str:
    shown = _join(words, _sentence(title, words), words("notes_image", alt=alt.rstrip(".。")))
    return _join(words, shown, _sentence(caption, words)) if caption else shown


def quote_notes(title: str, quote: str, by: str | None, words: Strings = ENGLISH) -> str:
    said = words("notes_quote_by", by=by.rstrip(".。")) if by else ""
    return _join(words, _sentence(title, words), words("notes_quote", quote=quote.rstrip()),
                 said)


def columns_notes(title: str, columns: Sequence[tuple[str, Sequence[str]]],
                  words: Strings = ENGLISH) -> str:
    parts = [words("notes_item", name=heading, summary=_points(points, words)) if points
             else _sentence(heading, words) for heading, points in columns]
    return _join(words, _sentence(title, words), *parts)


def continued_notes(title: str, number: int, points: str, words: Strings = ENGLISH) -> str:
    return words("notes_continuing", title=title, n=number, points=points)


def table_notes(title: str, header: Sequence[str], rows: Sequence[Sequence[str]],
                words: Strings = ENGLISH) -> str:
    """The table read row by row: "RLHF — Signal: preferences; Who judges: people."."""
    lines = [_sentence(title, words)]
    for row in rows:
        cells = [words("notes_item", name=name, summary=cell)
                 for name, cell in zip(header[1:], row[1:], strict=False) if cell.strip()]
        line = words("notes_table_row", first=row[0],
                     cells=words("group_separator").join(cells)) if cells else row[0]
        lines.append(_sentence(line, words))
    return _join(words, *lines)


def chart_notes(title: str, alt_text: str, caption: str | None,
                words: Strings = ENGLISH) -> str:
    """The chart's data read out, and its caption."""
    parts = [_sentence(title, words), _sentence(alt_text, words)]
    if caption:
        parts.append(_sentence(caption, words))
    return _join(words, *parts)
