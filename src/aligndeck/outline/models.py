"""The outline contract (v1): frozen pydantic models that forbid unknown keys."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A piece of text the user wrote: surrounding whitespace removed, never empty."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Slide(_Model):
    """A plain content slide: a title and a few bullet points."""

    title: Text = Field(description="The slide's title, a short phrase.")
    points: tuple[Text, ...] = Field(default=(), description="Bullet points, one line each.")
    notes: Text | None = Field(default=None, description="Speaker notes for this slide.")


class Loop(_Model):
    """A feedback loop drawn as a cycle on its own slide after its stage."""

    title: Text | None = Field(default=None, description="Slide title; defaults to the stage name.")
    steps: tuple[Text, ...] = Field(
        min_length=2, max_length=6, description="The steps of the cycle, in order (2 to 6)."
    )
    notes: Text | None = Field(default=None, description="Speaker notes for the loop slide.")


class Stage(_Model):
    """One stage of the pipeline: a box in the diagram and a slide of its own."""

    name: Text = Field(description="The stage's name, shown in its diagram box.")
    label: Text | None = Field(default=None, description='Small label above the name; "Stage N".')
    summary: Text = Field(description="The one line shown under the name in the diagram box.")
    points: tuple[Text, ...] = Field(default=(), description="Bullets on the stage's own slide.")
    notes: Text | None = Field(default=None, description="Speaker notes for the stage's slide.")
    loop: Loop | None = Field(default=None, description="A feedback-loop slide after this stage.")


class Response(_Model):
    """One model's answer to the comparison prompt."""

    label: Text = Field(description='Whose answer this is, e.g. "Aligned model".')
    text: Text = Field(description="The answer, as the model gave it.")


class Comparison(_Model):
    """The same prompt answered by two or three models, side by side."""

    title: Text = Field(default="Same prompt, two models", description="Slide title.")
    prompt: Text = Field(description="The prompt every model was given, shown once.")
    responses: tuple[Response, ...] = Field(
        min_length=2, max_length=3, description="The answers, shown side by side (2 or 3)."
    )
    caption: Text | None = Field(default=None, description="One line under the answers.")
    notes: Text | None = Field(default=None, description="Speaker notes for the slide.")


class Insight(_Model):
    """The one key takeaway, on a slide of its own."""

    title: Text = Field(default="The key insight", description="Slide title.")
    text: Text = Field(description="The takeaway in one sentence.")
    notes: Text | None = Field(default=None, description="Speaker notes for the slide.")


class Shortcoming(_Model):
    """One way the approach falls short: a card on the overview, a slide if it has points."""

    title: Text = Field(description="A short name for the problem.")
    summary: Text = Field(description="One line on its card in the overview.")
    points: tuple[Text, ...] = Field(default=(), description="Bullets on its own slide.")
    notes: Text | None = Field(default=None, description="Speaker notes for its slide.")


class Shortcomings(_Model):
    """Where the approach falls short: an overview of cards plus a slide per detailed item."""

    title: Text = Field(default="Where it falls short", description="Overview slide title.")
    items: tuple[Shortcoming, ...] = Field(
        min_length=1, max_length=8, description="The shortcomings (1 to 8)."
    )
    notes: Text | None = Field(default=None, description="Speaker notes for the overview.")


class Closing(_Model):
    """The last slide."""

    title: Text = Field(default="Thank you", description="Slide title.")
    text: Text | None = Field(default=None, description="One closing line.")
    notes: Text | None = Field(default=None, description="Speaker notes for the slide.")


class Outline(_Model):
    """A whole talk: title slide, intro, pipeline, comparison, insight, shortcomings, closing."""

    title: Text = Field(description="The talk's title.")
    subtitle: Text | None = Field(default=None, description="One line under the title.")
    kicker: Text | None = Field(default=None, description='Small line above the title.')
    author: Text | None = Field(default=None, description="Who gives the talk.")
    date: Text | None = Field(default=None, description="When, as it should be printed.")
    intro: tuple[Slide, ...] = Field(default=(), description="Content slides before the pipeline.")
    stages: tuple[Stage, ...] = Field(
        min_length=1, max_length=8, description="The pipeline's stages, in order (1 to 8)."
    )
    comparison: Comparison = Field(description="The same prompt answered by different models.")
    insight: Insight | None = Field(default=None, description="One key-takeaway slide.")
    shortcomings: Shortcomings = Field(description="Where the approach falls short.")
    closing: Closing | None = Field(default=None, description="The closing slide.")
