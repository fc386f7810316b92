"""Where a long katakana compound written without its middle dot may part: between two
loanwords ("インストラクション|チューニング", "カスタマー|サポート|センター").

Japanese writes a compound of loanwords as one run of katakana; a line that must part it
(a run wider than its line) parts it where its words meet, as a Japanese typesetter
would, never inside one ("カスタマーサポートセ" / "ンター"). Where the words are is read
from a short list of loanwords common in talks (`data/katakana-words.txt`) by maximal
matching, as thai.py reads Thai: the split with the fewest kana outside a known word,
then the fewest pieces. A run with no known word in it has no joint; the wrap then parts
it as before (three kana at least on each side).
"""

from __future__ import annotations

import functools
from importlib import resources

#: The fewest kana a joint leaves on either side (as the wrap's other katakana breaks).
MIN_SIDE = 3


@functools.lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    text = resources.files("aligndeck.data").joinpath("katakana-words.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=256)
def joints(run: str) -> tuple[int, ...]:
    """Offsets inside the katakana `run` where two of its words meet (a known word and
    another, or a known word and letters the list does not know), each leaving
    `MIN_SIDE` kana at least on either side; () when the run is one word, or unknown."""
    words = _words()
    longest = max(map(len, words))
    Best = tuple[int, int, tuple[int, ...]]  # kana outside a known word, pieces, ends
    # known[i], unknown[i]: the best split of run[:i] whose last piece is a known word,
    # or letters the list does not know (consecutive ones are one piece).
    known: list[Best | None] = [(0, 0, ())]
    unknown: list[Best | None] = [None]
    for i in range(1, len(run) + 1):
        found = []
        for size in range(3, min(longest, i) + 1):
            if run[i - size:i] in words:
                found += [(lost, count + 1, (*ends, i)) for lost, count, ends in
                          (b for b in (known[i - size], unknown[i - size]) if b)]
        known.append(min(found, default=None))
        grown = []
        extended, fresh = unknown[i - 1], known[i - 1]
        if extended is not None:
            lost, count, ends = extended
            grown.append((lost + 1, count, (*ends[:-1], i)))
        if fresh is not None:
            lost, count, ends = fresh
            grown.append((lost + 1, count + 1, (*ends, i)))
        unknown.append(min(grown))
    whole = min(b for b in (known[-1], unknown[-1]) if b)
    return tuple(e for e in whole[2][:-1] if e >= MIN_SIDE and len(run) - e >= MIN_SIDE)
