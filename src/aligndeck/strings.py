"""Built-in text: every word the deck adds on its own, in the outline's language.

One catalogue (`CATALOGUE`) names each built-in text, says where it appears and gives its
English; `data/strings/<language>.yaml` translates it. An outline's `strings:` mapping
overrides any entry. Texts may hold `{name}` placeholders (`Stage {n}`), filled in by the
planner; an override must keep exactly the placeholders of the text it replaces.

Both the outline (to validate `strings:`) and the plan (to write the words) use this
module, so it depends on neither.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml


@dataclass(frozen=True)
class Entry:
    """One built-in text: its English and where it appears."""

    english: str
    description: str

    @property
    def placeholders(self) -> frozenset[str]:
        return placeholders(self.english)


def _e(english: str, description: str) -> Entry:
    return Entry(english, description)


CATALOGUE: dict[str, Entry] = {
    # On slides.
    "pipeline_title": _e("The pipeline at a glance", "Title of the pipeline overview."),
    "stage_label": _e("Stage {n}", "Small label above a stage's name in the pipeline; {n} is "
                      "its number."),
    "loop_title": _e("{stage}: the loop", "Title of a loop slide; {stage} is the stage's name."),
    "comparison_title_2": _e("Same prompt, two models", "Title of a comparison of two answers."),
    "comparison_title_3": _e("Same prompt, three models",
                             "Title of a comparison of three answers."),
    "prompt_label": _e("Prompt", "Label above the comparison's prompt."),
    "insight_title": _e("The key insight", "Title of the insight slide."),
    "shortcomings_title": _e("Where it falls short", "Title of the shortcomings overview."),
    "shortcoming_label": _e("Shortcoming {n} of {count}",
                            "Small line above a shortcoming's own slide."),
    "closing_title": _e("Thank you", "Title of the closing slide."),
    "questions": _e("Questions?", "The invitation on the closing slide."),
    "continued": _e("{title} (cont.)", "Title of a slide that continues a list."),
    "continued_part": _e("{title} {n}/{count}", "Title of the third and later slides of a "
                         "table continued over more than two; {title} is continued."),
    "quotation": _e("“{quote}”", "A quote slide's quote, in the language's quotation marks."),
    "quote_by": _e("— {by}", "Who said a quote, under it."),
    # Sections of the slide sorter.
    "section_introduction": _e("Introduction", "Section: title and intro slides."),
    "section_pipeline": _e("Pipeline", "Section: the pipeline, stage and loop slides."),
    "section_comparison": _e("Comparison", "Section: the comparison and the insight."),
    "section_shortcomings": _e("Shortcomings", "Section: the shortcomings."),
    "section_closing": _e("Closing", "Section: the closing slide."),
    "section_more": _e("More", "Section: the `extra` slides."),
    # Alt text, read by screen readers.
    "pipeline_alt": _e("Pipeline diagram: {flow}", "Alt text of the pipeline; {flow} is the "
                       "stage names joined by arrows."),
    "strip_alt": _e("Pipeline, stage {n} of {count} highlighted ({name}): {flow}",
                    "Alt text of the small pipeline on a stage slide."),
    "loop_alt": _e("Feedback loop: {flow} → back to “{first}”", "Alt text of a loop."),
    "logo_alt": _e("Logo", "Alt text of the logo."),
    # Speaker notes written when the outline gives none.
    "click_cue": _e("[click] {text}", "Notes: what to say at each click of a build."),
    "notes_welcome": _e("Welcome. This talk is called “{title}”.", "Notes of the title slide."),
    "notes_speaker": _e("I’m {author}.", "Notes of the title slide: who speaks."),
    "notes_plan": _e("We will walk through {stages}, compare {models} on the same prompt, and "
                     "end with where the approach still falls short.",
                     "Notes of the title slide: the talk's plan."),
    "notes_plan_comparison": _e("We will walk through {stages} and compare {models} on the "
                                "same prompt.", "notes_plan, for a talk without shortcomings."),
    "notes_plan_shortcomings": _e("We will walk through {stages} and end with where the "
                                  "approach still falls short.",
                                  "notes_plan, for a talk without a comparison."),
    "notes_plan_stages": _e("We will walk through {stages}.",
                            "notes_plan, for a talk with neither a comparison nor shortcomings."),
    "notes_stages_one": _e("1 stage", "{stages} in notes_plan, for one stage."),
    "notes_stages": _e("{count} stages", "{stages} in notes_plan, for several stages."),
    "notes_models_2": _e("two models", "{models} in notes_plan, for two answers."),
    "notes_models_3": _e("three models", "{models} in notes_plan, for three answers."),
    "notes_empty_slide": _e("This slide is about {title}.", "Notes of a slide without points."),
    "notes_pipeline": _e("Here is the whole pipeline at a glance: {names}.",
                         "Notes of the pipeline overview."),
    "list_separator": _e(", ", "Between names in a list, in notes."),
    "list_last": _e("{first} and {last}", "The last two names of a list, in notes."),
    "notes_item": _e("{name}: {summary}", "A name and its summary, in notes."),
    "notes_pipeline_end": _e("We will take the stages one at a time.",
                             "Notes of the pipeline overview: the last sentence."),
    "notes_stage": _e("Stage {n} is {name}.", "Notes of a stage slide."),
    "notes_loop": _e("This is the loop inside {stage}.", "Notes of a loop slide."),
    "notes_loop_step": _e("Step {n}: {text}", "Notes of a loop slide: one step."),
    "notes_loop_end": _e("Then the cycle starts again.",
                         "Notes of a loop slide: the last sentence."),
    "notes_comparison": _e("Both models get the same prompt: “{prompt}”",
                           "Notes of the comparison."),
    "notes_answer": _e("{label} answers: {text}", "Notes of the comparison: one answer."),
    "notes_shortcomings_one": _e("There is 1 problem to name.",
                                 "Notes of the shortcomings overview, for one item."),
    "notes_shortcomings": _e("There are {count} problems to name.",
                             "Notes of the shortcomings overview, for several items."),
    "notes_image": _e("The picture shows {alt}.", "Notes of an image slide."),
    "notes_quote": _e("The quote reads: “{quote}”.", "Notes of a quote slide."),
    "notes_quote_by": _e("That is {by}.", "Notes of a quote slide: who said it."),
    "notes_continuing": _e("Continuing “{title}” (part {n}): {points}",
                           "Notes of a slide that continues a list."),
    "full_stop": _e(".", "Ends a sentence of notes written from the outline's text."),
    # Tables, charts and flowcharts: alt text, which their notes read out too.
    "table_alt": _e("Table, {columns} ({header}), {rows}",
                    "Alt text of a table; {columns} is table_columns, {header} the header "
                    "row's cells, {rows} is table_rows."),
    "table_alt_part": _e("{table}, rows {first}–{last} of {count}",
                         "Alt text of one slide of a table continued over several; {table} "
                         "is table_alt."),
    "table_columns_one": _e("1 column", "{columns} in table_alt, for one column."),
    "table_columns": _e("{count} columns", "{columns} in table_alt, for several columns."),
    "table_rows_one": _e("1 row", "{rows} in table_alt, for one row."),
    "table_rows": _e("{count} rows", "{rows} in table_alt, for several rows."),
    "notes_table_row": _e("{first} — {cells}", "Notes of a table: one row, its first cell "
                          "and then the others, each as notes_item."),
    "group_separator": _e("; ", "Between the series of a chart and the cells of a table "
                          "row, in alt text and notes."),
    "chart_alt": _e("{kind}, {data}.", "Alt text of a chart; {kind} is the chart's kind, "
                    "{data} its series."),
    "chart_series": _e("{name}: {values}", "Alt text of a chart: one series and its values."),
    "chart_value": _e("{category} {value}", "Alt text of a chart: one value."),
    "chart_bar": _e("Bar chart", "{kind} in chart_alt."),
    "chart_column": _e("Column chart", "{kind} in chart_alt."),
    "chart_line": _e("Line chart", "{kind} in chart_alt."),
    "chart_pie": _e("Pie chart", "{kind} in chart_alt."),
    "chart_stacked_bar": _e("Stacked bar chart", "{kind} in chart_alt."),
    "chart_stacked_column": _e("Stacked column chart", "{kind} in chart_alt."),
    "flow_alt": _e("Flowchart, {direction}: {links}", "Alt text of a Mermaid flowchart; "
                   "{links} are its arrows (“A → B”)."),
    "flow_tb": _e("top to bottom", "{direction} in flow_alt."),
    "flow_bt": _e("bottom to top", "{direction} in flow_alt."),
    "flow_lr": _e("left to right", "{direction} in flow_alt."),
    "flow_rl": _e("right to left", "{direction} in flow_alt."),
    "flow_continues": _e("continues on {n}/{count}", "A flowchart cut over several slides: "
                         "under the name of a node on another slide, where a link goes on; "
                         "{n} is that slide's part, {count} the parts."),
    "flow_continued": _e("from {n}/{count}", "A flowchart cut over several slides: under "
                         "the name of a node on another slide, where a link comes from."),
    "flow_cut_alt": _e("Part {n} of {count}.", "Alt text of one slide of a flowchart cut "
                       "over several, before the flow."),
    "flow_label": _e("{link} ({label})", "Alt text of a flowchart: an arrow with its label."),
    "flow_group": _e("Group “{title}”: {members}",
                     "Alt text of a flowchart: a subgraph and its boxes."),
    # The speaker script (`aligndeck notes`) and the summary of `validate`. A text with
    # a _one twin is chosen by the language's plural rule (CLDR); a translation may add
    # _two, _few and _many twins for the languages whose rules have them.
    "script_heading": _e("Speaker script: {slides}, {minutes} at {rate} spoken words a "
                         "minute.", "The script's first line."),
    "script_heading_by": _e("Speaker script by {author}: {slides}, {minutes} at {rate} "
                            "spoken words a minute.", "The script's first line, with who "
                            "gives the talk."),
    "script_slides_one": _e("{count} slide", "{slides}, for one slide."),
    "script_slides": _e("{count} slides", "{slides}, for several slides."),
    "script_words_one": _e("{count} word", "{words}, for one word."),
    "script_words": _e("{count} words", "{words}, for several words."),
    "script_minutes_one": _e("about {count} minute", "{minutes}, for about one minute."),
    "script_minutes": _e("about {count} minutes", "{minutes}, for several minutes."),
    "script_under_a_minute": _e("under a minute", "{minutes}, for less than half a minute."),
    "script_slide": _e("{kind} slide · {minutes} min ({words}) · ends at {clock}",
                       "The line under each slide's heading in the script."),
    "script_total": _e("Total: {minutes}", "The script's last line, in bold."),
    "script_total_for": _e("for {slides}.", "The script's last line, after the bold part."),
    "script_no_notes": _e("(no notes)", "The script, for a slide without notes."),
    "validate_summary": _e("{slides}, {minutes} of speaker notes at {rate} words a minute",
                           "What `validate` says of an outline that would build."),
    "script_written": _e("the script of {slides}, {minutes}",
                         "What `notes -o` says of the script it wrote."),
}
"""Every built-in text, by key, with its English. The order is the order of the schema."""

LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "ja", "zh", "ko", "ru", "ar", "he", "nl", "pl",
             "uk", "tr", "id", "vi", "hi", "th")
"""Languages with built-in text (primary subtags); `zh` is Simplified Chinese."""

TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})
"""Subtags of Chinese written in traditional characters (the built-in text is Simplified)."""

PLURAL_FORMS = ("zero", "two", "few", "many")
"""CLDR plural categories a translation may give beside a counted text's `_one` and
general forms (`table_rows_two`, the Arabic and Hebrew dual); Babel says which applies."""

COUNTED = frozenset(key.removesuffix("_one") for key in CATALOGUE if key.endswith("_one"))
"""Texts with a form for one (`table_rows_one`) and one for any other count (`table_rows`)."""

NUMERIC = frozenset({"n", "count", "rate"})
"""Placeholders that hold numbers (the others hold text)."""


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` placeholders of a text (`{{` and `}}` are literal braces).

    Raises ValueError for a text that is not a valid template (an unclosed brace).
    """
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text)
                     if name is not None)


def override_problem(key: str, text: str) -> str | None:
    """Why `text` cannot replace the built-in text `key`, or None when it can."""
    entry = CATALOGUE[key]
    try:
        given = placeholders(text)
    except ValueError:
        return "a '{' or '}' without its pair; write '{{' or '}}' for a literal brace"
    wanted = entry.placeholders
    listed = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
    unknown = sorted(given - wanted)
    if unknown:
        import difflib  # only for a mistake: not at start-up

        close = difflib.get_close_matches(unknown[0], sorted(wanted), n=1)
        hint = f" (did you mean {{{close[0]}}}?)" if close else ""
        return f"unknown placeholder {{{unknown[0]}}}{hint}; this text takes {listed}"
    missing = sorted(wanted - given)
    if missing:
        return f"placeholder {{{missing[0]}}} is missing; this text takes {listed}"
    try:
        text.format(**{name: 1 if name in NUMERIC else "x" for name in wanted})
    except (ValueError, IndexError, KeyError, AttributeError):
        return f"cannot be filled in; write placeholders as plain {listed}"
    return None


@functools.lru_cache(maxsize=16)
def translation(language: str) -> Mapping[str, str]:
    """The shipped translation of one language (a primary subtag); English is the
    catalogue itself. Raises KeyError for a language without one."""
    if language == "en":
        return {key: entry.english for key, entry in CATALOGUE.items()}
    if language not in LANGUAGES:
        raise KeyError(language)
    table = _table(language)
    return {key: str(table[key]) for key in CATALOGUE}


@functools.lru_cache(maxsize=16)
def _table(language: str) -> Mapping[str, object]:
    source = resources.files("aligndeck") / "data" / "strings" / f"{language}.yaml"
    loaded: Mapping[str, object] = yaml.safe_load(source.read_text(encoding="utf-8"))
    return loaded


def plural_forms(language: str) -> Mapping[str, str]:
    """A translation's extra plural forms (`table_rows_two`: key_form -> text)."""
    if language == "en":
        return {}
    return {f"{key}_{form}": str(text) for key in COUNTED for form in PLURAL_FORMS
            if (text := _table(language).get(f"{key}_{form}")) is not None}


def _english_plural(count: int) -> str:
    """CLDR's plural rule for English whole numbers ("one: i = 1 and v = 0"), which babel
    gives too (tests/test_strings.py compares them): loading babel and its locale
    data for it took a twentieth of a cold build of an English deck."""
    return "one" if count == 1 else "other"


@functools.lru_cache(maxsize=16)
def _plural_rule(language: str) -> Callable[[int], str]:
    if language == "en":
        return _english_plural
    from babel import Locale

    rule: Callable[[int], str] = Locale.parse(language).plural_form
    return rule


@dataclass(frozen=True)
class Strings:
    """The built-in text of one deck: a language's translation with the outline's overrides.

    `strings("stage_label", n=2)` fills in a text's placeholders.
    """

    language: str = "en"
    overrides: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, key: str, **values: object) -> str:
        text = self.overrides.get(key)
        if text is None:
            text = translation(self.language)[key]
        return text.format(**values)

    def count(self, key: str, count: int, **values: object) -> str:
        """The counted text `key` for `count` (its placeholder {count} filled in), by the
        language's CLDR plural rule: `key_one` for 1, and for every count of the "one"
        category when that text holds {count} (Russian "21 слайд"; a `key_one` without it,
        "1 рядок", means exactly one); the translation's `key_two`, `key_few`… where it
        gives them and the outline does not give `key`; else `key` itself."""
        form = _plural_rule(self.language)(count)
        one = f"{key}_one"
        if count == 1 or (form == "one" and "{count}" in self.text(one)):
            return self(one, **values, count=count)
        text = plural_forms(self.language).get(f"{key}_{form}")
        if text is not None and key not in self.overrides:  # the outline's own text wins
            return text.format(**values, count=count)
        return self(key, **values, count=count)

    def text(self, key: str) -> str:
        """The text of `key` as written, placeholders unfilled."""
        given = self.overrides.get(key)
        return given if given is not None else translation(self.language)[key]

    def given(self, key: str) -> bool:
        """Whether the outline overrides `key`."""
        return key in self.overrides


def primary_subtag(language: str) -> str:
    return language.split("-")[0].lower()


def strings_for(language: str, overrides: Mapping[str, str] | None = None
                ) -> tuple[Strings, str | None]:
    """The built-in text for a BCP 47 tag, chosen by its primary subtag, and a warning when
    the language has no translation (English is used, and `strings:` can fill the gap)."""
    base = primary_subtag(language)
    overrides = dict(overrides or {})
    if base in LANGUAGES:
        subtags = {part.casefold() for part in language.split("-")[1:]}
        if base == "zh" and subtags & TRADITIONAL and len(overrides) < len(CATALOGUE):
            return Strings(base, overrides), (
                f"the built-in text is in Simplified Chinese, not the Traditional Chinese of "
                f"'{language}'; `strings:` can give it")
        return Strings(base, overrides), None
    missing = len(CATALOGUE) - len(overrides)
    warning = None
    if missing:
        warning = (f"no built-in text in '{language}' (there is for "
                   f"{', '.join(LANGUAGES)}); the slides' own words are in English unless "
                   "`strings:` gives them")
    return Strings("en", overrides), warning


ENGLISH = Strings()
"""The built-in text in English, with no overrides."""
