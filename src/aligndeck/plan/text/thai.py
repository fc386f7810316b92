"""Where a line of Thai may break: between its words, found in a dictionary.

Thai is written without spaces between words, and UAX #14 leaves its breaks to a dictionary
(class SA): uniseg gives none inside Thai. The words here are PyThaiNLP's word list
(`thai_words()`, 62,000 words, CC0; its single letters left out, or any two letters could
part), and a line of Thai is split into them by maximal matching (segment.py, as Japanese
compounds are): the split with the fewest letters outside any word, then the fewest
words. A stretch no word covers stays whole (it never breaks inside a syllable: a vowel or
tone mark stays with its letter). PyThaiNLP's own tokenizer builds a trie of the list
first, which takes seconds; a set and this search take a fraction of that.
"""

from __future__ import annotations

import functools
import itertools
import os
import unicodedata
from collections.abc import Sequence

from aligndeck.plan.text.segment import segment

#: Letters that never end a word: the leading vowels, written before the consonant they
#: follow in speech.
_LEADING = frozenset("เแโใไ")

#: The longest word tried (a few compounds in the list are longer, and never break).
MAX_WORD = 24


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


@functools.lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    return _corpus("thai_words")


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return _corpus("thai_syllables")


def _corpus(name: str) -> frozenset[str]:
    """One of PyThaiNLP's word lists (CC0), without its single letters."""
    # Read-only: PyThaiNLP would otherwise make a ~/pythainlp-data folder it never uses here.
    given = os.environ.get("PYTHAINLP_READ_ONLY")
    os.environ["PYTHAINLP_READ_ONLY"] = "1"
    try:
        from pythainlp.corpus import common

        listed: frozenset[str] = getattr(common, name)()
        return frozenset(word for word in listed if 1 < len(word) <= MAX_WORD)
    finally:
        if given is None:
            del os.environ["PYTHAINLP_READ_ONLY"]
        else:
            os.environ["PYTHAINLP_READ_ONLY"] = given


def _segment(run: str, words: frozenset[str]) -> list[int]:
    """Lengths of the pieces of a run of Thai letters: the list's words, and stretches of
    unknown letters between them kept whole (segment.py's maximal matching, each unknown
    letter a piece of its own until joined here)."""
    lengths = [end - start for start, end, _ in segment(run, words, 2, MAX_WORD, merge=False)]
    return _merge_unknown(run, lengths, words)


def _merge_unknown(run: str, lengths: Sequence[int], words: frozenset[str]) -> list[int]:
    """Unknown letters joined to each other, and a piece never ending on a leading vowel."""
    out: list[int] = []
    start = 0
    previous_known = True
    for length in lengths:
        piece = run[start:start + length]
        known = piece in words
        if out and ((not known and not previous_known)
                    or run[start - 1] in _LEADING
                    or not _can_start(piece[0])):
            out[-1] += length
        else:
            out.append(length)
        previous_known = known
        start += length
    return out


def _can_start(ch: str) -> bool:
    """Whether a Thai piece may start with `ch`: not with a mark above or below a letter,
    nor with a vowel that follows its consonant (ะ า ำ ๅ)."""
    return unicodedata.category(ch) != "Mn" and ch not in "ะาำๅๆฯ"


@functools.lru_cache(maxsize=4096)
def word_ends(text: str) -> frozenset[int]:
    """Offsets in `text` between two Thai words (each inside a run of Thai letters)."""
    ends: set[int] = set()
    i = 0
    while i < len(text):
        if not is_thai(text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and is_thai(text[j]):
            j += 1
        ends |= {i + end for end in _legal_ends(text[i:j])}
        i = j
    return frozenset(ends)


def _legal_ends(run: str) -> set[int]:
    """Offsets in a run of Thai letters between two words that a line may break at.

    Between two words of the list, always. Beside letters no word covers (a name, a
    loanword: ทรานส์ฟอร์เมอร์ is ทรานส์ + ฟ + อร + ์ + เม + อร + ์ to the word list), only
    where two syllables of PyThaiNLP's syllable list meet, so a line never breaks inside a
    syllable (ฟ|อร์, เม|อร์); where the syllables are unknown too, not at all."""
    words, syllables = _words(), _syllables()
    syllable_ends = {end for end, before, after in _joints(run, _segment(run, syllables))
                     if before in syllables and after in syllables}
    return {end for end, before, after in _joints(run, _segment(run, words))
            if (before in words and after in words) or end in syllable_ends}


def _joints(run: str, lengths: Sequence[int]) -> list[tuple[int, str, str]]:
    """Each offset between two pieces of the given lengths, with the pieces either side."""
    bounds = [0, *itertools.accumulate(lengths)]
    cut = [run[a:b] for a, b in itertools.pairwise(bounds)]
    return [(bounds[k + 1], cut[k], cut[k + 1]) for k in range(len(cut) - 1)]


def pieces(word: str) -> list[str]:
    """`word` cut at its Thai word ends: the parts a line may break between."""
    cuts = sorted(word_ends(word))
    return [word[a:b] for a, b in itertools.pairwise([0, *cuts, len(word)])]
