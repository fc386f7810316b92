"""Where a line may break, and the greedy wrap that every measurement and both renderers share.

Break opportunities are Unicode's (UAX #14, through uniseg, whose tables treat small kana
and the prolonged sound mark as non-starters: the strict Japanese rules; Latin text gets
uniseg's outcome from latin_breaks.py without loading it), tailored three
ways: a number never parts from its unit ("12.5 km", "3 pp"); headings in Japanese and
Chinese break only between phrases (BudouX) while a phrase fits the line; and plain ASCII
text, the common case, takes a quick path with the same outcome (spaces, and after a hyphen
between letters). Thai, written without spaces, breaks between the words of a dictionary
(thai.py).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from aligndeck.plan.text import katakana, latin_breaks
from aligndeck.plan.text.figures import unit_spaces
from aligndeck.plan.text.katakana import is_katakana as _is_katakana
from aligndeck.plan.text.measure import (
    StyledPiece,
    _char_units,
    _check_non_negative,
    _is_zero_width,
    _style,
    _units_to_pt,
    line_units,
)
from aligndeck.plan.text.scripts import phrase_language
from aligndeck.plan.text.segment import inside_kanji_words, kanji_joints
from aligndeck.plan.text.segment import is_kanji as _is_han
from aligndeck.plan.text.shaping import needs_shaping, shape_line
from aligndeck.plan.text.stretches import normalised_lines, wrap_in_stretches
from aligndeck.plan.text.thai import is_thai as _is_thai
from aligndeck.plan.text.thai import word_ends

__all__ = ["wrap_styled", "wrap_text"]

#: May not start a line (kinsoku), for a break forced inside a word that does not fit.
_CLOSING = frozenset("、。，．：；！？）」』】〉》〕］｝〙〗〟｣.,;:!?)]}’”%")
#: May not start a line by the strict rules only: where nothing else fits, the loose rules
#: let them (a line may start with ー before it starts with 、).
_STRICT = frozenset("ーッっャュョァィゥェォゃゅょぁぃぅぇぉ")
#: May not end a line, likewise.
_OPENING = frozenset("（「『【〈《〔［｛〘〖〝｢([{‘“")
#: No-break "glue" characters: never break on either side of them.
_GLUE = frozenset("\u00a0\u2007\u202f\u2060\ufeff\u200d")
#: Where a Japanese or Chinese phrase too wide for its line parts first.
_PAUSES = frozenset("、，：；・")

_HARD_BREAK = re.compile(r"\r\n|[\n\r\v]")

_ASCII_NO_BREAK_BEFORE = frozenset(".,;:!?)]}")
_ASCII_NO_BREAK_AFTER = frozenset("([{")


def _ascii_breaks(s: str, joins: frozenset[int]) -> list[tuple[int, int]]:
    """_breaks for ASCII text: at spaces (kinsoku's ASCII rules kept) and after a hyphen
    between two letters, the breaks UAX #14 gives such text."""
    fast: list[tuple[int, int]] = []
    index = s.find(" ")
    while index != -1:
        following = s[index + 1] if index + 1 < len(s) else ""
        if following not in _ASCII_NO_BREAK_BEFORE and s[index - 1] not in \
                _ASCII_NO_BREAK_AFTER and index not in joins:
            fast.append((index, index + 1))
        index = s.find(" ", index + 1)
    index = s.find("-", 1)
    while index != -1:
        if index + 1 < len(s) and s[index - 1].isalpha() and s[index + 1].isalpha():
            fast.append((index + 1, index + 1))
        index = s.find("-", index + 1)
    fast.sort()
    fast.append((len(s), len(s)))
    return fast


@functools.lru_cache(maxsize=4)
def _phrase_parser(language: str) -> Any:
    import budoux

    loaders = {"ja": budoux.load_default_japanese_parser,
               "zh-hans": budoux.load_default_simplified_chinese_parser,
               "zh-hant": budoux.load_default_traditional_chinese_parser}
    return loaders[language]()


def _phrase_ends(s: str, language: str) -> frozenset[int]:
    """Offsets in `s` where one of its phrases (BudouX's) ends. In Japanese, never inside
    a kanji compound or a loanword of the project's lists: BudouX's model parts some
    ("自律走|行型ピッキングロボット" is "自律走行型" / "ピッキングロボット" to a reader)."""
    phrases = _phrase_parser(language).parse(s)
    ends = frozenset(itertools.accumulate(len(p) for p in phrases))
    if language != "ja":
        return ends
    return ends - inside_kanji_words(s) - katakana.inside_words(s)


@functools.lru_cache(maxsize=8192)
def _breaks(s: str, phrases: str | None = None) -> tuple[tuple[int, int], ...]:
    """Break opportunities of a normalised line as (end of this line, start of next);
    cached, as they depend on the text alone and fitting wraps it at many sizes.

    A break at a space drops the space (end = before it, start = after it); a break
    between two characters (CJK, after a hyphen or a slash) drops nothing. With `phrases`
    (a BudouX language), breaks between characters are kept only between phrases.
    """
    joins = unit_spaces(s) if any(map(str.isdigit, s)) else frozenset()
    if s.isascii():
        return tuple(_ascii_breaks(s, joins))
    ends = _phrase_ends(s, phrases) if phrases else None
    # Thai is written without spaces: UAX #14 leaves its words to a dictionary (thai.py),
    # whose word ends are the only breaks inside Thai text.
    thai = word_ends(s) if any(_is_thai(ch) for ch in s) else frozenset()
    out: list[tuple[int, int]] = []
    for i, allowed in enumerate(_unicode_breakables(s)):
        if i == 0:
            continue
        if _is_thai(s[i - 1]) and _is_thai(s[i]):
            allowed = i in thai
        if not allowed or (s[i - 1].isdigit() and (_is_han(s[i]) or s[i].isdigit())):
            continue  # nor inside a number ("２４"), nor before its counter ("1,240件")
        if s[i - 1] == " ":
            if i - 1 not in joins:
                out.append((i - 1, i))
        elif ends is None or i in ends:
            out.append((i, i))
    out.append((len(s), len(s)))
    return tuple(out)


def _unicode_breakables(s: str) -> Iterable[bool]:
    """UAX #14's break opportunities before each character of `s`: uniseg's, loaded only
    for text beyond the Latin letters and common punctuation (latin_breaks.py)."""
    if latin_breaks.handles(s):
        return latin_breaks.breakables(s)
    from uniseg.linebreak import line_break_breakables

    return (bool(allowed) for allowed in line_break_breakables(s))


def unbroken_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the stretches between the places a line of it may
    break, in every script: between words (a number with its sign, decimals, percent sign
    or unit is one), after a hyphen between letters, in Japanese and Chinese between
    phrases, in Thai between words. A box narrower than the widest stretch splits it.
    `language` is the deck's: it says whether Han characters alone are Japanese or Chinese.

    The breaks are the wrap's own (`_breaks`), found on the text with each run of
    whitespace read as one space; the offsets are the text's as given."""
    chars: list[str] = []
    at: list[int] = []  # where in `text` each character of the normalised line is
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                at.append(i)
            continue
        chars.append(ch)
        at.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        at.pop()
    s = "".join(chars)
    spans: list[tuple[int, int]] = []
    start = 0
    for end, nxt in _breaks(s, phrase_language(s, language)):
        if end > start:
            spans.append((at[start], at[end - 1] + 1))
        start = nxt
    return spans


def unbroken_pieces(text: str, language: str = "") -> list[str]:
    """The stretches of `text` between the places a line of it may break
    (`unbroken_spans`), whitespace inside one read as one space."""
    return [" ".join(text[a:b].split()) for a, b in unbroken_spans(text, language)]


KATAKANA_WORD = 10
"""The longest katakana run read as one word (see katakana_words)."""


def katakana_words(text: str) -> list[str]:
    """The katakana words (loanwords: プレトレーニング) of `text`, each with the characters
    no line may part from it: an opening bracket before it, a closing one or a small kana
    after it. The wrap breaks inside one only when it is wider than the line by itself.

    A run of more than `KATAKANA_WORD` katakana is read as a compound written without its
    middle dot (インストラクションチューニング), which a line may part: a loanword is rarely
    longer (デモンストレーション is 10). Its words are words where katakana.py finds them,
    else it is left out."""
    words: list[str] = []
    i = 0
    while i < len(text):
        if not _is_katakana(text[i]):
            i += 1
            continue
        start, end = i, i
        while end < len(text) and _is_katakana(text[end]):
            end += 1
        i = end
        if end - start > KATAKANA_WORD:
            # A compound: each of its words is one ("カスタマー", "サポート", "センター").
            cuts = (start, *(start + j for j in katakana.joints(text[start:end])), end)
            words += [text[a:b] for a, b in itertools.pairwise(cuts) if len(cuts) > 2]
            continue
        while start > 0 and text[start - 1] in _OPENING:
            start -= 1
        while end < len(text) and _no_break_before(text[end]):
            end += 1
        if end - start > 1:
            words.append(text[start:end])
    return words


def _katakana_run(s: str, at: int) -> tuple[int, int]:
    """Where the run of katakana `at` is inside (or at the edge of) starts and ends."""
    before, after = at, at
    while before > 0 and _is_katakana(s[before - 1]):
        before -= 1
    while after < len(s) and _is_katakana(s[after]):
        after += 1
    return before, after


def _katakana_sides(s: str, at: int) -> int:
    """The fewer of the katakana before and after `at` in the run `at` is inside."""
    before, after = _katakana_run(s, at)
    return min(at - before, after - at)


def _at_joint(s: str, at: int) -> bool:
    """Whether `at` falls between two words of the katakana compound it is inside."""
    before, after = _katakana_run(s, at)
    return at - before in katakana.joints(s[before:after])


def _inside_rank(s: str, at: int) -> int:
    """0 after a comma or colon or where katakana meets kanji, 2 before hiragana or
    between a number and its unit ("１１" / "キロメートル"), else 1."""
    if "\u3041" <= s[at] <= "\u309f" or s[at - 1].isdigit():
        return 2
    return 0 if s[at - 1] in _PAUSES or _is_katakana(s[at - 1]) != _is_katakana(s[at]) else 1


def _no_break_before(ch: str, strict: bool = True) -> bool:
    return (ch in _CLOSING or ch in _GLUE or (strict and ch in _STRICT)
            or (_is_zero_width(ch) and ch != "\u200b"))


def _bad_split(s: str, start: int, j: int, strict: bool = True) -> bool:
    """Whether splitting s[start:] at j breaks a kinsoku/glue rule (the strict ones, or
    only the loose ones)."""
    k = j
    while k < len(s) and s[k] == " ":
        k += 1
    m = j - 1
    while m > start and s[m] == " ":
        m -= 1
    return ((k < len(s) and _no_break_before(s[k], strict)) or s[m] in _OPENING
            or s[m] in _GLUE)


def _fill(s: str, start: int, best: tuple[int, int], chunk_end: int,
          finer: Sequence[tuple[int, int]], fits: Any) -> tuple[int, int]:
    """Where a line from `start` that could end at `best` ends when the phrase after it
    (up to `chunk_end`) must part anyway: the last break inside that phrase that fits and
    falls where two words surely meet (after a comma or colon, where katakana meets kanji,
    between two loanwords of a compound), else `best`. Never before hiragana (a particle)
    nor between two kanji (which may be inside a word)."""
    for b in reversed(finer):
        if best[0] < b[0] < chunk_end and fits(start, b[0]):
            at = b[0]
            kana = _is_katakana(s[at - 1]) and _is_katakana(s[at])
            if (_at_joint(s, at) if kana else _inside_rank(s, at) == 0):
                return b
    return best


def _wrap_units(s: str, units: Sequence[int], styles: Sequence[str], width_pt: float,
                size_pt: float, phrases: str | None) -> list[str]:
    """Greedily wrap one normalised hard line (single spaces, none at either end) whose
    characters advance by ``units[i]`` font units each (in ``styles[i]``); a stretch with
    right-to-left words is measured shaped, as a line of its own, like styled_width_pt."""
    if not s:
        return [""]
    prefix = [0, *itertools.accumulate(units)]
    shaped = needs_shaping(s)

    def fits(a: int, b: int) -> bool:
        width = (sum(shape_line(s[a:b], list(units[a:b]), styles[a:b])) if shaped
                 else prefix[b] - prefix[a])
        return _units_to_pt(width, size_pt) <= width_pt

    breaks = _breaks(s, phrases)
    finer = _breaks(s) if phrases else breaks
    lines: list[str] = []
    start = 0
    k = 0  # index of the first break opportunity after `start`
    while start < len(s):
        while breaks[k][1] <= start:
            k += 1
        best: tuple[int, int] | None = None
        while k < len(breaks) and fits(start, breaks[k][0]):
            best = breaks[k]
            k += 1
        if best is not None and phrases and k < len(breaks) and not fits(
                best[1], breaks[k][0]):
            # The next phrase is wider than a line by itself, so it parts anyway: part it
            # here, filling this line, rather than leave this line short and part it on
            # the next ("ロボットと" / "ソフトウェア" / "ライセンスで…" is a line more than
            # "ロボットとソフトウェア" / "ライセンスで…").
            best = _fill(s, start, best, breaks[k][0], finer, fits)
        if best is None:
            # A phrase wider than the line breaks where Unicode allows inside it, and
            # inside a katakana word (a loanword) only when nothing else fits.
            chunk_end = breaks[k][0]
            # Inside one, never leave a kana or two alone ("インストラクションチューニン"
            # / "グ"), as a hyphen never carries fewer than three letters.
            inside = [b for b in reversed(finer) if start < b[0] < chunk_end
                      and fits(start, b[0])]
            kana_breaks = [b for b in inside
                           if _is_katakana(s[b[0] - 1]) and _is_katakana(s[b[0]])]
            # Where a word likely ends first; before hiragana (a particle) last:
            # "自動化：ピッキングロボット" / "導入の一年", not "…導入" / "の一年".
            # Never inside a kanji compound or a loanword of the word lists while another
            # break fits ("ソフトウェアライ" / "センス").
            # In Japanese, where two kanji compounds of the list meet first ("機械学習" /
            # "基盤構築", not "機械学習基" / "盤構築").
            known = inside_kanji_words(s) | katakana.inside_words(s)
            joints = kanji_joints(s) if phrases == "ja" else frozenset()
            inside.sort(key=lambda b: (b[0] in known, _inside_rank(s, b[0]),
                                       b[0] not in joints))
            kana = [b for b in kana_breaks if _katakana_sides(s, b[0]) >= 3]
            best = next((b for b in inside if b not in kana_breaks),
                        next((b for b in kana_breaks if _at_joint(s, b[0])),
                             next((b for b in kana if b[0] not in known),
                                  next(iter(kana), inside[0] if inside else None))))
        if best is not None:
            end, nxt = best
        else:
            # The next unbreakable chunk is wider than the line by itself: break it
            # between characters, keeping at least one character per line, and
            # honouring the kinsoku rules if that still fits. (Fitting hyphenates a word
            # before it comes to this, and warns about one it cannot.)
            chunk_end = breaks[k][0]
            j = start + 1
            while j + 1 < chunk_end and fits(start, j + 1):
                j += 1
            for strict in (True, False):
                split = j
                while split > start + 1 and _bad_split(s, start, split, strict):
                    split -= 1
                if not _bad_split(s, start, split, strict):
                    j = split
                    break
            end = nxt = j
            while nxt < len(s) and s[nxt] == " ":
                nxt += 1
        lines.append(s[start:end].rstrip(" "))
        start = nxt
    return lines


def wrap_text(
    text: str,
    width_pt: float,
    size_pt: float,
    *,
    bold: bool = False,
    italic: bool = False,
    font: str = "Calibri",
) -> list[str]:
    """Greedy word wrap of ``text`` into lines at most ``width_pt`` points wide.

    * Hard breaks ("\\n", "\\r\\n", "\\r", and "\\v" -- python-pptx's soft line break)
      always end a line; each hard line yields at least one line, so "" -> [""].
    * Tabs count as spaces; runs of spaces are collapsed to one and spaces at the
      start/end of a hard line are dropped.  A line breaks at a space, which is
      dropped, so lines never start or end with a space.  Callers should emit the
      same normalised text (e.g. the returned lines) so the measurement holds.
    * Elsewhere a line breaks where UAX #14 allows (between CJK characters, after a
      hyphen, a slash or U+200B), with the strict Japanese rules: no line starts with
      closing punctuation, 。、, small kana or ー, none ends with an opening bracket.
      No break happens next to a no-break space, nor between a number and its unit.
    * A chunk wider than the whole line is broken between characters, as PowerPoint
      does, with at least one character per line (so a line of a single character
      may be wider than ``width_pt``); kinsoku is honoured there only when possible.

    Widths use text_width_pt (no kerning).  Raises ValueError for a negative/NaN
    width or size.
    """
    return wrap_styled(((text, bold, italic, font),), width_pt, size_pt)


def _hard_lines(pieces: Sequence[StyledPiece]) -> Iterator[tuple[str, list[int], list[str]]]:
    """The normalised hard lines of the pieces' text, each with its characters' advances.

    Normalised as wrap_text describes: split at hard breaks (also one that straddles two
    pieces, like "\\r" + "\\n"), runs of spaces and tabs made one space measured in the
    style of the run's first character, no space at either end.
    """
    text = "".join(piece[0] for piece in pieces)
    piece_styles = [_style(bold, italic, font) for _, bold, italic, font in pieces]
    if len(set(piece_styles)) == 1:
        yield from _hard_lines_in_one_style(text, piece_styles[0])
        return
    styles: list[str] = []
    for (piece_text, _, _, _), style in zip(pieces, piece_styles, strict=True):
        styles.extend([style] * len(piece_text))
    start = 0
    ends = [(m.start(), m.end()) for m in _HARD_BREAK.finditer(text)]
    for end, after in [*ends, (len(text), len(text))]:
        chars: list[str] = []
        units: list[int] = []
        char_styles: list[str] = []
        space: str | None = None  # style of a pending space
        for i in range(start, end):
            ch = text[i]
            if ch in " \t":
                if space is None:
                    space = styles[i]
                continue
            if space is not None and chars:
                chars.append(" ")
                units.append(_char_units(" ", space))
                char_styles.append(space)
            space = None
            chars.append(ch)
            units.append(_char_units(ch, styles[i]))
            char_styles.append(styles[i])
        yield "".join(chars), units, char_styles
        start = after


def _hard_lines_in_one_style(text: str, style: str
                             ) -> Iterator[tuple[str, list[int], list[str]]]:
    """_hard_lines for text in a single style (nearly all text): each line's runs of
    spaces and tabs made one space at once, and the advances looked up per character."""
    for line in normalised_lines(text):
        yield line, line_units(line, style), [style] * len(line)


def wrap_styled(pieces: Sequence[StyledPiece], width_pt: float, size_pt: float, *,
                phrases: bool = False, language: str = "") -> list[str]:
    """See _wrap_styled; results are cached, as fitting measures the same text often."""
    return list(_wrap_styled(tuple(pieces), width_pt, size_pt, phrases, language))


@functools.lru_cache(maxsize=65536)
def _wrap_styled(pieces: tuple[StyledPiece, ...], width_pt: float, size_pt: float,
                 phrases: bool, language: str) -> tuple[str, ...]:
    """Greedy word wrap of mixed-style text into lines at most ``width_pt`` points wide.

    ``pieces`` are (text, bold, italic, font family), set one after another at
    ``size_pt``; each character is measured in its own piece's style, and a line may
    break anywhere the concatenated text may (a style change is not a break).  All the
    rules of wrap_text apply; wrap_text is this function for a single piece.  With
    ``phrases`` (a heading), Japanese and Chinese lines break between phrases while one
    fits; Han characters alone are read as Japanese or Chinese by ``language``, the
    deck's (scripts.phrase_language).  Returns the lines as plain text.  Raises
    ValueError for a negative/NaN width or size.
    """
    _check_non_negative("width_pt", width_pt)
    _check_non_negative("size_pt", size_pt)
    lines: list[str] = []
    style = _style(*pieces[0][1:]) if pieces else None
    if style is not None and all(_style(*p[1:]) == style for p in pieces[1:]):
        text = "".join(piece[0] for piece in pieces)
        if text.isascii():  # nearly all text: measured a stretch at a time
            for line in normalised_lines(text):
                if _units_to_pt(sum(line_units(line, style)), size_pt) <= width_pt:
                    lines.append(line)  # it fits whole: one line, as the wrap would find
                    continue
                found = wrap_in_stretches(line, style, width_pt, size_pt, _breaks(line))
                lines.extend(found if found is not None else _wrap_units(
                    line, line_units(line, style), [style] * len(line),
                    width_pt, size_pt, None))
            return tuple(lines)
    for normalised, units, styles in _hard_lines(pieces):
        model = phrase_language(normalised, language) if phrases else None
        lines.extend(_wrap_units(normalised, units, styles, width_pt, size_pt, model))
    return tuple(lines)
