"""A planned paragraph's runs as the .pptx writer writes them: the text each run holds,
its language and fonts, and its colour as a theme reference; shared by the two ways a
slide is written (python-pptx's tree, render/pptx_writer.py, and text, render/slide_text.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from aligndeck.plan.model import Colour, Paragraph, Run, Text
from aligndeck.plan.text import (
    complex_script_font,
    east_asian_font,
    figures_font,
    has_east_asian,
    is_rtl_text,
    isolate_numbers,
    join_numbers,
    language_of,
    rtl_script,
)
from aligndeck.plan.theme import SCHEME_SLOT, PlaceholderLook, Theme
from aligndeck.render.families import FAMILY_OF_KIND
from aligndeck.render.paragraphs import RunSpec, paragraph_xml

ANCHOR_VALUE = {"top": "t", "middle": "ctr", "bottom": "b"}
_ALIGN_VALUE = {"left": "l", "center": "ctr", "right": "r"}
_MIRRORED: dict[str, Literal["left", "center", "right"]] = {
    "left": "right", "center": "center", "right": "right"}
"""A right-to-left paragraph starts at the right: what the plan set at the start (left)
goes to the right; centred and right-aligned text stays where it is."""
_FONT_REF = {"heading": "+mj-lt", "body": "+mn-lt"}


def colour_ref(colour: Colour, theme: Theme) -> tuple[str, int, bool]:
    """The theme colour reference for a role: mapped name (tx1, bg1, accent1, …), tint, and
    whether the tint darkens."""
    return SCHEME_SLOT[colour.role], abs(theme.tint(colour)), theme.darkens(colour)


def _with_figures_apart(runs: Sequence[Run], rtl: bool) -> list[tuple[Run, str]]:
    """Each run with the text to write (a number keeps its unit with a no-break space, where
    PowerPoint breaks at every space; a signed one is isolated in a right-to-left
    paragraph), and in a right-to-left paragraph the figures of a run (stretches with a digit
    and no right-to-left letter: "\u2066-49.6%\u2069", "2024", the "-10%" of "ב-10%") split
    off into runs of their own, drawn in the font they were measured in (not Noto Sans
    Hebrew's, which has no digits)."""
    out: list[tuple[Run, str]] = []
    for run in runs:
        text = join_numbers(isolate_numbers(run.text) if rtl else run.text)
        if not rtl or run.field is not None or not any(map(rtl_script, text)) or \
                not any(ch.isdigit() for ch in text):
            out.append((run, text))
            continue
        pieces: list[tuple[str, bool]] = []
        for token in _TOKEN.findall(text):
            figure = token[0] != " " and any(ch.isdigit() for ch in token) and \
                not any(map(rtl_script, token))
            if pieces and pieces[-1][1] == figure:
                pieces[-1] = (pieces[-1][0] + token, figure)
            else:
                pieces.append((token, figure))
        out += [(replace(run, text=piece), piece) for piece, _ in pieces]
    return out


_RTL = "\u0590-\u05ff\ufb1d-\ufb4f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_TOKEN = re.compile(f"[^ {_RTL}]+|[{_RTL}]+| +")


def paragraph_markup(paragraph: Paragraph, theme: Theme, language: str, styled: bool,
                     relate: Callable[[str], str] | None,
                     look: PlaceholderLook | None = None) -> tuple[str, list[RunSpec]]:
    """One `a:p` as markup (render/paragraphs.py) and the runs it writes. Unstyled
    paragraphs (a template's placeholders) keep the template's colours, fonts and weights:
    only sizes, spacing and bullets are written, and the typeface and colour no style of
    the template names (`look`: the placeholder's). `relate` gives a link's relationship
    id (links are not written without it)."""
    runs = []
    own_font = look.font if look is not None and not styled else None
    own_colour = colour_ref(Colour("ink"), theme) \
        if look is not None and look.default_colour and not styled else None
    # East Asian closing punctuation may otherwise hang past the line's end, outside the
    # width the text was measured for: hangingPunct="0".
    rtl = is_rtl_text("".join(r.text for r in paragraph.runs), language)
    for run, text in _with_figures_apart(paragraph.runs, rtl):
        lang = language_of(run.text, language)
        figures = None
        if rtl and not any(ch.isalpha() for ch in text):
            # Figures ("-49.6%") in a right-to-left paragraph are drawn from the complex-script
            # slot (Noto Sans Arabic has no "%", Noto Sans Hebrew no digits): runs of their
            # own that name the font they were measured in there too (figures_font).
            figures = figures_font(theme.code_font if run.font == "code" else
                                   theme.heading_font if run.font == "heading"
                                   else theme.body_font, lang)
        font = theme.code_font if run.font == "code" else _FONT_REF[run.font]
        link = None
        if run.link and run.field is None and relate is not None:
            link = relate(run.link)
        runs.append(RunSpec(
            text=text,
            size=round(run.size * 100),
            bold=run.bold if styled else None, italic=(run.italic or None) if styled else None,
            colour=colour_ref(run.colour, theme) if styled or (
                look is not None and look.runs_coloured) else own_colour,
            caps=run.caps, spacing=round(run.spacing * 100),
            font=font if styled or run.font == "code" else own_font, lang=lang,
            # A template's placeholders keep its East Asian font (its layouts may set one);
            # the run's language still picks the theme's script font where they set none.
            east_asian=east_asian_font(lang) if styled and has_east_asian(run.text) else None,
            complex_script=figures or complex_script_font(run.text),
            link=link, slide_number=run.field == "slide-number"))
    align = _MIRRORED[paragraph.align] if rtl else paragraph.align
    markup = paragraph_xml(
        align=_ALIGN_VALUE[align] if styled or rtl else None, rtl=rtl,
        line=paragraph.line_spacing, before=paragraph.space_before,
        after=paragraph.space_after, bullet=paragraph.bullet,
        indent=theme.bullet_indent, bullet_colour=colour_ref(Colour("accent"), theme),
        runs=runs)
    return markup, runs


def placeholder_look_of(theme: Theme, kind: str, text: Text) -> PlaceholderLook | None:
    """The look of the template placeholder `text` (on a slide of `kind`) is written in,
    for what no style of the template names; None for the built-in design or a text box."""
    if theme.frames is None or not text.placeholder:
        return None
    look = theme.frame(FAMILY_OF_KIND[kind]).look(text.placeholder)
    return replace(look, runs_coloured=True) if look is not None and text.recoloured \
        else look
