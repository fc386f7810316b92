"""Hyphenation by syllable rules, for languages pyphen ships no dictionary for (Finnish,
Turkish; Devanagari's aksharas for Hindi, Marathi and Nepali).

Finnish and Turkish spell as they speak, and their spelling guides give hyphenation as a
few regular rules over vowels and consonants, which this module applies from a table
(`RULES`), one entry per language:

- **Finnish**, after Kielitoimisto's guide (Kotimaisten kielten keskus, "Tavutus",
  Kielitoimiston ohjepankki): a consonant followed by a vowel starts a syllable, so of a
  run of consonants between vowels only the last goes to the next syllable (ka-la,
  kah-vi, kors-si, kans-sa); two vowels next to each other are parted unless they are a
  long vowel (aa, ää, ...) or a diphthong (ai, ei, oi, ui, yi, äi, öi, au, eu, iu, ou,
  ey, iy, äy, öy, and ie, uo, yö), and a syllable holds at most two vowels (maa-il-ma,
  hau-is). The guide parts ie, uo, yö and some u- and y-diphthongs after the first
  syllable only where a suffix begins (kor-ke-us), which needs the word's morphology; they
  are never parted here, which loses a few breaks and takes no wrong one. Compounds
  are parted at their joint by the guide; the rules find that joint wherever the second
  part starts with one consonant and a vowel (järjestelmä-kehittäjä), and otherwise
  a syllable break near it.
- **Turkish**, after the Turkish Language Association's spelling guide (Türk Dil Kurumu,
  Yazım Kılavuzu, "Hece yapısı ve satır sonunda kelimelerin bölünmesi"): every syllable
  has one vowel; one consonant between vowels goes with the next vowel (ka-pı), of two the
  second (an-ne), of three the last (Türk-çe, kork-mak), and two vowels next to each other
  are parted (sa-at, ai-le). Loanwords follow the same rules (prog-ram, sant-ral).

Both guides, and typesetters, leave at least two letters on each side of a break.
A word with a letter outside the language's alphabet (a name, an acronym with digits)
gets no breaks: it is not this language's to part.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from aligndeck.plan.text.segment import segment, word_list


@dataclass(frozen=True)
class SyllableRule:
    """One language's hyphenation by syllables."""

    #: Letters that are vowels (lower and upper case).
    vowels: frozenset[str]
    #: Letters that are consonants (lower and upper case).
    consonants: frozenset[str]
    #: Pairs of vowels that stay in one syllable (long vowels, diphthongs), lower case.
    joined: frozenset[str]
    #: The fewest letters left before and after a break.
    left: int = 2
    right: int = 2
    #: Where the words of a compound meet (offsets), for a language whose guide parts a
    #: compound at its joint and each part by the rules on its own.
    joints: Callable[[str], frozenset[int]] | None = None

    def positions(self, word: str) -> list[int]:
        """Offsets in `word` where a hyphen may go, ascending (pyphen's contract): its
        compound's joints, and the syllable breaks of each part ("kaupungin|osa": never
        "kaupungi-nosa", which the rules give the whole word)."""
        if not word or any(ch not in self.vowels and ch not in self.consonants
                           for ch in word):
            return []
        joints = sorted(self.joints(word)) if self.joints else []
        if not joints:
            return self._syllables(word)
        bounds = [0, *joints, len(word)]
        found = [a + p for a, b in itertools.pairwise(bounds)
                 for p in self._syllables(word[a:b])]
        return sorted({*found, *joints})

    def _syllables(self, word: str) -> list[int]:
        """The rules' breaks in `word`, read as one simple word."""
        folded = _fold(word)
        found: list[int] = []
        in_syllable = 0  # vowels of the syllable being read
        for i, ch in enumerate(word):
            if ch not in self.vowels:
                continue
            previous = i - 1
            if previous >= 0 and word[previous] in self.vowels:
                if in_syllable == 1 and folded[previous:i + 1] in self.joined:
                    in_syllable = 2
                    continue
                found.append(i)
            elif previous >= 0 and _has_vowel_before(word, previous, self.vowels):
                # A consonant before a vowel starts its syllable.
                found.append(previous)
            in_syllable = 1
        return [p for p in found if self.left <= p <= len(word) - self.right]


def _has_vowel_before(word: str, end: int, vowels: frozenset[str]) -> bool:
    return any(ch in vowels for ch in word[:end])


def _fold(word: str) -> str:
    """Lower case letter by letter (so offsets keep: Python lowers "İ" to two letters)."""
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in word)


def _both_cases(letters: str) -> frozenset[str]:
    upper = "".join(ch.upper() for ch in letters if len(ch.upper()) == 1)
    return frozenset(letters + upper)


@functools.lru_cache(maxsize=1024)
def finnish_joints(word: str) -> frozenset[int]:
    """Where two words of data/finnish-words.txt meet in `word`, as maximal matching reads
    it (segment.py): "tieto|turvallisuus", "ympäristön|suojelu". Only between two known
    words: a known word beside letters the list does not know may be an ending
    ("järjestelmä|ssä") or part of an unknown word."""
    words = word_list("finnish-words.txt")
    pieces = segment(word.lower(), words, 3, _FINNISH_LONGEST)
    return frozenset(a[1] for a, b in itertools.pairwise(pieces)
                     if a[2] and b[2] and a[1] == b[0])


_FINNISH_LONGEST = 16
"""The longest word looked for in data/finnish-words.txt."""
_FINNISH_VOWELS = "aeiouyäöå"
_TURKISH_VOWELS = "aeıioöuüâîû"

RULES: dict[str, SyllableRule] = {
    "fi": SyllableRule(
        vowels=_both_cases(_FINNISH_VOWELS),
        consonants=_both_cases("bcdfghjklmnpqrstvwxzšž"),
        joined=frozenset(["aa", "ee", "ii", "oo", "uu", "yy", "ää", "öö",
                          "ai", "ei", "oi", "ui", "yi", "äi", "öi",
                          "au", "eu", "iu", "ou", "ey", "iy", "äy", "öy",
                          "ie", "uo", "yö"]),
        joints=finnish_joints,
    ),
    "tr": SyllableRule(
        vowels=_both_cases(_TURKISH_VOWELS) | {"I", "İ"},
        consonants=_both_cases("bcçdfgğhjklmnprsştvyz"),
        joined=frozenset(),
    ),
}
"""Syllable rules by a language's first subtag (BCP 47)."""


class Aksharas:
    """Devanagari's orthographic syllables (aksharas): a consonant with the consonants
    joined to it by a virama (a conjunct, "न्द"), its nukta, its vowel sign and its
    nasal or visarga; or an independent vowel with its own. A line may part a word only
    between two (हिन्-दी would part a conjunct: हि-न्दी), never inside one."""

    def positions(self, word: str) -> list[int]:
        """Offsets in `word` where a hyphen may go, ascending: before a consonant or an
        independent vowel that starts an akshara, two aksharas at least each side."""
        if not word or any(not _is_devanagari(ch) for ch in word):
            return []
        starts = [i for i, ch in enumerate(word) if i and _starts_akshara(ch)
                  and word[i - 1] not in _JOINERS]
        return starts[1:-1]


_JOINERS = "\u094d\u200d"  # virama, zero width joiner: the next consonant is the same akshara


def _is_devanagari(ch: str) -> bool:
    return "\u0900" <= ch <= "\u097f" or ch in "\u200c\u200d"


def _starts_akshara(ch: str) -> bool:
    """A consonant (with or without nukta) or an independent vowel."""
    return ("\u0904" <= ch <= "\u0939" or "\u0958" <= ch <= "\u0961"
            or "\u0972" <= ch <= "\u097f")


#: Languages written in Devanagari (Hindi, Marathi, Nepali, Sanskrit, Konkani, Maithili).
_DEVANAGARI_LANGUAGES = frozenset({"hi", "mr", "ne", "sa", "kok", "mai"})


def syllable_rule(language: str) -> SyllableRule | Aksharas | None:
    """The syllable rule for a BCP 47 tag (fi, fi-FI, tr-TR, hi-IN), or None."""
    base = language.split("-")[0].split("_")[0].lower()
    return Aksharas() if base in _DEVANAGARI_LANGUAGES else RULES.get(base)
