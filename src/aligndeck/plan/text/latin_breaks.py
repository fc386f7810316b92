"""Unicode's line breaks (UAX #14, as uniseg 0.10 applies them) for text of Latin letters,
digits and common punctuation, without loading uniseg.

uniseg walks every rule over every character in pure Python: its import and the eleven
lines of the built-in talk with a dash, a curly quote or an arrow took about a sixth of a
cold build. Text made only of the characters below (ASCII, Latin-1 and Latin Extended-A,
dashes, curly quotes, an ellipsis, arrows) needs only the rules that can apply to their
classes, in uniseg's order; anything else goes to uniseg. None of these characters is East
Asian wide, so the East Asian clauses of LB19a and LB30 always hold. Each character's class
here is uniseg's (after LB1's AI -> AL), which `tests/test_latin_breaks.py` checks, and it
compares the outcome with uniseg's for any text hypothesis makes of these characters.
"""

from __future__ import annotations

_CLASSES = {
    "AL": "#&*<=>@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz~¦©¬®¯µ"
          "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
          + "".join(chr(c) for c in range(0x100, 0x180)) + "•"
          # AI, which LB1 resolves to AL
          + "§¨ª²³¶·¸¹º¼½¾×÷→←↑↓⇒™†‡",
    "B2": "—",
    "BA": "|‐–",
    "BB": "´",
    "CL": "}",
    "CP": ")]",
    "EX": "!?",
    "HY": "-",
    "IN": "…",
    "IS": ",.:;",
    "NU": "0123456789",
    "OP": "([{¡¿‚„",
    "PO": "%¢°′″",
    "PR": "$+\\£¤¥±−€",
    "QU": "\"'«»‘’“”‹›",
    "SP": " ",
    "SY": "/",
}

#: The line-break class of each character this module handles.
CLASS: dict[str, str] = {ch: cls for cls, chars in _CLASSES.items() for ch in chars}
#: Quotation marks by their general category: initial (Pi) and final (Pf) punctuation.
_PI = frozenset("«‘“‹")
_PF = frozenset("»’”›")

_LB15A_BEFORE = frozenset({"OP", "QU", "SP"})  # of BK CR LF NL OP QU GL SP ZW, those here
_LB15B_AFTER = frozenset({"SP", "CL", "QU", "CP", "EX", "IS", "SY"})
_LB13 = frozenset({"CL", "CP", "EX", "SY"})
_NUMERIC_GLUE = ("SY", "IS")
_AL = ("AL", "HL")
_PRPO = ("PR", "PO")


def handles(s: str) -> bool:
    """Whether `s` is made only of characters whose breaks `breakables` gives."""
    return all(ch in CLASS for ch in s)


def breakables(s: str) -> list[bool]:
    """Whether a line may break before each character of `s` (the first never), as
    uniseg's `line_break_breakables` says; `s` must be one that `handles` accepts."""
    if not s:
        return []
    cls = [CLASS[ch] for ch in s]
    return [False] + [_allowed(s, cls, i) for i in range(1, len(s))]


def _after_spaces(cls: list[str], i: int) -> int:
    """The index of the first of the spaces just before `i` (i itself if there are none)."""
    while i > 0 and cls[i - 1] == "SP":
        i -= 1
    return i


def _after_numeric_glue(cls: list[str], i: int) -> int:
    while i > 0 and cls[i - 1] in _NUMERIC_GLUE:
        i -= 1
    return i


def _allowed(s: str, cls: list[str], i: int) -> bool:
    """UAX #14's rules in uniseg's order, for the break before s[i] (i >= 1)."""
    prev, curr = cls[i - 1], cls[i]
    nxt = cls[i + 1] if i + 1 < len(cls) else None
    if curr == "SP" or curr in _LB13:  # LB7, LB13
        return False
    p = _after_spaces(cls, i)
    before = cls[p - 1] if p > 0 else None
    if before == "OP":  # LB14
        return False
    if p > 0 and s[p - 1] in _PI and (p - 1 == 0 or cls[p - 2] in _LB15A_BEFORE):  # LB15a
        return False
    if s[i] in _PF and (nxt is None or nxt in _LB15B_AFTER):  # LB15b
        return False
    if prev == "SP" and curr == "IS" and nxt == "NU":  # LB15c
        return True
    if curr == "IS":  # LB15d
        return False
    if (before in ("CL", "CP") and curr == "NS") or (before == "B2" and curr == "B2"):
        return False  # LB16, LB17
    if prev == "SP":  # LB18
        return True
    if curr == "QU" or prev == "QU":  # LB19 and LB19a: nothing here is East Asian
        return False
    if (curr == "AL" and prev in ("HY", "BA") and (i - 1 == 0 or cls[i - 2] == "SP")
            and (prev == "HY" or s[i - 1] == "\u2010")):  # LB20a
        return False
    if curr in ("BA", "HY", "NS") or prev == "BB" or curr == "IN":  # LB21, LB22
        return False
    if (prev in _AL and curr == "NU") or (prev == "NU" and curr in _AL):  # LB23
        return False
    if (prev in _PRPO and curr in _AL) or (prev in _AL and curr in _PRPO):  # LB24
        return False
    if _numeric(cls, i, prev, curr, nxt):  # LB25
        return False
    if prev in _AL and curr in _AL:  # LB28
        return False
    if prev == "IS" and curr in _AL:  # LB29
        return False
    # LB30 (nothing here is East Asian); else LB31
    return not ((prev in ("AL", "HL", "NU") and curr == "OP")
                or (prev == "CP" and curr in ("AL", "HL", "NU")))


def _numeric(cls: list[str], i: int, prev: str, curr: str, nxt: str | None) -> bool:
    """LB25: the parts of a number (prefix, digits, separators, closing, suffix) stay
    together."""
    if curr in _PRPO:
        if prev in ("CL", "CP"):
            q = _after_numeric_glue(cls, i - 1)
            if q > 0 and cls[q - 1] == "NU":
                return True
        q = _after_numeric_glue(cls, i)
        if q > 0 and cls[q - 1] == "NU":
            return True
    if prev in _PRPO and curr == "OP" and (
            nxt == "NU" or (nxt == "IS" and i + 2 < len(cls) and cls[i + 2] == "NU")):
        return True
    if curr == "NU":
        if prev in _PRPO or prev in ("HY", "IS"):
            return True
        q = _after_numeric_glue(cls, i)
        if q > 0 and cls[q - 1] == "NU":
            return True
    return False
