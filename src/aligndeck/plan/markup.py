"""Inline formatting in outline text: **bold**, *italic*, `code` and [links](https://…).

The rules follow CommonMark's inline rules for the subset the outline allows (asterisk
emphasis with its flanking and "rule of three", backtick code spans, inline links), so
text that looks like Markdown renders as Markdown readers expect; anything that is not
well-formed stays literal, and parsing never fails.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from dataclasses import dataclass, field

__all__ = ["ESCAPABLE", "LINK_SCHEMES", "Span", "has_markup", "parse_inline", "plain_text"]

LINK_SCHEMES = ("http://", "https://", "mailto:")
"""The link targets allowed (case-insensitive); any other `[text](url)` stays literal text."""

ESCAPABLE = frozenset("\\`*_[]()#+-.!")
"""Characters a backslash makes literal (the backslash is dropped); before any other
character the backslash itself stays."""

_SPECIAL = "\\`*["
"""Only text containing one of these can be anything but one plain span."""

_MAX_URL_PARENS = 32
"""Nesting limit for parentheses inside a link target (as in cmark); keeps parsing linear."""


@dataclass(frozen=True)
class Span:
    """A stretch of visible text in one style. `code` is monospace; `link` a hyperlink target."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


# ---- tokens ------------------------------------------------------------------------------

# A flattened piece: text, bold, italic, code, link target, and which link it belongs to
# (-1 for none), so that plain_text can name each link's target once.
_Piece = tuple[str, bool, bool, bool, str | None, int]


@dataclass(frozen=True)
class _Code:
    text: str


@dataclass(frozen=True)
class _Link:
    pieces: tuple[_Piece, ...]
    url: str


@dataclass(eq=False)
class _Delim:
    """A run of asterisks that may open and/or close emphasis (CommonMark's delimiter run)."""

    count: int
    can_open: bool
    can_close: bool
    orig: int = 0
    opens: list[bool] = field(default_factory=list)
    """Emphasis opened here, innermost first (True: strong, False: em)."""
    closes: list[bool] = field(default_factory=list)
    """Emphasis closed here, innermost first."""
    prev: _Delim | None = None
    next: _Delim | None = None

    def __post_init__(self) -> None:
        self.orig = self.count


_Token = str | _Code | _Link | _Delim


@dataclass
class _Bracket:
    """An unmatched `[`: where it is among the tokens and in the source."""

    token: int
    source: int
    active: bool = True


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for a delimiter run between `before` and `after`."""
    left = not _is_space(after) and (
        not _is_punct(after) or _is_space(before) or _is_punct(before))
    right = not _is_space(before) and (
        not _is_punct(before) or _is_space(after) or _is_punct(after))
    return left, right


def _run_end(s: str, i: int, ch: str) -> int:
    while i < len(s) and s[i] == ch:
        i += 1
    return i


def _code_close(s: str, start: int, length: int, failed: dict[int, int]) -> int | None:
    """Where the backtick run of exactly `length` closing a code span at `start` begins."""
    if failed.get(length, len(s) + 1) <= start:
        return None  # an earlier search for this length already ran off the end
    i = start
    while i < len(s):
        if s[i] != "`":
            i += 1
            continue
        end = _run_end(s, i, "`")
        if end - i == length:
            return i
        i = end
    failed[length] = start
    return None


def _code_text(raw: str) -> str:
    # CommonMark: one space is stripped from both ends when both are spaces, so that
    # `` `x` `` can show a backtick next to the edge.
    if len(raw) >= 2 and raw[0] == raw[-1] == " " and raw.strip(" "):
        return raw[1:-1]
    return raw


def _link_target(s: str, i: int) -> tuple[str, int] | None:
    """The target of an inline link whose `(` is at `i`, and the index after its `)`.

    Spaces may surround the target but not split it; parentheses inside it must balance;
    backslash escapes apply. None when there is no well-formed `(target)`.
    """
    n = len(s)
    j = i + 1
    while j < n and s[j] in " \t":
        j += 1
    chars: list[str] = []
    depth = 0
    while j < n:
        ch = s[j]
        if ch == "\\" and j + 1 < n and s[j + 1] in ESCAPABLE:
            chars.append(s[j + 1])
            j += 2
            continue
        if _is_space(ch):
            break
        if ch == "(":
            depth += 1
            if depth > _MAX_URL_PARENS:
                return None
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        chars.append(ch)
        j += 1
    while j < n and s[j] in " \t":
        j += 1
    if j >= n or s[j] != ")" or depth:
        return None
    return "".join(chars), j + 1


def _allowed(url: str) -> bool:
    lowered = url.lower()
    return any(lowered.startswith(scheme) and len(url) > len(scheme) for scheme in LINK_SCHEMES)


def _tokenize(s: str) -> list[_Token]:
    tokens: list[_Token] = []
    literal: list[str] = []
    brackets: list[_Bracket] = []
    failed_code: dict[int, int] = {}

    def flush() -> None:
        if literal:
            tokens.append("".join(literal))
            literal.clear()

    n = len(s)
    i = 0
    while i < n:
        ch = s[i]
        if ch == "\\":
            if i + 1 < n and s[i + 1] in ESCAPABLE:
                literal.append(s[i + 1])
                i += 2
            else:
                literal.append(ch)
                i += 1
        elif ch == "`":
            end = _run_end(s, i, "`")
            close = _code_close(s, end, end - i, failed_code)
            if close is None:
                literal.append(s[i:end])
                i = end
            else:
                flush()
                tokens.append(_Code(_code_text(s[end:close])))
                i = close + end - i
        elif ch == "*":
            end = _run_end(s, i, "*")
            left, right = _flanking(s[i - 1] if i else " ", s[end] if end < n else " ")
            flush()
            tokens.append(_Delim(end - i, can_open=left, can_close=right))
            i = end
        elif ch == "[":
            flush()
            brackets.append(_Bracket(len(tokens), i))
            tokens.append("[")
            i += 1
        elif ch == "]" and brackets:
            bracket = brackets.pop()
            target = (_link_target(s, i + 1) if bracket.active and i + 1 < n
                      and s[i + 1] == "(" else None)
            if target is None:
                literal.append(ch)
                i += 1
                continue
            url, end = target
            flush()
            inner = tokens[bracket.token + 1:]
            del tokens[bracket.token:]
            if _allowed(url):
                pieces = _resolve(inner)
                if not any(piece[0] for piece in pieces):
                    pieces = [(url, False, False, False, None, -1)]
                tokens.append(_Link(tuple(pieces), url))
                for earlier in brackets:  # no links inside links, as in CommonMark
                    earlier.active = False
            else:
                tokens.append(s[bracket.source:end])
            i = end
        else:
            literal.append(ch)
            i += 1
    flush()
    return tokens


# ---- emphasis ------------------------------------------------------------------------------


def _unlink(delim: _Delim) -> None:
    if delim.prev is not None:
        delim.prev.next = delim.next
    if delim.next is not None:
        delim.next.prev = delim.prev


def _rule_of_three(opener: _Delim, closer: _Delim) -> bool:
    """CommonMark: a run that can both open and close matches only if the sum of the run
    lengths is not a multiple of 3, unless both are."""
    return ((opener.can_close or closer.can_open) and (opener.orig + closer.orig) % 3 == 0
            and not (opener.orig % 3 == 0 and closer.orig % 3 == 0))


def _match_emphasis(delims: list[_Delim]) -> None:
    """CommonMark's "process emphasis", recording matches in each run's opens/closes."""
    for first, second in itertools.pairwise(delims):
        first.next, second.prev = second, first
    bottoms: dict[tuple[bool, int], _Delim | None] = {}
    current = delims[0] if delims else None
    while current is not None:
        closer = current
        if not closer.can_close:
            current = closer.next
            continue
        key = (closer.can_open, closer.orig % 3)
        bottom = bottoms.get(key)
        opener = closer.prev
        while opener is not None and opener is not bottom:
            if opener.can_open and not _rule_of_three(opener, closer):
                break
            opener = opener.prev
        if opener is None or opener is bottom:
            bottoms[key] = closer.prev
            current = closer.next
            if not closer.can_open:
                _unlink(closer)
            continue
        strong = opener.count >= 2 and closer.count >= 2
        used = 2 if strong else 1
        opener.count -= used
        closer.count -= used
        opener.opens.append(strong)
        closer.closes.append(strong)
        opener.next, closer.prev = closer, opener  # runs in between can no longer match
        if opener.count == 0:
            _unlink(opener)
        if closer.count == 0:
            current = closer.next
            _unlink(closer)


def _resolve(tokens: list[_Token]) -> list[_Piece]:
    """Match the emphasis among `tokens` and flatten them into styled pieces."""
    _match_emphasis([t for t in tokens if isinstance(t, _Delim)])
    pieces: list[_Piece] = []
    depth = {True: 0, False: 0}  # open strong / em
    links = 0
    for token in tokens:
        bold, italic = depth[True] > 0, depth[False] > 0
        if isinstance(token, str):
            pieces.append((token, bold, italic, False, None, -1))
        elif isinstance(token, _Code):
            pieces.append((token.text, bold, italic, True, None, -1))
        elif isinstance(token, _Link):
            pieces.extend((text, b or bold, i or italic, code, token.url, links)
                          for text, b, i, code, _, _ in token.pieces)
            links += 1
        else:
            for strong in token.closes:
                depth[strong] -= 1
            pieces.append(("*" * token.count, depth[True] > 0, depth[False] > 0, False, None,
                           -1))
            for strong in reversed(token.opens):
                depth[strong] += 1
    return pieces


@functools.lru_cache(maxsize=4096)
def _pieces(text: str) -> tuple[_Piece, ...]:
    if not any(ch in text for ch in _SPECIAL):
        return ((text, False, False, False, None, -1),)
    return tuple(_resolve(_tokenize(text)))


# ---- public --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def parse_inline(text: str) -> tuple[Span, ...]:
    """The visible text of `text` as styled spans, markers removed.

    Understands ``**bold**``, ``*italic*``, ``***both***`` (asterisks only: underscores
    stay literal, so snake_case names are safe), ```code``` (monospace; nothing inside is
    formatted and backslashes are literal; a run of n backticks closes with n backticks)
    and ``[text](url)`` links whose text may be formatted and whose url starts with
    http://, https:// or mailto: (otherwise the whole ``[text](url)`` stays literal; an
    empty text shows the url). A backslash makes the next character of ESCAPABLE literal.
    Markers that do not pair up -- unclosed, or an asterisk with spaces on both sides --
    are literal text, as in CommonMark.

    Adjacent spans of one style (and of one link) are merged and empty ones dropped, so
    "" gives () and text with no markup gives one plain span. Never raises.
    """
    spans: list[Span] = []
    last_key: tuple[bool, bool, bool, str | None, int] | None = None
    for piece_text, bold, italic, code, link, which in _pieces(text):
        if not piece_text:
            continue
        # Pieces of one style merge, but two links side by side stay two (even to one url).
        key = (bold, italic, code, link, which)
        if key == last_key:
            spans[-1] = Span(spans[-1].text + piece_text, bold, italic, code, link)
        else:
            spans.append(Span(piece_text, bold, italic, code, link))
        last_key = key
    return tuple(spans)


def plain_text(text: str) -> str:
    """The visible text without markers, for places with no formatting (outline view,
    alt text, notes). A link reads "text (url)", or just "text" when the text is the url
    (a mailto: link also when the text is the address). Never raises."""
    out: list[str] = []
    pieces = _pieces(text)
    i = 0
    while i < len(pieces):
        piece_text, _, _, _, link, link_id = pieces[i]
        if link is None:
            out.append(piece_text)
            i += 1
            continue
        label: list[str] = []
        while i < len(pieces) and pieces[i][5] == link_id:
            label.append(pieces[i][0])
            i += 1
        shown = "".join(label)
        address = link[len("mailto:"):] if link.lower().startswith("mailto:") else link
        out.append(shown if shown in (link, address) else f"{shown} ({link})")
    return "".join(out)


def has_markup(text: str) -> bool:
    """Whether `text` shows differently from its literal characters: some marker or
    escape takes effect. Cheap for plain text (a scan for \\ ` * [ only)."""
    if not any(ch in text for ch in _SPECIAL):
        return False
    return parse_inline(text) != (Span(text),)
