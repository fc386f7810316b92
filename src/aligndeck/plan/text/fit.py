"""Fitting text into boxes: wrap with real font metrics, shrink in steps down to a floor."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from aligndeck.plan.model import EMU_PER_PT, Emu, Paragraph, Run
from aligndeck.plan.text.hyphens import hyphenate_all
from aligndeck.plan.text.lines import katakana_words, unbroken_spans, wrap_styled
from aligndeck.plan.text.measure import (
    StyledPiece,
    line_height_pt,
    script_line_height_pt,
    styled_width_pt,
)
from aligndeck.plan.text.scripts import has_east_asian, phrase_language
from aligndeck.plan.text.shaping import needs_shaping
from aligndeck.plan.text.thai import is_thai, pieces

SAFETY = 0.96
"""Fraction of a box's width text may use: renderers differ by a few percent (kerning, hinting)."""

CALIBRI_FONTS: Mapping[str, str] = MappingProxyType({"heading": "Calibri", "body": "Calibri"})
"""Font family of each run role (heading, body); the theme's fonts in practice."""

CODE_FONT = "Consolas"
"""Family of code runs when `fonts` names none for the "code" role."""

SIZE_STEP = 1.0
"""Sizes are tried in whole points, from the preferred size down to the floor."""


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting: the main size chosen, the paragraphs at that size, and
    whether they fit at all (False when even the floor overflows)."""

    size: float
    paragraphs: tuple[Paragraph, ...]
    fits: bool
    height_pt: float
    room_pt: float
    """The height that was available, in points."""
    width_pt: float = 0.0
    bullet_indent_pt: float = 0.0
    fonts: Mapping[str, str] = field(default_factory=lambda: CALIBRI_FONTS)
    cut: tuple[tuple[Run, str], ...] = ()
    """Words no dictionary could hyphenate, with their runs: a renderer cuts them at the
    edge."""
    language: str = ""
    """The deck's language the text was fitted in (see `scripts.phrase_language`)."""

    def fits_with(self, paragraphs: Sequence[Paragraph]) -> bool:
        """Whether other paragraphs at this fit's sizes would fit the same box."""
        return text_height_pt(paragraphs, self.width_pt, self.bullet_indent_pt,
                              self.fonts, language=self.language) <= self.room_pt


def _family(font: str, fonts: Mapping[str, str]) -> str:
    """The family a run role is measured with (code falls back to CODE_FONT)."""
    if font == "code":
        return fonts.get("code", CODE_FONT)
    return fonts[font]


def _run_text(run: Run) -> str:
    return run.text.upper() if run.caps else run.text


def letter_widening(runs: Sequence[tuple[Run, int]]) -> float:
    """Letter spacing added between `count` characters of each run in a row: every gap but
    the last character's (written so that one run gives exactly spacing * (count - 1))."""
    last = len(runs) - 1
    while last > 0 and runs[last][1] == 0:
        last -= 1
    return sum(run.spacing * max(count - (1 if index == last else 0), 0)
               for index, (run, count) in enumerate(runs))


def paragraph_lines(paragraph: Paragraph, width_pt: float,
                    fonts: Mapping[str, str] = CALIBRI_FONTS, language: str = "") -> int:
    """How many lines a paragraph wraps to, each run measured in its own style (bold,
    italic, font role -> family in `fonts`, caps) at the paragraph's largest size; Han
    characters alone read as Japanese or Chinese by `language`, the deck's."""
    if not paragraph.runs:
        return 1
    texts = [_run_text(run) for run in paragraph.runs]
    pieces: list[StyledPiece] = [(text, run.bold, run.italic, _family(run.font, fonts))
                                 for text, run in zip(texts, paragraph.runs, strict=True)]
    size = max(run.size for run in paragraph.runs)
    # Letter spacing widens every gap; labels that use it are one short line, so taking the
    # whole widening off the available width is exact for them and safe for longer text.
    widening = letter_widening([(run, len(text)) for text, run in zip(texts, paragraph.runs,
                                                                 strict=True)])
    available = max(width_pt * SAFETY - widening, 1.0)
    # Japanese and Chinese break between phrases, in headings and body text alike.
    return len(wrap_styled(pieces, available, size, phrases=True, language=language))


DISPLAY_SIZE = 24.0
"""Text this large (an insight's statement, a closing line) is set like a heading."""


def is_heading(paragraph: Paragraph) -> bool:
    """Whether a paragraph is set like a heading: in the heading font throughout (titles,
    stage names), at display size, or diagram text (`phrases`: a box's summary, a
    flowchart's label). Such a paragraph in Japanese or Chinese breaks between phrases."""
    return bool(paragraph.runs) and (paragraph.phrases
                                     or all(run.font == "heading" for run in paragraph.runs)
                                     or max(run.size for run in paragraph.runs)
                                     >= DISPLAY_SIZE)


def written_breaks(paragraph: Paragraph, width_pt: float,
                   fonts: Mapping[str, str] = CALIBRI_FONTS, language: str = "") -> Paragraph:
    """The paragraph with a line break ("\v") written where the measure broke Japanese or
    Chinese text between phrases, Thai between its words, or a right-to-left heading,
    where a renderer would break elsewhere (PowerPoint breaks Japanese and Chinese between
    any two characters; each renderer has its own Thai dictionary and its own shaping of
    Arabic): both then show the same lines. `language` is the deck's: it says whether Han
    characters alone are Japanese or Chinese."""
    text = "".join(_run_text(run) for run in paragraph.runs)
    if text.isascii() or any(ch in text for ch in "\n\r\v"):
        return paragraph
    thai = any(map(is_thai, text))
    heading = is_heading(paragraph)
    # Between phrases in every Japanese or Chinese paragraph, not only headings: a bullet
    # broken anywhere splits a katakana word (ケー|キ), which no typesetter would do.
    phrases = phrase_language(text) is not None
    # A right-to-left heading's lines too: LibreOffice shapes Arabic a little differently,
    # and a line it finds just short enough overhangs its box (a regular-weight template
    # title measured bold leaves it that room).
    exact = thai or (heading and needs_shaping(text))
    if not (exact or phrases):
        return paragraph
    pieces: list[StyledPiece] = [(_run_text(run), run.bold, run.italic,
                                  _family(run.font, fonts)) for run in paragraph.runs]
    size = max(run.size for run in paragraph.runs)
    widening = letter_widening([(run, len(_run_text(run))) for run in paragraph.runs])
    available = max(width_pt * SAFETY - widening, 1.0)
    lines = wrap_styled(pieces, available, size, phrases=phrases, language=language)
    # Nothing to write where a renderer, breaking where Unicode allows across the whole
    # width (not the fitter's 96%), would end the lines where the measure did. Not with
    # figures in it: a renderer breaks inside "２４" (ideographs to Unicode), the measure
    # never does, so their lines part ("…ロボット２" / "４台を導入").
    if len(lines) < 2 or (not exact and not any(map(str.isdigit, text)) and lines == wrap_styled(
            pieces, max(width_pt - widening, 1.0), size)):
        return paragraph
    # Where each line ends in the paragraph's own characters (spaces collapse as measured).
    places = [(r, i) for r, run in enumerate(paragraph.runs)
              for i, ch in enumerate(_run_text(run)) if not ch.isspace()]
    ends: set[tuple[int, int]] = set()
    count = 0
    for line in lines[:-1]:
        count += sum(1 for ch in line if not ch.isspace())
        ends.add(places[count - 1])
    runs = []
    for r, run in enumerate(paragraph.runs):
        out: list[str] = []
        skip = False
        for i, ch in enumerate(run.text):
            if skip and ch.isspace():
                continue
            skip = False
            out.append(ch)
            if (r, i) in ends:
                out.append("\v")
                skip = True
        runs.append(replace(run, text="".join(out)))
    return replace(paragraph, runs=tuple(runs))


def paragraph_words(paragraph: Paragraph, language: str = ""
                    ) -> list[list[tuple[Run, str]]]:
    """The paragraph's unbroken pieces as (run, part) lists, in every script: what lies
    between the places the wrap may break a line (`lines.unbroken_spans`: spaces, after a
    hyphen between letters, between Japanese and Chinese phrases, between Thai words;
    never inside a number with its unit). A piece may span runs ("**bold**ness"), each
    part in its run's style; a part may hold a space the wrap keeps (a number's unit)."""
    texts = [_run_text(run) for run in paragraph.runs]
    owner = [k for k, text in enumerate(texts) for _ in text]
    full = "".join(texts)
    words: list[list[tuple[Run, str]]] = []
    for start, end in unbroken_spans(full, language):
        word: list[tuple[Run, str]] = []
        for k, group in itertools.groupby(range(start, end), key=owner.__getitem__):
            word.append((paragraph.runs[k], "".join(full[i] for i in group)))
        words.append(word)
    return words


def breaks_a_word(paragraphs: Sequence[Paragraph], width_pt: float,
                  bullet_indent_pt: float = 0.0,
                  fonts: Mapping[str, str] = CALIBRI_FONTS, language: str = "") -> bool:
    """Whether some word is wider than its line, so a renderer would break it mid-word.

    Words are split at spaces and after hyphens, where renderers may break; a word may
    span runs ("**bold**ness") and each part is measured in its run's style and size.
    Text in East Asian scripts breaks between characters, so only its katakana words (with
    the brackets and small kana no line may part from them) must fit; Thai breaks between
    its words (each must fit).
    """
    for paragraph in paragraphs:
        width = (width_pt - (bullet_indent_pt if paragraph.bullet else 0.0)) * SAFETY
        # No glyph is wider than 1.5 em: a word too short for that to overflow is skipped
        # without measuring (most words, most of the time).
        longest = width / (1.5 * max((run.size for run in paragraph.runs), default=1.0))
        # A word lies within a stretch between whitespace: when none of those is longer,
        # no word is, and the paragraph need not be split into words.
        text = "".join(_run_text(run) for run in paragraph.runs)
        if max(map(len, text.split()), default=0) <= longest:
            continue
        for word in paragraph_words(paragraph, language):
            if sum(len(part) for _, part in word) <= longest:
                continue
            text = "".join(part for _, part in word)
            if has_east_asian(text):
                # Japanese breaks between characters, but a typesetter never parts a
                # katakana word ("プレトレーニン|グ") while a smaller size keeps it whole.
                run = word[0][0]
                style = (run.bold, run.italic, _family(run.font, fonts))
                if any(styled_width_pt([(katakana, *style)], run.size) > width
                       for katakana in katakana_words(text)):
                    return True
                continue
            if any(map(is_thai, text)):
                # Thai breaks between its words: the widest of them must fit.
                run = word[0][0]
                style = (run.bold, run.italic, _family(run.font, fonts))
                if any(styled_width_pt([(piece, *style)], run.size) > width
                       for piece in pieces(text)):
                    return True
                continue
            extra = letter_widening([(run, len(part)) for run, part in word])
            measured = sum(styled_width_pt([(part, run.bold, run.italic,
                                             _family(run.font, fonts))], run.size)
                           for run, part in word)
            if measured + extra > width:
                return True
    return False


def text_height_pt(paragraphs: Sequence[Paragraph], width_pt: float, bullet_indent_pt: float
                   = 0.0, fonts: Mapping[str, str] = CALIBRI_FONTS, *,
                   scripts: bool = False, language: str = "") -> float:
    """Height the paragraphs take when wrapped to width_pt (bulleted ones lose the indent);
    with `scripts`, each line as tall as the tallest font its script (and its first run's
    family) is drawn in."""
    total = 0.0
    for index, paragraph in enumerate(paragraphs):
        size = max((run.size for run in paragraph.runs), default=12.0)
        width = width_pt - (bullet_indent_pt if paragraph.bullet else 0.0)
        lines = paragraph_lines(paragraph, width, fonts, language)
        family = _family(paragraph.runs[0].font, fonts) if paragraph.runs else "Calibri"
        total += lines * (script_line_height_pt("".join(r.text for r in paragraph.runs), size,
                                                paragraph.line_spacing, family) if scripts
                          else line_height_pt(size, paragraph.line_spacing))
        if index:
            total += paragraph.space_before
        if index < len(paragraphs) - 1:
            total += paragraph.space_after
    return total


def fit_text(
    make: Callable[[float], Sequence[Paragraph]],
    width: Emu,
    height: Emu,
    preferred: float,
    floor: float,
    *,
    bullet_indent_pt: float = 0.0,
    fonts: Mapping[str, str] = CALIBRI_FONTS,
    language: str = "",
    joints_below: float = 0.0,
) -> Fit:
    """Find the largest main size from `preferred` down to `floor` at which `make(size)` fits
    without breaking a word. At the floor, a word wider than its line is hyphenated by
    `language`'s dictionary (pyphen's); one that cannot be is left to be cut at the line's
    end, and it is in `Fit.cut`, with its run, for the caller to warn about.

    `make` builds the paragraphs for a main size (other runs scale with it as it decides).
    Width and height are the inside of the text frame, in EMU. When nothing fits, returns
    the floor with `fits=False`; the caller decides whether that is a warning or an error.
    Below `joints_below` a word wider than its line may part at a compound's sure joints
    ("Instruktionsabstimmungs-" / "feinjustierung") rather than the text shrink further.
    """
    width_pt, height_pt = width / EMU_PER_PT, height / EMU_PER_PT
    size = preferred
    while True:
        last = size - SIZE_STEP < floor
        made = tuple(make(size))
        joints = size < joints_below
        paragraphs, cut, needed, whole_words = _tried(
            made, width_pt, bullet_indent_pt, fonts, language, False, True) if joints else \
            _tried(made, width_pt, bullet_indent_pt, fonts, language, last)
        if last and joints and not (needed <= height_pt and whole_words):
            # At the floor too the joints come first, a line more if the box holds it;
            # only when they do not fit, any legal break ("Instruktionsabstim-" /
            # "mungsfeinjustierung" was set where "Instruktions-" / "abstimmungs-" /
            # "feinjustierung" fitted, when the last size was fitted on its own).
            paragraphs, cut, needed, whole_words = _tried(
                made, width_pt, bullet_indent_pt, fonts, language, True)
        if (needed <= height_pt and whole_words) or last:
            written = _written(paragraphs, width_pt, bullet_indent_pt, fonts, language)
            return Fit(size, written, needed <= height_pt and whole_words, needed, height_pt,
                       width_pt, bullet_indent_pt, fonts, cut, language)
        size -= SIZE_STEP


_Tried = tuple[tuple[Paragraph, ...], tuple[tuple[Run, str], ...], float, bool]
_tries: dict[tuple[object, ...], _Tried] = {}
_writes: dict[tuple[object, ...], tuple[Paragraph, ...]] = {}
KEPT_TRIES = 20_000
"""Tries kept (a few MB): `watch` and `serve` plan the whole deck again on each save, and
all but the edited text is tried at the same sizes in the same boxes as before."""


def forget_tries() -> None:
    """Drop every kept try (a test's cold start; never needed for correctness)."""
    _tries.clear()
    _writes.clear()


def _tried(paragraphs: tuple[Paragraph, ...], width_pt: float, bullet_indent_pt: float,
           fonts: Mapping[str, str], language: str, last: bool, joints: bool = False
           ) -> _Tried:
    """One size tried: the paragraphs (hyphenated at the floor, `last`, where a word is
    wider than its line; with `joints`, at a compound's sure joints only, where that
    parts every such word), the words cut, the height needed, and whether no word
    breaks. Kept by its arguments (all values, so equal arguments give an equal answer)."""
    key = (paragraphs, width_pt, bullet_indent_pt, tuple(fonts.items()), language, last,
           joints)
    found = _tries.get(key)
    if found is not None:
        return found
    cut: tuple[tuple[Run, str], ...] = ()
    if last and breaks_a_word(paragraphs, width_pt, bullet_indent_pt, fonts, language):
        paragraphs, cut = hyphenate_all(paragraphs, width_pt * SAFETY,
                                        bullet_indent_pt * SAFETY, language, fonts, _family)
    elif joints and breaks_a_word(paragraphs, width_pt, bullet_indent_pt, fonts, language):
        parted, lost = hyphenate_all(paragraphs, width_pt * SAFETY, bullet_indent_pt * SAFETY,
                                     language, fonts, _family, joints_only=True)
        if not lost:
            paragraphs = parted
    needed = text_height_pt(paragraphs, width_pt, bullet_indent_pt, fonts, language=language)
    # A size that breaks a word in two is not a fit while a smaller one may avoid it.
    whole_words = last or not breaks_a_word(paragraphs, width_pt, bullet_indent_pt, fonts,
                                            language)
    if len(_tries) >= KEPT_TRIES:
        _tries.clear()
    found = _tries[key] = (paragraphs, cut, needed, whole_words)
    return found


def _written(paragraphs: tuple[Paragraph, ...], width_pt: float, bullet_indent_pt: float,
             fonts: Mapping[str, str], language: str) -> tuple[Paragraph, ...]:
    """The paragraphs with the line breaks the measure chose written in (kept as `_tried`'s
    answers are)."""
    key = (paragraphs, width_pt, bullet_indent_pt, tuple(fonts.items()), language)
    found = _writes.get(key)
    if found is None:
        if len(_writes) >= KEPT_TRIES:
            _writes.clear()
        found = _writes[key] = tuple(
            written_breaks(p, width_pt - (bullet_indent_pt if p.bullet else 0.0), fonts,
                           language)
            for p in paragraphs)
    return found


def fit_common_size(
    makers: Sequence[Callable[[float], Sequence[Paragraph]]],
    width: Emu,
    height: Emu,
    preferred: float,
    floor: float,
    fonts: Mapping[str, str] = CALIBRI_FONTS,
    language: str = "",
    joints_below: float = 0.0,
) -> float:
    """The one size at which every text fits its (equal) box: the size of the longest."""
    return min(fit_text(make, width, height, preferred, floor, fonts=fonts,
                        language=language, joints_below=joints_below).size
               for make in makers)
