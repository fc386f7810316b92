"""Words of a run of text written without spaces, read from a list by maximal matching:
the split with the fewest letters outside a known word, then the fewest pieces.

Japanese katakana compounds (katakana.py: "カスタマー|サポート|センター") and kanji compounds
("自律|走行|型") are read this way; letters no word covers make pieces of their own, one
piece however many of them follow each other.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Collection
from importlib import resources


@functools.lru_cache(maxsize=4)
def word_list(name: str) -> frozenset[str]:
    """The words of one of the project's lists under data/ (one a line, # for comments)."""
    text = resources.files("aligndeck.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


#: A split of the run so far: letters outside a known word, pieces, where each piece ends.
_Split = tuple[int, int, tuple[int, ...]]


def segment(run: str, words: Collection[str], shortest: int, longest: int, *,
            merge: bool = True) -> tuple[tuple[int, int, bool], ...]:
    """The pieces of `run` as (start, end, known): each a word of `words` (of `shortest`
    to `longest` letters) or a stretch of letters the list does not know. Of the splits
    with the fewest unknown letters and then the fewest pieces, the one whose pieces end
    earliest (compared piece by piece) is taken. Without `merge`, each unknown letter
    is a piece of its own, and counts as one (Thai: a caller joins them after)."""
    if not run:
        return ()
    # known[i], unknown[i]: the best split of run[:i] whose last piece is a known word,
    # or letters the list does not know (consecutive ones are one piece).
    known: list[_Split | None] = [(0, 0, ())]
    unknown: list[_Split | None] = [None]
    for i in range(1, len(run) + 1):
        found = []
        for size in range(shortest, min(longest, i) + 1):
            if run[i - size:i] in words:
                found += [(lost, count + 1, (*ends, i)) for lost, count, ends in
                          (b for b in (known[i - size], unknown[i - size]) if b)]
        known.append(min(found, default=None))
        grown = []
        extended, fresh = unknown[i - 1], known[i - 1]
        if extended is not None:
            lost, count, ends = extended
            grown.append((lost + 1, count, (*ends[:-1], i)) if merge
                         else (lost + 1, count + 1, (*ends, i)))
        if fresh is not None:
            lost, count, ends = fresh
            grown.append((lost + 1, count + 1, (*ends, i)))
        unknown.append(min(grown))
    whole = min(b for b in (known[-1], unknown[-1]) if b)
    pieces = []
    start = 0
    for end in whole[2]:
        pieces.append((start, end, shortest <= end - start <= longest
                       and run[start:end] in words))
        start = end
    return tuple(pieces)


def inside_known(run: str, words: Collection[str], shortest: int, longest: int
                 ) -> frozenset[int]:
    """Offsets in `run` that fall strictly inside one of its known words (`segment`)."""
    return frozenset(at for start, end, known in segment(run, words, shortest, longest)
                     if known for at in range(start + 1, end))


KANJI_LONGEST = 4
"""The longest kanji compound looked for in data/kanji-words.txt."""


def is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@functools.lru_cache(maxsize=4096)
def kanji_pieces(text: str) -> tuple[tuple[int, int, bool], ...]:
    """The pieces of each run of two kanji or more in `text`, as `segment` reads it with the
    compounds of data/kanji-words.txt, offsets in `text`: "自律走行型" is 自律 + 走行 + 型."""
    words = word_list("kanji-words.txt")
    found: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(text):
        if not is_kanji(text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and is_kanji(text[j]):
            j += 1
        if j - i >= 2:
            found += [(i + a, i + b, known)
                      for a, b, known in segment(text[i:j], words, 2, KANJI_LONGEST)]
        i = j
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def inside_kanji_words(text: str) -> frozenset[int]:
    """Offsets in `text` that fall inside a known kanji compound (data/kanji-words.txt) of
    one of its runs of kanji: "自律走行型" is 自律 + 走行 + 型, so 3 (自律走|行型) is inside."""
    return frozenset(at for start, end, known in kanji_pieces(text) if known
                     for at in range(start + 1, end))


@functools.lru_cache(maxsize=4096)
def kanji_joints(text: str) -> frozenset[int]:
    """Offsets in `text` between two pieces of a run of kanji one of which is a known
    compound: where two words surely meet ("機械学習|基盤", "物流|倉庫|在庫|管理")."""
    pieces = kanji_pieces(text)
    return frozenset(a[1] for a, b in itertools.pairwise(pieces)
                     if a[1] == b[0] and (a[2] or b[2]))
