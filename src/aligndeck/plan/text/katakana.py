"""Where a long katakana compound written without its middle dot may part: between two
loanwords ("インストラクション|チューニング", "カスタマー|サポート|センター").

Japanese writes a compound of loanwords as one run of katakana; a line that must part it
(a run wider than its line) parts it where its words meet, as a Japanese typesetter
would, never inside one ("カスタマーサポートセ" / "ンター"). Where the words are is read
from a short list of loanwords common in talks (`data/katakana-words.txt`) by maximal
matching (segment.py): the split with the fewest kana outside a known word, then the
fewest pieces. A run with no known word in it has no joint; the wrap then parts
it as before (three kana at least on each side).
"""

from __future__ import annotations

import functools

from aligndeck.plan.text.segment import inside_known, segment, word_list

#: The fewest kana a joint leaves on either side (as the wrap's other katakana breaks).
MIN_SIDE = 3


def _words() -> frozenset[str]:
    return word_list("katakana-words.txt")


@functools.lru_cache(maxsize=256)
def joints(run: str) -> tuple[int, ...]:
    """Offsets inside the katakana `run` where two of its words meet (a known word and
    another, or a known word and letters the list does not know), each leaving
    `MIN_SIDE` kana at least on either side; () when the run is one word, or unknown."""
    words = _words()
    pieces = segment(run, words, 3, _longest())
    return tuple(end for _, end, _ in pieces[:-1]
                 if end >= MIN_SIDE and len(run) - end >= MIN_SIDE)


@functools.lru_cache(maxsize=1)
def _longest() -> int:
    return max(map(len, _words()))


@functools.lru_cache(maxsize=4096)
def inside_words(text: str) -> frozenset[int]:
    """Offsets in `text` inside a known loanword (data/katakana-words.txt) of one of its
    runs of katakana ("ソフトウェアラ|イセンス" is inside ライセンス)."""
    words = _words()
    found: set[int] = set()
    i = 0
    while i < len(text):
        if not is_katakana(text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and is_katakana(text[j]):
            j += 1
        found |= {i + at for at in inside_known(text[i:j], words, 3, _longest())}
        i = j
    return frozenset(found)


def is_katakana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff"
