"""Text from the deck back into the outline's inline markup: bold, italic, code and links
as `**`, `*`, backticks and `[text](url)`, checked by parsing the result again."""

from __future__ import annotations

import re

from aligndeck.edits.compare import Styled
from aligndeck.plan.markup import Span, parse_inline

_ESCAPE = re.compile(r"([\\`*\[\]])")


def to_markup(stretches: tuple[Styled, ...]) -> str | None:
    """The outline text that renders as `stretches`; None when the markup cannot say it
    (underlined text, a link inside code, …). Escapes only where they are needed."""
    for escape in (False, True):
        text = "".join(_piece(s, escape) for s in stretches)
        if _signature(_spans(text)) == _signature(stretches):
            return text
    return None


def _piece(stretch: Styled, escape: bool) -> str:
    text, bold, italic, code, link = stretch
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    core = text.strip()
    if not core:
        return text
    if code:
        longest = max((len(m) for m in re.findall(r"`+", core)), default=0)
        fence = "`" * (longest + 1)
        pad = " " if core.startswith("`") or core.endswith("`") else ""
        core = f"{fence}{pad}{core}{pad}{fence}"
    elif escape:
        core = _ESCAPE.sub(r"\\\1", core)
    if italic:
        core = f"*{core}*"
    if bold:
        core = f"**{core}**"
    if link:
        core = f"[{core}]({link})"
    return f"{lead}{core}{trail}"


def _signature(stretches: tuple[Styled, ...]) -> tuple[str, tuple[object, ...]]:
    """The text, and the style of each of its characters but white space, whose style
    cannot be seen (a space inside or outside the bold is the same)."""
    text = " ".join("".join(s[0] for s in stretches).split())
    styles = tuple(tuple(s[1:]) for s in stretches for ch in s[0] if not ch.isspace())
    return text, styles


def renders_as(text: str, stretches: tuple[Styled, ...]) -> bool:
    """Whether the outline's `text` shows as `stretches` once its markup is read."""
    return _signature(_spans(text)) == _signature(stretches)


def _spans(text: str) -> tuple[Styled, ...]:
    return tuple((s.text, s.bold, s.italic, s.code, s.link) for s in parse_inline(text))


def plain(text: str) -> str:
    """What an outline text shows once its markup is read, white space collapsed."""
    return " ".join("".join(s.text for s in _parsed(text)).split())


def _parsed(text: str) -> list[Span]:
    return list(parse_inline(text))
