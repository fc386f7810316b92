"""The outline contract (v1): frozen pydantic models that forbid unknown keys."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from aligndeck.outline.base import Model as _Model
from aligndeck.outline.data import Chart, Table
from aligndeck.outline.design import ThemeColours as ThemeColours
from aligndeck.outline.design import ThemeFonts as ThemeFonts
from aligndeck.outline.design import ThemeName as ThemeName
from aligndeck.outline.design import ThemeSettings as ThemeSettings
from aligndeck.outline.overrides import StringOverrides, ValidatedWhenGiven, no_overrides
from aligndeck.outline.text import NO_CONTROL_CHARACTERS
from aligndeck.outline.text import Text as Text

DiagramText = Annotated[str, StringConstraints(pattern=NO_CONTROL_CHARACTERS)]
"""Text kept as written (not stripped): a position inside it is one in the file."""

Language = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
]
"""A BCP 47 language tag such as en-US, de or zh-TW."""


SLIDE_KINDS = ("points", "image", "quote", "columns", "diagram", "table", "chart")
"""The kinds of slide `intro` and `extra` hold, told apart by which of these keys is given."""

COMPANIONS = {"alt": "image", "caption": "image", "by": "quote"}
"""Keys that only make sense beside another one."""


class Column(_Model):
    """One column of a two-column slide: a heading and its points."""

    heading: Text = Field(description="The column's heading.", examples=["Before"])
    points: tuple[Text, ...] = Field(
        default=(), description="Bullet points under the heading.",
        examples=[["Continues text", "Answers with questions"]],
    )


class Slide(_Model):
    """A slide of your own: bullet points, an image, a quote, columns, a table or a chart
    (one kind per slide, told by which key it has)."""

    title: Text = Field(
        description="The slide's title, a short phrase.", examples=["A base model predicts text"]
    )
    points: tuple[Text, ...] = Field(
        default=(),
        description="Bullet points, one line each.",
        examples=[["Trained to guess the next token", "Not broken, just untold"]],
    )
    image: Text | None = Field(
        default=None,
        description="A PNG, JPEG or GIF file, relative to the outline's folder.",
        examples=["assets/chatbot.png"],
    )
    alt: Text | None = Field(
        default=None,
        description="What the image shows, for people who cannot see it (required with "
        "image).",
        examples=["A chat window where the assistant answers a bread recipe question"],
    )
    caption: Text | None = Field(
        default=None, description="A line under the image.", examples=["ChatGPT, December 2022"]
    )
    quote: Text | None = Field(
        default=None, description="A quotation, shown large.",
        examples=["The base model could already do the task."],
    )
    by: Text | None = Field(
        default=None, description="Who said the quote.", examples=["Anthropic, 2022"]
    )
    columns: tuple[Column, ...] | None = Field(
        default=None, min_length=2, max_length=3,
        description="Two or three columns side by side, each a heading and points.",
        examples=[[{"heading": "Raw", "points": ["Continues"]},
                   {"heading": "Aligned", "points": ["Answers"]}]],
    )
    diagram: DiagramText | None = Field(
        default=None,
        description="A Mermaid flowchart (`flowchart LR` …) drawn as editable, glued shapes. "
                    "The whole flowchart language is read: every shape, every link form and "
                    "length (`-->`, `---`, `-.->`, `==>`, `~~~`, `--o`, `--x`, `<-->`, "
                    "labelled, edge ids), `&` chains, labels over several lines (quoted or "
                    "Markdown), subgraphs with their own `direction`; `classDef`, `class`, "
                    "`:::name`, `style` and `linkStyle` map onto the theme's colours; "
                    "`click`, `%%{init}%%` and front matter are accepted with a warning.",
        examples=["flowchart LR\n  D[(Comparisons)] --> RM[Reward model] -->|scores| P\n"],
    )
    table: Table | None = Field(default=None, description="A native table.", examples=[
        {"header": ["Method", "Signal"], "rows": [["Instruction tuning", "Demonstrations"]]}])
    chart: Chart | None = Field(default=None, description="A native, editable chart.",
                                examples=[{"type": "bar", "categories": ["A", "B"],
                                           "series": [{"name": "Win rate", "values": [50, 85]}],
                                           "unit": "%"}])
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for this slide.",
        examples=["Let’s start with what a language model is."],
    )

    @field_validator("diagram")
    @classmethod
    def _diagram_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("the diagram is empty; write 'flowchart LR' and 'A --> B' under it")
        return value

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        """A slide is one kind; alt, caption and by need the key they describe."""
        if not isinstance(data, dict):
            return data
        kinds = [key for key in SLIDE_KINDS if key in data]
        if len(kinds) > 1:
            raise ValueError(f"a slide is one kind: it has both '{kinds[0]}' and "
                             f"'{kinds[1]}'; keep one, or make two slides")
        for key, needs in COMPANIONS.items():
            if key in data and needs not in data:
                raise ValueError(f"'{key}' goes with '{needs}', which this slide does not have")
        if "image" in data and not data.get("alt"):
            raise ValueError("an image needs 'alt': a sentence saying what it shows, for "
                             "people who cannot see it")
        return data

    @property
    def kind(self) -> str:
        return next((k for k in SLIDE_KINDS[1:] if getattr(self, k) is not None), "points")


class Loop(_Model):
    """A feedback loop drawn as a cycle on its own slide after its stage."""

    title: Text | None = Field(
        default=None,
        description="Slide title; defaults to the stage name.",
        examples=["The preference loop"],
    )
    steps: tuple[Text, ...] = Field(
        min_length=2,
        max_length=6,
        description="The steps of the cycle, in order (2 to 6).",
        examples=[
            [
                "Two outputs for one prompt",
                "A person picks the better one",
                "Preferences train a reward model",
                "Optimize the policy",
            ]
        ],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the loop slide.",
        examples=["Here is the loop that RLHF runs."],
    )


class Pipeline(_Model):
    """The overview slide that shows every stage in one diagram."""

    title: Text = Field(
        default="The pipeline at a glance",
        description="Slide title of the pipeline overview (default: in the outline's language).",
        examples=["From predictor to assistant"],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the overview; written from the stages when absent.",
        examples=["Here is the whole pipeline at a glance."],
    )


class Stage(_Model):
    """One stage of the pipeline: a box in the diagram and a slide of its own."""

    name: Text = Field(
        description="The stage's name, shown in its diagram box.", examples=["Instruction tuning"]
    )
    label: Text | None = Field(
        default=None, description='Small label above the name; "Stage N".', examples=["Stage 2"]
    )
    short: Text | None = Field(
        default=None, description="A short name for tight places: the strip across the top "
        "of each stage slide. Without it, a strip too small for the names shows numbers.",
        examples=["SFT"],
    )
    summary: Text = Field(
        description="The one line shown under the name in the diagram box.",
        examples=["Fine-tune on instruction → response pairs"],
    )
    points: tuple[Text, ...] = Field(
        default=(),
        description="Bullets on the stage's own slide.",
        examples=[["Many tasks phrased as instructions"]],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the stage's slide.",
        examples=["The first fix is instruction tuning."],
    )
    loop: Loop | None = Field(
        default=None,
        description="A feedback-loop slide after this stage.",
        examples=[
            {
                "title": "The preference loop",
                "steps": ["Compare two outputs", "Train a reward model"],
            }
        ],
    )


class Response(_Model):
    """One model's answer to the comparison prompt."""

    label: Text = Field(
        description='Whose answer this is, e.g. "Aligned model".', examples=["Aligned model"]
    )
    text: Text = Field(
        description="The answer, as the model gave it.",
        examples=["Mix flour, water, yeast and salt; knead, rise, bake."],
    )


class Comparison(_Model):
    """The same prompt answered by two or three models, side by side."""

    title: Text | None = Field(
        default=None,
        description='Slide title; default "Same prompt, two models" (or three).',
        examples=["Same prompt, two models"],
    )
    prompt: Text = Field(
        description="The prompt every model was given, shown once.",
        examples=["How do I make bread?"],
    )
    responses: tuple[Response, ...] = Field(
        min_length=2,
        max_length=3,
        description="The answers, shown side by side (2 or 3).",
        examples=[
            [
                {"label": "Raw model", "text": "How do I make pasta?"},
                {"label": "Aligned model", "text": "Mix flour, water, yeast and salt."},
            ]
        ],
    )
    caption: Text | None = Field(
        default=None,
        description="One line under the answers.",
        examples=["Same knowledge, different objective."],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the slide.",
        examples=["Both models get the same prompt."],
    )


class Insight(_Model):
    """The one key takeaway, on a slide of its own."""

    title: Text = Field(
        default="The key insight", description="Slide title (default: in the outline's language).",
        examples=["The leap was alignment"],
    )
    text: Text = Field(
        description="The takeaway in one sentence.",
        examples=["The base model could already do the task; alignment put it in front of people."],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the slide.",
        examples=["Both models get the same prompt."],
    )


class Shortcoming(_Model):
    """One way the approach falls short: a card on the overview, a slide if it has points."""

    title: Text = Field(description="A short name for the problem.", examples=["Reward hacking"])
    summary: Text = Field(
        description="One line on its card in the overview.",
        examples=["Pushing on a proxy rewards gaming it"],
    )
    points: tuple[Text, ...] = Field(
        default=(),
        description="Bullets on its own slide.",
        examples=[["Sycophancy: agreeing earns ratings"]],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for its slide.",
        examples=["Optimizing a proxy invites gaming it."],
    )


class Shortcomings(_Model):
    """Where the approach falls short: an overview of cards plus a slide per detailed item."""

    title: Text = Field(
        default="Where it falls short",
        description="Overview slide title (default: in the outline's language).",
        examples=["Where it falls short"],
    )
    items: tuple[Shortcoming, ...] = Field(
        min_length=1,
        max_length=8,
        description="The shortcomings (1 to 8).",
        examples=[
            [{"title": "Contested goals", "summary": "Helpful, honest and harmless pull apart"}]
        ],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the overview.",
        examples=["Four problems remain."],
    )


class Closing(_Model):
    """The last slide."""

    title: Text = Field(
        default="Thank you", description="Slide title (default: in the outline's language).",
        examples=["What to remember"],
    )
    text: Text | None = Field(
        default=None,
        description="One closing line.",
        examples=["Alignment decides what a model does with what it knows."],
    )
    questions: Text | Literal[""] | None = Field(
        default="Questions?",
        description="The invitation under the closing line (default: in the outline's "
        "language, and none when the closing line already ends with a question); \"\" or "
        "null leaves it out.",
        examples=["Questions?", "Fragen?", ""],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for the slide.",
        examples=["Both models get the same prompt."],
    )


class Outline(_Model):
    """A whole talk: title slide, intro, pipeline, comparison, insight, shortcomings, closing."""

    title: Text = Field(
        description="The talk's title.", examples=["Alignment: Making Models Do What You Ask"]
    )
    language: Language = Field(
        default="en-US",
        description="The talk's language (a BCP 47 tag); spelling and East Asian fonts follow it.",
        examples=["en-US", "de-DE", "ja-JP"],
    )
    template: Text | None = Field(
        default=None,
        description="A PowerPoint template (.pptx or .potx) to build onto, relative to this "
        "file's folder; its masters, layouts, colours and fonts are kept.",
        examples=["brand/company.potx"],
    )
    theme: ThemeSettings = Field(
        default_factory=ThemeSettings,
        description="A built-in theme (light, dark, high-contrast), or a mapping with a "
        "base and colours and fonts to replace.",
        examples=["dark", {"base": "light", "colours": {"accent1": "#0E7C86"}}],
    )
    reveal: bool = Field(
        default=False,
        description="Build the pipeline and loop diagrams click by click when presenting.",
        examples=[True],
    )
    aspect: Literal["16:9", "4:3"] = Field(
        default="16:9", description="Slide shape when no template is given.", examples=["4:3"]
    )
    subtitle: Text | None = Field(
        default=None,
        description="One line under the title.",
        examples=["How a predictor became an assistant"],
    )
    kicker: Text | None = Field(
        default=None, description="Small line above the title.", examples=["2022 · Alignment"]
    )
    author: Text | None = Field(
        default=None, description="Who gives the talk.", examples=["Ada Lovelace"]
    )
    date: Text | None = Field(
        default=None, description="When, as it should be printed.", examples=["30 November 2022"]
    )
    intro: tuple[Slide, ...] = Field(
        default=(),
        description="Content slides before the pipeline.",
        examples=[[{"title": "A base model predicts text", "points": ["It continues text"]}]],
    )
    extra: tuple[Slide, ...] = Field(
        default=(),
        description="Slides after the shortcomings, before the closing (references, say).",
        examples=[[{"title": "References", "points": ["Ouyang et al., 2022"]}]],
    )
    logo: Text | None = Field(
        default=None,
        description="A small logo (PNG, JPEG or GIF) for the title slide and a corner of "
        "the others, relative to the outline's folder.",
        examples=["assets/logo.png"],
    )
    pipeline: Pipeline = Field(
        default_factory=Pipeline,
        description="Title and notes of the pipeline overview slide.",
        examples=[{"title": "From predictor to assistant"}],
    )
    overview: bool = Field(
        default=True,
        description="Show the pipeline overview slide; false leaves it out.",
        examples=[False],
    )
    stage_slides: bool = Field(
        default=True,
        description="Give every stage a slide of its own; false keeps only the overview "
        "(a status deck, say). Loop slides stay.",
        examples=[False],
    )
    stages: tuple[Stage, ...] = Field(
        min_length=1,
        max_length=8,
        description="The pipeline's stages, in order (1 to 8).",
        examples=[[{"name": "Pretrained predictor", "summary": "Continues text plausibly"}]],
    )
    comparison: Comparison | None = Field(
        default=None, description="The same prompt answered by different models (optional).",
        examples=[
            {
                "prompt": "How do I make bread?",
                "responses": [
                    {"label": "Raw model", "text": "How do I make pasta?"},
                    {"label": "Aligned model", "text": "Mix flour, water, yeast and salt."},
                ],
            }
        ],
    )
    insight: Insight | None = Field(
        default=None,
        description="One key-takeaway slide.",
        examples=[{"title": "The leap was alignment", "text": "Not a new capability."}],
    )
    shortcomings: Shortcomings | None = Field(
        default=None, description="Where the approach falls short (optional).",
        examples=[{"items": [{"title": "Unfinished", "summary": "Not a checkbox"}]}],
    )
    closing: Closing | None = Field(
        default=None,
        description="The closing slide.",
        examples=[{"title": "Thank you", "text": "Questions?"}],
    )
    strings: Annotated[StringOverrides, ValidatedWhenGiven()] = Field(
        default_factory=no_overrides,
        description="Your own words for built-in text (titles, labels, sections, notes), by "
        "key; placeholders such as {n} must stay.",
        examples=[{"stage_label": "Phase {n}", "questions": "Fragen?"}],
    )

    @field_validator("theme", mode="before")
    @classmethod
    def _theme_by_name(cls, value: Any) -> Any:
        """`theme: dark` is short for `theme: {base: dark}`."""
        return {"base": value} if isinstance(value, str) else value
