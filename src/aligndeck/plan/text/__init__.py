"""Text: measuring, wrapping, shaping and the scripts a text is written in, and fitting it
into a box. The slide kinds and both renderers call this face, never a module under it:

- ``measure``: font metrics (Carlito's table, fontconfig's fonts), widths, line heights;
- ``lines``: where a line may break (UAX #14, strict kinsoku, phrases in CJK headings,
  numbers with their units) and the greedy wrap every measurement and renderer shares;
- ``shaping``: right-to-left words measured whole, as HarfBuzz draws them;
- ``scripts``: which language, direction and East Asian or complex-script font text needs;
- ``fit``: a text's size chosen from preferred to floor so it fits its box.
"""

from __future__ import annotations

from aligndeck.plan.text.figures import isolate_numbers, join_numbers
from aligndeck.plan.text.fit import (
    CALIBRI_FONTS,
    CODE_FONT,
    SAFETY,
    Fit,
    fit_common_size,
    fit_text,
    letter_widening,
    paragraph_lines,
    paragraph_words,
    text_height_pt,
    written_breaks,
)
from aligndeck.plan.text.hyphens import hyphenate
from aligndeck.plan.text.lines import (
    unbroken_pieces,
    wrap_styled,
    wrap_text,
)
from aligndeck.plan.text.measure import (
    StyledPiece,
    autospace_pt,
    figures_font,
    line_height_pt,
    script_ascent_pt,
    styled_width_pt,
    text_width_pt,
)
from aligndeck.plan.text.scripts import (
    complex_script_font,
    east_asian_font,
    has_east_asian,
    is_rtl_language,
    is_rtl_text,
    language_of,
    letter_spacing,
    phrase_language,
    rtl_script,
)
from aligndeck.plan.text.thai import is_thai

__all__ = [
    "CALIBRI_FONTS",
    "CODE_FONT",
    "SAFETY",
    "Fit",
    "StyledPiece",
    "autospace_pt",
    "complex_script_font",
    "east_asian_font",
    "figures_font",
    "fit_common_size",
    "fit_text",
    "has_east_asian",
    "hyphenate",
    "is_rtl_language",
    "is_rtl_text",
    "is_thai",
    "isolate_numbers",
    "join_numbers",
    "language_of",
    "letter_spacing",
    "letter_widening",
    "line_height_pt",
    "paragraph_lines",
    "paragraph_words",
    "phrase_language",
    "rtl_script",
    "script_ascent_pt",
    "styled_width_pt",
    "text_height_pt",
    "text_width_pt",
    "unbroken_pieces",
    "wrap_styled",
    "wrap_text",
    "written_breaks",
]
