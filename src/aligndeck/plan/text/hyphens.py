"""Hyphenation of a word too wide for its line, by its language's dictionary (pyphen's),
or, for a language pyphen has none for (Finnish, Turkish), by its syllable rules.

A typesetter breaks "Instruktionsabstimmungsfeinjustierung" as "Instruktionsabstimmungs-" /
"feinjustierung", never at the letter where the line happens to end. The hyphen is written
into the text, so every renderer (all of which break after a hyphen) shows the same lines.
A word with no legal break (a URL, an identifier) is left to be cut at the edge, and said so.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from aligndeck.plan.model import Paragraph, Run
from aligndeck.plan.text.measure import styled_width_pt
from aligndeck.plan.text.scripts import has_east_asian
from aligndeck.plan.text.syllables import syllable_rule
from aligndeck.plan.text.thai import is_thai
from aligndeck.plan.text.thai import pieces as thai_words

_WORD = re.compile(r"\S+")
#: Punctuation that stays with a word but is no part of what is hyphenated.
_TRAILING = ".,;:!?)]}»”’"
_LEADING = "([{«“‘"
#: The fewest letters carried to the next line: a typesetter leaves no "-se" of
#: "Anweisungsfeinabstimmungspha-se" alone there (pyphen and the guides allow two).
MIN_TAIL = 3
_VOWELS = frozenset("aeiouyäöüàâéèêëîïôûùæœåøıAEIOUYÄÖÜİ")


@functools.lru_cache(maxsize=16)
def _dictionary(language: str) -> Any:
    """What hyphenates a BCP 47 tag's words (de-DE, de, nl, pt-BR, fi, tr): pyphen's
    dictionary, else the language's syllable rule (syllables.py), else None. Each has
    `positions(word)`, the offsets a hyphen may go at."""
    import pyphen

    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found) if found else syllable_rule(language)


#: Languages with syllables of consonants alone (Czech "krk", Serbian "prst"): the rule
#: that every piece keeps a vowel does not hold there.
_SYLLABIC_CONSONANTS = frozenset({"cs", "sk", "hr", "sr", "sl", "mk", "bs"})


def _has_vowel(text: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0].lower() in "aeiouy" or c in _VOWELS
               for c in text)


def voiced_positions(word: str, positions: Sequence[int], language: str) -> list[int]:
    """The dictionary's break positions less those that would leave a piece without a
    vowel: pyphen's German patterns part "Wärmerückgewinnung" as "rü-ck-ge" and
    "Nachrüstungsbedarf" as "be-da-rf", which no typesetter would set; the vowelless piece
    joins the syllable before it ("Wärmerück-gewinnung", "-bedarf")."""
    if language.split("-")[0].lower() in _SYLLABIC_CONSONANTS:
        return list(positions)
    bounds = [0, *sorted(p for p in positions if 0 < p < len(word)), len(word)]
    i = 0
    while i < len(bounds) - 1:
        if len(bounds) > 2 and not _has_vowel(word[bounds[i]:bounds[i + 1]]):
            del bounds[max(i, 1)]  # the first piece joins the next; any other the one before
            i = 0
        else:
            i += 1
    return bounds[1:-1]


def _split(word: str, width_pt: float, fits: Any, dictionary: Any,
           language: str = "") -> list[str] | None:
    """`word` in pieces that each fit `width_pt`, every piece but the last ending in a
    hyphen, each break the dictionary's that keeps the most of the word on its line;
    None when the dictionary has no break that helps."""
    pieces: list[str] = []
    rest = word
    while not fits(rest):
        positions = [p for p in voiced_positions(rest, dictionary.positions(rest), language)
                     if len(rest) - p >= MIN_TAIL and fits(rest[:p] + "-")]
        if not positions:
            return None
        # A break between two vowels ("Feinjustierung" as "Fe-injustierung", which the
        # German patterns allow) is the last resort: a typesetter breaks between syllables
        # that keep their vowels whole ("Instruktionsabstimmungs-feinjustierung").
        whole = [p for p in positions if not (rest[p - 1] in _VOWELS and rest[p] in _VOWELS)]
        cut = max(whole or positions)
        pieces.append(rest[:cut] + "-")
        rest = rest[cut:]
    return [*pieces, rest]


Cut = tuple[tuple[Run, str], ...]
"""Words no dictionary could hyphenate, each with its run."""


def hyphenate(paragraph: Paragraph, width_pt: float, language: str,
              fonts: Mapping[str, str], family: Any) -> tuple[Paragraph, Cut]:
    """The paragraph with every word wider than `width_pt` hyphenated, and each word that
    cannot be, with its run (no dictionary for the language, or no legal break in
    it): a renderer will cut those where the line ends. `family(role, fonts)` names the
    font a run is measured in. Words in East Asian scripts break between characters
    anyway and are left alone; Thai breaks between its words, and a Thai word wider than
    the line is cut."""
    dictionary = _dictionary(language) if language else None
    runs: list[Run] = []
    cut: list[tuple[Run, str]] = []
    changed = False
    for run in paragraph.runs:
        style = (run.bold, run.italic, family(run.font, fonts))
        spacing = run.spacing

        def fits(text: str, run: Run = run, style: tuple[bool, bool, str] = style,
                 spacing: float = spacing) -> bool:
            shown = text.upper() if run.caps else text
            return (styled_width_pt([(shown, *style)], run.size)
                    + spacing * max(len(text) - 1, 0)) <= width_pt

        pieces: list[str] = []
        last = 0
        for match in _WORD.finditer(run.text):
            token = match.group()
            if fits(token) or has_east_asian(token):
                continue
            if any(map(is_thai, token)):
                # Thai is not hyphenated: it breaks between its words, which must fit;
                # the warning names the piece that does not.
                wide = [piece for piece in thai_words(token) if not fits(piece)]
                if wide:
                    cut.append((run, wide[0]))
                continue
            head = len(token) - len(token.lstrip(_LEADING))
            tail = len(token) - len(token.rstrip(_TRAILING))
            core = token[head:len(token) - tail]
            split = None
            if dictionary is not None and core.isalpha():
                split = _split(core, width_pt, lambda t: fits(t), dictionary, language)
            if split is None:
                cut.append((run, token))
                continue
            pieces += [run.text[last:match.start()], token[:head], "".join(split),
                       token[len(token) - tail:]]
            last = match.end()
        if last:
            changed = True
            runs.append(replace(run, text="".join([*pieces, run.text[last:]])))
        else:
            runs.append(run)
    result = replace(paragraph, runs=tuple(runs)) if changed else paragraph
    return result, tuple(cut)


def hyphenate_all(paragraphs: Sequence[Paragraph], width_pt: float, bullet_indent_pt: float,
                  language: str, fonts: Mapping[str, str], family: Any
                  ) -> tuple[tuple[Paragraph, ...], Cut]:
    """hyphenate() for each paragraph, a bulleted one within its indent."""
    out: list[Paragraph] = []
    cut: list[tuple[Run, str]] = []
    for paragraph in paragraphs:
        width = width_pt - (bullet_indent_pt if paragraph.bullet else 0.0)
        done, lost = hyphenate(paragraph, width, language, fonts, family)
        out.append(done)
        cut += lost
    return tuple(out), tuple(cut)
