"""YAML mistakes explained in plain words: where the fix goes and what to write there.

The parser says where it got stuck, in its own terms; these read the lines around that
point the way a person would (which lines are siblings, which text holds a `: `) and say
what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from aligndeck.errors import Problem

_HINTS = (
    ("found character '\\t'", "a tab in the indentation; indent with spaces"),
    ("expected ',' or '}', but got '?'",
     "a '?' inside { … } starts a key there; put quotes around text with '?' or ': '"),
    ("mapping values are not allowed here",
     "a ': ' where it cannot go; check the indentation, or quote text containing ': '"),
    ("found unexpected end of stream", "a quote is never closed"),
    ("found undefined alias", "an alias (*name) with no anchor (&name) before it"),
)

_ITEM = re.compile(r"( *)-( +|$)")
_KEY = re.compile(r"""( *)("[^"]*"|'[^']*'|[^\s#'"?:,\[\]{}|>&*!%@`-][^#]*?|-[^\s#]\S*?):( +|$)""")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")


def quoted(text: str) -> str:
    """`text` as a YAML quoted scalar: double quotes unless it holds some (or a backslash)."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def syntax_problem(exc: yaml.YAMLError, text: str) -> Problem:
    """The parser's complaint turned into a located problem, with a plain-words fix when
    the lines around it show what went wrong."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    said = f"{context}: {problem}" if context else str(problem)
    lines = text.splitlines()
    misaligned = _misaligned(lines, line) if line else None
    if misaligned is not None:  # said in plain words: the parser's own would only puzzle
        return Problem(misaligned.line, misaligned.column, "", f"YAML syntax: "
                       f"{misaligned.message}")
    if "mapping values are not allowed here" in said and 0 < line <= len(lines):
        fix = _quote_fix(lines[line - 1])
        if fix:
            return Problem(line, col, "", "YAML syntax: a ': ' inside text makes a key of the "
                           f"words before it; put the text in quotes: {fix.strip()} ({said})")
    hint = next((h for needle, h in _HINTS if needle in said), None)
    message = f"YAML syntax: {hint} ({said})" if hint else f"YAML syntax: {said}"
    opened = _unclosed_quote_line(lines, line)
    if opened:
        message += f"; is the quote opened on line {opened} closed?"
    return Problem(line, col, "", message)


def _quote_fix(line: str) -> str | None:
    """`  summary: Phase I: 20 adults` → `summary: "Phase I: 20 adults"`, or None."""
    item = _ITEM.match(line)
    start = item.end() if item else 0
    key = _KEY.match(line, start)
    if key is None:
        return None
    rest = line[key.end():].rstrip()
    if ": " not in rest or rest[:1] in "\"'[{|>&*!":
        return None
    return line[: key.end()] + quoted(rest)


def _unclosed_quote_line(lines: list[str], before: int) -> int | None:
    """The first line before `before` with an odd number of double quotes, if any.

    A quote left open swallows the lines after it, so the parser complains much later;
    pointing at the line where the quote opened is what helps.
    """
    for number, line in enumerate(lines[: max(before - 1, 0)], 1):
        if line.lstrip().startswith("#"):
            continue
        if (line.count('"') - line.count('\\"')) % 2:
            return number
    return None


@dataclass(frozen=True)
class _Level:
    indent: int
    kind: str  # "item" (a `- ` line of a list) or "key" (a `key:` line of a mapping)
    line: int
    first: int = 0
    """The line of the first item or key at this level (0: this one's)."""

    @property
    def alone(self) -> bool:
        return self.first in (0, self.line)


@dataclass(frozen=True)
class _Misaligned:
    line: int
    column: int
    message: str


def _structure(lines: list[str], last: int) -> list[tuple[int, int, str, str]]:
    """(line number, indent, kind, key or '') for each list item and mapping key up to
    line `last`, skipping comments, block scalars (`|`, `>`) and lines of folded text."""
    found: list[tuple[int, int, str, str]] = []
    block_indent: int | None = None
    for number, line in enumerate(lines[:last], 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if block_indent is not None:
            if indent > block_indent:
                continue
            block_indent = None
        item = _ITEM.match(line)
        start = item.end() if item else 0
        if item:
            found.append((number, indent, "item", ""))
        key = _KEY.match(line, start)
        if key is not None:
            found.append((number, key.start(2), "key", key.group(2)))
        tail = line[key.end():] if key is not None else line[start:]
        if (key is not None or item) and _BLOCK_SCALAR.match(tail.strip()):
            block_indent = indent
    return found


def _misaligned(lines: list[str], error_line: int) -> _Misaligned | None:
    """The last list item or key, at or before the line the parser stopped on, that lines
    up with none of the blocks around it; with what its siblings use instead."""
    levels: list[_Level] = []
    found: _Misaligned | None = None
    for number, indent, kind, key in _structure(lines, error_line):
        popped: _Level | None = None
        while levels and levels[-1].indent > indent:
            popped = levels.pop()
        if (len(levels) > 1 and levels[-1].indent == indent and levels[-1].kind == "item"
                and kind == "key" and levels[-2].indent == indent):
            levels.pop()  # `points:` then `- a` at the same indent: that list has ended
        top = levels[-1] if levels else None
        what = f"`{key}:`" if kind == "key" else "this line"
        if top is not None and top.indent == indent:
            if top.kind == "item" and kind == "key":
                keys = popped.indent if popped is not None and popped.kind == "key" \
                    else indent + 2
                found = _Misaligned(number, indent + 1, (
                    f"{what} is indented {indent} spaces, like the items of the list above "
                    f"it, so it cannot belong to the item; the other keys of that item use "
                    f"{keys}: indent it by {keys} spaces"))
            levels[-1] = _Level(indent, kind, number, top.first or top.line)
            continue
        if (popped is not None and kind == "item" and popped.kind == "item"
                and popped.alone and (top is None or top.indent < indent)):
            # The list's first item is the odd one out: the items after it agree.
            return _Misaligned(popped.line, popped.indent + 1, (
                f"this item is indented {popped.indent} spaces; the items after it use "
                f"{indent}: line it up with them"))
        if popped is not None:  # between two levels: lines up with neither
            sibling = popped if popped.kind == kind or top is None or top.kind != kind \
                else top
            others = "items of this list" if kind == "item" else "keys beside it"
            found = _Misaligned(number, indent + 1, (
                f"{what} is indented {indent} spaces; the other {others} use "
                f"{sibling.indent} (line {sibling.line}): line it up with them"))
        levels.append(_Level(indent, kind, number))
    return found
