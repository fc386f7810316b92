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
        if _spans(text) == _merge(stretches):
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


def _spans(text: str) -> tuple[Styled, ...]:
    return _merge(tuple((s.text, s.bold, s.italic, s.code, s.link)
                        for s in parse_inline(text)))


def _merge(stretches: tuple[Styled, ...]) -> tuple[Styled, ...]:
    merged: list[Styled] = []
    for text, *style in stretches:
        if not text:
            continue
        if text.isspace():
            style = [False, False, False, None] if not merged else list(merged[-1][1:])
        if merged and list(merged[-1][1:]) == style:
            merged[-1] = (merged[-1][0] + text, *merged[-1][1:])
        else:
            merged.append((text, *style))  # type: ignore[arg-type]
    return tuple(merged)


def plain(text: str) -> str:
    """What an outline text shows once its markup is read, white space collapsed."""
    return " ".join("".join(s.text for s in _parsed(text)).split())


def _parsed(text: str) -> list[Span]:
    return list(parse_inline(text))
