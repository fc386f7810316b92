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
from aligndeck.plan.text.lines import wrap_styled
from aligndeck.plan.text.measure import styled_width_pt
from aligndeck.plan.text.scripts import has_east_asian
from aligndeck.plan.text.syllables import finnish_joints, syllable_rule
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
    if language.split("-")[0].lower() in _SYLLABIC_CONSONANTS or any(
            "\u0900" <= c <= "\u097f" for c in word):  # Devanagari: aksharas, vowels or not
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


#: Endings a German or Dutch compound's first part takes before its linking -s-
#: ("Abstimmungs|feinjustierung", "verzekerings|maatschappij"): a break right after one
#: is at the compound's joint.
_LINKING_S = {
    "de": ("ungs", "heits", "keits", "schafts", "ions", "täts", "lings", "tums", "ts", "ns"),
    "nl": ("ings", "heids", "teits", "schaps", "ties", "ns", "ts"),
}
#: pyphen's score (the Liang patterns' odd value) from which a German or Dutch break is
#: the strongest its patterns know: most are a compound's joint ("Wärme<5>rück",
#: "anlagen<5>erweiterung", "ziekenhuis<5>gegevens").
_STRONG = 5
#: German prefixes that pyphen's patterns score as strongly as a joint ("an|lagen",
#: "ver|änderung"): the joint is before them.
_PREFIXES = frozenset({"ab", "an", "auf", "aus", "be", "ein", "emp", "ent", "er", "ge",
                       "miss", "mit", "nach", "um", "un", "ver", "vor", "zer", "zu"})
_FRONT, _BACK = frozenset("äöy"), frozenset("aou")


def _pattern_scores(dictionary: Any, word: str) -> dict[int, int]:
    """pyphen's odd scores at each break of `word` (its `positions` keeps only where)."""
    patterns = getattr(getattr(dictionary, "hd", None), "patterns", None)
    if patterns is None:
        return {}
    dotted = f".{word.lower()}."
    scores = [0] * (len(dotted) + 1)
    for i in range(len(dotted) - 1):
        for j in range(i + 1, min(i + dictionary.hd.maxlen, len(dotted)) + 1):
            found = patterns.get(dotted[i:j])
            if found:
                offset, values = found
                for k, value in enumerate(values):
                    scores[i + offset + k] = max(scores[i + offset + k], value)
    return {i - 1: v for i, v in enumerate(scores) if v % 2}


def joints(word: str, positions: Sequence[int], language: str, dictionary: Any
           ) -> dict[int, int]:
    """The breaks among `positions` that fall at a compound's joint, as far as spelling
    shows it without a dictionary of words, each with how sure that is (0 surest): in
    German and Dutch after a linking -s- following the endings that take one (0), or
    where pyphen's patterns score strongest (1: mostly joints, sometimes a prefix,
    "Leistungsaufnahmever|änderung"); in Finnish where vowel harmony changes (0: a simple
    word's vowels are all front, ä ö y, or all back, a o u: "kirjasto|järjestelmä")."""
    base = language.split("-")[0].lower()
    found = {}
    if base in _LINKING_S:
        scores = _pattern_scores(dictionary, word)
        ordered = sorted(positions)
        for k, p in enumerate(ordered):
            if word[:p].lower().endswith(_LINKING_S[base]):
                found[p] = 0
            elif scores.get(p, 0) >= _STRONG:
                before = ordered[k - 1] if k else 0
                if base == "de" and word[before:p].lower() in _PREFIXES:
                    # After a prefix ("Leistungsaufnahmever|änderung"): the joint is
                    # before it ("Leistungsaufnahme|veränderung").
                    if before:
                        found.setdefault(before, 1)
                else:
                    # After a linking -n- or -en- ("Sonnen|energie", "anlagen|erweiterung")
                    # as sure as after a linking -s-.
                    found[p] = 0 if word[:p].lower().endswith("en") else 1
    elif base == "fi":
        # Where two words of the list meet, surely; where vowel harmony changes, unless
        # that is a letter off a listed joint (the rules' "kaupungi|nosa").
        listed = finnish_joints(word)
        found = {p: sure for p, sure in _finnish_joints(word, positions).items()
                 if all(abs(p - q) > 1 for q in listed)}
        found.update(dict.fromkeys(listed, 0))
    return found


def _finnish_joints(word: str, positions: Sequence[int]) -> dict[int, int]:
    """Finnish joints where vowel harmony changes: sure (0) where one syllable break lies
    between the two vowels ("kirjasto|järjestelmä"), else unsure (1: "kansalaisyh|teis|kunta"
    has two between y and u, and only the second is the joint). A syllable break before
    the s of a stem in -is- ("kansalai|syhteiskunta", the compounding form of -inen)
    moves the joint a letter on, where the word's parts meet: "kansalais|yhteiskunta"."""
    lower = word.lower()
    harmonic = [i for i, c in enumerate(lower) if c in _FRONT or c in _BACK]
    gaps: dict[tuple[int, int], list[int]] = {}
    for p in positions:
        before = [i for i in harmonic if i < p]
        after = [i for i in harmonic if i >= p]
        if before and after and (lower[before[-1]] in _FRONT) != (lower[after[0]] in _FRONT):
            gaps.setdefault((before[-1], after[0]), []).append(p)
    found = {}
    for breaks in gaps.values():
        for p in breaks:
            moved = (lower[p - 1:p + 1] == "is" and p + 1 < len(lower)
                     and _has_vowel(lower[p + 1]))
            found[p + 1 if moved else p] = 0 if len(breaks) == 1 or moved else 1
    return found


def _split(word: str, width_pt: float, fits: Any, dictionary: Any,
           language: str = "", prefer_joints: bool = True, joints_only: bool = False
           ) -> list[str] | None:
    """`word` in pieces that each fit `width_pt`, every piece but the last ending in a
    hyphen at one of the dictionary's breaks; None when the dictionary has no break that
    helps. As a typesetter chooses: the fewest lines; then the fewest breaks between two
    vowels ("Fe-injustierung", which the German patterns allow: a typesetter breaks between
    syllables that keep their vowels whole); then the fewest breaks away from a compound's
    joint ("Wärmerückgewinnungs-" / "anlagenerweiterung", not "…anlagener-" / "weiterung");
    then the fewest at a less sure joint; then the most of the word on the earlier lines
    (without `prefer_joints`, the joints are not asked about)."""
    legal = voiced_positions(word, dictionary.positions(word), language)
    legal = [p for p in legal if len(word) - p >= MIN_TAIL]
    at_joint = joints(word, legal, language, dictionary) if prefer_joints else {}
    # A joint may lie beside a syllable break (Finnish "kansalais|yhteiskunta").
    legal = sorted({*legal, *(p for p in at_joint if len(word) - p >= MIN_TAIL)})
    if joints_only:  # at sure joints alone
        legal = [p for p in legal if at_joint.get(p) == 0]
    Cost = tuple[int, int, int, int]
    best: dict[int, tuple[Cost, list[str]] | None] = {}

    def rest_from(start: int) -> tuple[Cost, list[str]] | None:
        if start in best:
            return best[start]
        found: tuple[Cost, list[str]] | None = None
        if fits(word[start:]):
            found = ((1, 0, 0, 0), [word[start:]])
        else:
            for p in sorted((p for p in legal if p > start), reverse=True):
                if not fits(word[start:p] + "-"):
                    continue
                tail = rest_from(p)
                if tail is None:
                    continue
                (lines, vowels, loose, unsure), pieces = tail
                cost = (lines + 1,
                        vowels + (word[p - 1] in _VOWELS and word[p] in _VOWELS
                                  and p not in at_joint),
                        loose + (p not in at_joint), unsure + at_joint.get(p, 0))
                if found is None or cost < found[0]:
                    found = (cost, [word[start:p] + "-", *pieces])
        best[start] = found
        return found

    whole = rest_from(0)
    return None if whole is None or len(whole[1]) < 2 else whole[1]


Cut = tuple[tuple[Run, str], ...]
"""Words no dictionary could hyphenate, each with its run."""


def hyphenate(paragraph: Paragraph, width_pt: float, language: str,
              fonts: Mapping[str, str], family: Any, joints_only: bool = False
              ) -> tuple[Paragraph, Cut]:
    """The paragraph with every word wider than `width_pt` hyphenated, and each word that
    cannot be, with its run (no dictionary for the language, or no legal break in
    it): a renderer will cut those where the line ends. `family(role, fonts)` names the
    font a run is measured in. Words in East Asian scripts break between characters
    anyway and are left alone; Thai breaks between its words, and a Thai word wider than
    the line is cut. With `joints_only`, words part at a compound's sure joints alone
    (a word with none is cut)."""
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

        def written(prefer_joints: bool, run: Run = run, fits: Any = fits
                    ) -> tuple[str, list[tuple[Run, str]]]:
            pieces: list[str] = []
            lost: list[tuple[Run, str]] = []
            last = 0
            for match in _WORD.finditer(run.text):
                token = match.group()
                if fits(token) or has_east_asian(token):
                    continue
                if any(map(is_thai, token)):
                    # Thai is not hyphenated: it breaks between its words, which must
                    # fit; the warning names the piece that does not.
                    wide = [piece for piece in thai_words(token) if not fits(piece)]
                    if wide:
                        lost.append((run, wide[0]))
                    continue
                head = len(token) - len(token.lstrip(_LEADING))
                tail = len(token) - len(token.rstrip(_TRAILING))
                core = token[head:len(token) - tail]
                split = None
                if dictionary is not None and core and all(  # letters, and their vowel signs
                        c.isalpha() or unicodedata.category(c)[0] == "M" for c in core):
                    split = _split(core, width_pt, fits, dictionary, language, prefer_joints,
                                   joints_only)
                if split is None:
                    lost.append((run, token))
                    continue
                # Each hyphen ends a measured line: a line break after it keeps it there in
                # a renderer whose font is narrower than the measure's (a template's font
                # missing here), which would draw "Instruktions-abstimmungs-" on one line.
                pieces += [run.text[last:match.start()], token[:head], "\v".join(split),
                           token[len(token) - tail:]]
                last = match.end()
            return "".join([*pieces, run.text[last:]]), lost

        text, lost = written(True)
        if text != run.text:
            # A joint that costs the paragraph a line is not worth it ("Wärme-" /
            # "rückgewinnungs-" / "anlagenerweiterung" / "geplant" in a narrow column).
            plain, _ = written(False) if not joints_only else (text, [])
            piece = (plain.upper() if run.caps else plain, *style)
            joined = (text.upper() if run.caps else text, *style)
            if plain != text and len(wrap_styled((joined,), width_pt, run.size)) > len(
                    wrap_styled((piece,), width_pt, run.size)):
                text = plain
            changed = True
        cut += lost
        runs.append(replace(run, text=text) if text != run.text else run)
    result = replace(paragraph, runs=tuple(runs)) if changed else paragraph
    return result, tuple(cut)


def hyphenate_all(paragraphs: Sequence[Paragraph], width_pt: float, bullet_indent_pt: float,
                  language: str, fonts: Mapping[str, str], family: Any,
                  joints_only: bool = False) -> tuple[tuple[Paragraph, ...], Cut]:
    """hyphenate() for each paragraph, a bulleted one within its indent."""
    out: list[Paragraph] = []
    cut: list[tuple[Run, str]] = []
    for paragraph in paragraphs:
        width = width_pt - (bullet_indent_pt if paragraph.bullet else 0.0)
        done, lost = hyphenate(paragraph, width, language, fonts, family, joints_only)
        out.append(done)
        cut += lost
    return tuple(out), tuple(cut)
