"""Speaker notes written from a slide's content, for slides whose outline gives none."""

from __future__ import annotations

from collections.abc import Sequence

from aligndeck.outline.models import Comparison, Outline, Shortcomings, Stage


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _points(points: Sequence[str]) -> str:
    return " ".join(_sentence(p) for p in points)


def _series(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def title_notes(outline: Outline) -> str:
    parts = [f"Welcome. This talk is called “{outline.title}”."]
    if outline.subtitle:
        parts.append(_sentence(outline.subtitle))
    if outline.author:
        parts.append(f"I’m {outline.author}.")
    count = len(outline.stages)
    models = {2: "two", 3: "three"}.get(len(outline.comparison.responses), "several")
    parts.append(
        f"We will walk through {count} stage{'s' if count != 1 else ''}, compare {models} "
        "models on the same prompt, and end with where the approach still falls short."
    )
    return " ".join(parts)


def content_notes(title: str, points: Sequence[str]) -> str:
    if not points:
        return f"This slide is about {title.rstrip('.')}."
    return f"{_sentence(title)} {_points(points)}"


def pipeline_notes(stages: Sequence[Stage]) -> str:
    names = [stage.name for stage in stages]
    first = f"Here is the whole pipeline at a glance: {_series(names)}."
    rest = " ".join(f"{stage.name}: {_sentence(stage.summary)}" for stage in stages)
    return f"{first} {rest} We will take the stages one at a time."


def stage_notes(stage: Stage, number: int) -> str:
    lead = f"Stage {number} is {stage.name}. {_sentence(stage.summary)}"
    return f"{lead} {_points(stage.points)}".strip()


def loop_notes(stage: Stage, steps: Sequence[str]) -> str:
    walk = " ".join(f"Step {i}: {_sentence(step)}" for i, step in enumerate(steps, 1))
    return (
        f"This is the loop inside {stage.name}. {walk} Then the cycle starts again "
        "with the improved model."
    )


def comparison_notes(comparison: Comparison) -> str:
    answers = " ".join(
        f"{response.label} answers: {_sentence(response.text)}" for response in comparison.responses
    )
    caption = f" {_sentence(comparison.caption)}" if comparison.caption else ""
    return f"Both models get the same prompt: “{comparison.prompt}” {answers}{caption}"


def shortcomings_notes(shortcomings: Shortcomings) -> str:
    items = shortcomings.items
    lead = f"{_sentence(shortcomings.title)} There {'is' if len(items) == 1 else 'are'} " \
        f"{len(items)} problem{'s' if len(items) != 1 else ''} to name."
    cards = " ".join(f"{item.title}: {_sentence(item.summary)}" for item in items)
    return f"{lead} {cards}"


def text_notes(title: str, text: str | None) -> str:
    return f"{_sentence(title)} {_sentence(text)}" if text else _sentence(title)


def image_notes(title: str, alt: str, caption: str | None) -> str:
    shown = f"{_sentence(title)} The picture shows {alt.rstrip('.')}."
    return f"{shown} {_sentence(caption)}" if caption else shown


def quote_notes(title: str, quote: str, by: str | None) -> str:
    said = f" That is {by.rstrip('.')}." if by else ""
    return f"{_sentence(title)} The quote reads: “{quote.rstrip()}”.{said}"


def columns_notes(title: str, columns: Sequence[tuple[str, Sequence[str]]]) -> str:
    parts = [f"{heading}: {_points(points)}" if points else _sentence(heading)
             for heading, points in columns]
    return f"{_sentence(title)} " + " ".join(parts)


def table_notes(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The table read row by row: "RLHF — Signal: preferences; Who judges: people."."""
    lines = [_sentence(title)]
    for row in rows:
        cells = [f"{name}: {cell}" for name, cell in zip(header[1:], row[1:], strict=False)
                 if cell.strip()]
        lines.append(_sentence(f"{row[0]} — {'; '.join(cells)}" if cells else row[0]))
    return " ".join(lines)


def chart_notes(title: str, alt_text: str, caption: str | None) -> str:
    """The chart's data read out, and its caption."""
    parts = [_sentence(title), _sentence(alt_text)]
    if caption:
        parts.append(_sentence(caption))
    return " ".join(parts)
